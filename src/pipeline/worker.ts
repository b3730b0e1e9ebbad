/**
 * A worker thread of the pool: lints the files it is sent, each with the
 * configuration found for it, and posts each report back.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {loadConfigFile, loadConfigForFile, type ResolvedConfig} from '../config/resolve.js'
import {lintText} from '../lint.js'
import type {LintResult} from '../result.js'
import {decodeText, InputError, readBytes} from './read.js'

export interface WorkerSetup {
  configFile: string | undefined
  quiet: boolean
}

export interface WorkerJob {
  index: number
  absolute: string
  /** The name the file is shown under, in an error about it. */
  name: string
  /** The text to lint; without it, the worker reads the file itself. */
  text?: string
}

/** A report, or why there is none: `input` for a file that cannot be linted (gone, unreadable, not text), as on the main thread. */
export type WorkerReply = {index: number; result: LintResult} | {index: number; error: string; input: boolean}

const setup = workerData as WorkerSetup
let fixed: Promise<ResolvedConfig> | undefined

parentPort?.on('message', (job: WorkerJob) => {
  const configFor = () => (setup.configFile ? (fixed ??= loadConfigFile(setup.configFile)) : loadConfigForFile(job.absolute))
  configFor()
    .then((config) => lintText(job.text ?? decodeText(readBytes(job.absolute, job.name), job.name), {filePath: job.absolute, config, quiet: setup.quiet}))
    .then(
      // The main thread has the text already, or does not need it; sending it back would copy every file twice.
      ({source: _source, ...result}) => parentPort?.postMessage({index: job.index, result} satisfies WorkerReply),
      (error: unknown) => parentPort?.postMessage({index: job.index, error: (error as Error).message, input: error instanceof InputError} satisfies WorkerReply)
    )
})
