import {availableParallelism} from 'node:os'
import path from 'node:path'
import {loadBuiltinRules} from './builtin-rules.js'
import {OPTIONS, helpText} from './cli/options.js'
import {BrokenPipeError, OutputError, writeReport} from './cli/output-file.js'
import {parseCommandLine, UsageError} from './cli/parse-args.js'
import {ConfigError} from './config/errors.js'
import {forgetConfigs, loadConfig, loadConfigFile, settingsFor, type ResolvedConfig} from './config/resolve.js'
import {hint} from './did-you-mean.js'
import {explainRule, listRules} from './docs.js'
import {lintFiles} from './lint-files.js'
import {lintOnDeepStackIfNeeded} from './pipeline/deep-stack.js'
import {parseShard} from './pipeline/shard.js'
import {version} from './version.js'
import {decodeText, InputError} from './pipeline/read.js'
import {wantsColor} from './report/color.js'
import {FORMAT_NAMES, isFormatName, reportWriter} from './report/index.js'
import {inBatches, joinChunks} from './cli/chunks.js'
import {Tally, type Chunk} from './report/writer.js'
import type {LintResult} from './result.js'
import type {Rule} from './rule.js'

export interface CliIo {
  stdin: AsyncIterable<Uint8Array | string> & {isTTY?: boolean}
  /** Text, or UTF-8 bytes (reports kept rendered by the cache). */
  stdout: {write(chunk: string | Uint8Array): unknown; isTTY?: boolean}
  stderr: {write(text: string): unknown}
  cwd: string
  env: Readonly<Record<string, string | undefined>>
}

/** Output waiting for the event loop to turn is written at once when it reaches this many characters or bytes. */
const PRINT_BATCH = 64 * 1024

const EXIT_OK = 0
const EXIT_PROBLEMS = 1
const EXIT_FAILURE = 2

async function readStdin(stdin: CliIo['stdin'], name: string): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk))
  return decodeText(Buffer.concat(chunks), name)
}

/** All rules a configuration knows: the built-ins and its plugins' rules. */
async function knownRules(config: ResolvedConfig): Promise<Rule[]> {
  const rules = new Map((await loadBuiltinRules()).map((rule) => [rule.id, rule]))
  for (const configured of config.rules.values()) rules.set(configured.rule.id, configured.rule)
  return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id))
}

/** What `--print-config` shows: the rules as they apply to that file, presets and overrides merged. */
function printableConfig(config: ResolvedConfig, file: string): unknown {
  const settings = settingsFor(config, file)
  const enabled = new Map(settings.rules.map((configured) => [configured.rule.id, configured]))
  const ids = new Set([...config.rules.keys(), ...config.overrides.flatMap((override) => [...override.rules.keys()])])
  const rules = Object.fromEntries(
    [...ids].sort().map((id) => {
      const configured = enabled.get(id)
      return [id, configured ? [configured.severity, configured.options] : 'off']
    })
  )
  const overrides = config.overrides.map((override) => ({
    files: override.files,
    rules: Object.fromEntries([...override.rules].map(([id, configured]) => [id, configured.severity])),
  }))
  return {file, configFile: config.filepath ?? null, rules, checks: Object.fromEntries(settings.checks), ignore: config.ignore, overrides}
}

