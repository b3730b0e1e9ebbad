import {readFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import ignore from 'ignore'
import {LintCache, cacheKey} from './cache.js'
import {displayPath} from './config/files.js'
import {loadConfig, loadConfigFile, loadConfigForFile, settingsFor, type ResolvedConfig} from './config/resolve.js'
import {lintText} from './lint.js'
import {discoverFiles} from './pipeline/discover.js'
import {EARLY_START_FILES, LintPool, PARALLEL_MIN_BYTES, PARALLEL_THRESHOLD} from './pipeline/pool.js'
import {InputError, readText} from './pipeline/read.js'
import {inShard, type Shard} from './pipeline/shard.js'
import type {LintResult} from './result.js'
import {version} from './version.js'

export interface LintFilesOptions {
  cwd?: string
  /** `--config FILE`: one configuration for every file instead of the nearest one. */
  configFile?: string
  quiet?: boolean
  /** Worker threads for many files; 1 lints in this thread. Default: the number of cores. */
  concurrency?: number
  /** A cache file: unchanged files replay their previous report. */
  cacheLocation?: string
  /** Only the files of this shard, for CI matrices. */
  shard?: Shard
}

export interface LintFilesReport {
  results: LintResult[]
  /** Things the user should know that are not problems in a file (a named file that is ignored). */
  notices: string[]
}

/** Whether `patterns` (gitignore syntax, relative to `base`) ignore a file. */
function ignores(patterns: readonly string[], base: string, file: string): boolean {
  if (patterns.length === 0) return false
  const relative = path.relative(base, file)
  // Files outside the folder the patterns belong to are not theirs to ignore.
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false
  let matcher = compiledIgnores.get(patterns)
  if (!matcher) {
    matcher = ignore().add(patterns)
    compiledIgnores.set(patterns, matcher)
  }
  return matcher.ignores(relative.split(path.sep).join('/'))
}

/** Each list of patterns compiled once, not once per file it is asked about. */
const compiledIgnores = new WeakMap<readonly string[], ReturnType<typeof ignore>>()

/** The patterns of `.lintignore` in the working folder, as ESLint reads `.eslintignore`. */
async function lintignoreOf(cwd: string): Promise<string[]> {
  try {
    return (await readFile(path.join(cwd, '.lintignore'), 'utf8')).split(/\r?\n/u)
  } catch {
    return []
  }
}

interface Job {
  name: string
  absolute: string
  config: ResolvedConfig
}

/** The files to lint, with their configurations: discovery, ignore files and the shard applied. */
async function planJobs(targets: readonly string[], cwd: string, fixed: ResolvedConfig | undefined, shard: Shard | undefined, notices: string[]): Promise<Job[]> {
  // Which files a folder holds is the working folder's configuration's call.
  const {extensions} = fixed ?? (await loadConfig(cwd))
  const found = await discoverFiles(targets, cwd, extensions)
  const lintignore = await lintignoreOf(cwd)
  const jobs: Job[] = []
  for (const file of found) {
    if (shard && !inShard(path.relative(cwd, file.path), shard)) continue
    const config = fixed ?? (await loadConfigForFile(file.path))
    const name = displayPath(file.path, cwd)
    const ignoredBy = ignores(config.ignore, config.directory, file.path) ? `the configuration's "ignore"` : ignores(lintignore, cwd, file.path) ? '.lintignore' : undefined
    if (ignoredBy) {
      if (!file.explicit) continue
      notices.push(`${name}: ignored by ${ignoredBy}, linted because it was named explicitly`)
    }
    jobs.push({name, absolute: file.path, config})
  }
  // As ESLint does: naming only ignored files is a mistake worth saying, not a clean run. A shard may be empty.
  if (jobs.length === 0 && found.length > 0 && !shard) {
    throw new InputError(`${targets.join(' ')}: all the files found are ignored (by "ignore" in the configuration or by .lintignore)`)
  }
  return jobs
}

/**
 * Lints files, folders and globs. Every file is read before any is linted, so
 * an unreadable one stops the run with nothing half-done. Many files are linted
 * on worker threads; the reports come back in the same order either way.
 */
export async function lintFiles(targets: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesReport> {
  const cwd = options.cwd ?? process.cwd()
  const quiet = options.quiet ?? false
  const configFile = options.configFile ? path.resolve(cwd, options.configFile) : undefined
  const fixed = configFile ? await loadConfigFile(configFile) : undefined
  const notices: string[] = []
  const jobs = await planJobs(targets, cwd, fixed, options.shard, notices)
  const threads = Math.max(1, options.concurrency ?? availableParallelism())
  // Threads asked for are used from PARALLEL_THRESHOLD files on; by default, only for enough text to repay them.
  const asked = options.concurrency !== undefined
  let pool: LintPool | undefined
  const poolFor = (files: number, bytes: number) =>
    (pool ??= threads > 1 && files >= PARALLEL_THRESHOLD && (asked || bytes >= PARALLEL_MIN_BYTES) ? new LintPool(Math.min(threads, files), {configFile, quiet}) : undefined)
  // Without a cache every file is linted: when that is surely worth workers, they load their modules while this thread reads the files.
  if (!options.cacheLocation && (asked || jobs.length >= EARLY_START_FILES)) poolFor(jobs.length, Number.POSITIVE_INFINITY)
  try {
    return await lintJobs(jobs, {cwd, quiet, poolFor, notices, cacheLocation: options.cacheLocation})
  } finally {
    await pool?.close()
  }
}

interface LintJobsContext {
  cwd: string
  quiet: boolean
  /** The pool for this many files and bytes to lint, started on first need; none for a little text or one thread. */
  poolFor: (files: number, bytes: number) => LintPool | undefined
  notices: string[]
  cacheLocation: string | undefined
}

async function lintJobs(jobs: readonly Job[], {cwd, quiet, poolFor, notices, cacheLocation}: LintJobsContext): Promise<LintFilesReport> {
  const texts = await Promise.all(jobs.map((job) => readText(job.absolute, job.name)))

  const cache = cacheLocation ? await LintCache.open(path.resolve(cwd, cacheLocation), (message) => notices.push(message)) : undefined
  const keys = jobs.map((job, index) => (cache ? cacheKey(texts[index] ?? '', settingsFor(job.config, job.absolute), version(), quiet) : ''))
  const results: Array<LintResult | undefined> = jobs.map((job, index) => {
    const cached = cache?.get(job.absolute, keys[index] ?? '')
    return cached ? {...cached, path: job.name, source: texts[index] ?? ''} : undefined
  })

  const pending = jobs.flatMap((job, index) => (results[index] ? [] : [{index, job}]))
  const lintHere = ({index, job}: {index: number; job: Job}) => lintText(texts[index] ?? '', {filePath: job.absolute, config: job.config, quiet})
  const pool = poolFor(
    pending.length,
    pending.reduce((bytes, {index}) => bytes + (texts[index]?.length ?? 0), 0)
  )
  if (pool && pending.length >= PARALLEL_THRESHOLD) {
    const linted = await pool.run(
      pending.map(({index, job}) => ({absolute: job.absolute, text: texts[index] ?? ''})),
      (position) => lintHere(pending[position] as {index: number; job: Job})
    )
    pending.forEach(({index}, position) => (results[index] = linted[position]))
  } else {
    for (const item of pending) results[item.index] = await lintHere(item)
  }

  const ordered = jobs.map((job, index) => ({...(results[index] as LintResult), path: job.name}))
  if (cache) {
    for (const {index, job} of pending) {
      const result = ordered[index]
      if (result) cache.set(job.absolute, keys[index] ?? '', result)
    }
    // A cache that cannot be written costs the next run time, not this run its report.
    await cache.save().catch((error: unknown) => notices.push(`${cache.location}: the cache cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`))
  }
  return {results: ordered, notices}
}
