import {fileURLToPath} from 'node:url'
import {Worker, type WorkerOptions} from 'node:worker_threads'

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
 * A worker thread, or none where threads cannot be made (Node's permission
 * model refuses them unless allowed): the caller then does the work on its
 * own thread, as it does for a worker that dies.
 */
export function startWorker(file: string, options: WorkerOptions): Worker | undefined {
  try {
    return new Worker(file, options)
  } catch {
    return undefined
  }
}
