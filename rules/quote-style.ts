import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import retextQuotes from 'retext-quotes'
import {VFile} from 'vfile'
import {defineRule, z} from '../src/index.js'

type Style = 'smart' | 'straight'

const STRAIGHT = new Set(['"', "'"])
const SMART_QUOTES = /[“”‘]/gu
/** A straight double quote after a digit is an inch or seconds mark (`a 40" screen`), not a quotation mark. */
const STRAIGHT_DOUBLE = /(?<!\d)"/gu
const isMeasure = (text: string, offset: number | undefined) => offset !== undefined && /\d/u.test(text.charAt(offset - 1))

/**
 * The style a document mostly uses, from a scan of its raw text. Apostrophes are
 * left out of the count (`’` and `'` inside words are far more common than quotes
 * and would drown them), so only double marks and opening singles vote.
 */
function dominantStyle(text: string): {style: Style; mixed: boolean} {
  const smart = text.match(SMART_QUOTES)?.length ?? 0
  const straight = text.match(STRAIGHT_DOUBLE)?.length ?? 0
  return {style: straight > smart ? 'straight' : 'smart', mixed: smart > 0 && straight > 0}
}

export default defineRule({
  id: 'quote-style',
  summary: 'Straight quotes (`"`, `\'`) among curly ones (`“ ” ‘ ’`), or the reverse.',
  why: 'A draft assembled from several sources mixes quote styles; the house style, or the draft’s own majority, should win.',
  severity: 'warning',
  fixable: true,
  yieldsTo: ['quote-pairs'],
  options: z.strictObject({
    preferred: z.enum(['auto', 'smart', 'straight']).default('auto'),
  }),
  messages: {
    style: (data: {found: string; expected: string; style: string}) =>
      `Unexpected ${data.style} \`${data.found}\`, expected \`${data.expected}\``,
  },
  examples: {
    valid: [
      'He said, “We will stay,” and left; it’s over.',
      'He said, "We will stay," and left.',
      {text: 'He said, "We will stay."', options: {preferred: 'straight'}},
      'A 40" screen showed the “live” results.',
    ],
    invalid: [
      {
        text: '“One,” he said. “Two,” she said. "Three," they said.',
        messages: [
          '1:34-1:35: Unexpected straight `"`, expected `“`',
          '1:41-1:42: Unexpected straight `"`, expected `”`',
        ],
        fixed: '“One,” he said. “Two,” she said. “Three,” they said.',
      },
      {
        text: 'He said, "We will stay."',
        options: {preferred: 'smart'},
        messages: ['1:10-1:11: Unexpected straight `"`, expected `“`', '1:24-1:25: Unexpected straight `"`, expected `”`'],
        fixed: 'He said, “We will stay.”',
      },
      {
        text: 'He said, “We won’t stay.”',
        options: {preferred: 'straight'},
        messages: [
          '1:10-1:11: Unexpected smart `“`, expected `"`',
          '1:17-1:18: Unexpected smart `’`, expected `\'`',
          '1:25-1:26: Unexpected smart `”`, expected `"`',
        ],
        fixed: 'He said, "We won\'t stay."',
      },
    ],
  },
  create: ({options, text, report}) => (tree: Root) => {
    let preferred: Style
    if (options.preferred === 'auto') {
      // A file in one style throughout has nothing to report: a scan of its raw text tells before any walk.
      if (!dominantStyle(text).mixed) return
      // Markup mixes in quotes of its own (`class="…"`): only the prose votes.
      const {style, mixed} = dominantStyle(toString(tree))
      if (!mixed) return
      preferred = style
    } else {
      preferred = options.preferred
    }

    const scratch = new VFile()
    retextQuotes({preferred})(tree, scratch)
    for (const found of scratch.messages) {
      const actual = found.actual ?? ''
      const expected = found.expected?.[0]
      const foundStyle: Style = STRAIGHT.has(actual) ? 'straight' : 'smart'
      // Only the style is ours to judge; nesting and pairing belong to quote-pairs.
      if (!found.place || expected === undefined || foundStyle === preferred) continue
      const start = 'start' in found.place ? found.place.start : found.place
      if (foundStyle === 'straight' && isMeasure(text, start.offset)) continue
      report('style', {found: actual, expected, style: foundStyle}, {
        place: 'start' in found.place ? found.place : {start: found.place, end: found.place},
        actual,
        expected: [expected],
      })
    }
  },
})
