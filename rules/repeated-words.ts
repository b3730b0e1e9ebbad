import type {Paragraph, Root} from 'nlcst'
import retextRepeatedWords from 'retext-repeated-words'
import {findingsOf} from '../src/findings.js'
import {defineRule} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'
import {z} from '../src/zod.js'

/** White space as parse-latin reads it (JavaScript's `\s` lacks U+0085 and has U+FEFF). */
const SPACE = /[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function isLetterOrDigit(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  return LETTER_OR_DIGIT.test(text.charAt(index))
}

/**
 * Whether some word, white space and the same word again (case aside) occur
 * in a text: without that, retext-repeated-words has nothing to find, and this
 * scan is four times cheaper than its walk (and than a regular expression with
 * a back-reference). A word ends one run of non-space characters and starts the
 * next; it may open with symbols (`#tag`) but holds a letter or digit.
 */
export function mayHaveRepeatedWord(text: string): boolean {
  const chunks = text.toLowerCase().split(SPACE)
  for (let index = 1; index < chunks.length; index++) {
    const before = chunks[index - 1] ?? ''
    const after = chunks[index] ?? ''
    // A word of `before` that `after` starts with begins with `after`'s first character: only those places are tried.
    const first = after.charAt(0)
    for (let start = before.indexOf(first); start !== -1 && first !== ''; start = before.indexOf(first, start + 1)) {
      if (start > 0 && isLetterOrDigit(before, start - 1)) continue
      const word = before.slice(start)
      if (!after.startsWith(word) || (after.length > word.length && isLetterOrDigit(after, word.length))) continue
      for (let at = 0; at < word.length; at++) if (isLetterOrDigit(word, at)) return true
    }
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
