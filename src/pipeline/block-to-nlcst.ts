import type {Nodes} from 'mdast'
import {toNlcst, type Options} from 'mdast-util-to-nlcst'
import type {Root} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import type {Node} from 'unist'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {cutLongTexts, LONGEST_TEXT} from './long-texts.js'
import {realignLeaves, type Syntax} from './realign-leaves.js'
import {shiftedCopy, shiftPositionsInPlace} from './shift.js'

/** Where the piece of the file that a block was parsed from starts: lines before it, and its offset. */
export interface PieceStart {
  lines: number
  offset: number
}

export const FILE_START: PieceStart = {lines: 0, offset: 0}

/**
 * Part of a Markdown or HTML tree as nlcst, with positions in the whole file.
 *
 * mdast-util-to-nlcst and hast-util-to-nlcst index the lines of the file they
 * are given on every call, scanning from the start up to the part, so
 * converting a long file part by part was quadratic (4 MB of Markdown took
 * 44 s). Each part is converted against the text from its first line's start
 * to its end instead, with its positions moved there and the result's moved
 * back; then its leaves are put back on the characters they come from (see
 * realignLeaves). A part parsed from a piece of the file has positions in
 * that piece, which starts at `piece`.
 */
export function partToNlcst<Part extends Node>(
  part: Part,
  doc: string,
  place: ReturnType<typeof location>,
  convert: (part: Part, file: VFile) => Root,
  syntax: Syntax,
  piece: PieceStart = FILE_START
): Root {
  const start = part.position?.start
  const end = part.position?.end
  if (start?.offset === undefined || end?.offset === undefined) return convert(part, new VFile(doc))
  const lineStart = start.offset - (start.column - 1)
  const lines = start.line - 1
  const local = shiftedCopy(part, -lines, -lineStart)
  const file = new VFile(doc.slice(piece.offset + lineStart, piece.offset + end.offset))
  // No text is longer than the source it comes from: a short part needs no looking.
  if (end.offset - lineStart > LONGEST_TEXT) {
    const points = location(file)
    cutLongTexts(local, (offset) => points.toPoint(offset))
  }
  const tree = convert(local, file)
  shiftPositionsInPlace(tree, piece.lines + lines, piece.offset + lineStart)
  realignLeaves(tree, doc, place, syntax)
  return tree
}

/** One Markdown block as nlcst, with positions in the whole file (see partToNlcst). */
export function blockToNlcst(block: Nodes, doc: string, place: ReturnType<typeof location>, options: Options, piece?: PieceStart): Root {
  return partToNlcst(block, doc, place, (local, file) => toNlcst(local, file, ParseEnglish, options), 'markdown', piece)
}
