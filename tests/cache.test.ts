import {execFileSync} from 'node:child_process'
import {existsSync, lstatSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {LintCache} from '../src/cache.js'
import {lintFiles} from '../src/lint-files.js'
import {corpus, runCli, tempFolder} from './helpers.js'

/**
 * The cache file as the README describes it: a first line naming the layout,
 * a header of JSON in ASCII on one line, then the region of the renderings
 * and the region of the messages, which the header's spans point into. Read
 * and written here on its own terms, so that tests can damage one part of an
 * entry and see what a run makes of it.
 */
interface CacheEntry {
  key: string
  fingerprint: unknown
  counts: [number, number, number]
  /** `[strings, messages]`: each message a tuple whose rule id, message id, severity and url index the strings (from 1). */
  messages: [string[], unknown[][]]
  /** The report as output formats wrote it, the latest first. */
  renderings: Array<{id: string; text: string}>
}

type Span = [number, number]

const LAYOUT_LINE = 'copydesk-cache 4\n'

function readCache(file: string): Record<string, CacheEntry> {
  const bytes = readFileSync(file)
  expect(bytes.toString('latin1', 0, LAYOUT_LINE.length)).toBe(LAYOUT_LINE)
  const end = bytes.indexOf(0x0a, LAYOUT_LINE.length)
  const headerBytes = bytes.subarray(LAYOUT_LINE.length, end)
  expect(headerBytes.every((byte) => byte < 0x80)).toBe(true)
  const header = JSON.parse(headerBytes.toString('latin1')) as {renderings: number; entries: Record<string, [string, unknown, [number, number, number], Span, Array<[string, Span]>]>}
  const renderings = bytes.subarray(end + 1, end + 1 + header.renderings)
  const messages = bytes.subarray(end + 1 + header.renderings)
  const text = (region: Buffer, [start, length]: Span) => region.toString('utf8', start, start + length)
  return Object.fromEntries(
    Object.entries(header.entries).map(([name, [key, fingerprint, counts, messagesSpan, renderingSpans]]) => {
      const entry: CacheEntry = {
        key,
        fingerprint,
        counts,
        messages: JSON.parse(text(messages, messagesSpan)) as CacheEntry['messages'],
        renderings: renderingSpans.map(([id, span]) => ({id, text: text(renderings, span)})),
      }
      return [name, entry]
    })
  )
}

function writeCache(file: string, entries: Record<string, CacheEntry>): void {
  const regions = {renderings: [] as Buffer[], messages: [] as Buffer[]}
  const sizes = {renderings: 0, messages: 0}
  const place = (region: 'renderings' | 'messages', text: string): Span => {
    const bytes = Buffer.from(text)
    regions[region].push(bytes)
    sizes[region] += bytes.length
    return [sizes[region] - bytes.length, bytes.length]
  }
  const header = Object.fromEntries(
    Object.entries(entries).map(([name, entry]) => [
      name,
      [
        entry.key,
        entry.fingerprint,
        entry.counts,
        place('messages', JSON.stringify(entry.messages)),
        entry.renderings.map((rendering) => [rendering.id, place('renderings', rendering.text)]),
      ],
    ])
  )
  const headerLine = `${LAYOUT_LINE}${JSON.stringify({renderings: sizes.renderings, entries: header})}\n`
  writeFileSync(file, Buffer.concat([Buffer.from(headerLine), ...regions.renderings, ...regions.messages]))
}

/** Changes every entry of a cache file. */
function editCache(file: string, edit: (entry: CacheEntry, name: string) => void): void {
  const entries = readCache(file)
  for (const [name, entry] of Object.entries(entries)) edit(entry, name)
  writeCache(file, entries)
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2100))

/**
 * Two files and a plugin that, while f1.txt is linted and if the file
 * `trigger` exists, runs `change` on f2.txt (named `f2` there): after f2.txt
 * was checked, before its report is replayed.
 */
