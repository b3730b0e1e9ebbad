import type {Element, Nodes} from 'hast'
import {embedded} from 'hast-util-embedded'
import {phrasing} from 'hast-util-phrasing'
import {whitespace} from 'hast-util-whitespace'
import {FLOW_ACCEPTING, PARAGRAPHS, flattened, isSkipped} from './hast-reading.js'

/**
 * The prose of part of an HTML tree as hast-util-to-nlcst turns it into
 * leaves, without making the leaves: the same paragraphs in the same order
 * (`p` and headings, and runs of phrasing content in elements that accept
 * flow content), each the text of its text nodes, `<br>` a line break, `<wbr>`
 * a space, `<code>` its text, ignored elements left out. Converting every
 * part of a page once to learn its prose, then again for the rules, made a
 * 10 MB page take 41 s instead of 30.
 * Kept in step with hast-util-to-nlcst 4 (a test compares the two on every
 * fixture and on pages the parser repairs).
 */
export function hastProse(tree: Nodes): string {
  const paragraphs: string[] = []
  find(tree, paragraphs)
  return paragraphs.join('')
}

const source = (element: Element) => element.tagName === 'code' || element.properties.dataNlcst === 'source'

function find(node: Nodes, paragraphs: string[]): void {
  if (node.type === 'root') {
    for (const child of node.children) find(child, paragraphs)
  } else if (node.type === 'element' && !isSkipped(node)) {
    if (PARAGRAPHS.has(node.tagName)) paragraphs.push(textOf(node))
    else if (FLOW_ACCEPTING.has(node.tagName)) implicit(flattened(node.children), paragraphs)
    else for (const child of node.children) find(child, paragraphs)
  }
}

/** Runs of phrasing content between blocks: a run with more than white space and embedded content is a paragraph. */
function implicit(children: readonly Nodes[], paragraphs: string[]): void {
  let run: Nodes[] = []
  let viable = false
  const close = () => {
    if (viable) paragraphs.push(run.map(textOf).join(''))
    else for (const node of run) find(node, paragraphs)
    run = []
    viable = false
  }
  for (const child of children) {
    if (phrasing(child)) {
      run.push(child)
      if (!viable && !embedded(child) && !whitespace(child)) viable = true
    } else {
      close()
      find(child, paragraphs)
    }
  }
  close()
}

/** The text of every text node inside, as hast-util-to-string 2 gives it to the converter for source. */
function textContent(node: Nodes): string {
  if (node.type === 'text') return node.value
  return 'children' in node ? node.children.map(textContent).join('') : ''
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' || isSkipped(node)) return ''
  if (node.tagName === 'wbr') return ' '
  if (node.tagName === 'br') return '\n'
  if (source(node)) return textContent(node)
  return node.children.map(textOf).join('')
}
