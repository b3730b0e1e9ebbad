import path from 'node:path'
import type {Node} from 'unist'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {lintText} from '../src/index.js'
import {applyFixes} from '../src/fix.js'
import {parseHtml} from '../src/pipeline/parse-html.js'
import {parseMarkdown} from '../src/pipeline/parse-markdown.js'
import {tempFolder} from './helpers.js'

/** `line:column ruleId` of each message, for comparing with places found in the source by hand. */
async function placesIn(text: string, filePath: string): Promise<string[]> {
  const result = await lintText(text, {filePath})
  return result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
}

/** Where `needle` starts in `text` (its `occurrence`-th time), as line:column. */
function whereIs(text: string, needle: string, occurrence = 1): string {
  let index = -1
  for (let seen = 0; seen < occurrence; seen++) index = text.indexOf(needle, index + 1)
  if (index === -1) throw new Error(`no ${needle} in the text`)
  const before = text.slice(0, index).split(/\r?\n/u)
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
}

/** Each leaf's value with the characters of the source it is placed on. */
function leavesOf(text: string, filePath: string): Array<[string, string]> {
  const file = new VFile({value: text, path: filePath})
  const trees: Node[] = filePath.endsWith('.md') ? [...parseMarkdown(file).pieces] : [...parseHtml(file).pieces]
  const leaves: Array<[string, string]> = []
  for (const tree of trees) {
    visit(tree, (node) => {
      const value = (node as {value?: unknown}).value
      if (typeof value === 'string') leaves.push([value, text.slice(node.position?.start.offset, node.position?.end.offset)])
    })
  }
  return leaves
}

describe('leaves written as references or escapes', () => {
  it('span the whole reference or escape in Markdown', () => {
    expect(leavesOf('Tom &amp; Jerry \\*said\\* \\\\ no &#8220;yes&#x201D;.\n', 'draft.md')).toEqual([
      ['Tom', 'Tom'], [' ', ' '], ['&', '&amp;'], [' ', ' '], ['Jerry', 'Jerry'], [' ', ' '],
      ['*', '\\*'], ['said', 'said'], ['*', '\\*'], [' ', ' '], ['\\', '\\\\'], [' ', ' '],
      ['no', 'no'], [' ', ' '], ['“', '&#8220;'], ['yes', 'yes'], ['”', '&#x201D;'], ['.', '.'],
    ])
  })

  it('span two references in one leaf, and a hard line break written as a backslash, in Markdown', () => {
    expect(leavesOf('One\\\ntwo &amp;&amp; three.\n', 'draft.md')).toEqual([
      ['One', 'One'], ['\n', '\\\n'], ['two', 'two'], [' ', ' '], ['&&', '&amp;&amp;'], [' ', ' '], ['three', 'three'], ['.', '.'],
    ])
  })

  it('span references in HTML, where a backslash is text, &#147; is Windows-1252 and &amp needs no semicolon', () => {
    expect(leavesOf('<p>Tom &amp; Jerry \\*said\\* &#147;yes&#148; &amp co.</p>\n', 'page.html')).toEqual([
      ['Tom', 'Tom'], [' ', ' '], ['&', '&amp;'], [' ', ' '], ['Jerry', 'Jerry'], [' ', ' '],
      ['\\', '\\'], ['*', '*'], ['said', 'said'], ['\\', '\\'], ['*', '*'], [' ', ' '],
      ['“', '&#147;'], ['yes', 'yes'], ['”', '&#148;'], [' ', ' '], ['&', '&amp'], [' ', ' '], ['co', 'co'], ['.', '.'],
    ])
  })
})

