import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot, runCli, spawnCli, tempFolder} from './helpers.js'

const fixtures = path.join(repoRoot, 'fixtures', 'articles')
const drafts = readdirSync(fixtures).filter((name) => /\.(txt|md|html)$/u.test(name))

/** A folder of `count` drafts cycling through the fixtures. */
function corpus(count: number): string {
  const files: Record<string, string> = {}
  for (let index = 0; index < count; index++) {
    const name = drafts[index % drafts.length] ?? 'empty.txt'
    files[`drafts/${String(index).padStart(3, '0')}-${name}`] = readFileSync(path.join(fixtures, name), 'utf8')
  }
  return tempFolder(files)
}

/** A corpus whose configuration loads a do-nothing retext plugin that first runs `code` (with node:fs and node:worker_threads at hand). */
function corpusWithPlugin(code: string): string {
  const folder = corpus(40)
  const imports = "import {writeFileSync} from 'node:fs'\nimport {isMainThread, threadId} from 'node:worker_threads'\n"
  writeFileSync(path.join(folder, 'plugin.mjs'), `${imports}${code}\nexport default function attacher() { return () => {} }\n`)
  writeFileSync(path.join(folder, '.lintrc'), '{"plugins": ["./plugin.mjs"]}')
  return folder
}

describe('worker threads', () => {
  it('give the same output, in the same order, as one thread', async () => {
    const folder = corpus(40)
    const serial = await runCli(['--concurrency', '1', 'drafts'], {cwd: folder})
    const parallel = await runCli(['--concurrency', '2', 'drafts'], {cwd: folder})
    expect(serial.stdout.split('\n').length).toBeGreaterThan(100)
    expect(parallel).toEqual(serial)
  })

  it('run from the bundle of the real command, with the same output as one thread', () => {
    // A plugin that leaves a mark when a worker thread loads it: the worker did start.
    const folder = corpusWithPlugin("if (!isMainThread) writeFileSync(new URL(`./worker-${threadId}`, import.meta.url), '')")
    const serial = spawnCli(['--concurrency', '1', 'drafts'], {cwd: folder})
    const parallel = spawnCli(['--concurrency', '2', 'drafts'], {cwd: folder})
    expect(readdirSync(folder).filter((name) => name.startsWith('worker-'))).toHaveLength(1)
    expect(serial.stdout.split('\n').length).toBeGreaterThan(100)
    expect(parallel).toEqual(serial)
  })

  it('lint on this thread the files of a worker that dies', async () => {
    // A plugin that ends any worker thread that loads it, as running out of memory would.
    const folder = corpusWithPlugin("if (!isMainThread) process.exit(7)")
    const serial = await runCli(['--concurrency', '1', 'drafts'], {cwd: folder})
    const parallel = await runCli(['--concurrency', '3', 'drafts'], {cwd: folder})
    expect(serial.stdout.split('\n').length).toBeGreaterThan(100)
    expect(parallel).toEqual(serial)
  })

  it('start no worker by default for a little text, and do when threads are asked for', async () => {
    // A plugin that leaves a mark when a worker thread loads it.
    const folder = corpusWithPlugin("if (!isMainThread) writeFileSync(new URL(`./worker-${threadId}`, import.meta.url), '')")
    const workersIn = () => readdirSync(folder).filter((name) => name.startsWith('worker-')).length
    await runCli(['drafts'], {cwd: folder})
    expect(workersIn()).toBe(0)
    await runCli(['--concurrency', '2', 'drafts'], {cwd: folder})
    expect(workersIn()).toBe(1)
  })

  it('refuses a concurrency below 1', async () => {
    const run = await runCli(['--concurrency', '0', 'x.txt'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('copydesk: --concurrency expects a whole number of 1 or more, not "0"')
  })
})

describe('--cache', () => {
  it('replays unchanged files and re-lints exactly the file that changed', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    const first = await runCli(['--cache', '.'], {cwd: folder})
    expect(first.stdout).toContain('a.txt:1:1: error: Unexpected repeated `the`')
    const cacheFile = path.join(folder, '.copydeskcache')
    // Tamper with b.txt's stored report: if it is replayed, the tampered text shows.
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace('Unexpected repeated `on`', 'Replayed from the cache'))
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

  it('replays, without reading it, a file whose metadata is as it was, unless it changed just before', async () => {
    const folder = tempFolder({'settled.txt': 'the the\n', 'fresh.txt': 'on on\n'})
    // A file changed within two seconds of being read could change again unseen by its metadata: let one settle.
    await new Promise((resolve) => setTimeout(resolve, 2100))
    writeFileSync(path.join(folder, 'fresh.txt'), 'so so\n')
    await runCli(['--cache', '.'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    // Spoil each entry's content digest and message: a replay without reading shows the message, a check of the bytes lints afresh.
    const cache = JSON.parse(readFileSync(cacheFile, 'latin1')) as {entries: Record<string, [string, unknown[][]]>}
    for (const entry of Object.values(cache.entries)) {
      entry[0] = `${entry[0].split(':')[0]}:${'0'.repeat(32)}`
      const [message] = entry[1]
      if (message) message[3] = 'Replayed unread'
    }
    writeFileSync(cacheFile, JSON.stringify(cache))
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
    await new Promise((resolve) => setTimeout(resolve, 2100))
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as {strings: string[]; entries: Record<string, [string, unknown[], unknown]>}
    writeFileSync(cacheFile, JSON.stringify({...cache, strings: []}))
    const second = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(second.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(second.stderr).toBe('')
    const [entry] = Object.values((JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof cache).entries)
    expect(entry?.[0]).toMatch(/^[\da-f]{32}:[\da-f]{32}$/u)
    expect(entry?.[0]).toBe(Object.values(cache.entries)[0]?.[0])
  })

  it('lints again when the configuration changes', async () => {
    const folder = tempFolder({'a.txt': 'The KRG met.\n'})
    const before = await runCli(['--cache-location', 'cache.json', 'a.txt'], {cwd: folder})
    expect(before.stdout).toContain(': warning: ')
    writeFileSync(path.join(folder, '.lintrc'), '{"rules": {"acronym-definition": "error"}}')
    const after = await runCli(['--cache-location', 'cache.json', 'a.txt'], {cwd: folder})
    expect(after.stdout).toContain('a.txt:1:5: error: Unexpected undefined acronym `KRG`')
  })

  it.each(['json', 'stylish', 'editor'])('replays every field of every message: %s output is the same as a fresh run', async (format) => {
    const folder = corpus(20)
    const fresh = await runCli(['--format', format, 'drafts'], {cwd: folder})
    const filling = await runCli(['--format', format, '--cache', 'drafts'], {cwd: folder})
    const replayed = await runCli(['--format', format, '--cache', 'drafts'], {cwd: folder})
    expect(fresh.stdout).toContain('“')
    expect(filling.stdout).toBe(fresh.stdout)
    expect(replayed.stdout).toBe(fresh.stdout)
    expect([filling.code, replayed.code, replayed.stderr]).toEqual([fresh.code, fresh.code, ''])
  })

  it('writes the cache as ASCII, with the strings every message repeats in one table', async () => {
    const folder = tempFolder({'a.txt': 'He said “we stay» and the the end.\n'})
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    const bytes = readFileSync(path.join(folder, '.copydeskcache'))
    expect(bytes.every((byte) => byte < 0x80)).toBe(true)
    const cache = JSON.parse(bytes.toString('latin1')) as {version: number; strings: string[]; entries: Record<string, [string, unknown[][]]>}
    expect(cache.version).toBe(3)
    expect(cache.strings).toEqual(expect.arrayContaining(['quote-pairs', 'repeated-words', 'error']))
    const [[key, messages]] = Object.values(cache.entries) as [[string, unknown[][]]]
    // The digest of the settings, then of the bytes.
    expect(key).toMatch(/^[\da-f]{32}:[\da-f]{32}$/u)
    expect(messages.map((message) => message[3])).toEqual([
      'Unexpected `»` closing the quotation opened with `“` at 1:9, expected `”`',
      'Unexpected repeated `the`, remove one occurrence',
    ])
  })

  it('writes characters past U+FFFF as escaped surrogates, and replays them', async () => {
    const folder = tempFolder({'a.txt': 'We 🙂 agree.\n', '.lintrc': JSON.stringify({patterns: [{pattern: '🙂', message: 'Unexpected 🙂 in print'}]})})
    const first = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(first.stdout).toContain('Unexpected 🙂 in print')
    const bytes = readFileSync(path.join(folder, '.copydeskcache'))
    expect(bytes.every((byte) => byte < 0x80)).toBe(true)
    expect(bytes.toString('latin1')).toContain('\\ud83d\\ude42')
    expect(await runCli(['--cache', 'a.txt'], {cwd: folder})).toEqual(first)
  })

  it('rebuilds a cache written in an older layout without a warning', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', '.copydeskcache': '{"version": 2, "strings": [], "entries": {}}'})
    const run = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect([run.code, run.stderr]).toEqual([1, ''])
    expect(JSON.parse(readFileSync(path.join(folder, '.copydeskcache'), 'utf8'))).toMatchObject({version: 3})
  })

  it('takes an entry that names a string the table lacks as no entry, and lints the file again', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    await runCli(['--cache', 'a.txt'], {cwd: folder})
    const cacheFile = path.join(folder, '.copydeskcache')
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as {strings: string[]}
    writeFileSync(cacheFile, JSON.stringify({...cache, strings: []}))
    const run = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(run.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(run.stderr).toBe('')
  })

  it('ignores a corrupt cache with a warning, and rewrites it', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', '.copydeskcache': '{"version": 1, "entr'})
    const run = await runCli(['--cache', 'a.txt'], {cwd: folder})
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`copydesk: warning: ${path.join(folder, '.copydeskcache')}: the cache is corrupt, so it is ignored and will be rewritten\n`)
    expect(JSON.parse(readFileSync(path.join(folder, '.copydeskcache'), 'utf8'))).toMatchObject({version: 3})
  })

  it('still reports when the cache cannot be written, with a warning', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'blocker': 'a file, not a folder'})
    const run = await runCli(['--cache-location', 'blocker/cache.json', 'a.txt'], {cwd: folder})
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
    expect(run.stderr).toBe(`copydesk: warning: ${path.join(folder, 'blocker', 'cache.json')}: the cache cannot be written (EEXIST)\n`)
  })
})

