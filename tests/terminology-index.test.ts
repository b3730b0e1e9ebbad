import {describe, expect, it} from 'vitest'
import type {ResolvedConfig} from '../src/config/resolve.js'
import {lintText} from '../src/lint.js'
import terminology, {INDEXED_FROM, keyOf} from '../rules/terminology.js'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&')
const isWordCharacter = (char: string) => /[\p{L}\p{N}]/u.test(char)

describe('the keys of the terminology index', () => {
  it('are the same for any two characters a case-insensitive expression takes for equal', () => {
    const pairs: string[] = []
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCodePoint(code)
      const lower = char.toLowerCase()
      const upper = char.toUpperCase()
      if (lower === char && upper === char) continue
      // The characters case mapping relates to this one, which is how case-insensitive matching relates them too.
      const related = [lower, upper, upper.toLowerCase(), lower.toUpperCase()].filter((other) => other !== char && [...other].length === 1)
      if (related.length === 0) continue
      const same = new RegExp(`^${escape(char)}$`, 'iu')
      for (const other of related) {
        if (!same.test(other)) continue
        pairs.push(`${char}${other}`)
        // The combining iota is no letter; a paragraph holding one is searched for every term.
        if (code === 0x345) continue
        expect(keyOf(char), `U+${code.toString(16)} and ${other}`).toBe(keyOf(other))
        expect(isWordCharacter(char), `U+${code.toString(16)} and ${other}`).toBe(isWordCharacter(other))
      }
    }
    // Pairs the plain lowercase would miss are among those checked.
    expect(pairs).toEqual(expect.arrayContaining(['ſs', 'ςσ', 'µμ', 'ϑθ', '\u1C80в', '\u212Ak']))
  })

  it('follows the final sigma and the dotted capital I of whole runs', () => {
    expect(keyOf('ΟΔΟΣ')).toBe(keyOf('οδοσ'))
    expect(keyOf('İstanbul')).toBe(keyOf('i̇stanbul'))
    expect(keyOf('STRAẞE')).toBe(keyOf('straße'))
  })
})

function configWith(entries: unknown[]): ResolvedConfig {
  return {
    filepath: undefined,
    directory: process.cwd(),
    rules: new Map([['terminology', {rule: terminology, severity: 'warning', options: terminology.options.parse({entries})}]]),
    checks: new Map(),
    ignore: [],
    extensions: undefined,
    overrides: [],
  }
}

const findings = async (text: string, entries: unknown[]) =>
  (await lintText(text, {config: configWith(entries)})).messages.map((message) => `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.message}`)

/** Terms that test what the index reads as a word: case, folding, punctuation, phrases, no letters at all. */
const terms = [
  {avoid: 'state', use: 'nation'},
  {avoid: 'Straße', use: 'street'},
  {avoid: 'σοφος', use: 'wise'},
  {avoid: ['U.S.', 'US of A'], use: 'United States'},
  {avoid: 'AT&T', use: 'the carrier'},
  {avoid: '--', use: '—'},
  {avoid: 'e-mail', use: 'email'},
  {avoid: 'Islamic Republic', use: 'Iran'},
  {avoid: 'İstanbul', use: 'Istanbul'},
  {avoid: 'µm', use: 'micrometre'},
  {avoid: 'αι', use: 'alpha iota'},
  {avoid: 'Kelvin', use: 'kelvin', caseSensitive: true},
  {avoid: ['Ꭰ', 'ꭱ'], use: 'Cherokee'},
  {avoid: '4x4', use: 'four-by-four'},
  {avoid: 'C++', use: 'C plus plus'},
]
/** Each form alone in its paragraph: a paragraph is searched for every term the index finds a run of there. */
const texts = [
  'The ſtate met.',
  'The STATE and the statesman met.',
  'On the Strasse.',
  'On the STRAẞE.',
  'ΣΟΦΟΣ said so.',
  'σοφοσ said so.',
  'The us of\na said so.',
  'The U.S. said so.',
  'And at&t too.',
  'Dashes -- here --- and there.',
  'An E-MAIL, an email and an e–mail.',
  'The islamic\nrepublic spoke.',
  'In i̇stanbul and ISTANBUL.',
  'A μm.',
  'An ΜM.',
  'An ΑΙ.',
  'An α\u0345 with its iota below.',
  'KELVIN and \u212Aelvin.',
  'Ꭰ and Ꭱ.',
  'A 4X4 and a 4x4s.',
  'C++ and c++ and C+.',
]

describe('the terminology rule with a long list', () => {
  it('reports what it reports with each term alone, which searches every paragraph', async () => {
    const filler = Array.from({length: INDEXED_FROM * 2}, (_, index) => ({avoid: `filler${index}`, use: `other${index}`}))
    for (const text of texts) {
      const alone: string[] = []
      for (const entry of terms) alone.push(...(await findings(text, [entry])))
      const indexed = await findings(text, [...filler, ...terms])
      expect(indexed.sort(), text).toEqual(alone.sort())
    }
  })

  it('finds the terms of a 20,000-term glossary in a paragraph', async () => {
    const glossary = Array.from({length: 20_000}, (_, index) => ({avoid: `term${index}`, use: `word${index}`}))
    expect(await findings('We saw term17 and TERM19999, not term20000.', glossary)).toEqual([
      '1:8-1:14 Unexpected `term17`, use `word17` instead',
      '1:19-1:28 Unexpected `TERM19999`, use `word19999` instead',
    ])
  })
})
