import {createHash} from 'node:crypto'
import {closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats} from 'node:fs'
import {devNull} from 'node:os'
import {writeAtomically} from './write-atomically.js'
import type {FileSettings} from './config/resolve.js'
import {toLintResult, type LintMessage, type LintResult} from './result.js'
import type {ReportSeverity} from './rule.js'

/**
 * One message as the cache stores it: a tuple, with the strings every message
 * of a rule repeats (rule id, message id, severity, url) as indices into its
 * entry's table of strings (half the size of plain objects, parsed in half the time).
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

/** Errors, warnings and infos of a report: all a summary needs of a replayed one. */
type Counts = [errors: number, warnings: number, infos: number]

/** Where bytes lie in a region of the cache file: start and length. */
type Span = [start: number, length: number]

/**
 * An entry as the cache file's header lists it: the report's key, the file's
 * metadata (0 when unknown), the counts, the messages (JSON `[strings,
 * messages]` in UTF-8) and the report as output formats wrote it, each with
 * the id that says which, the latest first.
 */
type HeaderEntry = [key: string, fingerprint: Fingerprint | 0, counts: Counts, messages: Span, renderings: Array<[id: string, span: Span]>]

/** Renderings kept per file: a terminal's format and an editor's or a hook's need not push each other out. */
const RENDERINGS_KEPT = 3

interface Header {
  /** The length of the first region, the renderings; the messages follow. */
  renderings: number
  entries: Record<string, HeaderEntry>
}

interface Entry {
  key: string
  fingerprint?: Fingerprint
  counts: Counts
  /** `[strings, messages]` as JSON in UTF-8: read and parsed only when the report is rebuilt. */
  messages: () => Uint8Array | undefined
  /** The messages once checked, until the report is rebuilt from them. */
  checked?: StoredMessages
  renderings: Array<{id: string; bytes: () => Uint8Array | undefined}>
}

type StoredMessages = [strings: string[], messages: StoredMessage[]]

/** A report as an output format wrote it (UTF-8), with what names that format. */
export interface Rendering {
  id: string
  bytes: Uint8Array
}

/**
 * The cache file starts with this line, then the header (JSON in ASCII, one
 * line), then two regions of bytes: the entries' renderings, then their
 * messages. A warm run reads the header and the renderings, and writes those
 * it replays as they are; the messages, most of the file, are read only if a
 * report must be rebuilt or the cache rewritten. A cache in another layout is
 * rebuilt without a word.
 */
const MAGIC = 'copydesk-cache 4\n'
const LAYOUT_LINE = /^copydesk-cache \d+\n/u

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

/** Digests of settings already computed, per settings object: files under one configuration share theirs. */
const digests = new WeakMap<FileSettings['rules'], Map<string, string>>()

/**
 * The first half of a report's key: the rules that run on a file with their
 * severities and options, copydesk's version, and whether only errors are kept.
 */
export function settingsDigest(settings: FileSettings, version: string, quiet: boolean): string {
  let known = digests.get(settings.rules)
  if (!known) digests.set(settings.rules, (known = new Map()))
  const asked = `${version} ${quiet}`
  let digest = known.get(asked)
  if (digest === undefined) {
    const rules = settings.rules.map((configured) => [configured.rule.id, configured.severity, configured.options]).sort()
    const key = JSON.stringify({rules, checks: [...settings.checks].sort()})
    digest = createHash('sha256').update(key).update(JSON.stringify({version, quiet})).digest('hex').slice(0, 32)
    known.set(asked, digest)
  }
  return digest
}

/**
 * The key of one file's report: its settings' digest and its bytes. Any
 * change to one of them lints the file anew. The bytes, not the text: a file
 * whose report is replayed need not be decoded at all.
 */
export function cacheKey(settings: string, bytes: Uint8Array): string {
  return `${settings}:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`
}

