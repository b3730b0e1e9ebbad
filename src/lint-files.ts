import {readFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import ignore from 'ignore'
import {LintCache, cacheKey, fingerprintOf, settingsDigest} from './cache.js'
import {displayPath} from './config/files.js'
import {forgetConfigs, loadConfig, loadConfigFile, loadConfigForFile, settingsFor, type ResolvedConfig} from './config/resolve.js'
import {discoverFiles} from './pipeline/discover.js'
import {EARLY_START_FILES, LintPool, PARALLEL_MIN_BYTES, PARALLEL_THRESHOLD} from './pipeline/pool.js'
import {InOrder} from './pipeline/in-order.js'
import {lintOnDeepStackIfNeeded} from './pipeline/deep-stack.js'
import {FileReader, InputError, checkText, decodeText, readBytes} from './pipeline/read.js'
import {inShard, type Shard} from './pipeline/shard.js'
import type {RenderedFiles} from './report/writer.js'
import type {LintResult} from './result.js'
import type {WorkerSetup} from './pipeline/worker.js'
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
  /**
   * Whether each result carries the text it was linted from (`source`), for
   * formatters that show the offending line. Default true; without it, a
   * report replayed from the cache costs no decoding of its file.
   */
  withSource?: boolean
  /**
   * Each file's report, in the order of the files, as soon as it and every
   * report before it are known. With it, the returned `results` are left
   * empty: a long run then holds no more reports than it must.
   */
  onResult?: (result: LintResult) => void
  /**
   * With a cache, how the output format renders a file's report: the cache
   * keeps each report as rendered (in `rendered`) and replays it as it is.
   * A report replayed so carries no `source`: its rendering already shows
   * what the format wanted of the text.
   */
  renderer?: FileRenderer
}

/** An output format's rendering of a file's report: `id` names everything besides the report it depends on. */
export type FileRenderer = Pick<RenderedFiles, 'id' | 'render'>

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
  // Each run reads the configuration files as they are now, as the command does: a program that lints on
  // every save sees its configuration edited between two runs.
  forgetConfigs()
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
  const cache = options.cacheLocation ? LintCache.open(path.resolve(cwd, options.cacheLocation), (message) => notices.push(message)) : undefined
  try {
    const results: LintResult[] = []
    const onResult = options.onResult ?? ((result: LintResult) => results.push(result))
    await lintJobs(jobs, {quiet, threads, poolFor, setup: {configFile, quiet}, notices, cache, withSource: options.withSource ?? true, onResult, renderer: options.renderer})
    return {results, notices}
  } finally {
    cache?.close()
    await pool?.close()
  }
}

interface LintJobsContext {
  quiet: boolean
  /** Threads allowed, this one included. */
  threads: number
  /** The pool for this many files and bytes to lint, started on first need; none for a little text or one thread. */
  poolFor: (files: number, bytes: number) => LintPool | undefined
  /** What a worker needs to find a file's configuration. */
  setup: WorkerSetup
  notices: string[]
  cache: LintCache | undefined
  withSource: boolean
  onResult: (result: LintResult) => void
  renderer: FileRenderer | undefined
}

interface CheckedFiles {
  sizes: number[]
  /** The key of each file's bytes as they were checked, where the cache has a report of it; '' for any other. */
  keys: string[]
  /** The bytes of the files that give them only once (pipes, FIFOs, `/dev/stdin`), by index. */
  readOnce: Map<number, Uint8Array>
}

/**
 * Reads the files, but those whose reports the cache vouches for, and
 * refuses any that is not text. Gives each file's size and, for a file that
 * `settingsToKey` gives settings for, its cache key.
 */
function checkFiles(jobs: readonly Job[], vouched: readonly boolean[], settingsToKey: (index: number) => string | undefined): CheckedFiles {
  const reader = new FileReader()
  const sizes = new Array<number>(jobs.length).fill(0)
  const readOnce = new Map<number, Uint8Array>()
  const keys = jobs.map((job, index) => {
    if (vouched[index]) return ''
    const {bytes, regular} = reader.read(job.absolute, job.name)
    checkText(bytes, job.name)
    sizes[index] = bytes.length
    // A copy: the reader reads the next file into the same buffer.
    if (!regular) readOnce.set(index, new Uint8Array(bytes))
    const settings = settingsToKey(index)
    return settings === undefined ? '' : cacheKey(settings, bytes)
  })
  return {sizes, keys, readOnce}
}

