import type {Node, Point, Position} from 'unist'

function shiftPoint(point: Point, lines: number, offset: number): Point {
  return {line: point.line + lines, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset}
}

/**
 * Moves the positions of a tree no one else holds, in place, each point object
 * once. The converters give every leaf points of its own; parse-english hands
 * a node's points on only to the nodes built over it (a sentence starts where
 * its first word starts), so a point already moved is one of an ancestor's.
 * Making new points for every node of a converted part was a sixth of the
 * time on a 3 MB HTML page, and as much again in collections.
 */
export function shiftPositionsInPlace(tree: Node, lines: number, offset: number): void {
  // The points moved on the way down to the node being walked: a dozen at most.
  const above: Point[] = []
  const move = (point: Point | undefined) => {
    if (point === undefined || above.includes(point)) return
    point.line += lines
    if (point.offset !== undefined) point.offset += offset
  }
  const walk = (node: Node) => {
    const {start, end} = (node.position ?? {}) as Partial<Position>
    move(start)
    move(end)
    if (!('children' in node)) return
    const depth = above.length
    if (start) above.push(start)
    if (end) above.push(end)
    for (const child of node.children as Node[]) walk(child)
    above.length = depth
  }
  walk(tree)
}

/** A copy of a tree with its positions moved, leaving the original as it is. */
export function shiftedCopy<Tree extends Node>(node: Tree, lines: number, offset: number): Tree {
  const copy = {...node}
  if (node.position) copy.position = shiftedPosition(node.position, lines, offset)
  if ('children' in node) (copy as {children?: Node[]}).children = (node.children as Node[]).map((child) => shiftedCopy(child, lines, offset))
  return copy
}

/**
 * A position moved by whole lines, as a new object. A point may be missing:
 * hast-util-to-nlcst gives no place to the line break of a `<br>` the HTML
 * parser made up (`</br>`), and parse-english spans it as it finds it.
 */
export function shiftedPosition(position: Position, lines: number, offset: number): Position {
  const {start, end} = position as Partial<Position>
  return {start: start && shiftPoint(start, lines, offset), end: end && shiftPoint(end, lines, offset)} as Position
}
