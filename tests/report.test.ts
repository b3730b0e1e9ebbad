import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {loadBuiltinRules} from '../src/builtin-rules.js'
import {formatResults} from '../src/report/index.js'
import {toLintResult, type LintMessage} from '../src/result.js'
import {main} from '../src/cli.js'
import {binPath, repoRoot, runCli, tempFolder} from './helpers.js'
import {sarifValidator} from './sarif-schema.js'

const ARTICLE = 'fixtures/articles/assad-tehran.txt'
const ARTICLE_PATH = path.join(repoRoot, ARTICLE)

/** A message as a rule would give it, for formatter tests that need exact characters in it. */
function message(fields: Partial<LintMessage> & Pick<LintMessage, 'line' | 'column'>): LintMessage {
  return {ruleId: 'repeated-words', severity: 'error', message: 'Unexpected repeated `the`, remove one occurrence', endLine: fields.line, endColumn: fields.column + 7, ...fields}
}

describe('stylish', () => {
  it('shows each problem of the reference article with its text and a caret under the offending characters', async () => {
    const run = await runCli(['--format', 'stylish', ARTICLE])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout.split('\n')).toEqual([
      'fixtures/articles/assad-tehran.txt',
      '  5:108   error    Unexpected opening `“` where the quotation closes, expected `”`  quote-pairs',
      '    …ngry. So watch out for their new plots! “, said the Leader of the Islamic Revolut…',
      '                                             ^',
      '  7:26    info     Unexpected unclosed `“` at the end of the paragraph, expected `”` unless the quotation goes on in the next paragraph  quote-pairs',
      '    Ayatollah Khamenei said: “We believe that supporting Syria is the …',
      '                             ^',
      '  13:42   warning  Unexpected undefined acronym `IAM`, spell it out at its first use  acronym-definition',
      '    …yatollah Khamenei stressed that for the IAM, supporting the Syrian government and p…',
      '                                             ^^^',
      '  27:232  error    Unexpected `»` closing the quotation opened with `“` at 27:1, expected `”`  quote-pairs',
      '    …l never be able to carry out its plans. »',
      '                                             ^',
      '  35:170  error    Unexpected `»` closing the quotation opened with `“` at 35:1, expected `”`  quote-pairs',
      '    …wer and grandeur throughout the region. »',
      '                                             ^',
      '  43:216  info     Unexpected unclosed `“` at the end of the paragraph, expected `”` unless the quotation goes on in the next paragraph  quote-pairs',
      '    …ine,” said Bashar al-Assad, adding that “the achievements achieved today are cert…',
      '                                             ^',
      '  49:318  error    Unexpected `»` closing the quotation opened with `“` at 49:1, expected `”`  quote-pairs',
      '    … of the United States and Saudi Arabia. »',
      '                                             ^',
      '  53:1    error    Unexpected comment-form text `Leave a Reply`, remove it before publication  boilerplate',
      '    Leave a Reply',
      '    ^^^^^^^^^^^^^',
      '  55:1    error    Unexpected comment-form text `Your email address will not be published. Required fields are marked *`, remove it before publication  boilerplate',
      '    Your email address will not be published. Required fields are marked *',
      `    ${'^'.repeat(70)}`,
      '',
      '9 problems (6 errors, 1 warning, 2 info) in 1 file',
      '',
    ])
  })

  it('keeps tabs in the caret padding, counts a surrogate pair as one wide character and drops the \\r of CRLF', async () => {
    const run = await runCli(['--format', 'stylish', '--stdin-filename', 'note.txt', '-'], {stdin: 'Tab\tthe the end.\r\n\r\n😀 the the end.\r\n'})
    expect(run.stdout).toBe(
      [
        'note.txt',
        '  1:5  error  Unexpected repeated `the`, remove one occurrence  repeated-words',
        '    Tab\tthe the end.',
        '       \t^^^^^^^',
        '  3:4  error  Unexpected repeated `the`, remove one occurrence  repeated-words',
        '    😀 the the end.',
        '       ^^^^^^^',
        '',
        '2 problems (2 errors, 0 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
  })

  it('shows the line of a problem in text whose lines end in a carriage return alone', async () => {
    const run = await runCli(['--format', 'stylish', '--stdin-filename', 'old-mac.txt', '-'], {stdin: 'First line.\rIt was the the end.\r'})
    expect(run.stdout).toBe(
      [
        'old-mac.txt',
        '  2:8  error  Unexpected repeated `the`, remove one occurrence  repeated-words',
        '    It was the the end.',
        '           ^^^^^^^',
        '',
        '1 problem (1 error, 0 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
  })

  it('marks a span running onto the next line up to the end of its first line, and an empty span with one caret', () => {
    const source = 'One “two\nthree.\n'
    const result = toLintResult('a.txt', [message({line: 1, column: 5, endLine: 2, endColumn: 3}), message({line: 2, column: 7, endColumn: 7})], source)
    expect(formatResults([result], {format: 'stylish'})).toBe(
      [
        'a.txt',
        '  1:5  error  Unexpected repeated `the`, remove one occurrence  repeated-words',
        '    One “two',
        '        ^^^^',
        '  2:7  error  Unexpected repeated `the`, remove one occurrence  repeated-words',
        '    three.',
        '          ^',
        '',
        '2 problems (2 errors, 0 warnings, 0 info) in 1 file',
        '',
      ].join('\n')
    )
  })

  it('shows control characters of the draft as U+FFFD rather than sending them to the terminal', () => {
    const result = toLintResult('a.txt', [message({line: 1, column: 3})], 'A\u001B[31m the the\n')
    expect(formatResults([result], {format: 'stylish'}).split('\n').slice(2, 4)).toEqual(['    A\uFFFD[31m the the', '      ^^^^^^^'])
  })

  it('colours the severity, the carets and the file when FORCE_COLOR is set, and not with NO_COLOR', async () => {
    const coloured = await runCli(['--format', 'stylish', '-'], {stdin: 'the the\n', env: {FORCE_COLOR: '1'}})
    expect(coloured.stdout.split('\n').slice(0, 4)).toEqual([
      '\u001B[1m<stdin>\u001B[22m',
      '  \u001B[2m1:1\u001B[22m  \u001B[31merror\u001B[39m  Unexpected repeated `the`, remove one occurrence  \u001B[2mrepeated-words\u001B[22m',
      '    the the',
      '    \u001B[31m^^^^^^^\u001B[39m',
    ])
    const plain = await runCli(['--format', 'stylish', '-'], {stdin: 'the the\n', env: {NO_COLOR: '1'}, isTTY: true})
    expect(plain.stdout).not.toContain('\u001B[')
  })

  it('prints nothing when there is no problem', async () => {
    expect(await runCli(['--format', 'stylish', '-'], {stdin: 'All clear.\n'})).toEqual({code: 0, stdout: '', stderr: ''})
  })
})

describe('compact', () => {
  it('gives ESLint compact lines with absolute paths, then a blank line and the count', async () => {
    const folder = tempFolder({'drafts/a.txt': 'It was the the end.\n\nThe KRG met.\n'})
    const run = await runCli(['--format', 'compact', 'drafts'], {cwd: folder})
    expect(run.code).toBe(1)
    const file = path.join(folder, 'drafts', 'a.txt')
    expect(run.stdout).toBe(
      [
        `${file}: line 1, col 8, Error - Unexpected repeated \`the\`, remove one occurrence (repeated-words)`,
        `${file}: line 3, col 5, Warning - Unexpected undefined acronym \`KRG\`, spell it out at its first use (acronym-definition)`,
        '',
        '2 problems',
        '',
      ].join('\n')
    )
  })

  it('says Info for an info message and "1 problem" for one, and keeps <stdin> as it is', () => {
    const result = toLintResult('<stdin>', [message({line: 2, column: 1, severity: 'info', message: 'Unexpected unclosed `“`', ruleId: 'quote-pairs'})])
    expect(formatResults([result], {format: 'compact', cwd: '/work'})).toBe('<stdin>: line 2, col 1, Info - Unexpected unclosed `“` (quote-pairs)\n\n1 problem\n')
  })
})

describe('github', () => {
  it('gives one workflow command per problem: error, warning and notice', async () => {
    const run = await runCli(['--format', 'github', '-', '--stdin-filename', 'drafts/a.txt'], {stdin: 'It was the the end. The KRG met.\n'})
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      [
        '::error file=drafts/a.txt,line=1,col=8,endLine=1,endColumn=15,title=repeated-words::Unexpected repeated `the`, remove one occurrence',
        '::warning file=drafts/a.txt,line=1,col=25,endLine=1,endColumn=28,title=acronym-definition::Unexpected undefined acronym `KRG`, spell it out at its first use',
        '',
      ].join('\n')
    )
  })

  it('escapes data and properties as GitHub toolkit does, and leaves columns out of a span over several lines', () => {
    const result = toLintResult('drafts/50%, final: v2.txt', [
      message({line: 1, column: 2, endLine: 3, endColumn: 4, severity: 'info', ruleId: 'house/a,b', message: 'Unexpected `100%`\r\nsee: below'}),
    ])
    expect(formatResults([result], {format: 'github'})).toBe(
      '::notice file=drafts/50%25%2C final%3A v2.txt,line=1,endLine=3,title=house/a%2Cb::Unexpected `100%25`%0D%0Asee: below\n'
    )
  })
})

describe('sarif', () => {
  const validate = sarifValidator()

  it('gives the reference article as SARIF 2.1.0 that the official schema accepts', async () => {
    const run = await runCli(['--format', 'sarif', ARTICLE])
    expect(run.code).toBe(1)
    const log = JSON.parse(run.stdout) as {runs: Array<{tool: {driver: {name: string; rules: Array<{id: string}>}}; results: unknown[]; originalUriBaseIds: unknown}>}
    expect(validate(log)).toEqual([])
    const [only] = log.runs
    expect(only?.tool.driver.rules.map((rule) => rule.id)).toEqual(['quote-pairs', 'acronym-definition', 'boilerplate'])
    expect(only?.originalUriBaseIds).toEqual({'%SRCROOT%': {uri: `file://${repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`}`}})
    expect(only?.results).toHaveLength(9)
    expect(only?.results[3]).toEqual({
      ruleId: 'quote-pairs',
      ruleIndex: 0,
      level: 'error',
      message: {text: 'Unexpected `»` closing the quotation opened with `“` at 27:1, expected `”`'},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: 'fixtures/articles/assad-tehran.txt', uriBaseId: '%SRCROOT%'},
            region: {startLine: 27, startColumn: 232, endLine: 27, endColumn: 233},
          },
        },
      ],
    })
    expect(only?.results[1]).toMatchObject({ruleId: 'quote-pairs', level: 'note'})
    expect(only?.results[2]).toMatchObject({ruleId: 'acronym-definition', ruleIndex: 1, level: 'warning'})
  })

  it('describes a rule with its summary, why and an absolute help URI resolved against the docs base', async () => {
    const rules = await loadBuiltinRules()
    const result = toLintResult('drafts/a b.txt', [message({line: 1, column: 8})])
    const log = JSON.parse(formatResults([result], {format: 'sarif', rules, cwd: '/desk', docsBase: 'https://example.org/copydesk/'})) as unknown
    expect(validate(log)).toEqual([])
    expect(log).toMatchObject({
      runs: [
        {
          tool: {
            driver: {
              name: 'copydesk',
              informationUri: 'https://example.org/copydesk/',
              rules: [
                {
                  id: 'repeated-words',
                  shortDescription: {text: 'A word typed twice in a row, such as `the the`.'},
                  fullDescription: {text: rules.find((rule) => rule.id === 'repeated-words')?.why},
                  helpUri: 'https://example.org/copydesk/README.md#repeated-words',
                  defaultConfiguration: {level: 'error'},
                },
              ],
            },
          },
          results: [{locations: [{physicalLocation: {artifactLocation: {uri: 'drafts/a%20b.txt', uriBaseId: '%SRCROOT%'}}}]}],
        },
      ],
    })
  })

  it('leaves out help URIs it cannot make absolute, describes a check by its rule, and gives a file outside the folder a file URI', async () => {
    const rules = await loadBuiltinRules()
    const outside = toLintResult('/elsewhere/b.txt', [message({line: 2, column: 1, ruleId: 'patterns/no-24-7', severity: 'warning'}), message({line: 3, column: 1, ruleId: 'house-style'})])
    const log = JSON.parse(formatResults([outside], {format: 'sarif', rules, cwd: '/desk'})) as {runs: Array<{tool: {driver: Record<string, unknown> & {rules: Array<Record<string, unknown>>}}; results: unknown[]}>}
    expect(validate(log)).toEqual([])
    const driver = log.runs[0]?.tool.driver
    expect(driver?.informationUri).toBeUndefined()
    expect(driver?.rules[0]).toMatchObject({id: 'patterns/no-24-7', shortDescription: {text: rules.find((rule) => rule.id === 'patterns')?.summary}})
    expect(driver?.rules[0]?.helpUri).toBeUndefined()
    expect(driver?.rules[1]).toEqual({id: 'house-style'})
    expect(log.runs[0]?.results[0]).toMatchObject({locations: [{physicalLocation: {artifactLocation: {uri: 'file:///elsewhere/b.txt'}}}]})
  })

  it('describes a custom rule that the configuration of the working folder adds', async () => {
    const api = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'index.js')).href
    const folder = tempFolder({
      '.lintrc': '{"plugins": ["./no-todo.js"]}',
      'no-todo.js': [
        `import {defineRule} from ${JSON.stringify(api)}`,
        'export default defineRule({',
        "  id: 'no-todo', summary: 'A placeholder left in a draft.', why: 'Readers should never see the desk notes.', severity: 'warning', fixable: false,",
        "  messages: {todo: () => 'Unexpected `xxx`, finish the sentence'},",
        "  examples: {valid: ['Done.'], invalid: [{text: 'xxx', messages: ['1:1-1:4: Unexpected `xxx`, finish the sentence']}]},",
        "  create: ({report, text}) => () => { const at = text.indexOf('xxx'); if (at >= 0) report('todo', {}, {place: {start: {line: 1, column: at + 1, offset: at}, end: {line: 1, column: at + 4, offset: at + 3}}}) },",
        '})',
        '',
      ].join('\n'),
      'a.txt': 'Write xxx here.\n',
    })
    const run = await runCli(['--format', 'sarif', 'a.txt'], {cwd: folder})
    expect(run.stderr).toBe('')
    const log = JSON.parse(run.stdout) as unknown
    expect(validate(log)).toEqual([])
    expect(log).toMatchObject({
      runs: [
        {
          tool: {driver: {rules: [{id: 'no-todo', shortDescription: {text: 'A placeholder left in a draft.'}, fullDescription: {text: 'Readers should never see the desk notes.'}, defaultConfiguration: {level: 'warning'}}]}},
          results: [{ruleId: 'no-todo', level: 'warning', message: {text: 'Unexpected `xxx`, finish the sentence'}}],
        },
      ],
    })
  })

  it('gives a valid log with no results for a clean file', async () => {
    const run = await runCli(['--format', 'sarif', '-'], {stdin: 'All clear.\n'})
    expect(run.code).toBe(0)
    const log = JSON.parse(run.stdout) as {runs: Array<{results: unknown[]}>}
    expect(validate(log)).toEqual([])
    expect(log.runs[0]?.results).toEqual([])
  })
})

describe('--output-file', () => {
  it('writes the report to the file, creating its folder, prints nothing and still exits 1 for problems', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    const run = await runCli(['--format', 'compact', '--output-file', 'reports/lint.txt', 'a.txt'], {cwd: folder})
    expect(run).toEqual({code: 1, stdout: '', stderr: ''})
    expect(readFileSync(path.join(folder, 'reports', 'lint.txt'), 'utf8')).toBe(
      `${path.join(folder, 'a.txt')}: line 1, col 1, Error - Unexpected repeated \`the\`, remove one occurrence (repeated-words)\n\n1 problem\n`
    )
  })

  it('writes no colour codes into the file even when FORCE_COLOR is set', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    await runCli(['-o', 'out.txt', 'a.txt'], {cwd: folder, env: {FORCE_COLOR: '1'}, isTTY: true})
    expect(readFileSync(path.join(folder, 'out.txt'), 'utf8')).toBe(
      'a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]\n1 problem (1 error, 0 warnings, 0 info) in 1 file\n'
    )
  })

  it('replaces an older report, and exits 0 for a clean file', async () => {
    const folder = tempFolder({'a.txt': 'All clear.\n', 'report.json': 'old'})
    expect(await runCli(['--format', 'json', '--output-file', 'report.json', 'a.txt'], {cwd: folder})).toEqual({code: 0, stdout: '', stderr: ''})
    expect(JSON.parse(readFileSync(path.join(folder, 'report.json'), 'utf8'))).toEqual([{path: 'a.txt', messages: [], errorCount: 0, warningCount: 0, infoCount: 0}])
  })

  it('writes through a link, which stays a link to the report', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'reports/real.txt': 'old'})
    symlinkSync(path.join('reports', 'real.txt'), path.join(folder, 'link.txt'))
    expect((await runCli(['-o', 'link.txt', 'a.txt'], {cwd: folder})).code).toBe(1)
    expect(lstatSync(path.join(folder, 'link.txt')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(folder, 'reports', 'real.txt'), 'utf8')).toContain('Unexpected repeated `the`')
    expect(readdirSync(path.join(folder, 'reports'))).toEqual(['real.txt'])
  })

  it('writes into a FIFO as it is, leaving it a FIFO (renaming over it replaced even /dev/null when run as root)', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    const fifo = path.join(folder, 'report.fifo')
    execFileSync('mkfifo', [fifo])
    const reader = spawn('cat', [fifo])
    let read = ''
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()))
    const closed = new Promise((resolve) => reader.on('close', resolve))
    expect((await runCli(['--format', 'json', '-o', 'report.fifo', 'a.txt'], {cwd: folder})).code).toBe(1)
    // Were the FIFO replaced, its reader would wait for ever.
    const stillFifo = lstatSync(fifo).isFIFO()
    if (!stillFifo) reader.kill()
    expect(stillFifo).toBe(true)
    await closed
    expect(JSON.parse(read)).toEqual([expect.objectContaining({path: 'a.txt', errorCount: 1})])
  })

  it('writes -o /dev/stdout through the descriptor: a log it is appended to keeps what came before and after', () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'log': 'PREVIOUS\n'})
    const command = `echo before >> log; "${process.execPath}" "${binPath}" --format compact -o /dev/stdout a.txt >> log; echo after >> log`
    spawnSync('sh', ['-c', command], {cwd: folder})
    const report = `${path.join(folder, 'a.txt')}: line 1, col 1, Error - Unexpected repeated \`the\`, remove one occurrence (repeated-words)\n\n1 problem\n`
    expect(readFileSync(path.join(folder, 'log'), 'utf8')).toBe(`PREVIOUS\nbefore\n${report}after\n`)
    // The same through a link to /dev/stdout: the link was followed to the log, and a file renamed over it.
    symlinkSync('/dev/stdout', path.join(folder, 'out'))
    spawnSync('sh', ['-c', `"${process.execPath}" "${binPath}" --format compact -o out a.txt >> log`], {cwd: folder})
    expect(readFileSync(path.join(folder, 'log'), 'utf8')).toBe(`PREVIOUS\nbefore\n${report}after\n${report}`)
  })

  it('stops quietly with the exit code of a broken pipe when the reader of -o /dev/stdout goes away, as without -o', () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    for (const output of [['-o', '/dev/stdout'], []]) {
      // `true` has gone by the time the report is written: the write meets a pipe with no reader.
      const command = `"${process.execPath}" "${binPath}" ${output.join(' ')} a.txt 2> err | true; echo "\${PIPESTATUS[0]}"`
      const run = spawnSync('bash', ['-c', command], {cwd: folder, encoding: 'utf8'})
      expect([run.stdout, readFileSync(path.join(folder, 'err'), 'utf8')]).toEqual(['141\n', ''])
    }
  })

  it('reads a relative link from the folder it really is in, as the system does', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'deep/a/t': 'old'})
    mkdirSync(path.join(folder, 'deep', 'a', 'b'))
    symlinkSync(path.join('deep', 'a', 'b'), path.join(folder, 'linked'))
    // linked/out is deep/a/b/out, a link to ../t: deep/a/t, not t beside linked.
    symlinkSync(path.join('..', 't'), path.join(folder, 'deep', 'a', 'b', 'out'))
    expect((await runCli(['-o', 'linked/out', 'a.txt'], {cwd: folder})).code).toBe(1)
    expect(readFileSync(path.join(folder, 'deep', 'a', 't'), 'utf8')).toContain('Unexpected repeated `the`')
    expect(readdirSync(folder).sort()).toEqual(['a.txt', 'deep', 'linked'])
  })

  it('makes the file a link points to when it is not there yet, and refuses a loop of links', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    symlinkSync(path.join('reports', 'out.txt'), path.join(folder, 'link.txt'))
    expect((await runCli(['-o', 'link.txt', 'a.txt'], {cwd: folder})).code).toBe(1)
    expect(lstatSync(path.join(folder, 'link.txt')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(folder, 'reports', 'out.txt'), 'utf8')).toContain('Unexpected repeated `the`')
    symlinkSync('loop-a', path.join(folder, 'loop-b'))
    symlinkSync('loop-b', path.join(folder, 'loop-a'))
    expect(await runCli(['-o', 'loop-a', 'a.txt'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr: 'copydesk: cannot write the report to loop-a: too many levels of symbolic links\n',
    })
  })

  it('fails with exit code 2 and one line when the report cannot be written', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    mkdirSync(path.join(folder, 'taken'))
    expect(await runCli(['--output-file', 'taken', 'a.txt'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr: 'copydesk: cannot write the report to taken: it is a folder\n',
    })
    writeFileSync(path.join(folder, 'file'), '')
    expect(await runCli(['--output-file', 'file/report.txt', 'a.txt'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr: 'copydesk: cannot write the report to file/report.txt: a folder on its path is a file\n',
    })
    symlinkSync('gone', path.join(folder, 'dangling'))
    expect(await runCli(['--output-file', 'dangling/report.txt', 'a.txt'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr: 'copydesk: cannot write the report to dangling/report.txt: a link on its path leads to nothing\n',
    })
    expect(await runCli(['--output-file', 'made/two/deep/report.txt', 'a.txt'], {cwd: folder})).toMatchObject({code: 1, stderr: ''})
    expect(readFileSync(path.join(folder, 'made', 'two', 'deep', 'report.txt'), 'utf8')).toContain('Unexpected repeated `the`')
  })

  it.runIf(existsSync('/proc/self'))('fails, and does not hang, where a folder cannot be made inside one that exists', () => {
    // Node's recursive mkdir is told ENOENT under /proc, makes the parent (EEXIST) and tries again forever: the process
    // is given 20 s, as a hang must fail the test rather than stop the run.
    const folder = tempFolder({'a.txt': 'the the\n'})
    for (const report of ['/proc/copydesk-nope/report.json', '/proc/self/copydesk-nope/report.json', '/proc/report.json']) {
      const run = spawnSync(process.execPath, [binPath, '-o', report, 'a.txt'], {cwd: folder, encoding: 'utf8', timeout: 20_000})
      expect(run.signal).toBeNull()
      expect({code: run.status, stderr: run.stderr}).toEqual({code: 2, stderr: `copydesk: cannot write the report to ${report}: no file can be made there\n`})
    }
  })
})

