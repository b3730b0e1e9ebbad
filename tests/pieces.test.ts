import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {defaultConfig, settingsFor} from '../src/config/resolve.js'
import {lintText} from '../src/lint.js'
import {parseMarkdown} from '../src/pipeline/parse-markdown.js'
import {pieceBoundaries, piecesOf} from '../src/pipeline/parse-text.js'
import {startRules} from '../src/pipeline/run.js'
import {parsePiece} from '../src/pipeline/piece-parser.js'
import {shiftPositions} from '../src/pipeline/shift.js'
import {toLintMessage} from '../src/result.js'
import {referenceArticle, repoRoot} from './helpers.js'

const folder = path.join(repoRoot, 'fixtures', 'articles')
const texts = readdirSync(folder)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => [name, readFileSync(path.join(folder, name), 'utf8')] as const)
const article = readFileSync(referenceArticle, 'utf8')

describe('parsing in pieces', () => {
  it('cuts at the start of a blank line where there is one', () => {
    const text = 'One.\n\nTwo two.\n\nThree.\n'
    const cuts = pieceBoundaries(text, 3)
    expect(cuts).toEqual([0, 5, 15, text.length])
    expect(cuts.slice(1, -1).map((cut) => text.slice(cut - 1, cut + 1))).toEqual(['\n\n', '\n\n'])
  })

  /**
   * Every built-in rule's messages on a text fed to the rules piece by piece,
   * as lintText does for a large file; with an infinite size, as one tree.
   */
  async function messagesIn(text: string, size: number) {
    const {rules} = settingsFor(await defaultConfig(repoRoot), 'draft.txt')
    const file = new VFile({value: text, path: 'draft.txt'})
    // The pieces read node text as slices of the file, the whole tree through nlcst-to-string: both must agree.
    const whole = size === Number.POSITIVE_INFINITY
    const runner = startRules(file, rules, 'text', whole ? {} : {prose: text})
    for (const tree of piecesOf(text, size)) runner.piece(tree)
    runner.end()
    return file.messages.map(toLintMessage).sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId))
  }

  for (const [name, text] of texts) {
    it(`gives the same messages for ${name} in small pieces as whole`, async () => {
      const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
      expect(await messagesIn(text, 120)).toEqual(whole)
    })
  }

  it('cuts text without blank lines at line breaks that end paragraphs, with the messages of a whole parse', async () => {
    // Archive exports often put each paragraph on one line; some lines are a sentence wrapped in two.
    const paragraphs = article.split(/\r?\n/u).filter((line) => line.trim() !== '')
    const wrapped = ['He said the talks', 'would go on.', 'The IAM said “we', 'stay» and left.', 'and then the the end came.', '5 people “left.', '”Nobody stayed.']
    const text = Array.from({length: 30}, () => [...paragraphs, ...wrapped].join('\n')).join('\n')
    expect(text).not.toMatch(/\n[ \t]*\n/u)
    const cuts = pieceBoundaries(text, 400)
    expect(cuts.length).toBeGreaterThan(30)
    for (const cut of cuts.slice(1, -1)) expect(text.charAt(cut - 1)).toBe('\n')
    const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
    expect(whole.length).toBeGreaterThan(30 * 8)
    expect(await messagesIn(text, 400)).toEqual(whole)

    // Mostly wrapped sentences and small pieces: a cut at a line break inside a sentence would split a quotation.
    const dense = Array.from({length: 40}, () => wrapped.join('\n')).join('\n')
    const denseWhole = await messagesIn(dense, Number.POSITIVE_INFINITY)
    expect(denseWhole.length).toBeGreaterThan(40)
    expect(pieceBoundaries(dense, 50).length).toBeGreaterThan(40)
    // Several sizes, so that the cuts fall at every line of the block in turn.
    for (const size of [40, 47, 50, 53, 61, 70]) expect(await messagesIn(dense, size)).toEqual(denseWhole)
  })

  it('gives the same messages for a CRLF document of many articles in pieces as whole', async () => {
    const text = Array.from({length: 12}, () => article).join('\n\n').replaceAll('\n', '\r\n')
    const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
    expect(whole.length).toBe(12 * 8 + 1)
    expect(await messagesIn(text, 5000)).toEqual(whole)
  })

  it('reports the acronym once and every quotation defect in each copy of the reference article, at its own lines', async () => {
    const copies = 200
    // Each copy is 55 lines; a blank line joins copies, so copy k starts on line 1 + 56 k.
    const text = Array.from({length: copies}, () => article).join('\n\n')
    expect(text.length).toBeGreaterThan(3 * 64 * 1024)
    const result = await lintText(text, {filePath: 'archive.txt'})
    const acronyms = result.messages.filter((message) => message.ruleId === 'acronym-definition')
    expect(acronyms.map((message) => `${message.line}:${message.column}`)).toEqual(['13:42'])
    const quotes = result.messages.filter((message) => message.ruleId === 'quote-pairs')
    const expected = Array.from({length: copies}, (_, copy) =>
      ['5:108', '7:26', '27:232', '35:170', '43:216', '49:318'].map((place) => {
        const [line = 0, column] = place.split(':').map(Number)
        return `${line + 56 * copy}:${column}`
      })
    ).flat()
    expect(quotes.map((message) => `${message.line}:${message.column}`)).toEqual(expected)
  })
})

