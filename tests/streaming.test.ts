import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {formatResults, lintFiles} from '../src/index.js'
import {joinChunks} from '../src/cli/chunks.js'
import {InOrder} from '../src/pipeline/in-order.js'
import {FORMAT_NAMES, reportWriter} from '../src/report/index.js'
import {toLintResult, type LintResult} from '../src/result.js'
import {repoRoot, runCli, spawnCli, tempFolder} from './helpers.js'

describe('InOrder', () => {
  it('hands each item on as soon as it and every item before it have come', () => {
    const handed: string[] = []
    const inOrder = new InOrder<string>((item, index) => handed.push(`${index}:${item}`))
    inOrder.put(2, 'c')
    expect(handed).toEqual([])
    inOrder.put(0, 'a')
    expect(handed).toEqual(['0:a'])
    inOrder.put(1, 'b')
    expect(handed).toEqual(['0:a', '1:b', '2:c'])
    inOrder.put(3, 'd')
    expect(handed).toEqual(['0:a', '1:b', '2:c', '3:d'])
    expect(inOrder.delivered).toBe(4)
  })
})

/** A folder of drafts whose configuration loads a plugin that notes, in `globalThis.copydeskEvents`, each file it is run on. */
function folderWithWitness(files: Record<string, string>): string {
  const folder = tempFolder(files)
  writeFileSync(
    path.join(folder, 'witness.mjs'),
    'export default function attacher() { return (_tree, file) => { (globalThis.copydeskEvents ??= []).push(`lint ${file.basename}`) } }\n'
  )
  writeFileSync(path.join(folder, '.lintrc'), '{"plugins": ["./witness.mjs"]}')
  return folder
}

describe('joinChunks', () => {
  it('writes renderings that lie side by side as one view of their bytes, and copies the rest in order', () => {
    // A buffer of its own, as the cache's region is: a small Buffer.from shares Node's pool with any copy.
    const text = 'a.txt:1:1 one\nb.txt:2:2 two\nc.txt:3:3 three\n'
    const region = Buffer.allocUnsafeSlow(text.length)
    region.write(text)
    const [a, b, c] = [region.subarray(0, 14), region.subarray(14, 28), region.subarray(28)]
    const joined = joinChunks([a, b, c])
    expect(Buffer.from(joined).toString()).toBe(region.toString())
    expect(typeof joined === 'string' ? undefined : joined.buffer).toBe(region.buffer)
    const mixed = joinChunks([a, '\n', b, c, Buffer.from('elsewhere\n'), 'end\n'])
    expect(Buffer.from(mixed).toString()).toBe('a.txt:1:1 one\n\nb.txt:2:2 two\nc.txt:3:3 three\nelsewhere\nend\n')
    // Out of order, the same bytes are not side by side: nothing is merged that should not be.
    expect(Buffer.from(joinChunks([b, a])).toString()).toBe('b.txt:2:2 two\na.txt:1:1 one\n')
    expect(joinChunks(['only ', 'text'])).toBe('only text')
  })
})

describe('reports as the files come', () => {
  it('gives each report to onResult before the next file is linted, and keeps none', async () => {
    const folder = folderWithWitness({'a.txt': 'the the\n', 'b.txt': 'Clean.\n', 'c.txt': 'on on\n'})
    const events: string[] = []
    ;(globalThis as {copydeskEvents?: string[]}).copydeskEvents = events
    const report = await lintFiles(['.'], {cwd: folder, concurrency: 1, onResult: (result) => events.push(`report ${result.path} ${result.errorCount}`)})
    delete (globalThis as {copydeskEvents?: string[]}).copydeskEvents
    expect(events).toEqual(['lint a.txt', 'report a.txt 1', 'lint b.txt', 'report b.txt 0', 'lint c.txt', 'report c.txt 1'])
    expect(report.results).toEqual([])
  })

  it.each([1, 2])('fails the run, not the process, when what takes the reports throws (%i threads)', async (concurrency) => {
    const files = Object.fromEntries(Array.from({length: 20}, (_, index) => [`drafts/${String(index).padStart(2, '0')}.txt`, 'the the\n']))
    const folder = tempFolder(files)
    let taken = 0
    const run = lintFiles(['drafts'], {
      cwd: folder,
      concurrency,
      onResult: () => {
        if (++taken === 3) throw new Error('the reader went away')
      },
    })
    await expect(run).rejects.toThrow('the reader went away')
  })

  it('prints a file\'s report before the next file is linted, in the real command', () => {
    // A plugin that writes a mark to standard output when it lints b.txt: a.txt's report must come before it.
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    writeFileSync(
      path.join(folder, 'mark.mjs'),
      "export default function attacher() { return (_tree, file) => { if (file.basename === 'b.txt') process.stdout.write('MARK\\n') } }\n"
    )
    writeFileSync(path.join(folder, '.lintrc'), '{"plugins": ["./mark.mjs"]}')
    const run = spawnCli(['.'], {cwd: folder})
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'a.txt:1:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]',
      'MARK',
      'b.txt:1:1: error: Unexpected repeated `on`, remove one occurrence [repeated-words]',
    ])
  })

  it('gives onResult the same reports, in the same order, as the collected results, without their text unless asked', async () => {
    const targets = ['fixtures/articles']
    const collected = await lintFiles(targets, {cwd: repoRoot})
    const streamed: LintResult[] = []
    await lintFiles(targets, {cwd: repoRoot, onResult: (result) => streamed.push(result), withSource: false})
    expect(streamed.length).toBeGreaterThan(10)
    expect(streamed).toEqual(collected.results.map(({source: _source, ...result}) => result))
    expect(collected.results.every((result) => typeof result.source === 'string')).toBe(true)
  })
})

describe('report writers', () => {
  const results = [
    toLintResult('a.txt', [{ruleId: 'repeated-words', severity: 'error', message: 'Unexpected repeated `the`', line: 1, column: 1, endLine: 1, endColumn: 8, actual: 'the the', expected: ['the']}]),
    toLintResult('b.txt', []),
    toLintResult('c.txt', [{ruleId: 'quote-pairs', severity: 'info', message: 'Unexpected unclosed `“`', line: 2, column: 3, endLine: 2, endColumn: 4}]),
  ]

  it.each([0, 1, 3])('write JSON laid out exactly as JSON.stringify lays out the whole array (%i files)', (count) => {
    const text = formatResults(results.slice(0, count), {format: 'json'})
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    expect((JSON.parse(text) as Array<{path: string}>).map((entry) => entry.path)).toEqual(['a.txt', 'b.txt', 'c.txt'].slice(0, count))
  })

  it.each(FORMAT_NAMES)('%s: writing file by file gives the text formatResults gives', (format) => {
    const writer = reportWriter({format, cwd: '/work'})
    const pieces = results.map((result) => writer.file(result))
    expect(pieces.join('') + writer.end()).toBe(formatResults(results, {format, cwd: '/work'}))
    // Every format but SARIF, which lists its rules before the results, writes a file's problems when the file comes.
    if (format !== 'sarif') expect(pieces[0]).toContain('Unexpected repeated `the`')
  })

  it('print to standard output, file by file, the text they write whole into --output-file', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    const printed = await runCli(['--format', 'stylish', '.'], {cwd: folder})
    const written = await runCli(['--format', 'stylish', '--output-file', 'report.txt', '.'], {cwd: folder})
    expect(written.stdout).toBe('')
    expect(readFileSync(path.join(folder, 'report.txt'), 'utf8')).toBe(printed.stdout)
    expect(printed.stdout).toContain('a.txt\n  1:1  error  Unexpected repeated `the`')
  })
})
