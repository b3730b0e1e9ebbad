import type {Paragraph, Root, Sentence, Word} from 'nlcst'
import retextQuotes from 'retext-quotes'
import {findingsOf} from '../src/findings.js'
import {defineRule} from '../src/rule.js'
import {z} from '../src/zod.js'

type Style = 'smart' | 'straight'

type Kind = 'double' | 'single'

/** Which kind of mark a character is, and in which style. */
const MARKS: Readonly<Record<string, {kind: Kind; style: Style}>> = {
  '"': {kind: 'double', style: 'straight'},
  '“': {kind: 'double', style: 'smart'},
  '”': {kind: 'double', style: 'smart'},
  "'": {kind: 'single', style: 'straight'},
  '‘': {kind: 'single', style: 'smart'},
  '’': {kind: 'single', style: 'smart'},
}

const ANY_MARK = /["'“”‘’]/u

const isMark = (node: Sentence['children'][number] | Word['children'][number]) => node.type === 'PunctuationNode' && ANY_MARK.test(node.value)

/**
 * A sentence with only its marks, their neighbours (which retext-quotes reads
 * to tell an apostrophe from a closing quote) and the words holding a mark:
 * the same findings from a fraction of the nodes.
 */
function aroundMarks(sentence: Sentence): Sentence {
  const children = sentence.children
  const keep = children.map(() => false)
  children.forEach((child, index) => {
    if (isMark(child)) {
      for (const near of [index - 1, index, index + 1]) if (near >= 0 && near < keep.length) keep[near] = true
    } else if (child.type === 'WordNode' && child.children.some(isMark)) {
      keep[index] = true
    }
  })
  return {...sentence, children: children.filter((_, index) => keep[index])}
}

/** retext-quotes nests `“ ”` then `‘ ’`; a single mark keeps its own kind whatever its depth. */
const SAME_KIND: Readonly<Record<string, string>> = {'“': '‘', '”': '’', '‘': '“', '’': '”'}

interface Votes {
  /** The style each kind of mark mostly uses in the prose, and whether the other one occurs too. */
  double: {style: Style; mixed: boolean}
  single: {style: Style; mixed: boolean}
}

function vote(smart: number, straight: number): {style: Style; mixed: boolean} {
  return {style: straight > smart ? 'straight' : 'smart', mixed: smart > 0 && straight > 0}
}

/**
 * The style a text mostly uses, for double marks and for single marks (with
 * apostrophes) apart: a desk may type straight double quotes and let its CMS
 * curl apostrophes, and that is a style, not a mix. A straight mark after a
 * digit is a measure (`a 40" screen`, `5'11"`) and has no vote.
 */
function votes(text: string): Votes {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0
  return {
    double: vote(count(/[“”]/gu), count(/(?<!\d)"/gu)),
    single: vote(count(/[‘’]/gu), count(/(?<!\d)'/gu)),
  }
}

const isMeasure = (text: string, offset: number | undefined) => offset !== undefined && /\d/u.test(text.charAt(offset - 1))

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
      'He said, "We won’t stay," and left: straight double quotes with curly apostrophes are a style.',
    ],
    invalid: [
      {
        text: 'It’s fine, it’s good, it\'s bad.',
        messages: ['1:25-1:26: Unexpected straight `\'`, expected `’`'],
        fixed: 'It’s fine, it’s good, it’s bad.',
      },
      {
        text: 'He said \'no\'.',
        options: {preferred: 'smart'},
        messages: ['1:9-1:10: Unexpected straight `\'`, expected `‘`', '1:12-1:13: Unexpected straight `\'`, expected `’`'],
        fixed: 'He said ‘no’.',
      },
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
  create: ({options, text, prose, textOf, report}) => {
    /**
     * The paragraph with only its sentences that hold a quotation mark or an
     * apostrophe: the others give retext-quotes nothing to check or to count
     * in its nesting, and walking them was most of its cost.
     */
    const withQuotedSentences = (paragraph: Paragraph): Paragraph => ({
      ...paragraph,
      children: paragraph.children.flatMap((child): Paragraph['children'] => (child.type !== 'SentenceNode' ? [child] : ANY_MARK.test(textOf(child)) ? [aroundMarks(child)] : [])),
    })
    // Once per file, not per piece: a large file comes in many pieces. Only the prose votes: markup
    // has quotes of its own (`class="…"`), and code is not the desk's style.
    const vote = options.preferred === 'auto' ? votes(prose) : undefined
    return (tree: Root) => {
      let wanted: Record<Kind, Style | undefined>
      if (vote) {
        // A file in one style throughout has nothing to report: a scan of its prose tells before any walk.
        if (!vote.double.mixed && !vote.single.mixed) return
        wanted = {double: vote.double.mixed ? vote.double.style : undefined, single: vote.single.mixed ? vote.single.style : undefined}
      } else {
        const preferred = options.preferred === 'auto' ? 'smart' : options.preferred
        wanted = {double: preferred, single: preferred}
      }

      for (const preferred of ['smart', 'straight'] as const) {
        if (wanted.double !== preferred && wanted.single !== preferred) continue
        // retext-quotes starts afresh in each paragraph, so only paragraphs holding a mark of the other style can give a message.
        const offStyle = new RegExp(
          `[${wanted.double === preferred ? (preferred === 'smart' ? '"' : '“”') : ''}${wanted.single === preferred ? (preferred === 'smart' ? "'" : '‘’') : ''}]`,
          'u'
        )
        const paragraphs = tree.children.flatMap((child) => (child.type === 'ParagraphNode' && offStyle.test(textOf(child)) ? [withQuotedSentences(child)] : []))
        if (paragraphs.length === 0) continue
        for (const found of findingsOf(retextQuotes({preferred}), {type: 'RootNode', children: paragraphs})) {
          const actual = found.actual ?? ''
          const mark = MARKS[actual]
          let expected = found.expected?.[0]
          // Only the style is ours to judge; nesting and pairing belong to quote-pairs.
          if (!found.place || !mark || expected === undefined || wanted[mark.kind] !== preferred || mark.style === preferred) continue
          const start = 'start' in found.place ? found.place.start : found.place
          if (mark.style === 'straight' && isMeasure(text, start.offset)) continue
          if (MARKS[expected]?.kind !== mark.kind) expected = SAME_KIND[expected] ?? expected
          report('style', {found: actual, expected, style: mark.style}, {
            place: 'start' in found.place ? found.place : {start: found.place, end: found.place},
            actual,
            expected: [expected],
          })
        }
      }
    }
  },
})
