import type {Paragraph, Root} from 'nlcst'
import retextRepeatedWords from 'retext-repeated-words'
import {findingsOf} from '../src/findings.js'
import {defineRule} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'
import {z} from '../src/zod.js'

/** White space as parse-latin reads it (JavaScript's `\s` lacks U+0085 and has U+FEFF). */
function isSpace(code: number): boolean {
  if (code < 0x85) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  )
}

const isAsciiLetterOrDigit = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)

/**
 * Whether a character surely continues a word: an ASCII letter or digit.
 * Past ASCII, Node's Unicode and parse-latin's disagree (letters new in
 * Unicode 16, combining marks), so no such character is taken to join two
 * words: the scan may then say yes where there is nothing, never no where
 * retext-repeated-words finds a repeat.
 */
const surelyInWord = (text: string, index: number) => isAsciiLetterOrDigit(text.charCodeAt(index))

/** Whether a character may belong to a word: an ASCII letter or digit, or anything past ASCII. */
const mayBeInWord = (text: string, index: number) => {
  const code = text.charCodeAt(index)
  return code >= 128 || isAsciiLetterOrDigit(code)
}

/**
 * Whether the run of non-space characters `before` (from `from` to `to`) ends
 * with a word that the next run, from `next` to `nextEnd`, starts with.
 */
function endsWithStartOf(text: string, from: number, to: number, next: number, nextEnd: number): boolean {
  // A word of `before` that the next run starts with begins with its first character: only those places are tried.
  const first = text.charCodeAt(next)
  for (let start = from; start < to; start++) {
    if (text.charCodeAt(start) !== first || (start > from && surelyInWord(text, start - 1))) continue
    const length = to - start
    if (nextEnd - next < length || (nextEnd - next > length && surelyInWord(text, next + length))) continue
    if (!text.startsWith(text.slice(start, to), next)) continue
    for (let at = start; at < to; at++) if (mayBeInWord(text, at)) return true
  }
  return false
}

/**
 * Whether some word, white space and the same word again (case aside) occur
 * in a text: without that, retext-repeated-words has nothing to find, and this
 * scan is four times cheaper than its walk (and than a regular expression with
 * a back-reference). A word ends one run of non-space characters and starts the
 * next; it may open with symbols (`#tag`) but holds a letter or digit (or a
 * character past ASCII). The runs are read in place: splitting the text cost a
 * third of the scan.
 */
export function mayHaveRepeatedWord(text: string): boolean {
  // The plugin lowercases word by word: a capital sigma ends up `ς` or `σ` by what follows it here, not there.
  let lower = text.toLowerCase()
  if (lower.includes('ς')) lower = lower.replaceAll('ς', 'σ')
  let previous = -1
  let previousEnd = -1
  for (let index = 0; index < lower.length; ) {
    if (isSpace(lower.charCodeAt(index))) {
      index++
      continue
    }
    const start = index
    while (index < lower.length && !isSpace(lower.charCodeAt(index))) index++
    if (previous >= 0 && endsWithStartOf(lower, previous, previousEnd, start, index)) return true
    previous = start
    previousEnd = index
  }
  return false
}

/**
 * Doubles that grammar allows, with what must come before them in the
 * sentence: `What it is is a delay`, `All it is is a delay` (a clause as
 * subject), and the emphatic `I do do my homework`.
 */
const GRAMMATICAL_DOUBLES: Readonly<Record<string, RegExp>> = {
  is: /\b(?:what|whatever|all)\b[^.!?;:]*\bis\s*$/iu,
  do: /\b(?:I|you|we|they)\s+do\s*$/iu,
}

/** Whether the double at `offset` in `text` is one that grammar allows there. */
function isGrammatical(word: string, text: string, offset: number): boolean {
  const before = GRAMMATICAL_DOUBLES[word.toLowerCase()]
  if (!before) return false
  // The slice ends with the double's first word: the test reads the clause up to it.
  return before.test(text.slice(Math.max(0, offset - 200), offset + word.length))
}

export default defineRule({
  id: 'repeated-words',
  summary: 'A word typed twice in a row, such as `the the`.',
  why: 'A doubled word is nearly always an editing slip, and readers trip on it.',
  severity: 'error',
  fixable: true,
  options: z.strictObject({
    allow: z.array(z.string()).default([]),
  }),
  messages: {
    repeated: (data: {word: string}) => `Unexpected repeated \`${data.word}\`, remove one occurrence`,
  },
  examples: {
    valid: [
      'They had had enough.',
      'He said that that was all.',
      'Duran Duran played in Tehran.',
      'It is what it is.',
      {text: 'Go go go!', options: {allow: ['go']}},
      'What it is is a delay, and all it is is a delay.',
      'I do do my homework.',
    ],
    invalid: [
      {
        text: 'The plan is is late.',
        messages: ['1:10-1:15: Unexpected repeated `is`, remove one occurrence'],
        fixed: 'The plan is late.',
      },
      {
        text: 'You need to do do it.',
        messages: ['1:13-1:18: Unexpected repeated `do`, remove one occurrence'],
        fixed: 'You need to do it.',
      },
      {
        text: 'It was the the end.',
        messages: ['1:8-1:15: Unexpected repeated `the`, remove one occurrence'],
        fixed: 'It was the end.',
      },
      {
        text: 'The the meeting began.',
        messages: ['1:1-1:8: Unexpected repeated `the`, remove one occurrence'],
        fixed: 'The meeting began.',
      },
      {
        text: 'They agreed on\non the plan.',
        messages: ['1:13-2:3: Unexpected repeated `on`, remove one occurrence'],
        fixed: 'They agreed on the plan.',
      },
    ],
  },
  create: ({options, text, textOf, report}) => {
    const allowed = new Set(options.allow.map((word) => word.toLowerCase()))
    const transform = retextRepeatedWords()
    return (tree: Root) => {
      const candidates: Paragraph[] = []
      forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
        if (mayHaveRepeatedWord(textOf(paragraph))) candidates.push(paragraph)
      })
      if (candidates.length === 0) return
      // The plugin's findings carry the word as rule id, which we replace with ours.
      for (const found of findingsOf(transform, {type: 'RootNode', children: candidates})) {
        const actual = found.actual ?? ''
        const words = actual.split(/\s+/u)
        const first = words[0] ?? ''
        const word = words.at(-1) ?? first
        if (!found.place || allowed.has(word.toLowerCase())) continue
        const start = 'start' in found.place ? found.place.start : found.place
        if (start.offset !== undefined && isGrammatical(word, text, start.offset)) continue
        // The second word names the repetition (`The the` repeats `the`); the first keeps its capital in the fix.
        report('repeated', {word}, {
          place: 'start' in found.place ? found.place : {start: found.place, end: found.place},
          actual,
          expected: [first],
        })
      }
    }
  },
})
