import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Root} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import retextRepeatedWords from 'retext-repeated-words'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {mayHaveRepeatedWord} from '../rules/repeated-words.js'
import {forEachOfType, lintText} from '../src/index.js'
import {repoRoot} from './helpers.js'

/** Every paragraph of every fixture, plus texts made to probe the edges of the scan. */
function paragraphs(): string[] {
  const folder = path.join(repoRoot, 'fixtures', 'articles')
  const fixtures = readdirSync(folder)
    .filter((name) => /\.(?:txt|md|html)$/u.test(name))
    .flatMap((name) => readFileSync(path.join(folder, name), 'utf8').split(/\n\s*\n/u))
  const probes = [
    'It was the the end.',
    'The the meeting began.',
    'They agreed on\non the plan.',
    'A tab\tbetween\tbetween words.',
    'No-break\u00a0space\u00a0space here.',
    'Next line\u0085line here.',
    'Hashtags #iran #iran trend.',
    '“the the” he said.',
    'Été été, ÉTÉ été.',
    'Wait...wait wait!',
    'U.S. U.S. officials.',
    'It’s it’s fine.',
    '5 5 times.',
    'She said so, so what?',
    'this is his history',
    'the theory of the thermal',
  ]
  return [...fixtures, ...probes]
}

/** What retext-repeated-words itself finds in a text. */
function pluginFindings(text: string): number {
  const tree = new ParseEnglish().parse(text) as Root
  const file = new VFile(text)
  retextRepeatedWords()(tree, file)
  return file.messages.length
}

describe('shortcuts that skip work', () => {
  it('never skip a paragraph in which retext-repeated-words finds a repeat', () => {
    const checked = paragraphs()
    const missed = checked.filter((text) => pluginFindings(text) > 0 && !mayHaveRepeatedWord(text))
    expect(missed).toEqual([])
    // The probes do hold repeats, so the comparison above is not vacuous.
    expect(checked.filter((text) => pluginFindings(text) > 0).length).toBeGreaterThan(10)
  })

  it('never skip a generated text in which retext-repeated-words finds a repeat', () => {
    // Words, their other cases and their pieces, with every kind of white space parse-latin knows.
    // Also what Node's Unicode and parse-latin's read differently: a letter new in Unicode 16, a combining mark, a capital sigma before a zero-width space.
    const parts = ['the', 'The', 'THE', 'th', 'e', 'so', '#iran', '5', 'é', 'É', '’s', ',', '.', '-', ' ', ' ', '\u00a0', '\u2003', '\n', '\t', '\u0085', '\u3000', '\u1C8A', '\u0345', 'xΣ', '\u200B', '^']
    let seed = 11
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    let found = 0
    for (let count = 0; count < 20000; count++) {
      let text = ''
      for (let part = Math.floor(next() * 10); part > 0; part--) text += parts[Math.floor(next() * parts.length)]
      if (pluginFindings(text) === 0) continue
      found++
      expect(mayHaveRepeatedWord(text), JSON.stringify(text)).toBe(true)
    }
    expect(found).toBeGreaterThan(100)
  })

  it('rule out texts without a repeated word', () => {
    expect(mayHaveRepeatedWord('this is his history')).toBe(false)
    expect(mayHaveRepeatedWord('the theory of the thermal')).toBe(false)
    // A comma between the two is not a repeat for retext-repeated-words either.
    expect(mayHaveRepeatedWord('She said so, so what?')).toBe(false)
    expect(mayHaveRepeatedWord('5 5 times.')).toBe(true)
    expect(mayHaveRepeatedWord('Hashtags #iran #iran trend.')).toBe(true)
    // Found by retext-repeated-words, though Node reads these characters otherwise than parse-latin.
    for (const text of ['xΣ xΣ^y', 'ΤΟΥΣ ΤΟΥΣ\u200BΑΛΛΟΥΣ', 'ab ab\u1C8A', '\u1C8Aab ab', '\u0345\u0345 \u0345\u0345']) {
      expect(pluginFindings(text), JSON.stringify(text)).toBeGreaterThan(0)
      expect(mayHaveRepeatedWord(text), JSON.stringify(text)).toBe(true)
    }
  })

  it('walk the nodes of one type in document order without entering them', () => {
    const tree = new ParseEnglish().parse('One two. Three.\n\nFour.') as Root
    const sentences: string[] = []
    forEachOfType(tree, 'SentenceNode', (sentence) => sentences.push(String(sentence.position?.start.offset)))
    expect(sentences).toEqual(['0', '9', '17'])
    let words = 0
    forEachOfType(tree, 'WordNode', () => words++)
    expect(words).toBe(4)
    let roots = 0
    forEachOfType(tree, 'RootNode', () => roots++)
    expect(roots).toBe(1)
  })

  it('leave stack traces on for everything but the messages', async () => {
    const limit = Error.stackTraceLimit
    const result = await lintText('It was the the end.')
    expect(result.messages).toHaveLength(1)
    expect(Error.stackTraceLimit).toBe(limit)
  })
})
