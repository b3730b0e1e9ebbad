import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads'
import type {Root} from 'nlcst'
import {SIGNAL_READY, SIGNAL_REPLIES, type ParseWorkerSetup, type PieceJob, type PieceReply} from './parse-worker-protocol.js'
import {parsePiece} from './piece-parser.js'
import {decodeTree} from './tree-codec.js'
import {workerFile} from './worker-url.js'

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
/** Pieces posted to a worker before its first reply, so that it never waits for this thread. */
const IN_FLIGHT = 2
/**
 * Trees this thread parses ahead while a worker has the next piece. Each
 * waits here, alive through the young generation's collections, which then
 * move it to the old one: more than one costs memory and time.
 */
const AHEAD = 1
/**
 * How long this thread sleeps for a piece of a worker that has started
 * before it gives the worker up and parses its pieces itself: fifty times a
 * piece's parse, so only a worker that has stopped is given up on.
 */
const PATIENCE_MS = 100
/**
 * A parse worker's young generation, in MB. parse-english's trees live
 * through the collections of a small one, which makes its parse several times
 * slower; V8's default is a third larger again for no gain measured here.
 */
const PARSE_WORKER_YOUNG_GENERATION_MB = 24

/** What happened to the pieces, for tests and measurements. */
export interface PieceCounts {
  fromWorkers: number
  here: number
  /** Workers that started and then kept a piece past patience. */
  workersGivenUp: number
}

export interface PieceThreadOptions {
  /** The worker's file; by default the compiled parse-worker. */
  workerFile?: string
  counts?: PieceCounts
  /** Waits this long for the workers to start before the first piece, so that they surely take some. */
  startWithin?: number
}

class Lane {
  readonly worker: Worker
  readonly #replies: MessagePort
  readonly #signal = new Int32Array(new SharedArrayBuffer(8))
  /** The pieces posted and not back yet. */
  readonly inHand = new Set<number>()
  stopped = false

  constructor(file: string) {
    const {port1, port2} = new MessageChannel()
    this.#replies = port1
    this.worker = new Worker(file, {
      workerData: {replies: port2, signal: this.#signal} satisfies ParseWorkerSetup,
      transferList: [port2],
      resourceLimits: {maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_GENERATION_MB},
    })
    // A worker that cannot start is as good as a slow one: its pieces are parsed on the asking thread.
    this.worker.on('error', () => undefined)
  }

  post(job: PieceJob): void {
    this.inHand.add(job.index)
    this.worker.postMessage(job)
  }

  /** The replies that have come, at once. */
  *replies(): Generator<PieceReply> {
    if (this.stopped) return
    for (let reply = receiveMessageOnPort(this.#replies); reply; reply = receiveMessageOnPort(this.#replies)) {
      const message = reply.message as PieceReply
      this.inHand.delete(message.index)
      yield message
    }
  }

  get started(): boolean {
    return Atomics.load(this.#signal, SIGNAL_READY) === 1
  }

  /** Sleeps until the worker has started, `ms` at most. */
  awaitStart(ms: number): void {
    Atomics.wait(this.#signal, SIGNAL_READY, 0, ms)
  }

  /** How many replies the worker has sent so far. */
  get sent(): number {
    return Atomics.load(this.#signal, SIGNAL_REPLIES)
  }

  /** Sleeps until the worker has sent more than `seen` replies, `ms` at most. */
  sleep(seen: number, ms: number): void {
    Atomics.wait(this.#signal, SIGNAL_REPLIES, seen, ms)
  }

  /** Stops the worker; what it had in hand is parsed on the asking thread. */
  stop(): void {
    this.stopped = true
    this.inHand.clear()
    this.#replies.close()
    void this.worker.terminate()
  }
}

/**
 * The trees of `spans` of `text`, in order, parsed on `workers` worker
 * threads and on this one. This thread runs the rules on each tree as it
 * comes, and picks up the workers' replies as it goes, without a turn of the
 * event loop: a large file's lint stays one synchronous run. When the next
 * piece is still in a worker's hands, this thread parses a later one, then
 * sleeps until the worker replies; a worker that has not started yet, or has
 * stopped, has its pieces parsed here. The trees are those parse-english
 * gives this thread, positions included.
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

  const file = options.workerFile ?? workerFile('parse-worker')
  const lanes = Array.from({length: workers}, () => new Lane(file))
  const collect = () => {
    for (const lane of lanes) {
      // A piece parsed here in the meantime is no longer posted.
      for (const {index, data} of lane.replies()) if (posted.has(index)) posted.set(index, data)
    }
  }
  const feed = () => {
    for (const lane of lanes) {
      while (!lane.stopped && lane.inHand.size < IN_FLIGHT && next < spans.length) {
        const index = next++
        posted.set(index, undefined)
        lane.post({index, text: textOf(index)})
      }
    }
  }
  /** Waits for the worker that has piece `index`, unless it has not started; one that keeps it past patience is stopped. */
  const awaitPiece = (index: number) => {
    const lane = lanes.find((candidate) => candidate.inHand.has(index))
    if (!lane) return
    const deadline = performance.now() + PATIENCE_MS
    for (;;) {
      // Counted before looking, so that a reply sent in between ends the sleep at once.
      const seen = lane.sent
      collect()
      if (!lane.inHand.has(index) || !lane.started) return
      const left = deadline - performance.now()
      if (left <= 0) {
        if (options.counts) options.counts.workersGivenUp++
        return lane.stop()
      }
      lane.sleep(seen, left)
    }
  }

  try {
    if (options.startWithin !== undefined) for (const lane of lanes) lane.awaitStart(options.startWithin)
    feed()
    for (let index = 0; index < spans.length; index++) {
      collect()
      let tree = ahead.get(index)
      ahead.delete(index)
      if (tree === undefined && posted.has(index)) {
        if (posted.get(index) === undefined && ahead.size < AHEAD && next < spans.length) {
          const later = next++
          ahead.set(later, here(later))
          collect()
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
      feed()
      yield tree ?? here(index)
    }
  } finally {
    for (const lane of lanes) if (!lane.stopped) lane.stop()
  }
}
