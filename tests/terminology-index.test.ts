import {describe, expect, it} from 'vitest'
import type {ResolvedConfig} from '../src/config/resolve.js'
import {lintText} from '../src/lint.js'
import terminology, {INDEXED_FROM, keyOf} from '../rules/terminology.js'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&')
const isWordCharacter = (char: string) => /[\p{L}\p{N}]/u.test(char)

describe('the keys of the terminology index', () => {
  it('are the same for any two characters a case-insensitive expression takes for equal', () => {
    // Every character case matters to: cased, changed by case folding or mapping, and marks.
    const characters: string[] = []
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCodePoint(code)
      if (/[\p{Cased}\p{CWCF}\p{CWCM}\p{M}]/u.test(char)) characters.push(char)
    }
    const all = characters.join('\u0000')
    const pairs: string[] = []
    for (const char of characters) {
      // The expression itself says which characters it takes for this one.
      for (const [other] of all.matchAll(new RegExp(escape(char), 'giu'))) {
        if (other === char) continue
        pairs.push(`${char}${other}`)
        const name = `U+${(char.codePointAt(0) ?? 0).toString(16)} and U+${(other.codePointAt(0) ?? 0).toString(16)}`
        expect(keyOf(char), name).toBe(keyOf(other))
        // The combining iota below is a letter to case-insensitive expressions only; the index reads runs both ways.
        if (char !== '\u0345' && other !== '\u0345') expect(isWordCharacter(char), name).toBe(isWordCharacter(other))
      }
    }
    // Pairs the plain lowercase would miss are among those checked, and those no case mapping relates.
    expect(pairs).toEqual(expect.arrayContaining(['ſs', 'ςσ', 'µμ', 'ϑθ', '\u1C80в', '\u212Ak', '\u1FD3\u0390', '\uFB05\uFB06', '\u0345ι']))
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
  {avoid: 'προ\u1FD3ον', use: 'proion'},
  {avoid: '\uFB06op', use: 'stop'},
  {avoid: 'βα\u0345', use: 'beta alpha iota'},
  {avoid: 'ιfoo', use: 'iota foo'},
  {avoid: 'βαι', use: 'beta alpha iota'},
  {avoid: 'foo', use: 'bar', caseSensitive: true},
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
  'The προ\u0390ον here.',
  'A \uFB05op here.',
  'A βαι and a ΒΑΙ.',
  'A βα\u0345 and a ΒΑ\u0345 here.',
  'A \u0345foo and a x\u0345foo.',
  'Then β\u0345βα\u0345 here.',
  'Then βα\u0345\u0345 here.',
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
