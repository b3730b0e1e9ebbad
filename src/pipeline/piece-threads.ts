import type {MessagePort, Worker} from 'node:worker_threads'
import type {Root} from 'nlcst'
import {SIGNAL_READY, SIGNAL_REPLIES, type ParseWorkerSetup, type PieceJob, type PieceReply} from './parse-worker-protocol.js'
import {parsePiece} from './piece-parser.js'
import {decodeTree} from './tree-codec.js'
import {PARSE_WORKER_YOUNG_GENERATION_MB, startWorker, workerFile, workerThreads} from './worker-file.js'

/** A piece of a text: where it starts and ends, and how many line breaks come before it. */
export interface PieceSpan {
  start: number
  end: number
  lines: number
}

/**
 * Parse workers past which more do not help: the rules run on this thread,
 * and cost about as much per piece as a worker's parse, so two workers keep
 * this thread busy.
 */
export const MAX_PARSE_WORKERS = 2
/**
 * Pieces a worker holds at once: with the next one queued, it never waits
 * for this thread to notice it is free; with few, a worker that stops takes
 * few pieces with it.
 */
const IN_FLIGHT = 2
/**
 * Trees this thread parses ahead while a worker has the next piece. Each
 * waits here, alive through the young generation's collections, which then
 * move it to the old one: more than one costs memory and time.
 */
const AHEAD = 1
/**
 * A piece longer than this (text without a place to cut) is parsed on this
 * thread: a worker that had it would keep this thread waiting as long as
 * parsing it here, and the patience below is made for pieces of a few KB.
 */
const LONGEST_POSTED = 32 * 1024
/**
 * How long this thread waits for a piece of a started worker before it gives
 * the worker up and parses its pieces itself. The worker answers in order and
 * holds IN_FLIGHT pieces of at most LONGEST_POSTED: a hundred times their
 * parse on a free core. A worker that is only slow (a busy machine) is waited
 * for, as parsing its piece again here would cost as much; one that has
 * stopped (out of memory) costs this once.
 */
const PATIENCE_MS = 2000

/** What happened to the pieces, for tests and measurements. */
export interface PieceCounts {
  fromWorkers: number
  here: number
  /** Workers that started and then kept a piece PATIENCE_MS. */
  workersGivenUp: number
}

/** Settings for tests and measurements. */
export interface PieceThreadOptions {
  /** The worker's file; by default the compiled parse-worker. */
  workerFile?: string
  counts?: PieceCounts
  /** Waits this long for the workers to start before the first piece, so that they surely take some. */
  startWithin?: number
}

/** A parse worker, and what this thread knows of it. */
class Lane {
  readonly #worker: Worker
  readonly #replies: MessagePort
  readonly #signal: Int32Array
  /** The pieces posted and not back yet. */
  readonly inHand = new Set<number>()
  stopped = false

  private constructor(worker: Worker, replies: MessagePort, signal: Int32Array) {
    this.#worker = worker
    this.#replies = replies
    this.#signal = signal
    // This thread reads the replies itself, so a worker never needs to keep the process alive, even if the pieces are left unread.
    worker.unref()
    // A worker that cannot start is as good as a slow one: its pieces are parsed on the asking thread.
    worker.on('error', () => undefined)
  }

  /** A lane on a new worker, or none where threads cannot be made. */
  static start(file: string): Lane | undefined {
    const {port1, port2} = new (workerThreads().MessageChannel)()
    const signal = new Int32Array(new SharedArrayBuffer(8))
    const worker = startWorker(file, {
      workerData: {replies: port2, signal} satisfies ParseWorkerSetup,
      transferList: [port2],
      resourceLimits: {maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_GENERATION_MB},
    })
    if (worker) return new Lane(worker, port1, signal)
    port1.close()
    return undefined
  }

  post(job: PieceJob): void {
    this.inHand.add(job.index)
    this.#worker.postMessage(job)
  }

