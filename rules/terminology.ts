import type {Paragraph, Root} from 'nlcst'
import {locateText} from '../src/locate-text.js'
import {defineRule} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'
import {z} from '../src/zod.js'

const entry = z.strictObject({
  avoid: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]),
  use: z.string().trim().min(1),
  message: z.string().min(1).optional(),
  caseSensitive: z.boolean().default(false),
  severity: z.enum(['info', 'warning', 'error']).optional(),
})

interface Term {
  pattern: RegExp
  use: string
  message: string | undefined
  severity: 'info' | 'warning' | 'error' | undefined
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')

/** Whole words only, and a space in a phrase stands for any run of white space (a line break too). */
function termPattern(variants: readonly string[], caseSensitive: boolean): RegExp {
  const alternatives = [...variants]
    .sort((a, b) => b.length - a.length)
    .map((variant) => variant.trim().split(/\s+/u).map(escape).join('\\s+'))
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, caseSensitive ? 'gu' : 'giu')
}

export default defineRule({
  id: 'terminology',
  summary: 'Terms the house style replaces, from the `terminology` list or a glossary file.',
  why: 'A translation desk keeps a termbase so that one thing has one name; a term carried over from the source, or an old name, slips through otherwise.',
  severity: 'warning',
  fixable: true,
  options: z.strictObject({
    entries: z.array(entry).default([]),
  }),
  messages: {
    replace: (data: {found: string; use: string}) => `Unexpected \`${data.found}\`, use \`${data.use}\` instead`,
    custom: (data: {found: string; use: string; message: string}) => `Unexpected \`${data.found}\`, use \`${data.use}\` instead: ${data.message}`,
  },
  examples: {
    valid: [
      {text: 'Iran said the IAMB would meet.', options: {entries: [{avoid: 'IAM', use: 'Iran'}]}},
      {text: 'The iam-text tag stays.', options: {entries: [{avoid: 'IAM', use: 'Iran', caseSensitive: true}]}},
    ],
    invalid: [
      {
        text: 'For the IAM, support is a duty.',
        options: {entries: [{avoid: 'IAM', use: 'Iran'}]},
        messages: ['1:9-1:12: Unexpected `IAM`, use `Iran` instead'],
        fixed: 'For the Iran, support is a duty.',
      },
      {
        text: 'The Islamic\nRepublic spoke, and so did Persia.',
        options: {entries: [{avoid: ['Islamic Republic', 'Persia'], use: 'Iran', message: 'the desk names countries by their short name', severity: 'error'}]},
        messages: [
          '1:5-2:9: error: Unexpected `Islamic Republic`, use `Iran` instead: the desk names countries by their short name',
          '2:28-2:34: error: Unexpected `Persia`, use `Iran` instead: the desk names countries by their short name',
        ],
        fixed: 'The Iran spoke, and so did Iran.',
      },
    ],
  },
  create: ({options, textOf, report}) => {
    const terms: Term[] = options.entries.map((item) => ({
      pattern: termPattern(typeof item.avoid === 'string' ? [item.avoid] : item.avoid, item.caseSensitive),
      use: item.use,
      message: item.message,
      severity: item.severity,
    }))
    return (tree: Root) => {
      if (terms.length === 0) return
      forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
        // One search per term in the paragraph's text; the leaves are gathered only where one is found.
        const text = textOf(paragraph)
        const present = terms.filter((term) => text.search(term.pattern) !== -1)
        if (present.length === 0) return
        const located = locateText(paragraph)
        for (const term of present) {
          for (const match of located.text.matchAll(term.pattern)) {
            const found = match[0]
            // A term that is already what the house style uses is not a finding (`Iran` for `iran`).
            if (found === term.use) continue
            const details = {place: located.place(match.index, match.index + found.length), actual: found, expected: [term.use], severity: term.severity}
            // A phrase may run over a line break; the message stays on one line.
            const shown = found.replace(/\s+/gu, ' ')
            if (term.message) report('custom', {found: shown, use: term.use, message: term.message}, details)
            else report('replace', {found: shown, use: term.use}, details)
          }
        }
      })
    }
  },
})
