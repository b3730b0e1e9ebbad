import type {Node, Parent} from 'unist'

/**
 * Calls `visitor` on each node of `type` under `tree`, in document order,
 * without looking inside the nodes it finds (a paragraph's sentences are not
 * searched for more paragraphs). A plain loop: rules run it over every file,
 * and unist-util-visit's per-node bookkeeping cost more than their checks.
 */
export function forEachOfType<Found extends Node>(tree: Node, type: Found['type'], visitor: (node: Found) => void): void {
  if (tree.type === type) {
    visitor(tree as Found)
    return
  }
  const children = (tree as Partial<Parent>).children
  if (!children) return
  for (const child of children) {
    if (child.type === type) visitor(child as Found)
    else if ('children' in child) forEachOfType(child, type, visitor)
  }
}
