import type {Node, Parent, Point} from 'unist'

/**
 * The longest text node, in UTF-16 code units, handed whole to
 * mdast-util-to-nlcst and hast-util-to-nlcst. Both append a node's tokens
 * with `push(...tokens)`, which passes each token as an argument: a text of
 * a few hundred thousand characters (a paragraph of 16,000 lines) overflowed
 * the call stack. A run of this length makes at most this many tokens,
 * about an eighth of what a call takes here. A text with no place to cut is
 * left longer; if it overflows, the file is linted again on a deeper stack
 * (deep-stack.ts).
 */
export const LONGEST_TEXT = 16_384

interface Text extends Node {
  type: 'text'
  value: string
}

const isText = (node: Node): node is Text => node.type === 'text' && typeof (node as Partial<Text>).value === 'string'

/** White space as parse-latin's tokenizer reads it. */
const WHITE_SPACE = /[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u

const isPrintableAscii = (code: number) => code >= 0x21 && code <= 0x7e
const isAsciiLetterOrDigit = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)

/**
 * Whether parse-latin's tokenizer surely ends a token before `index`, so
 * that the text tokenizes to the same tokens cut there or not. It ends one
 * wherever white space starts or stops (Chinese and Persian lines, words
 * ending in `é`), and, among printable ASCII, between a letter or digit and
 * anything else, and between two different marks (`1,2,3`, with no space).
 */
function endsTokenBefore(value: string, index: number): boolean {
  const code = value.charCodeAt(index)
  const before = value.charCodeAt(index - 1)
  if (isPrintableAscii(code) && isPrintableAscii(before)) {
    const word = isAsciiLetterOrDigit(code)
    return word !== isAsciiLetterOrDigit(before) || (!word && code !== before)
  }
  return WHITE_SPACE.test(value.charAt(index)) !== WHITE_SPACE.test(value.charAt(index - 1))
}

/** Where to cut `value` into runs of at most `longest` code units; a run is longer only where no place to cut is found. */
function cutsOf(value: string, longest: number): number[] {
  const cuts: number[] = []
  let from = 0
  while (value.length - from > longest) {
    let at = from + longest
    while (at > from && !endsTokenBefore(value, at)) at--
    if (at === from) {
      at = from + longest + 1
      while (at < value.length && !endsTokenBefore(value, at)) at++
      if (at >= value.length) break
    }
    cuts.push(at)
    from = at
  }
  return cuts
}

/**
 * A long text node as runs of text side by side, placed where the converter
 * would have placed their tokens: it places a text's tokens one after the
 * other from the node's start offset, by their lengths (not where they are
 * in the source, which character references and escapes make longer), and
 * realignLeaves moves them afterwards. Two runs meet at one point, so
 * mdast-util-to-nlcst, which adds a line break between siblings on
 * different lines, sees none between them. None if a point cannot be had.
 */
function runsOf(text: Text, longest: number, pointAt: (offset: number) => Point | undefined): Text[] | undefined {
  const start = text.position?.start
  const end = text.position?.end
  if (start?.offset === undefined || end === undefined) return undefined
  // A text that starts outside the document converted (foster-parented HTML moves text before its part) gets no
  // positions from hast-util-to-nlcst, while runs of it inside the document would.
  const first = pointAt(start.offset)
  if (first?.line !== start.line || first.column !== start.column) return undefined
  const cuts = cutsOf(text.value, longest)
  if (cuts.length === 0) return undefined
  const points: Point[] = [start]
  for (const cut of cuts) {
    const point = pointAt(start.offset + cut)
    if (!point) return undefined
    points.push(point)
  }
  points.push(end)
  const bounds = [0, ...cuts, text.value.length]
  return points.slice(1).map((runEnd, index) => ({
    type: 'text',
    value: text.value.slice(bounds[index], bounds[index + 1]),
    position: {start: points[index] as Point, end: runEnd},
  }))
}

/**
 * Cuts, in a tree no one else holds, each text node longer than `longest`
 * into runs (see runsOf), so that the converters never pass one node's tokens
 * as the arguments of one call. The converted tree is the same as without.
 * `pointAt` gives the point of an offset in the text the tree is converted
 * against.
 */
export function cutLongTexts(tree: Node, pointAt: (offset: number) => Point | undefined, longest = LONGEST_TEXT): void {
  if (!('children' in tree)) return
  const parent = tree as Parent
  let cut = false
  const children: Node[] = []
  for (const child of parent.children) {
    const runs = isText(child) && child.value.length > longest ? runsOf(child, longest, pointAt) : undefined
    if (runs) {
      cut = true
      for (const run of runs) children.push(run)
    } else {
      children.push(child)
      cutLongTexts(child, pointAt, longest)
    }
  }
  if (cut) parent.children = children as Parent['children']
}
