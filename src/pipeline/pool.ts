import type {Worker} from 'node:worker_threads'
import type {LintResult} from '../result.js'
import {startLintWorker} from './worker-file.js'
import type {WorkerJob, WorkerReply, WorkerSetup} from './worker.js'

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 16

/**
 * Below this much text, unless threads were asked for, workers cost more than
 * they save: a worker loads and compiles copydesk afresh. Measured on 2 cores:
 * 200 articles (1.1 MB) took 0.76 s with a worker against 0.61 s without;
 * 1,000 (5.5 MB), 1.65 s against 1.81 s.
 */
export const PARALLEL_MIN_BYTES = 3_000_000

/** From this many files on, the text is surely large enough: workers start before the files are read. */
export const EARLY_START_FILES = 600

/**
 * Jobs posted to a worker before its first reply: a worker that has its next
 * file queued never waits for the main thread to notice it is free.
 */
const IN_FLIGHT = 2

/** Lets queued worker replies in between two files linted on this thread. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve))

/** What the pool needs of the jobs of one run. */
export interface PoolRun {
  count: number
  /** The job to post to a worker; asked for when a worker takes it, so the text need not be at hand before. */
  jobAt: (index: number) => Omit<WorkerJob, 'index'>
  lintHere: (index: number) => Promise<LintResult>
  /** Each report as it comes, in the order the lanes finish; the report of a worker has no `source`. */
  done: (index: number, result: LintResult) => void
}

/**
 * Lints files on `threads` lanes: this thread and `threads - 1` workers. The
 * workers start when the pool is made, so they load their modules while this
 * thread is still reading files; every lane takes the next file as soon as it
 * is free. A worker that dies (it could not start, or ran out of memory) costs
 * time, not files: what it had in hand is linted on this thread at the end.
 */
export class LintPool {
  readonly #workers: Worker[]
  readonly #dead = new Set<Worker>()

  constructor(threads: number, setup: WorkerSetup) {
    this.#workers = []
    for (let count = 1; count < threads; count++) {
      // With a deep stack, as a file too deep for this thread gets: a worker lints such a file at once.
      const worker = startLintWorker(setup)
      // None to be had: this thread lints every file.
      if (!worker) break
      worker.on('error', () => this.#dead.add(worker))
      worker.on('exit', () => this.#dead.add(worker))
      this.#workers.push(worker)
    }
  }

  async run({count, jobAt, lintHere, done}: PoolRun): Promise<void> {
    const finished = new Array<boolean>(count).fill(false)
    const finish = (index: number, result: LintResult) => {
      finished[index] = true
      done(index, result)
    }
    let next = 0
    let failed = false
    // After a failure no lane takes another file: the run is over.
    const claim = () => (!failed && next < count ? next++ : undefined)

    const inWorker = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        let pending = 0
        const stop = () => {
          worker.removeAllListeners('message')
          resolve()
        }
        const feed = () => {
          if (this.#dead.has(worker)) return stop()
          const index = claim()
          if (index === undefined) {
            if (pending === 0) stop()
            return
          }
          let job: Omit<WorkerJob, 'index'>
          try {
            job = jobAt(index)
          } catch (error) {
            // The file could not be read again: the run fails, as it would on this thread.
            failed = true
            reject(error)
            return
          }
          pending++
          worker.postMessage({index, ...job} satisfies WorkerJob)
        }
        worker.on('message', (reply: WorkerReply) => {
          pending--
          if ('error' in reply) {
            failed = true
            reject(new Error(reply.error))
            return
          }
          try {
            finish(reply.index, reply.result)
          } catch (error) {
            // What takes the report (the caller's onResult) failed: the run fails, as it would on this thread.
            failed = true
            reject(error)
            return
          }
          feed()
        })
        worker.once('error', stop)
        worker.once('exit', stop)
        for (let queued = 0; queued < IN_FLIGHT; queued++) feed()
      })

    const here = async () => {
      for (let index = claim(); index !== undefined; index = claim()) {
        const result = await lintHere(index).catch((error: unknown) => {
          failed = true
          throw error
        })
        finish(index, result)
        await yieldToEvents()
      }
    }

    await Promise.all([here(), ...this.#workers.map(inWorker)])
    // Files a dead worker had in hand.
    for (let index = 0; index < count; index++) if (!finished[index]) finish(index, await lintHere(index))
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()))
  }
}
