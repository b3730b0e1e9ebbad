import type {Node, Point as UnistPoint} from 'unist'
import type {Place, Point} from './rule.js'

export interface LocatedText {
  /** The node's text, leaf after leaf. */
  text: string
  /** The place in the file of `text.slice(start, end)`. */
  place(start: number, end: number): Place
}

interface Leaf {
  offset: number
  value: string
  start: UnistPoint
}

function pointIn(leaf: Leaf, index: number): Point {
  // Count lines inside the leaf: a white-space leaf may hold line breaks.
  const before = leaf.value.slice(0, index)
  const breaks = before.split(/\r\n|\r|\n/u)
  const line = leaf.start.line + breaks.length - 1
  const column = breaks.length === 1 ? leaf.start.column + index : (breaks.at(-1)?.length ?? 0) + 1
  return {line, column, offset: leaf.start.offset === undefined ? undefined : leaf.start.offset + index}
}

/**
 * A node's text with a way back from offsets in that text to places in the
 * file. Rules that match regular expressions over prose use it, so matches in
 * Markdown or HTML still point at the characters in the original file.
 */
export function locateText(node: Node): LocatedText {
  const leaves: Leaf[] = []
  let text = ''
  // A plain recursion: rules call this on many paragraphs, and nlcst trees are shallow.
  const gather = (child: Node) => {
    const value = (child as {value?: unknown}).value
    if (typeof value === 'string') {
      if (child.position) {
        leaves.push({offset: text.length, value, start: child.position.start})
        text += value
      }
      return
    }
    for (const grandchild of (child as {children?: Node[]}).children ?? []) gather(grandchild)
  }
  gather(node)

  const leafAt = (offset: number, preferEnd: boolean): Leaf | undefined => {
    // Binary search for the leaf holding `offset`; an end offset belongs to the leaf before.
    let low = 0
    let high = leaves.length - 1
    let found: Leaf | undefined
    while (low <= high) {
      const middle = (low + high) >> 1
      const leaf = leaves[middle]
      if (!leaf) break
      const starts = preferEnd ? leaf.offset < offset : leaf.offset <= offset
      if (starts) {
        found = leaf
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return found
  }

  return {
    text,
    place(start, end) {
      const first = leafAt(start, false)
      const last = leafAt(end, true) ?? first
      if (!first || !last) throw new RangeError(`offset ${start} is outside the node's text`)
      return {start: pointIn(first, start - first.offset), end: pointIn(last, end - last.offset)}
    },
  }
}
