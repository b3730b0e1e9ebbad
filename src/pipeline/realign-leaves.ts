import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import type {Node, Parent, Point} from 'unist'
import type {location} from 'vfile-location'

/** `&amp;`, `&#8220;`, `&#x201C;`: a character reference as Markdown and HTML write one. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));?/y
/** What may open a continuation line of a block without being its text: indentation and quote markers. */
const LINE_PREFIX = /[ \t>]/u
/**
 * How far past where it should start a word is looked for. A text node starts
 * where the converter says, and its words follow one another, so the only
 * gaps are line prefixes (`> `, list indentation) after a line break.
 */
const REACH = 64
const WHITE_SPACE = /^\s+$/u

function decodeReference(match: RegExpExecArray): string | undefined {
  const [, decimal, hexadecimal, name] = match
  if (name !== undefined) {
    const decoded = decodeNamedCharacterReference(name)
    return decoded === false ? undefined : decoded
  }
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hexadecimal ?? '', 16)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}

/**
 * Where `value` ends if its source starts at `from`: the source may write a
 * character as a reference (`&amp;`) or escape it (`\*`), start a line with
 * indentation or `>`, and end one with `\r\n`. -1 when it does not match.
 */
function matchAt(doc: string, from: number, value: string): number {
  let at = from
  let index = 0
  while (index < value.length) {
    const char = doc.charAt(at)
    if (char === '') return -1
    if (char === value.charAt(index)) {
      at++
      index++
      continue
    }
    if (char === '&') {
      REFERENCE.lastIndex = at
      const reference = REFERENCE.exec(doc)
      const decoded = reference ? decodeReference(reference) : undefined
      if (reference && decoded !== undefined && value.startsWith(decoded, index)) {
        at += reference[0].length
        index += decoded.length
        continue
      }
    }
    if (char === '\\' && doc.charAt(at + 1) === value.charAt(index)) {
      at += 2
      index++
      continue
    }
    if (char === '\r' && doc.charAt(at + 1) === '\n' && value.charAt(index) === '\n') {
      at += 2
      index++
      continue
    }
    if (index > 0 && value.charAt(index - 1) === '\n' && LINE_PREFIX.test(char)) {
      at++
      continue
    }
    return -1
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
 * stretched over their children again.
 */
export function realignLeaves(tree: Node, doc: string, place: Place): void {
  let cursor = 0

  const leaf = (node: Node): Span | undefined => {
    const value = (node as {value?: unknown}).value
    const reported = node.position?.start.offset
    if (typeof value !== 'string' || value === '' || reported === undefined) return spanOf(node)
    const from = Math.max(cursor, reported)
    // White space the converter made up (`<br>` becomes a line break) is not in the source: never look further for it.
    const limit = WHITE_SPACE.test(value) ? from + 1 : Math.min(doc.length, from + REACH)
    for (let start = from; start < limit; start++) {
      const end = matchAt(doc, start, value)
      if (end === -1) continue
      const startPoint = point(place, start)
      const endPoint = point(place, end)
      if (!startPoint || !endPoint) break
      node.position = {start: startPoint, end: endPoint}
      cursor = end
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
