import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {formatResults, lintFiles} from '../src/index.js'
import {inBatches, joinChunks} from '../src/cli/chunks.js'
import {InOrder} from '../src/pipeline/in-order.js'
import {FORMAT_NAMES, formatResults as formatWhole, reportWriter} from '../src/report/index.js'
import {SourceLines} from '../src/report/excerpt.js'
import {toLintResult, type LintMessage, type LintResult} from '../src/result.js'
import {repoRoot, runCli, spawnCli, tempFolder} from './helpers.js'
import {main} from '../src/cli.js'

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

  it('inBatches joins chunks into writes of about the size asked, in order, none lost', () => {
    const chunks = Array.from({length: 50}, (_, index) => (index % 2 ? `line ${index}\n` : Buffer.from(`bytes ${index} “q”\n`)))
    const batches = [...inBatches(chunks, 100)]
    expect(batches.map((batch) => Buffer.from(batch).toString()).join('')).toBe(chunks.map(String).join(''))
    // Each batch but the last reaches the size, and one chunk less would not have.
    for (const batch of batches.slice(0, -1)) expect(batch.length).toBeGreaterThanOrEqual(100)
    for (const batch of batches) expect(batch.length).toBeLessThan(100 + 20)
    expect(batches.length).toBeGreaterThan(5)
    expect([...inBatches([], 100)]).toEqual([])
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

  /** A report of `count` problems over a text of CRLF, CR and LF lines, some problems past the text's end. */
  function largeReport(count: number): LintResult {
    const lines = Array.from({length: count}, (_, index) => `Line ${index + 1} says “the the” again${index % 3 === 0 ? '\t' : ''}.`)
    const source = lines.map((line, index) => line + ['\r\n', '\r', '\n'][index % 3]).join('')
    const messages: LintMessage[] = Array.from({length: count}, (_, index) => ({
      ruleId: index % 2 ? 'repeated-words' : 'quote-pairs/unclosed',
      severity: (['error', 'warning', 'info'] as const)[index % 3] ?? 'error',
      message: `Problem ${index} with "quotes" and \\ back`,
      line: index + 1 + (index % 1000 === 999 ? count : 0),
      column: 1 + (index % 20),
      endLine: index + 1,
      endColumn: 3 + (index % 20),
      ...(index % 4 === 0 ? {actual: 'the the', expected: ['the', '']} : {}),
    }))
    return toLintResult('drafts/lárge “one”.txt', messages, source)
  }

  it.each(['stylish', 'json'] as const)('%s: a report of 5,000 problems comes in chunks of about 16 K characters that make the text written whole', (format) => {
    const report = largeReport(5000)
    const chunks = [...(reportWriter({format}).fileInChunks?.(report) ?? [])]
    expect(chunks.length).toBeGreaterThan(20)
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(16 * 1024)
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(17 * 1024)
    const writer = reportWriter({format})
    expect(chunks.join('')).toBe(writer.file(report))
    // A second file's chunks start with what separates it from the first.
    const two = reportWriter({format})
    const chunked = (result: LintResult) => [...(two.fileInChunks?.(result) ?? [])].join('')
    expect(chunked(report) + chunked(report) + two.end()).toBe(formatWhole([report, report], {format}))
  })

  it('json: chunks of a large report parse into the shape DESIGN.md gives, laid out as JSON.stringify lays it out', () => {
    const report = largeReport(3000)
    const writer = reportWriter({format: 'json'})
    const text = [...(writer.fileInChunks?.(report) ?? [])].join('') + writer.end()
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    const [entry] = JSON.parse(text) as Array<{path: string; messages: LintMessage[]; errorCount: number; warningCount: number; infoCount: number}>
    expect(entry?.path).toBe('drafts/lárge “one”.txt')
    expect(entry?.messages).toHaveLength(3000)
    expect(entry?.messages[4]).toEqual({ruleId: 'quote-pairs/unclosed', severity: 'warning', message: 'Problem 4 with "quotes" and \\ back', line: 5, column: 5, endLine: 5, endColumn: 7, actual: 'the the', expected: ['the', '']})
    expect(entry?.messages[5]).toEqual({ruleId: 'repeated-words', severity: 'info', message: 'Problem 5 with "quotes" and \\ back', line: 6, column: 6, endLine: 6, endColumn: 8})
    expect([entry?.errorCount, entry?.warningCount, entry?.infoCount]).toEqual([1000, 1000, 1000])
  })

  it('stylish: shows under each problem its own line, whatever ends the lines, and none past the text', () => {
    const report = largeReport(3000)
    const block = reportWriter({format: 'stylish'}).file(report).split('\n')
    const at = (index: number) => block.indexOf(block.find((line) => line.includes(`Problem ${index} `)) ?? '')
    expect(block[at(1)]).toBe('  2:2      warning  Problem 1 with "quotes" and \\ back  repeated-words')
    expect(block[at(1) + 1]).toBe('    Line 2 says “the the” again.')
    expect(block[at(1) + 2]).toBe('     ^^')
    expect(block[at(2998) + 1]).toBe('    Line 2999 says “the the” again.')
    expect(block[at(2997) + 1]).toBe('    Line 2998 says “the the” again\t.')
    // Problem 999 points at line 4000, past the last line: no excerpt, the next problem follows.
    expect(block[at(999)]).toBe('  4000:20  error    Problem 999 with "quotes" and \\ back  repeated-words')
    expect(block[at(999) + 1]).toContain('Problem 1000 ')
  })

  it.each([
    ['no file', 0],
    ['clean files only', 1],
    ['large reports', 2],
  ] as const)('sarif: holds each file\'s results as it comes and writes the log JSON.stringify lays out (%s)', (_name, kind) => {
    const reports = kind === 0 ? [] : kind === 1 ? [toLintResult('a.txt', []), toLintResult('b.txt', [])] : [toLintResult('clean.txt', []), largeReport(2000), toLintResult('sub/c d.txt', [...(results[0]?.messages ?? [])]), largeReport(1500)]
    const writer = reportWriter({format: 'sarif', cwd: '/desk'})
    for (const report of reports) expect(writer.file(report)).toBe('')
    const chunks = [...(writer.endInChunks?.() ?? [])]
    const text = Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))).toString()
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    // The strings `end` gives for formatResults are the same text.
    expect(formatWhole(reports, {format: 'sarif', cwd: '/desk'})).toBe(text)
    const log = JSON.parse(text) as {runs: Array<{tool: {driver: {rules: Array<{id: string}>}}; results: Array<{ruleId: string; ruleIndex: number; locations: Array<{physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number}}}>}>}>}
    const [run] = log.runs
    const expectedCount = reports.reduce((total, report) => total + report.messages.length, 0)
    expect(run?.results).toHaveLength(expectedCount)
    // Each result names its rule by an index into the rules listed before the results, in the order rules first reported.
    for (const result of run?.results ?? []) expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId)
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(kind === 2 ? ['quote-pairs/unclosed', 'repeated-words'] : [])
    if (kind === 2) {
      expect(run?.results[2000]?.locations[0]?.physicalLocation).toEqual({artifactLocation: {uri: 'sub/c%20d.txt', uriBaseId: '%SRCROOT%'}, region: {startLine: 1, startColumn: 1, endLine: 1, endColumn: 8}})
      expect(run?.results[2001]?.locations[0]?.physicalLocation.region.startLine).toBe(1)
      // Held in chunks of about 16 K characters, not as one string.
      expect(chunks.length).toBeGreaterThan(40)
      for (const chunk of chunks) expect(chunk.length).toBeLessThan(40 * 1024)
    }
  })

  it('json: a result with odd values is written as JSON.stringify writes it (a missing path, counts that are not numbers)', () => {
    const message: LintMessage = {ruleId: 'r', severity: 'error', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2}
    const odd = {...toLintResult('a.txt', [message]), path: undefined, errorCount: Number.NaN, infoCount: Number.POSITIVE_INFINITY} as unknown as LintResult
    const expected = `${JSON.stringify([{path: undefined, messages: [message], errorCount: Number.NaN, warningCount: 0, infoCount: Number.POSITIVE_INFINITY}], null, 2)}\n`
    expect(formatWhole([odd], {format: 'json'})).toBe(expected)
    expect(expected).toContain('"errorCount": null')
  })

  it.each(['json', 'sarif'])('%s: the command holds the report as UTF-8 and writes it in batches of about 64 KB', async (format) => {
    const folder = tempFolder({'a.txt': '“Open the the.\n\n'.repeat(3000)})
    const writes: Array<string | Uint8Array> = []
    const io = {
      stdin: Object.assign((async function* () {})(), {isTTY: true}),
      stdout: {write: (chunk: string | Uint8Array) => writes.push(chunk), isTTY: false},
      stderr: {write: () => true},
      cwd: folder,
      env: {},
    }
    expect(await main(['--format', format, 'a.txt'], io)).toBe(1)
    const bytes = writes.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
    const total = bytes.reduce((sum, chunk) => sum + chunk.length, 0)
    expect(total).toBeGreaterThan(1_000_000)
    // Neither one write of the whole report nor one for each small chunk.
    expect(writes.length).toBeGreaterThan(total / (128 * 1024))
    expect(writes.length).toBeLessThan(total / (32 * 1024))
    expect(writes.every((chunk) => chunk instanceof Uint8Array)).toBe(true)
    const text = Buffer.concat(bytes).toString()
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    expect(text).toContain('Unexpected unclosed `“` at the end of the paragraph')
  })

  it('sarif: holds the results of 70,000 files with a problem each in chunks of about 16 K characters, not one each', () => {
    const writer = reportWriter({format: 'sarif', cwd: '/desk'})
    const message: LintMessage = {ruleId: 'repeated-words', severity: 'error', message: 'Unexpected repeated `the`', line: 1, column: 1, endLine: 1, endColumn: 8}
    for (let index = 0; index < 70_000; index++) writer.file(toLintResult(`drafts/${index}.txt`, [message]))
    const chunks = [...(writer.endInChunks?.() ?? [])]
    // A chunk each, 70,000 of them, overflowed the stack when the command spread them into a call.
    expect(chunks.length).toBeLessThan(5000)
    const log = JSON.parse(Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))).toString()) as {runs: Array<{results: Array<{locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}>}>}
    const found = log.runs[0]?.results ?? []
    expect(found).toHaveLength(70_000)
    expect(found[69_999]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('drafts/69999.txt')
  })

  it('SourceLines gives the lines the parsers count (LF, CR, CRLF), asked for in any order', () => {
    const texts = ['', 'one', 'one\n', 'a\r\nb\rc\nd', '\r\n\r\n', 'x\r\r\ny\n\rz', 'tail\r']
    for (const text of texts) {
      const expected = text.split(/\r\n|\r|\n/u)
      const lines = new SourceLines(text)
      const order = [...expected.keys()].map((index) => index + 1)
      // Forward, backward, then past the end and before the start.
      for (const number of [...order, ...order.reverse(), expected.length + 1, 0, 2, 1]) {
        expect(lines.at(number), `${JSON.stringify(text)} line ${number}`).toBe(expected[number - 1])
      }
    }
  })

  it('SourceLines finds a line once: 20,000 asks for one 5 MB line, then 20,000 lines asked for backwards, take no rescanning', () => {
    // Were each ask to search the line's end again, or go back to line 1, this would scan some 100 GB and run out of time.
    const long = new SourceLines(`${'word '.repeat(1_000_000)}\nlast`)
    for (let ask = 0; ask < 20_000; ask++) expect(long.at(1)?.length).toBe(5_000_000)
    expect(long.at(2)).toBe('last')
    const text = Array.from({length: 20_000}, (_, index) => `line ${index + 1}`).join('\r\n')
    const lines = new SourceLines(text)
    for (let number = 20_000; number >= 1; number--) expect(lines.at(number)).toBe(`line ${number}`)
    expect([lines.at(1.5), lines.at(Number.NaN), lines.at(20_001)]).toEqual([undefined, undefined, undefined])
  })

  it('stylish: writes a report of 200,000 problems (the widths were spread into Math.max, which overflowed the stack)', () => {
    const messages: LintMessage[] = Array.from({length: 200_000}, (_, index) => ({ruleId: 'r', severity: 'error', message: 'm', line: index + 1, column: 1, endLine: index + 1, endColumn: 2}))
    const text = reportWriter({format: 'stylish'}).file(toLintResult('a.txt', messages))
    expect(text.split('\n')).toHaveLength(200_001)
    expect(text.split('\n')[200_000]).toBe('  200000:1  error  m  r')
    expect(text.split('\n')[1]).toBe('  1:1       error  m  r')
  })

  it.each([
    ['stylish', 'a.txt\n  1:1  error  Unexpected repeated `the`'],
    ['json', '"path": "a.txt",\n    "messages": [\n      {\n        "ruleId": "repeated-words"'],
  ])('%s: print to standard output, file by file, the text they write whole into --output-file', async (format, expected) => {
    // A report of some 600 KB: more than one write of the text held whole.
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'.repeat(3000)})
    const printed = await runCli(['--format', format, '.'], {cwd: folder})
    const written = await runCli(['--format', format, '--output-file', 'report.txt', '.'], {cwd: folder})
    expect(written.stdout).toBe('')
    expect(readFileSync(path.join(folder, 'report.txt'), 'utf8')).toBe(printed.stdout)
    expect(printed.stdout).toContain(expected)
    expect(printed.stdout.length).toBeGreaterThan(500_000)
  })
})
