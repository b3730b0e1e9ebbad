import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {z as zod} from 'zod'
import {z} from '../src/zod.js'
import * as api from '../src/index.js'
import {formatResults, lintFiles, lintText} from '../src/index.js'
import {repoRoot} from './helpers.js'

describe('public API', () => {
  it('is all that built-in rules use: what they import from copydesk is public, and their zod is zod', async () => {
    const index = readFileSync(path.join(repoRoot, 'src', 'index.ts'), 'utf8')
    const rules = readdirSync(path.join(repoRoot, 'rules')).filter((name) => name.endsWith('.ts'))
    const imports = rules.flatMap((name) =>
      [...readFileSync(path.join(repoRoot, 'rules', name), 'utf8').matchAll(/^import (type )?\{([^}]*)\} from '\.\.\/src\/([^']+)'/gmu)].flatMap(
        ([, typeOnly, names = '', from = '']) =>
          names.split(',').map((entry) => ({name: entry.replace(/^\s*type\s+/u, '').trim(), isType: typeOnly !== undefined || /^\s*type\s/u.test(entry), from}))
      )
    )
    expect(imports.length).toBeGreaterThan(10)
    for (const {name, isType, from} of imports) {
      if (from === 'zod.js') continue
      // A type leaves nothing at run time to compare: the index must name it.
      if (isType) expect(index, name).toMatch(new RegExp(`\\b${name}\\b`, 'u'))
      else expect((api as Record<string, unknown>)[name], `${name} from ${from}`).toBe(((await import(`../src/${from}`)) as Record<string, unknown>)[name])
    }
    for (const [name, value] of Object.entries(z)) expect(value, name).toBe((zod as unknown as Record<string, unknown>)[name])
  })

  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'ConfigError',
      'checkRule',
      'defineConfig',
      'defineRule',
      'findingsOf',
      'forEachOfType',
      'formatResults',
      'lintFiles',
      'lintText',
      'loadConfig',
      'locateText',
      'z',
    ])
  })

  it('lints a text and formats the result in the editor format', async () => {
    const result = await lintText('It was the the end.', {filePath: 'drafts/a.txt'})
    expect(result.path).toBe('drafts/a.txt')
    expect(formatResults([result])).toBe(
      'drafts/a.txt:1:8: error: Unexpected repeated `the`, remove one occurrence [repeated-words]\n1 problem (1 error, 0 warnings, 0 info) in 1 file\n'
    )
  })

  it('lints files relative to a given folder', async () => {
    const {results, notices} = await lintFiles(['fixtures/articles/repeated-words.txt'], {cwd: repoRoot})
    expect(notices).toEqual([])
    expect(results.map((result) => [result.path, result.errorCount])).toEqual([['fixtures/articles/repeated-words.txt', 3]])
  })

  it('reads the configuration files afresh on each lintFiles call, as an editor linting on every save needs', async () => {
    const {tempFolder} = await import('./helpers.js')
    const {writeFileSync} = await import('node:fs')
    const folder = tempFolder({'draft.txt': 'The IAM met.\n'})
    const before = await lintFiles(['draft.txt'], {cwd: folder})
    expect(before.results[0]?.messages.map((message) => message.ruleId)).toEqual(['acronym-definition'])
    writeFileSync(path.join(folder, '.lintrc.json'), '{"rules": {"acronym-definition": "off"}}')
    const after = await lintFiles(['draft.txt'], {cwd: folder})
    expect(after.results[0]?.messages).toEqual([])
  })

  it('takes a ConfigError made by another copy of copydesk (a plugin importing the package) as a ConfigError', () => {
    const fromElsewhere = Object.assign(new Error('.lintrc: rules: bad'), {[Symbol.for('copydesk.ConfigError')]: true})
    expect(fromElsewhere).toBeInstanceOf(api.ConfigError)
    expect(new Error('.lintrc: rules: bad')).not.toBeInstanceOf(api.ConfigError)
    expect(new api.ConfigError('/x/.lintrc', 'rules', 'bad')).toBeInstanceOf(api.ConfigError)
  })

  it('gives a configuration error as a ConfigError naming the key', async () => {
    const {tempFolder} = await import('./helpers.js')
    const folder = tempFolder({'.lintrc': '{"rules": {"boilerplate": ["error", {"patterns": "Share"}]}}'})
    const failure = await api.loadConfig(folder).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(api.ConfigError)
    expect((failure as api.ConfigError).key).toBe('rules.boilerplate[1].patterns')
  })

  it('stamps a custom rule with its own documentation address, and built-in rules with their README section', async () => {
    const rule = api.defineRule({
      id: 'house',
      url: 'https://example.org/style#house',
      summary: 's',
      why: 'w',
      severity: 'warning',
      fixable: false,
      messages: {m: () => 'Unexpected'},
      examples: {valid: [], invalid: []},
      create: () => () => undefined,
    })
    expect(rule.url).toBe('https://example.org/style#house')
    const {loadBuiltinRules} = await import('../src/builtin-rules.js')
    expect((await loadBuiltinRules()).map((builtin) => builtin.url)).toContain('README.md#quote-pairs')
  })

  it('returns its argument from defineConfig, typed', () => {
    const config = {rules: {'quote-pairs': 'error' as const}}
    expect(api.defineConfig(config)).toBe(config)
  })
})