function wholeNumber(value: string | boolean | undefined, flag: string, least: number): number | undefined {
  if (typeof value !== 'string') return undefined
  if (!/^\d+$/u.test(value) || Number(value) < least) throw new UsageError(`${flag} expects a whole number of ${least} or more, not "${value}"`)
  return Number(value)
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // Each run reads the configuration files as they are now, even when run again in one process.
  forgetConfigs()
  const {values, positionals} = parseCommandLine(argv)
  const string = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined)

  if (values.help) {
    io.stdout.write(helpText())
    return EXIT_OK
  }
  if (values.version) {
    io.stdout.write(`${version()}\n`)
    return EXIT_OK
  }

  const format = string('format') ?? 'editor'
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}", expected one of ${FORMAT_NAMES.join(', ')}${hint(format, FORMAT_NAMES)}`)
  const maxWarnings = wholeNumber(values['max-warnings'], '--max-warnings', 0)
  const concurrency = wholeNumber(values.concurrency, '--concurrency', 1)
  const shardText = string('shard')
  const shard = shardText === undefined ? undefined : parseShard(shardText)
  if (shardText !== undefined && !shard) throw new UsageError(`--shard expects K/N with 1 <= K <= N, such as 2/4, not "${shardText}"`)
  const cacheLocation = string('cache-location') ?? (values.cache ? '.copydeskcache' : undefined)
  const configFile = string('config')
  const configFor = (target: string) => (configFile ? loadConfigFile(path.resolve(io.cwd, configFile)) : loadConfig(path.resolve(io.cwd, target)))

  if (values['list-rules']) {
    io.stdout.write(listRules(await knownRules(await configFor('.'))))
    return EXIT_OK
  }
  const explain = string('explain')
  if (explain !== undefined) {
    const rules = await knownRules(await configFor('.'))
    const rule = rules.find((candidate) => candidate.id === explain)
    if (!rule) throw new UsageError(`unknown rule "${explain}"${hint(explain, rules.map((candidate) => candidate.id))}; see --list-rules`)
    io.stdout.write(explainRule(rule))
    return EXIT_OK
  }
  const printConfig = string('print-config')
  if (printConfig !== undefined) {
    const file = path.resolve(io.cwd, printConfig)
    io.stdout.write(`${JSON.stringify(printableConfig(await configFor(printConfig), file), null, 2)}\n`)
    return EXIT_OK
  }

  const color = wantsColor(typeof values.color === 'boolean' ? values.color : undefined, io.env, io.stdout.isTTY === true)
  const quiet = values.quiet === true
  const readsStdin = positionals.includes('-') || (positionals.length === 0 && io.stdin.isTTY !== true)
  const targets = positionals.filter((target) => target !== '-')
  if (!readsStdin && targets.length === 0) throw new UsageError('no files given, and nothing piped to standard input')

  const outputFile = string('output-file')
  // SARIF describes the rules that reported: every rule the working folder's configuration knows.
  const rules = format === 'sarif' ? await knownRules(await configFor('.')) : undefined
  // A file is not a terminal: no colour codes in it unless --color asks.
  const writer = reportWriter({format, color: outputFile === undefined ? color : values.color === true, cwd: io.cwd, rules})
  // On a terminal or a pipe each file's report is printed as soon as it is known. A report file, and JSON and SARIF,
  // which are one document each, are written whole at the end: a run that fails halfway leaves no half a document.
  const whole = outputFile !== undefined || format === 'json' || format === 'sarif'
  const chunks: Chunk[] = []
  let pending: Chunk[] = []
  let pendingSize = 0
  let scheduled = false
  const flush = () => {
    if (pending.length > 0) io.stdout.write(joinChunks(pending))
    pending = []
    pendingSize = 0
  }
  const print = (...texts: Chunk[]) => {
    // Held as UTF-8 until the end: half the memory of strings that hold a curly quote (two bytes a character).
    if (whole) {
      // One by one: a SARIF log of 80,000 files holds as many chunks, more than a call takes as arguments.
      for (const text of texts) chunks.push(typeof text === 'string' ? Buffer.from(text) : text)
      return
    }
    // Reports that come together (replayed from the cache, or many small files) go out in one write, when the
    // linting lets the event loop turn between two files; one write each cost 2,000 system calls on 2,000 files.
    for (const text of texts) {
      if (text.length === 0) continue
      pending.push(text)
      pendingSize += text.length
    }
    if (pendingSize >= PRINT_BATCH) flush()
    else if (!scheduled) {
      scheduled = true
      setImmediate(() => {
        scheduled = false
        flush()
      })
    }
  }
  const tally = new Tally()
  const take = (result: LintResult) => {
    tally.add(result)
    // A report the cache kept as this format wrote it is written as it is.
    if (result.rendered && writer.rendered) print(...writer.rendered.file(result, result.rendered))
    // A large report goes out, or is held, as it is made, never as one string.
    else if (writer.fileInChunks) for (const chunk of writer.fileInChunks(result)) print(chunk)
    else print(writer.file(result))
  }

  const lintAndPrint = async (): Promise<void> => {
    if (targets.length > 0) {
      const report = await lintFiles(targets, {
        cwd: io.cwd,
        configFile: configFile ? path.resolve(io.cwd, configFile) : undefined,
        quiet,
        concurrency,
        cacheLocation,
        shard,
        // Only stylish shows source lines: other formats spare replayed files their decoding.
        withSource: format === 'stylish',
        onResult: take,
        renderer: writer.rendered,
      })
      for (const notice of report.notices) io.stderr.write(`copydesk: warning: ${notice}\n`)
    }
    if (readsStdin) {
      const name = string('stdin-filename')
      const text = await readStdin(io.stdin, name ?? '<stdin>')
      const config = await configFor(name ?? '.')
      const {lintText} = await import('./lint.js')
      const filePath = path.resolve(io.cwd, name ?? 'stdin.txt')
      // Too deep for this thread's stack: linted again on a deeper one, as a file is.
      const result = await lintOnDeepStackIfNeeded(
        () => lintText(text, {filePath, config, quiet, concurrency: concurrency ?? availableParallelism()}),
        {absolute: filePath, text},
        name ?? '<stdin>',
        {configFile: configFile ? path.resolve(io.cwd, configFile) : undefined, quiet}
      )
      take({...result, path: name ?? '<stdin>'})
    }
    if (writer.endInChunks) for (const chunk of writer.endInChunks()) print(chunk)
    else print(writer.end())
  }

  try {
    await lintAndPrint()
  } finally {
    // The reports of the files done before a failure are printed, not lost.
    flush()
  }
  if (whole) {
    if (outputFile === undefined) for (const batch of inBatches(chunks, PRINT_BATCH)) io.stdout.write(batch)
    else await writeReport(path.resolve(io.cwd, outputFile), inBatches(chunks, PRINT_BATCH), outputFile)
  }

  if (tally.errors > 0) return EXIT_PROBLEMS
  if (maxWarnings !== undefined && tally.warnings > maxWarnings) {
    io.stderr.write(`copydesk: ${tally.warnings} ${tally.warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${maxWarnings}\n`)
    return EXIT_PROBLEMS
  }
  return EXIT_OK
}

