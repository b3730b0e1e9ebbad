import type {Definition, FootnoteDefinition} from 'mdast'
import {normalizeIdentifier} from 'micromark-util-normalize-identifier'

/**
 * What `text` has between an unescaped `[` and the next unescaped `]`: every
 * label it may reference (`[label]`, `[^note]`). One pass over the text: a
 * regular expression for it backtracks on runs of `\[` (display math).
 */
function* bracketed(text: string): Generator<string> {
  let open = -1
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x5c) index++
    else if (code === 0x5b) open = index
    else if (code === 0x5d && open !== -1) {
      if (index > open + 1) yield text.slice(open + 1, index)
      open = -1
    }
  }
}

/** How mdast names a label: micromark's normalisation, lower-cased. */
const identifierOf = (label: string) => normalizeIdentifier(label).toLowerCase()

/**
 * The reference and footnote definitions of a Markdown file, for the pieces of
 * a large file that use them: a piece parsed alone must resolve `[text][label]`
 * and `[^note]` as the whole file does, or their text would be prose in one
 * run and not in the other. Only whether a label is defined changes the prose
 * (a resolved reference's text is prose, an unresolved one is literal text),
 * so each definition is written out as `[label]: #`, which parses back the same.
 */
export class Definitions {
  /** Each definition as Markdown, by its key. */
  private readonly written = new Map<string, string>()

  get size(): number {
    return this.written.size
  }

  /** What tells a definition from others: its kind and its identifier. */
  static keyOf(node: Definition | FootnoteDefinition): string {
    return node.type === 'definition' ? `[${node.identifier}` : `[^${node.identifier}`
  }

  /** Adds a definition; of two with one label, the first counts, as in CommonMark. */
  add(node: Definition | FootnoteDefinition): void {
    const key = Definitions.keyOf(node)
    if (this.written.has(key)) return
    // The identifier, not the label: it is the label's source (normalised), so it parses back to itself, where
    // the label has its escapes and references decoded (`[a\_b]` is labelled `a_b`, and `[a_b]` names another).
    const {identifier} = node
    this.written.set(key, node.type === 'definition' ? `[${identifier}]: #` : `[^${identifier}]: #`)
  }

  /**
   * The definitions of the labels `text` has in brackets (a superset of those
   * it references), as Markdown, except those it defines itself (`own`, by key).
   */
  for(text: string, own: ReadonlySet<string> = new Set()): string {
    if (this.size === 0) return ''
    const used = new Set<string>()
    for (const label of bracketed(text)) {
      const key = label.startsWith('^') ? `[^${identifierOf(label.slice(1))}` : `[${identifierOf(label)}`
      const definition = own.has(key) ? undefined : this.written.get(key)
      if (definition) used.add(definition)
    }
    // Blank lines between them: a footnote definition's text would run on into the next line.
    return [...used].join('\n\n')
  }
}
