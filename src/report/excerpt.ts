/**
 * The piece of a source line that the `stylish` format shows under a problem,
 * with the caret line that marks the span. Articles keep a whole paragraph on
 * one line, so a long line is cut to a window around the span.
 */
export interface Excerpt {
  /** The shown text, `…` where the line was cut. */
  text: string
  /** Whitespace as wide as the text before the span, tabs kept so the caret lines up. */
  padding: string
  /** How many carets: the span's width on this line, at least one. */
  width: number
}

/** Characters of context kept on each side of the span when a line is cut. */
const CONTEXT = 40
/** Carets shown at most, for a span that runs on for a paragraph. */
const MAX_SPAN = 80
const ELLIPSIS = '…'

/** Where a line ends: the parsers end one at a line feed, a carriage return, or both together. */
const LINE_END = /\r\n|\r|\n/gu

/**
 * The lines of a source, by number, as positions count them. Lines are found
 * as they are first asked for, and where each starts is noted (8 bytes a
 * line): a 10 MB text is not cut into 200,000 strings to show a few of them,
 * and problems out of line order cost no second search. The line last asked
 * for is kept: a minified page has thousands of problems on one line.
 */
export class SourceLines {
  /** Where each line found so far starts, line 1 first. */
  readonly #starts: number[] = [0]
  /** Whether the last line found is the source's last. */
  #complete = false
  #last: {number: number; text: string} | undefined

  constructor(private readonly source: string) {}

  /** Line `number` (1-based) without its line break; undefined past the last line, or for a number that is not a line's. */
  at(number: number): string | undefined {
    if (!Number.isInteger(number) || number < 1) return undefined
    if (this.#last?.number === number) return this.#last.text
    while (this.#starts.length < number && !this.#complete) {
      const end = this.#endFrom(this.#starts.at(-1) ?? 0)
      if (end === undefined) this.#complete = true
      else this.#starts.push(end.index + end[0].length)
    }
    const start = this.#starts[number - 1]
    if (start === undefined) return undefined
    const text = this.source.slice(start, this.#endFrom(start)?.index)
    this.#last = {number, text}
    return text
  }

  #endFrom(index: number): RegExpExecArray | undefined {
    LINE_END.lastIndex = index
    return LINE_END.exec(this.source) ?? undefined
  }
}

/** Moves an index in UTF-16 code units off the second half of a surrogate pair. */
function codePointStart(text: string, index: number): number {
  const unit = text.charCodeAt(index)
  return index > 0 && index < text.length && unit >= 0xdc00 && unit <= 0xdfff ? index - 1 : index
}

// East Asian wide and fullwidth characters and emoji take two terminal cells.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}/u
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\uFE00-\uFE0F]/u
// Control characters of a draft must not drive the terminal: they are shown as U+FFFD.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu

/** Blank space as wide on a terminal as `text`, keeping its tabs. */
function blankLike(text: string): string {
  let blank = ''
  for (const character of text) {
    if (character === '\t') blank += '\t'
    else if (ZERO_WIDTH.test(character)) continue
    else blank += WIDE.test(character) ? '  ' : ' '
  }
  return blank
}

function displayWidth(text: string): number {
  return blankLike(text).length
}

/**
 * The excerpt for a problem that starts at `column` (1-based, UTF-16 code
 * units) of `line` and ends at `endColumn` of `endLine` (exclusive).
 */
export function excerptOf(line: string, column: number, endLine: number, lineNumber: number, endColumn: number): Excerpt {
  const start = codePointStart(line, Math.min(Math.max(column - 1, 0), line.length))
  const spanEnd = endLine > lineNumber ? line.length : Math.min(Math.max(endColumn - 1, start), line.length)
  const end = codePointStart(line, Math.min(spanEnd, start + MAX_SPAN))
  const from = start > CONTEXT ? codePointStart(line, start - CONTEXT) : 0
  const to = line.length - end > CONTEXT ? codePointStart(line, end + CONTEXT) : line.length
  const lead = from > 0 ? ELLIPSIS : ''
  const tail = to < line.length ? ELLIPSIS : ''
  const shown = (text: string) => text.replace(CONTROL, '\uFFFD')
  const before = lead + shown(line.slice(from, start))
  return {
    text: before + shown(line.slice(start, to)) + tail,
    padding: blankLike(before),
    width: Math.max(1, displayWidth(shown(line.slice(start, end)))),
  }
}