describe('--shard', () => {
  it('splits the files into disjoint shares that together hold them all, whatever their order', async () => {
    const folder = corpus(30)
    const names = readdirSync(path.join(folder, 'drafts')).map((name) => `drafts/${name}`)
    const shares: string[][] = []
    for (const shard of ['1/3', '2/3', '3/3']) {
      const run = await runCli(['--format', 'json', '--shard', shard, ...names], {cwd: folder})
      const reversed = await runCli(['--format', 'json', '--shard', shard, ...[...names].reverse()], {cwd: folder})
      const paths = (JSON.parse(run.stdout) as Array<{path: string}>).map((result) => result.path).sort()
      expect((JSON.parse(reversed.stdout) as Array<{path: string}>).map((result) => result.path).sort()).toEqual(paths)
      shares.push(paths)
    }
    expect(shares.every((share) => share.length > 0)).toBe(true)
    expect(shares.flat().sort()).toEqual(names.map((name) => name.split('/').join(path.sep)).sort())
  })

  it('refuses a shard that is not K/N', async () => {
    const run = await runCli(['--shard', '4/3', 'x.txt'])
    expect(run.stderr.split('\n')[0]).toBe('copydesk: --shard expects K/N with 1 <= K <= N, such as 2/4, not "4/3"')
  })
})
