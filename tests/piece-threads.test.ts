import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {MessageChannel, receiveMessageOnPort, Worker} from 'node:worker_threads'
import type {Root} from 'nlcst'
import type {Node, Point} from 'unist'
import {ParseEnglish} from 'parse-english'
import {describe, expect, it, vi} from 'vitest'
import {lintFiles} from '../src/lint-files.js'
import type {PieceReply} from '../src/pipeline/parse-worker-protocol.js'
import {parsePlainText, PIECE_SIZE, pieceSpans, piecesOf, THREADED_MIN_CHARS} from '../src/pipeline/parse-text.js'
import {parsePiece} from '../src/pipeline/piece-parser.js'
import {piecesOnThreads, type PieceCounts} from '../src/pipeline/piece-threads.js'
import {decodeTree, encodeTree} from '../src/pipeline/tree-codec.js'
import {PERMISSION_FLAG, repoRoot, tempFolder} from './helpers.js'

// Watched, not replaced: the report of a large text must come from pieces parsed on threads, and trees sent back by them.
// Through lintFiles, the workers are given time to start, so that they surely send trees back even on a busy machine.
vi.mock('../src/pipeline/piece-threads.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/pipeline/piece-threads.js')>()
  return {
    ...original,
    piecesOnThreads: vi.fn((...[text, spans, workers, options]: Parameters<typeof original.piecesOnThreads>) =>
      original.piecesOnThreads(text, spans, workers, {startWithin: 10_000, ...options})
    ),
  }
})
vi.mock('../src/pipeline/tree-codec.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/pipeline/tree-codec.js')>()
  return {...original, decodeTree: vi.fn(original.decodeTree)}
})

const folder = path.join(repoRoot, 'fixtures', 'articles')
const fixtures = readdirSync(folder)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => [name, readFileSync(path.join(folder, name), 'utf8')] as const)

/** Characters a parser could count or keep differently: line ends of every kind, astral and combining characters, addresses. */
const awkward = [
  'Line one.\r\nLine two ends in CRLF.\r\n\r\nA lone\rcarriage return, a\u2028line separator and a\u2029paragraph separator.',
  'Emoji 👩‍👩‍👧 and 𝒜𝓈𝓉𝓇𝒶𝓁 letters, e\u0301 combining, tabs\tand\u00a0no-break spaces.',
  'Mail jane@example.org, see https://example.org/a?b=c, or C:\\files\\draft.txt — “quoted» words… 5,000.50 € 20% #tag @name.',
  '',
  'Trailing spaces   \n   leading spaces, and a last line without an end',
].join('\n\n')

/** A text of about `chars` characters made of the fixture articles, for more than one piece. */
function largeText(chars: number): string {
  const all = fixtures.map(([, text]) => text.replace(/^\uFEFF/u, '')).join('\n\n')
  let text = ''
  while (text.length < chars) text += all + '\n\n' + awkward + '\n\n'
  return text
}

const treesOf = (pieces: Iterable<Root>) => [...pieces]

type Positioned = Node & {children?: Positioned[]}

/**
 * Which points of a tree are one object: a node's start with its first
 * child's, its end with its last child's, a node's end with the next one's
 * start. Equal trees can differ here, and a rule that changed a point would
 * see it.
 */
function sharedPoints(tree: Root): boolean[] {
  const shared: boolean[] = []
  const same = (a: Point | undefined, b: Point | undefined) => a !== undefined && a === b
  const visit = (node: Positioned) => {
    const children = node.children ?? []
    shared.push(same(node.position?.start, children[0]?.position?.start), same(node.position?.end, children.at(-1)?.position?.end))
    children.forEach((child, index) => shared.push(same(child.position?.end, children[index + 1]?.position?.start)))
    children.forEach(visit)
  }
  visit(tree as Positioned)
  return shared
}