describe('the format list', () => {
  it('refuses a name that only an object prototype has', async () => {
    const run = await runCli(['--format', 'toString', ARTICLE_PATH])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('copydesk: unknown format "toString", expected one of editor, json, stylish, compact, sarif, github')
  })
})

describe('large reports', () => {
  it.each(['editor', 'compact', 'github'])('are written as they are made, in several writes: %s', async (format) => {
    // 4,000 doubled words: a report of some 300,000 characters.
    const folder = tempFolder({'big.txt': 'It was the the end.\n\n'.repeat(4000)})
    const writes: string[] = []
    const code = await main(['--format', format, 'big.txt'], {
      stdin: Object.assign((async function* () {})(), {isTTY: true}),
      stdout: {write: (chunk: string | Uint8Array) => writes.push(String(chunk)), isTTY: false},
      stderr: {write: () => true},
      cwd: folder,
      env: {},
    })
    expect(code).toBe(1)
    expect(writes.length).toBeGreaterThan(3)
    expect(writes.every((written) => written.length < 100_000)).toBe(true)
    const lines = writes.join('').split('\n')
    // Each write ends at the end of a line, and every problem is there once, in order.
    expect(writes.every((written) => written.endsWith('\n'))).toBe(true)
    const problems = lines.filter((line) => line.includes('repeated'))
    expect(problems).toHaveLength(4000)
    expect(problems[3999]).toContain(format === 'compact' ? 'line 7999, col 8' : format === 'github' ? 'line=7999,col=8' : 'big.txt:7999:8:')
  })
})
