import type {Paragraph, Root} from 'nlcst'
import {defineRule} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'
import {z} from '../src/zod.js'

type Kind = 'comment-form' | 'share-widget' | 'subscribe-box' | 'related-posts' | 'web-page'

/**
 * A share button's label (`Twitter`, `Email`): residue in a row of them or
 * after `Share this:`, but alone it may be a heading of the article.
 */
const NETWORK = 'share-button'

/**
 * Text that web pages put around an article. Each entry is a regular expression
 * source matched case-insensitively, with any run of spaces standing for a space.
 */
export const RESIDUE: ReadonlyArray<readonly [Kind | typeof NETWORK, string]> = [
  // WordPress's reply form: `Leave a Reply to Jane Doe Cancel reply`.
  ['comment-form', 'leave a reply(?: to \\S.*? cancel reply)?'],
  ['comment-form', 'leave a comment'],
  ['comment-form', 'cancel reply'],
  ['comment-form', 'your email address will not be published\\.?'],
  ['comment-form', 'required fields are marked \\*'],
  ['comment-form', 'post comment'],
  ['comment-form', 'save my name, email, and website in this browser for the next time i comment\\.?'],
  ['comment-form', '(?:comment|name|email) \\*'],
  ['comment-form', 'you must be logged in to post a comment\\.?'],
  ['comment-form', 'comments are closed\\.?'],
  ['comment-form', 'notify me of (?:follow-up comments|new posts) by email\\.?'],
  ['comment-form', 'this site uses akismet to reduce spam\\.?'],
  ['comment-form', 'learn how your comment data is processed\\.?'],
  ['comment-form', '(?:\\d+|one|two|three) (?:thoughts?|comments?|responses?|replies) (?:on|to) [“"].*[”"]'],
  ['share-widget', 'share this(?: article| story| post)?:?'],
  ['share-widget', 'share on (?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email)'],
  ['share-widget', 'click to (?:share on \\S+|email a link to a friend|print) \\(opens in new window\\)'],
  ['share-widget', 'like this:'],
  ['share-widget', 'like loading\\.{0,3}…?'],
  [NETWORK, '(?:facebook|twitter|whatsapp|telegram|linkedin|pinterest|reddit|tumblr|pocket|print|email|tweet)'],
  ['subscribe-box', '(?:subscribe|sign up) (?:to|for) our newsletter\\.?'],
  ['subscribe-box', 'subscribe(?: now)?!?'],
  ['related-posts', 'related(?: posts| articles| stories)?:?'],
  ['related-posts', 'you (?:may|might) also like:?'],
  ['related-posts', '(?:read|see) also:.*'],
  ['related-posts', 'read more(?: »| ›|…|\\.\\.\\.)?'],
  ['related-posts', '(?:previous|next) (?:article|post)'],
]

const SEPARATORS = '[\\s|·•,]*'

/**
 * One kind of residue: its regular expression, and the lowercased starts of
 * every text it can match, or undefined when its source does not tell them.
 */
export interface Matcher {
  kind: Kind | typeof NETWORK
  pattern: RegExp
  starts: readonly string[] | undefined
}

function phraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join('\\s+')
}

const spaced = (source: string) => source.replaceAll(' ', '\\s+')

