import type {Paragraph, Root} from 'nlcst'

const spanOf = (paragraph: Paragraph) => (paragraph.position?.end.offset ?? 0) - (paragraph.position?.start.offset ?? 0)

/**
 * The paragraphs of trees converted part by part, handed to the rules in
 * trees of about `size` characters of prose each: one tree per block would
 * cost the rules a run per block, one tree for the file would hold all its
 * prose at once. A file without prose still gives one (empty) tree.
 */
export function* inPieces(trees: Iterable<Root>, size: number): Generator<Root> {
  let paragraphs: Paragraph[] = []
  let source = 0
  let any = false
  const piece = (): Root => {
    const start = paragraphs[0]?.position?.start ?? {line: 1, column: 1, offset: 0}
    const end = paragraphs.at(-1)?.position?.end ?? start
    const root: Root = {type: 'RootNode', children: paragraphs, position: {start, end}}
    paragraphs = []
    source = 0
    return root
  }
  for (const tree of trees) {
    any = true
    for (const child of tree.children) {
      if (child.type !== 'ParagraphNode') continue
      paragraphs.push(child)
      source += spanOf(child)
    }
    if (source >= size) yield piece()
  }
  if (paragraphs.length > 0 || !any) yield piece()
}