  /** The replies waiting on the port, taken without a turn of the event loop. */
  *replies(): Generator<PieceReply> {
    if (this.stopped) return
    const {receiveMessageOnPort} = workerThreads()
    for (let reply = receiveMessageOnPort(this.#replies); reply; reply = receiveMessageOnPort(this.#replies)) {
      const message = reply.message as PieceReply
      this.inHand.delete(message.index)
      yield message
    }
  }

  /** Whether the worker has loaded and takes pieces: until then, waiting for it would waste this thread's time. */
  get started(): boolean {
    return Atomics.load(this.#signal, SIGNAL_READY) === 1
  }

  /** Replies sent so far: read before looking at the port, a sleep then ends at once for a reply sent in between. */
  get sent(): number {
    return Atomics.load(this.#signal, SIGNAL_REPLIES)
  }

  sleepUntilSentMoreThan(seen: number, ms: number): void {
    Atomics.wait(this.#signal, SIGNAL_REPLIES, seen, ms)
  }

  sleepUntilStarted(ms: number): void {
    Atomics.wait(this.#signal, SIGNAL_READY, 0, ms)
  }

  /** Stops the worker; what it had in hand is parsed on the asking thread. */
  stop(): void {
    this.stopped = true
    this.inHand.clear()
    this.#replies.close()
    void this.#worker.terminate()
  }
}

/**
 * The trees of `spans` of `text`, in order, parsed on `workers` worker
 * threads and on this one. This thread runs the rules on each tree as it
 * comes, and picks up the workers' replies as it goes, without a turn of the
 * event loop: a large file's lint stays one synchronous run. When the next
 * piece is still in a worker's hands, this thread parses a later one, then
 * sleeps until the worker replies. Pieces go to a worker only once it has
 * started; one that then stops answering is given up on, and one that cannot
 * be made at all leaves every piece to this thread. The trees are those
 * parse-english gives this thread, positions and shared points included.
 */
export function* piecesOnThreads(text: string, spans: readonly PieceSpan[], workers: number, options: PieceThreadOptions = {}): Generator<Root> {
  const textOf = (index: number) => {
    const span = spans[index] as PieceSpan
    return text.slice(span.start, span.end)
  }
  const here = (index: number) => {
    const span = spans[index] as PieceSpan
    if (options.counts) options.counts.here++
    return parsePiece(textOf(index), span.lines, span.start)
  }
  /** Pieces posted to a worker, with their numbers once back. */
  const posted = new Map<number, Int32Array | undefined>()
  const ahead = new Map<number, Root>()
  let next = 0
  const lanes: Lane[] = []

  const collect = () => {
    for (const lane of lanes) {
      // A piece parsed here in the meantime is no longer posted.
      for (const {index, data} of lane.replies()) if (posted.has(index)) posted.set(index, data)
    }
  }
  const postable = () => {
    const span = spans[next]
    return span !== undefined && span.end - span.start <= LONGEST_POSTED
  }
  const feed = () => {
    for (const lane of lanes) {
      if (lane.stopped || !lane.started) continue
      while (lane.inHand.size < IN_FLIGHT && postable()) {
        const index = next++
        posted.set(index, undefined)
        lane.post({index, text: textOf(index)})
      }
    }
  }
  /** Sleeps until the worker that has piece `index` sends it back; one that keeps it PATIENCE_MS is stopped. */
  const awaitPiece = (index: number) => {
    const lane = lanes.find((candidate) => candidate.inHand.has(index))
    if (!lane) return
    const deadline = performance.now() + PATIENCE_MS
    for (;;) {
      const seen = lane.sent
      collect()
      if (!lane.inHand.has(index)) return
      const left = deadline - performance.now()
      if (left <= 0) {
        if (options.counts) options.counts.workersGivenUp++
        return lane.stop()
      }
      lane.sleepUntilSentMoreThan(seen, left)
    }
  }

  try {
    for (let count = 0; count < workers; count++) {
      const lane = Lane.start(options.workerFile ?? workerFile('parse-worker'))
      // None to be had: the pieces are parsed here.
      if (!lane) break
      lanes.push(lane)
    }
    if (options.startWithin !== undefined) for (const lane of lanes) lane.sleepUntilStarted(options.startWithin)
    for (let index = 0; index < spans.length; index++) {
      collect()
      feed()
      let tree = ahead.get(index)
      ahead.delete(index)
      if (tree === undefined && posted.has(index)) {
        if (posted.get(index) === undefined && ahead.size < AHEAD && next < spans.length) {
          const later = next++
          ahead.set(later, here(later))
        }
        awaitPiece(index)
        const data = posted.get(index)
        posted.delete(index)
        const span = spans[index] as PieceSpan
        if (data !== undefined) {
          tree = decodeTree(data, textOf(index), span.lines, span.start)
          if (options.counts) options.counts.fromWorkers++
        }
      } else if (tree === undefined) {
        next = index + 1
      }
      yield tree ?? here(index)
    }
  } finally {
    for (const lane of lanes) if (!lane.stopped) lane.stop()
  }
}
