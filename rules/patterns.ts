import type {Paragraph, Root} from 'nlcst'
import safeRegex from 'safe-regex2'
import {locateText} from '../src/locate-text.js'
import {defineRule} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'
import {z} from '../src/zod.js'

const FLAGS = /^[imsu]*$/u

function compile(source: string, flags: string): RegExp | string {
  try {
    return new RegExp(source, `${flags}g`)
  } catch (error) {
    return (error as Error).message
  }
}

/** Characters of context kept on each side of a match when its replacement is worked out. */
const CONTEXT = 256

/**
 * What the replacement makes of one match, worked out on the text around it
 * so that lookarounds, `\b` and `^` see the match's context: a sticky copy of
 * the pattern replaces just the match at its own index, with JavaScript's own
 * `$1`, `$&` and `$<name>` rules. Only a window of the text is copied, so a long
 * paragraph with many matches costs matches × window, not matches × paragraph.
 */
function replacementAt(text: string, match: RegExpMatchArray, pattern: string, flags: string, replacement: string): string {
  const index = match.index ?? 0
  const from = Math.max(0, index - CONTEXT)
  const window = text.slice(from, Math.min(text.length, index + match[0].length + CONTEXT))
  const sticky = new RegExp(pattern, `${flags}y`)
  sticky.lastIndex = index - from
  const replaced = window.replace(sticky, replacement)
  const after = window.length - (index - from) - match[0].length
  return replaced.slice(index - from, replaced.length - after)
}

/**
 * safe-regex2 parses with `ret`, which knows no lookbehind and calls every
 * pattern it cannot parse unsafe. For its question (is a repetition nested in
 * a repetition?) a lookahead in the lookbehind's place is the same pattern.
 */
const withoutLookbehinds = (source: string) => source.replace(/(?<!\\)\(\?<([=!])/gu, '(?$1')

const entry = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'an id in kebab-case, such as "no-very-unique"').optional(),
    pattern: z.string().min(1),
    flags: z.string().regex(FLAGS, 'flags among "i", "m", "s" and "u"').default('u'),
    message: z.string().min(1),
    replacement: z.string().optional(),
    severity: z.enum(['info', 'warning', 'error']).optional(),
  })
  .superRefine((value, context) => {
    const compiled = compile(value.pattern, value.flags)
    if (typeof compiled === 'string') {
      context.addIssue({code: 'custom', path: ['pattern'], message: `cannot compile "${value.pattern}": ${compiled}`})
    } else if (!safeRegex(withoutLookbehinds(compiled.source))) {
      context.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `"${value.pattern}" may backtrack catastrophically on long text (a repeated group inside a repetition), rewrite it without nested repetition`,
      })
    } else if (compiled.test('')) {
      context.addIssue({code: 'custom', path: ['pattern'], message: `"${value.pattern}" matches empty text, so it would report everywhere`})
    }
  })

export default defineRule({
  id: 'patterns',
  summary: 'House rules written as regular expressions, from the `patterns` list of the configuration.',
  why: 'Some house rules are about form rather than words (`24/7`, `a.m.`, spaced dashes); a pattern says them without code.',
  severity: 'warning',
  hasChecks: true,
  fixable: true,
  options: z.strictObject({
    entries: z.array(entry).default([]),
  }),
  messages: {
    match: (data: {found: string; message: string}) => `Unexpected \`${data.found}\`, ${data.message}`,
  },
  examples: {
    valid: [{text: 'It is unique.', options: {entries: [{pattern: '\\bvery unique\\b', message: 'use `unique`'}]}}],
    invalid: [
      {
        text: 'It is very unique, truly very unique.',
        options: {entries: [{id: 'very-unique', pattern: '\\bvery (unique)\\b', flags: 'i', message: 'use `unique` alone', replacement: '$1'}]},
        messages: ['1:7-1:18: Unexpected `very unique`, use `unique` alone', '1:26-1:37: Unexpected `very unique`, use `unique` alone'],
        fixed: 'It is unique, truly unique.',
      },
      {
        text: 'Prices rose 5 percent, then percent signs appeared.',
        options: {entries: [{id: 'per-cent', pattern: '(?<=\\d) percent', message: 'write per cent after a figure', replacement: ' per cent'}]},
        messages: ['1:14-1:22: Unexpected ` percent`, write per cent after a figure'],
        fixed: 'Prices rose 5 per cent, then percent signs appeared.',
      },
      {
        text: 'It is very unique and very large.',
        options: {entries: [{id: 'very-unique', pattern: 'very (?=unique)', message: 'unique needs no intensifier', replacement: ''}]},
        messages: ['1:7-1:12: Unexpected `very `, unique needs no intensifier'],
        fixed: 'It is unique and very large.',
      },
    ],
  },
  create: ({options, textOf, report}) => {
    const checks = options.entries.map((item, index) => ({
      ...item,
      id: item.id ?? `pattern-${index + 1}`,
      regex: new RegExp(item.pattern, `${item.flags}g`),
    }))
    return (tree: Root) => {
      if (checks.length === 0) return
      forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
        // One search per pattern in the paragraph's text; the leaves are gathered only where one matches.
        const text = textOf(paragraph)
        const present = checks.filter((check) => text.search(check.regex) !== -1)
        if (present.length === 0) return
        const located = locateText(paragraph)
        for (const check of present) {
          for (const match of located.text.matchAll(check.regex)) {
            const found = match[0]
            if (found === '') continue
            report('match', {found: found.replace(/\s+/gu, ' '), message: check.message}, {
              place: located.place(match.index, match.index + found.length),
              actual: found,
              expected: check.replacement === undefined ? undefined : [replacementAt(located.text, match, check.pattern, check.flags, check.replacement)],
              severity: check.severity,
              subRule: check.id,
            })
          }
        }
      })
    }
  },
})
