import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {binPath, corpus, PERMISSION_FLAG, runCli, spawnCli} from './helpers.js'

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