/** What makes the item before it optional, or repeated from zero. */
const OPTIONAL_AFTER = /^(?:\?|\*|\{0)/u

/** The index of the `)` closing the group opened at `open`, or -1. */
function closingParenthesis(source: string, open: number): number {
  let depth = 0
  for (let index = open; index < source.length; index++) {
    const char = source[index]
    if (char === '\\') index++
    else if (char === '(') depth++
    else if (char === ')' && --depth === 0) return index
  }
  return -1
}

/** The alternatives of a group's inside, split at its own `|`s. */
function alternativesOf(inside: string): string[] {
  const alternatives: string[] = []
  let depth = 0
  let from = 0
  for (let index = 0; index < inside.length; index++) {
    const char = inside[index]
    if (char === '\\') index++
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === '|' && depth === 0) {
      alternatives.push(inside.slice(from, index))
      from = index + 1
    }
  }
  alternatives.push(inside.slice(from))
  return alternatives
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']

/**
 * The lowercased ASCII letters or digits every match of a residue source
 * starts with, one string per way it can start (`(?:read|see) also` starts
 * with `read` or `see`; `\\d+` with a digit), or undefined when the source
 * starts otherwise (a class, an optional group). A match starts with one of
 * them whatever follows: a text that starts with none is no residue of it.
 */
export function startsOf(source: string): string[] | undefined {
  const alternatives = alternativesOf(source)
  if (alternatives.length > 1) return startsOfAny(alternatives)
  if (source.startsWith('(?:')) {
    const close = closingParenthesis(source, 0)
    if (close < 0 || OPTIONAL_AFTER.test(source.slice(close + 1))) return undefined
    return startsOfAny(alternativesOf(source.slice(3, close)))
  }
  if (source.startsWith('\\d')) return DIGITS
  const lower = source.toLowerCase()
  let run = /^[a-z0-9]+/u.exec(lower)?.[0] ?? ''
  // `thoughts?`: the last letter may be missing.
  if (OPTIONAL_AFTER.test(lower.slice(run.length))) run = run.slice(0, -1)
  return run === '' ? undefined : [run]
}

function startsOfAny(alternatives: readonly string[]): string[] | undefined {
  const starts: string[] = []
  for (const alternative of alternatives) {
    const found = startsOf(alternative)
    if (!found) return undefined
    starts.push(...found)
  }
  return starts
}

function matcher(kind: Kind | typeof NETWORK, source: string): Matcher {
  return {kind, pattern: new RegExp(`^(?:${spaced(source)})${SEPARATORS}`, 'iu'), starts: startsOf(source)}
}

/**
 * The characters past ASCII that a case-blind Unicode match (`iu`) takes for
 * ASCII letters or digits: the long s for s, the Kelvin sign for k. A text
 * whose start has one is tried against every pattern; any other character
 * past ASCII matches no start (an opening quotation mark, most often).
 */
export const FOLDS_TO_ASCII = /[\u017f\u212a]/u

/**
 * The matchers that may match at the start of `text`, in their order. The
 * test of a start costs nothing next to compiling the patterns: one regex of
 * them all took 13 ms to compile and 5 more to tier up, on the first
 * paragraph of every run, most of the rule's time on an article.
 */
function candidates(text: string, matchers: readonly Matcher[], longestStart: number): Matcher[] {
  const head = text.slice(0, longestStart)
  if (FOLDS_TO_ASCII.test(head)) return [...matchers]
  const lower = head.toLowerCase()
  return matchers.filter((candidate) => candidate.starts === undefined || candidate.starts.some((start) => lower.startsWith(start)))
}

/** The kind of residue a paragraph is made of, or undefined when any of it is article text. */
export function residueKind(text: string, {matchers, longestStart}: Matchers): Kind | undefined {
  let rest = text.trim()
  let kind: Kind | undefined
  let buttons = 0
  while (rest !== '') {
    const found = candidates(rest, matchers, longestStart).find((candidate) => candidate.pattern.test(rest))
    if (!found) return undefined
    const consumed = found.pattern.exec(rest)?.[0] ?? ''
    if (consumed === '') return undefined
    if (found.kind === NETWORK) buttons++
    else kind ??= found.kind
    rest = rest.slice(consumed.length)
  }
  return kind ?? (buttons >= 2 ? 'share-widget' : undefined)
}

export interface Matchers {
  matchers: readonly Matcher[]
  /** The length of the longest start of any matcher: how much of a text is compared. */
  longestStart: number
}

const compiled = new Map<string, Matchers>()

/** The matchers for the built-in residue and the configured phrases, made once per list of phrases rather than per file. */
export function matchersFor(patterns: readonly string[]): Matchers {
  const key = JSON.stringify(patterns)
  let found = compiled.get(key)
  if (!found) {
    const matchers = [...RESIDUE.map(([kind, source]) => matcher(kind, source)), ...patterns.map((phrase) => matcher('web-page', phraseSource(phrase)))]
    const longestStart = Math.max(0, ...matchers.flatMap((candidate) => candidate.starts ?? []).map((start) => start.length))
    found = {matchers, longestStart}
    compiled.set(key, found)
  }
  return found
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim()
  return flat.length > 80 ? `${flat.slice(0, 79).trimEnd()}…` : flat
}

export default defineRule({
  id: 'boilerplate',
  summary: 'Web-page residue pasted with the article: comment forms, share and subscribe widgets, related-post lists.',
  why: 'Copying an article out of a web page brings the page’s furniture along; printed under the article it looks careless.',
  severity: 'error',
  fixable: true,
  options: z.strictObject({
    patterns: z.array(z.string().trim().min(1, 'a phrase of at least one character')).default([]),
  }),
  messages: {
    residue: (data: {kind: string; text: string}) => `Unexpected ${data.kind} text \`${data.text}\`, remove it before publication`,
  },
  examples: {
    valid: [
      'The minister said readers could leave a reply on the ministry’s website.',
      'Share this: the article was widely read.',
      'Related coverage appears in our print edition.',
      {text: '# The talks\n\n## Twitter\n\nThe platform changed its rules.', filePath: 'post.md'},
    ],
    invalid: [
      {
        text: 'The talks ended.\n\nLeave a Reply',
        messages: ['3:1-3:14: Unexpected comment-form text `Leave a Reply`, remove it before publication'],
        fixed: 'The talks ended.\n\n',
      },
      {
        text: 'The talks ended.\n\nLeave a Reply to Jane Doe Cancel reply',
        messages: ['3:1-3:39: Unexpected comment-form text `Leave a Reply to Jane Doe Cancel reply`, remove it before publication'],
        fixed: 'The talks ended.\n\n',
      },
      {
        text: 'Your email address will not be published. Required fields are marked *',
        messages: [
          '1:1-1:71: Unexpected comment-form text `Your email address will not be published. Required fields are marked *`, remove it before publication',
        ],
        fixed: '',
      },
      {
        text: 'The talks ended.\n\nShare this:\nTwitter\nFacebook',
        messages: ['3:1-5:9: Unexpected share-widget text `Share this: Twitter Facebook`, remove it before publication'],
        fixed: 'The talks ended.\n\n',
      },
      {
        text: '<article><p>The talks ended.</p></article>\n<h3 id="reply-title">Leave a Reply</h3>\n',
        filePath: 'page.html',
        messages: ['2:1-2:40: Unexpected comment-form text `Leave a Reply`, remove it before publication'],
        fixed: '<article><p>The talks ended.</p></article>\n\n',
      },
      {
        text: 'The talks ended.\n\nLire aussi',
        options: {patterns: ['Lire aussi']},
        messages: ['3:1-3:11: Unexpected web-page text `Lire aussi`, remove it before publication'],
        fixed: 'The talks ended.\n\n',
      },
    ],
  },
  create: ({options, file, textOf, report}) => {
    const matchers = matchersFor(options.patterns)
    const longest = Math.max(600, ...options.patterns.map((phrase) => 4 * phrase.length))
    let residueReported = false
    return (tree: Root) => {
      // Residue the HTML parser recognised by its markup (`<form id="commentform">`): one message per element, with the first piece.
      if (!residueReported) {
        residueReported = true
        for (const residue of file.data.markupResidue ?? []) {
          report('residue', {kind: residue.kind, text: shorten(residue.text)}, {place: residue.place, actual: residue.source, expected: ['']})
        }
      }
      forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
        const {start, end} = paragraph.position ?? {}
        // Residue is short: a long paragraph is article text, and needs no reading.
        if (start?.offset !== undefined && end?.offset !== undefined && end.offset - start.offset > longest) return
        const text = textOf(paragraph)
        const kind = residueKind(text, matchers)
        if (kind) report('residue', {kind, text: shorten(text)}, {place: paragraph, actual: text, expected: ['']})
      })
    }
  },
})
