import type {Root} from 'nlcst'
import {readDirective, type Directive} from './directives.js'
import {EnglishParser, isParagraphBreak, whiteSpaceRun, type Run} from './english-parser.js'
import {parsePiece} from './piece-parser.js'
import {MAX_PARSE_WORKERS, piecesOnThreads, type PieceSpan} from './piece-threads.js'

/** A line that holds only an HTML comment: a control line, not prose, even in plain text. */
const CONTROL_LINE = /^([ \t]*)(<!--.*?-->)[ \t]*$/u

export interface ParsedText {
  /** The text's trees, piece after piece (one piece for all but large texts), parsed as they are read. */
  pieces: Iterable<Root>
  directives: Directive[]
  /** The text as parsed: control lines are spaces in it. */
  prose: string
}

/** Parses plain English text, with the control lines turned to spaces so their words are not prose. */
export function parsePlainText(text: string, threads = 1): ParsedText {
  // Most texts have no comment at all: no need to copy them line by line.
  if (!text.includes('<!--')) return {pieces: textTrees(text, threads), directives: [], prose: text}
  // Lines end where parse-english ends them: at a line feed, a carriage return, or both together.
  const lines = text.split(/(?<=\n|\r(?!\n))/u)
  const directives: Directive[] = []
  let offset = 0
  let blanked = ''
  lines.forEach((line, index) => {
    const body = line.replace(/(?:\r?\n|\r)$/u, '')
    const match = CONTROL_LINE.exec(body)
    const read = match?.[2] ? readDirective(match[2]) : undefined
    if (match?.[2] && read) {
      const column = (match[1]?.length ?? 0) + 1
      const start = {line: index + 1, column, offset: offset + column - 1}
      const end = {line: index + 1, column: column + match[2].length, offset: offset + column - 1 + match[2].length}
      directives.push({...read, place: {start, end}, text: match[2].replace(/^<!--\s*|\s*-->$/gu, ''), lines: linesOf(read.kind, lines, index)})
      blanked += body.replace(/[^\s]/gu, ' ') + line.slice(body.length)
    } else {
      blanked += line
    }
    offset += line.length
  })
  return {pieces: textTrees(blanked, threads), directives, prose: blanked}
}

/**
 * Past this size a text is parsed in pieces cut at blank lines: retext-english
 * slows down per byte as one document grows, and pieces keep it linear.
 * Measured on 2 MB of articles: 8 KB pieces parse in 0.38 s, 64 KB ones in
 * 1.02 s, 2 KB ones in 0.62 s (more pieces, more overhead).
 */
export const PIECE_SIZE = 8 * 1024

const BLANK_LINE_END = /[ \t]*\r?\n/y

/** How many runs of white space the cutter looked at, for tests: each run once per search, however many lines it holds. */
export interface CutLooks {
  runs: number
}

/** After the first blank line at or past `from`, if it starts before `limit`; a search that stops at `limit`. */
function blankLineCut(text: string, from: number, limit: number, looks: CutLooks): number | undefined {
  for (let index = text.indexOf('\n', from); index !== -1 && index < limit; index = text.indexOf('\n', index + 1)) {
    BLANK_LINE_END.lastIndex = index + 1
    if (!BLANK_LINE_END.test(text)) continue
    // Cut after the line break, so that every piece starts at a line start; only where the parser ends a paragraph
    // (a vertical tab among the blank lines keeps two paragraphs one).
    const run = whiteSpaceRun(text, index)
    looks.runs++
    if (isParagraphBreak(text, run)) return index + 1
    // Every line break of the run is answered alike: looked at once, however many blank lines it holds.
    index = run.end - 1
  }
  return undefined
}

/** How much text on each side of a line break shows whether the parser ends a paragraph there. */
const CONTEXT = 240
/** Line breaks tried before giving up on a stretch of text without blank lines. */
const TRIES = 40

/**
 * Whether retext-english ends a paragraph at the line break at `index`. It
 * does so at a single line break between two sentences (`stay.\nThe`) but not
 * inside one (`he\nsaid`, `stay.\nand`); the two sentences around the break
 * decide, so the text around it is parsed to ask.
 */
function endsParagraph(text: string, index: number, run: Run): boolean {
  // The window holds the white space around the break whole, and text on both sides of it: cut inside the white
  // space, the parse would take what is left of it for the start or end of the text.
  const start = text.lastIndexOf('\n', Math.max(0, run.start - CONTEXT)) + 1
  const window = text.slice(start, Math.min(text.length, run.end + CONTEXT))
  const at = index - start
  for (const child of new EnglishParser().parse(window).children) {
    const {start: from, end: to} = child.position ?? {}
    if (from?.offset === undefined || to?.offset === undefined || at < from.offset || at >= to.offset) continue
    return child.type === 'WhiteSpaceNode'
  }
  return false
}

