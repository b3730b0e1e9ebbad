import type {LintResult} from '../result.js'
import {startLintWorker} from './worker-file.js'
import type {WorkerJob, WorkerReply, WorkerSetup} from './worker.js'

/** Whether an error is JavaScript's stack overflow. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('call stack')
}

/**
 * Lints a text with `lint`, on this thread; if it is too deep for this
 * thread's stack, lints it again on a worker thread of its own, whose stack
 * is deep (DEEP_STACK_MB), as the pool's workers lint: its configuration
 * found from `setup` and the file's place. Fails with the stack overflow
 * where no thread can be made, and with an error naming the file (`name`)
 * where that thread fails too.
 */
export async function lintOnDeepStackIfNeeded(lint: () => Promise<LintResult>, job: Omit<WorkerJob, 'index'>, name: string, setup: WorkerSetup): Promise<LintResult> {
  try {
    return await lint()
  } catch (error) {
    if (!isStackOverflow(error)) throw error
    const worker = startLintWorker(setup)
    if (!worker) throw error
    const failed = (reason: string) => new Error(`${name}: too deep for the main thread's stack, and linting it on a deeper one failed: ${reason}`)
    return new Promise<LintResult>((resolve, reject) => {
      worker.once('message', (reply: WorkerReply) => {
        if ('error' in reply) reject(failed(reply.error))
        // The worker leaves out the text it was sent; the report of a text linted here has it.
        else resolve({...reply.result, source: job.text})
      })
      worker.once('error', (workerError) => reject(failed(workerError.message)))
      worker.once('exit', (code) => reject(failed(`its thread stopped with exit code ${code}`)))
      worker.postMessage({index: 0, ...job} satisfies WorkerJob)
    }).finally(() => worker.terminate())
  }
}
