import type {Paragraph, Root, Sentence, Word} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {defineRule, type Place} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'
import {z} from '../src/zod.js'

/** Acronyms a general reader knows without a definition. */
const WELL_KNOWN = new Set([
  // Countries, unions and places
  'US', 'USA', 'UK', 'EU', 'UN', 'UAE', 'USSR', 'DRC', 'NYC', 'DC', 'LA',
  // International organisations
  'NATO', 'OPEC', 'WHO', 'IMF', 'WTO', 'OECD', 'UNESCO', 'UNICEF', 'UNHCR', 'ASEAN', 'BRICS', 'G7', 'G8', 'G20',
  'IAEA', 'ICC', 'ICJ', 'FIFA', 'UEFA', 'IOC', 'NGO', 'OSCE',
  // Agencies and broadcasters everyone names by their letters
  'FBI', 'CIA', 'NSA', 'NASA', 'BBC', 'CNN', 'NHS', 'AFP', 'AP',
  // Armed groups the press names by their letters
  'ISIS', 'ISIL', 'IS', 'PKK',
  // Everyday words
  'AM', 'PM', 'AD', 'BC', 'CE', 'BCE', 'OK', 'TV', 'PC', 'ID', 'IQ', 'PR', 'VIP', 'CEO', 'CFO', 'MP', 'MEP', 'PhD',
  'GDP', 'DNA', 'HIV', 'AIDS', 'COVID', 'AI', 'IT', 'CD', 'DVD', 'GPS', 'SMS', 'USB', 'PDF', 'URL', 'FAQ', 'UFO', 'LGBT', 'LGBTQ',
  'ATM', 'PIN', 'SUV', 'ICU', 'CCTV', 'NFL', 'NBA', 'MLB', 'NHL', 'BMW', 'IBM', 'IKEA', 'PS', 'RIP', 'VAT',
  'GOP', 'EPA', 'FDA', 'CDC', 'NYPD', 'HSBC', 'MI5', 'MI6', 'CO2',
])

