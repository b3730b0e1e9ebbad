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
const RESIDUE: ReadonlyArray<readonly [Kind | typeof NETWORK, string]> = [
  ['comment-form', 'leave a reply(?: to \\S.*?)?(?: cancel reply)?'],
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

interface Matcher {
  kind: Kind | typeof NETWORK
  pattern: RegExp
}

function phraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join('\\s+')
}

const spaced = (source: string) => source.replaceAll(' ', '\\s+')

function matcher(kind: Kind | typeof NETWORK, source: string): Matcher {
  return {kind, pattern: new RegExp(`^(?:${spaced(source)})${SEPARATORS}`, 'iu')}
}

/** One test of whether a text starts like any residue: most paragraphs are article text, and one regex rules them out. */
function startLike(sources: readonly string[]): RegExp {
  return new RegExp(`^\\s*(?:${sources.map((source) => `(?:${spaced(source)})`).join('|')})`, 'iu')
}

/** The kind of residue a paragraph is made of, or undefined when any of it is article text. */
function residueKind(text: string, matchers: readonly Matcher[]): Kind | undefined {
  let rest = text.trim()
  let kind: Kind | undefined
  let buttons = 0
  while (rest !== '') {
    const found = matchers.find((candidate) => candidate.pattern.test(rest))
    if (!found) return undefined
    const consumed = found.pattern.exec(rest)?.[0] ?? ''
    if (consumed === '') return undefined
    if (found.kind === NETWORK) buttons++
    else kind ??= found.kind
    rest = rest.slice(consumed.length)
  }
  return kind ?? (buttons >= 2 ? 'share-widget' : undefined)
}

const compiled = new Map<string, {matchers: Matcher[]; residueStart: RegExp}>()

/** The matchers for the built-in residue and the configured phrases, compiled once per list of phrases rather than per file. */
function matchersFor(patterns: readonly string[]): {matchers: Matcher[]; residueStart: RegExp} {
  const key = JSON.stringify(patterns)
  let found = compiled.get(key)
  if (!found) {
    const sources = [...RESIDUE.map(([, source]) => source), ...patterns.map(phraseSource)]
    const matchers = [...RESIDUE.map(([kind, source]) => matcher(kind, source)), ...patterns.map((phrase) => matcher('web-page', phraseSource(phrase)))]
    found = {matchers, residueStart: startLike(sources)}
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
    const {matchers, residueStart} = matchersFor(options.patterns)
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
        if (!residueStart.test(text)) return
        const kind = residueKind(text, matchers)
        if (kind) report('residue', {kind, text: shorten(text)}, {place: paragraph, actual: text, expected: ['']})
      })
    }
  },
})
