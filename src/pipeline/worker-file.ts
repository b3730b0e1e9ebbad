import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'
import type * as WorkerThreads from 'node:worker_threads'
import type {Worker, WorkerOptions} from 'node:worker_threads'
import type {WorkerSetup} from './worker.js'

let loadedWorkerThreads: typeof WorkerThreads | undefined

/**
 * node:worker_threads, loaded when a thread is first wanted: loading it takes
 * about 5 ms, which a run on one article, linted on the main thread, never needs.
 */
export function workerThreads(): typeof WorkerThreads {
  return (loadedWorkerThreads ??= createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads)
}

/**
 * The file of a compiled worker entry (`worker`, `parse-worker`): tests run the
 * TypeScript sources, whose workers Node cannot run itself; each bundle has its
 * workers beside its entries.
 */
export function workerFile(name: 'worker' | 'parse-worker'): string {
  const here = import.meta.url
  if (here.endsWith('.ts')) return fileURLToPath(new URL(`../../dist/src/pipeline/${name}.js`, here))
  return fileURLToPath(new URL(here.endsWith('.cjs') ? `./${name}.cjs` : `./${name}.js`, here))
}

/**
 * A worker's young generation, in MB: linting makes short-lived garbage, which
 * a small young generation collects as well as V8's default of several times
 * this, without the memory. Measured on 2,000 articles on 2 cores: peak RSS
 * 171 MB instead of 197, in the same time.
 */
export const WORKER_YOUNG_GENERATION_MB = 8

/**
 * A parse worker's young generation, in MB: parse-english's trees live
 * through the collections of a small one, which made its parse several times
 * slower; V8's default is a third larger again for no gain measured here.
 */
export const PARSE_WORKER_YOUNG_GENERATION_MB = 24

/**
 * The stack, in MB, of a thread that lints files: deeper than the main
 * thread's (under 1 MB in Node), for texts too deep for it. The parsers and
 * converters copydesk builds on pass a sentence's or a node's children as
 * the arguments of one call (`push(...children)`), which overflows past about
 * 120,000 of them (a run-on sentence of 4,000 lines is enough), and
 * hast-util-from-parse5 recurses once per level of nesting. This much takes
 * some millions of either. Only the pages a thread uses are memory; the rest
 * is address space.
 */
export const DEEP_STACK_MB = 256

/** A worker thread that lints the files it is sent (worker.ts), or none where threads cannot be made. */
export function startLintWorker(setup: WorkerSetup): Worker | undefined {
  return startWorker(workerFile('worker'), {workerData: setup, resourceLimits: {maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, stackSizeMb: DEEP_STACK_MB}})
}

/**
 * A worker thread, or none where threads cannot be made (Node's permission
 * model refuses them unless allowed): the caller then does the work on its
 * own thread, as it does for a worker that dies.
 */
export function startWorker(file: string, options: WorkerOptions): Worker | undefined {
  try {
    return new (workerThreads().Worker)(file, options)
  } catch {
    return undefined
  }
}
