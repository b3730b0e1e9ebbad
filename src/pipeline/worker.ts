/**
 * A worker thread of the pool: lints the files it is sent, each with the
 * configuration found for it, and posts each report back.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {loadConfigFile, loadConfigForFile, type ResolvedConfig} from '../config/resolve.js'
import {lintText} from '../lint.js'
import type {LintResult} from '../result.js'

export interface WorkerSetup {
  configFile: string | undefined
  quiet: boolean
}

export interface WorkerJob {
  index: number
  absolute: string
  text: string
}

export type WorkerReply = {index: number; result: LintResult} | {index: number; error: string}

const setup = workerData as WorkerSetup
let fixed: Promise<ResolvedConfig> | undefined

parentPort?.on('message', (job: WorkerJob) => {
  const configFor = () => (setup.configFile ? (fixed ??= loadConfigFile(setup.configFile)) : loadConfigForFile(job.absolute))
  configFor()
    .then((config) => lintText(job.text, {filePath: job.absolute, config, quiet: setup.quiet}))
    .then(
      // The main thread has the text already; sending it back would copy every file twice.
      ({source: _source, ...result}) => parentPort?.postMessage({index: job.index, result} satisfies WorkerReply),
      (error: unknown) => parentPort?.postMessage({index: job.index, error: (error as Error).message} satisfies WorkerReply)
    )
})