describe('tree codec', () => {
  // An empty text is left to the refusals below.
  const texts: Array<readonly [string, string]> = [...fixtures.filter(([, text]) => text !== ''), ['awkward characters', awkward]]
  for (const [name, text] of texts) {
    it(`gives back parse-english's trees, positions moved, for ${name}`, () => {
      const spans = pieceSpans(text, 400)
      for (const {start, end, lines} of spans) {
        const piece = text.slice(start, end)
        const data = encodeTree(new ParseEnglish().parse(piece), piece)
        expect(data).toBeInstanceOf(Int32Array)
        const decoded = decodeTree(data as Int32Array, piece, lines, start)
        const parsed = parsePiece(piece, lines, start)
        expect(decoded).toStrictEqual(parsed)
        const shared = sharedPoints(parsed)
        expect(shared).toContain(true)
        expect(sharedPoints(decoded)).toEqual(shared)
      }
    })
  }

  it('refuses a tree it could not give back', () => {
    const text = 'Two words.'
    const tree = new ParseEnglish().parse(text)
    expect(encodeTree(tree, text)).toBeInstanceOf(Int32Array)
    // A leaf whose value is not the text at its offsets.
    expect(encodeTree(tree, 'Two birds.')).toBeUndefined()
    // A node type it does not know.
    const unknown = structuredClone(tree)
    const paragraph = unknown.children[0]
    if (paragraph?.type !== 'ParagraphNode') throw new Error('expected a paragraph')
    ;(paragraph as {type: string}).type = 'HeadingNode'
    expect(encodeTree(unknown, text)).toBeUndefined()
    // An empty text's root has no position to give back: it is parsed where it is wanted.
    expect(encodeTree(new ParseEnglish().parse(''), '')).toBeUndefined()
  })

  for (const bundle of ['dist/cli/parse-worker.cjs', 'dist/bundle/parse-worker.js']) {
    it(`is spoken by the built parse worker ${bundle}`, () => {
      const {port1, port2} = new MessageChannel()
      const signal = new Int32Array(new SharedArrayBuffer(8))
      const worker = new Worker(path.join(repoRoot, bundle), {workerData: {replies: port2, signal}, transferList: [port2]})
      try {
        const piece = 'The IAM said “we stay» and left.\n\nIt was the the end.\n'
        worker.postMessage({index: 7, text: piece})
        Atomics.wait(signal, 0, 0, 10_000)
        const reply = receiveMessageOnPort(port1)?.message as PieceReply | undefined
        expect(reply?.index).toBe(7)
        expect(decodeTree(reply?.data as Int32Array, piece, 3, 120)).toStrictEqual(parsePiece(piece, 3, 120))
      } finally {
        port1.close()
        void worker.terminate()
      }
    })
  }
})

