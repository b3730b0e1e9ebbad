import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {renderRulesSection, replaceRulesSection} from '../src/readme.js'
import {repoRoot} from './helpers.js'

describe('README', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')

  it('starts with the command that runs copydesk on the reference article, then the test command', () => {
    const commands = [...readme.matchAll(/```sh\n(.+)\n```/gu)].map((match) => match[1])
    expect(commands.slice(0, 2)).toEqual(['npm install && npx copydesk fixtures/articles/assad-tehran.txt', 'npm install && npm test'])
  })

  it('has a rules section identical to what `npm run docs` renders from the rules', async () => {
    expect(replaceRulesSection(readme, await renderRulesSection())).toBe(readme)
  })

  it('shows, for every rule, each invalid example with its exact messages', async () => {
    const {loadBuiltinRules} = await import('../src/builtin-rules.js')
    for (const rule of await loadBuiltinRules()) {
      expect(readme).toContain(`### ${rule.id}`)
      for (const message of rule.examples.invalid.flatMap((example) => example.messages)) expect(readme).toContain(`→ ${message}`)
    }
  })
})