/** Whether a stored fingerprint and a file's metadata now show the same, untouched file. */
function vouches(stored: Fingerprint | undefined, now: Fingerprint): boolean {
  if (!stored) return false
  // Read by index, here and in entryOf: a warm run does this for every file, and destructuring an array walks an iterator.
  if (stored[0] !== now[0] || stored[1] !== now[1] || stored[2] !== now[2] || stored[3] !== now[3]) return false
  return Math.max(stored[1], stored[2]) < stored[4] - RACY_MS
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0
const isSpanIn = (value: unknown, size: number): value is Span =>
  Array.isArray(value) && value.length === 2 && isCount(value[0]) && isCount(value[1]) && value[0] + value[1] <= size

/** A header entry checked against the regions it points into; undefined when damaged. */
function entryOf(stored: unknown, renderingsRegion: Region, messagesRegion: Region): Entry | undefined {
  if (!Array.isArray(stored) || stored.length !== 5) return undefined
  const key: unknown = stored[0]
  const fingerprint: unknown = stored[1]
  const counts: unknown = stored[2]
  const messages: unknown = stored[3]
  const renderings: unknown = stored[4]
  if (typeof key !== 'string' || !isSpanIn(messages, messagesRegion.size)) return undefined
  if (!Array.isArray(counts) || counts.length !== 3 || !isCount(counts[0]) || !isCount(counts[1]) || !isCount(counts[2])) return undefined
  if (!Array.isArray(renderings)) return undefined
  const start = messages[0]
  const length = messages[1]
  const entry: Entry = {key, counts: counts as Counts, messages: () => messagesRegion.span(start, length), renderings: []}
  if (Array.isArray(fingerprint) && fingerprint.length === 5 && fingerprint.every((value) => typeof value === 'number')) entry.fingerprint = fingerprint as Fingerprint
  for (const rendering of renderings as unknown[]) {
    if (!Array.isArray(rendering) || typeof rendering[0] !== 'string' || !isSpanIn(rendering[1], renderingsRegion.size)) return undefined
    const from = rendering[1][0]
    const size = rendering[1][1]
    let bytes: Uint8Array | undefined
    entry.renderings.push({id: rendering[0], bytes: () => (bytes ??= renderingsRegion.span(from, size))})
  }
  return entry
}

/** JSON with every character past ASCII escaped, so the header can be read as Latin-1. */
function asciiJson(value: unknown): string {
  // Without the `u` flag the class matches UTF-16 code units: a character past U+FFFF becomes its two escaped surrogates.
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Builds an entry's table of strings while its messages are stored. */
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

/** The messages of a report as an entry keeps them. */
function storeMessages(messages: readonly LintMessage[]): Uint8Array {
  const table = new StringTable()
  const stored = messages.map((message) => storeMessage(message, table))
  return Buffer.from(JSON.stringify([table.strings, stored]))
}

const SEVERITIES: ReadonlySet<unknown> = new Set<ReportSeverity>(['error', 'warning', 'info'])
const isPosition = (value: unknown) => Number.isInteger(value) && (value as number) >= 0
const isOptional = (value: unknown, type: 'string' | 'number') => value === null || typeof value === type

/** Whether a stored message is one `restoreMessage` can rebuild: its strings in the table, its fields of their types. */
function isStoredMessage(stored: unknown, strings: readonly string[]): stored is StoredMessage {
  if (!Array.isArray(stored) || stored.length !== 14) return false
  const [ruleId, messageId, severity, message, line, column, endLine, endColumn, offset, endOffset, actual, expected, note, url] = stored as unknown[]
  const named = (index: unknown, optional: boolean) => Number.isInteger(index) && (index as number) >= (optional ? 0 : 1) && (index as number) <= strings.length
  return (
    named(ruleId, false) &&
    named(messageId, true) &&
    named(severity, false) &&
    SEVERITIES.has(strings[(severity as number) - 1]) &&
    named(url, true) &&
    typeof message === 'string' &&
    [line, column, endLine, endColumn].every(isPosition) &&
    isOptional(offset, 'number') &&
    isOptional(endOffset, 'number') &&
    isOptional(actual, 'string') &&
    isOptional(note, 'string') &&
    (expected === null || (Array.isArray(expected) && expected.every((value) => typeof value === 'string')))
  )
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

/** An entry's messages as stored, or undefined when they cannot be read back. */
function checkMessages(bytes: Uint8Array | undefined): StoredMessages | undefined {
  if (!bytes) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  } catch {
    return undefined
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined
  const [strings, messages] = parsed as unknown[]
  if (!Array.isArray(strings) || !strings.every((value) => typeof value === 'string') || !Array.isArray(messages)) return undefined
  return messages.every((message) => isStoredMessage(message, strings)) ? [strings, messages] : undefined
}

export type CachedReport = Omit<LintResult, 'source' | 'path'>

/** The bytes of an entry's rendering for the output format `id`, if it has one that can be read. */
function renderingOf(entry: Entry, id: string): Uint8Array | undefined {
  return entry.renderings.find((rendering) => rendering.id === id)?.bytes()
}

/** A rendering made in this run, as entries keep theirs. */
const held = ({id, bytes}: Rendering): Entry['renderings'][number] => ({id, bytes: () => bytes})

/** The counts of a report, as `toLintResult` makes them. */
function countsOf(result: Pick<LintResult, 'errorCount' | 'warningCount' | 'infoCount'>): Counts {
  return [result.errorCount, result.warningCount, result.infoCount]
}

/** Whether a file is the null device, under any name. */
function isNullDevice(found: Stats): boolean {
  try {
    const nothing = statSync(devNull)
    return found.dev === nothing.dev && found.ino === nothing.ino
  } catch {
    return false
  }
}

export class LintCache {
  /** The header's entries as read, each checked when first asked for. */
  private readonly listed: Record<string, unknown>
  private readonly checked = new Map<string, Entry | undefined>()
  /** Entries made or changed in this run. */
  private readonly fresh = new Map<string, Entry>()
  /** Whether an entry changed since the cache was read: an unchanged cache is not written again. */
  private changed = false
  /** False for a location that is no regular file: a FIFO would hang the run, and a device holds no cache. */
  private kept = true
  /** The regions of the file, each read when first needed. */
  private readonly renderings: Region
  private readonly messages: Region
  private file: CacheFileHandle | undefined

  private constructor(
    readonly location: string,
    read?: {listed: Record<string, unknown>; file: CacheFileHandle; renderingsAt: number; messagesAt: number}
  ) {
    this.listed = read?.listed ?? {}
    this.file = read?.file
    this.renderings = new Region(read?.file, read?.renderingsAt ?? 0, read ? read.messagesAt - read.renderingsAt : 0)
    this.messages = new Region(read?.file, read?.messagesAt ?? 0, read ? read.file.size - read.messagesAt : 0)
  }

  /**
   * Opens the cache; a missing one, or one in another layout, is empty; a
   * corrupt one is ignored and reported through `warn`.
   */
  static open(location: string, warn: (message: string) => void): LintCache {
    let found: Stats | undefined
    try {
      found = statSync(location)
    } catch {
      // Not there, or not to be reached: opened, and written, as any missing cache.
    }
    if (found !== undefined && !found.isFile()) {
      // `--cache-location /dev/null` asks for no cache, as `-o /dev/null` for no report: no word said, every run.
      if (!isNullDevice(found)) warn(`${location}: not a regular file, so no cache is kept there`)
      const none = new LintCache(location)
      none.kept = false
      return none
    }
    let file: CacheFileHandle
    try {
      file = new CacheFileHandle(location)
    } catch {
      return new LintCache(location)
    }
    const rebuilt = () => {
      file.close()
      const cache = new LintCache(location)
      cache.changed = true
      return cache
    }
    const corrupt = () => {
      warn(`${location}: the cache is corrupt, so it is ignored and will be rewritten`)
      return rebuilt()
    }
    // An empty file (`touch .copydeskcache`, `--cache-location /dev/null`) is an empty cache, not a corrupt one.
    if (file.size === 0) return rebuilt()
    try {
      if (file.read(0, MAGIC.length).toString('latin1') !== MAGIC) {
        // Another layout of ours: the JSON of layouts 1 to 3, or a later line of this kind.
        const bytes = readFileSync(location)
        return LAYOUT_LINE.test(bytes.toString('latin1', 0, 64)) || (bytes[0] === 0x7b && olderLayout(bytes)) ? rebuilt() : corrupt()
      }
      const headerLine = file.line(MAGIC.length)
      if (headerLine === undefined) return corrupt()
      const header: unknown = JSON.parse(headerLine.toString('latin1'))
      const {entries, renderings} = (header ?? {}) as Partial<Header>
      const renderingsAt = MAGIC.length + headerLine.length + 1
      if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return corrupt()
      if (!isCount(renderings) || renderingsAt + renderings > file.size) return corrupt()
      return new LintCache(location, {listed: entries as Record<string, unknown>, file, renderingsAt, messagesAt: renderingsAt + renderings})
    } catch {
      return corrupt()
    }
  }

  /** Lets go of the cache file; what was not read of it by now is not needed. */
  close(): void {
    this.file?.close()
    this.file = undefined
  }

  /** The entry of `file`, if it is whole. */
  private entry(file: string): Entry | undefined {
    const fresh = this.fresh.get(file)
    if (fresh) return fresh
    if (!this.checked.has(file)) this.checked.set(file, Object.hasOwn(this.listed, file) ? entryOf(this.listed[file], this.renderings, this.messages) : undefined)
    return this.checked.get(file)
  }

  /**
   * Whether the stored report of `file` was made under `key` and can be
   * replayed: as the output format `renderingId` wrote it, or rebuilt from its
   * messages (a damaged entry is no report: its file is linted again).
   */
  holds(file: string, key: string, renderingId?: string): boolean {
    const entry = this.entry(file)
    return entry?.key === key && this.replayable(entry, renderingId)
  }

  /**
   * Whether the stored report of `file` may be replayed without reading the
   * file: it was made under these settings, it can be replayed, and the file's
   * metadata is as it was when its bytes were read (and not so soon after a
   * change that the metadata could miss the next).
   */
  vouchesFor(file: string, settings: string, fingerprint: Fingerprint | undefined, renderingId?: string): boolean {
    const entry = this.entry(file)
    return entry !== undefined && fingerprint !== undefined && entry.key.startsWith(`${settings}:`) && vouches(entry.fingerprint, fingerprint) && this.replayable(entry, renderingId)
  }

  /**
   * A kept rendering is replayed as it is; otherwise the messages are checked
   * now, and kept checked until the report is rebuilt from them.
   */
  private replayable(entry: Entry, renderingId: string | undefined): boolean {
    if (renderingId !== undefined && renderingOf(entry, renderingId)) return true
    entry.checked ??= checkMessages(entry.messages())
    return entry.checked !== undefined
  }

  /** The key the stored report of `file` was made under. */
  keyOf(file: string): string | undefined {
    return this.entry(file)?.key
  }

  /** The report of `file` as the output format `id` wrote it, if the cache kept that. */
  rendering(file: string, id: string): Uint8Array | undefined {
    const entry = this.entry(file)
    return entry && renderingOf(entry, id)
  }

  /** The counts of the stored report of `file`. Only for a file the cache `holds` or `vouchesFor`. */
  counts(file: string): Pick<LintResult, 'errorCount' | 'warningCount' | 'infoCount'> {
    const counts = this.entry(file)?.counts ?? [0, 0, 0]
    return {errorCount: counts[0], warningCount: counts[1], infoCount: counts[2]}
  }

  /**
   * The stored report of `file`, rebuilt when it is about to be used, so that
   * 50,000 messages are not all alive at once. Only for a file the cache
   * `holds` or `vouchesFor`.
   */
  report(file: string): CachedReport {
    const entry = this.entry(file)
    const stored = entry ? (entry.checked ?? checkMessages(entry.messages())) : undefined
    if (entry) entry.checked = undefined
    const messages = stored ? stored[1].map((message) => restoreMessage(message, stored[0])) : []
    const {path: _path, ...report} = toLintResult('', messages)
    return report
  }

  /** Records the metadata of a file whose report was replayed by its bytes: the next run need not read them. */
  refresh(file: string, fingerprint: Fingerprint | undefined): void {
    const entry = this.entry(file)
    if (!fingerprint || !entry) return
    this.fresh.set(file, {...entry, fingerprint})
    this.changed = true
  }

  /** Keeps the rendering of a replayed report in another output format, for the next run in that format. */
  keepRendering(file: string, rendering: Rendering): void {
    const entry = this.entry(file)
    if (!entry) return
    const others = entry.renderings.filter((kept) => kept.id !== rendering.id)
    this.fresh.set(file, {...entry, renderings: [held(rendering), ...others].slice(0, RENDERINGS_KEPT)})
    this.changed = true
  }

  set(file: string, key: string, result: LintResult, fingerprint: Fingerprint | undefined, rendering?: Rendering): void {
    const messages = storeMessages(result.messages)
    const entry: Entry = {key, counts: countsOf(result), messages: () => messages, renderings: rendering ? [held(rendering)] : []}
    if (fingerprint) entry.fingerprint = fingerprint
    this.fresh.set(file, entry)
    this.changed = true
  }

  /** Written to a temporary file first and renamed, so a crash never leaves half a cache. */
  async save(): Promise<void> {
    if (!this.changed || !this.kept) return this.close()
    const entries: Record<string, HeaderEntry> = {}
    const regions = {renderings: [] as Uint8Array[], messages: [] as Uint8Array[]}
    const sizes = {renderings: 0, messages: 0}
    const place = (region: keyof typeof regions, bytes: Uint8Array): Span => {
      regions[region].push(bytes)
      sizes[region] += bytes.length
      return [sizes[region] - bytes.length, bytes.length]
    }
    // A damaged entry is dropped, and its file linted again next time.
    // So is the entry of a file that is gone, found so when it was not part of this run.
    const files = new Set([...Object.keys(this.listed).filter((file) => this.checked.has(file) || existsSync(file)), ...this.fresh.keys()])
    for (const file of files) {
      const entry = this.entry(file)
      const messagesBytes = entry?.messages()
      if (!entry || !messagesBytes) continue
      const messages = place('messages', messagesBytes)
      const renderings: Array<[string, Span]> = []
      for (const rendering of entry.renderings) {
        const bytes = rendering.bytes()
        if (bytes) renderings.push([rendering.id, place('renderings', bytes)])
      }
      entries[file] = [entry.key, entry.fingerprint ?? 0, entry.counts, messages, renderings]
    }
    // Everything kept is read by now: the file can be replaced.
    this.close()
    const header: Header = {renderings: sizes.renderings, entries}
    await writeAtomically(this.location, Buffer.concat([Buffer.from(`${MAGIC}${asciiJson(header)}\n`, 'latin1'), ...regions.renderings, ...regions.messages]))
  }
}

/**
 * A region of the cache file, read whole in one go the first time a span of
 * it is wanted (a read per span cost more CPU time than reading them all):
 * a run that replays every report as rendered never reads the messages.
 */
class Region {
  private whole: Uint8Array | undefined

  constructor(
    private readonly file: CacheFileHandle | undefined,
    private readonly at: number,
    readonly size: number
  ) {}

  /** The bytes of a span, or undefined when the region cannot be read whole (the file was cut short meanwhile). */
  span(start: number, length: number): Uint8Array | undefined {
    this.whole ??= this.file?.read(this.at, this.size) ?? new Uint8Array()
    return this.whole.length === this.size ? this.whole.subarray(start, start + length) : undefined
  }
}

/**
 * The cache file, held open from the moment its header is read: the parts
 * read later come from the same file, even if another run has replaced it.
 * Once closed (the run is over), a part is read from the file found at its
 * place if it is still the same file: a report handed to an API caller can
 * still rebuild its messages.
 */
class CacheFileHandle {
  private fd: number | undefined
  readonly size: number
  private readonly identity: string

  constructor(private readonly location: string) {
    this.fd = openSync(location, 'r')
    try {
      const stat = fstatSync(this.fd)
      this.size = stat.size
      this.identity = identityOf(stat)
    } catch (error) {
      this.close()
      throw error
    }
  }

  /** `length` bytes from `position`; fewer if the file is shorter, or no longer the one read. */
  read(position: number, length: number): Buffer {
    if (this.fd !== undefined) return readAt(this.fd, position, length)
    let fd: number | undefined
    try {
      fd = openSync(this.location, 'r')
      return identityOf(fstatSync(fd)) === this.identity ? readAt(fd, position, length) : Buffer.alloc(0)
    } catch {
      return Buffer.alloc(0)
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
  }

  /** The bytes from `position` to the next line break, without it; undefined when there is none. */
  line(position: number): Buffer | undefined {
    const parts: Buffer[] = []
    for (let at = position; at < this.size; ) {
      const part = this.read(at, Math.min(256 * 1024, this.size - at))
      if (part.length === 0) break
      const end = part.indexOf(0x0a)
      if (end >= 0) return Buffer.concat([...parts, part.subarray(0, end)])
      parts.push(part)
      at += part.length
    }
    return undefined
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}

/** What tells one version of a file from another. */
const identityOf = (stat: Stats) => `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`

function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const count = readSync(fd, bytes, done, length - done, position + done)
    if (count === 0) break
    done += count
  }
  return done === length ? bytes : bytes.subarray(0, done)
}

/** Whether a cache file is one of the JSON layouts copydesk wrote before this one. */
function olderLayout(bytes: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'))
    return typeof (parsed as {version?: unknown} | null)?.version === 'number'
  } catch {
    return false
  }
}
