import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
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
  const rules = settings.rules.map((configured) => [configured.rule.id, configured.severity, configured.options]).sort()
  return createHash('sha256')
    .update(JSON.stringify({version, quiet, rules, checks: [...settings.checks].sort()}))
    .update('\0')
    .update(text)
    .digest('hex')
}

export class LintCache {
  private readonly entries: CacheFile['entries']

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
      text = await readFile(location, 'utf8')
    } catch {
      return new LintCache(location, {})
    }
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('unknown layout')
      return new LintCache(location, parsed.entries)
    } catch {
      warn(`${location}: the cache is corrupt, so it is ignored and will be rewritten`)
      return new LintCache(location, {})
    }
  }

  get(file: string, key: string): Omit<LintResult, 'source' | 'path'> | undefined {
    const entry = this.entries[file]
    return entry?.key === key ? entry.result : undefined
  }

  set(file: string, key: string, result: LintResult): void {
    const {source: _source, path: _path, ...kept} = result
    this.entries[file] = {key, result: kept}
  }

  /** Written to a temporary file first and renamed, so a crash never leaves half a cache. */
  async save(): Promise<void> {
    const content: CacheFile = {version: 1, entries: this.entries}
    await writeAtomically(this.location, JSON.stringify(content))
  }
}
