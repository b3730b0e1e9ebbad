import {spawn} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {binPath, referenceArticle, runCli, spawnCli, tempFolder} from './helpers.js'

const ARTICLE = 'fixtures/articles/assad-tehran.txt'

describe('the real command, spawned', () => {
  it('stops quietly, with the exit code of a broken pipe, when the reader of its output goes away', async () => {
    // 300 files of 50 repeated words: far more output than a pipe holds, printed file by file.
    const files = Object.fromEntries(Array.from({length: 300}, (_, index) => [`drafts/${index}.txt`, 'It was the the end.\n'.repeat(50)]))
    const folder = tempFolder(files)
    const child = spawn(process.execPath, [binPath, 'drafts'], {cwd: folder, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // As `head -1` does: read the first lines, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect({code, stderr}).toEqual({code: 141, stderr: ''})
  })

  it('loads, for one plain-text article, no thread machinery and no Markdown or HTML parser (start-up time)', () => {
    const folder = tempFolder({
      'loaded.cjs': "process.on('exit', () => require('node:fs').writeFileSync(__dirname + '/loaded.json', JSON.stringify({builtins: process.moduleLoadList, files: Object.keys(require.cache)})))\n",
    })
    const run = spawnCli([ARTICLE], {env: {NODE_OPTIONS: `--require ${path.join(folder, 'loaded.cjs')}`}})
    expect(run.code).toBe(1)
    const {builtins, files} = JSON.parse(readFileSync(path.join(folder, 'loaded.json'), 'utf8')) as {builtins: string[]; files: string[]}
    // The run did load the command's bundle: the check below looks at the right list.
    expect(files.some((file) => /[\\/]dist[\\/]cli[\\/]cli\.cjs$/u.test(file))).toBe(true)
    expect(builtins).not.toContain('NativeModule worker_threads')
    expect(files.filter((file) => /parse-(?:markdown|html)/u.test(file))).toEqual([])
  })

  it('lints the reference article with exit code 1 and the DESIGN.md positions', () => {
    const run = spawnCli([ARTICLE])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    const places = run.stdout
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((line) => line.split(': ')[0]?.replace(`${ARTICLE}:`, '') + ' ' + line.split(': ')[1])
    expect(places).toEqual([
      '5:108 error',
      '7:26 info',
      '13:42 warning',
      '27:232 error',
      '35:170 error',
      '43:216 info',
      '49:318 error',
      '53:1 error',
      '55:1 error',
    ])
    expect(run.stdout.trim().split('\n').at(-1)).toBe('9 problems (6 errors, 1 warning, 2 info) in 1 file')
  })

  it('reports a repeated word read from standard input at 1:4 with exit code 1', () => {
    const run = spawnCli([], {input: 'He said said hello.\n'})
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      '<stdin>:1:4: error: Unexpected repeated `said`, remove one occurrence [repeated-words]\n1 problem (1 error, 0 warnings, 0 info) in 1 file\n'
    )
  })

  it('exits 0 and prints nothing for clean text on standard input', () => {
    const run = spawnCli([], {input: 'All clear.\n'})
    expect(run).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('reads standard input for "-" and names it with --stdin-filename', () => {
    const run = spawnCli(['-', '--stdin-filename', 'drafts/note.txt'], {input: 'It was the the end.\n'})
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('drafts/note.txt:1:8: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
  })

  it('gives one clear line and exit code 2 for a missing file, without a stack trace', () => {
    const run = spawnCli(['no-such-file.txt'])
    expect(run).toEqual({code: 2, stdout: '', stderr: 'copydesk: no-such-file.txt: no such file or folder\n'})
  })

  it('gives one clear line and exit code 2 for a broken .lintrc', () => {
    const folder = tempFolder({'.lintrc': '{"rules": {"quote-pairs": "error",}', 'draft.txt': 'Fine.\n'})
    const run = spawnCli(['draft.txt'], {cwd: folder})
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('copydesk: .lintrc: invalid JSON at line 1, column 36: a closing } was expected\n')
  })

  it('gives one line and exit code 2, not a stack trace, when a file cosmiconfig loads for its own settings throws', () => {
    // cosmiconfig loads .config/config.js as its finder is made, and leaves the failure to nobody.
    const folder = tempFolder({'.config/config.js': 'throw new Error("boom")\n', 'draft.txt': 'Fine.\n'})
    expect(spawnCli(['draft.txt'], {cwd: folder})).toEqual({code: 2, stdout: '', stderr: 'copydesk: unexpected error: boom\n'})
  })

  it('reads a .lintrc.json that starts with a byte order mark, as Windows editors save it', () => {
    const folder = tempFolder({'.lintrc.json': '\uFEFF{"rules": {"repeated-words": "off"}}\n', 'draft.txt': 'It was the the end.\n'})
    expect(spawnCli(['draft.txt'], {cwd: folder})).toEqual({code: 0, stdout: '', stderr: ''})
  })

  // cosmiconfig reads its own settings in the working folder (package.json's "cosmiconfig" key, .config/config.*).
  it.each([
    ['package.json', '{"name": "desk",\n', 'package.json: invalid JSON at line 2, column 1: a property name in double quotes was expected'],
    ['.config/config.json', '{"searchPlaces": [}', '.config/config.json: invalid JSON at line 1, column 19: a value was expected'],
    ['.config/config.yaml', 'searchPlaces: [\n', '.config/config.yaml: invalid YAML at line 2, column 1: unexpected end of the stream within a flow collection'],
    ['package.json', '\uFEFF{"name": "desk"}\n', 'package.json: cosmiconfig reads it as strict JSON: no byte order mark, comments or trailing commas'],
  ])('gives one clear line and exit code 2 for a broken %s in the working folder, and still prints its version', (name, content, message) => {
    const folder = tempFolder({[name]: content, 'draft.txt': 'Fine.\n'})
    expect(spawnCli(['draft.txt'], {cwd: folder})).toEqual({code: 2, stdout: '', stderr: `copydesk: ${message}\n`})
    expect(spawnCli(['--version'], {cwd: folder})).toMatchObject({code: 0, stderr: ''})
  })

  it('prints the version from package.json', () => {
    const run = spawnCli(['--version'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/u)
  })

  it('colours the severity only when asked or when FORCE_COLOR is set', () => {
    const plain = spawnCli([], {input: 'the the\n'})
    expect(plain.stdout).not.toContain('\u001B[')
    const forced = spawnCli([], {input: 'the the\n', env: {FORCE_COLOR: '1'}})
    expect(forced.stdout).toContain('\u001B[31merror\u001B[39m')
    const refused = spawnCli(['--no-color'], {input: 'the the\n', env: {FORCE_COLOR: '1'}})
    expect(refused.stdout).not.toContain('\u001B[')
  })
})

describe('output formats', () => {
  it('gives the reference article in the JSON shape of DESIGN.md, with `”` expected for each stray `»`', async () => {
    const run = await runCli(['--format', 'json', ARTICLE])
    expect(run.code).toBe(1)
    const [file, ...others] = JSON.parse(run.stdout) as Array<Record<string, unknown>>
    expect(others).toEqual([])
    expect(file).toMatchObject({path: ARTICLE, errorCount: 6, warningCount: 1, infoCount: 2})
    const messages = file?.messages as Array<Record<string, unknown>>
    const guillemets = messages.filter((message) => message.actual === '»')
    expect(guillemets.map((message) => [message.line, message.column, message.endColumn, message.expected])).toEqual([
      [27, 232, 233, ['”']],
      [35, 170, 171, ['”']],
      [49, 318, 319, ['”']],
    ])
    expect(messages[0]).toEqual({
      ruleId: 'quote-pairs',
      severity: 'error',
      message: 'Unexpected opening `“` where the quotation closes, expected `”`',
      line: 5,
      column: 108,
      endLine: 5,
      endColumn: 109,
      actual: '“',
      expected: ['”'],
    })
    expect(messages.find((message) => message.ruleId === 'boilerplate')).toMatchObject({line: 53, column: 1, actual: 'Leave a Reply', expected: ['']})
  })

  it('gives an empty array in JSON when no file has problems', async () => {
    const run = await runCli(['--format', 'json', '-'], {stdin: 'All clear.\n'})
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual([{path: '<stdin>', messages: [], errorCount: 0, warningCount: 0, infoCount: 0}])
  })

  it('refuses an unknown format with a did-you-mean and exit code 2', async () => {
    const run = await runCli(['--format', 'jsn', ARTICLE])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('copydesk: unknown format "jsn", expected one of editor, json, stylish, compact, sarif, github (did you mean "json"?)\nRun "copydesk --help" for usage.\n')
  })
})

describe('options', () => {
  it('reports errors only with --quiet, and still exits 1', async () => {
    const run = await runCli(['--quiet', ARTICLE])
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain(': warning: ')
    expect(run.stdout).not.toContain(': info: ')
    expect(run.stdout.trim().split('\n').at(-1)).toBe('6 problems (6 errors, 0 warnings, 0 info) in 1 file')
  })

  it('exits 1 when warnings exceed --max-warnings and 0 when they do not', async () => {
    const text = 'The KRG and the CBI met.\n'
    const within = await runCli(['--max-warnings', '2', '-'], {stdin: text})
    expect(within.code).toBe(0)
    const over = await runCli(['--max-warnings', '1', '-'], {stdin: text})
    expect(over.code).toBe(1)
    expect(over.stderr).toBe('copydesk: 2 warnings, more than --max-warnings 1\n')
  })

  it('refuses a --max-warnings that is not a whole number', async () => {
    const run = await runCli(['--max-warnings', 'many', ARTICLE])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('copydesk: --max-warnings expects a whole number of 0 or more, not "many"')
  })

  it('refuses an unknown option with a did-you-mean', async () => {
    const run = await runCli(['--quite', ARTICLE])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('copydesk: unknown option --quite (did you mean "--quiet"?)')
  })

  it('refuses an option that needs a value when given none', async () => {
    const run = await runCli(['--format', '--quiet', ARTICLE])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('copydesk: option --format needs a value (NAME)')
  })

  it('prints a help generated from the option table', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    for (const flag of ['-c, --config FILE', '--format NAME', '--max-warnings N', '--quiet', '--stdin-filename PATH', '--color', '--no-color', '--list-rules', '--explain RULE', '--print-config PATH', '-h, --help', '-v, --version']) {
      expect(run.stdout).toContain(flag)
    }
  })

  it('lists the built-in rules with their default severities', async () => {
    const run = await runCli(['--list-rules'])
    expect(run.code).toBe(0)
    const rows = run.stdout.trim().split('\n').map((line) => line.split(/\s+/u).slice(0, 2).join(' '))
    expect(rows).toEqual([
      'acronym-definition warning',
      'boilerplate error',
      'patterns warning',
      'quote-pairs error',
      'quote-style warning',
      'repeated-words error',
      'terminology warning',
    ])
  })

  it('explains a rule with its examples, and suggests the nearest id for a typo', async () => {
    const run = await runCli(['--explain', 'repeated-words'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('repeated-words — A word typed twice in a row')
    expect(run.stdout).toContain('    1:8-1:15: Unexpected repeated `the`, remove one occurrence')
    const typo = await runCli(['--explain', 'quote-pair'])
    expect(typo.code).toBe(2)
    expect(typo.stderr.split('\n')[0]).toBe('copydesk: unknown rule "quote-pair" (did you mean "quote-pairs"?); see --list-rules')
  })

  it('complains when given no files and no piped input', async () => {
    const run = await runCli([])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('copydesk: no files given, and nothing piped to standard input')
  })
})

describe('files, folders and globs', () => {
  it('walks a folder for text files and skips other files and node_modules', async () => {
    const folder = tempFolder({
      'a.txt': 'the the\n',
      'sub/b.txt': 'Fine prose.\n',
      'sub/c.txt': 'on on\n',
      'notes.json': '{"the the": 1}',
      'page.xml': '<p>the the</p>',
      'node_modules/pkg/readme.txt': 'the the\n',
    })
    const run = await runCli(['.'], {cwd: folder})
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      [
        'a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]',
        `${path.join('sub', 'c.txt')}:1:1: error: Unexpected repeated \`on\`, remove one occurrence [repeated-words]`,
        '2 problems (2 errors, 0 warnings, 0 info) in 3 files',
        '',
      ].join('\n')
    )
  })

  it('expands a glob', async () => {
    const folder = tempFolder({'drafts/one.txt': 'the the\n', 'drafts/two.txt': 'Fine.\n', 'other/three.txt': 'the the\n'})
    const run = await runCli(['drafts/*.txt', '--format', 'json'], {cwd: folder})
    const paths = (JSON.parse(run.stdout) as Array<{path: string}>).map((result) => result.path)
    expect(paths).toEqual([path.join('drafts', 'one.txt'), path.join('drafts', 'two.txt')])
  })

  it('fails with exit code 2 on a folder with no text files', async () => {
    const folder = tempFolder({'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47])})
    const run = await runCli(['.'], {cwd: folder})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('copydesk: .: no text files in this folder (looked for .txt, .text, .md, .markdown, .html, .htm)\n')
  })

  it('fails with exit code 2 on a glob that matches nothing', async () => {
    const run = await runCli(['drafts/**/*.txt'], {cwd: tempFolder()})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('copydesk: drafts/**/*.txt: no files match this pattern\n')
  })
})

describe('bad input', () => {
  it('lints an empty file without a problem', async () => {
    const folder = tempFolder({'empty.txt': ''})
    expect(await runCli(['empty.txt'], {cwd: folder})).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('refuses a binary file with exit code 2 and lints nothing else', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'photo.txt': new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10])})
    const run = await runCli(['a.txt', 'photo.txt'], {cwd: folder})
    expect(run).toEqual({code: 2, stdout: '', stderr: 'copydesk: photo.txt: binary file (it holds NUL bytes), not text\n'})
  })

  it('refuses invalid UTF-8, naming the line and byte', async () => {
    const latin1 = Buffer.concat([Buffer.from('First line.\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')])
    const folder = tempFolder({'latin1.txt': latin1})
    const run = await runCli(['latin1.txt'], {cwd: folder})
    expect(run).toEqual({code: 2, stdout: '', stderr: 'copydesk: latin1.txt: invalid UTF-8 at line 2 (byte 15), save the file as UTF-8\n'})
  })

  it('refuses UTF-16 text with a hint', async () => {
    const folder = tempFolder({'wide.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hi', 'utf16le')])})
    const run = await runCli(['wide.txt'], {cwd: folder})
    expect(run.stderr).toBe('copydesk: wide.txt: UTF-16 text is not supported, save the file as UTF-8\n')
    expect(run.code).toBe(2)
  })

  it('keeps positions right with CRLF line endings', async () => {
    const folder = tempFolder({'crlf.txt': 'First paragraph.\r\n\r\nThen the the end.\r\n'})
    const run = await runCli(['crlf.txt'], {cwd: folder})
    expect(run.stdout.split('\n')[0]).toBe('crlf.txt:3:6: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
  })

  it('does not count a byte order mark as a column', async () => {
    const folder = tempFolder({'bom.txt': '\uFEFFthe the\n'})
    const run = await runCli(['bom.txt'], {cwd: folder})
    expect(run.stdout.split('\n')[0]).toBe('bom.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
  })

  it('fails with exit code 2 on an empty folder', async () => {
    const folder = tempFolder()
    mkdirSync(path.join(folder, 'empty-folder'))
    writeFileSync(path.join(folder, 'x.txt'), 'ok\n')
    const run = await runCli(['empty-folder'], {cwd: folder})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('copydesk: empty-folder: no text files in this folder (looked for .txt, .text, .md, .markdown, .html, .htm)\n')
  })

  it('never changes the linted file', async () => {
    const {readFileSync} = await import('node:fs')
    const before = readFileSync(referenceArticle)
    await runCli([ARTICLE])
    expect(readFileSync(referenceArticle).equals(before)).toBe(true)
  })
})

describe('found by a user trying to break it', () => {
  it('does not count a file twice through a symbolic link to a parent folder', async () => {
    const {symlinkSync} = await import('node:fs')
    const folder = tempFolder({'loop/sub/a.txt': 'the the\n'})
    symlinkSync('..', path.join(folder, 'loop', 'sub', 'up'), 'dir')
    const run = await runCli(['loop', '--format', 'json'], {cwd: folder})
    expect((JSON.parse(run.stdout) as Array<{path: string}>).map((result) => result.path)).toEqual([path.join('loop', 'sub', 'a.txt')])
  })

  it('walks into files whose extension is in capitals', async () => {
    const folder = tempFolder({'NOTE.TXT': 'the the\n'})
    expect((await runCli(['.'], {cwd: folder})).stdout.split('\n')[0]).toBe('NOTE.TXT:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
  })

  it('fails with exit code 2 when every file found is ignored', async () => {
    const folder = tempFolder({'.lintrc': '{"ignore": ["a.txt"]}', 'a.txt': 'the the\n'})
    expect(await runCli(['.'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr: 'copydesk: .: all the files found are ignored (by "ignore" in the configuration or by .lintignore)\n',
    })
  })

  it('says "1 warning" in the --max-warnings message', async () => {
    const run = await runCli(['--max-warnings', '0', '-'], {stdin: 'The KRG met.\n'})
    expect(run.stderr).toBe('copydesk: 1 warning, more than --max-warnings 0\n')
  })

  it('lets the last of --color and --no-color win', async () => {
    expect((await runCli(['--no-color', '--color', '-'], {stdin: 'the the\n'})).stdout).toContain('\u001B[31merror')
    expect((await runCli(['--color', '--no-color', '-'], {stdin: 'the the\n'})).stdout).not.toContain('\u001B[')
  })
})
