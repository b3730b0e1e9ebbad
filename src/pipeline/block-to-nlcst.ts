import type {Nodes} from 'mdast'
import {toNlcst, type Options} from 'mdast-util-to-nlcst'
import type {Root} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import {VFile} from 'vfile'
import type {location} from 'vfile-location'
import {realignLeaves} from './realign-leaves.js'
import {shiftedCopy, shiftPositions} from './shift.js'

/**
 * One Markdown block as nlcst, with positions in the whole file.
 *
 * mdast-util-to-nlcst indexes the lines of the file it is given on every call,
 * scanning from the start up to the block, so converting a long file block by
 * block was quadratic (4 MB of Markdown took 44 s). Each block is converted
 * against the text from its first line's start to its end instead, with its
 * positions moved there and the result's moved back; then its leaves are put
 * back on the characters they come from (see realignLeaves).
 */
export function blockToNlcst(block: Nodes, doc: string, place: ReturnType<typeof location>, options: Options): Root {
  const start = block.position?.start
  const end = block.position?.end
  if (start?.offset === undefined || end?.offset === undefined) return toNlcst(block, new VFile(doc), ParseEnglish, options)
  const lineStart = start.offset - (start.column - 1)
  const lines = start.line - 1
  const local = shiftedCopy(block, -lines, -lineStart)
  const tree = toNlcst(local, new VFile(doc.slice(lineStart, end.offset)), ParseEnglish, options)
  shiftPositions(tree, lines, lineStart)
  realignLeaves(tree, doc, place)
  return tree
}
