/**
 * Where a Markdown source can be cut so that its pieces, parsed one by one,
 * give the blocks a parse of the whole file gives. micromark holds every event
 * of a document at once (4 MB of Markdown took 700 MB), so a large file is
 * parsed a piece at a time.
 *
 * A cut is safe before a line that starts, at its first column, with a letter
 * or an ATX heading, right after a blank line: no container (list, block
 * quote) and no paragraph goes on past such a line, so a new top-level block
 * starts there. What can still run over blank lines is tracked from the top:
 * fenced code, HTML blocks of CommonMark's kinds 1 to 5 and front matter.
 * Reference and footnote definitions act across the whole file; they are
 * handed to every piece (see `definitionsOf`).
 */

const BLANK = /^[ \t]*$/u
const STARTS_BLOCK = /^(?:\p{L}|#{1,6}(?:[ \t]|$))/u
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/u
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/u
const HTML_LINE = /^ {0,3}</u
/** HTML blocks that blank lines do not end, and what ends each (CommonMark 4.6, kinds 1 to 5). */
const LONG_HTML_BLOCKS: ReadonlyArray<readonly [start: RegExp, end: RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[ \t>]|$)/iu, /<\/(?:script|pre|style|textarea)>/iu],
  [/^ {0,3}<!--/u, /-->/u],
  [/^ {0,3}<\?/u, /\?>/u],
  [/^ {0,3}<![A-Za-z]/u, />/u],
  [/^ {0,3}<!\[CDATA\[/u, /\]\]>/u],
]
const FRONT_MATTER_OPEN = /^(?:---|\+\+\+)[ \t]*$/u
/** A reference (`[label]: url`) or footnote (`[^label]: text`) definition at the top level. */
const DEFINITION = /^ {0,3}\[(?:[^\\\]]|\\.)+\]:/u
/** The same inside a container (`> [label]: url`, `- [label]: url`): not handed on, so the file is not cut. */
const NESTED_DEFINITION = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)+\[(?:[^\\\]]|\\.)+\]:/u

interface Line {
  start: number
  /** Without its line break. */
  text: string
}

function* linesOf(text: string): Generator<Line> {
  let start = 0
  while (start < text.length) {
    const lineBreak = text.indexOf('\n', start)
    const end = lineBreak === -1 ? text.length : lineBreak
    yield {start, text: text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end)}
    start = end + 1
  }
}

export interface MarkdownCuts {
  /** Piece starts, then the text's length: `[0, ..., text.length]`. */
  cuts: number[]
  /** How many lines come before each piece. */
  lines: number[]
  /** The source of every definition, for each piece to parse after its own text. */
  definitions: string
}

/**
 * Cuts `text` into pieces of about `size` characters (more where no safe cut
 * comes sooner). A file with definitions inside containers is not cut.
 */
export function markdownCuts(text: string, size: number): MarkdownCuts {
  const whole = {cuts: [0, text.length], lines: [0], definitions: ''}
  if (text.length <= size) return whole
  const cuts = [0]
  const lines = [0]
  let lineIndex = -1
  const definitions: string[] = []
  /** What ends the block that blank lines do not end, while inside one. */
  let openUntil: ((line: string) => boolean) | undefined
  let previousBlank = false
  let lastContentIsHtml = false
  let definition: string[] | undefined
  let first = true

  for (const line of linesOf(text)) {
    lineIndex++
    const blank = BLANK.test(line.text)
    if (definition) {
      if (blank) {
        definitions.push(definition.join('\n'))
        definition = undefined
      } else {
        definition.push(line.text)
      }
    }
    if (openUntil) {
      if (openUntil(line.text)) openUntil = undefined
      previousBlank = false
      continue
    }
    if (
      previousBlank &&
      !lastContentIsHtml &&
      line.start - (cuts.at(-1) ?? 0) >= size &&
      STARTS_BLOCK.test(line.text)
    ) {
      cuts.push(line.start)
      lines.push(lineIndex)
    }
    if (first && FRONT_MATTER_OPEN.test(line.text)) {
      const fence = line.text.trim()
      openUntil = (next) => next.trim() === fence
    } else if (!blank) {
      openUntil = blockRunningPastBlankLines(line.text)
      if (NESTED_DEFINITION.test(line.text)) return whole
      if (DEFINITION.test(line.text) && !definition) definition = [line.text]
      lastContentIsHtml = HTML_LINE.test(line.text)
    }
    first = false
    previousBlank = blank
  }
  if (definition) definitions.push(definition.join('\n'))
  cuts.push(text.length)
  return {cuts, lines, definitions: definitions.join('\n\n')}
}

/** For a line that opens fenced code or a long HTML block, the test for the line that closes it. */
function blockRunningPastBlankLines(line: string): ((next: string) => boolean) | undefined {
  const fence = FENCE_OPEN.exec(line)
  // A backtick fence's info string holds no backtick; with one, the line is text.
  if (fence?.[1] && !(fence[1].startsWith('`') && fence[2]?.includes('`'))) {
    const opening = fence[1]
    return (next) => {
      const closing = FENCE_CLOSE.exec(next)?.[1]
      return closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length
    }
  }
  for (const [start, end] of LONG_HTML_BLOCKS) {
    const opened = start.exec(line)
    if (!opened) continue
    // The block may end on the line that opens it.
    if (end.test(line.slice(opened[0].length))) return undefined
    return (next) => end.test(next)
  }
  return undefined
}
