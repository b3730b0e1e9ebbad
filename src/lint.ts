import {readFile} from 'node:fs/promises'
import path from 'node:path'
import ignore from 'ignore'
import {VFile} from 'vfile'
import {BUILTIN_RULE_IDS} from './builtin-rules.js'
import {displayPath} from './config/files.js'
import {loadConfig, loadConfigFile, settingsFor, type ResolvedConfig} from './config/resolve.js'
import {discoverFiles} from './pipeline/discover.js'
import {applyCheckSeverities, dropYielded, errorsOnly} from './pipeline/filter.js'
import {applyDirectives} from './pipeline/directives.js'
import {documentTypeOf, parseDocument, type DocumentType} from './pipeline/parse.js'
import {readText} from './pipeline/read.js'
import {runRules} from './pipeline/run.js'
import {sortMessages} from './pipeline/sort.js'
import {toLintMessage, toLintResult, type LintResult} from './result.js'

export interface LintTextOptions {
  /** Where the text comes from: names it in results, chooses the configuration and, by its extension, the parser. */
  filePath?: string
  /** Plain text, Markdown or HTML; by default from the extension of `filePath`. */
  type?: DocumentType
  /** A resolved configuration; by default the one found for `filePath` (or the working folder). */
  config?: ResolvedConfig
  /** Errors only. */
  quiet?: boolean
}

/** Lints one text with the rules its configuration enables. */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  const filePath = options.filePath ?? '<text>'
  const absolute = path.resolve(options.filePath ?? 'text.txt')
  const config = options.config ?? (await loadConfig(absolute))
  const {rules, checks} = settingsFor(config, absolute)
  const file = new VFile({value: text, path: absolute})
  const {tree, directives} = await parseDocument(file, options.type ?? documentTypeOf(absolute))
  runRules(tree, file, rules)
  const known = new Map(rules.map((configured) => [configured.rule.id, configured.rule]))
  const ruleIds = [...new Set([...BUILTIN_RULE_IDS, ...config.rules.keys()])]
  let messages = applyDirectives(dropYielded(applyCheckSeverities(file.messages.map(toLintMessage), checks), known), directives, ruleIds)
  if (options.quiet) messages = errorsOnly(messages)
  return toLintResult(filePath, sortMessages(messages), text)
}

export interface LintFilesOptions {
  cwd?: string
  /** `--config FILE`: one configuration for every file instead of the nearest one. */
  configFile?: string
  quiet?: boolean
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
  return ignore().add(patterns).ignores(relative.split(path.sep).join('/'))
}

/** The patterns of `.lintignore` in the working folder, as ESLint reads `.eslintignore`. */
async function lintignoreOf(cwd: string): Promise<string[]> {
  try {
    return (await readFile(path.join(cwd, '.lintignore'), 'utf8')).split(/\r?\n/u)
  } catch {
    return []
  }
}

/**
 * Lints files, folders and globs. Every file is read before any is linted, so
 * an unreadable one stops the run with nothing half-done.
 */
export async function lintFiles(targets: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesReport> {
  const cwd = options.cwd ?? process.cwd()
  const fixed = options.configFile ? await loadConfigFile(path.resolve(cwd, options.configFile)) : undefined
  // Which files a folder holds is the working folder's configuration's call.
  const {extensions} = fixed ?? (await loadConfig(cwd))
  const found = await discoverFiles(targets, cwd, extensions)
  const lintignore = await lintignoreOf(cwd)
  const notices: string[] = []
  const jobs: Array<{name: string; absolute: string; config: ResolvedConfig}> = []

  for (const file of found) {
    const config = fixed ?? (await loadConfig(file.path))
    const name = displayPath(file.path, cwd)
    const ignoredBy = ignores(config.ignore, config.directory, file.path)
      ? `the configuration's "ignore"`
      : ignores(lintignore, cwd, file.path)
        ? '.lintignore'
        : undefined
    if (ignoredBy) {
      if (!file.explicit) continue
      notices.push(`${name}: ignored by ${ignoredBy}, linted because it was named explicitly`)
    }
    jobs.push({name, absolute: file.path, config})
  }

  const texts = await Promise.all(jobs.map((job) => readText(job.absolute, job.name)))
  const results: LintResult[] = []
  for (const [index, job] of jobs.entries()) {
    const result = await lintText(texts[index] ?? '', {filePath: job.absolute, config: job.config, quiet: options.quiet})
    results.push({...result, path: job.name})
  }
  return {results, notices}
}
