import {execSync, spawnSync} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintText} from '../src/lint.js'
import {InputError} from '../src/pipeline/read.js'
import {LintPool} from '../src/pipeline/pool.js'
import {binPath, corpus, PERMISSION_FLAG, repoRoot, runCli, spawnCli, tempFolder} from './helpers.js'
import {sarifValidator} from './sarif-schema.js'

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

  it('stop with one line naming a file that is gone when its turn comes, whichever thread was to lint it', async () => {
    const folder = corpus(40)
    const last = readdirSync(path.join(folder, 'drafts')).sort().at(-1) ?? ''
    // On the main thread, the first file linted deletes the last, after every file was checked.
    const plugin = [
      "import {rmSync} from 'node:fs'",
      "import {isMainThread} from 'node:worker_threads'",
      'let first = true',
      `export default function attacher() { return () => { if (isMainThread && first) { first = false; rmSync(${JSON.stringify(path.join(folder, 'drafts', last))}) } } }`,
    ].join('\n')
    writeFileSync(path.join(folder, 'plugin.mjs'), plugin)
    writeFileSync(path.join(folder, '.lintrc'), '{"plugins": ["./plugin.mjs"]}')
    const run = await runCli(['--concurrency', '2', 'drafts'], {cwd: folder})
    expect({code: run.code, stderr: run.stderr}).toEqual({code: 2, stderr: `copydesk: ${path.join('drafts', last)}: no such file or folder\n`})
  })

  it('fail the run, not the process, when a file a worker is to lint cannot be read again', async () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    const pool = new LintPool(2, {configFile: undefined, quiet: false})
    const linted: number[] = []
    const jobAt = (index: number) => {
      // The worker takes the first two at once; the third is asked for when it answers.
      if (index === 3) throw new InputError('gone.txt: no such file or folder')
      return {absolute: path.join(folder, 'a.txt'), text: 'the the\n'}
    }
    // This thread's lane is slow: the worker's lane asks for the third file.
    const lintHere = async () => {
      await new Promise((resolve) => setTimeout(resolve, 3000))
      return lintText('on on\n')
    }
    try {
      await expect(pool.run({count: 6, jobAt, lintHere, done: (index) => linted.push(index)})).rejects.toThrow('gone.txt: no such file or folder')
    } finally {
      await pool.close()
    }
    expect(linted).toContain(1)
    expect(linted).not.toContain(4)
  })

  it('show the lines of the text linted here, not of the one a worker that died was sent, when the file changed in between', async () => {
    const files = Object.fromEntries(Array.from({length: 20}, (_, index) => [`drafts/f${String(index).padStart(2, '0')}.txt`, 'A first line.\nThe the end.\n']))
    const folder = tempFolder(files)
    // Every worker dies as it loads the plugin; the first file linted here rewrites one the worker was sent.
    const plugin = [
      "import {writeFileSync} from 'node:fs'",
      "import {isMainThread} from 'node:worker_threads'",
      'if (!isMainThread) process.exit(7)',
      'let first = true',
      `export default function attacher() { return () => { if (first) { first = false; writeFileSync(${JSON.stringify(path.join(folder, 'drafts', 'f01.txt'))}, 'Another line here.\\nso so\\n') } } }`,
    ].join('\n')
    writeFileSync(path.join(folder, 'plugin.mjs'), plugin)
    writeFileSync(path.join(folder, '.lintrc'), '{"plugins": ["./plugin.mjs"]}')
    const run = await runCli(['--format', 'stylish', '--concurrency', '2', 'drafts'], {cwd: folder})
    const block = run.stdout.split('\n\n').find((text) => text.startsWith(path.join('drafts', 'f01.txt')))
    expect(block).toBe([path.join('drafts', 'f01.txt'), '  2:1  error  Unexpected repeated `so`, remove one occurrence  repeated-words', '    so so', '    ^^^^^'].join('\n'))
  })

  it('lint every file on the main thread where no thread can be made', () => {
    // Node's permission model refuses worker threads unless they are allowed.
    const folder = corpus(40)
    const serial = spawnCli(['--concurrency', '1', 'drafts'], {cwd: folder})
    const run = spawnSync(process.execPath, [PERMISSION_FLAG, '--allow-fs-read=*', '--no-warnings', binPath, '--concurrency', '2', 'drafts'], {cwd: folder, env: {PATH: process.env.PATH ?? ''}, encoding: 'utf8'})
    expect(serial.stdout.split('\n').length).toBeGreaterThan(100)
    expect({code: run.status, stdout: run.stdout, stderr: run.stderr}).toEqual(serial)
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

const hasJq = spawnSync('jq', ['--version']).status === 0
const needsJq = hasJq ? '' : ' (skipped: no `jq` command; .ci/run installs it)'

/** The commands the README gives to merge the reports of the shards. */
const MERGE = {
  json: 'jq -s add shard-*.json',
  sarif:
    "jq -s '([.[].runs[0].tool.driver.rules[]] | unique_by(.id)) as $rules | ($rules | map(.id)) as $ids | .[0].runs[0].tool.driver.rules = $rules | .[0].runs[0].results = [.[].runs[0].results[] | .ruleId as $id | .ruleIndex = ($ids | index($id))] | .[0]' shard-*.sarif",
}

interface SarifResult {
  ruleId: string
  ruleIndex: number
  locations: Array<{physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number; startColumn: number}}}>
}
interface SarifLog {
  runs: [{tool: {driver: {rules: Array<{id: string}>}}; results: SarifResult[]}]
}

