import type {Paragraph} from 'mdast'
import {BLANK, linesOf} from './markdown-pieces.js'

/**
 * Paragraphs of a Markdown file that hold no Markdown, read without micromark.
 *
 * Most of an article written in Markdown is paragraphs of plain prose, and
 * micromark costs more than the rest of the lint on them: an article parsed
 * as Markdown took 2.7 times as long as the same bytes as plain text, much of
 * it in collecting the parser's events. A paragraph at the top level whose
 * lines start as no other block starts, hold no character that opens an
 * inline construct and end without white space becomes, in mdast, one
 * paragraph holding one text node with the lines as they are written. Those
 * paragraphs are built here; anything else goes to the parser.
 *
 * That the paragraph is at the top level is the caller's to know (see
 * readPiece in parse-markdown.ts: the source before it is parsed with a
 * sentinel paragraph after it, which shows that nothing is left open).
 */

/**
 * Characters and words that may start inline Markdown, GFM or a character
 * the parser replaces: code, raw HTML and autolinks, entities, escapes and
 * hard breaks, tables, strikethrough, GFM's bare links (`www.`, `https://`,
 * `a@b.c`), NUL (read as U+FFFD), and a carriage return that is not part of
 * CRLF (a line ending of its own). Emphasis and brackets are looked at below.
 */
const INLINE_SYNTAX = /[`<>&\\|~@\0]|www\.|:\/\/|\r(?!\n)/iu
/**
 * A `*` or `_` that may open or close emphasis: one not between spaces or
 * tabs (or a space and the end of its line). A run of them with white space
 * on both sides flanks nothing and stays text, as in `Name *` under a
 * comment form or `a * b`.
 */
const EMPHASIS_DELIMITER = /(?<![ \t*])\*|\*(?![ \t*]|\r?\n|$)|(?<![ \t_])_|_(?![ \t_]|\r?\n|$)/u
/**
 * A bracket that may make a link or an image whatever the definitions: an
 * inline one, `[text](url)`. Any other bracket makes a link only with a
 * definition of its label, which a file without `]:` has none of.
 */
const BRACKET = /[[\]]/u
const INLINE_LINK = /\]\(/u

/** What a caller knows of the whole file that lets more paragraphs be read without the parser. */
export interface PlainSyntax {
  /** The file defines no link or footnote label (it has no `]:`): a bracket without `](` is text. */
  noDefinitions?: boolean
}

/**
 * How a line of a plain paragraph starts: with a letter, a quotation mark,
 * an opening parenthesis, or digits that are not an ordered list's number.
 * No container, heading, fence, HTML block, thematic break, setext underline
 * or table row starts so, and no indentation either.
 */
const PLAIN_LINE_START = /^(?:\p{L}|["'“‘«(]|\d+(?![\d.)]))/u
/** The parser drops white space at the end of a line of a paragraph, and two spaces there are a hard break. */
const ENDS_IN_WHITE_SPACE = /\s$/u

/**
 * The paragraphs of `doc` from `start` to `end`, a stretch at the top level
 * made of plain paragraphs and blank lines only, with positions in `doc`
 * (`lines` line breaks come before `start`); undefined if the stretch holds
 * anything else, or might.
 */
export function plainParagraphs(doc: string, start: number, end: number, lines: number, {noDefinitions = false}: PlainSyntax = {}): Paragraph[] | undefined {
  const stretch = doc.slice(start, end)
  if (INLINE_SYNTAX.test(stretch) || EMPHASIS_DELIMITER.test(stretch)) return undefined
  if (BRACKET.test(stretch) && (!noDefinitions || INLINE_LINK.test(stretch))) return undefined
  const paragraphs: Paragraph[] = []
  let line = lines + 1
  let first: {line: number; offset: number} | undefined
  let last: {line: number; start: number; end: number} | undefined
  const close = () => {
    if (!first || !last) return
    const {line: startLine, offset: startOffset} = first
    const {line: endLine, start: endLineStart, end: endOffset} = last
    // The paragraph and its text have points of their own, as in micromark's trees: the converters move points in place.
    const position = () => ({
      start: {line: startLine, column: 1, offset: startOffset},
      end: {line: endLine, column: endOffset - endLineStart + 1, offset: endOffset},
    })
    const value = doc.slice(startOffset, endOffset)
    paragraphs.push({type: 'paragraph', children: [{type: 'text', value, position: position()}], position: position()})
    first = undefined
    last = undefined
  }
  for (const {start: lineStart, text} of linesOf(doc, start, end)) {
    if (BLANK.test(text)) {
      close()
    } else {
      if (!PLAIN_LINE_START.test(text) || ENDS_IN_WHITE_SPACE.test(text)) return undefined
      first ??= {line, offset: lineStart}
      last = {line, start: lineStart, end: lineStart + text.length}
    }
    line++
  }
  close()
  return paragraphs
}
