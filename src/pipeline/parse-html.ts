import type {Comment, Element, Nodes, Parents, Root as HastRoot} from 'hast'
import {toNlcst} from 'hast-util-to-nlcst'
import type {Root} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {visitParents} from 'unist-util-visit-parents'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {realignLeaves} from './realign-leaves.js'
import {markupDirective, type Directive} from './directives.js'
import type {MarkupResidue} from './markup-residue.js'

const htmlParser = unified().use(rehypeParse).freeze()

/** Elements whose content is never prose: code, forms' controls, media, templates. */
const NOT_PROSE = new Set(['pre', 'code', 'kbd', 'samp', 'template', 'noscript', 'textarea', 'select', 'button', 'iframe', 'object', 'video', 'audio', 'canvas'])
/** Site furniture around the article, unless it sits inside the article itself. */
const PAGE_CHROME = new Set(['nav', 'aside', 'header', 'footer'])

function classesOf(element: Element): string[] {
  const value = element.properties.className
  return Array.isArray(value) ? value.map(String) : []
}

/** Page furniture recognised by its markup: WordPress and Jetpack name these elements so. */
function residueKind(element: Element): MarkupResidue['kind'] | undefined {
  const id = typeof element.properties.id === 'string' ? element.properties.id : ''
  const classes = classesOf(element)
  const has = (...names: string[]) => names.some((name) => classes.includes(name))
  if (id === 'reply-title' || id === 'commentform' || has('comment-reply-title', 'comment-form')) return 'comment-form'
  if (has('sharedaddy', 'sd-sharing', 'sd-sharing-enabled', 'share-buttons', 'social-share', 'addtoany_share_save_container', 'sharing')) return 'share-widget'
  if (id === 'jp-relatedposts' || has('jp-relatedposts', 'related-posts', 'yarpp-related')) return 'related-posts'
  if (has('jetpack_subscription_widget', 'newsletter-signup')) return 'subscribe-box'
  return undefined
}

/** An element's text, its text nodes joined by spaces: widgets put words in separate blocks (`Share this:` then `Twitter`). */
function flatText(element: Element): string {
  const parts: string[] = []
  visitParents(element, 'text', (node) => {
    parts.push(node.value)
  })
  return parts.join(' ').replace(/\s+/gu, ' ').trim()
}

function ignore(element: Element): void {
  element.properties.dataNlcst = 'ignore'
}

function nextElement(parent: Parents | undefined, node: Nodes): Element | undefined {
  const siblings = parent?.children ?? []
  return siblings.slice(siblings.indexOf(node as never) + 1).find((sibling): sibling is Element => sibling.type === 'element')
}

function directiveOf(node: Comment, parent: Parents | undefined): Directive | undefined {
  return node.position ? markupDirective(`<!--${node.value}-->`, node.position, nextElement(parent, node)?.position) : undefined
}

export interface ParsedHtml {
  tree: Root
  directives: Directive[]
  residue: MarkupResidue[]
}

/**
 * Parses an HTML page and turns only its prose into an nlcst tree: scripts,
 * code, form controls, attributes and the site's navigation are left out, and
 * comment forms or share widgets are set aside as residue for `boilerplate`.
 */
export function parseHtml(file: VFile): ParsedHtml {
  const text = String(file.value)
  const hast: HastRoot = htmlParser.parse(file)
  const directives: Directive[] = []
  const residue: MarkupResidue[] = []

  visitParents(hast, (node, ancestors) => {
    if (node.type === 'comment') {
      const directive = directiveOf(node, ancestors.at(-1))
      if (directive) directives.push(directive)
      return 'skip'
    }
    if (node.type !== 'element') return undefined
    const insideArticle = ancestors.some((ancestor) => ancestor.type === 'element' && (ancestor.tagName === 'article' || ancestor.tagName === 'main'))
    if (NOT_PROSE.has(node.tagName) || (PAGE_CHROME.has(node.tagName) && !insideArticle)) {
      ignore(node)
      return 'skip'
    }
    const kind = residueKind(node)
    if (kind && node.position) {
      const {start, end} = node.position
      const flat = flatText(node)
      if (flat !== '') residue.push({kind, place: {start, end}, source: text.slice(start.offset ?? 0, end.offset ?? 0), text: flat})
      ignore(node)
      return 'skip'
    }
    return undefined
  })

  const tree = toNlcst(hast, file, ParseEnglish)
  // hast-util-to-nlcst places decoded text as if `&amp;` were one character long: put the leaves back.
  const doc = String(file)
  realignLeaves(tree, doc, location(doc), 'html')
  return {tree, directives, residue}
}
