import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot, runCli} from './helpers.js'

const folder = path.join(repoRoot, 'fixtures', 'articles')
const drafts = readdirSync(folder).filter((name) => !name.endsWith('.expected')).sort()

describe('fixtures', () => {
  it('holds the reference article and at least ten more drafts, each with its expected output', () => {
    expect(drafts).toContain('assad-tehran.txt')
    expect(drafts.length).toBeGreaterThanOrEqual(11)
    for (const draft of drafts) expect(readdirSync(folder)).toContain(`${draft}.expected`)
  })

  for (const draft of drafts) {
    it(`${draft} gives exactly the diagnostics in its .expected file`, async () => {
      const expected = readFileSync(path.join(folder, `${draft}.expected`), 'utf8')
      const run = await runCli([`fixtures/articles/${draft}`])
      expect(run.stdout).toBe(expected)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(expected.includes(': error: ') ? 1 : 0)
    })
  }
})