/**
 * Runs the command line and returns the exit code. Every failure is one line on
 * stderr and exit code 2; a stack trace is shown only with COPYDESK_DEBUG set.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io)
  } catch (error) {
    if (error instanceof BrokenPipeError) return EXIT_BROKEN_PIPE
    if (error instanceof UsageError) {
      io.stderr.write(`copydesk: ${error.message}\nRun "copydesk --help" for usage.\n`)
    } else if (error instanceof ConfigError) {
      io.stderr.write(`copydesk: ${error.describe(io.cwd)}\n`)
    } else if (error instanceof InputError || error instanceof OutputError) {
      io.stderr.write(`copydesk: ${error.message}\n`)
    } else {
      const detail = io.env.COPYDESK_DEBUG ? `\n${(error as Error).stack ?? ''}` : ''
      io.stderr.write(`copydesk: internal error: ${(error as Error).message ?? String(error)}${detail}\n`)
    }
    return EXIT_FAILURE
  }
}

/** What a program killed by SIGPIPE exits with (128 + 13): what `yes | head` leaves for `yes`. */
const EXIT_BROKEN_PIPE = 141

export function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`copydesk archive | head`): nothing more can be shown, so stop at once and quietly.
    if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE)
    process.stderr.write(`copydesk: cannot write the report (${error.code ?? error.message})\n`)
    process.exit(EXIT_FAILURE)
  })
  return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env}
}

export {OPTIONS}
