import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import type {LintResult} from '../result.js'
import type {WorkerJob, WorkerReply, WorkerSetup} from './worker.js'

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 16

/** The compiled worker: tests run the TypeScript sources, whose worker is not runnable by Node itself. */
function workerUrl(): URL {
  const here = import.meta.url
  return here.endsWith('.ts') ? new URL('../../dist/src/pipeline/worker.js', here) : new URL('./worker.js', here)
}

/**
 * Lints texts on a pool of worker threads, each taking the next file as soon
 * as it is free, and returns the reports in the order of `jobs`.
 */
export async function lintInWorkers(jobs: readonly Omit<WorkerJob, 'index'>[], threads: number, setup: WorkerSetup): Promise<LintResult[]> {
  const results: LintResult[] = new Array(jobs.length)
  let next = 0
  const workers = Array.from({length: Math.min(threads, jobs.length)}, () => new Worker(fileURLToPath(workerUrl()), {workerData: setup}))
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) {
                resolve()
                return
              }
              const index = next++
              const job = jobs[index]
              if (job) worker.postMessage({index, ...job} satisfies WorkerJob)
            }
            worker.on('message', (reply: WorkerReply) => {
              if ('error' in reply) {
                reject(new Error(reply.error))
                return
              }
              results[reply.index] = reply.result
              feed()
            })
            worker.on('error', reject)
            feed()
          })
      )
    )
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
  return results
}
