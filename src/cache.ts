import {isAscii} from 'node:buffer'
import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {writeAtomically} from './write-atomically.js'
import type {FileSettings} from './config/resolve.js'
import {toLintResult, type LintMessage, type LintResult} from './result.js'
import type {ReportSeverity} from './rule.js'

/**
 * One message as the cache stores it: a tuple, with the strings every message
 * of a rule repeats (rule id, message id, severity, url) as indices into the
 * cache's table of strings. Measured on 2,000 articles (50,000 messages): the
 * cache is 7 MB instead of 15 MB and parses in half the time.
 */
type StoredMessage = [
  ruleId: number,
  messageId: number,
  severity: number,
  message: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  offset: number | null,
  endOffset: number | null,
  actual: string | null,
  expected: string[] | null,
  note: string | null,
  url: number,
]

/**
 * What a file's metadata was when its bytes were read: size, modification
 * and change times (ms), inode, and when the metadata was taken.
 */
export type Fingerprint = [size: number, mtimeMs: number, ctimeMs: number, ino: number, takenAtMs: number]

type StoredEntry = [key: string, messages: StoredMessage[], fingerprint?: Fingerprint]

interface CacheFile {
  version: typeof LAYOUT
  /** Index 0 stands for "none"; the strings start at 1. */
  strings: string[]
  entries: Record<string, StoredEntry>
}

/** The layout of the cache file; a cache in another layout is rebuilt without a word. */
const LAYOUT = 3

/**
 * A file changed this shortly before its metadata was taken may change again
 * within the same tick of the file system's clock without its metadata
 * showing it (git's "racy clean" files): such a fingerprint vouches for nothing.
 */
const RACY_MS = 2000

/** The metadata of a file, to compare with the fingerprint stored with its report; undefined when it cannot be read. */
export function fingerprintOf(file: string): Fingerprint | undefined {
  try {
    const stat = statSync(file)
    return [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, Date.now()]
  } catch {
    return undefined
  }
}

/**
 * The first half of a report's key: the rules that run on a file with their
 * severities and options, copydesk's version, and whether only errors are kept.
 */
export function settingsDigest(settings: FileSettings, version: string, quiet: boolean): string {
  return createHash('sha256').update(settingsKey(settings)).update(JSON.stringify({version, quiet})).digest('hex').slice(0, 32)
}

/**
 * The key of one file's report: its settings' digest and its bytes. Any
 * change to one of them lints the file anew. The bytes, not the text: a file
 * whose report is replayed need not be decoded at all.
 */
