import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {ParseEnglish} from 'parse-english'
import {describe, expect, it} from 'vitest'
import {lintText} from '../src/lint.js'
import {EnglishParser} from '../src/pipeline/english-parser.js'
import {repoRoot} from './helpers.js'

/** Each paragraph as `line:column-line:column text`, and what lies between them. */
function layout(tree: Root): string[] {
  return tree.children.map((child) => {
    const {start, end} = child.position ?? {}
    const place = `${start?.line}:${start?.column}-${end?.line}:${end?.column}`
    return child.type === 'ParagraphNode' ? `${place} ${JSON.stringify(toString(child))}` : `${child.type} ${JSON.stringify(toString(child))}`
  })
}

describe('the English parser', () => {
  it('ends a paragraph at line breaks with a no-break space after them, as with a plain space', () => {
    const tree = new EnglishParser().parse('Share this:\n\n\u00a0The talks went on.\n')
    expect(layout(tree)).toEqual(['1:1-1:12 "Share this:"', 'WhiteSpaceNode "\\n\\n\u00a0"', '3:2-3:20 "The talks went on."', 'WhiteSpaceNode "\\n"'])
  })

  it('does so for a no-break space ending a line, em and ideographic spaces, a narrow no-break space, and a single line break between sentences', () => {
    for (const between of ['\u00a0\n\n', '\n\u00a0\n', '\n\n\u2003\u2003', '\u3000\n\n', '\n\n\u202f', '\u00a0\n']) {
      const text = `The talks ended.${between}They went on.`
      const tree = new EnglishParser().parse(text)
      expect(tree.children.filter((child) => child.type === 'ParagraphNode').map(toString), JSON.stringify(between)).toEqual(['The talks ended.', 'They went on.'])
      // The same text with plain spaces is cut the same way by parse-english itself.
      const plain = new ParseEnglish().parse(text.replace(/[\u00a0\u2003\u3000\u202f]/gu, ' '))
      expect(plain.children.filter((child) => child.type === 'ParagraphNode').length).toBe(2)
    }
  })

  it('keeps one paragraph where parse-english does: a vertical tab or form feed among the line breaks, a line break inside a sentence', () => {
    for (const text of ['The talks ended.\n\n\vThey went on.', 'The talks ended.\f\n\nThey went on.', 'He said\u00a0\nthat the talks went on.']) {
      expect(new EnglishParser().parse(text)).toEqual(new ParseEnglish().parse(text))
      expect(new EnglishParser().parse(text).children.filter((child) => child.type === 'ParagraphNode').length, JSON.stringify(text)).toBe(1)
    }
  })

  it('gives parse-english’s own tree for every fixture article', () => {
    const folder = path.join(repoRoot, 'fixtures', 'articles')
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
      const text = readFileSync(path.join(folder, name), 'utf8')
      expect(new EnglishParser().parse(text), name).toEqual(new ParseEnglish().parse(text))
    }
  })

  it('lets the rules see the paragraphs: web-page residue before a paragraph indented with a no-break space is reported', async () => {
    const result = await lintText('The talks ended.\n\nShare this:\n\n\u00a0The talks went on.\n', {filePath: 'draft.txt'})
    expect(result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['3:1 boilerplate'])
  })
})
