/**
 * Where a Markdown source may be cut so that its pieces, parsed one by one,
 * give the blocks a parse of the whole file gives. micromark holds every event
 * of a document at once (4 MB of Markdown took 700 MB), so a large file is
 * parsed a piece at a time.
 *
 * A cut is proposed before a line that starts, at its first column, with a
 * letter or an ATX heading, right after a blank line: no container (list,
 * block quote) and no paragraph goes on past such a line, so a new top-level
 * block starts there, unless the line is inside a block that blank lines do
 * not end: fenced code, HTML blocks of CommonMark's kinds 1 to 5, front
 * matter. Those are followed from the top, line by line, with no more of the
 * containers than whether the last unindented line opened one; a mistake
 * there costs only parses, because the parser checks every piece (see
 * settledPieces in parse-markdown.ts) and cuts again where one ends inside an
 * open block.
 */

export const BLANK = /^[ \t]*$/u
const STARTS_BLOCK = /^(?:\p{L}|#{1,6}(?:[ \t]|$))/u
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/u
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/u
const HTML_LINE = /^ {0,3}</u
const UNINDENTED = /^\S/u
/** A line that opens a list item or a block quote at the top level. */
const CONTAINER_START = /^(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|>)/u
/** HTML blocks that blank lines do not end, and what ends each (CommonMark 4.6, kinds 1 to 5). */
const LONG_HTML_BLOCKS: ReadonlyArray<readonly [start: RegExp, end: RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[ \t>]|$)/iu, /<\/(?:script|pre|style|textarea)>/iu],
  [/^ {0,3}<!--/u, /-->/u],
  [/^ {0,3}<\?/u, /\?>/u],
  [/^ {0,3}<![A-Za-z]/u, />/u],
  [/^ {0,3}<!\[CDATA\[/u, /\]\]>/u],
]
/** Front matter as remark-frontmatter reads it: a fence on the first line, the same fence alone to close it. */
const FRONT_MATTER_OPEN = /^(---|\+\+\+)[ \t]*$/u

export interface Line {
  start: number
  /** Without its line break. */
  text: string
}

/** A line ending as micromark reads one: CRLF, LF, or a carriage return alone. */
const LINE_ENDING = /\r\n?|\n/gu

/** The lines of `text` from `from` (a line start) to `to`, each without its line ending. */
export function* linesOf(text: string, from: number, to = text.length): Generator<Line> {
  let start = from
  while (start < to) {
    LINE_ENDING.lastIndex = start
    const ending = LINE_ENDING.exec(text)
    const end = ending ? ending.index : text.length
    yield {start, text: text.slice(start, end)}
    start = ending ? end + ending[0].length : text.length
  }
}

/**
 * Proposed cuts of `text` into pieces of at least `size` characters:
 * `[from, ..., to]`. `from` is a line start outside any block, and so is
 * `to`, if not the text's end.
 */
export function markdownCuts(text: string, size: number, from = 0, to = text.length): number[] {
  // micromark drops a byte order mark and counts offsets from after it, where pieces would count from the file's start.
  // Files lose theirs when read; only a text handed to the API can have one, and it is parsed whole.
  if (to - from <= size || text.startsWith('\uFEFF')) return [from, to]
  const cuts = [from]
  /** Where the block that blank lines do not end stands with each line, while inside one. */
  let openUntil: Closer | undefined
  let previousBlank = false
  /** Whether the last unindented line opened a list item or a block quote: indented lines after it are its. */
  let inContainer = false
  // Not right after HTML either: a control comment needs the block after it in its piece.
  let lastContentIsHtml = false
  let first = from === 0

  for (const line of linesOf(text, from, to)) {
    const blank = BLANK.test(line.text)
    if (openUntil) {
      const where = openUntil(line.text)
      if (where !== 'after') {
        if (where === 'last') openUntil = undefined
        previousBlank = blank
        continue
      }
      // The line ended the block without belonging to it: it is read like any other.
      openUntil = undefined
    }
    if (previousBlank && !lastContentIsHtml && line.start - (cuts.at(-1) ?? 0) >= size && STARTS_BLOCK.test(line.text)) cuts.push(line.start)
    const frontMatter = first ? FRONT_MATTER_OPEN.exec(line.text)?.[1] : undefined
    if (frontMatter) {
      openUntil = (next) => (next.replace(/[ \t]+$/u, '') === frontMatter ? 'last' : 'in')
    } else if (!blank) {
      const closer = blockRunningPastBlankLines(line.text)
      // Opened on an indented line of a list item or block quote, the block ends with it, at the first unindented line.
      openUntil = closer && inContainer && !UNINDENTED.test(line.text) ? (next) => (UNINDENTED.test(next) ? 'after' : closer(next)) : closer
      lastContentIsHtml = HTML_LINE.test(line.text)
      if (UNINDENTED.test(line.text)) inContainer = CONTAINER_START.test(line.text)
    }
    first = false
    previousBlank = blank
  }
  cuts.push(to)
  return cuts
}

/** Where a block that blank lines do not end stands with a line: the line is in it, closes it, or comes after it. */
type Closer = (line: string) => 'in' | 'last' | 'after'

/** For a line that opens fenced code or a long HTML block, what tells the line that closes it. */
function blockRunningPastBlankLines(line: string): Closer | undefined {
  const fence = FENCE_OPEN.exec(line)
  // A backtick fence's info string holds no backtick; with one, the line is text.
  if (fence?.[1] && !(fence[1].startsWith('`') && fence[2]?.includes('`'))) {
    const opening = fence[1]
    return (next) => {
      const closing = FENCE_CLOSE.exec(next)?.[1]
      return closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length ? 'last' : 'in'
    }
  }
  for (const [start, end] of LONG_HTML_BLOCKS) {
    const opened = start.exec(line)
    if (!opened) continue
    // The block may end on the line that opens it.
    if (end.test(line.slice(opened[0].length))) return undefined
    return (next) => (end.test(next) ? 'last' : 'in')
  }
  return undefined
}