export function cacheKey(settings: string, bytes: Uint8Array): string {
  return `${settings}:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`
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

/** Whether a stored fingerprint and a file's metadata now show the same, untouched file. */
function vouches(stored: unknown, now: Fingerprint): boolean {
  if (!Array.isArray(stored) || stored.length !== 5) return false
  const [size, mtimeMs, ctimeMs, ino, takenAtMs] = stored as Fingerprint
  if (size !== now[0] || mtimeMs !== now[1] || ctimeMs !== now[2] || ino !== now[3]) return false
  return Math.max(mtimeMs, ctimeMs) < takenAtMs - RACY_MS
}

function isCacheFile(value: unknown): value is CacheFile {
  if (typeof value !== 'object' || value === null) return false
  const {strings, entries} = value as Partial<CacheFile>
  return Array.isArray(strings) && typeof entries === 'object' && entries !== null
}

/** JSON with every character past ASCII escaped: read back as Latin-1, which costs a tenth of decoding UTF-8. */
function asciiJson(value: unknown): string {
  // Without the `u` flag the class matches UTF-16 code units: a character past U+FFFF becomes its two escaped surrogates.
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Builds the table of strings while messages are stored. */
class StringTable {
  readonly strings: string[] = []
  private readonly indices = new Map<string, number>()

  indexOf(value: string | undefined): number {
    if (value === undefined) return 0
    let index = this.indices.get(value)
    if (index === undefined) {
      this.strings.push(value)
      index = this.strings.length
      this.indices.set(value, index)
    }
    return index
  }
}

function storeMessage(message: LintMessage, table: StringTable): StoredMessage {
  return [
    table.indexOf(message.ruleId),
    table.indexOf(message.messageId),
    table.indexOf(message.severity),
    message.message,
    message.line,
    message.column,
    message.endLine,
    message.endColumn,
    message.offset ?? null,
    message.endOffset ?? null,
    message.actual ?? null,
    message.expected ?? null,
    message.note ?? null,
    table.indexOf(message.url),
  ]
}

/** Whether a stored message names only strings of the table: what `restoreMessage` needs to rebuild it. */
function namesItsStrings(stored: unknown, strings: readonly string[]): boolean {
  const named = (index: unknown) => typeof index === 'number' && index >= 0 && index <= strings.length
  return Array.isArray(stored) && named(stored[0]) && named(stored[1]) && named(stored[2]) && named(stored[13])
}

/** Rebuilds a stored message that `namesItsStrings` accepted. */
function restoreMessage(stored: StoredMessage, strings: readonly string[]): LintMessage {
  const [ruleId, messageId, severity, message, line, column, endLine, endColumn, offset, endOffset, actual, expected, note, url] = stored
  const string = (index: number): string | undefined => (index === 0 ? undefined : strings[index - 1])
  const restored: LintMessage = {
    ruleId: string(ruleId) ?? 'unknown',
    severity: string(severity) as ReportSeverity,
    message,
    line,
    column,
    endLine,
    endColumn,
  }
  // The same optional fields, in the same order, as a fresh lint gives them: JSON output is identical either way.
  const messageIdValue = string(messageId)
  if (messageIdValue !== undefined) restored.messageId = messageIdValue
  if (offset !== null) restored.offset = offset
  if (endOffset !== null) restored.endOffset = endOffset
  if (actual !== null) restored.actual = actual
  if (expected !== null) restored.expected = expected
  if (note !== null) restored.note = note
  const urlValue = string(url)
  if (urlValue !== undefined) restored.url = urlValue
  return restored
}

type CachedReport = Omit<LintResult, 'source' | 'path'>

export class LintCache {
  /** Entries as read, with the table of strings they were written with. */
  private readonly stored: Record<string, StoredEntry>
  /** Entries linted in this run, stored at once against a table of their own: a long cold run does not keep every report whole. */
  private readonly fresh = new Map<string, StoredEntry>()
  private readonly table = new StringTable()
  /** New metadata for stored entries whose file was found unchanged by its bytes, written with them at the save. */
  private readonly refreshed = new Map<string, Fingerprint>()
  /** Whether an entry changed since the cache was read: an unchanged cache is not written again. */
  private changed = false

  private constructor(
    readonly location: string,
    private readonly strings: readonly string[],
    stored: Record<string, StoredEntry>
  ) {
    this.stored = stored
  }

  /**
   * Opens the cache; a missing one, or one in an older layout, is empty; a
   * corrupt one is ignored and reported through `warn`.
   */
  static open(location: string, warn: (message: string) => void): LintCache {
    let bytes: Buffer
    try {
      bytes = readFileSync(location)
    } catch {
      return new LintCache(location, [], {})
    }
    try {
      const parsed: unknown = JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'))
      const version = (parsed as {version?: unknown} | null)?.version
      if (typeof version === 'number' && version !== LAYOUT) {
        const cache = new LintCache(location, [], {})
        cache.changed = true
        return cache
      }
      if (!isCacheFile(parsed)) throw new Error('unknown layout')
      return new LintCache(location, parsed.strings, parsed.entries)
    } catch {
      warn(`${location}: the cache is corrupt, so it is ignored and will be rewritten`)
      const cache = new LintCache(location, [], {})
      cache.changed = true
      return cache
    }
  }

  /**
   * Whether the stored report of `file` was made under `key` and can be
   * rebuilt (a damaged entry is no report: its file is linted again).
   */
  holds(file: string, key: string): boolean {
    return this.located(file)?.entry[0] === key
  }

  /**
   * Whether the stored report of `file` may be replayed without reading the
   * file: it was made under these settings, it can be rebuilt, and the file's
   * metadata is as it was when its bytes were read (and not so soon after a
   * change that the metadata could miss the next).
   */
  vouchesFor(file: string, settings: string, fingerprint: Fingerprint | undefined): boolean {
    const entry = this.located(file)?.entry
    return entry !== undefined && fingerprint !== undefined && entry[0].startsWith(`${settings}:`) && vouches(entry[2], fingerprint)
  }

  /**
   * The stored report of `file`, to be rebuilt when it is about to be used,
   * so that 50,000 messages are not all alive at once. Only for a file the
   * cache `holds` or `vouchesFor`.
   */
  report(file: string): CachedReport {
    const {entry, strings} = this.located(file) ?? {entry: ['', []], strings: []}
    const {path: _path, ...report} = toLintResult('', entry[1].map((message) => restoreMessage(message, strings)))
    return report
  }

  /** Records the metadata of a file whose report was replayed by its bytes: the next run need not read them. */
  refresh(file: string, fingerprint: Fingerprint | undefined): void {
    if (!fingerprint) return
    const fresh = this.fresh.get(file)
    if (fresh) fresh[2] = fingerprint
    else this.refreshed.set(file, fingerprint)
    this.changed = true
  }

  set(file: string, key: string, result: LintResult, fingerprint: Fingerprint | undefined): void {
    const entry: StoredEntry = [key, result.messages.map((message) => storeMessage(message, this.table))]
    if (fingerprint) entry.push(fingerprint)
    this.fresh.set(file, entry)
    this.changed = true
  }

  /** The entry of `file` with the table its strings are in, if it is whole. */
  private located(file: string): {entry: StoredEntry; strings: readonly string[]} | undefined {
    const fresh = this.fresh.get(file)
    const [entry, strings] = fresh ? [fresh, this.table.strings] : [this.stored[file], this.strings]
    const whole = Array.isArray(entry) && typeof entry[0] === 'string' && Array.isArray(entry[1]) && entry[1].every((message) => namesItsStrings(message, strings))
    return whole ? {entry, strings} : undefined
  }

  /** Written to a temporary file first and renamed, so a crash never leaves half a cache. */
  async save(): Promise<void> {
    if (!this.changed) return
    const entries: Record<string, StoredEntry> = {}
    // Stored entries go over to this run's table; a damaged one is dropped, and its file linted again next time.
    for (const file of Object.keys(this.stored)) {
      const located = this.fresh.has(file) ? undefined : this.located(file)
      if (!located) continue
      const [key, messages, fingerprint] = located.entry
      const kept: StoredEntry = [key, messages.map((message) => storeMessage(restoreMessage(message, this.strings), this.table))]
      const latest = this.refreshed.get(file) ?? fingerprint
      if (Array.isArray(latest)) kept.push(latest)
      entries[file] = kept
    }
    for (const [file, entry] of this.fresh) entries[file] = entry
    const content: CacheFile = {version: LAYOUT, strings: this.table.strings, entries}
    await writeAtomically(this.location, asciiJson(content))
  }
}
