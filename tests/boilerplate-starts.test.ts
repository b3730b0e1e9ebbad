import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {FOLDS_TO_ASCII, matchersFor, RESIDUE, residueKind, startsOf, type Matchers} from '../rules/boilerplate.js'
import {seededRandom} from '../bench/seeded-random.mjs'

/** The same matchers tried on every text, whatever it starts with: how the rule read paragraphs before looking at their starts. */
function everyMatcher({matchers}: Matchers): Matchers {
  return {matchers: matchers.map((matcher) => ({...matcher, starts: undefined})), longestStart: 0}
}

const RESIDUE_LINES = [
  'Leave a Reply',
  'Leave a Reply to Jane Doe Cancel reply',
  'Leave a comment',
  'Your email address will not be published. Required fields are marked *',
  'Comment * Name * Email *',
  'Save my name, email, and website in this browser for the next time I comment.',
  'Post Comment',
  '12 thoughts on “The talks in Geneva”',
  'One Response to "Sanctions"',
  'Three replies on “Iran”',
  'Share this:',
  'Share this article',
  'Share on Facebook',
  'Click to share on Twitter (Opens in new window)',
  'Like this:',
  'Like Loading...',
  'Twitter Facebook Email',
  'FacebookTwitterEmail',
  'Twitter | Facebook | WhatsApp',
  'Subscribe to our newsletter',
  'Sign up for our newsletter.',
  'Related posts:',
  'You may also like',
  'Read also: the talks',
  'See also: Geneva',
  'Read more »',
  'Previous article',
  'Next post',
  'Comments are closed.',
  'Notify me of follow-up comments by email.',
  'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
]

const ARTICLE_WORDS = ['The', 'talks', 'ended', 'Printed', 'matter', 'Likewise', 'Shares', 'fell', 'Nextdoor', 'Onerous', 'readers', 'Emailed', 'Relatedly', '2024', 'IAEA', '“Quoted”', 'À', 'propos', 'Ça']

/** Letters a case-blind Unicode match takes for ASCII ones: the Kelvin sign for k, the long s for s. */
const unusual = (text: string) => text.replace(/k/gu, '\u212a').replace(/s/gu, '\u017f')

function variants(line: string): string[] {
  return [line, line.toUpperCase(), line.toLowerCase(), `  ${line}`, `\u00a0${line}`, unusual(line), `${line} ${line}`, `${line}, and more`]
}

function randomTexts(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const pieces = [...RESIDUE_LINES.flatMap((line) => line.split(' ')), ...ARTICLE_WORDS, 'a', 'on', 'to', '*', ':', '…']
  const separators = [' ', '', ' | ', ' · ', ', ', '\n']
  const texts: string[] = []
  for (let index = 0; index < count; index++) {
    let text = ''
    const length = 1 + Math.floor(random() * 6)
    for (let word = 0; word < length; word++) {
      let piece = random() < 0.4 ? pick(RESIDUE_LINES) : pick(pieces)
      if (random() < 0.2) piece = piece.toUpperCase()
      if (random() < 0.05) piece = unusual(piece)
      text += (word === 0 ? '' : pick(separators)) + piece
    }
    texts.push(text)
  }
  return texts
}

const fixtureParagraphs = readdirSync('fixtures/articles')
  .filter((name) => name.endsWith('.txt'))
  .flatMap((name) => readFileSync(`fixtures/articles/${name}`, 'utf8').split(/\n\s*\n/u))
  .filter((paragraph) => paragraph.trim() !== '')

describe('boilerplate: the starts of residue', () => {
  it('reads the starts of every built-in residue source', () => {
    for (const [, source] of RESIDUE) expect(startsOf(source), source).toBeDefined()
  })

  it('reads words, alternatives, digits and a last letter that may be missing', () => {
    expect(startsOf('leave a reply(?: to \\S.*? cancel reply)?')).toEqual(['leave'])
    expect(startsOf('(?:comment|name|email) \\*')).toEqual(['comment', 'name', 'email'])
    expect(startsOf('(?:\\d+|one|two) replies')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'one', 'two'])
    expect(startsOf('thoughts? on')).toEqual(['thought'])
    expect(startsOf('(?:subscribe|sign up) (?:to|for)')).toEqual(['subscribe', 'sign'])
    expect(startsOf('read|see')).toEqual(['read', 'see'])
    expect(startsOf('Lire\\s+aussi')).toEqual(['lire'])
  })

  it('reads no start where a source does not tell one: a class, an optional group, an escape', () => {
    expect(startsOf('[“"]quoted')).toBeUndefined()
    expect(startsOf('(?:read )?more')).toBeUndefined()
    expect(startsOf('(?:a|[bc])d')).toBeUndefined()
    expect(startsOf('\\?!')).toBeUndefined()
    expect(startsOf('À\\s+lire')).toBeUndefined()
  })
})

describe('boilerplate: matchers tried by start', () => {
  it('knows every character past ASCII that a case-blind Unicode match takes for an ASCII letter or digit', () => {
    const folding: string[] = []
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCodePoint(code)
      if (/^[a-z0-9]$/iu.test(char)) folding.push(char)
    }
    expect(folding).toEqual(['\u017f', '\u212a'])
    for (const char of folding) expect(FOLDS_TO_ASCII.test(char)).toBe(true)
  })

  const patternLists = [[], ['Lire aussi', 'À lire', 'e-mail us', '?!', 'Share this story']]

  it('finds the same residue as every matcher tried on every text', () => {
    let residue = 0
    let compared = 0
    for (const patterns of patternLists) {
      const byStart = matchersFor(patterns)
      const all = everyMatcher(byStart)
      const texts = [...RESIDUE_LINES.flatMap(variants), ...patterns.flatMap(variants), ...fixtureParagraphs, ...randomTexts(3000, 7)]
      for (const text of texts) {
        const expected = residueKind(text, all)
        expect(residueKind(text, byStart), text).toBe(expected)
        if (expected) residue++
        compared++
      }
    }
    // Both kinds of text are there in numbers: residue and article text.
    expect(residue).toBeGreaterThan(500)
    expect(compared - residue).toBeGreaterThan(2000)
  })

  it('finds each residue line of the list', () => {
    for (const line of RESIDUE_LINES) expect(residueKind(line, matchersFor([])), line).toBeDefined()
  })

  it('tries no pattern on article text that starts as no residue does', () => {
    const {matchers, longestStart} = matchersFor([])
    const untouchable = {
      test: () => {
        throw new Error('a pattern was tried')
      },
    } as unknown as RegExp
    const guarded: Matchers = {matchers: matchers.map((matcher) => ({...matcher, pattern: untouchable})), longestStart}
    // Article paragraphs chosen by their first word, whatever the rule reads of residue starts.
    const articleText = fixtureParagraphs.filter((paragraph) => /^(?:(?:The|In|He|She|It|But|According|Iran)(?=[\s,])|“)/u.test(paragraph))
    expect(articleText.length).toBeGreaterThan(20)
    for (const paragraph of articleText) expect(residueKind(paragraph, guarded)).toBeUndefined()
  })
})
