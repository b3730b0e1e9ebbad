import type {Html, Nodes, Parents, Root as MdastRoot} from 'mdast'
import type {Paragraph, Root} from 'nlcst'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visitParents} from 'unist-util-visit-parents'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {blockToNlcst} from './block-to-nlcst.js'
import {PIECE_SIZE} from './parse-text.js'
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

function directiveOf(node: Html, parent: Parents | undefined): Directive | undefined {
  if (!node.position) return undefined
  const siblings = parent?.children ?? []
  return markupDirective(node.value, node.position, siblings[siblings.indexOf(node as never) + 1]?.position)
}

export interface ParsedMarkdown {
  /** The prose as nlcst trees of about PIECE_SIZE of source each, converted as they are read. */
  pieces: Iterable<Root>
  directives: Directive[]
  /** The text of the prose blocks, joined: what the pieces' leaves hold, known before any is converted. */
  prose: string
}

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

/**
 * The blocks' nlcst, a piece at a time: a piece's trees can go once the rules
 * have read them, so a long file does not hold the nlcst of all its prose.
 */
function* piecesOf(blocks: readonly Nodes[], doc: string, size: number): Generator<Root> {
  const place = location(doc)
  let paragraphs: Paragraph[] = []
  let source = 0
  const piece = (): Root => {
    const start = paragraphs[0]?.position?.start ?? {line: 1, column: 1, offset: 0}
    const end = paragraphs.at(-1)?.position?.end ?? start
    const root: Root = {type: 'RootNode', children: paragraphs, position: {start, end}}
    paragraphs = []
    source = 0
    return root
  }
  for (const block of blocks) {
    const root = blockToNlcst(block, doc, place, {ignore: NOT_PROSE})
    for (const child of root.children) if (child.type === 'ParagraphNode') paragraphs.push(child)
    source += (block.position?.end.offset ?? 0) - (block.position?.start.offset ?? 0)
    if (source >= size) yield piece()
  }
  if (paragraphs.length > 0 || blocks.length === 0) yield piece()
}

/**
 * Parses Markdown (with front matter and GFM) and turns only its prose into
 * nlcst: every heading, paragraph and table cell is a paragraph whose
 * positions point into the Markdown file.
 */
export function parseMarkdown(file: VFile, size = PIECE_SIZE): ParsedMarkdown {
  const mdast = markdownParser.parse(file)
  markAutolinks(mdast)
  const blocks: Nodes[] = []
  const directives: Directive[] = []

  visitParents(mdast, (node, ancestors) => {
    if (node.type === 'html') {
      const directive = directiveOf(node, ancestors.at(-1))
      if (directive) directives.push(directive)
      return 'skip'
    }
    if (!PROSE_BLOCKS.has(node.type)) return undefined
    // mdast-util-to-nlcst skips table cells whatever it is told, so a cell goes in as a paragraph.
    blocks.push(node.type === 'tableCell' ? {type: 'paragraph' as const, children: node.children, position: node.position} : node)
    return 'skip'
  })

  return {pieces: piecesOf(blocks, String(file), size), directives, prose: blocks.map(proseOf).join('\n\n')}
}
