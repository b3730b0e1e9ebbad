import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {asHtmlPage, bigText, paragraphPool} from '../bench/corpus.mjs'
import {limitHeapGrowth} from '../src/heap-growth.js'
import {binPath, repoRoot, tempFolder} from './helpers.js'

describe('limitHeapGrowth', () => {
  it('leaves a setting node was started with alone', () => {
    // Each of these returns before touching this process's flags.
    expect(limitHeapGrowth(['--heap-growing-percent=20'])).toBe(false)
    expect(limitHeapGrowth(['--stack-size=2000', '--heap_growing_percent=0'])).toBe(false)
    // Node hands a flag with one dash to V8, which takes it.
    expect(limitHeapGrowth(['-heap-growing-percent=0'])).toBe(false)
    expect(limitHeapGrowth(['-heap_growing_percent=30', '--stack-size=2000'])).toBe(false)
  })

  it('caps the heap of the command: an HTML page lints in less memory, with the same report', () => {
    // A page of 300 KB: parse5's tree of it, promoted and then dropped piece by piece, is what lets V8 grow the heap.
    const folder = tempFolder({'archive.html': asHtmlPage(bigText(paragraphPool(path.join(repoRoot, 'fixtures')), 300_000, 2))})
    const page = path.join(folder, 'archive.html')
    const rssFile = path.join(folder, 'rss')
    const peakRss = (nodeFlags: string[]) => {
      const run = spawnSync(process.execPath, [...nodeFlags, '--import', path.join(repoRoot, 'bench', 'rss.mjs'), binPath, '--concurrency', '1', '--format', 'json', page], {
        encoding: 'utf8',
        env: {...process.env, BENCH_RSS_FILE: rssFile},
        maxBuffer: 64 * 1024 * 1024,
      })
      expect(run.status, run.stderr).toBe(1)
      return {kib: Number(readFileSync(rssFile, 'utf8')), report: run.stdout}
    }
    const capped = peakRss([])
    // The flag's default, 0, is V8's own growth; given to node, it stands.
    const uncapped = peakRss(['--heap-growing-percent=0'])
    expect(capped.report).toBe(uncapped.report)
    expect(JSON.parse(capped.report)[0].messages.length).toBeGreaterThan(100)
    // Measured: about 140 MB against 178. A ratio, not a size: Node's own share differs between machines.
    expect(capped.kib).toBeLessThan(0.9 * uncapped.kib)
  })
})