describe('parsing pieces on worker threads', () => {
  const text = largeText(300_000)
  const spans = pieceSpans(text)
  const alone = treesOf(piecesOf(text))

  /** Runs `lines` in a Node process of its own, with `text` and the built modules at hand. */
  const runWithText = (lines: string[], nodeFlags: string[] = []) => {
    const file = path.join(tempFolder(), 'script.mjs')
    const dist = (module: string) => JSON.stringify(path.join(repoRoot, 'dist/src/pipeline', module))
    const imports = [`import {pieceSpans, piecesOf} from ${dist('parse-text.js')}`, `import {piecesOnThreads} from ${dist('piece-threads.js')}`, "import {isDeepStrictEqual} from 'node:util'"]
    writeFileSync(file, [...imports, `const text = ${JSON.stringify(text)}`, ...lines].join('\n'))
    return spawnSync(process.execPath, [...nodeFlags, file], {encoding: 'utf8', timeout: 60_000})
  }

  it('gives the trees, in order, that this thread gives alone, with pieces from the worker', () => {
    expect(spans.length).toBeGreaterThan(20)
    const counts: PieceCounts = {fromWorkers: 0, here: 0, workersGivenUp: 0}
    const trees = treesOf(piecesOnThreads(text, spans, 1, {counts, startWithin: 10_000}))
    expect(trees).toStrictEqual(alone)
    expect(trees.map(sharedPoints)).toEqual(alone.map(sharedPoints))
    expect(counts.fromWorkers).toBeGreaterThan(0)
    expect(counts.fromWorkers + counts.here).toBe(spans.length)
    expect(counts.workersGivenUp).toBe(0)
  })

  it('parses here, never on a worker, a piece too long to be waited for', () => {
    // One paragraph of 40,000 characters without a line break: nowhere to cut it.
    const lump = `${largeText(60_000)}${'Word after word. '.repeat(2400)}\n\n${largeText(60_000)}`
    const lumpSpans = pieceSpans(lump)
    const long = lumpSpans.filter((span) => span.end - span.start > 32 * 1024)
    expect(long).toHaveLength(1)
    vi.mocked(decodeTree).mockClear()
    const trees = treesOf(piecesOnThreads(lump, lumpSpans, 1, {startWithin: 10_000}))
    expect(trees).toStrictEqual(treesOf(piecesOf(lump)))
    expect(decodeTree).toHaveBeenCalled()
    expect(vi.mocked(decodeTree).mock.calls.map(([, , , start]) => start)).not.toContain(long[0]?.start)
  })

  it('lets the process end when the trees are left unread', () => {
    // The generator is neither finished nor closed: its workers must not keep the process alive.
    const run = runWithText(['const trees = piecesOnThreads(text, pieceSpans(text), 2, {startWithin: 10_000})', 'trees.next(); trees.next(); trees.next()', "console.log('left')"])
    expect(run.signal).toBeNull()
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('left\n')
  })

  it('parses every piece here where no thread can be made', () => {
    // Node's permission model refuses worker threads unless they are allowed.
    const run = runWithText(
      [
        'const counts = {fromWorkers: 0, here: 0, workersGivenUp: 0}',
        'const trees = [...piecesOnThreads(text, pieceSpans(text), 2, {counts})]',
        'console.log(JSON.stringify(counts), isDeepStrictEqual(trees, [...piecesOf(text)]))',
      ],
      [PERMISSION_FLAG, '--allow-fs-read=*', '--no-warnings']
    )
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(`${JSON.stringify({fromWorkers: 0, here: spans.length, workersGivenUp: 0})} true\n`)
  })

  it('parses every piece here when the worker cannot start', () => {
    const counts: PieceCounts = {fromWorkers: 0, here: 0, workersGivenUp: 0}
    const missing = path.join(tempFolder(), 'no-such-worker.js')
    // No wait for a start that never comes (the mock above would wait 10 s).
    expect(treesOf(piecesOnThreads(text, spans, 1, {counts, workerFile: missing, startWithin: 0}))).toStrictEqual(alone)
    expect(counts).toEqual({fromWorkers: 0, here: spans.length, workersGivenUp: 0})
  })

  it('gives up on a worker that started and stopped answering, at the first piece it keeps', () => {
    // Says it has started, as the parse worker does, and then ends without a reply.
    const worker = path.join(tempFolder(), 'mute-worker.mjs')
    writeFileSync(worker, "import {workerData} from 'node:worker_threads'\nAtomics.store(workerData.signal, 1, 1)\nAtomics.notify(workerData.signal, 1)\n")
    const counts: PieceCounts = {fromWorkers: 0, here: 0, workersGivenUp: 0}
    const trees = treesOf(piecesOnThreads(text, spans, 1, {counts, workerFile: worker, startWithin: 10_000}))
    expect(trees).toStrictEqual(alone)
    expect(trees.map(sharedPoints)).toEqual(alone.map(sharedPoints))
    expect(counts).toEqual({fromWorkers: 0, here: spans.length, workersGivenUp: 1})
  })

  it('parses here a piece the worker sends back without its tree', () => {
    const worker = path.join(tempFolder(), 'empty-handed-worker.mjs')
    writeFileSync(
      worker,
      [
        "import {parentPort, workerData} from 'node:worker_threads'",
        'parentPort.on("message", ({index}) => {',
        '  workerData.replies.postMessage({index})',
        '  Atomics.add(workerData.signal, 0, 1)',
        '  Atomics.notify(workerData.signal, 0)',
        '})',
        'Atomics.store(workerData.signal, 1, 1)',
        'Atomics.notify(workerData.signal, 1)',
      ].join('\n')
    )
    const counts: PieceCounts = {fromWorkers: 0, here: 0, workersGivenUp: 0}
    expect(treesOf(piecesOnThreads(text, spans, 1, {counts, workerFile: worker, startWithin: 10_000}))).toStrictEqual(alone)
    expect(counts).toEqual({fromWorkers: 0, here: spans.length, workersGivenUp: 0})
  })
})

describe('a large plain text on more than one thread', () => {
  it('gets the report it gets on one thread', async () => {
    const text = largeText(THREADED_MIN_CHARS + PIECE_SIZE)
    const draft = path.join(tempFolder({'archive.txt': text}), 'archive.txt')
    vi.mocked(piecesOnThreads).mockClear()
    vi.mocked(decodeTree).mockClear()
    const one = await lintFiles([draft], {concurrency: 1})
    expect(piecesOnThreads).not.toHaveBeenCalled()
    const two = await lintFiles([draft], {concurrency: 2})
    expect(piecesOnThreads).toHaveBeenCalledTimes(1)
    expect(decodeTree).toHaveBeenCalled()
    expect(one.results[0]?.messages.length).toBeGreaterThan(100)
    expect(two).toStrictEqual(one)
  })

  it('stays on one thread for a large text with few places to cut', () => {
    // Lines ended by a carriage return alone: no line break to cut at, so the text is one piece.
    const text = largeText(THREADED_MIN_CHARS).replace(/\r?\n/gu, '\r')
    vi.mocked(piecesOnThreads).mockClear()
    parsePlainText(text, 2)
    expect(piecesOnThreads).not.toHaveBeenCalled()
    parsePlainText(largeText(THREADED_MIN_CHARS), 2)
    expect(piecesOnThreads).toHaveBeenCalledTimes(1)
  })
})
