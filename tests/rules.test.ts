import {readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {BUILTIN_RULE_IDS, loadBuiltinRules} from '../src/builtin-rules.js'
import {checkRule} from '../src/testing.js'

const rules = await loadBuiltinRules()
const rulesFolder = fileURLToPath(new URL('../rules/', import.meta.url))

describe('built-in rule table', () => {
  it('names exactly the rule files in rules/, sorted', () => {
    const files = readdirSync(rulesFolder).map((name) => name.replace(/\.ts$/u, '')).sort()
    expect(BUILTIN_RULE_IDS).toEqual(files)
  })
})

for (const rule of rules) {
  describe(`rule ${rule.id}`, async () => {
    const checks = await checkRule(rule)

    for (const check of checks) {
      it(check.name, () => {
        expect(check.actual).toEqual(check.expected)
      })
    }

    it('has an id in kebab-case that names its file', () => {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/u)
      expect(readdirSync(rulesFolder)).toContain(`${rule.id}.ts`)
    })

    it('has at least one valid and one invalid example', () => {
      expect(rule.examples.valid.length).toBeGreaterThan(0)
      expect(rule.examples.invalid.length).toBeGreaterThan(0)
    })

    it('is fixable exactly when an example shows a fix', () => {
      expect(rule.examples.invalid.some((example) => example.fixed !== undefined)).toBe(rule.fixable)
    })

    it('shows every one of its messages in an invalid example', () => {
      const shown = new Set(checks.flatMap((check) => check.messageIds))
      expect([...rule.messageIds].sort()).toEqual([...shown].sort())
    })

    it('writes each message on one line, starting with "Unexpected", without a trailing period', () => {
      for (const line of rule.examples.invalid.flatMap((example) => example.messages)) {
        const message = line.replace(/^\d+:\d+-\d+:\d+: (?:info: |warning: |error: )?/u, '')
        expect(message).toMatch(/^Unexpected /u)
        expect(message).not.toMatch(/\n/u)
        expect(message).not.toMatch(/\.$/u)
      }
    })

    it('stamps ruleId, source and url on every message', async () => {
      const {lintText} = await import('../src/lint.js')
      const example = rule.examples.invalid[0]
      if (!example) throw new Error('no invalid example')
      const config = {filepath: undefined, directory: process.cwd(), rules: new Map([[rule.id, {rule, severity: rule.severity, options: rule.options.parse(example.options ?? {})}]]), checks: new Map(), ignore: [], extensions: undefined, overrides: []}
      const result = await lintText(example.text, {config})
      expect(result.messages.length).toBeGreaterThan(0)
      for (const message of result.messages) {
        expect(message.ruleId === rule.id || message.ruleId.startsWith(`${rule.id}/`)).toBe(true)
        expect(message.url).toBe(rule.url)
      }
    })
  })
}

describe('quote-pairs on a paragraph of 130,000 open quotations', () => {
  it('reports them instead of crashing (they were spread into a call, which overflowed the stack)', async () => {
    const {lintText} = await import('../src/lint.js')
    const rule = (await loadBuiltinRules()).find((builtin) => builtin.id === 'quote-pairs')
    if (!rule) throw new Error('no quote-pairs')
    const config = {filepath: undefined, directory: process.cwd(), rules: new Map([[rule.id, {rule, severity: rule.severity, options: rule.options.parse({})}]]), checks: new Map(), ignore: [], extensions: undefined, overrides: []}
    const result = await lintText(`“${'a ‘'.repeat(130_000)}end” done.\n`, {config})
    expect(result.messages.filter((message) => message.message.startsWith('Unexpected crash'))).toEqual([])
    expect(result.messages).toHaveLength(130_000)
    expect(result.messages[0]).toMatchObject({ruleId: 'quote-pairs', line: 1, column: 4})
  })
})
