// A house rule: a title such as "the Leader" may stand for a person only once
// the article has named that person. Readers outside the desk do not know who
// "the Leader" is until someone tells them.
import {defineRule, locateText, z} from 'copydesk'

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')

export default defineRule({
  id: 'no-bare-title',
  url: 'https://example.org/style-guide#titles',
  summary: 'A title such as `the Leader` used before the article names the person.',
  why: 'A title only identifies someone once the reader has been told who holds it.',
  severity: 'warning',
  fixable: false,
  options: z.strictObject({
    titles: z
      .array(z.strictObject({title: z.string().min(1), names: z.array(z.string().min(1)).min(1)}))
      .default([]),
  }),
  messages: {
    bare: ({title, name}) => `Unexpected \`${title}\` before the article names the person, name them first (\`${name}\`)`,
  },
  examples: {
    valid: [
      {
        text: 'Ayatollah Khamenei spoke. The Leader then left.',
        options: {titles: [{title: 'the Leader', names: ['Khamenei']}]},
      },
      {text: 'The Leader spoke.', options: {titles: []}},
    ],
    invalid: [
      {
        text: 'The Leader spoke.\n\nLater, the Leader left, and Ayatollah Khamenei stayed. The Leader smiled.',
        options: {titles: [{title: 'the Leader', names: ['Khamenei']}]},
        messages: [
          '1:1-1:11: Unexpected `The Leader` before the article names the person, name them first (`Khamenei`)',
          '3:8-3:18: Unexpected `the Leader` before the article names the person, name them first (`Khamenei`)',
        ],
      },
    ],
  },
  create: ({options, report}) => {
    const checks = options.titles.map(({title, names}) => ({
      // The title's first word may be capitalised at the start of a sentence.
      title: new RegExp(`\\b${escape(title.charAt(0))}${escape(title.slice(1)).replace(/ /gu, '\\s+')}\\b`, 'giu'),
      name: new RegExp(`\\b(?:${names.map(escape).join('|')})\\b`, 'u'),
      firstName: names[0],
    }))
    return (tree) => {
      const named = new Set()
      for (const paragraph of tree.children.filter((node) => node.type === 'ParagraphNode')) {
        const {text, place} = locateText(paragraph)
        checks.forEach((check, index) => {
          if (named.has(index)) return
          const nameAt = check.name.exec(text)?.index ?? Number.POSITIVE_INFINITY
          for (const match of text.matchAll(check.title)) {
            if (match.index >= nameAt) break
            report('bare', {title: match[0], name: check.firstName}, {place: place(match.index, match.index + match[0].length)})
          }
          if (nameAt !== Number.POSITIVE_INFINITY) named.add(index)
        })
      }
    }
  },
})
