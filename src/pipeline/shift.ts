import type {Node, Point, Position} from 'unist'

function shiftPoint(point: Point, lines: number, offset: number): Point {
  return {line: point.line + lines, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset}
}

/**
 * Moves the positions of a tree no one else holds, in place, each point object
 * once. Making new points for every node of a converted part was a sixth of
 * the time on a 3 MB HTML page, and as much again in collections.
 *
 * The converters give every leaf points of its own, and a word shares its
 * points with its text only. Sentences, paragraphs and the root take theirs
 * from the nodes they are built over, and after a `</br>`, which has no
 * position, parse-english leaves a sentence the end of a leaf of the next
 * sentence. So the points those few nodes hold are gathered first, and each
 * is moved once; any other point is a leaf's, shared at most with the word
 * above it.
 */
export function shiftPositionsInPlace(tree: Node, lines: number, offset: number): void {
  const spanning = new Set<Point>()
  const gather = (node: Node) => {
    if (!('children' in node) || node.type === 'WordNode') return
    if (node.position?.start) spanning.add(node.position.start)
    if (node.position?.end) spanning.add(node.position.end)
    for (const child of node.children as Node[]) gather(child)
  }
  gather(tree)
  const moved = new Set<Point>()
  /** Moves a point, unless it is the word's above (already moved) or a spanning node's moved before. */
  const move = (point: Point | undefined, word?: Partial<Position>) => {
    if (point === undefined || point === word?.start || point === word?.end) return
    if (spanning.has(point)) {
      if (moved.has(point)) return
      moved.add(point)
    }
    point.line += lines
    if (point.offset !== undefined) point.offset += offset
  }
  const walk = (node: Node, word?: Partial<Position>) => {
    move(node.position?.start, word)
    move(node.position?.end, word)
    if (!('children' in node)) return
    const inWord = node.type === 'WordNode' ? (node.position ?? {}) : undefined
    for (const child of node.children as Node[]) walk(child, inWord)
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
