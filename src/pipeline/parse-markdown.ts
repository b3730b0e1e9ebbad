import type {Nodes, Root as MdastRoot} from 'mdast'
import type {Root} from 'nlcst'
import type {Position} from 'unist'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visitParents} from 'unist-util-visit-parents'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {blockToNlcst, type PieceStart} from './block-to-nlcst.js'
import {markdownCuts} from './markdown-pieces.js'
import {inPieces} from './paragraph-pieces.js'
import {PIECE_SIZE} from './parse-text.js'
import {shiftedPosition} from './shift.js'
import {markupDirective, type Directive} from './directives.js'

const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()

/** Inside a prose block, these are not prose: code, raw HTML, footnote marks, and links written as their own address. */
const NOT_PROSE = ['inlineCode', 'html', 'footnoteReference', 'autolink', 'inlineMath']
/** The blocks whose text is prose; each becomes one paragraph for the rules. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell'])

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : ''
}

/** `<https://example.com>` and bare GFM links: their text is an address, not prose. */
function markAutolinks(tree: MdastRoot): void {
  visitParents(tree, 'link', (link) => {
    const text = textOf(link)
    if (text === link.url || `mailto:${text}` === link.url || `http://${text}` === link.url) {
      ;(link as {type: string}).type = 'autolink'
    }
  })
}

export interface ParsedMarkdown {
  /** The prose as nlcst trees of about PIECE_SIZE of source each, converted as they are read. */
  pieces: Iterable<Root>
  directives: Directive[]
  /** The text of the prose blocks, joined: what the pieces' leaves hold, known before any is converted. */
  prose: string
}

/**
 * Past this size a Markdown file is parsed in pieces of about this much
 * source: micromark holds the events of all it parses at once (a 3 MB file
 * took 600 MB whole), and parses 64 KB pieces as fast per byte as 3 MB.
 */
export const MARKDOWN_PIECE_SIZE = 64 * 1024
/** Prose blocks are kept from the first pass for this much source; later pieces are parsed again when the rules come to them. */
const KEPT_SOURCE = 4 * 1024 * 1024

/** The blocks mdast-util-to-nlcst leaves out whatever it is told, and those we tell it to. */
const LEFT_OUT = new Set([...NOT_PROSE, 'table', 'tableRow', 'tableCell'])

/** A block's prose as mdast-util-to-nlcst turns it into leaves: text, image descriptions, line breaks. */
function proseOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if (node.type === 'break') return '\n'
  if (!('children' in node)) return ''
  return (node.children as Nodes[]).map((child) => (LEFT_OUT.has(child.type) ? '' : proseOf(child))).join('')
}

/** The blocks' nlcst, converted as the rules come to them. */
function* treesOf(blocks: Iterable<PieceBlock>, doc: string): Generator<Root> {
  const place = location(doc)
  for (const {block, piece} of blocks) yield blockToNlcst(block, doc, place, {ignore: NOT_PROSE}, piece)
}

/** mdast-util-to-nlcst skips table cells whatever it is told, so a cell goes in as a paragraph. */
function asProseBlock(node: Nodes): Nodes {
  return node.type === 'tableCell' ? {type: 'paragraph' as const, children: node.children, position: node.position} : node
}

interface SourcePiece extends PieceStart {
  end: number
}

/** A prose block with positions in the piece it was parsed from. */
interface PieceBlock {
  block: Nodes
  piece: PieceStart
}

/**
 * Parses one piece of the file, with the file's definitions after it so that
 * its references resolve as in the whole file, and gives its prose blocks,
 * with positions in the piece. With `directives`, also collects the piece's
 * comment directives, with positions in the file. Nodes of the definitions
 * handed to it are left out.
 */
function readPiece(doc: string, piece: SourcePiece, definitions: string, directives?: Directive[]): PieceBlock[] {
  const own = doc.slice(piece.offset, piece.end)
  const mdast = markdownParser.parse(definitions ? `${own}\n\n${definitions}` : own)
  markAutolinks(mdast)
  const inPiece = (node: Nodes | undefined): node is Nodes => node !== undefined && (node.position?.start.offset ?? 0) < own.length
  const blocks: PieceBlock[] = []
  visitParents(mdast, (node, ancestors) => {
    if (!inPiece(node)) return 'skip'
    if (node.type === 'html') {
      if (directives && node.position) {
        const siblings: readonly Nodes[] = ancestors.at(-1)?.children ?? []
        const next = siblings[siblings.indexOf(node) + 1]
        const nextPosition = inPiece(next) ? next.position : undefined
        const inFile = (position: Position) => shiftedPosition(position, piece.lines, piece.offset)
        const directive = markupDirective(node.value, inFile(node.position), nextPosition && inFile(nextPosition))
        if (directive) directives.push(directive)
      }
      return 'skip'
    }
    if (!PROSE_BLOCKS.has(node.type)) return undefined
    blocks.push({block: asProseBlock(node), piece})
    return 'skip'
  })
  return blocks
}

/**
 * Parses Markdown (with front matter and GFM) and turns only its prose into
 * nlcst: every heading, paragraph and table cell is a paragraph whose
 * positions point into the Markdown file. A large file is parsed in pieces
 * (see markdownCuts); its prose and directives are gathered in a first pass,
 * since rules get the whole prose before the first piece, and the pieces'
 * blocks are kept for the rules while they are small, parsed again otherwise.
 */
export interface MarkdownPieceSizes {
  /** Source per nlcst tree handed to the rules. */
  size?: number
  /** Source per parse. */
  sourceSize?: number
  /** Source whose prose blocks are kept between the two passes. */
  keptSource?: number
}

export function parseMarkdown(file: VFile, {size = PIECE_SIZE, sourceSize = MARKDOWN_PIECE_SIZE, keptSource = KEPT_SOURCE}: MarkdownPieceSizes = {}): ParsedMarkdown {
  const doc = String(file)
  const {cuts, lines, definitions} = markdownCuts(doc, sourceSize)
  const pieces: SourcePiece[] = lines.map((before, index) => ({offset: cuts[index] ?? 0, end: cuts[index + 1] ?? doc.length, lines: before}))
  const directives: Directive[] = []
  const prose: string[] = []
  const kept: Array<PieceBlock[] | undefined> = []
  for (const piece of pieces) {
    const blocks = readPiece(doc, piece, definitions, directives)
    for (const {block} of blocks) prose.push(proseOf(block))
    kept.push(pieces.length === 1 || piece.end <= keptSource ? blocks : undefined)
  }
  function* blocks(): Generator<PieceBlock> {
    for (const [index, piece] of pieces.entries()) {
      const held = kept[index]
      kept[index] = undefined
      yield* held ?? readPiece(doc, piece, definitions)
    }
  }
  return {pieces: inPieces(treesOf(blocks(), doc), size), directives, prose: prose.join('\n\n')}
}
