import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {toNlcst as hastToNlcst} from 'hast-util-to-nlcst'
import {toNlcst as mdastToNlcst} from 'mdast-util-to-nlcst'
import {ParseEnglish} from 'parse-english'
import rehypeParse from 'rehype-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Node, Parent} from 'unist'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {describe, expect, it} from 'vitest'
import {lintText} from '../src/lint.js'
import {cutLongTexts} from '../src/pipeline/long-texts.js'
import {repoRoot} from './helpers.js'

const folder = path.join(repoRoot, 'fixtures', 'articles')
const fixtures = (extension: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .map((name): [string, string] => [name, readFileSync(path.join(folder, name), 'utf8')])

/** Texts the converters read differently from their source: references, escapes, line prefixes, CRLF, breaks, nested phrasing. */
const oddMarkdown: Array<[string, string]> = [
  ['references and escapes', 'He said &ldquo;no&rdquo; and \\*left\\* at 5&nbsp;pm &amp; then\nwent home &#8220;early&#x201D; to Tehran.\n'],
  ['quote and list prefixes', '> A quote “with” marks\n> on two lines, and\n> a third one here.\n\n- an item that goes\n  on and on, the the end\n  of it all.\n'],
  ['CRLF and hard breaks', 'One line here,\r\nanother line there.  \r\nA hard break above; and\\\nanother one.\r\n'],
  ['nested phrasing', 'Some *emphasis that runs\nover lines* and **strong `code` words** with [a link\nthat wraps](http://example.com) and ![an image alt\ntext](x.png) done.\n'],
  ['tabs and odd spaces', 'Tabs\there\tand\u00a0there, a\u2003wide space, and\u2009thin ones.\nNext\tline.\n'],
  ['scripts without ASCII', '我们，今天，去了商店。然后回家了。\nما امروز به فروشگاه رفتیم\nun café crème, déjà vu\u3000encore\n'],
  ['ASCII marks without spaces', '1,2,3;4.5--6...7 a+b=c $100% #tag @name x__y (a)[b]{c} <q> ~~ `` "quoted",\'single\'\n'],
  ['surrogate pairs', 'Emoji 😀😀 here 👍🏽, and 𝒜𝒷𝒸 letters, then 😀,😀.\n'],
]

const oddHtml: Array<[string, string]> = [
  ['references', '<p>He said &ldquo;no&rdquo; and left at 5&nbsp;pm &amp; then went home &#8220;early&#x201D; to Tehran.</p>'],
  ['breaks and inline elements', '<div>One line<br>another <b>bold\nword</b> and <a href="#">a link\nthat wraps</a>.<br/>Last <code>code here</code> line.</div><p>Then a paragraph\r\nwith CRLF.</p>'],
  ['entities without semicolons', '<p>Fish &amp chips &lt; five pounds&copy that is\nall, &notit; said the man.</p>'],
  ['scripts without ASCII', '<p>我们，今天，去了商店。然后回家了。<br>ما امروز به فروشگاه رفتیم<br>un café crème, déjà vu\u3000encore</p>'],
  ['ASCII marks without spaces', '<p>1,2,3;4.5--6...7 a+b=c $100% #tag @name x__y (a)[b]{c} &lt;q&gt; ~~ "quoted",\'single\' 😀,😀.</p>'],
]

const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)
const htmlParser = unified().use(rehypeParse)

function textNodes(tree: Node): number {
  if (tree.type === 'text') return 1
  return 'children' in tree ? (tree as Parent).children.reduce((total, child) => total + textNodes(child), 0) : 0
}

/** The tree converted whole, and converted with its texts cut into runs of `longest`; how many text nodes each had. */
function convertedBothWays(tree: Node, text: string, convert: (tree: Node, file: VFile) => Node, longest: number) {
  const place = location(text)
  const whole = convert(structuredClone(tree), new VFile(text))
  const copy = structuredClone(tree)
  cutLongTexts(copy, (offset) => place.toPoint(offset), longest)
  return {whole, cut: convert(copy, new VFile(text)), textsBefore: textNodes(tree), textsAfter: textNodes(copy)}
}

const markdownToNlcst = (tree: Node, file: VFile) => mdastToNlcst(tree as never, file, ParseEnglish)
const htmlToNlcst = (tree: Node, file: VFile) => hastToNlcst(tree as never, file, ParseEnglish)

