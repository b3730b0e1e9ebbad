import type {Root} from 'nlcst'
import retextRepeatedWords from 'retext-repeated-words'
import {VFile} from 'vfile'
import {defineRule, z} from '../src/index.js'

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
    ],
    invalid: [
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
  create: ({options, report}) => {
    const allowed = new Set(options.allow.map((word) => word.toLowerCase()))
    const transform = retextRepeatedWords()
    return (tree: Root) => {
      // The plugin reports into a file of its own: its messages carry the word as rule id,
      // which we replace with ours.
      const scratch = new VFile()
      transform(tree, scratch)
      for (const found of scratch.messages) {
        const actual = found.actual ?? ''
        const words = actual.split(/\s+/u)
        const first = words[0] ?? ''
        const word = words.at(-1) ?? first
        if (!found.place || allowed.has(word.toLowerCase())) continue
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
