import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {seededRandom} from '../bench/seeded-random.mjs'
import {htmlTree} from '../src/pipeline/html-tree.js'
import {repoRoot} from './helpers.js'

const rehypeTree = (file: VFile) => unified().use(rehypeParse).parse(file)
const fileOf = (value: string) => new VFile({value, path: 'page.html'})

/** Pages parse5 repairs: text moved out of tables, formatting reopened, elements implied, text after the end. */
const oddPages = [
  '<table>loose text<tr><td>cell</td>more</tr></table>after',
  '<p><b>one<i>two</b>three</i>four</p>',
  '<b>one<div>two the\nthe more</b>\nthree</div>tail',
  '<p>First <i>unclosed italic.</p><p>Second paragraph.</p>',
  'Text straight in the body.<div>Block</div>More text.',
  '<p>The end.</br></br> More.</p><div>x</br>y</div><p',
  '<html><body><p>in</p></body></html>\ntext after the end<!-- and a comment -->',
  '<template><p>in a template</p></template><svg><text>svg text</text></svg><math><mi>x</mi></math>',
  '<title>A title</title><textarea>raw <b>text</b></textarea><script>if (a < b) x()</script><style>p {}</style>',
  '<p>Line one\r\nline two\rline three &amp; &eacute; &#x201C;quoted&#8221; &notanentity; &amp</p>',
  '<ul><li>one<li>two <p>para</p> after</ul><select><option>o</select><frameset></frameset>',
  '<p>nul \u0000 char</p><pre>\npre text</pre><a href="x">link <a href="y">nested</a></a>',
  '',
  '   ',
  '<!doctype html><p>' + 'word '.repeat(5000) + '</p>',
]

describe('htmlTree', () => {
  it('gives the tree rehype-parse gives, on the fixtures and pages the parser repairs', () => {
    const folder = path.join(repoRoot, 'fixtures', 'articles')
    const fixturePages = readdirSync(folder).filter((name) => name.endsWith('.html')).map((name) => readFileSync(path.join(folder, name), 'utf8'))
    expect(fixturePages.length).toBeGreaterThan(0)
    for (const page of [...fixturePages, ...oddPages]) expect(htmlTree(fileOf(page))).toEqual(rehypeTree(fileOf(page)))
  })

  it('gives the tree rehype-parse gives on random tag soup', () => {
    const random = seededRandom(7)
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T
    const pieces = ['<p>', '</p>', '<b>', '</b>', '<i>', '</i>', '<a href="x">', '</a>', '<div>', '</div>', '<table>', '<tr>', '<td>', '</table>', '<li>', '<ul>', '</ul>',
      '<br>', '</br>', '<pre>', '</pre>', '<!-- c -->', '<script>', '</script>', '<template>', '</template>', '<svg>', '</svg>', '&amp;', '&nbsp;', ' ', '\n', '\r\n', 'word', 'Two words.', '“', '»']
    for (let page = 0; page < 300; page++) {
      const text = Array.from({length: 5 + Math.floor(random() * 60)}, () => pick(pieces)).join('')
      expect(htmlTree(fileOf(text)), text).toEqual(rehypeTree(fileOf(text)))
    }
  })

  it('holds a page in less memory than rehype-parse', () => {
    // Measured after a full collection, in a process of its own: the heap a page's tree keeps alive, ours against rehype-parse's.
    const href = (...parts: string[]) => JSON.stringify(pathToFileURL(path.join(repoRoot, ...parts)).href)
    const script = `
      import {htmlTree} from ${href('dist', 'src', 'pipeline', 'html-tree.js')}
      import {asHtmlPage, bigText, paragraphPool} from ${href('bench', 'corpus.mjs')}
      import rehypeParse from 'rehype-parse'
      import {unified} from 'unified'
      import {VFile} from 'vfile'
      const page = asHtmlPage(bigText(paragraphPool(${JSON.stringify(path.join(repoRoot, 'fixtures'))}), 1_000_000, 3))
      const heldBy = (parse) => {
        globalThis.gc()
        const before = process.memoryUsage().heapUsed
        const tree = parse(new VFile({value: page, path: 'page.html'}))
        globalThis.gc()
        const held = process.memoryUsage().heapUsed - before
        return tree.children.length > 0 ? held : 0
      }
      console.log(JSON.stringify({ours: heldBy(htmlTree), rehype: heldBy((file) => unified().use(rehypeParse).parse(file))}))
    `
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {cwd: repoRoot, encoding: 'utf8'})
    expect(run.status, run.stderr).toBe(0)
    const {ours, rehype} = JSON.parse(run.stdout) as {ours: number; rehype: number}
    expect(rehype).toBeGreaterThan(0)
    // Measured on this 1 MB page: about 0.5; the ropes of the text are the difference.
    expect(ours).toBeLessThan(0.75 * rehype)
  })
})
