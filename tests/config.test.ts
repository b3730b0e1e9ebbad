import {mkdirSync, symlinkSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfigFile} from '../src/config/resolve.js'
import {repoRoot, runCli, spawnCli, tempFolder} from './helpers.js'

const IAM = 'The IAM met.\n'
const iamWarning = 'draft.txt:1:5: warning: Unexpected undefined acronym `IAM`, spell it out at its first use [acronym-definition]'

async function lintIn(folder: string, args: string[] = ['draft.txt']) {
  return runCli(args, {cwd: folder})
}

describe('configuration discovery', () => {
  it('uses the built-in recommended rules when no configuration exists', async () => {
    const run = await lintIn(tempFolder({'draft.txt': IAM}))
    expect(run.stdout.split('\n')[0]).toBe(iamWarning)
  })

  it('finds a .lintrc in JSON in a folder above the file', async () => {
    const folder = tempFolder({'.lintrc': '{"rules": {"acronym-definition": ["error", {"allow": ["AEOI"]}]}}', 'desk/draft.txt': IAM})
    const run = await runCli(['desk/draft.txt'], {cwd: folder})
    expect(run.stdout.split('\n')[0]).toBe(`${path.join('desk', 'draft.txt')}:1:5: error: Unexpected undefined acronym \`IAM\`, spell it out at its first use [acronym-definition]`)
    expect(run.code).toBe(1)
  })

  it('reads a .lintrc written in YAML', async () => {
    const folder = tempFolder({'.lintrc': 'rules:\n  acronym-definition:\n    - warning\n    - allow: [IAM]\n', 'draft.txt': IAM})
    expect(await lintIn(folder)).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('reads the "copydesk" key of package.json', async () => {
    const folder = tempFolder({'package.json': JSON.stringify({name: 'desk', copydesk: {rules: {'acronym-definition': 'off'}}}), 'draft.txt': IAM})
    expect(await lintIn(folder)).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('reads .lintrc.yml, .lintrc.json, .lintrc.mjs and copydesk.config.js', async () => {
    const off = {rules: {'acronym-definition': 'off'}}
    for (const [name, content] of [
      ['.lintrc.yml', 'rules:\n  acronym-definition: "off"\n'],
      ['.lintrc.json', JSON.stringify(off)],
      ['.lintrc.mjs', `export default ${JSON.stringify(off)}\n`],
      ['copydesk.config.js', `export default ${JSON.stringify(off)}\n`],
    ] as const) {
      const folder = tempFolder({[name]: content, 'draft.txt': IAM, 'package.json': '{"type": "module"}'})
      expect(await lintIn(folder), name).toEqual({code: 0, stdout: '', stderr: ''})
    }
  })

  it('lints each file with the nearest configuration above it', async () => {
    const folder = tempFolder({
      '.lintrc': '{"rules": {"acronym-definition": "error"}}',
      'news/draft.txt': IAM,
      'opinion/.lintrc': '{"rules": {"acronym-definition": "off"}}',
      'opinion/draft.txt': IAM,
    })
    const run = await runCli(['.'], {cwd: folder})
    expect(run.stdout).toBe(
      `${path.join('news', 'draft.txt')}:1:5: error: Unexpected undefined acronym \`IAM\`, spell it out at its first use [acronym-definition]\n1 problem (1 error, 0 warnings, 0 info) in 2 files\n`
    )
  })

  it('uses the file given with --config instead of searching', async () => {
    const folder = tempFolder({'.lintrc': '{"rules": {"acronym-definition": "error"}}', 'quiet.json': '{"rules": {"acronym-definition": "off"}}', 'draft.txt': IAM})
    expect(await lintIn(folder, ['--config', 'quiet.json', 'draft.txt'])).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('keeps the options of a preset or base when an entry gives a severity alone', async () => {
    const folder = tempFolder({
      'base.json': '{"rules": {"acronym-definition": ["warning", {"allow": ["IAM"]}]}}',
      '.lintrc': '{"extends": ["./base.json"], "rules": {"acronym-definition": "error"}}',
      'draft.txt': 'The IAM and the KRG met.\n',
    })
    const run = await lintIn(folder)
    expect(run.stdout.split('\n')[0]).toBe('draft.txt:1:17: error: Unexpected undefined acronym `KRG`, spell it out at its first use [acronym-definition]')
  })

  it('applies overrides to the files their globs match', async () => {
    const folder = tempFolder({
      '.lintrc': '{"overrides": [{"files": ["opinion/**"], "rules": {"acronym-definition": "off"}}]}',
      'opinion/draft.txt': IAM,
      'news/draft.txt': IAM,
    })
    const run = await runCli(['.', '--format', 'json'], {cwd: folder})
    const counts = (JSON.parse(run.stdout) as Array<{path: string; warningCount: number}>).map((result) => [result.path, result.warningCount])
    expect(counts).toEqual([
      [path.join('news', 'draft.txt'), 1],
      [path.join('opinion', 'draft.txt'), 0],
    ])
  })

  it('makes every rule an error with copydesk:strict, and runs only what is listed with "extends": []', async () => {
    const strict = tempFolder({'.lintrc': '{"extends": "copydesk:strict"}', 'draft.txt': IAM})
    expect((await lintIn(strict)).stdout.split('\n')[0]).toBe(iamWarning.replace('warning:', 'error:'))
    const bare = tempFolder({'.lintrc': '{"extends": [], "rules": {"repeated-words": "error"}}', 'draft.txt': `${IAM}the the\n`})
    expect((await lintIn(bare)).stdout).toBe(
      'draft.txt:2:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]\n1 problem (1 error, 0 warnings, 0 info) in 1 file\n'
    )
  })
})

describe('ignore', () => {
  it('skips ignored files when walking a folder, and lints an ignored file named explicitly with a warning', async () => {
    const folder = tempFolder({'.lintrc': '{"ignore": ["archive/**"]}', 'archive/old.txt': 'the the\n', 'new.txt': 'Fine.\n'})
    expect(await runCli(['.'], {cwd: folder})).toEqual({code: 0, stdout: '', stderr: ''})
    const named = await runCli([path.join('archive', 'old.txt')], {cwd: folder})
    expect(named.code).toBe(1)
    expect(named.stderr).toBe(`copydesk: warning: ${path.join('archive', 'old.txt')}: ignored by the configuration's "ignore", linted because it was named explicitly\n`)
  })
})

describe('configuration errors', () => {
  const cases: Array<[string, string, string]> = [
    ['an unknown key', '{"rulez": {}}', '.lintrc: rulez: unknown key (did you mean "rules"?)'],
    ['an unknown rule', '{"rules": {"quote-pair": "error"}}', '.lintrc: rules.quote-pair: unknown rule (did you mean "quote-pairs"?)'],
    [
      'a severity alias',
      '{"rules": {"repeated-words": "warn"}}',
      '.lintrc: rules.repeated-words: expected "off", "info", "warning" or "error", not "warn" (did you mean "warning"?)',
    ],
    ['a numeric severity', '{"rules": {"repeated-words": 2}}', '.lintrc: rules.repeated-words: expected "off", "info", "warning" or "error", not 2'],
    ['an option of the wrong type', '{"rules": {"acronym-definition": ["warning", {"allow": "IAEA"}]}}', '.lintrc: rules.acronym-definition[1].allow: expected array, not "IAEA"'],
    ['an unknown option', '{"rules": {"acronym-definition": ["warning", {"alow": []}]}}', '.lintrc: rules.acronym-definition[1].alow: unknown key (did you mean "allow"?)'],
    ['a bad option value', '{"rules": {"quote-style": ["warning", {"preferred": "curly"}]}}', '.lintrc: rules.quote-style[1].preferred: expected "auto", "smart" or "straight", not "curly"'],
    ['an unknown preset', '{"extends": ["copydesk:recomended"]}', '.lintrc: extends[0]: expected "copydesk:recommended" or "copydesk:strict", a path or a package, not "copydesk:recomended" (did you mean "copydesk:recommended"?)'],
    ['a missing plugin', '{"plugins": ["./rules/missing.js"]}', '.lintrc: plugins[0]: cannot find "./rules/missing.js"'],
    ['broken YAML', 'rules:\n  quote-pairs: [error\n', '.lintrc: invalid YAML at line 3, column 1: unexpected end of the stream within a flow collection'],
    ['an extended file that does not exist', '{"extends": ["./nope.json"]}', '.lintrc: extends[0]: cannot use "./nope.json": no such file'],
    ['a check of a rule that has none', '{"rules": {"quote-pairs/anything": "off"}}', '.lintrc: rules.quote-pairs/anything: unknown rule: "quote-pairs" has no checks of its own to set one by one'],
    ['an override without files', '{"overrides": [{"rules": {}}]}', '.lintrc: overrides[0].files: expected a glob or a list of globs, not nothing'],
    ['an unsupported language, without a far-fetched suggestion', '{"language": "fr"}', '.lintrc: language: expected "en", not "fr"'],
    ['an unknown rule in an override', '{"overrides": [{"files": "*.txt", "rules": {"repeted-words": "off"}}]}', '.lintrc: overrides[0].rules.repeted-words: unknown rule (did you mean "repeated-words"?)'],
    // Unions given no words of their own say what their alternatives take (zod's own words were "Invalid input").
    ['a terminology list of the wrong type', '{"terminology": 5}', '.lintrc: terminology: expected string or array, not 5'],
    ['a plugin that is neither a path nor a pair', '{"plugins": [5]}', '.lintrc: plugins[0]: expected string or array, not 5'],
    ['a terminology entry avoiding a number', '{"terminology": [{"use": "Tehran", "avoid": 1}]}', '.lintrc: terminology[0].avoid: expected string or array, not 1'],
  ]

  for (const [what, content, message] of cases) {
    it(`names the file and key for ${what}, with exit code 2`, async () => {
      const run = await lintIn(tempFolder({'.lintrc': content, 'draft.txt': 'Fine.\n'}))
      expect(run).toEqual({code: 2, stdout: '', stderr: `copydesk: ${message}\n`})
    })
  }

  it('takes a .lintrc holding only comments as an empty configuration', async () => {
    const run = await lintIn(tempFolder({'.lintrc': '// nothing yet\n# nor here\n', 'draft.txt': 'the the\n'}))
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
  })

  it('names a --config file that does not exist', async () => {
    const run = await lintIn(tempFolder({'draft.txt': 'Fine.\n'}), ['-c', 'nope.json', 'draft.txt'])
    expect(run).toEqual({code: 2, stdout: '', stderr: 'copydesk: nope.json: no such file\n'})
  })
})

describe('custom rules from local modules', () => {
  function houseFolder(rule: string): string {
    const folder = tempFolder({
      'package.json': '{"type": "module"}',
      '.lintrc': '{"plugins": ["./rules/house.js"]}',
      'rules/house.js': rule,
      'a.txt': 'The Leader spoke.\n',
      'b.txt': 'the the\n',
    })
    mkdirSync(path.join(folder, 'node_modules'))
    symlinkSync(repoRoot, path.join(folder, 'node_modules', 'copydesk'), 'dir')
    return folder
  }

  it('runs a rule written with the public defineRule, as the real command', () => {
    const folder = houseFolder(`import {defineRule} from 'copydesk'
export default defineRule({
  id: 'no-leader', summary: 'The Leader', why: 'Name the person.', severity: 'warning', fixable: false,
  messages: {leader: () => 'Unexpected \`Leader\`, name the person'},
  examples: {valid: ['Khamenei spoke.'], invalid: [{text: 'The Leader spoke.', messages: ['1:5-1:11: Unexpected \`Leader\`, name the person']}]},
  create: ({report}) => (tree) => {
    const walk = (node) => {
      if (node.type === 'WordNode' && node.children[0]?.value === 'Leader') report('leader', undefined, {place: node})
      for (const child of node.children ?? []) walk(child)
    }
    walk(tree)
  },
})
`)
    const run = spawnCli(['a.txt'], {cwd: folder})
    expect(run.stdout).toBe('a.txt:1:5: warning: Unexpected `Leader`, name the person [no-leader]\n1 problem (0 errors, 1 warning, 0 info) in 1 file\n')
    expect(run.code).toBe(0)
  })

  it('reports a rule that throws as an error on the file, and still lints the other files', () => {
    const folder = houseFolder(`import {defineRule} from 'copydesk'
export default defineRule({
  id: 'broken', summary: 'Broken', why: 'Broken.', severity: 'warning', fixable: false,
  messages: {never: () => 'Unexpected'},
  examples: {valid: [], invalid: []},
  create: () => () => { throw new Error('boom') },
})
`)
    const run = spawnCli(['a.txt', 'b.txt'], {cwd: folder})
    expect(run.stdout).toBe(
      [
        'a.txt:1:1: error: Unexpected crash of rule `broken`: boom, report it to the rule\'s author [broken]',
        'b.txt:1:1: error: Unexpected crash of rule `broken`: boom, report it to the rule\'s author [broken]',
        'b.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]',
        '3 problems (3 errors, 0 warnings, 0 info) in 2 files',
        '',
      ].join('\n')
    )
  })

  it('refuses a plugin module that exports no rule', async () => {
    const folder = tempFolder({'.lintrc': '{"plugins": ["./nothing.mjs"]}', 'nothing.mjs': 'export default 42\n', 'draft.txt': 'Fine.\n'})
    const run = await lintIn(folder)
    expect(run).toEqual({code: 2, stdout: '', stderr: 'copydesk: .lintrc: plugins[0]: "./nothing.mjs" does not export a rule made with defineRule (or an array of them), nor a retext plugin, as its default export\n'})
  })
})

describe('.lintrc.example', () => {
  it('is a valid configuration that enables every built-in rule', async () => {
    const config = await loadConfigFile(path.join(repoRoot, '.lintrc.example'))
    const {BUILTIN_RULE_IDS} = await import('../src/builtin-rules.js')
    expect([...config.rules.keys()].sort()).toEqual([...BUILTIN_RULE_IDS].sort())
    expect(config.rules.get('acronym-definition')?.options).toEqual({allow: ['IAEA', 'OPEC']})
    expect(config.ignore).toEqual(['archive/**', 'drafts/*.old.txt'])
  })

  it('explains every top-level key it uses in a comment', async () => {
    const {readFileSync} = await import('node:fs')
    const text = readFileSync(path.join(repoRoot, '.lintrc.example'), 'utf8')
    const {CONFIG_KEYS} = await import('../src/config/schema.js')
    for (const key of CONFIG_KEYS.filter((name) => name !== '$schema')) expect(text).toContain(`"${key}":`)
  })
})

describe('validation cost', () => {
  it('validates a configuration without zod compiling parsers from strings (they cost more to build than a run saves)', async () => {
    const folder = tempFolder({
      '.lintrc.json': JSON.stringify({
        rules: {'quote-style': ['warning', {preferred: 'smart'}], 'repeated-words': ['error', {allow: ['that']}], boilerplate: ['error', {patterns: ['Lire aussi']}]},
        terminology: [{use: 'Tehran', avoid: ['Teheran']}],
      }),
    })
    const original = globalThis.Function
    let built = 0
    globalThis.Function = new Proxy(original, {
      construct(target, args: string[]) {
        built++
        return new target(...args)
      },
    })
    try {
      const config = await loadConfigFile(path.join(folder, '.lintrc.json'))
      expect(config.rules.get('quote-style')?.options).toMatchObject({preferred: 'smart'})
    } finally {
      globalThis.Function = original
    }
    expect(built).toBe(0)
  })
})