/** After the first single line break between `from` and `limit` at which the parser ends a paragraph. */
function lineBreakCut(text: string, from: number, limit: number, looks: CutLooks): number | undefined {
  let index = text.indexOf('\n', from)
  // A line break that ends the text leaves nothing to cut off.
  for (let tries = 0; index !== -1 && index < limit && index + 1 < text.length && tries < TRIES; tries++) {
    const run = whiteSpaceRun(text, index)
    looks.runs++
    if (endsParagraph(text, index, run)) return index + 1
    // The parser answers alike for every line break of one run of white space.
    index = text.indexOf('\n', run.end)
  }
  return undefined
}

/**
 * Where to cut `text` into pieces of about `size`, each cut at a line start
 * between two paragraphs: at a blank line, or, in text whose paragraphs are
 * single lines (archive exports often are), at a line break where the parser
 * ends a paragraph anyway. So the pieces hold the paragraphs a whole parse
 * would give.
 */
export function pieceBoundaries(text: string, size: number, looks: CutLooks = {runs: 0}): number[] {
  const cuts = [0]
  let from = size
  while (from < text.length) {
    const cut =
      blankLineCut(text, from, from + size, looks) ?? lineBreakCut(text, from, Number.POSITIVE_INFINITY, looks) ?? blankLineCut(text, from, Number.POSITIVE_INFINITY, looks)
    if (cut === undefined) break
    cuts.push(cut)
    from = cut + size
  }
  cuts.push(text.length)
  return cuts
}

/** Line breaks as parse-latin counts them for positions: a line feed, a carriage return, or the two together. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++
  // A carriage return alone is a line of its own; one before a line feed was counted with it.
  for (let at = text.indexOf('\r', from); at !== -1 && at < to; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) count++
  return count
}

/** The pieces of a text of more than `size` characters, cut at paragraph boundaries (see pieceBoundaries). */
export function pieceSpans(text: string, size = PIECE_SIZE): PieceSpan[] {
  const cuts = pieceBoundaries(text, size)
  const spans: PieceSpan[] = []
  let lines = 0
  for (let index = 0; index + 1 < cuts.length; index++) {
    const start = cuts[index] ?? 0
    const end = cuts[index + 1] ?? text.length
    spans.push({start, end, lines})
    lines += countLineBreaks(text, start, end)
  }
  return spans
}

/**
 * Parses a text piece by piece, each tree's positions shifted to the whole
 * text. Only one piece's tree needs to be alive at a time.
 */
export function* piecesOf(text: string, size = PIECE_SIZE): Generator<Root> {
  if (text.length <= size) {
    yield new EnglishParser().parse(text)
    return
  }
  yield* spansParsedHere(text, pieceSpans(text, size))
}

function* spansParsedHere(text: string, spans: readonly PieceSpan[]): Generator<Root> {
  // Pieces start at a line start, so only lines and offsets move, never columns.
  for (const {start, end, lines} of spans) yield parsePiece(text.slice(start, end), lines, start)
}

/**
 * From this many characters on, and when threads are allowed, pieces are
 * parsed on worker threads too. Measured on 2 shared cores (5 alternated
 * runs each): 2 MB took 1.34 s with a parse worker against 1.09 s without,
 * 5 MB 2.02 s against 2.13, 10 MB 2.8 s against 3.3 to 3.6. A worker takes
 * 150 to 200 ms to start, and the second core is half taken by this thread's
 * garbage collector and compiler.
 */
export const THREADED_MIN_CHARS = 6_000_000
/** Fewer pieces than this (a large text with few places to cut) are parsed here: a worker would mostly wait. */
const THREADED_MIN_PIECES = 16

/** The trees of `text`: on `threads` threads (this one included) for a large text cut in many pieces, here otherwise. */
function textTrees(text: string, threads: number): Iterable<Root> {
  if (threads <= 1 || text.length < THREADED_MIN_CHARS) return piecesOf(text)
  const spans = pieceSpans(text)
  if (spans.length < THREADED_MIN_PIECES) return spansParsedHere(text, spans)
  return piecesOnThreads(text, spans, Math.min(threads - 1, MAX_PARSE_WORKERS))
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === ''

/** The lines a `disable-next-line` or `ignore` on line `index` (0-based) covers, 1-based. */
function linesOf(kind: Directive['kind'], lines: readonly string[], index: number): Directive['lines'] {
  if (kind === 'disable-next-line') return {start: index + 2, end: index + 2}
  if (kind !== 'ignore') return undefined
  // The next block: from its first line to the line before the next blank one.
  let first = index + 1
  while (first < lines.length && isBlank(lines[first])) first++
  let last = first
  while (last + 1 < lines.length && !isBlank(lines[last + 1])) last++
  return {start: first + 1, end: last + 1}
}
