import type {Node, Point, Position} from 'unist'

function shiftPoint(point: Point, lines: number, offset: number): Point {
  return {line: point.line + lines, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset}
}

/**
 * Moves a tree's positions by whole lines: a tree parsed from a slice of a file
 * that starts at a line start gets the positions it has in the file. Columns
 * never change. New points, never edits: parsers share point objects between
 * a node and its first child.
 */
export function shiftPositions(node: Node, lines: number, offset: number): void {
  if (node.position) node.position = shiftedPosition(node.position, lines, offset)
  if ('children' in node) for (const child of node.children as Node[]) shiftPositions(child, lines, offset)
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
