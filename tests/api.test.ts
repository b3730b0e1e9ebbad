import {describe, expect, it} from 'vitest'
import * as api from '../src/index.js'
import {formatResults, lintFiles, lintText} from '../src/index.js'
import {repoRoot} from './helpers.js'

describe('public API', () => {
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
