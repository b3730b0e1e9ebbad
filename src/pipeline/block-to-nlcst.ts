import type {Nodes} from 'mdast'
import {toNlcst, type Options} from 'mdast-util-to-nlcst'
import type {Root} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import {VFile} from 'vfile'
import type {location} from 'vfile-location'
import {realignLeaves} from './realign-leaves.js'
import {shiftedCopy, shiftPositions} from './shift.js'

/** Where the piece of the file that a block was parsed from starts: lines before it, and its offset. */
export interface PieceStart {
  lines: number
  offset: number
}

const FILE_START: PieceStart = {lines: 0, offset: 0}

/**
 * One Markdown block as nlcst, with positions in the whole file.
 *
 * mdast-util-to-nlcst indexes the lines of the file it is given on every call,
 * scanning from the start up to the block, so converting a long file block by
 * block was quadratic (4 MB of Markdown took 44 s). Each block is converted
 * against the text from its first line's start to its end instead, with its
 * positions moved there and the result's moved back; then its leaves are put
 * back on the characters they come from (see realignLeaves). A block parsed
 * from a piece of the file has positions in that piece, which starts at `piece`.
 */
export function blockToNlcst(block: Nodes, doc: string, place: ReturnType<typeof location>, options: Options, piece: PieceStart = FILE_START): Root {
  const start = block.position?.start
  const end = block.position?.end
  if (start?.offset === undefined || end?.offset === undefined) return toNlcst(block, new VFile(doc), ParseEnglish, options)
  const lineStart = start.offset - (start.column - 1)
  const lines = start.line - 1
  const local = shiftedCopy(block, -lines, -lineStart)
  const tree = toNlcst(local, new VFile(doc.slice(piece.offset + lineStart, piece.offset + end.offset)), ParseEnglish, options)
  shiftPositions(tree, piece.lines + lines, piece.offset + lineStart)
  realignLeaves(tree, doc, place)
  return tree
}
