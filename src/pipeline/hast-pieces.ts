import type {Element, ElementContent, Root as HastRoot, RootContent} from 'hast'
import {phrasing} from 'hast-util-phrasing'
import type {Position} from 'unist'
import {FLOW_ACCEPTING, PARAGRAPHS, flattened, isSkipped} from './hast-reading.js'

/**
 * Parts of an HTML tree that hast-util-to-nlcst turns into the same paragraphs
 * converted one by one as converted all at once, so that a large page is
 * turned into nlcst a part at a time instead of into one tree of all its prose.
 *
 * The converter makes one paragraph of each `p` and heading, and in elements
 * that accept flow content (`body`, `div`, `li`, ...) one paragraph of each
 * run of phrasing content between blocks; anything else it looks into child
 * by child. So a part is a copy of an element (or the root) with some of its
 * children: never half a paragraph element, never half a run of phrasing
 * content. Kept in step with hast-util-to-nlcst 4.
 */

export type HastPart = HastRoot | Element

type Child = RootContent | ElementContent

/**
 * The children as the converter reads them, in units it never splits: a run
 * of phrasing content (one paragraph, even of a single `<span>`), or one
 * other node, which may be divided itself.
 */
function unitsOf(part: HastPart): Array<{nodes: Child[]; run: boolean}> {
  if (part.type === 'root' || !FLOW_ACCEPTING.has(part.tagName)) return part.children.map((child) => ({nodes: [child], run: false}))
  const units: Array<{nodes: Child[]; run: boolean}> = []
  let run: Child[] = []
  for (const child of flattened(part.children)) {
    if (phrasing(child)) {
      run.push(child)
      continue
    }
    if (run.length > 0) units.push({nodes: run, run: true})
    run = []
    units.push({nodes: [child], run: false})
  }
  if (run.length > 0) units.push({nodes: run, run: true})
  return units
}

/** Where a node's source starts and ends: elements the parser made up or cloned (`<b>` reopened after a block) have no position of their own, their descendants may. */
function startOf(node: Child): Position['start'] | undefined {
  if (node.position?.start.offset !== undefined) return node.position.start
  if (!('children' in node)) return undefined
  for (const child of node.children) {
    const start = startOf(child)
    if (start) return start
  }
  return undefined
}

function endOf(node: Child): Position['end'] | undefined {
  if (node.position?.end.offset !== undefined) return node.position.end
  if (!('children' in node)) return undefined
  for (let index = node.children.length - 1; index >= 0; index--) {
    const end = endOf(node.children[index] as Child)
    if (end) return end
  }
  return undefined
}

function spanOf(nodes: readonly Child[]): Position | undefined {
  let start: Position['start'] | undefined
  for (let index = 0; index < nodes.length && !start; index++) start = startOf(nodes[index] as Child)
  let end: Position['end'] | undefined
  for (let index = nodes.length - 1; index >= 0 && !end; index--) end = endOf(nodes[index] as Child)
  return start && end ? {start, end} : undefined
}

const sizeOf = (position: Position | undefined) => (position ? (position.end.offset ?? 0) - (position.start.offset ?? 0) : Number.POSITIVE_INFINITY)

/** Whether the converter would read a part of this element's children as it reads them all. */
function divisible(node: Child): node is Element {
  return node.type === 'element' && !PARAGRAPHS.has(node.tagName) && !isSkipped(node)
}

/**
 * The tree in parts of about `size` characters of source, in document order,
 * each with a position spanning its children (the converter needs one).
 * Parts with no position at all are left out: the converter needs one, and
 * so did the tree they came from, which always has one.
 */
export function* hastParts(part: HastPart, size: number): Generator<HastPart> {
  let group: Child[] = []
  let groupSize = 0
  function* flush(): Generator<HastPart> {
    const position = spanOf(group)
    if (group.length > 0 && position) yield {...part, children: group, position} as HastPart
    group = []
    groupSize = 0
  }
  for (const {nodes, run} of unitsOf(part)) {
    const unitSize = sizeOf(spanOf(nodes))
    const [only] = nodes
    if (!run && nodes.length === 1 && only && unitSize > size && divisible(only)) {
      yield* flush()
      yield* hastParts(only, size)
      continue
    }
    if (group.length > 0 && groupSize + unitSize > size) yield* flush()
    // One by one: a run of 300,000 inline nodes (lines parted by `<br>`) is more than a call takes as arguments.
    for (const node of nodes) group.push(node)
    groupSize += unitSize
  }
  yield* flush()
}