/** Quarters of a year (`Q3`) read as they are. */
const QUARTER = /^Q[1-4]$/u
/** Roman numerals (`World War II`, `Pius XII`) are written in capitals but are no acronyms. */
const ROMAN_NUMERAL = /^(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/
/** Two or more characters, capitals and digits, starting with a capital: `IAM`, `G7`. */
const ACRONYM = /^\p{Lu}[\p{Lu}\d]+$/u
const LOWERCASE = /\p{Ll}/u
/** What every acronym starts with; a paragraph without it has none. */
const ACRONYM_START = /\p{Lu}[\p{Lu}\d]/u
const ASCII_ACRONYM_START = /[A-Z][A-Z\d]/
const NON_ASCII = /[^\0-\x7F]/

/** Whether a text may hold an acronym; the Unicode test, twice as slow, only for text beyond ASCII. */
const mayHoldAcronym = (text: string) => ASCII_ACRONYM_START.test(text) || (NON_ASCII.test(text) && ACRONYM_START.test(text))
/** A word of a spelled-out name: capitalised, or a small word inside a name (`Republic of Iran`). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}-]*|of|the|and|for|on|in|de|du|des|la|le|et|al|for)$/u

interface Use {
  place: Place
  sentence: Sentence
  index: number
}

/** The acronym a word stands for, without a plural `s` or a possessive: `IAM’s` → `IAM`, `NGOs` → `NGO`. */
function acronymOf(word: Word): {value: string; length: number} | undefined {
  // Most words start in lower case or with one capital: tell from the first text leaf before joining the word.
  const head = word.children[0]
  if (head?.type !== 'TextNode' || !/^\p{Lu}[\p{Lu}\d]/u.test(head.value)) return undefined
  const text = toString(word)
  const match = /^([\p{L}\d]+?)(?:s|['’]s?)?$/u.exec(text)
  const value = match?.[1] ?? text
  if (!ACRONYM.test(value) || ROMAN_NUMERAL.test(value) || QUARTER.test(value)) return undefined
  return {value, length: value.length}
}

/** What may not stand right before or after a whole word: letters and digits, and what joins a word into an address, a hashtag or a handle. */
const JOINED_BEFORE = /[\p{L}\p{N}./@#_-]$/u
const JOINED_AFTER = /^(?:[\p{L}\p{N}/@_-]|\.[\p{L}\p{N}])/u

/**
 * Which of `acronyms` the prose also writes as a whole word other than in
 * capitals: a word in capitals that is also written so is a name or word
 * shouted for emphasis (`GENEVA` … `Geneva`), not an acronym. Only whole words
 * count: not a piece of an address, a hashtag or a handle (`irgc.ir`,
 * `#irgc`). One search for the few candidates, not a look at every word: on a
 * 10 MB file, gathering every word cost a seventh of the run.
 */
function writtenOtherThanInCapitals(prose: string, acronyms: readonly string[]): Set<string> {
  const written = new Set<string>()
  if (acronyms.length === 0) return written
  // Acronyms are letters and digits only: nothing to escape. Longest first: `UNIC` must not take the place of `UNICEF` in `Unicef`.
  const alternatives = [...acronyms].sort((a, b) => b.length - a.length)
  for (const match of prose.matchAll(new RegExp(alternatives.join('|'), 'giu'))) {
    const word = match[0]
    const start = match.index
    const end = start + word.length
    if (word === word.toUpperCase() || JOINED_BEFORE.test(prose.slice(Math.max(0, start - 2), start)) || JOINED_AFTER.test(prose.slice(end, end + 2))) continue
    written.add(word.toUpperCase())
  }
  return written
}

/** Whether a sentence (whose text is `text`) is written in capitals throughout, like a shouted headline. */
function isAllCapitals(sentence: Sentence, text: string): boolean {
  // Nearly every sentence has a lower-case letter early on: that test first.
  return !LOWERCASE.test(text) && /\p{L}/u.test(text) && sentence.children.filter((child) => child.type === 'WordNode').length > 1
}

function wordsBefore(sentence: Sentence, index: number, count: number): string[] {
  const words: string[] = []
  for (let at = index - 1; at >= 0 && words.length < count; at--) {
    const child = sentence.children[at]
    if (child?.type === 'WordNode') words.unshift(toString(child))
    else if (child?.type !== 'WhiteSpaceNode') break
  }
  return words
}

function wordsAfter(sentence: Sentence, index: number): string[] {
  const words: string[] = []
  for (let at = index + 1; at < sentence.children.length; at++) {
    const child = sentence.children[at]
    if (!child) break
    if (child.type === 'WordNode') words.push(toString(child))
    else if (child.type === 'PunctuationNode' && toString(child) === ')') return words
    else if (child.type !== 'WhiteSpaceNode' && child.type !== 'SymbolNode') break
  }
  return []
}

function childText(sentence: Sentence, index: number): string {
  const child = sentence.children[index]
  return child ? toString(child) : ''
}

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', 'at', 'de', 'du', 'des', 'la', 'le', 'et', 'al', '&'])

/**
 * Whether words spell an acronym by their initials, in any case: `intensive
 * care unit` for ICU, `Department of Justice` for DOJ (a small word may give
 * its letter or be skipped).
 */
function initialsSpell(acronym: string, words: readonly string[]): boolean {
  const letters = acronym.replace(/\d/gu, '').toLowerCase()
  const spell = (letter: number, word: number): boolean => {
    if (letter === letters.length) return word === words.length
    const current = words[word]
    if (current === undefined) return false
    const initial = current.charAt(0).toLowerCase()
    if (initial === letters.charAt(letter) && spell(letter + 1, word + 1)) return true
    return SMALL_WORDS.has(current.toLowerCase()) && spell(letter, word + 1)
  }
  // The name ends where the acronym does: try each start among the last words.
  for (let start = Math.max(0, words.length - 2 * letters.length); start < words.length; start++) {
    if (spell(0, start)) return true
  }
  return false
}

/**
 * Whether this use spells the acronym out: `Islamic Republic of Iran (IRI)` or
 * `intensive care unit (ICU)` before the bracket, or `IRI (Islamic Republic of
 * Iran)` after it. Capitalised names count even when their initials differ, as
 * a translated name keeps the acronym of its source.
 */
function isDefinition(use: Use, acronym: string): boolean {
  const {sentence, index} = use
  const inBrackets = childText(sentence, index - 1) === '(' && childText(sentence, index + 1) === ')'
  if (inBrackets) {
    const before = wordsBefore(sentence, index - 1, 2 * acronym.length)
    const lastTwo = before.slice(-2)
    const capitalisedName = lastTwo.length === 2 && lastTwo.every((word) => NAME_WORD.test(word)) && lastTwo.some((word) => /^\p{Lu}/u.test(word))
    return capitalisedName || initialsSpell(acronym, before)
  }
  let next = index + 1
  if (sentence.children[next]?.type === 'WhiteSpaceNode') next++
  if (childText(sentence, next) !== '(') return false
  const inside = wordsAfter(sentence, next)
  return inside.length >= 2 && (inside.some((word) => /^\p{Lu}/u.test(word)) || initialsSpell(acronym, inside))
}

/**
 * Capitals that are not acronyms: a dateline (`WASHINGTON (AP) —`, `NEW YORK —`),
 * a label (`UPDATE:`), or a run of words in capitals, which is shouting.
 */
function isShoutedWord(sentence: Sentence, index: number): boolean {
  const neighbour = (step: number): string => {
    let at = index + step
    while (sentence.children[at]?.type === 'WhiteSpaceNode') at += step
    return childText(sentence, at)
  }
  const capitals = (text: string) => /^\p{Lu}{2,}$/u.test(text)
  if (capitals(neighbour(-1)) || capitals(neighbour(1))) return true
  const atStart = sentence.children.slice(0, index).every((child) => child.type === 'WhiteSpaceNode')
  if (!atStart) return false
  // A label (`UPDATE:`) or a dateline: `WASHINGTON (AP) —`, `LONDON, Nov 28 (Reuters) -`, `KYIV, Ukraine (AP) —`.
  return DATELINE.test(toString(sentence))
}

const DATELINE = /^\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*)*(?::|(?:,[^()—–]{1,40})?(?:\s*\([\p{L} ]{1,20}\))?\s*[—–-]\s)/u

export default defineRule({
  id: 'acronym-definition',
  summary: 'An acronym used without being spelled out, such as `IAM`.',
  why: 'Translators carry over the acronyms of the source language; a reader who cannot expand `IAM` loses the sentence.',
  severity: 'warning',
  fixable: false,
  // A term the desk's terminology replaces needs no definition, only the replacement.
  yieldsTo: ['terminology'],
  options: z.strictObject({
    allow: z.array(z.string().regex(/^\S+$/, 'an acronym without spaces')).default([]),
  }),
  messages: {
    undefined: (data: {acronym: string}) => `Unexpected undefined acronym \`${data.acronym}\`, spell it out at its first use`,
    definedLater: (data: {acronym: string; at: string}) =>
      `Unexpected acronym \`${data.acronym}\` before it is spelled out at ${data.at}, spell it out at its first use`,
  },
  examples: {
    valid: [
      'The Islamic Republic of Iran (IRI) said the IRI would stay.',
      'IRI (Islamic Republic of Iran) officials met. The IRI agreed.',
      'The US and the UK met at NATO, then at the G7.',
      'World War II ended; Pius XII was pope.',
      'BREAKING NEWS FROM TEHRAN',
      'The liquefied natural gas (LNG) came, said the Department of Justice (DOJ). The LNG and the DOJ agreed.',
      'WASHINGTON (AP) — The talks resumed. NEW YORK — So did the markets.',
      'LONDON, Nov 28 (Reuters) - Markets rose in Q3, with the FDA and the GOP quiet.',
      'KYIV, Ukraine (AP) — The talks resumed.',
      'UPDATE: the talks resumed.',
      'The summit moves to GENEVA next week, and Geneva is ready.',
      'UNIC staff met UNICEF staff: Unic and Unicef agreed.',
      {text: 'The AEOI met.', options: {allow: ['AEOI']}},
    ],
    invalid: [
      {
        text: 'The IRGC spoke to the Irgcian envoy.',
        messages: ['1:5-1:9: Unexpected undefined acronym `IRGC`, spell it out at its first use'],
      },
      {
        text: 'The IRGC commanders arrived. See www.irgc.ir or #irgc for the statement.',
        messages: ['1:5-1:9: Unexpected undefined acronym `IRGC`, spell it out at its first use'],
      },
      {
        text: 'For the IAM, support is a duty. The IAM said so.',
        messages: ['1:9-1:12: Unexpected undefined acronym `IAM`, spell it out at its first use'],
      },
      {
        text: 'The IAM’s envoys met the PMUs.',
        messages: [
          '1:5-1:8: Unexpected undefined acronym `IAM`, spell it out at its first use',
          '1:26-1:29: Unexpected undefined acronym `PMU`, spell it out at its first use',
        ],
      },
      {
        text: 'The IRGC spoke. The Islamic Revolutionary Guard Corps (IRGC) is powerful.',
        messages: ['1:5-1:9: Unexpected acronym `IRGC` before it is spelled out at 1:56, spell it out at its first use'],
      },
    ],
  },
  create: ({options, prose, textOf, report}) => {
    const allowed = new Set(options.allow)
    // Kept across the pieces of a large file: the first use may be far from the definition.
    const firstUse = new Map<string, Place>()
    const definedAt = new Map<string, Place>()

    const checkSentence = (sentence: Sentence) => {
      let shouted: boolean | undefined
      sentence.children.forEach((child, index) => {
        if (child.type !== 'WordNode' || !child.position) return
        const acronym = acronymOf(child)
        if (!acronym || WELL_KNOWN.has(acronym.value) || allowed.has(acronym.value)) return
        // Only a sentence with a candidate is worth checking for being shouted throughout.
        shouted ??= isAllCapitals(sentence, textOf(sentence))
        if (shouted || isShoutedWord(sentence, index)) return
        const start = child.position.start
        const place: Place = {
          start,
          end: {line: start.line, column: start.column + acronym.length, offset: start.offset === undefined ? undefined : start.offset + acronym.length},
        }
        if (!firstUse.has(acronym.value)) firstUse.set(acronym.value, place)
        if (!definedAt.has(acronym.value) && isDefinition({place, sentence, index}, acronym.value)) definedAt.set(acronym.value, place)
      })
    }
    const piece = (tree: Root) =>
      forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
        if (mayHoldAcronym(textOf(paragraph))) forEachOfType(paragraph, 'SentenceNode', checkSentence)
      })

    const end = () => {
      // From four letters on, an acronym may be a name shouted for emphasis; shorter ones are too often real words (`US`, `us`).
      const candidates = [...firstUse].filter(([acronym, place]) => acronym.length >= 4 && definedAt.get(acronym) !== place).map(([acronym]) => acronym)
      const shoutedNames = writtenOtherThanInCapitals(prose, candidates)
      for (const [acronym, place] of firstUse) {
        const definition = definedAt.get(acronym)
        if (definition === place || shoutedNames.has(acronym.toUpperCase())) continue
        if (definition) {
          report('definedLater', {acronym, at: `${definition.start.line}:${definition.start.column}`}, {place, actual: acronym})
        } else {
          report('undefined', {acronym}, {place, actual: acronym})
        }
      }
    }
    return {piece, end}
  },
})
