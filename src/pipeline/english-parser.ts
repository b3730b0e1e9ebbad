import type {Paragraph, Root, RootContent} from 'nlcst'
import {ParseEnglish} from 'parse-english'

/** White space as parse-latin tokenizes it: runs of these are one white-space node. */
const WHITE_SPACE = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u

/** Spaces on a line, ASCII and Unicode (Zs): what may stand around the line breaks of a paragraph break. */
const ON_A_LINE = '[\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]*'

/**
 * White space between two sentences that ends a paragraph: line breaks with
 * nothing but spaces around them, no-break and other Unicode spaces as well
 * as the ASCII ones. parse-latin takes only spaces and tabs there, so a
 * paragraph indented with a no-break space (`\n\n\u00a0The…`), or a line
 * ending in one, as text copied from a web page often has, was joined to the
 * paragraph before it.
 */
const PARAGRAPH_BREAK = new RegExp(`^${ON_A_LINE}(?:(?:\\r\\n|\\r|\\n)${ON_A_LINE})+$`, 'u')

/** The paragraphs `paragraph` splits into at the paragraph breaks parse-latin left inside it, with those breaks between them. */
function splitAtBreaks(paragraph: Paragraph): RootContent[] {
  const children = paragraph.children
  const parts: RootContent[] = []
  let start = 0
  for (let index = 1; index < children.length - 1; index++) {
    const child = children[index] as Paragraph['children'][number]
    if (child.type !== 'WhiteSpaceNode' || !PARAGRAPH_BREAK.test(child.value)) continue
    parts.push(part(children.slice(start, index)), child)
    start = index + 1
  }
  if (start === 0) return [paragraph]
  parts.push(part(children.slice(start)))
  return parts
}

/** A paragraph of `children`, spanning them as parse-latin's paragraphs do (their own points, not copies). */
function part(children: Paragraph['children']): Paragraph {
  const paragraph: Paragraph = {type: 'ParagraphNode', children}
  const first = children[0]?.position
  const last = children.at(-1)?.position
  if (first && last) paragraph.position = {start: first.start, end: last.end}
  return paragraph
}

/**
 * parse-english, with paragraphs ended also where the white space between
 * two sentences holds no-break or other Unicode spaces around its line
 * breaks (see PARAGRAPH_BREAK). Every reading of plain text uses it: the
 * whole text, its pieces, and the parse workers.
 */
export class EnglishParser extends ParseEnglish {
  override tokenizeRoot(value?: string | null): Root {
    const root = super.tokenizeRoot(value)
    if (!root.children.some((child) => child.type === 'ParagraphNode' && child.children.length > 2)) return root
    root.children = root.children.flatMap((child) => (child.type === 'ParagraphNode' ? splitAtBreaks(child) : [child]))
    return root
  }
}

/** A run of white space in a text: where it starts and ends. */
export interface Run {
  start: number
  end: number
}

/** The run of white space around `index`, as parse-latin cuts white space into one node. */
export function whiteSpaceRun(text: string, index: number): Run {
  let start = index
  while (start > 0 && WHITE_SPACE.test(text.charAt(start - 1))) start--
  let end = index
  while (end < text.length && WHITE_SPACE.test(text.charAt(end))) end++
  return {start, end}
}

/** Whether a run of white space (see whiteSpaceRun) is a paragraph break when it stands between two sentences. */
export function isParagraphBreak(text: string, run: Run): boolean {
  return PARAGRAPH_BREAK.test(text.slice(run.start, run.end))
}
