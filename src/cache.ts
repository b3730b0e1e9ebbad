import {createHash} from 'node:crypto'
import {readFile} from './pipeline/read.js'
import {writeAtomically} from './write-atomically.js'
import type {FileSettings} from './config/resolve.js'
import type {LintResult} from './result.js'

interface CacheFile {
  version: 1
  entries: Record<string, {key: string; result: Omit<LintResult, 'source' | 'path'>}>
}

/**
 * The key of one file's report: its text, the rules that run on it with their
 * severities and options, copydesk's version, and whether only errors are kept.
 * Any change to one of them lints the file anew.
 */
export function cacheKey(text: string, settings: FileSettings, version: string, quiet: boolean): string {
  return createHash('sha256')
    .update(settingsKey(settings))
    .update(JSON.stringify({version, quiet}))
    .update('\0')
    .update(text)
    .digest('hex')
}

/** Files under one configuration share their settings object: serialised once, not once per file. */
const settingsKeys = new WeakMap<FileSettings['rules'], string>()

function settingsKey(settings: FileSettings): string {
  let key = settingsKeys.get(settings.rules)
  if (key === undefined) {
    const rules = settings.rules.map((configured) => [configured.rule.id, configured.severity, configured.options]).sort()
    key = JSON.stringify({rules, checks: [...settings.checks].sort()})
    settingsKeys.set(settings.rules, key)
  }
  return key
}

export class LintCache {
  private readonly entries: CacheFile['entries']
  /** Whether an entry changed since the cache was read: an unchanged cache is not written again. */
  private changed = false

  private constructor(
    readonly location: string,
    entries: CacheFile['entries']
  ) {
    this.entries = entries
  }

  /** Opens the cache; a missing one is empty, a corrupt one is ignored and reported through `warn`. */
  static async open(location: string, warn: (message: string) => void): Promise<LintCache> {
    let text: string
    try {
      text = (await readFile(location)).toString('utf8')
    } catch {
      return new LintCache(location, {})
    }
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('unknown layout')
      return new LintCache(location, parsed.entries)
    } catch {
      warn(`${location}: the cache is corrupt, so it is ignored and will be rewritten`)
      const cache = new LintCache(location, {})
      cache.changed = true
      return cache
    }
  }

  get(file: string, key: string): Omit<LintResult, 'source' | 'path'> | undefined {
    const entry = this.entries[file]
    return entry?.key === key ? entry.result : undefined
  }

  set(file: string, key: string, result: LintResult): void {
    const {source: _source, path: _path, ...kept} = result
    this.entries[file] = {key, result: kept}
    this.changed = true
  }

  /** Written to a temporary file first and renamed, so a crash never leaves half a cache. */
  async save(): Promise<void> {
    if (!this.changed) return
    const content: CacheFile = {version: 1, entries: this.entries}
    await writeAtomically(this.location, JSON.stringify(content))
  }
}
