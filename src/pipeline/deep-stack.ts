import type {LintResult} from '../result.js'
import {startWorker, WORKER_YOUNG_GENERATION_MB, workerFile} from './worker-file.js'
import type {WorkerJob, WorkerReply, WorkerSetup} from './worker.js'

/**
 * The stack, in MB, of a thread that lints a text too deep for the main
 * thread's stack (under 1 MB in Node): the parsers and converters copydesk
 * builds on pass a sentence's or a node's children as the arguments of one
 * call (`push(...children)`), which overflows past about 120,000 of them (a
 * run-on sentence of 4,000 lines is enough), and hast-util-from-parse5
 * recurses once per level of nesting. This much takes some millions of
 * either. Only the pages a thread uses are memory; the rest is address space.
 */
export const DEEP_STACK_MB = 256

/** Whether an error is JavaScript's stack overflow. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('call stack')
}

/**
 * Lints a text on a worker thread of its own with a deep stack, as the
 * pool's workers lint: its configuration found from `setup` and the file's
 * place. Rejects with `fallback` where no thread can be made, and with an
 * error naming the file (`name`) where the thread fails.
 */
export function lintOnDeepStack(job: Omit<WorkerJob, 'index'>, name: string, setup: WorkerSetup, fallback: unknown): Promise<LintResult> {
  const worker = startWorker(workerFile('worker'), {
    workerData: setup,
    resourceLimits: {stackSizeMb: DEEP_STACK_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB},
  })
  if (!worker) return Promise.reject(fallback)
  const failed = (reason: string) => new Error(`${name}: too deep for the main thread's stack, and linting it on a deeper one failed: ${reason}`)
  return new Promise<LintResult>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => {
      if ('error' in reply) reject(failed(reply.error))
      // The worker leaves out the text it was sent; the report of a text linted here has it.
      else resolve({...reply.result, source: job.text})
    })
    worker.once('error', (error) => reject(failed(error.message)))
    worker.once('exit', (code) => reject(failed(`its thread stopped with exit code ${code}`)))
    worker.postMessage({index: 0, ...job} satisfies WorkerJob)
  }).finally(() => worker.terminate())
}
