import type {Root} from 'nlcst'
import type {Node, Point} from 'unist'

/**
 * A piece's nlcst tree as numbers, to pass between threads: structured
 * cloning an object tree costs more than parsing its text again, while an
 * Int32Array moves for free. Every node is seven numbers in document order
 * (depth first): its type and child count, then line, column and offset of its
 * start and of its end. A leaf's value is not stored: parse-english keeps
 * every character, so it is the text between its offsets.
 */
const TYPES = ['RootNode', 'ParagraphNode', 'SentenceNode', 'WordNode', 'TextNode', 'WhiteSpaceNode', 'PunctuationNode', 'SymbolNode', 'SourceNode'] as const
const CODES = new Map<string, number>(TYPES.map((type, code) => [type, code]))
/** Codes from here on are leaves, with a `value` and no children. */
const FIRST_LEAF = 4
const TYPE_BITS = 4
const FIELDS = 7

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
    const leaf = code >= FIRST_LEAF
    if (leaf) {
      const value = node.value
      if (typeof value !== 'string' || value.length !== end.offset - start.offset || !text.startsWith(value, start.offset)) return false
    } else if (!Array.isArray(node.children)) {
      return false
    }
    const children = node.children ?? []
    if (length + FIELDS > data.length) {
      const grown = new Int32Array(data.length * 2)
      grown.set(data)
      data = scratch = grown
    }
    data[length++] = code | (children.length << TYPE_BITS)
    data[length++] = start.line
    data[length++] = start.column
    data[length++] = start.offset as number
    data[length++] = end.line
    data[length++] = end.column
    data[length++] = end.offset as number
    for (const child of children) if (!encode(child)) return false
    return true
  }
  return encode(tree as AnyNode) ? data.slice(0, length) : undefined
}

/**
 * The tree `encodeTree` was given, its positions moved `lines` lines and
 * `offset` characters on: the piece starts at a line start of its file, so
 * columns stay as they are.
 */
export function decodeTree(data: Int32Array, text: string, lines: number, offset: number): Root {
  let at = 0
  // Equal points in a row are one object (a node starts with its first child, a token ends where the next starts): fewer objects, and nothing changes a point once parsed.
  let last: Point | undefined
  const point = (line: number, column: number, from: number): Point => {
    if (last && last.offset === from + offset && last.line === line + lines && last.column === column) return last
    last = {line: line + lines, column, offset: from + offset}
    return last
  }
  const decode = (): AnyNode => {
    const head = data[at] as number
    const type = TYPES[head & ((1 << TYPE_BITS) - 1)] as string
    const start = point(data[at + 1] as number, data[at + 2] as number, data[at + 3] as number)
    const endLine = data[at + 4] as number
    const endColumn = data[at + 5] as number
    const endOffset = data[at + 6] as number
    at += FIELDS
    const code = head & ((1 << TYPE_BITS) - 1)
    if (code >= FIRST_LEAF) {
      const value = text.slice(data[at - 4] as number, endOffset)
      return {type, value, position: {start, end: point(endLine, endColumn, endOffset)}}
    }
    const children = new Array<AnyNode>(head >>> TYPE_BITS)
    for (let index = 0; index < children.length; index++) children[index] = decode()
    return {type, children, position: {start, end: point(endLine, endColumn, endOffset)}}
  }
  return decode() as Root
}