describe('positions after character references and escapes', () => {
  it.each([
    ['a named reference', 'Tom &amp; Jerry went to the the market.\n'],
    ['a decimal reference', 'He said &#8220;no&#8221; to the the plan.\n'],
    ['a hexadecimal reference', 'Prices rose 5&#x202F;per cent in the the quarter.\n'],
    ['a no-break space', 'On&nbsp;Tuesday&nbsp;morning the the envoys met.\n'],
    ['an escaped asterisk', 'The \\*official\\* figures followed the the markets.\n'],
    ['a reference on the line before', 'Tom &amp; Jerry &amp; Spike\nwent to the the market.\n'],
    ['a quoted continuation line', '> The envoys met\n> and the the talks went on.\n'],
    ['CRLF line endings', 'Tom &amp; Jerry\r\nwent to the the market.\r\n'],
  ])('point at the source in Markdown after %s', async (_case, text) => {
    expect(await placesIn(text, 'draft.md')).toEqual([`${whereIs(text, 'the the')} repeated-words`])
  })

  it.each([
    ['a named reference', '<p>Tom &amp; Jerry went to the the market.</p>\n'],
    ['curly quotes written as references', '<p>He said &ldquo;no&rdquo; to the the plan.</p>\n'],
    ['a reference on the line before', '<p>Tom &amp; Jerry &amp; Spike\nwent to the the market.</p>\n'],
  ])('point at the source in HTML after %s', async (_case, text) => {
    expect(await placesIn(text, 'page.html')).toEqual([`${whereIs(text, 'the the')} repeated-words`])
  })

  it('keep the places of words after line breaks made of markup (<br>) and inline elements', async () => {
    const text = [
      '<p>Line one<br>and the the two<br/>then the the three.</p>',
      '<p>An <em>emphasised</em> and <a href="x?a=1&amp;b=2">linked</a> the the word.</p>',
      '<ul><li>Item one the the</li><li>Item &amp; two the the</li></ul>',
      '',
    ].join('\n')
    const expected = [1, 2, 3, 4, 5].map((occurrence) => `${whereIs(text, 'the the', occurrence)} repeated-words`)
    expect(await placesIn(text, 'page.html')).toEqual(expected)
  })

  it('keep the places of words after list and quote prefixes in Markdown', async () => {
    const text = '- An item that\n  goes on to the the end.\n\n> > A nested quote\n> > with the the end.\n'
    expect(await placesIn(text, 'draft.md')).toEqual([1, 2].map((occurrence) => `${whereIs(text, 'the the', occurrence)} repeated-words`))
  })

  it('place a guillemet written as a reference on the reference', async () => {
    const text = '<p>He said &ldquo;we stay&raquo; and left.</p>\n'
    const result = await lintText(text, {filePath: 'page.html'})
    expect(result.messages.map((message) => [`${message.line}:${message.column}`, message.endColumn - message.column])).toEqual([
      [whereIs(text, '&raquo;'), '&raquo;'.length],
    ])
    expect(result.messages[0]?.message).toBe(`Unexpected \`»\` closing the quotation opened with \`“\` at ${whereIs(text, '&ldquo;')}, expected \`”\``)
  })

  it('never let a fix replace a reference with the character it stands for', async () => {
    const text = '<p>He said &ldquo;we stay&raquo; and the the end.</p>\n'
    const result = await lintText(text, {filePath: 'page.html'})
    expect(result.messages.length).toBe(2)
    // The `»` fix names the character, the source holds `&raquo;`: it is refused; the repeat is fixed.
    expect(applyFixes(text, result.messages)).toBe('<p>He said &ldquo;we stay&raquo; and the end.</p>\n')
  })

  it('place quotation marks written as Windows-1252 references in HTML', async () => {
    const text = '<p>Tom &amp; Jerry said &#147;we stay&raquo; and left.</p>\n'
    const result = await lintText(text, {filePath: 'page.html'})
    expect(result.messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([
      `${whereIs(text, '&raquo;')} Unexpected \`»\` closing the quotation opened with \`“\` at ${whereIs(text, '&#147;')}, expected \`”\``,
    ])
  })

  it.each([
    ['draft.md', 'Tom &amp; Jerry told the IAM that AT&amp;T and Procter &amp; Gamble agreed.\n'],
    ['page.html', '<p>Tom &amp; Jerry told the IAM that AT&amp;T and Procter &amp; Gamble agreed.</p>\n'],
  ])('in %s, replace a term after a reference exactly, and refuse terms written with one', async (name, text) => {
    const folder = tempFolder({'.lintrc': JSON.stringify({terminology: [{avoid: 'IAM', use: 'Iran'}, {avoid: 'AT&T', use: 'ATT'}, {avoid: 'Procter & Gamble', use: 'P&G'}]})})
    const result = await lintText(text, {filePath: path.join(folder, name)})
    expect(result.messages.map((message) => text.slice(message.offset, message.endOffset))).toEqual(['IAM', 'AT&amp;T', 'Procter &amp; Gamble'])
    expect(applyFixes(text, result.messages)).toBe(text.replace('IAM', 'Iran'))
  })
})
