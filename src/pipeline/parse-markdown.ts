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
  tree: Root
  directives: Directive[]
}

/**
 * Parses Markdown (with front matter and GFM) and turns only its prose into an
 * nlcst tree: every heading, paragraph and table cell is a paragraph whose
 * positions point into the Markdown file.
 */
export function parseMarkdown(file: VFile): ParsedMarkdown {
  const mdast = markdownParser.parse(file)
  markAutolinks(mdast)
  const paragraphs: Paragraph[] = []
  const directives: Directive[] = []
  const doc = String(file)
  // One index of the file's lines for all its blocks.
  const place = location(doc)

  visitParents(mdast, (node, ancestors) => {
    if (node.type === 'html') {
      const directive = directiveOf(node, ancestors.at(-1))
      if (directive) directives.push(directive)
      return 'skip'
    }
    if (!PROSE_BLOCKS.has(node.type)) return undefined
    // mdast-util-to-nlcst skips table cells whatever it is told, so a cell goes in as a paragraph.
    const block = node.type === 'tableCell' ? {type: 'paragraph' as const, children: node.children, position: node.position} : node
    const root = blockToNlcst(block, doc, place, {ignore: NOT_PROSE})
    for (const child of root.children) if (child.type === 'ParagraphNode') paragraphs.push(child)
    return 'skip'
  })

  const end = mdast.position?.end ?? {line: 1, column: 1, offset: 0}
  return {tree: {type: 'RootNode', children: paragraphs, position: {start: {line: 1, column: 1, offset: 0}, end}}, directives}
}
