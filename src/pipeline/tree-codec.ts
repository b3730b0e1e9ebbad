import type {Root} from 'nlcst'
import type {Node, Point} from 'unist'

/**
 * A piece's nlcst tree as numbers, to pass between threads: structured
 * cloning an object tree costs more than parsing its text again, while an
 * Int32Array moves for free. Every node is seven numbers in document order
 * (depth first): a head (its type, whether it shares its start point with its
 * first child and its end point with its last, as parse-english makes some
 * of them, and its number of children), then line, column and offset of its
 * start and of its end. A leaf's value is not stored: parse-english keeps
 * every character, so it is the text between its offsets.
 */
const TYPES = ['RootNode', 'ParagraphNode', 'SentenceNode', 'WordNode', 'TextNode', 'WhiteSpaceNode', 'PunctuationNode', 'SymbolNode', 'SourceNode'] as const
const CODES = new Map<string, number>(TYPES.map((type, code) => [type, code]))
/** Codes from here on are leaves, with a `value` and no children. */
const FIRST_LEAF = 4
const TYPE_MASK = 0b1111
const SHARES_START = 1 << 4
const SHARES_END = 1 << 5
const COUNT_SHIFT = 6
const FIELDS = 7
/** Child counts from here on do not fit in the head beside the type and the flags. */
const MOST_CHILDREN = 2 ** (31 - COUNT_SHIFT)

/** Where trees are encoded before being copied out at their size: one buffer for every piece, grown as needed. */
let scratch = new Int32Array(64 * 1024)

interface AnyNode extends Node {
  value?: unknown
  children?: AnyNode[]
}

/**
 * The numbers of `tree`, parsed from `text`, or undefined for a tree this
 * encoding cannot give back (a node type or a value it does not know): the
 * caller parses that piece itself. Nodes are taken to have no properties
 * but their type, value or children, and position, as parse-english makes
 * them; tests hold decoded trees to the parser's own.
 */
export function encodeTree(tree: Root, text: string): Int32Array | undefined {
  let data = scratch
  let length = 0
  const encode = (node: AnyNode): boolean => {
    const code = CODES.get(node.type)
    const position = node.position
    if (code === undefined || !position) return false
    const {start, end} = position
    if (start.offset === undefined || end.offset === undefined) return false
    const children = node.children ?? []
    if (children.length >= MOST_CHILDREN) return false
    let head = code | (children.length << COUNT_SHIFT)
    if (code >= FIRST_LEAF) {
      const value = node.value
      if (typeof value !== 'string' || value.length !== end.offset - start.offset || !text.startsWith(value, start.offset)) return false
    } else if (!Array.isArray(node.children)) {
      return false
    } else {
      if (children[0]?.position?.start === start) head |= SHARES_START
      if (children.at(-1)?.position?.end === end) head |= SHARES_END
    }
    if (length + FIELDS > data.length) {
      const grown = new Int32Array(data.length * 2)
      grown.set(data)
      data = scratch = grown
    }
    data[length++] = head
    data[length++] = start.line
    data[length++] = start.column
    data[length++] = start.offset
    data[length++] = end.line
    data[length++] = end.column
    data[length++] = end.offset
    for (const child of children) if (!encode(child)) return false
    return true
  }
  return encode(tree as AnyNode) ? data.slice(0, length) : undefined
}

/**
 * The tree `encodeTree` was given, its positions moved `lines` lines and
 * `offset` characters on (the piece starts at a line start of its file, so
 * columns stay as they are), with the same points shared as in the tree
 * given: a rule that changed one would change the same nodes as on a tree
 * parsed on its own thread.
 */
export function decodeTree(data: Int32Array, text: string, lines: number, offset: number): Root {
  let at = 0
  const point = (index: number): Point => ({line: (data[index] as number) + lines, column: data[index + 1] as number, offset: (data[index + 2] as number) + offset})
  const decode = (parentStart: Point | undefined): AnyNode => {
    const head = data[at] as number
    const here = at
    at += FIELDS
    const code = head & TYPE_MASK
    const type = TYPES[code] as string
    const start = parentStart ?? point(here + 1)
    if (code >= FIRST_LEAF) {
      return {type, value: text.slice(data[here + 3] as number, data[here + 6] as number), position: {start, end: point(here + 4)}}
    }
    const children = new Array<AnyNode>(head >>> COUNT_SHIFT)
    for (let index = 0; index < children.length; index++) children[index] = decode(index === 0 && head & SHARES_START ? start : undefined)
    const end = head & SHARES_END ? (children.at(-1)?.position?.end as Point) : point(here + 4)
    return {type, children, position: {start, end}}
  }
  return decode(undefined) as Root
}
