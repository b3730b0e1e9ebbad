import {chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot, spawnCli, tempFolder} from './helpers.js'

const houseRules = path.join(repoRoot, 'examples', 'house-rules')

/** The cache's files with their contents. */
function cacheFiles(folder: string): Map<string, string> {
  return new Map(readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name), 'latin1')]))
}

describe('the code cache of the command', () => {
  it('is written by the first run, read and left alone by the next, which prints the same', () => {
    const cache = tempFolder()
    const env = {COPYDESK_COMPILE_CACHE: cache}
    const first = spawnCli(['fixtures/articles/assad-tehran.txt'], {env})
    const written = cacheFiles(cache)
    // The command's entry, the rules that ran and the chunks they need.
    expect(written.size).toBeGreaterThan(5)
    const times = readdirSync(cache).map((name) => statSync(path.join(cache, name)).mtimeMs)
    const second = spawnCli(['fixtures/articles/assad-tehran.txt'], {env})
    expect(second).toEqual(first)
    expect(first.code).toBe(1)
    expect(cacheFiles(cache)).toEqual(written)
    expect(readdirSync(cache).map((name) => statSync(path.join(cache, name)).mtimeMs)).toEqual(times)
  })

  it('loads a configuration plugin written as an ES module, with the cache cold and warm', () => {
    const cache = tempFolder()
    const env = {COPYDESK_COMPILE_CACHE: cache}
    const runs = [spawnCli(['drafts'], {cwd: houseRules, env}), spawnCli(['drafts'], {cwd: houseRules, env})]
    for (const run of runs) {
      expect(run.stderr).toBe('')
      expect(run.stdout).toContain('[no-bare-title]')
    }
    expect(runs[1]).toEqual(runs[0])
  })

  it('is rewritten where its data is damaged, and the run does not notice', () => {
    const cache = tempFolder()
    const env = {COPYDESK_COMPILE_CACHE: cache}
    const clean = spawnCli(['fixtures/articles/assad-tehran.txt'], {env})
    for (const name of readdirSync(cache)) writeFileSync(path.join(cache, name), 'not V8 data')
    expect(spawnCli(['fixtures/articles/assad-tehran.txt'], {env})).toEqual(clean)
    for (const content of cacheFiles(cache).values()) expect(content).not.toBe('not V8 data')
  })

  it('lives by default in a folder of the temporary folder that only its user may enter', () => {
    const temporary = tempFolder()
    expect(spawnCli(['fixtures/articles/assad-tehran.txt'], {env: {TMPDIR: temporary}}).code).toBe(1)
    const folder = `copydesk-compile-cache-${process.getuid?.() ?? 'user'}`
    expect(readdirSync(temporary)).toEqual([folder])
    expect(statSync(path.join(temporary, folder)).mode & 0o777).toBe(0o700)
    expect(readdirSync(path.join(temporary, folder)).length).toBeGreaterThan(5)
  })

  it('closes its default folder to other users when it was left open, and leaves a link in its place alone', () => {
    const folder = `copydesk-compile-cache-${process.getuid?.() ?? 'user'}`
    const open = tempFolder()
    mkdirSync(path.join(open, folder))
    chmodSync(path.join(open, folder), 0o777)
    spawnCli(['fixtures/articles/assad-tehran.txt'], {env: {TMPDIR: open}})
    expect(statSync(path.join(open, folder)).mode & 0o777).toBe(0o700)
    expect(readdirSync(path.join(open, folder)).length).toBeGreaterThan(5)

    // A link planted where the folder goes could lead to data someone else wrote: no cache then.
    const linked = tempFolder({'elsewhere/.keep': ''})
    symlinkSync(path.join(linked, 'elsewhere'), path.join(linked, folder))
    const run = spawnCli(['fixtures/articles/assad-tehran.txt'], {env: {TMPDIR: linked}})
    expect([run.code, run.stderr]).toEqual([1, ''])
    expect(readdirSync(path.join(linked, 'elsewhere'))).toEqual(['.keep'])
  })

  it('is neither read nor written with COPYDESK_COMPILE_CACHE=off, and the output is the same', () => {
    const temporary = tempFolder()
    const withCache = spawnCli(['fixtures/articles/assad-tehran.txt'], {env: {TMPDIR: temporary}})
    const untouched = tempFolder()
    const without = spawnCli(['fixtures/articles/assad-tehran.txt'], {env: {TMPDIR: untouched, COPYDESK_COMPILE_CACHE: 'off'}})
    expect(without).toEqual(withCache)
    expect(readdirSync(untouched)).toEqual([])
  })
})
