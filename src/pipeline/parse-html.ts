import type {Comment, Element, Nodes, Parents, Root as HastRoot} from 'hast'
import {toNlcst} from 'hast-util-to-nlcst'
import type {Root} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {partToNlcst} from './block-to-nlcst.js'
import {hastParts, type HastPart} from './hast-pieces.js'
import {hastProse} from './hast-prose.js'
import {htmlTree} from './html-tree.js'
import {inPieces} from './paragraph-pieces.js'
import {PIECE_SIZE} from './parse-text.js'
import {markupDirective, type Directive} from './directives.js'
import type {MarkupResidue} from './markup-residue.js'

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

/**
 * Calls `visit` on each node under `tree` (itself included) in document
 * order, with its parent and whether an `article` or `main` element holds it;
 * a node for which it returns false is not looked into. A loop over a stack
 * of its own: unist-util-visit-parents copies the ancestors at every level,
 * and a page nested 8,000 elements deep spent 3 s of 4 in collecting them.
 */
function walkPage(tree: Nodes, visit: (node: Nodes, parent: Parents | undefined, insideArticle: boolean) => boolean): void {
  const stack: Array<{node: Nodes; parent: Parents | undefined; insideArticle: boolean}> = [{node: tree, parent: undefined, insideArticle: false}]
  for (let next = stack.pop(); next; next = stack.pop()) {
    const {node, insideArticle} = next
    if (!visit(node, next.parent, insideArticle) || !('children' in node)) continue
    const inside = insideArticle || (node.type === 'element' && (node.tagName === 'article' || node.tagName === 'main'))
    for (let index = node.children.length - 1; index >= 0; index--) stack.push({node: node.children[index] as Nodes, parent: node, insideArticle: inside})
  }
}

/** An element's text, its text nodes joined by spaces: widgets put words in separate blocks (`Share this:` then `Twitter`). */
function flatText(element: Element): string {
  const parts: string[] = []
  walkPage(element, (node) => {
    if (node.type === 'text') parts.push(node.value)
    return true
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
  /** The prose as nlcst trees of about PIECE_SIZE of source each, converted as they are read. */
  pieces: Iterable<Root>
  directives: Directive[]
  residue: MarkupResidue[]
  /** The text of the prose, as the pieces' leaves hold it: known before any piece is read. */
  prose: string
}

export interface HtmlPieceSizes {
  /** Source per part converted at once, and per nlcst tree handed to the rules. */
  size?: number
}

/**
 * Parses an HTML page and turns only its prose into an nlcst tree: scripts,
 * code, form controls, attributes and the site's navigation are left out, and
 * comment forms or share widgets are set aside as residue for `boilerplate`.
 */
export function parseHtml(file: VFile, {size = PIECE_SIZE}: HtmlPieceSizes = {}): ParsedHtml {
  const text = String(file.value)
  const hast: HastRoot = htmlTree(file)
  const directives: Directive[] = []
  const residue: MarkupResidue[] = []

  walkPage(hast, (node, parent, insideArticle) => {
    if (node.type === 'comment') {
      const directive = directiveOf(node, parent)
      if (directive) directives.push(directive)
      return false
    }
    if (node.type !== 'element') return true
    if (NOT_PROSE.has(node.tagName) || (PAGE_CHROME.has(node.tagName) && !insideArticle)) {
      ignore(node)
      return false
    }
    const kind = residueKind(node)
    if (kind && node.position) {
      const {start, end} = node.position
      const flat = flatText(node)
      if (flat !== '') residue.push({kind, place: {start, end}, source: text.slice(start.offset ?? 0, end.offset ?? 0), text: flat})
      ignore(node)
      return false
    }
    return true
  })

  // The page's nlcst, part by part, as the rules come to each: the rules get the
  // page's prose before the first piece, read off the tree as the converter reads it.
  const place = location(text)
  const parts: Array<HastPart | undefined> = [...hastParts(hast, size)]
  const prose = parts.map((part) => (part ? hastProse(part) : ''))
  function* trees(): Generator<Root> {
    for (const [index, part] of parts.entries()) {
      parts[index] = undefined
      if (part) yield partToNlcst(part, text, place, (local, slice) => toNlcst(local, slice, ParseEnglish), 'html')
    }
  }
  return {pieces: inPieces(trees(), size), directives, residue, prose: prose.join('')}
}
