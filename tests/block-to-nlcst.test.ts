import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Nodes} from 'mdast'
import {toNlcst} from 'mdast-util-to-nlcst'
import {ParseEnglish} from 'parse-english'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {describe, expect, it} from 'vitest'
import {blockToNlcst} from '../src/pipeline/block-to-nlcst.js'
import {realignLeaves} from '../src/pipeline/realign-leaves.js'
import {repoRoot} from './helpers.js'

const folder = path.join(repoRoot, 'fixtures', 'articles')
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)

/** Markdown fixtures, and one made to put blocks inside quotes and lists, after a CRLF line and far down a file. */
const documents: Array<[string, string]> = [
  ...readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .map((name): [string, string] => [name, readFileSync(path.join(folder, name), 'utf8')]),
  ['nested', '# Title\r\n\r\n> A quote “with” marks\n> on two lines.\n\n- an item\n  - a nested item, the the end\n\n' + 'Filler. '.repeat(500) + '\n\n| a | b |\n|---|---|\n| cell one | cell two |\n'],
]

describe('Markdown blocks converted one by one', () => {
  it.each(documents)('give %s the same trees as a conversion against the whole file, realigned', (_name, text) => {
    const mdast = parser.parse(text)
    const blocks: Nodes[] = []
    visit(mdast, (node) => {
      if (node.type === 'paragraph' || node.type === 'heading') blocks.push(node)
    })
    expect(blocks.length).toBeGreaterThan(2)
    const place = location(text)
    for (const block of blocks) {
      const whole = toNlcst(block, new VFile(text), ParseEnglish)
      realignLeaves(whole, text, place)
      expect(blockToNlcst(block, text, place, {})).toEqual(whole)
    }
  })
})