/** A SARIF log with each result's rule written out in place of its index, and the rules and results in one order. */
function comparableSarif(log: unknown) {
  const [run] = (log as SarifLog).runs
  const {rules} = run.tool.driver
  const place = ({locations: [location]}: Pick<SarifResult, 'locations'>) =>
    `${location?.physicalLocation.artifactLocation.uri} ${String(location?.physicalLocation.region.startLine).padStart(6)} ${String(location?.physicalLocation.region.startColumn).padStart(6)}`
  const results = run.results
    .map(({ruleIndex, ...result}) => ({...result, rule: rules[ruleIndex]}))
    .sort((a, b) => place(a).localeCompare(place(b)) || a.ruleId.localeCompare(b.ruleId))
  return {...(log as object), runs: [{...run, tool: {driver: {...run.tool.driver, rules: [...rules].sort((a, b) => a.id.localeCompare(b.id))}}, results}]}
}

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

  it.skipIf(!hasJq)(`merges the shards' JSON and SARIF reports, with the README's jq commands, into the report of one run${needsJq}`, async () => {
    const folder = corpus(30)
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    for (const format of ['json', 'sarif'] as const) {
      expect(readme).toContain(MERGE[format])
      for (const share of [1, 2, 3]) {
        const run = await runCli(['--format', format, '--shard', `${share}/3`, 'drafts'], {cwd: folder})
        writeFileSync(path.join(folder, `shard-${share}.${format}`), run.stdout)
      }
    }
    const whole = async (format: string): Promise<unknown> => JSON.parse((await runCli(['--format', format, 'drafts'], {cwd: folder})).stdout)
    const merged = (format: 'json' | 'sarif'): unknown => JSON.parse(execSync(MERGE[format], {cwd: folder, encoding: 'utf8'}))

    const byPath = (results: unknown) => [...(results as Array<{path: string}>)].sort((a, b) => a.path.localeCompare(b.path))
    expect(byPath(merged('json'))).toEqual(byPath(await whole('json')))

    const mergedSarif = merged('sarif')
    expect(sarifValidator()(mergedSarif)).toEqual([])
    const wholeSarif = await whole('sarif')
    // Each shard lists the rules that reported in it, in the order they first did: compared as rules by id, results by place.
    expect(comparableSarif(mergedSarif)).toEqual(comparableSarif(wholeSarif))
    expect((wholeSarif as SarifLog).runs[0].results.length).toBeGreaterThan(30)
  })

  it('refuses a shard that is not K/N', async () => {
    const run = await runCli(['--shard', '4/3', 'x.txt'])
    expect(run.stderr.split('\n')[0]).toBe('copydesk: --shard expects K/N with 1 <= K <= N, such as 2/4, not "4/3"')
  })
})