function f2ChangedWhileF1IsLinted(change: string): {folder: string; f2: string; trigger: string} {
  const folder = tempFolder({'f1.txt': 'the the\n', 'f2.txt': 'A line.\non on\n'})
  const f2 = path.join(folder, 'f2.txt')
  const trigger = path.join(folder, 'trigger')
  const plugin = [
    "import {existsSync, rmSync, writeFileSync} from 'node:fs'",
    `const f2 = ${JSON.stringify(f2)}`,
    `const trigger = ${JSON.stringify(trigger)}`,
    `export default function attacher() { return () => { if (existsSync(trigger)) { rmSync(trigger); ${change} } } }`,
  ].join('\n')
  writeFileSync(path.join(folder, 'plugin.mjs'), plugin)
  writeFileSync(path.join(folder, '.lintrc'), '{"plugins": ["./plugin.mjs"]}')
  return {folder, f2, trigger}
}

describe('--cache', () => {
  it('replays unchanged files and re-lints exactly the file that changed', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    const first = await runCli(['--cache', '.'], {cwd: folder})
    expect(first.stdout).toContain('a.txt:1:1: error: Unexpected repeated `the`')
    const cacheFile = path.join(folder, '.copydeskcache')
    // Tamper with b.txt's stored report: if it is replayed, the tampered text shows.
    editCache(cacheFile, (entry) => {
      for (const rendering of entry.renderings) rendering.text = rendering.text.replace('Unexpected repeated `on`', 'Replayed from the cache')
    })
    writeFileSync(path.join(folder, 'a.txt'), 'so so\n')
    const second = await runCli(['--cache', '.'], {cwd: folder})
    expect(second.stdout).toBe(
      [
        'a.txt:1:1: error: Unexpected repeated `so`, remove one occurrence [repeated-words]',
        'b.txt:1:1: error: Replayed from the cache, remove one occurrence [repeated-words]',
        '2 problems (2 errors, 0 warnings, 0 info) in 2 files',
        '',
      ].join('\n')
    )
  })

  it('writes the rendering it kept for the format asked for, and rebuilds the messages for another', async () => {
    const folder = tempFolder({'b.txt': 'on on\n'})
    // Settled, the file is replayed by its metadata: an unchanged cache is not written again.
    await settle()
    await runCli(['--cache', 'b.txt'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    editCache(cacheFile, (entry) => {
      entry.renderings = entry.renderings.map(({id}) => ({id, text: 'b.txt:9:9: error: As rendered [repeated-words]\n'}))
      const [message] = entry.messages[1]
      if (message) message[3] = 'Rebuilt from the messages'
    })
    expect((await runCli(['--cache', 'b.txt'], {cwd: folder})).stdout.split('\n')[0]).toBe('b.txt:9:9: error: As rendered [repeated-words]')
    const compact = await runCli(['--cache', '--format', 'compact', 'b.txt'], {cwd: folder})
    expect(compact.stdout.split('\n')[0]).toBe(`${path.join(folder, 'b.txt')}: line 1, col 1, Error - Rebuilt from the messages (repeated-words)`)
    // The cache now keeps the compact rendering, made from the same messages, before the other.
    const [entry] = Object.values(readCache(cacheFile))
    expect(entry?.renderings.map((rendering) => rendering.text)).toEqual([`${compact.stdout.split('\n')[0]}\n`, 'b.txt:9:9: error: As rendered [repeated-words]\n'])
    expect(entry?.messages[1][0]?.[3]).toBe('Rebuilt from the messages')
    // Each format now replays its own, and the cache is not written again.
    const bytes = readFileSync(cacheFile)
    expect((await runCli(['--cache', 'b.txt'], {cwd: folder})).stdout.split('\n')[0]).toBe('b.txt:9:9: error: As rendered [repeated-words]')
    expect((await runCli(['--cache', '--format', 'compact', 'b.txt'], {cwd: folder})).stdout).toBe(compact.stdout)
    expect(readFileSync(cacheFile)).toEqual(bytes)
  })

  it('keeps the three latest renderings of a report', async () => {
    const folder = tempFolder({'b.txt': 'on on\n'})
    for (const format of ['editor', 'compact', 'github', 'json']) await runCli(['--cache', '--format', format, 'b.txt'], {cwd: folder})
    const [entry] = Object.values(readCache(path.join(folder, '.copydeskcache')))
    expect(entry?.renderings.map((rendering) => rendering.id.split(/[ \0]/u)[0])).toEqual(['json', 'github', 'compact'])
  })

  it('keeps a rendering under the name the file was shown by', async () => {
    const folder = tempFolder({'drafts/b.txt': 'on on\n'})
    await runCli(['--cache', '--cache-location', '../cache', 'b.txt'], {cwd: path.join(folder, 'drafts')})
    const fromAbove = await runCli(['--cache', '--cache-location', 'cache', 'drafts/b.txt'], {cwd: folder})
    expect(fromAbove.stdout.split('\n')[0]).toBe(`${path.join('drafts', 'b.txt')}:1:1: error: Unexpected repeated \`on\`, remove one occurrence [repeated-words]`)
  })

  it('counts the problems of a replayed rendering for the summary and --max-warnings', async () => {
    const folder = tempFolder({'a.txt': 'The KRG met.\n', 'b.txt': 'The KRG met.\n'})
    const first = await runCli(['--cache', '--max-warnings', '1', '.'], {cwd: folder})
    const second = await runCli(['--cache', '--max-warnings', '1', '.'], {cwd: folder})
    expect(first.stdout.split('\n').at(-2)).toBe('2 problems (0 errors, 2 warnings, 0 info) in 2 files')
    expect(second).toEqual(first)
    expect(second.code).toBe(1)
    expect(second.stderr).toBe('copydesk: 2 warnings, more than --max-warnings 1\n')
  })

  it('replays, without reading it, a file whose metadata is as it was, unless it changed just before', async () => {
    const folder = tempFolder({'settled.txt': 'the the\n', 'fresh.txt': 'on on\n'})
    // A file changed within two seconds of being read could change again unseen by its metadata: let one settle.
    await settle()
    writeFileSync(path.join(folder, 'fresh.txt'), 'so so\n')
    await runCli(['--cache', '.'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    // Spoil each entry's content digest and rendering: a replay without reading shows the rendering, a check of the bytes lints afresh.
    editCache(cacheFile, (entry, name) => {
      entry.key = `${entry.key.split(':')[0]}:${'0'.repeat(32)}`
      for (const rendering of entry.renderings) rendering.text = `${path.basename(name)}:1:1: error: Replayed unread [repeated-words]\n`
    })
    const second = await runCli(['--cache', '.'], {cwd: folder})
    expect(second.stdout.split('\n').slice(0, 2)).toEqual([
      'fresh.txt:1:1: error: Unexpected repeated `so`, remove one occurrence [repeated-words]',
      'settled.txt:1:1: error: Replayed unread [repeated-words]',
    ])
    // Settled or not, a file is linted again under other settings.
    writeFileSync(path.join(folder, '.lintrc'), '{"rules": {"repeated-words": "warning"}}')
    const third = await runCli(['--cache', '.'], {cwd: folder})
    expect(third.stdout.split('\n')[1]).toBe('settled.txt:1:1: warning: Unexpected repeated `the`, remove one occurrence [repeated-words]')
  })

  it('reads and lints a settled file whose entry is damaged, and stores a whole entry for it again', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    await settle()
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    const before = Object.values(readCache(cacheFile))[0]
    editCache(cacheFile, (entry) => {
      entry.messages[0] = []
      entry.renderings = []
    })
    const second = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(second.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(second.stderr).toBe('')
    const after = Object.values(readCache(cacheFile))[0]
    expect(after?.key).toMatch(/^[\da-f]{32}:[\da-f]{32}$/u)
    const {fingerprint: _before, ...whole} = before as CacheEntry
    expect(after).toMatchObject(whole)
  })

  it('takes an entry whose spans reach past the payload as no entry, and lints the file again', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    const bytes = readFileSync(cacheFile)
    // Cut the payload short: the header now points past its end.
    writeFileSync(cacheFile, bytes.subarray(0, bytes.length - 10))
    const run = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(run.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(run.stderr).toBe('')
    expect(Object.values(readCache(cacheFile))).toHaveLength(1)
  })

  it.each(['json', 'stylish', 'editor', 'compact', 'github'])('replays every field of every message: %s output is the same as a fresh run', async (format) => {
    const folder = corpus(20)
    const fresh = await runCli(['--format', format, 'drafts'], {cwd: folder})
    const filling = await runCli(['--format', format, '--cache', 'drafts'], {cwd: folder})
    const replayed = await runCli(['--format', format, '--cache', 'drafts'], {cwd: folder})
    expect(fresh.stdout).toContain('“')
    expect(filling.stdout).toBe(fresh.stdout)
    expect(replayed.stdout).toBe(fresh.stdout)
    expect([filling.code, replayed.code, replayed.stderr]).toEqual([fresh.code, fresh.code, ''])
  })

  it.each(['json', 'stylish', 'sarif'])('rebuilds the messages kept for another format: %s output is the same as a fresh run', async (format) => {
    const folder = corpus(20)
    const fresh = await runCli(['--format', format, 'drafts'], {cwd: folder})
    await runCli(['--cache', 'drafts'], {cwd: folder})
    const rebuilt = await runCli(['--format', format, '--cache', 'drafts'], {cwd: folder})
    expect(rebuilt.stdout).toBe(fresh.stdout)
    expect([rebuilt.code, rebuilt.stderr]).toEqual([fresh.code, ''])
  })

  it('gives API callers the messages of a report replayed as rendered', async () => {
    const folder = corpus(6)
    const renderer = {id: 'lines', render: (result: {messages: Array<{line: number}>}) => result.messages.map((message) => `${message.line}\n`).join('')}
    const cacheLocation = path.join(folder, 'cache')
    const fresh = await lintFiles(['drafts'], {cwd: folder, withSource: false})
    await lintFiles(['drafts'], {cwd: folder, cacheLocation, renderer})
    const replayed = await lintFiles(['drafts'], {cwd: folder, cacheLocation, renderer, withSource: false})
    expect(replayed.results.map((result) => Buffer.from(result.rendered ?? []).toString())).toEqual(fresh.results.map((result) => renderer.render(result)))
    expect(replayed.results.map(({rendered: _rendered, ...result}) => ({...result}))).toEqual(fresh.results)
  })

  it('gives API callers a replayed report they can change, with its fields in the order of a fresh one', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    const renderer = {id: 'count', render: (result: {messages: unknown[]}) => String(result.messages.length)}
    const cacheLocation = path.join(folder, 'cache')
    const [fresh] = (await lintFiles(['a.txt'], {cwd: folder, cacheLocation, renderer, withSource: false})).results
    const [replayed] = (await lintFiles(['a.txt'], {cwd: folder, cacheLocation, renderer, withSource: false})).results
    if (!fresh || !replayed) throw new Error('no report')
    expect(Object.keys(replayed)).toEqual(Object.keys(fresh))
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(fresh))
    replayed.messages = replayed.messages.filter((message) => message.ruleId !== 'repeated-words')
    expect(replayed.messages).toEqual([])
  })

  it('gives API callers the messages of a report replayed as rendered after lintFiles has returned', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    await settle()
    const renderer = {id: 'count', render: (result: {messages: unknown[]}) => String(result.messages.length)}
    const cacheLocation = path.join(folder, 'cache')
    const fresh = (await lintFiles(['.'], {cwd: folder, cacheLocation, renderer, withSource: false})).results
    // Settled and unchanged, nothing is written: the cache file is closed when the second run returns, its messages unread.
    const replayed = (await lintFiles(['.'], {cwd: folder, cacheLocation, renderer, withSource: false})).results
    expect(replayed.map((result) => result.messages)).toEqual(fresh.map((result) => result.messages))
    expect(replayed.map((result) => result.messages.length)).toEqual([1, 1])
  })

  it('gives API callers a report rebuilt from the cache with its fields in the order of a fresh one', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    const cacheLocation = path.join(folder, 'cache')
    const [fresh] = (await lintFiles(['a.txt'], {cwd: folder, cacheLocation})).results
    const [replayed] = (await lintFiles(['a.txt'], {cwd: folder, cacheLocation})).results
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(fresh))
  })

  it('lints again a file whose kept rendering was cut short after the cache was opened', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    await settle()
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    const [[name, entry]] = Object.entries(readCache(cacheFile)) as [[string, CacheEntry]]
    const cache = LintCache.open(cacheFile, () => undefined)
    // Cut inside the rendering, as something else writing the file in place would.
    truncateSync(cacheFile, readFileSync(cacheFile).indexOf(Buffer.from(entry.renderings[0]?.text ?? '')) + 5)
    expect(cache.rendering(name, entry.renderings[0]?.id ?? '')).toBeUndefined()
    expect(cache.holds(name, entry.key, entry.renderings[0]?.id)).toBe(false)
    cache.close()
  })

  it('forgets the files that are gone when it is written again', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    await runCli(['--cache', '.'], {cwd: folder})
    rmSync(path.join(folder, 'b.txt'))
    writeFileSync(path.join(folder, 'a.txt'), 'so so\n')
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(Object.keys(readCache(path.join(folder, '.copydeskcache')))).toEqual([path.join(folder, 'a.txt')])
  })

  it.each([
    ['a message text that is not text', (message: unknown[]) => (message[3] = 5)],
    ['no severity', (message: unknown[]) => (message[2] = 0)],
    ['a line that is not a number', (message: unknown[]) => (message[4] = '1')],
  ])('lints a file again whose stored messages are damaged: %s', async (_damage, damage) => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    editCache(path.join(folder, '.copydeskcache'), (entry) => entry.messages[1].forEach(damage))
    // In another format than the one whose rendering is kept: the messages are what it is made from.
    const run = await runCli(['--cache', '--format', 'github', 'a.txt'], {cwd: folder})
    expect([run.code, run.stderr]).toEqual([1, ''])
    expect(run.stdout).toBe('::error file=a.txt,line=1,col=1,endLine=1,endColumn=8,title=repeated-words::Unexpected repeated `the`, remove one occurrence\n')
  })

  it('writes the header in ASCII, and the messages with the strings they repeat in one table', async () => {
    const folder = tempFolder({'é/a.txt': 'He said “we stay» and the the end.\n'})
    const run = await runCli(['--cache', 'é/a.txt'], {cwd: folder})
    const [[name, entry]] = Object.entries(readCache(path.join(folder, '.copydeskcache'))) as [[string, CacheEntry]]
    expect(name).toBe(path.join(folder, 'é', 'a.txt'))
    // The digest of the settings, then of the bytes.
    expect(entry.key).toMatch(/^[\da-f]{32}:[\da-f]{32}$/u)
    expect(entry.counts).toEqual([2, 0, 0])
    const [strings, messages] = entry.messages
    expect(strings).toEqual(expect.arrayContaining(['quote-pairs', 'repeated-words', 'error']))
    expect(messages.map((message) => strings[(message[0] as number) - 1])).toEqual(['quote-pairs', 'repeated-words'])
    expect(messages.map((message) => message[3])).toEqual([
      'Unexpected `»` closing the quotation opened with `“` at 1:9, expected `”`',
      'Unexpected repeated `the`, remove one occurrence',
    ])
    // The rendering is the file's part of the output, byte for byte.
    expect(entry.renderings.map((rendering) => rendering.text)).toEqual([run.stdout.split('\n').slice(0, 2).join('\n') + '\n'])
  })

  it('replays characters past U+FFFF, as rendered and rebuilt', async () => {
    const folder = tempFolder({'a.txt': 'We 🙂 agree.\n', '.lintrc': JSON.stringify({patterns: [{pattern: '🙂', message: 'Unexpected 🙂 in print'}]})})
    const first = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(first.stdout).toContain('Unexpected 🙂 in print')
    expect(await runCli(['--cache', 'a.txt'], {cwd: folder})).toEqual(first)
    const json = await runCli(['--cache', '--format', 'json', 'a.txt'], {cwd: folder})
    expect((JSON.parse(json.stdout) as Array<{messages: Array<{message: string}>}>)[0]?.messages[0]?.message).toContain('Unexpected 🙂 in print')
  })

  it.each([
    ['the JSON of layout 3', '{"version": 3, "strings": [], "entries": {}}'],
    ['a later layout', 'copydesk-cache 9\nwhatever comes next'],
    ['a layout numbered past 9', 'copydesk-cache 10\nwhatever comes next'],
    ['an empty file (touch .copydeskcache)', ''],
  ])('rebuilds a cache written in another layout without a warning: %s', async (_layout, content) => {
    const folder = tempFolder({'a.txt': 'the the\n', '.copydeskcache': content})
    const run = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect([run.code, run.stderr]).toEqual([1, ''])
    expect(Object.keys(readCache(path.join(folder, '.copydeskcache')))).toEqual([path.join(folder, 'a.txt')])
  })

  it('keeps no cache in a FIFO, which would hang the run, and says so', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    execFileSync('mkfifo', [path.join(folder, 'cache.fifo')])
    const run = await runCli(['--cache-location', 'cache.fifo', 'a.txt'], {cwd: folder})
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Unexpected repeated `the`')
    expect(run.stderr).toBe(`copydesk: warning: ${path.join(folder, 'cache.fifo')}: not a regular file, so no cache is kept there\n`)
    expect(lstatSync(path.join(folder, 'cache.fifo')).isFIFO()).toBe(true)
  })

  it('keeps no cache in the null device, without a word, by its name or through a link', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    symlinkSync('/dev/null', path.join(folder, 'nothing'))
    for (const location of ['/dev/null', 'nothing']) {
      const run = await runCli(['--cache-location', location, 'a.txt'], {cwd: folder})
      expect([run.code, run.stderr]).toEqual([1, ''])
      expect(run.stdout).toContain('Unexpected repeated `the`')
    }
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
    expect(readFileSync('/dev/null', 'utf8')).toBe('')
  })

  it.each([
    ['cut JSON', '{"version": 1, "entr'],
    ['a damaged header', `${LAYOUT_LINE}{"entries": [\n`],
    ['renderings past the end', `${LAYOUT_LINE}{"renderings": 99, "entries": {}}\nshort`],
    ['no header line', LAYOUT_LINE],
    ['something else', 'not a cache at all'],
  ])('ignores a corrupt cache with a warning, and rewrites it: %s', async (_kind, content) => {
    const folder = tempFolder({'a.txt': 'the the\n', '.copydeskcache': content})
    const run = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(run.stderr).toBe(`copydesk: warning: ${path.join(folder, '.copydeskcache')}: the cache is corrupt, so it is ignored and will be rewritten\n`)
    expect(Object.keys(readCache(path.join(folder, '.copydeskcache')))).toEqual([path.join(folder, 'a.txt')])
  })

  it('keeps a report under the key of the bytes it was made from when the file changes while the run goes on', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    const b = path.join(folder, 'b.txt')
    const cacheLocation = path.join(folder, '.copydeskcache')
    const lines: string[] = []
    let changeB = true
    const lintAll = () =>
      lintFiles(['.'], {
        cwd: folder,
        cacheLocation,
        concurrency: 1,
        onResult: (result) => {
          lines.push(...result.messages.map((message) => `${result.path}: ${message.message}`))
          // b.txt was read and checked as "on on"; it is linted after a.txt's report comes in.
          if (result.path === 'a.txt' && changeB) writeFileSync(b, 'so so\n')
        },
      })
    await lintAll()
    expect(lines).toEqual(['a.txt: Unexpected repeated `the`, remove one occurrence', 'b.txt: Unexpected repeated `so`, remove one occurrence'])
    // Back to the bytes it was checked as: a report kept under their key would replay `so` for them.
    changeB = false
    writeFileSync(b, 'on on\n')
    lines.length = 0
    await lintAll()
    expect(lines).toEqual(['a.txt: Unexpected repeated `the`, remove one occurrence', 'b.txt: Unexpected repeated `on`, remove one occurrence'])
  })

  it('shows a replayed report without lines that are no longer those it was made from, and keeps no rendering of it', async () => {
    const {folder, f2, trigger} = f2ChangedWhileF1IsLinted("writeFileSync(f2, 'Quite different now.\\n')")
    const stylishBlockOf = (stdout: string) => stdout.split('\n\n').find((block) => block.startsWith('f2.txt'))
    const message = '  2:1  error  Unexpected repeated `on`, remove one occurrence  repeated-words'

    await runCli(['--format', 'json', '--cache', '.'], {cwd: folder})
    writeFileSync(path.join(folder, 'f1.txt'), 'so so\n')
    writeFileSync(trigger, '')
    const changed = await runCli(['--format', 'stylish', '--cache', '.'], {cwd: folder})
    expect(existsSync(trigger)).toBe(false)
    expect(stylishBlockOf(changed.stdout)).toBe(['f2.txt', message].join('\n'))

    writeFileSync(f2, 'A line.\non on\n')
    const restored = await runCli(['--format', 'stylish', '--cache', '.'], {cwd: folder})
    expect(stylishBlockOf(restored.stdout)).toBe(['f2.txt', message, '    on on', '    ^^^^^'].join('\n'))
  })

  it('shows a replayed report without lines when its file is gone by the time it is shown, as it was checked present', async () => {
    const {folder, f2, trigger} = f2ChangedWhileF1IsLinted('rmSync(f2)')
    await runCli(['--format', 'json', '--cache', '.'], {cwd: folder})
    writeFileSync(path.join(folder, 'f1.txt'), 'so so\n')
    writeFileSync(trigger, '')
    const run = await runCli(['--format', 'stylish', '--cache', '.'], {cwd: folder})
    expect(existsSync(f2)).toBe(false)
    expect({code: run.code, stderr: run.stderr}).toEqual({code: 1, stderr: ''})
    expect(run.stdout.split('\n\n').find((block) => block.startsWith('f2.txt'))).toBe(['f2.txt', '  2:1  error  Unexpected repeated `on`, remove one occurrence  repeated-words'].join('\n'))
  })

  it('lints again when the configuration changes', async () => {
    const folder = tempFolder({'a.txt': 'The KRG met.\n'})
    const before = await runCli(['--cache-location', 'cache.json', 'a.txt'], {cwd: folder})
    expect(before.stdout).toContain(': warning: ')
    writeFileSync(path.join(folder, '.lintrc'), '{"rules": {"acronym-definition": "error"}}')
    const after = await runCli(['--cache-location', 'cache.json', 'a.txt'], {cwd: folder})
    expect(after.stdout).toContain('a.txt:1:5: error: Unexpected undefined acronym `KRG`')
  })

  it('still reports when the cache cannot be written, with a warning', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'blocker': 'a file, not a folder'})
    const run = await runCli(['--cache-location', 'blocker/cache.json', 'a.txt'], {cwd: folder})
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(run.stderr).toBe(`copydesk: warning: ${path.join(folder, 'blocker', 'cache.json')}: the cache cannot be written (EEXIST)\n`)
  })
})
