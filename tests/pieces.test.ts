import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import rehypeParse from 'rehype-parse'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {defaultConfig, settingsFor} from '../src/config/resolve.js'
import {lintText} from '../src/lint.js'
import {hastParts, type HastPart} from '../src/pipeline/hast-pieces.js'
import {hastProse} from '../src/pipeline/hast-prose.js'
import {toNlcst as hastToNlcst} from 'hast-util-to-nlcst'
import {toString as nlcstToString} from 'nlcst-to-string'
import {ParseEnglish} from 'parse-english'
import {Definitions} from '../src/pipeline/markdown-definitions.js'
import {markdownCuts} from '../src/pipeline/markdown-pieces.js'
import {parseHtml, type HtmlPieceSizes} from '../src/pipeline/parse-html.js'
import {documentTypeOf} from '../src/pipeline/parse.js'
import type {Directive} from '../src/pipeline/directives.js'
import type {MarkupResidue} from '../src/pipeline/markup-residue.js'
import {MARKDOWN_PIECE_SIZE, parseMarkdown, settledPieces, type MarkdownReadingOptions} from '../src/pipeline/parse-markdown.js'
import {pieceBoundaries, piecesOf, type CutLooks} from '../src/pipeline/parse-text.js'
import {startRules} from '../src/pipeline/run.js'
import {parsePiece} from '../src/pipeline/piece-parser.js'
import {shiftPositionsInPlace} from '../src/pipeline/shift.js'
import {visit} from 'unist-util-visit'
import type {Node} from 'unist'
import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import {toNlcst as mdastToNlcst} from 'mdast-util-to-nlcst'
import {toLintMessage, type LintMessage} from '../src/result.js'
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

  it('gives the messages of a whole parse where Unicode spaces sit around paragraph breaks, and a vertical tab keeps two paragraphs one', async () => {
    const paragraphs = article.split(/\n\s*\n/u)
    // No-break, em, ideographic and narrow no-break spaces end paragraphs with the line breaks; a vertical tab or form feed does not.
    const separators = ['\n\n\u00a0', '\u00a0\n\n', '\n\u00a0\n', '\n\n\u2003\u2003', '\u3000\n\n', '\n\n\u202f', '\n\n\v', '\n\v\n', '\f\n\n', '\n\n']
    let text = ''
    for (let copy = 0; copy < 6; copy++) {
      paragraphs.forEach((paragraph, index) => {
        text += paragraph + (separators[(index + copy) % separators.length] as string)
      })
    }
    const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
    expect(whole.length).toBeGreaterThan(30)
    // Sizes that put the cuts at every kind of separator in turn.
    for (const size of [300, 457, 613, 1009, 2048]) expect(await messagesIn(text, size), `size ${size}`).toEqual(whole)
  })

  it('looks at a run of 40,000 blank lines that a vertical tab keeps from ending a paragraph a few times, not once per line', async () => {
    const lines = 'The talks went on.\n'.repeat(600)
    const text = `${lines}${'\n'.repeat(40_000)}\v${lines}`
    const looks: CutLooks = {runs: 0}
    const cuts = pieceBoundaries(text, 8 * 1024, looks)
    // Each search for a cut reads the run whole at most three times (blank lines near, line breaks, blank lines anywhere).
    expect(looks.runs).toBeLessThan(3 * cuts.length + 10)
    const run = {start: lines.length, end: lines.length + 40_001}
    for (const cut of cuts.slice(1, -1)) expect(cut <= run.start || cut > run.end, `cut at ${cut}`).toBe(true)
    expect(await messagesIn(text, 8 * 1024)).toEqual(await messagesIn(text, Number.POSITIVE_INFINITY))
  })

  it('reads a line break followed by more white space than the look-around holds as the whole parse does', async () => {
    // No blank line anywhere: cuts fall at line breaks where the parser ends a paragraph, which it decides from the text around.
    const filler = 'The talks went on.\n'.repeat(440)
    for (const space of [' ', '\u00a0', '\f']) {
      const text = `${filler}He said that it was the\n${space.repeat(250)}the end of the talks.\n${filler}`
      const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
      expect(whole.map((message) => `${message.line}:${message.column} ${message.ruleId}`), JSON.stringify(space)).toContain('441:21 repeated-words')
      // Sizes that put the first search inside the line that ends with the first `the`.
      for (const size of [8000, 8365, 8370, 8380]) expect(await messagesIn(text, size), `${JSON.stringify(space)} at ${size}`).toEqual(whole)
    }
  })

  it('gives the same messages for a CRLF document of many articles in pieces as whole', async () => {
    const text = Array.from({length: 12}, () => article).join('\n\n').replaceAll('\n', '\r\n')
    const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
    expect(whole.length).toBe(12 * 8 + 1)
    expect(await messagesIn(text, 5000)).toEqual(whole)
  })

  it('gives the same messages for a document with lines ended by a carriage return alone in pieces as whole', async () => {
    // parse-english counts a lone carriage return as a line break: the lines before a piece must too.
    const text = Array.from({length: 12}, () => article.replaceAll('. ', '.\r')).join('\n\n')
    expect(text).toMatch(/\.\r[A-Z]/u)
    const whole = await messagesIn(text, Number.POSITIVE_INFINITY)
    expect(whole.length).toBeGreaterThan(12 * 8)
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

/** What the Markdown and HTML parsers give the rules. */
interface ParsedMarkup {
  pieces: Iterable<Root>
  directives: Directive[]
  prose: string
  residue?: MarkupResidue[]
}

/** Every built-in rule's messages on a Markdown or HTML file as `parse` gives it to them. */
async function markupMessages(name: string, text: string, parse: (file: VFile) => ParsedMarkup) {
  const type = documentTypeOf(name)
  const {rules} = settingsFor(await defaultConfig(repoRoot), name)
  const file = new VFile({value: text, path: name})
  const parsed = parse(file)
  if (parsed.residue) file.data.markupResidue = parsed.residue
  const runner = startRules(file, rules, type, {markupProse: parsed.prose})
  let pieces = 0
  for (const tree of parsed.pieces) {
    runner.piece(tree)
    pieces++
  }
  runner.end()
  // lintText sorts messages by place: rules see piece after piece, so they are filed in another order.
  const messages = file.messages.map(toLintMessage).sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId))
  return {pieces, messages, directives: parsed.directives, prose: parsed.prose}
}

