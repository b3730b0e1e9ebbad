import type {Element, ElementContent, RootContent} from 'hast'

/**
 * How hast-util-to-nlcst 4 reads an HTML tree, for the code that must read it
 * the same way without converting it: where paragraphs are, what is left out.
 */

/** Elements that are one paragraph each. */
export const PARAGRAPHS: ReadonlySet<string> = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Elements whose runs of phrasing content between blocks are paragraphs. */
export const FLOW_ACCEPTING: ReadonlySet<string> = new Set([
  'body',
  'article',
  'section',
  'blockquote',
  'nav',
  'aside',
  'header',
  'footer',
  'address',
  'li',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'div',
  'main',
  'caption',
  'td',
  'th',
  'form',
  'fieldset',
  'details',
  'dialog',
])

const SKIPPED = new Set(['script', 'style', 'svg', 'math', 'del'])

/** In flow content the converter reads the children of these as if they stood in their place. */
const TRANSPARENT = new Set(['a', 'ins', 'del', 'map'])

/** Whether the converter leaves an element and all it holds out. */
export function isSkipped(element: Element): boolean {
  return SKIPPED.has(element.tagName) || element.properties.dataNlcst === 'ignore'
}

type Child = RootContent | ElementContent

/** Children as the converter reads them in flow content: `a`, `ins`, `del` and `map` give way to their own children. */
export function flattened<Node extends Child>(children: readonly Node[]): Node[] {
  return children.flatMap((child) => (child.type === 'element' && TRANSPARENT.has(child.tagName) ? flattened(child.children as Node[]) : [child]))
}