describe('long texts cut into runs before conversion', () => {
  it.each([
    ...[...fixtures('.md'), ...oddMarkdown].map(([name, text]) => ['Markdown', name, text, markdownParser.parse(text), markdownToNlcst] as const),
    ...[...fixtures('.html'), ...oddHtml].map(([name, text]) => ['HTML', name, text, htmlParser.parse(text), htmlToNlcst] as const),
  ])('convert the same %s (%s) as whole texts', (_syntax, _name, text, tree, convert) => {
    // The whole tree: mdast-util-to-nlcst adds line breaks between blocks, which the runs must not change.
    for (const longest of [1, 7, 40]) {
      const {whole, cut, textsBefore, textsAfter} = convertedBothWays(tree, text, convert, longest)
      // Texts of a word or two are cut only at the shortest length.
      if (longest === 1) expect(textsAfter).toBeGreaterThan(textsBefore)
      expect(cut).toEqual(whole)
    }
  })

  it('leaves whole a text that starts before the document converted, as foster-parented HTML may', () => {
    // The part starts on the line of `Foster`; the cell's text, moved before it by the parser, starts a line earlier.
    const text = 'Foster text here.\nMore.'
    const hast = {
      type: 'root',
      position: {start: {line: 1, column: 1, offset: 0}, end: {line: 2, column: 6, offset: text.length}},
      children: [
        {type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: 'Iñ alpha beta gamma', position: {start: {line: 0, column: 5, offset: -20}, end: {line: 1, column: 1, offset: 0}}}]},
        {type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: text, position: {start: {line: 1, column: 1, offset: 0}, end: {line: 2, column: 6, offset: text.length}}}]},
      ],
    }
    const {whole, cut, textsBefore, textsAfter} = convertedBothWays(hast, text, htmlToNlcst, 4)
    // The second text is cut into eight runs (`Foster`, ` `, `text`, ` `, `here`, `.\n`, `More`, `.`), the first left whole.
    expect(textsAfter).toBe(textsBefore + 7)
    expect(cut).toEqual(whole)
  })

  it('cuts only where a token ends, and leaves a text with no such place whole', () => {
    const text = 'aaaa bbbb\ncccc'
    const tree = {type: 'root', children: [{type: 'text', value: text, position: {start: {line: 1, column: 1, offset: 0}, end: {line: 2, column: 5, offset: 14}}}]}
    const place = location(text)
    cutLongTexts(tree, (offset) => place.toPoint(offset), 4)
    expect(tree.children.map((node) => [node.value, node.position.start.offset, node.position.end.offset])).toEqual([
      ['aaaa', 0, 4],
      [' ', 4, 5],
      ['bbbb', 5, 9],
      ['\n', 9, 10],
      ['cccc', 10, 14],
    ])
    // Between ASCII marks and letters or digits, and between two different marks; never inside a run of one mark.
    const marks = {type: 'root', children: [{type: 'text', value: '12,,3.-x', position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 9, offset: 8}}}]}
    cutLongTexts(marks, (offset) => location('12,,3.-x').toPoint(offset), 1)
    expect(marks.children.map((node) => node.value)).toEqual(['12', ',,', '3', '.', '-', 'x'])
    const unbroken = {type: 'root', children: [{type: 'text', value: 'x'.repeat(50), position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 51, offset: 50}}}]}
    cutLongTexts(unbroken, () => ({line: 1, column: 1, offset: 0}), 10)
    expect(unbroken.children).toHaveLength(1)
  })
})

describe('a paragraph of 4,000 lines', () => {
  // One text node of 200,000 tokens: passed as the arguments of one call, they overflowed the stack.
  const lines = Array.from({length: 4_000}, () => 'a b c d e f g h i j k l m n o p q r s t u v w x y z.')
  lines[2_999] = 'a b c d e f g h i j k l m n o p q r s t u v w x y, said the the editor.'
  const paragraph = lines.join('\n')
  const column = 'a b c d e f g h i j k l m n o p q r s t u v w x y, said '.length + 1

  // No ASCII but the doubled word: the text is cut where white space starts or stops.
  const chinese = Array.from({length: 8_000}, () => '我们，今天，去了，商店，买了，很多，东西，然后，回家。')
  chinese[2_999] = '他说 the the 结束。'
  // No white space but before the doubled word: the text is cut between digits and commas.
  const numbers = `${Array.from({length: 70_000}, (_, index) => index).join(',')} and the the end.`

  it.each([
    ['draft.md', paragraph, 3_000, column],
    ['draft.html', `<html><body><p>\n${paragraph}\n</p></body></html>`, 3_001, column],
    ['chinese.md', chinese.join('\n'), 3_000, '他说 '.length + 1],
    ['numbers.html', `<p>${numbers}</p>`, 1, '<p>'.length + numbers.indexOf('the the') + 1],
  ])('lints as %s and finds the doubled word at its place', async (filePath, text, line, column) => {
    const result = await lintText(text, {filePath})
    expect(result.messages.map((message) => [message.ruleId, message.line, message.column, message.endLine, message.endColumn])).toEqual([
      ['repeated-words', line, column, line, column + 'the the'.length],
    ])
  })
})