/** A file read in pieces gives what it gives read whole: prose, control comments, messages. */
function expectSameReading(cut: Awaited<ReturnType<typeof markupMessages>>, whole: Awaited<ReturnType<typeof markupMessages>>): void {
  expect(cut.prose).toBe(whole.prose)
  expect(cut.directives).toEqual(whole.directives)
  expect(cut.messages).toEqual(whole.messages)
}

describe('Markdown in pieces', () => {
  const markdownMessages = (text: string, sizes: MarkdownReadingOptions) => markupMessages('draft.md', text, (file) => parseMarkdown(file, sizes))

  it('gives the same messages in small pieces as in one, across many copies of the Markdown fixtures', async () => {
    const drafts = readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    // A closing stretch in straight quotes only: the document's curly majority must judge it, not its piece's.
    const straight = Array.from({length: 6}, (_, index) => `Paragraph ${index}: he said "no" and "yes" again.`).join('\n\n')
    const text = [...Array.from({length: 15}, () => drafts.join('\n\n')), straight].join('\n\n')
    const whole = await markdownMessages(text, {size: Number.POSITIVE_INFINITY})
    expect(whole.messages.filter((message) => message.ruleId === 'quote-style' && message.line > text.split('\n').length - 12).length).toBe(24)
    const cut = await markdownMessages(text, {size: 300})
    expect(whole.pieces).toBe(1)
    expect(cut.pieces).toBeGreaterThan(30)
    expect(whole.messages.length).toBeGreaterThan(15 * 8)
    expect(cut.messages).toEqual(whole.messages)
  })

  /** A draft with every construct that runs past a blank line, or acts across the file. */
  const tricky = (index: number) => `Section ${index}: he said “no” and the the end.

\`\`\`text
Code with a blank line

and a line that starts with a letter, « the the »
\`\`\`

<!--
A comment over lines

with a letter line inside: IAM « the the »
-->

<pre>
Preformatted

text with « the the »
</pre>

<!-- copydesk-disable-next-line repeated-words -->
The the draft goes on.

<!-- copydesk-ignore -->

Ignored “paragraph » here.

- a list item “quoted »

  with a second paragraph
- see [the report][report ${index % 3}] and the note[^n${index % 2}]

> a quotation “opened
>
> and closed »

| Column | Other |
| --- | --- |
| cell “one » | IAM |

Heading line
============

# A heading with the the

After the NATO summit, the IAM met.
`

  it('cuts a large Markdown file only where a whole parse starts a new top-level block', async () => {
    const definitions = '[report 0]: https://example.org/0\n[report 1]: <https://example.org/1>\n  "Title"\n[report 2]: /2\n\n[^n0]: A footnote “quoted ».\n[^n1]: Another.\n'
    const text = `---\ntitle: “Draft »\n\nlong: yes\n---\n\n${Array.from({length: 40}, (_, index) => tricky(index)).join('\n')}\n${definitions}`
    const whole = await markdownMessages(text, {size: Number.POSITIVE_INFINITY, sourceSize: Number.POSITIVE_INFINITY})
    // A cut at every place found safe; blocks kept from the first pass for the first 2,000 characters, parsed again after.
    const cut = await markdownMessages(text, {size: 300, sourceSize: 1, keptSource: 2000})
    const cuts = markdownCuts(text, 1)
    expect(cuts.length).toBeGreaterThan(40 * 4)
    // Every cut is at a line that opens a paragraph or heading after a blank line, outside code, comments and <pre>.
    for (const at of cuts.slice(1, -1)) {
      expect(text.slice(at - 2, at)).toBe('\n\n')
      expect(text.slice(at)).toMatch(/^(?:Section|The the|Ignored|Heading|# A heading|After)/u)
    }
    expect(whole.messages.some((message) => message.ruleId === 'repeated-words' && text.split('\n')[message.line - 1]?.startsWith('The the'))).toBe(true)
    expect(whole.directives.length).toBe(80)
    expect(cut.messages).toEqual(whole.messages)
    expect(cut.directives).toEqual(whole.directives)
    expect(cut.prose).toBe(whole.prose)
    // The references resolve in every piece: their link text is prose, their label is not.
    expect(whole.prose).toContain('see the report and the note')
  })

  /** Documents where a cut that looks safe line by line is not, or where a piece alone would resolve references otherwise. */
  const hardCases: Record<string, string> = {
    'a fence inside a list item, closed by the end of the list': '- item\n\n  ```\n  code\n\nPara.\n\n```\ncode\n\nLetter line in code, the the\n```\n\nAfter the the end.\n',
    'a fence line inside an HTML block': '<div>\n```\n</div>\n\nText\n\n```\ncode\n\nLetter line in code, the the\n```\n\nAfter.\n',
    'a definition-like line that continues a paragraph': 'Hello\n[a]: /url\n\nFiller.\n\nSee [a].\n',
    'a definition-like line after a list item': '- item\n[a]: /url\n\nFiller.\n\nSee [a].\n',
    'a definition-like line after a quotation': '> quote\n[a]: /url\n\nFiller.\n\nSee [a].\n',
    'a definition-like line in a table': 'a | b\n--|--\n[a]: /url\n\nFiller.\n\nSee [a].\n',
    'a definition-like line in HTML': '<div>\n[a]: /url\n</div>\n\nFiller.\n\nSee [a].\n',
    'a list of sources': 'Sources:\n[1]: Smith 2020\n\nText cites [1] here.\n\nAnd [1] again.\n',
    'a label over two lines': '[foo\nbar]: /url\n\nFiller.\n\nSee [foo bar].\n',
    'a definition in an indented list item': '-   item\n\n    [a]: /url\n\nFiller.\n\nSee [a].\n',
    'a definition in a nested list': '- a\n  - b\n\n    [a]: /url\n\nFiller.\n\nSee [a].\n',
    'a definition in a quotation': 'Text\n\n> [a]: /url\n\nMore [a] here.\n',
    'an unclosed fence at the end': '[a]: /url\n\nFiller.\n\nSee [a] here.\n\n```\ncode\n\nMore code\n',
    'a definition followed by a fence': '[a]: /url\n```\ncode\n\nmore\n```\n\n[b]: /other\n\nSee [b] and [a].\n',
    'footnotes with a second paragraph': 'Text with a note[^n] and [^m].\n\nFiller.\n\n[^n]: The note, the the.\n\n    Continued note paragraph.\n\nAfter.\n',
    'a lone carriage return': 'Hello\rworld, the the.\n\nNext paragraph.\n\nAnother “quote ».\n',
    'a control comment on a line after one ended by a carriage return alone': 'Intro\r<!-- copydesk-ignore -->\n\nThe the paragraph.\n\nMore “text ».\n',
    'a front matter fence indented in a block scalar': '---\ntitle: |\n  ---\n\nstill: yaml the the\n---\n\nBody.\n\nMore.\n',
    'a comment in a list closed by its end, and prose after': '- item\n\n  <!--\n  c\n\nProse with the the words.\n\nMore “prose ».\n',
    'a fence one space in after a list item (outside it)': '- item\n\n ```\ncode at the margin\n\nInside the the code\n ```\n\nAfter the the code.\n',
    'a directive before a list whose fence the list closes': '<!-- copydesk-ignore -->\n\n- ```\n  x\n\nLetter with the the words.\n',
    'labels with escapes and character references': 'See [the][a\\_b] [the][AT&amp;T], [x][a\\]b] and a note[^x\\_y].\n\nFiller with words.\n\nMore filler.\n\n[a\\_b]: /1\n[AT&amp;T]: /2\n[a\\]b]: /3\n\n[^x\\_y]: The note.\n',
    'a comment directive before a cut': '<!-- copydesk-ignore -->\n\nIgnored “quote ».\n\n<!--\ncopydesk-disable-next-line repeated-words\n-->\nThe the line.\n\nAfter the the.\n',
  }

  it.each(Object.entries(hardCases))('gives the messages, directives and prose of a whole parse with %s, cut wherever it may be', async (_name, text) => {
    expectSameReading(await markdownMessages(text, {size: 1, sourceSize: 1, keptSource: 0}), await markdownMessages(text, {sourceSize: Number.POSITIVE_INFINITY}))
  })

  it('asks the scanner again from a block it lost track of, instead of joining the rest of the file into one piece', async () => {
    // The list's fence is closed by the end of the list, not by a fence line: a scanner of lines pairs it with the next one.
    const section = 'Intro paragraph.\n\n```\ncode\n\nLetter line in code, the the\n```\n\n'
    const text = `- item\n\n  \`\`\`\n  code\n\nPara.\n\n${section.repeat(40)}`
    const pieces = [...settledPieces(text, 1)]
    expect(pieces.length).toBeGreaterThanOrEqual(40)
    expect(pieces.every(({read}) => read.closed)).toBe(true)
    expectSameReading(await markdownMessages(text, {size: 1, sourceSize: 1, keptSource: 0}), await markdownMessages(text, {sourceSize: Number.POSITIVE_INFINITY}))
  })

  it('hands a piece the definitions of the labels it has in brackets, not those it defines itself', () => {
    const definitions = new Definitions()
    const tree = unified().use(remarkParse).use(remarkGfm).parse('[Report 1]: /a\n\n[b]: /b\n\n[^Note]: A note.\n\n[unused]: /c\n\n[REPORT  1]: /again\n')
    for (const node of tree.children) if (node.type === 'definition' || node.type === 'footnoteDefinition') definitions.add(node)
    expect(definitions.size).toBe(4)
    // Labels match as CommonMark matches them: case and runs of white space do not count.
    expect(definitions.for('See [the report][report\n  1], [b] and a note[^note].')).toBe('[report 1]: #\n\n[b]: #\n\n[^note]: #')
    expect(definitions.for('See [b] and [^note].', new Set(['[b']))).toBe('[^note]: #')
    expect(definitions.for('No labels here.')).toBe('')
    // An escaped bracket opens no label (`\[ … \]` is display math).
    expect(definitions.for('\\[b\\] and \\[b] but [^note]')).toBe('[^note]: #')
  })

  it('does not cut inside front matter, fenced code or long HTML blocks, nor after an HTML line', () => {
    /** The first line of every piece but the first. */
    const startsOf = (text: string, size: number) => markdownCuts(text, size).slice(1, -1).map((at) => text.slice(at).split('\n')[0])
    expect(startsOf('---\ntitle: x\n\nBody: y\n---\n\nAfter\n', 5)).toEqual(['After'])
    expect(startsOf('~~~~\n\nInside\n~~~\n\nStill inside\n~~~~\n\nAfter\n', 5)).toEqual(['After'])
    // A backtick fence's info string holds no backtick: this line is text, not a fence.
    expect(startsOf('``` a`b\n\nText\n', 5)).toEqual(['Text'])
    // Not right after HTML either: a comment directive there needs the block after it in its piece.
    expect(startsOf('<script>\n\nInside\n</script>\n\nNext to it\n\nAfter\n', 5)).toEqual(['After'])
    expect(startsOf('<!--\n\nInside\n-->\n\nNext to it\n\nAfter\n', 5)).toEqual(['After'])
    expect(startsOf('<!-- one line -->\n\nNext to it\n\nAfter\n', 5)).toEqual(['After'])
    expect(startsOf('<div>\n\nNext to it\n\nAfter\n', 5)).toEqual(['After'])
    expect(startsOf('Text\n\n- item\n\n  Indented\n\n# Heading\n\n1. item\n\nAfter\n', 5)).toEqual(['# Heading', 'After'])
    // A fence or comment opened in a list item ends with the item, at the first unindented line.
    expect(startsOf('- item\n\n  ```\n  code\n\nAfter\n\n```\ncode\n\nInside\n```\n\nNext\n', 5)).toEqual(['After', 'Next'])
    // (Right after a comment, no cut: the comment may be a control comment for the block after it.)
    expect(startsOf('- item\n\n  <!--\n  c\n\nAfter\n\nNext\n', 5)).toEqual(['Next'])
    // Not so at the top level, where an indented fence's code may be unindented.
    expect(startsOf('Text\n\n  ```\ncode\n\nInside\n  ```\n\nAfter\n', 5)).toEqual(['After'])
    // Front matter closes only with its fence alone at the start of a line.
    expect(startsOf('---\ntitle: |\n  ---\n\nStill: yaml\n---\n\nAfter\n', 5)).toEqual(['After'])
  })

  it('lints a 2 MB Markdown file in pieces with the messages of its parts as separate files, shifted to their lines', async () => {
    const draft = readFileSync(path.join(folder, 'assad-tehran.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n\n/u, '')
    const copies = Math.ceil(2e6 / draft.length)
    const text = Array.from({length: copies}, () => draft).join('\n')
    const cuts = markdownCuts(text, MARKDOWN_PIECE_SIZE)
    expect(cuts.length - 1).toBeGreaterThan(25)
    const one = await lintText(draft, {filePath: 'draft.md'})
    const all = await lintText(text, {filePath: 'draft.md'})
    // Each copy starts after the lines of those before it and the line break that joins them.
    const linesPerCopy = draft.split('\n').length
    const shifted = (message: LintMessage, lines: number): LintMessage => ({
      ...message,
      line: message.line + lines,
      endLine: message.endLine + lines,
      message: message.message.replace(/ at (\d+):(\d+)/u, (_, line: string, column: string) => ` at ${Number(line) + lines}:${column}`),
    })
    const expected = Array.from({length: copies}, (_, copy) =>
      // The acronym is reported at its first use only.
      one.messages.filter((message) => copy === 0 || message.ruleId !== 'acronym-definition').map((message) => shifted(message, copy * linesPerCopy))
    ).flat()
    const withoutOffsets = (messages: readonly LintMessage[]) => messages.map(({offset, endOffset, ...rest}) => rest)
    expect(all.messages.length).toBe(one.messages.length * copies - (copies - 1))
    expect(withoutOffsets(all.messages)).toEqual(withoutOffsets(expected))
  }, 120_000)
})

describe('HTML in pieces', () => {
  const htmlMessages = (text: string, sizes: HtmlPieceSizes) => markupMessages('page.html', text, (file) => parseHtml(file, sizes))

  /** A page with what the converter reads in different ways: paragraphs, runs of phrasing content between blocks, links around blocks, skipped and ignored elements. */
  const section = (index: number) => `<section>
Loose text “opened » in section ${index}, <em>the the</em> phrasing run<br>
<a href="#x">a link</a> that goes on.
<div>A block that ends the run. The IAM met.</div>
More loose text after the the block &amp; an entity.
<a href="#y"><div>A block inside a link, “quoted ».</div> and text</a>
<p>A paragraph with &ldquo;curly&raquo; marks and&nbsp;NATO.</p>
<!-- copydesk-disable-next-line repeated-words -->
<p>The the silenced paragraph.</p>
<ul><li>Item one “a »</li><li><p>Item two</p> tail text the the</li></ul>
<table><tr><td>cell “one »</td><th>Head the the</th></tr></table>
<pre>code “not » prose</pre><script>var x = "the the"</script>
<nav>Menu the the</nav>
<div class="sharedaddy">Share this: Twitter Facebook</div>
</section>`

  it('gives the same messages, directives and prose in small parts as whole', async () => {
    const drafts = readdirSync(folder)
      .filter((name) => name.endsWith('.html'))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    const page = `<!doctype html><html><head><title>The the title</title></head><body>
<nav>Site menu the the</nav>
<article>
${Array.from({length: 30}, (_, index) => section(index)).join('\n')}
</article>
${drafts.join('\n')}
</body></html>
`
    const whole = await htmlMessages(page, {size: Number.POSITIVE_INFINITY})
    // Every unit a part of its own.
    const cut = await htmlMessages(page, {size: 1})
    const count = (messages: typeof whole.messages) => {
      const counts = new Map<string, number>()
      for (const {ruleId} of messages) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1)
      return [...counts].sort()
    }
    expect(count(cut.messages)).toEqual(count(whole.messages))
    expect(whole.pieces).toBe(1)
    expect(cut.pieces).toBeGreaterThan(30 * 8)
    expect(whole.messages.length).toBeGreaterThan(30 * 8)
    expect(whole.directives.length).toBe(30)
    expect(cut.messages).toEqual(whole.messages)
    expect(cut.directives).toEqual(whole.directives)
    expect(cut.prose).toBe(whole.prose)
  })

  /** Pages the parser repairs or implies, and inline content alone in a block: read as a paragraph whole, it must stay one in parts. */
  const hardPages: Record<string, string> = {
    'a span alone in a block': '<div><span>Hello world, the the.</span></div>',
    'bold text alone in a block': '<div><b>x the the</b></div>',
    'a citation after a quotation': '<blockquote>A quote “opened ». <cite>cite the the</cite></blockquote>',
    'a block inside a label': '<div><label>Lab the the<div>in the the</div></label></div>',
    'a line break alone in a block': '<div><br></div><div>After the the.</div>',
    'an italic left open': '<p>First <i>unclosed italic.</p><p>Second the the paragraph.</p><div>Block “quote ».</div>',
    'bold reopened after a block': '<html><body><b>one<div>two the\nthe more</b>\nthree</div>tail</body></html>',
    'text straight in an implied body': 'Text directly in body, the the.<div>Block “quote ».</div>More text.',
    'line breaks the parser makes up from </br>': '<p>The the end.</br></br> More “text ».</p><div>x</br>the the</div>One.<br></br><p',
  }

  it('places problems around a line break the parser made up from </br>, which has no place in the source', async () => {
    const {messages} = await lintText('<div>x</br>the the</div><p>Then “more ».</br></p>', {filePath: 'page.html'})
    expect(messages.map(({ruleId, line, column, endColumn}) => ({ruleId, line, column, endColumn}))).toEqual([
      {ruleId: 'repeated-words', line: 1, column: 12, endColumn: 19},
      {ruleId: 'quote-pairs', line: 1, column: 39, endColumn: 40},
    ])
  })

  it.each(Object.entries(hardPages))('gives the messages, directives and prose of a whole conversion with %s, in parts as small as they go', async (_name, page) => {
    const whole = await htmlMessages(page, {size: Number.POSITIVE_INFINITY})
    expect(whole.prose).not.toBe('')
    expectSameReading(await htmlMessages(page, {size: 1}), whole)
  })

  it('reads the prose off the tree as hast-util-to-nlcst converts it, the whole page and part by part', () => {
    const edges = [
      '<p>a<wbr>b<br>c <code>x()</code> <del>gone</del> <span data-nlcst="ignore">hidden</span> <span data-nlcst="source">src <b>bold</b></span>.</p>',
      '<div>  <img src="x.png">  </div><div>text <a>link<div>in a link</div></a> tail <ins>added</ins></div><div><del>struck</del> out</div>',
      '<ul><li>one<li>two <p>para</p> after</ul><table><caption>Cap</caption><tr><td>cell<th>head</table><math><mi>x</mi></math>',
      '<dl><dt>term<dd>definition</dl><figure><img src="y.png"><figcaption>The caption.</figcaption></figure><script>x = "no"</script><style>p {}</style>',
      '<section>  \n  <!-- a comment -->  <h2>Title</h2>   <svg><text>no</text></svg> loose text <br> more</section><template>t</template>',
      '<nav data-nlcst="ignore"><p>hidden menu</p></nav><p><span data-nlcst="source">a<br>b<del>c</del><!-- d --></span> after</p>',
      '<div><picture><p>text in a picture</p></picture> and <span>  </span><img src="z.png"></div><div>   <video></video>   </div>',
      '<div> <picture><p>only in a picture</p></picture> <img src="w.png"> </div>',
      '<header><p>Site</p></header><aside>Aside text</aside><footer>Foot</footer><main><article><p>Body “quoted ».</p><pre>code block</pre></article></main>',
    ]
    const fixturePages = readdirSync(folder)
      .filter((name) => name.endsWith('.html'))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    const pages = [...edges, ...Object.values(hardPages), ...fixturePages]
    expect(fixturePages.length).toBeGreaterThan(0)
    for (const page of pages) {
      const hast = unified().use(rehypeParse).parse(page)
      const converted = (part: HastPart) => nlcstToString(hastToNlcst(part, new VFile(page), ParseEnglish))
      expect(hastProse(hast)).toBe(converted(hast))
      for (const part of hastParts(hast, 1)) expect(hastProse(part)).toBe(converted(part))
      // As parseHtml marks the page (navigation, code, widgets left out): the prose the rules get is what the pieces hold.
      for (const size of [1, Number.POSITIVE_INFINITY]) {
        const parsed = parseHtml(new VFile({value: page, path: 'page.html'}), {size})
        expect([...parsed.pieces].map((piece) => nlcstToString(piece)).join('')).toBe(parsed.prose)
      }
    }
  })

  it('keeps a run of 140,000 inline nodes (lines parted by <br>) whole without overflowing the stack', () => {
    const hast = unified().use(rehypeParse, {fragment: true}).parse(`<div>${'Word.<br>'.repeat(70_000)}</div><p>After.</p>`)
    const parts = [...hastParts(hast, 8 * 1024)]
    expect(parts.map((part) => part.children.length)).toEqual([140_000, 1])
  })

  it('keeps a run of phrasing content and a paragraph element whole, and splits blocks', () => {
    const hast = unified().use(rehypeParse, {fragment: true}).parse('<div>one <b>two</b> <a>three<div>four</div></a> five</div><p>six <i>seven</i></p>')
    /** Each part as its children: elements by their tag, text by its value. */
    const parts = [...hastParts(hast, 1)].map((part) => part.children.map((child) => (child.type === 'element' ? `<${child.tagName}>` : 'value' in child ? child.value : '')).join(''))
    // The link around the block is read through: its text joins the run before the block, which is a part of its own.
    expect(parts).toEqual(['one <b> three', 'four', ' five', '<p>'])
  })
})

describe('shiftPositionsInPlace', () => {
  type Place = {start: {line: number; column: number; offset?: number}; end: {line: number; column: number; offset?: number}}
  /** Every node's position as plain values, in document order. */
  const positionsOf = (tree: Node) => {
    const found: Array<Place | undefined> = []
    visit(tree, (node) => {
      found.push(node.position ? (JSON.parse(JSON.stringify(node.position)) as Place) : undefined)
    })
    return found
  }
  const movedBy = (places: Array<Place | undefined>, lines: number, offset: number) =>
    places.map((place) => {
      const point = (at: Place['start']) => ({line: at.line + lines, column: at.column, offset: at.offset === undefined ? undefined : at.offset + offset})
      // A point may be missing: parse5 gives no place to the `<br>` it makes of `</br>`.
      return place && {start: place.start && point(place.start), end: place.end && point(place.end)}
    })

  it('moves every point once, also points a node shares with the nodes built over it', () => {
    const start = {line: 1, column: 1, offset: 0}
    const end = {line: 2, column: 5, offset: 8}
    const wordEnd = {line: 1, column: 4, offset: 3}
    const word = {type: 'WordNode', position: {start, end: wordEnd}, children: [{type: 'TextNode', value: 'One', position: {start, end: wordEnd}}]}
    const tail = {type: 'WordNode', position: {start: {line: 2, column: 1, offset: 4}, end}, children: [{type: 'TextNode', value: 'Two.', position: {start: {line: 2, column: 1, offset: 4}, end}}]}
    // A paragraph, and its one sentence, start where the first word starts and end where the last ends.
    const sentence = {type: 'SentenceNode', position: {start, end}, children: [word, {type: 'WhiteSpaceNode', value: '\n', position: {start: {line: 1, column: 4, offset: 3}, end: {line: 2, column: 1, offset: 4}}}, tail]}
    const tree = {type: 'RootNode', position: {start, end}, children: [{type: 'ParagraphNode', position: {start, end}, children: [sentence]}]}
    const before = positionsOf(tree)
    shiftPositionsInPlace(tree, 10, 500)
    expect(positionsOf(tree)).toEqual(movedBy(before, 10, 500))
    expect(tree.position).toEqual({start: {line: 11, column: 1, offset: 500}, end: {line: 12, column: 5, offset: 508}})
  })

  it('moves every node of the trees parse-english and the converters make by exactly the shift', () => {
    const fixtures = readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name), 'utf8')] as const)
    const trees: Array<[string, Node]> = []
    for (const [name, text] of fixtures) {
      if (name.endsWith('.txt')) trees.push([name, parsePiece(text, 0, 0)])
      if (name.endsWith('.html') || name.endsWith('.md')) {
        const html = name.endsWith('.html')
        const tree = html ? unified().use(rehypeParse).parse(text) : unified().use(remarkParse).use(remarkGfm).parse(text)
        trees.push([name, html ? hastToNlcst(tree as HastRoot, new VFile(text), ParseEnglish) : mdastToNlcst(tree as MdastRoot, new VFile(text), ParseEnglish)])
      }
    }
    // After a `</br>`, which has no position, parse-english leaves a sentence the end point of a leaf of the next sentence.
    const oddPages = ['<p>a<wbr>b<br>c <code>x()</code> <del>gone</del>.</p>', 'One.<br></br><p>Two “three »', '<p>foo</br>\n\nbar..\0.</p>', '<p>Intro.</p>\n&\n<p>S</br>\n\n>', '<ul><li>one<li>two <p>para</p> after</ul>', '<div>text <a>link<div>in a link</div></a> tail</div>']
    for (const page of oddPages) trees.push([page, hastToNlcst(unified().use(rehypeParse).parse(page), new VFile(page), ParseEnglish)])
    expect(trees.length).toBeGreaterThan(20)
    for (const [name, tree] of trees) {
      const before = positionsOf(tree)
      shiftPositionsInPlace(tree, 7, 1000)
      expect(positionsOf(tree), name).toEqual(movedBy(before, 7, 1000))
    }
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
