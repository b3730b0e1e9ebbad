import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Nodes, Paragraph} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {plainParagraphs} from '../src/pipeline/markdown-plain.js'
import {parseMarkdown, type MarkdownReadingOptions, type PlainParagraphCounts} from '../src/pipeline/parse-markdown.js'
import {seededRandom} from '../bench/seeded-random.mjs'
import {repoRoot} from './helpers.js'

// The parser copydesk reads Markdown with: what a plain paragraph must come out as.
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()

const folder = path.join(repoRoot, 'fixtures', 'articles')
const fixture = (extension: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .map((name) => readFileSync(path.join(folder, name), 'utf8'))
/** Every paragraph of the plain-text fixtures: real prose, quotation marks and all. */
const paragraphs = fixture('.txt')
  .flatMap((text) => text.replace(/^\uFEFF/u, '').split(/\r?\n[ \t]*\r?\n/u))
  .map((paragraph) => paragraph.trim())
  .filter((paragraph) => paragraph !== '')

/** The paragraphs the parser finds in `doc` from `start` on, or undefined if it finds anything else there. */
function parsedParagraphs(doc: string, start: number): Paragraph[] | undefined {
  const blocks = (parser.parse(doc).children as Nodes[]).filter((node) => (node.position?.start.offset ?? 0) >= start)
  return blocks.every((node) => node.type === 'paragraph') ? (blocks as Paragraph[]) : undefined
}

/** Strips what only the parser's trees carry and none of the converters read, so that trees compare by content and place. */
function bare(paragraphs: readonly Paragraph[] | undefined) {
  return JSON.parse(JSON.stringify(paragraphs ?? null)) as unknown
}

describe('plainParagraphs', () => {
  it('builds the paragraphs the parser gives for the prose of every plain-text fixture, positions included', () => {
    let built = 0
    for (const paragraph of paragraphs) {
      // After a heading, so that lines and offsets do not start at zero; and with CRLF line endings.
      for (const lineEnd of ['\n', '\r\n']) {
        const before = `# Title${lineEnd}${lineEnd}`
        const doc = before + paragraph.replace(/\r?\n/gu, lineEnd) + lineEnd
        const mine = plainParagraphs(doc, before.length, doc.length, 2)
        if (mine === undefined) continue
        built++
        expect(bare(mine)).toEqual(bare(parsedParagraphs(doc, before.length)))
      }
    }
    // Most real paragraphs hold no Markdown: the test compares many, not none.
    expect(built).toBeGreaterThan(paragraphs.length)
  })

  it('builds a stretch of several paragraphs and blank lines as the parser does', () => {
    const plain = paragraphs.filter((paragraph) => plainParagraphs(paragraph, 0, paragraph.length, 0) !== undefined)
    const stretch = `${plain.slice(0, 40).join('\n\n  \n')}\n\n\n`
    const doc = `Intro line.\n\n${stretch}`
    const mine = plainParagraphs(doc, 'Intro line.\n\n'.length, doc.length, 2)
    expect(mine?.length).toBe(40)
    expect(bare(mine)).toEqual(bare(parsedParagraphs(doc, 'Intro line.\n\n'.length)))
  })

  const withMarkdown: Record<string, string> = {
    emphasis: 'He said *no* to it.',
    strong: 'He said __no__ to it.',
    code: 'Run `copydesk` on it.',
    link: 'See [the report](https://example.org).',
    image: 'A ![map] of it.',
    html: 'A <b>bold</b> claim.',
    'an autolink': 'Write to <desk@example.org>.',
    'an entity': 'Tom &amp; Jerry.',
    'an escape': 'A \\* star.',
    'a hard break of two spaces': 'One line  \nand the next.',
    'a hard break of a backslash': 'One line\\\nand the next.',
    'a trailing space': 'One line \nand the next.',
    strikethrough: 'It was ~~wrong~~ right.',
    'a table': 'Name and role\n--- | ---',
    'a bare www link': 'See www.example.org for more.',
    'a bare link with a scheme': 'See https://example.org today.',
    'a bare email': 'Write to desk@example.org today.',
    'a heading': '# Title',
    'a setext heading': 'Title\n=====',
    'a setext heading of dashes': 'Title\n---',
    'a list item after a line': 'Items:\n- one',
    'an ordered list': '1. First point.',
    'an ordered list with a parenthesis': '2) Second point.',
    'a block quote after a line': 'He wrote:\n> a quote',
    'an indented line': '    Indented code.',
    'an indented continuation': 'First line\n  second line.',
    'a fence': 'Text\n```\ncode',
    'a NUL character': 'A\u0000B.',
    'a carriage return alone': 'One line\rand the next.',
    'a no-break space at the end of a line': 'One line\u00A0\nand the next.',
    'a star after a word': 'Marked* by hand.',
    'a star before a word': 'A *star is born.',
    'an underscore after a word': 'Word_ and more.',
    'two stars before a word': 'He said **no to it.',
  }

  it.each(Object.entries(withMarkdown))('leaves a stretch with %s to the parser', (_name, text) => {
    expect(plainParagraphs(text, 0, text.length, 0)).toBeUndefined()
  })

  it('matches the parser wherever it builds paragraphs from random text made of Markdown characters', () => {
    const random = seededRandom(7)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const pieces = [
      ...'abcdefghijklmnopqrstuvwxyzAB  ',
      ...'0123456789.,;:!?()"\'“”‘’«»—-=+#>*_`[]<>&\\|~@/^$%{}\t',
      ...['\n', '\n', '\r\n', '\n\n', '\n  \n', ' \n', '\u00A0', '\u0000', '\r', 'www.', 'http://', '1. ', '- ', '# ', 'é', '𝒜', 'ſ'],
    ]
    let built = 0
    let left = 0
    for (let round = 0; round < 4000; round++) {
      const before = pick(['', 'Intro.\n\n', '# Title\n\n', 'Intro.\r\n\r\n'])
      const stretch = pick(['A', 'The ', '“', '2019 ']) + Array.from({length: 1 + Math.floor(random() * 40)}, () => pick(pieces)).join('')
      const doc = before + stretch
      const mine = plainParagraphs(doc, before.length, doc.length, before === '' ? 0 : 2)
      if (mine === undefined) {
        left++
        continue
      }
      built++
      expect(bare(mine), JSON.stringify(doc)).toEqual(bare(parsedParagraphs(doc, before.length)))
    }
    expect(built).toBeGreaterThan(300)
    expect(left).toBeGreaterThan(300)
  })
})

describe('plainParagraphs in a file that defines no label', () => {
  /** Text with brackets and lone stars: links only with a definition, emphasis only against a word. */
  const literal: Record<string, string> = {
    'a comment form': 'Your email address will not be published. Required fields are marked *',
    'a field label': 'Name *',
    'stars between spaces': 'Three * two ** one *** zero',
    'underscores between spaces': 'Fill in _ and __ here _',
    'an editor’s insertion': 'The years of war imposed on Iran[by the former Iraqi regime] are over.',
    'brackets over two lines': 'He said [that\nthe talks] would go on.',
    'an image without a definition': 'A ![map] of it.',
    'a footnote call without a definition': 'A claim.[^1] Another [^note].',
    'a reference after a space': 'A [label] (not a link).',
    'a full reference without a definition': 'A [text][label] and [text][].',
  }

  it.each(Object.entries(literal))('builds %s as the parser does', (_name, text) => {
    const doc = `Intro.\n\n${text}\n`
    const mine = plainParagraphs(doc, 'Intro.\n\n'.length, doc.length, 2, {noDefinitions: true})
    expect(mine).toBeDefined()
    expect(bare(mine)).toEqual(bare(parsedParagraphs(doc, 'Intro.\n\n'.length)))
  })

  it('leaves brackets to the parser when the file may define a label, and an inline link always', () => {
    const insertion = literal['an editor’s insertion'] as string
    expect(plainParagraphs(insertion, 0, insertion.length, 0)).toBeUndefined()
    for (const link of ['See [the report](https://example.org).', 'A ![map](map.png) of it.', 'A [link]()'])
      expect(plainParagraphs(link, 0, link.length, 0, {noDefinitions: true})).toBeUndefined()
  })

  it('matches the parser wherever it builds paragraphs from random text of brackets, stars and underscores', () => {
    const random = seededRandom(11)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const pieces = [...'abcdefgh  ', ...'  ', ...'*_[]()!^:.', '**', '__', ' * ', ' _ ', '\n', '\n\n', '\r\n', 'é ']
    let built = 0
    let left = 0
    for (let round = 0; round < 4000; round++) {
      const stretch = pick(['A', 'The ', '“', 'Iran']) + Array.from({length: 1 + Math.floor(random() * 30)}, () => pick(pieces)).join('')
      const doc = `Intro.\n\n${stretch}`
      const mine = plainParagraphs(doc, 'Intro.\n\n'.length, doc.length, 2, {noDefinitions: !doc.includes(']:')})
      if (mine === undefined) {
        left++
        continue
      }
      built++
      expect(bare(mine), JSON.stringify(doc)).toEqual(bare(parsedParagraphs(doc, 'Intro.\n\n'.length)))
    }
    expect(built).toBeGreaterThan(400)
    expect(left).toBeGreaterThan(400)
  })
})

describe('reading Markdown with plain paragraphs', () => {
  /** What the rules are given for `text`: every tree, the prose and the control comments. */
  function reading(text: string, options: MarkdownReadingOptions) {
    const parsed = parseMarkdown(new VFile({value: text, path: 'draft.md'}), options)
    return {trees: JSON.parse(JSON.stringify([...parsed.pieces])) as unknown, prose: parsed.prose, directives: parsed.directives}
  }

  /** The reading with plain paragraphs built, and how many were, after checking it is the parser's reading. */
  function expectParserReading(text: string, options: MarkdownReadingOptions = {}): PlainParagraphCounts {
    const counts: PlainParagraphCounts = {plainParagraphs: 0, parsedRuns: 0, piecesParsedWhole: 0}
    expect(reading(text, {...options, counts})).toEqual(reading(text, {...options, plainParagraphs: false}))
    return counts
  }

  it('gives the rules what the parser gives them for the Markdown fixtures', () => {
    const built = fixture('.md').map((draft) => expectParserReading(draft).plainParagraphs)
    // The reference article's plain paragraphs; the other fixture is all entities and escapes.
    expect(built.reduce((sum, count) => sum + count)).toBeGreaterThan(10)
  })

  /** A letter line in code, long enough to be read as a plain paragraph even right after a run parsed by the parser. */
  const LONG_CODE_LINE = `Letter line in code, ${'the words go on and on, '.repeat(12)}the the end`

  /** Blocks that run past blank lines or hold letter lines that are not paragraphs, among plain ones. */
  const blocks = [
    '```text\nCode with a blank line\n\nand a line that starts with a letter, the the\n```',
    '~~~\nTilde code\n\nLetter line in code\n~~~',
    '<!--\nA comment over lines\n\nwith a letter line inside: IAM the the\n-->',
    '<pre>\nPreformatted\n\ntext with the the\n</pre>',
    '<div>\nA block of HTML\n</div>',
    '<!-- copydesk-disable-next-line repeated-words -->\nThe the draft goes on.',
    '<!-- copydesk-ignore -->\n\nIgnored “paragraph » here.',
    '- a list item “quoted »\n\n  with a second paragraph\n- and another',
    '1. first\n2. second\n\n   continued in the item',
    '> a quotation “opened\nlazily continued\n\n> and closed »',
    '| Column | Other |\n| --- | --- |\n| cell “one » | IAM |',
    'Heading line\n============',
    '# A heading with the the',
    '    indented code\n\n    more code',
    'A line with a hard break  \nand the next.',
    '- item\n\n  ```\n  code in the item\n\nClosed by the end of the item.',
    `<div>\n\`\`\`\n</div>\n\nText after HTML.\n\n\`\`\`\ncode\n\n${LONG_CODE_LINE}\n\nAnother line in code.\n\n\`\`\``,
    '- item\n\n  <!--\n  a comment the item closes\n\nProse with the the words.',
    'Text with a note[^n] and a [link][ref] with no definition.',
    'See www.example.org or write to desk@example.org.',
    // Definitions, and references to them (the blocks above use `ref` and `n`) from any run or piece.
    '[ref]: https://example.org/report "The report"',
    '[^n]: A footnote “quoted », the the.\n\n    Its second paragraph.',
    'Also see [the ref][ref], [ref] and [Ref][], and the note[^n] again.',
    '[unused]: <https://example.org/other>\n[ref]: /a-second-definition-that-does-not-count',
  ]

  it('gives the rules what the parser gives them for random documents of plain paragraphs and other blocks', () => {
    const random = seededRandom(11)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    let plain = 0
    let parsedWhole = 0
    for (let round = 0; round < 120; round++) {
      const parts = Array.from({length: 4 + Math.floor(random() * 30)}, () => (random() < 0.6 ? pick(paragraphs) : pick(blocks)))
      let text = parts.map((part, index) => (index === 0 ? part : pick(['\n\n', '\n\n', '\n\n\n', '\n']) + part)).join('') + '\n'
      if (random() < 0.2) text = `---\ntitle: “Draft »\n\nlong: yes\n---\n\n${text}`
      const lineEnding = random()
      if (lineEnding < 0.2) text = text.replace(/\n/gu, '\r\n')
      else if (lineEnding < 0.3) text = text.replace(/\n/gu, '\r')
      // Whole, in pieces of a few stretches, and in the smallest pieces the cuts allow.
      for (const options of [{}, {sourceSize: 700, keptSource: 0}, {size: 1, sourceSize: 1, keptSource: 0}]) {
        const counts = expectParserReading(text, options)
        plain += counts.plainParagraphs
        parsedWhole += counts.piecesParsedWhole
      }
    }
    expect(plain).toBeGreaterThan(500)
    // Some scanner mistakes were caught and the piece parsed whole instead.
    expect(parsedWhole).toBeGreaterThan(0)
  })

  it('parses a piece whole when a letter line the scanner took for prose is inside a fence', () => {
    // The scanner takes the fence in the HTML block for one, and so the real fence's letter lines for prose.
    const text = `<div>\n\`\`\`\n</div>\n\nText after HTML.\n\n\`\`\`\ncode\n\n${LONG_CODE_LINE}\n\nAnother line in code.\n\n\`\`\`\n\nAfter the fence.\n`
    const counts = expectParserReading(text)
    expect(counts.piecesParsedWhole).toBe(1)
    // The letter line is code: only the two paragraphs are prose.
    expect(reading(text, {}).prose).toBe('Text after HTML.\n\nAfter the fence.')
  })

  it('parses a short plain paragraph with the run before it, and builds a long one or one after plain paragraphs', () => {
    const long = `A long plain paragraph, ${'with words that go on and on, '.repeat(10)}to the end.`
    // The short one costs less parsed with the link's paragraph than with a parse of its own.
    expect(expectParserReading('See [the link](https://example.org).\n\nShort and plain.\n\nSee [it](#) again.\n').plainParagraphs).toBe(0)
    expect(expectParserReading(`See [the link](https://example.org).\n\n${long}\n\nSee [it](#) again.\n`).plainParagraphs).toBe(1)
    expect(expectParserReading(`Short and plain.\n\n${long}\n\nShort again.\n`).plainParagraphs).toBe(3)
  })

  it('reads lines ended by a carriage return alone as the parser does: a control comment on one, front matter opened by one', () => {
    // Long enough to be built without the parser even right after source left to it.
    const paragraph = `The the paragraph, ${'with words that go on and on, '.repeat(10)}to its end.`
    // The comment applies to the paragraph after it, not to the line it follows.
    const ignore = `Intro\r<!-- copydesk-ignore -->\n\n${paragraph}\n`
    expectParserReading(ignore)
    expect(reading(ignore, {}).directives[0]?.lines).toEqual({start: 4, end: 4})
    for (const frontMatter of [`---\rtitle: x\n\n${paragraph}\n\nMore\n---\n`, `+++\rtitle = 1\n\n${paragraph}\n\nx = 2\n+++\n`]) {
      expectParserReading(frontMatter)
      expect(reading(frontMatter, {}).prose).toBe('')
    }
  })

  it('parses long stretches of other blocks in runs of a few KB, as the parser reads them whole', () => {
    // Each list's end closes its item's fence: micromark then moves every event after it, so one long parse is slow.
    const text = '- item\n\n  ```\n  code\n\nPlain after the list.\n\n'.repeat(1000)
    const counts = expectParserReading(text)
    // 40 KB in a single piece, parsed 4 KB at a time.
    expect(counts.parsedRuns).toBeGreaterThan(8)
    expect(counts.piecesParsedWhole).toBe(0)
  })

  it('reads a file with definitions by the parser alone in one piece; in pieces, twice, handing each run the definitions it uses and parsing a run that uses none once', () => {
    const long = `A plain paragraph, ${'with words that go on and on, '.repeat(10)}to the end.`
    // The reference and its definition in two runs of one piece, a plain paragraph between them; a glossary defines
    // labels it also has in brackets, which it is not handed again.
    const text = `See [the report][r] and the note[^n].\n\n${long}\n\nSources:\n\n[r]: https://example.org\n[^n]: The note.\n\n${long}\n\nGlossary:\n\n[g]: /g\n[h]: /h\n`
    // One piece: read once, as before plain paragraphs were built, since finding the definitions takes a parse.
    expect(expectParserReading(text)).toEqual({plainParagraphs: 0, parsedRuns: 0, piecesParsedWhole: 0})
    // In pieces, read with plain paragraphs twice (two of them each time); the three runs (the reference, the sources
    // with their definitions, the glossary) are parsed the first time, and the second time only the reference, the
    // one run that uses a definition of another.
    expect(expectParserReading(text, {sourceSize: 700})).toEqual({plainParagraphs: 4, parsedRuns: 4, piecesParsedWhole: 0})
    // With no piece kept between the passes (as in a file of many MB), the runs are not kept either, and the pieces
    // are read a third time as the rules come to them: every run is parsed each time.
    expect(expectParserReading(text, {sourceSize: 700, keptSource: 0})).toEqual({plainParagraphs: 6, parsedRuns: 9, piecesParsedWhole: 0})
    // Resolved, the link's text is prose and its label is not; the note's mark is not prose either.
    for (const options of [{}, {sourceSize: 700}, {sourceSize: 700, keptSource: 0}]) expect(reading(text, options).prose).toContain('See the report and the note.')
    // Longer than a piece, yet one piece (no line to cut before in its long list of definitions): read twice all the
    // same. Two runs (the reference; the sources), the second not parsed again.
    const listed = `See [the report][r].\n\n${long}\n\nSources:\n\n[r]: https://example.org\n${Array.from({length: 40}, (_, index) => `[l${index}]: /l${index}`).join('\n')}\n`
    expect(listed.length).toBeGreaterThan(700)
    expect(expectParserReading(listed, {sourceSize: 700})).toEqual({plainParagraphs: 2, parsedRuns: 3, piecesParsedWhole: 0})
    expect(reading(listed, {sourceSize: 700}).prose).toContain('See the report.')
  })
})