describe('Markdown in pieces', () => {
  /** Every built-in rule's messages on a Markdown text, its blocks converted in pieces of about `size`. */
  async function markdownMessages(text: string, size: number) {
    const {rules} = settingsFor(await defaultConfig(repoRoot), 'draft.md')
    const file = new VFile({value: text, path: 'draft.md'})
    const parsed = parseMarkdown(file, size)
    const runner = startRules(file, rules, 'markdown', {markupProse: parsed.prose})
    let pieces = 0
    for (const tree of parsed.pieces) {
      runner.piece(tree)
      pieces++
    }
    runner.end()
    // lintText sorts messages by place: rules see piece after piece, so they are filed in another order.
    const messages = file.messages.map(toLintMessage).sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId))
    return {pieces, messages}
  }

  it('gives the same messages in small pieces as in one, across many copies of the Markdown fixtures', async () => {
    const drafts = readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    // A closing stretch in straight quotes only: the document's curly majority must judge it, not its piece's.
    const straight = Array.from({length: 6}, (_, index) => `Paragraph ${index}: he said "no" and "yes" again.`).join('\n\n')
    const text = [...Array.from({length: 15}, () => drafts.join('\n\n')), straight].join('\n\n')
    const whole = await markdownMessages(text, Number.POSITIVE_INFINITY)
    expect(whole.messages.filter((message) => message.ruleId === 'quote-style' && message.line > text.split('\n').length - 12).length).toBe(24)
    const cut = await markdownMessages(text, 300)
    expect(whole.pieces).toBe(1)
    expect(cut.pieces).toBeGreaterThan(30)
    expect(whole.messages.length).toBeGreaterThan(15 * 8)
    expect(cut.messages).toEqual(whole.messages)
  })
})

describe('shiftPositions', () => {
  it('moves every point once, also points that several nodes share', () => {
    const shared = {line: 1, column: 1, offset: 0}
    const wordEnd = {line: 1, column: 4, offset: 3}
    const tree = {
      type: 'RootNode',
      position: {start: shared, end: {line: 2, column: 5, offset: 8}},
      children: [
        {type: 'WordNode', position: {start: shared, end: wordEnd}, children: [{type: 'TextNode', value: 'One', position: {start: shared, end: wordEnd}}]},
        {type: 'WhiteSpaceNode', value: '\n', position: {start: wordEnd, end: {line: 2, column: 1, offset: 4}}},
      ],
    }
    shiftPositions(tree, 10, 500)
    expect(tree.position).toEqual({start: {line: 11, column: 1, offset: 500}, end: {line: 12, column: 5, offset: 508}})
    expect(tree.children.map((child) => child.position)).toEqual([
      {start: {line: 11, column: 1, offset: 500}, end: {line: 11, column: 4, offset: 503}},
      {start: {line: 11, column: 4, offset: 503}, end: {line: 12, column: 1, offset: 504}},
    ])
  })
})

describe('parsePiece', () => {
  it('gives a piece the tree a whole parse gives its paragraphs, positions and all', () => {
    const first = 'The IRGC’s men, in Tehran.\r\nThey left.\n\n'
    const second = 'He said: “we stay» and—again—the U.S. and don’t-stop #tags @handles 3.5%.\nSecond line 🙂 here.\n'
    const whole = parsePiece(first + second, 0, 0)
    const piece = parsePiece(second, 3, first.length)
    // parse-latin ends a paragraph at every line break: four in all, the piece holds the last two.
    const paragraphs = (tree: typeof whole) => tree.children.filter((child) => child.type === 'ParagraphNode')
    expect(paragraphs(whole)).toHaveLength(4)
    expect(paragraphs(piece)).toEqual(paragraphs(whole).slice(2))
    // `Second line 🙂 here.` is 20 UTF-16 code units: the last paragraph ends before the last line break.
    expect(paragraphs(piece).map((paragraph) => paragraph.position)).toEqual([
      {start: {line: 4, column: 1, offset: first.length}, end: {line: 4, column: 74, offset: first.length + 73}},
      {start: {line: 5, column: 1, offset: first.length + 74}, end: {line: 5, column: 21, offset: first.length + second.length - 1}},
    ])
  })
})
