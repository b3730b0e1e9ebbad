import {copyFileSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {jsonMessagesOf, referenceArticle, repoRoot, runCli, tempFolder} from './helpers.js'

/** A temporary folder that sees the packages installed in this repository, as a user's project sees its own. */
function projectFolder(files: Record<string, string>): string {
  const folder = tempFolder(files)
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
  return folder
}

const jsonMessages = (folder: string, args: string[]) => jsonMessagesOf(args, {cwd: folder})

describe('terminology', () => {
  it('reports every IAM in the reference article with Iran expected, from a .lintrc list', async () => {
    const folder = tempFolder({'.lintrc': '{"terminology": [{"avoid": "IAM", "use": "Iran"}]}'})
    copyFileSync(referenceArticle, path.join(folder, 'article.txt'))
    const messages = await jsonMessages(folder, ['article.txt'])
    const terms = messages.filter((message) => message.ruleId === 'terminology')
    expect(terms.map((message) => [message.line, message.column, message.expected])).toEqual([
      [13, 42, ['Iran']],
      [15, 33, ['Iran']],
      [39, 60, ['Iran']],
      [41, 6, ['Iran']],
    ])
    expect(terms[0]?.message).toBe('Unexpected `IAM`, use `Iran` instead')
    // The desk has a replacement for IAM, so asking for its definition as well would be noise.
    expect(messages.filter((message) => message.ruleId === 'acronym-definition')).toEqual([])
  })

  it('reads a CSV glossary with avoid, use and note columns, variants separated by |', async () => {
    const folder = tempFolder({
      '.lintrc': '{"terminology": "./glossary.csv"}',
      'glossary.csv': 'avoid,use,note\n"IAM|Islamic Republic",Iran,short country names\nUlemas,ulema,\n',
      'draft.txt': 'The Islamic Republic and the IAM met the Ulemas.\n',
    })
    const run = await runCli(['draft.txt'], {cwd: folder})
    expect(run.stdout).toBe(
      [
        'draft.txt:1:5: warning: Unexpected `Islamic Republic`, use `Iran` instead: short country names [terminology]',
        'draft.txt:1:30: warning: Unexpected `IAM`, use `Iran` instead: short country names [terminology]',
        'draft.txt:1:42: warning: Unexpected `Ulemas`, use `ulema` instead [terminology]',
        '3 problems (0 errors, 3 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
  })

  it('reads a TSV glossary', async () => {
    const folder = tempFolder({'.lintrc': '{"terminology": "terms.tsv"}', 'terms.tsv': 'avoid\tuse\nPersia\tIran\n', 'draft.txt': 'Persia spoke.\n'})
    expect((await runCli(['draft.txt'], {cwd: folder})).stdout.split('\n')[0]).toBe('draft.txt:1:1: warning: Unexpected `Persia`, use `Iran` instead [terminology]')
  })

  it('takes a termbase of 150,000 terms, in a configuration that extends another', async () => {
    // The lists were pushed as the arguments of one call, which 150,000 overflowed.
    const rows = Array.from({length: 150_000}, (_, index) => `term${index},word${index}`)
    const folder = tempFolder({
      'base.json': '{"terminology": [{"avoid": "Persia", "use": "Iran"}]}',
      '.lintrc': '{"extends": ["copydesk:recommended", "./base.json"], "terminology": "./glossary.csv"}',
      'glossary.csv': `avoid,use\n${rows.join('\n')}\n`,
      'draft.txt': 'Persia and term149999 spoke.\n',
    })
    expect(await runCli(['draft.txt'], {cwd: folder})).toEqual({
      code: 0,
      stdout: [
        'draft.txt:1:1: warning: Unexpected `Persia`, use `Iran` instead [terminology]',
        'draft.txt:1:12: warning: Unexpected `term149999`, use `word149999` instead [terminology]',
        '2 problems (0 errors, 2 warnings, 0 info) in 1 file',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('names the glossary line of a bad row, with exit code 2', async () => {
    const folder = tempFolder({'.lintrc': '{"terminology": "./glossary.csv"}', 'glossary.csv': 'avoid,use\nIAM,Iran\nPersia,\n', 'draft.txt': 'Fine.\n'})
    expect(await runCli(['draft.txt'], {cwd: folder})).toEqual({code: 2, stdout: '', stderr: 'copydesk: glossary.csv: line 3: expected a term in the "use" column\n'})
  })

  it('names a missing glossary file', async () => {
    const folder = tempFolder({'.lintrc': '{"terminology": "./nope.csv"}', 'draft.txt': 'Fine.\n'})
    expect(await runCli(['draft.txt'], {cwd: folder})).toEqual({code: 2, stdout: '', stderr: 'copydesk: nope.csv: no such glossary file\n'})
  })

  it('refuses a terminology entry without a replacement, naming its index', async () => {
    const folder = tempFolder({'.lintrc': '{"terminology": [{"avoid": "IAM"}]}', 'draft.txt': 'Fine.\n'})
    expect(await runCli(['draft.txt'], {cwd: folder})).toEqual({code: 2, stdout: '', stderr: 'copydesk: .lintrc: terminology[0].use: expected string, not nothing\n'})
  })
})

describe('patterns', () => {
  it('refuses a pattern that may backtrack catastrophically', async () => {
    const folder = tempFolder({'.lintrc': '{"patterns": [{"pattern": "(a+)+$", "message": "no"}]}', 'draft.txt': 'Fine.\n'})
    expect(await runCli(['draft.txt'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'copydesk: .lintrc: patterns[0].pattern: "(a+)+$" may backtrack catastrophically on long text (a repeated group inside a repetition), rewrite it without nested repetition\n',
    })
  })

  it('refuses a pattern that does not compile', async () => {
    const folder = tempFolder({'.lintrc': '{"patterns": [{"pattern": "(unclosed", "message": "no"}]}', 'draft.txt': 'Fine.\n'})
    const run = await runCli(['draft.txt'], {cwd: folder})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('copydesk: .lintrc: patterns[0].pattern: cannot compile "(unclosed": Invalid regular expression: /(unclosed/gu: Unterminated group\n')
  })

  it('reports matches under patterns/<id>, each check with its own severity', async () => {
    const folder = tempFolder({
      '.lintrc': JSON.stringify({
        patterns: [
          {id: 'spaced-punctuation', pattern: '\\s+([»;:!?])', message: 'French spacing, remove the space', replacement: '$1'},
          {id: 'twenty-four-seven', pattern: '24/7', message: 'write `around the clock`'},
        ],
        rules: {'patterns/twenty-four-seven': 'error'},
      }),
      'draft.txt': 'He said : we work 24/7 !\n',
    })
    const run = await runCli(['draft.txt'], {cwd: folder})
    expect(run.stdout).toBe(
      [
        'draft.txt:1:8: warning: Unexpected ` :`, French spacing, remove the space [patterns/spaced-punctuation]',
        'draft.txt:1:19: error: Unexpected `24/7`, write `around the clock` [patterns/twenty-four-seven]',
        'draft.txt:1:23: warning: Unexpected ` !`, French spacing, remove the space [patterns/spaced-punctuation]',
        '3 problems (1 error, 2 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
  })
})

describe('retext plugins by name', () => {
  it('reports passive voice from retext-passive under a retext-passive/... id', async () => {
    const folder = projectFolder({'.lintrc': '{"plugins": ["retext-passive"]}', 'draft.txt': 'The article was written by him.\n'})
    const run = await runCli(['draft.txt'], {cwd: folder})
    expect(run.stdout).toBe('draft.txt:1:17: warning: Unexpected use of the passive voice [retext-passive/written]\n1 problem (0 errors, 1 warning, 0 info) in 1 file\n')
  })

  it('takes [name, options], keeps the plugin’s fix, and sets severities per plugin and per check', async () => {
    const folder = projectFolder({
      '.lintrc': JSON.stringify({
        plugins: [['retext-indefinite-article', {}], 'retext-equality', 'retext-passive'],
        rules: {'retext-indefinite-article': 'error', 'retext-equality/her-him': 'off', 'retext-passive': 'off'},
      }),
      'draft.txt': 'We ate a apple with his wife. The apple was eaten.\n',
    })
    const messages = await jsonMessages(folder, ['draft.txt'])
    expect(messages.map((message) => [message.ruleId, message.severity, message.line, message.column, message.expected])).toEqual([
      ['retext-indefinite-article', 'error', 1, 8, ['an']],
      ['retext-equality/husband-wife', 'warning', 1, 25, ['partner', 'significant other', 'spouse']],
    ])
  })

  it('hands on what a plugin gives as `actual` and `expected`, even when it is not text', async () => {
    const folder = tempFolder({
      '.lintrc': '{"plugins": ["./odd.mjs"]}',
      'odd.mjs': [
        'export default function odd() {',
        '  return (tree, file) => {',
        "    const message = file.message('Odd expectation', {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 4, offset: 3}})",
        '    message.expected = null',
        '    message.actual = 42',
        '  }',
        '}',
      ].join('\n'),
      'draft.txt': 'The end.\n',
    })
    const run = await runCli(['--format', 'json', 'draft.txt'], {cwd: folder})
    expect(run.stderr).toBe('')
    const [report] = JSON.parse(run.stdout) as Array<{messages: Array<Record<string, unknown>>}>
    expect(report?.messages).toEqual([
      {ruleId: 'odd', severity: 'warning', message: 'Odd expectation', line: 1, column: 1, endLine: 1, endColumn: 4, actual: 42, expected: null},
    ])
  })

  it('names a plugin package that is not installed', async () => {
    const folder = projectFolder({'.lintrc': '{"plugins": ["retext-no-such-plugin"]}', 'draft.txt': 'Fine.\n'})
    const run = await runCli(['draft.txt'], {cwd: folder})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`copydesk: .lintrc: plugins[0]: cannot find the package "retext-no-such-plugin" from ${folder} (is it installed?)\n`)
  })

  it('refuses options for a check of a plugin, which takes a severity only', async () => {
    const folder = projectFolder({'.lintrc': '{"plugins": ["retext-passive"], "rules": {"retext-passive/written": ["error", {}]}}', 'draft.txt': 'Fine.\n'})
    expect((await runCli(['draft.txt'], {cwd: folder})).stderr).toBe('copydesk: .lintrc: rules.retext-passive/written: a single check takes a severity only, not options\n')
  })
})

describe('presets from packages and files', () => {
  it('extends a shareable configuration installed as a package, then a local file, later ones winning', async () => {
    const folder = tempFolder({
      'node_modules/@desk/copydesk-config/package.json': '{"name": "@desk/copydesk-config", "type": "module", "exports": "./index.js"}',
      'node_modules/@desk/copydesk-config/index.js': 'export default {rules: {"acronym-definition": ["error", {"allow": ["KRG"]}], "quote-style": "off"}}\n',
      'local.json': '{"extends": [], "rules": {"quote-style": "warning"}}',
      '.lintrc': '{"extends": ["copydesk:recommended", "@desk/copydesk-config", "./local.json"]}',
      'draft.txt': 'The KRG and the CBI met.\n',
    })
    const run = await runCli(['--print-config', 'draft.txt'], {cwd: folder})
    const printed = JSON.parse(run.stdout) as {rules: Record<string, unknown>}
    expect(printed.rules['acronym-definition']).toEqual(['error', {allow: ['KRG']}])
    expect(printed.rules['quote-style']).toEqual(['warning', {preferred: 'auto'}])
    expect((await runCli(['draft.txt'], {cwd: folder})).stdout.split('\n')[0]).toBe(
      'draft.txt:1:17: error: Unexpected undefined acronym `CBI`, spell it out at its first use [acronym-definition]'
    )
  })

  it('prints the configuration of a file with its overrides merged', async () => {
    const folder = tempFolder({
      '.lintrc': '{"extends": "copydesk:strict", "overrides": [{"files": ["opinion/**"], "rules": {"quote-style": "off", "acronym-definition": "info"}}]}',
    })
    mkdirSync(path.join(folder, 'opinion'))
    writeFileSync(path.join(folder, 'opinion', 'a.txt'), 'Fine.\n')
    const printed = JSON.parse((await runCli(['--print-config', 'opinion/a.txt'], {cwd: folder})).stdout) as Record<string, unknown>
    expect(printed).toEqual({
      file: path.join(folder, 'opinion', 'a.txt'),
      configFile: path.join(folder, '.lintrc'),
      rules: {
        'acronym-definition': ['info', {allow: []}],
        boilerplate: ['error', {patterns: []}],
        patterns: ['error', {entries: []}],
        'quote-pairs': ['error', {}],
        'quote-style': 'off',
        'repeated-words': ['error', {allow: []}],
        terminology: ['error', {entries: []}],
      },
      checks: {},
      ignore: [],
      overrides: [{files: ['opinion/**'], rules: {'quote-style': 'off', 'acronym-definition': 'info'}}],
    })
  })
})

describe('list entries and overrides', () => {
  it('keeps terminology and pattern entries once when an override changes only a severity', async () => {
    const folder = tempFolder({
      '.lintrc': JSON.stringify({
        terminology: [{avoid: 'Persia', use: 'Iran'}],
        patterns: [{id: 'no-very', pattern: '\\bvery\\b', message: 'cut it'}],
        overrides: [{files: '*.txt', rules: {terminology: 'error', patterns: 'error'}}],
      }),
      'draft.txt': 'Persia is very old.\n',
    })
    const run = await runCli(['draft.txt'], {cwd: folder})
    expect(run.stdout).toBe(
      [
        'draft.txt:1:1: error: Unexpected `Persia`, use `Iran` instead [terminology]',
        'draft.txt:1:11: error: Unexpected `very`, cut it [patterns/no-very]',
        '2 problems (2 errors, 0 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
  })
})

describe('.lintignore', () => {
  it('skips what it lists when walking, in gitignore syntax, and warns for a file named explicitly', async () => {
    const folder = tempFolder({'.lintignore': '# old drafts\narchive/\n*.old.txt\n', 'archive/a.txt': 'the the\n', 'b.old.txt': 'the the\n', 'c.txt': 'Fine.\n'})
    expect(await runCli(['.'], {cwd: folder})).toEqual({code: 0, stdout: '', stderr: ''})
    const named = await runCli(['b.old.txt'], {cwd: folder})
    expect(named.stderr).toBe('copydesk: warning: b.old.txt: ignored by .lintignore, linted because it was named explicitly\n')
    expect(named.code).toBe(1)
  })
})

describe('examples/house-rules', () => {
  it('lints its drafts with its own rule, loaded from its .lintrc', async () => {
    const {spawnCli} = await import('./helpers.js')
    const run = spawnCli(['examples/house-rules/drafts'])
    expect(run.stdout).toBe(
      [
        'examples/house-rules/drafts/assad-visit.txt:1:1: warning: Unexpected `The Leader` before the article names the person, name them first (`Khamenei`) [no-bare-title]',
        'examples/house-rules/drafts/assad-visit.txt:3:51: warning: Unexpected `the Leader` before the article names the person, name them first (`Khamenei`) [no-bare-title]',
        '2 problems (0 errors, 2 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
    expect(run.code).toBe(0)
  })
})