/**
 * Reads every file first and refuses any that is not text before linting one,
 * so a bad file stops the run with nothing half-done. Its bytes are not kept
 * from that first reading, but read again when the file is linted: a run over
 * 100,000 articles holds the files in hand, not the archive (reading again
 * costs about 1 % of a cold run; the operating system has the bytes cached).
 * With a cache, a file whose metadata is as it was when its report was made
 * is not read at all (unless its text is to be shown), as git trusts its index.
 */
async function lintJobs(jobs: readonly Job[], {quiet, threads, poolFor, setup, notices, cache, withSource, onResult, renderer}: LintJobsContext): Promise<void> {
  const settings = jobs.map((job) => (cache ? settingsDigest(settingsFor(job.config, job.absolute), version(), quiet) : ''))
  // A rendering shows the file under the name it is given here.
  const renderingIds = jobs.map((job) => (renderer ? `${renderer.id}\0${job.name}` : undefined))
  // Taken before the bytes are read: a change made while they are read shows in the next run's metadata.
  const fingerprints = jobs.map((job) => (cache ? fingerprintOf(job.absolute) : undefined))
  const vouched = jobs.map((job, index) => cache?.vouchesFor(job.absolute, settings[index] ?? '', fingerprints[index], renderingIds[index]) ?? false)
  // A key is worth hashing the bytes for only where the cache has a report: it says whether that report can be replayed.
  // Any other file is linted, and keyed by the bytes read then (a cold run hashed every file twice).
  const {sizes, keys, readOnce} = checkFiles(jobs, vouched, (index) => (cache?.keyOf((jobs[index] as Job).absolute) === undefined ? undefined : (settings[index] ?? '')))
  /** A file's bytes, read again; those of a pipe as they were read for the check. */
  const bytesAt = (index: number): Uint8Array => {
    const job = jobs[index] as Job
    return readOnce.get(index) ?? readBytes(job.absolute, job.name)
  }
  /**
   * The text of a file to lint. The file may have changed since it was
   * checked: it is checked again, and the report is kept in the cache under
   * the key of the bytes it was made from.
   */
  const textToLint = (index: number): string => {
    const bytes = bytesAt(index)
    if (cache) keys[index] = cacheKey(settings[index] ?? '', bytes)
    return decodeText(bytes, (jobs[index] as Job).name)
  }
  /** The text of a file whose report is replayed, to show its lines; none if it is no longer the text the report was made from. */
  const textOfReplayed = (index: number, cache: LintCache): string | undefined => {
    const job = jobs[index] as Job
    let bytes: Uint8Array
    try {
      bytes = bytesAt(index)
    } catch (error) {
      // Gone or unreadable since it was checked: no lines to show, as for a file that changed.
      if (error instanceof InputError) return undefined
      throw error
    }
    const madeFrom = keys[index] || cache.keyOf(job.absolute)
    return cacheKey(settings[index] ?? '', bytes) === madeFrom ? decodeText(bytes, job.name) : undefined
  }

  const replayable = jobs.map((job, index) => {
    if (!cache || vouched[index]) return vouched[index] ?? false
    if (!cache.holds(job.absolute, keys[index] ?? '', renderingIds[index])) return false
    // Same bytes, new metadata (the file was touched, or checked out again): the next run need not read it.
    cache.refresh(job.absolute, fingerprints[index])
    return true
  })

  /** A replayed report: as the cache kept it rendered, with its messages rebuilt only if read; or rebuilt whole. */
  const replay = (job: Job, index: number): LintResult => {
    const c = cache as LintCache
    const id = renderingIds[index]
    const kept = id === undefined ? undefined : c.rendering(job.absolute, id)
    const source = !kept && withSource ? textOfReplayed(index, c) : undefined
    readOnce.delete(index)
    if (kept) return lazyReport(job.name, c.counts(job.absolute), () => c.report(job.absolute).messages, kept)
    const report: LintResult = {path: job.name, ...c.report(job.absolute)}
    if (source !== undefined) report.source = source
    // A file changed since it was checked: its report is shown without its lines, and its rendering is not kept.
    if (renderer && id !== undefined && (source !== undefined || !withSource)) {
      report.rendered = Buffer.from(renderer.render(report))
      c.keepRendering(job.absolute, {id, bytes: report.rendered})
    }
    return report
  }

  // Each report is made when it is handed on: a replayed one is rebuilt only then, so reports waiting behind a slow file cost no memory.
  const inOrder = new InOrder<() => LintResult>((make, index) => {
    const job = jobs[index] as Job
    if (replayable[index]) return onResult(make())
    const result: LintResult = {...make(), path: job.name}
    const id = renderingIds[index]
    if (renderer && cache && id !== undefined) result.rendered = Buffer.from(renderer.render(result))
    if (cache) cache.set(job.absolute, keys[index] ?? '', result, fingerprints[index], result.rendered && id !== undefined ? {id, bytes: result.rendered} : undefined)
    onResult(result)
  })
  const pending: Array<{index: number; job: Job}> = []
  jobs.forEach((job, index) => {
    if (replayable[index]) inOrder.put(index, () => replay(job, index))
    else pending.push({index, job})
  })

  // A run that replays every report does without the parser and the rules: they are loaded only to lint.
  const {lintText} = pending.length > 0 ? await import('./lint.js') : {lintText: undefined}
  // The text of a file on a worker stays here only for formatters that show it.
  const sources = new Map<number, string>()
  // Threads for one file's pieces only where no pool lints files side by side.
  // Async, so that a file that cannot be read again fails the lane as a rejection, as a failed lint does.
  const lintHere = async (position: number, pieceThreads = 1) => {
    const {index, job} = pending[position] as {index: number; job: Job}
    const text = textToLint(index)
    // A text deeper than this thread's stack (a run-on sentence of thousands of lines) is linted again on a deeper one.
    const lint = () => (lintText as typeof import('./lint.js').lintText)(text, {filePath: job.absolute, config: job.config, quiet, concurrency: pieceThreads})
    return lintOnDeepStackIfNeeded(lint, {absolute: job.absolute, text}, job.name, setup)
  }
  const done = (position: number, result: LintResult) => {
    const {index} = pending[position] as {index: number; job: Job}
    // A file a worker had in hand when it died was read again and linted here: its own text, not the worker's.
    const source = result.source ?? sources.get(position)
    sources.delete(position)
    readOnce.delete(index)
    const {source: _linted, ...report} = result
    const made: LintResult = withSource && source !== undefined ? {...report, source} : report
    inOrder.put(index, () => made)
  }
  const pool = poolFor(
    pending.length,
    pending.reduce((total, {index}) => total + (sizes[index] ?? 0), 0)
  )
  if (pool && pending.length >= PARALLEL_THRESHOLD) {
    const jobAt = (position: number) => {
      const {index, job} = pending[position] as {index: number; job: Job}
      const text = textToLint(index)
      if (withSource) sources.set(position, text)
      return {absolute: job.absolute, text}
    }
    await pool.run({count: pending.length, jobAt, lintHere, done})
  } else {
    for (let position = 0; position < pending.length; position++) {
      done(position, await lintHere(position, threads))
      // A turn of the event loop between two files lets what takes the reports (the command's printing) act on them.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  if (cache) {
    // A cache that cannot be written costs the next run time, not this run its report.
    await cache.save().catch((error: unknown) => notices.push(`${cache.location}: the cache cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`))
  }
}

/**
 * A report replayed as rendered: its messages are rebuilt from the cache the
 * first time they are read, if ever. Otherwise it is a report like any other:
 * its fields in the same order, `messages` as writable as the rest.
 */
function lazyReport(name: string, counts: Pick<LintResult, 'errorCount' | 'warningCount' | 'infoCount'>, messages: () => LintResult['messages'], rendered: Uint8Array): LintResult {
  const report: LintResult = {path: name, messages: [], ...counts, rendered}
  const settle = (value: LintResult['messages']) => {
    Object.defineProperty(report, 'messages', {value, writable: true, enumerable: true, configurable: true})
    return value
  }
  Object.defineProperty(report, 'messages', {enumerable: true, configurable: true, get: () => settle(messages()), set: settle})
  return report
}
