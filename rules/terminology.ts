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

type Entry = z.output<typeof entry>

/** A term as the rule matches it; its expression is made the first time a paragraph may hold it. */
class Term {
  readonly variants: readonly string[]
  readonly use: string
  readonly message: string | undefined
  readonly severity: 'info' | 'warning' | 'error' | undefined
  readonly #caseSensitive: boolean
  #pattern: RegExp | undefined

  constructor(item: Entry) {
    this.variants = typeof item.avoid === 'string' ? [item.avoid] : item.avoid
    this.use = item.use
    this.message = item.message
    this.severity = item.severity
    this.#caseSensitive = item.caseSensitive
  }

  /** Whole words only, and a space in a phrase stands for any run of white space (a line break too). */
  get pattern(): RegExp {
    if (!this.#pattern) {
      const alternatives = [...this.variants]
        .sort((a, b) => b.length - a.length)
        .map((variant) => variant.trim().split(/\s+/u).map(escape).join('\\s+'))
      this.#pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, this.#caseSensitive ? 'gu' : 'giu')
    }
    return this.#pattern
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')

/** Runs of letters and digits: a term matches whole words, so each run of a term is a whole run of the text where it matches. */
const WORD_RUN = /[\p{L}\p{N}]+/gu

/**
 * Letters whose lowercase is not what case-insensitive expressions compare
 * (Unicode's simple case folding): `ſ` matches `s`, a final `ς` matches `σ`.
 * Found by comparing the two over every cased character and mark
 * (tests/terminology-index.test.ts). The combining iota below, a mark, is
 * here too: it matches the letter iota.
 */
const FOLDED: Readonly<Record<string, string>> = {
  µ: 'μ',
  ſ: 's',
  ς: 'σ',
  ϐ: 'β',
  ϑ: 'θ',
  ϕ: 'φ',
  ϖ: 'π',
  ϰ: 'κ',
  ϱ: 'ρ',
  ϵ: 'ε',
  ẛ: 'ṡ',
  '\u1FBE': 'ι',
  '\u1C80': 'в',
  '\u1C81': 'д',
  '\u1C82': 'о',
  '\u1C83': 'с',
  '\u1C84': 'т',
  '\u1C85': 'т',
  '\u1C86': 'ъ',
  '\u1C87': 'ѣ',
  '\u1C88': 'ꙋ',
  '\u1FD3': '\u0390',
  '\u1FE3': '\u03B0',
  '\uFB05': '\uFB06',
  '\u0345': 'ι',
}
const UNFOLDED = `[${Object.keys(FOLDED).join('')}]`
const HAS_UNFOLDED = new RegExp(UNFOLDED, 'u')
const EVERY_UNFOLDED = new RegExp(UNFOLDED, 'gu')

/** A run of letters as case-insensitive matching sees it: two runs that such an expression takes for equal have the same key. */
export function keyOf(run: string): string {
  const lower = run.toLowerCase()
  return HAS_UNFOLDED.test(lower) ? lower.replace(EVERY_UNFOLDED, (char) => FOLDED[char] ?? char) : lower
}

/**
 * The combining iota below (U+0345), a mark: with the `i` flag, expressions
 * take it for an iota, and so for a letter (\p{L} is closed under case
 * folding there); without it, for neither. A variant holding one is tried in
 * every paragraph; a text holding one has its runs read both ways.
 */
const IOTA_MARK = '\u0345'
/** Runs of letters and digits as a case-insensitive expression reads them. */
const RUN_WITH_IOTA_MARK = /[\p{L}\p{N}\u0345]+/gu

/** The keys of the runs of a text, read as case-sensitive and as case-insensitive expressions read them. */
function runKeys(text: string): string[] {
  const keys = Array.from(text.matchAll(WORD_RUN), ([run]) => keyOf(run))
  if (text.includes(IOTA_MARK)) for (const [run] of text.matchAll(RUN_WITH_IOTA_MARK)) keys.push(keyOf(run))
  return keys
}

/** Past this many terms, paragraphs are looked up in an index rather than searched once per term. */
export const INDEXED_FROM = 16

/**
 * The terms of a list, and which of them a paragraph may hold. A long list
 * (a translation desk's termbase of 20,000 terms) is indexed by one run of
 * each variant, its longest; a paragraph's runs are looked up there, and only
 * the terms found are searched for. Searching for each term in each paragraph
 * took 10 s on one sentence with 20,000 terms.
 */
class TermList {
  readonly terms: readonly Term[]
  /** Term indices by the key of a run every match of one of their variants has; none for a short list. */
  readonly #byRun: Map<string, number[]> | undefined
  /** Terms with a variant without letters or digits, or with the combining iota below, tried in every paragraph. */
  readonly #always: number[] = []

  constructor(entries: readonly Entry[]) {
    this.terms = entries.map((item) => new Term(item))
    if (this.terms.length < INDEXED_FROM) return
    const byRun = new Map<string, number[]>()
    this.terms.forEach((term, index) => {
      for (const variant of term.variants) {
        const runs = variant.match(WORD_RUN)
        if (!runs || variant.includes(IOTA_MARK)) {
          this.#always.push(index)
          continue
        }
        const longest = keyOf(runs.reduce((best, run) => (run.length > best.length ? run : best)))
        const indices = byRun.get(longest)
        if (!indices) byRun.set(longest, [index])
        else if (indices.at(-1) !== index) indices.push(index)
      }
    })
    this.#byRun = byRun
  }

  /** The terms `text` may hold, in the order of the list. */
  candidates(text: string): readonly Term[] {
    if (!this.#byRun) return this.terms
    const found = new Set(this.#always)
    for (const key of runKeys(text)) {
      const indices = this.#byRun.get(key)
      if (indices) for (const index of indices) found.add(index)
    }
    return [...found].sort((a, b) => a - b).map((index) => this.terms[index] as Term)
  }
}

/** One list for every file that shares the configuration: a termbase is indexed once, not once per file. */
const listsByEntries = new WeakMap<readonly Entry[], TermList>()

function termListOf(entries: readonly Entry[]): TermList {
  let list = listsByEntries.get(entries)
  if (!list) {
    list = new TermList(entries)
    listsByEntries.set(entries, list)
  }
  return list
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
    const list = termListOf(options.entries)
    return (tree: Root) => {
      if (list.terms.length === 0) return
      forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
        // One search per term the paragraph may hold; the leaves are gathered only where one is found.
        const text = textOf(paragraph)
        const present = list.candidates(text).filter((term) => text.search(term.pattern) !== -1)
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
