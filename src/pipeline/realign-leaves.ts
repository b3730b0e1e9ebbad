import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import type {Node, Parent, Point} from 'unist'
import type {location} from 'vfile-location'
import type {DocumentType} from '../rule.js'

/** `&amp;`, `&#8220;`, `&#x201C;`: a character reference as Markdown and HTML write one, closed by `;` or not. */
const REFERENCE = /&(?:#(\d+)|#[xX]([\da-fA-F]+)|([A-Za-z][A-Za-z\d]{1,31}))(;?)/y
/** What a Markdown backslash escapes: ASCII punctuation. */
const ESCAPABLE = /[!-/:-@[-`{-~]/u
/** What may open a continuation line of a block without being its text: indentation and quote markers. */
const LINE_PREFIX = /[ \t>]/u
/**
 * How far past where it should start a word is looked for. A text node starts
 * where the converter says, and its words follow one another, so the only
 * gaps are line prefixes (`> `, list indentation) after a line break.
 */
const REACH = 64
const WHITE_SPACE = /^\s+$/u
const REPLACEMENT = '\uFFFD'
/** The characters HTML reads `&#128;` to `&#159;` as, Windows-1252's: `&#147;` is `“`. */
const WINDOWS_1252 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ'

/** Markdown reads backslash escapes, HTML does not. */
export type Syntax = Exclude<DocumentType, 'text'>

interface Reference {
  length: number
  /** What parsers may have made of it: a numeric reference to a control character is `�` in Markdown and Windows-1252 in HTML. */
  readings: string[]
  closed: boolean
}

function numericReadings(code: number): string[] {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return [REPLACEMENT]
  const own = String.fromCodePoint(code)
  return code >= 0x80 && code <= 0x9f ? [WINDOWS_1252.charAt(code - 0x80), own, REPLACEMENT] : [own, REPLACEMENT]
}

function referenceAt(doc: string, at: number): Reference | undefined {
  REFERENCE.lastIndex = at
  const match = REFERENCE.exec(doc)
  if (!match) return undefined
  const [source, decimal, hexadecimal, name, semicolon] = match
  let readings: string[]
  if (name === undefined) readings = numericReadings(decimal === undefined ? Number.parseInt(hexadecimal ?? '', 16) : Number.parseInt(decimal, 10))
  else {
    const decoded = decodeNamedCharacterReference(name)
    if (decoded === false) return undefined
    readings = [decoded]
  }
  return {length: source.length, readings, closed: semicolon === ';'}
}

/** How many characters of the source and of the value the next step of a match covers. */
function stepAt(doc: string, at: number, value: string, index: number, syntax: Syntax): [number, number] | undefined {
  const char = doc.charAt(at)
  const wanted = value.charAt(index)
  if (char === '&') {
    const reference = referenceAt(doc, at)
    const reading = reference?.readings.find((candidate) => value.startsWith(candidate, index))
    // `&amp;` stands for `&` whole: Markdown decodes references closed by `;`, HTML those it knows, closed or not.
    if (reference && reading !== undefined && (reference.closed || syntax === 'html' || char !== wanted)) return [reference.length, reading.length]
  }
  if (syntax === 'markdown' && char === '\\') {
    const next = doc.charAt(at + 1)
    if (next === wanted && ESCAPABLE.test(next)) return [2, 1]
    // A hard line break written as a backslash at the end of the line.
    if (wanted === '\n' && next === '\n') return [2, 1]
    if (wanted === '\n' && doc.startsWith('\r\n', at + 1)) return [3, 1]
  }
  if (char === wanted) return [1, 1]
  if (char === '\r' && doc.charAt(at + 1) === '\n' && wanted === '\n') return [2, 1]
  if (index > 0 && value.charAt(index - 1) === '\n' && LINE_PREFIX.test(char)) return [1, 0]
  return undefined
}

/**
 * Where `value` ends if its source starts at `from`: the source may write a
 * character as a reference (`&amp;`) or, in Markdown, escape it (`\*`), start
 * a line with indentation or `>`, and end one with `\r\n`. -1 when it does not match.
 */
function matchAt(doc: string, from: number, value: string, syntax: Syntax): number {
  let at = from
  let index = 0
  while (index < value.length) {
    if (at >= doc.length) return -1
    const step = stepAt(doc, at, value, index, syntax)
    if (!step) return -1
    at += step[0]
    index += step[1]
  }
  return at
}

type Place = ReturnType<typeof location>

interface Span {
  start: number
  end: number
}

function isParent(node: Node): node is Parent {
  return 'children' in node && Array.isArray((node as Parent).children)
}

function point(place: Place, offset: number): Point | undefined {
  const found = place.toPoint(offset)
  return found ? {line: found.line, column: found.column, offset} : undefined
}

/**
 * Puts the leaves of a tree converted from Markdown or HTML back on the
 * characters they come from. mdast-util-to-nlcst and hast-util-to-nlcst place
 * decoded text at its node's start plus the index in the decoded text, so
 * after `&amp;`, `\*` or a `> ` continuation line every later column on the
 * line was off. Each leaf is matched against the source from where the last
 * one ended (or where the converter says it starts, if that is further on),
 * a leaf that cannot be found keeps the place it had, and parents are
 * stretched over their children again. Backslash escapes are read in
 * Markdown only: in HTML, `\\*` is two characters of text.
 */
export function realignLeaves(tree: Node, doc: string, place: Place, syntax: Syntax = 'markdown'): void {
  let cursor = 0

  const leaf = (node: Node): Span | undefined => {
    const value = (node as {value?: unknown}).value
    const reported = node.position?.start?.offset
    if (typeof value !== 'string' || value === '' || reported === undefined) return spanOf(node)
    const from = Math.max(cursor, reported)
    // White space the converter made up (`<br>` becomes a line break) is not in the source: never look further for it.
    const limit = WHITE_SPACE.test(value) ? from + 1 : Math.min(doc.length, from + REACH)
    for (let start = from; start < limit; start++) {
      const end = matchAt(doc, start, value, syntax)
      if (end === -1) continue
      cursor = end
      // Most leaves are where the converter put them: their points need no new lookup.
      if (start === reported && end === node.position?.end?.offset) return {start, end}
      const startPoint = point(place, start)
      const endPoint = point(place, end)
      if (!startPoint || !endPoint) break
      node.position = {start: startPoint, end: endPoint}
      return {start, end}
    }
    return spanOf(node)
  }

  const walk = (node: Node): Span | undefined => {
    if (!isParent(node)) return leaf(node)
    let first: Span | undefined
    let last: Span | undefined
    for (const child of node.children) {
      const span = walk(child)
      if (!span) continue
      first ??= span
      last = span
    }
    if (!first || !last) return spanOf(node)
    // A point may be missing (see shiftedPosition): then the parent gets both again.
    if (node.position?.start?.offset === first.start && node.position.end?.offset === last.end) return {start: first.start, end: last.end}
    const start = point(place, first.start)
    const end = point(place, last.end)
    if (start && end) node.position = {start, end}
    return {start: first.start, end: last.end}
  }

  walk(tree)
}

function spanOf(node: Node): Span | undefined {
  const {start, end} = node.position ?? {}
  return start?.offset === undefined || end?.offset === undefined ? undefined : {start: start.offset, end: end.offset}
}
