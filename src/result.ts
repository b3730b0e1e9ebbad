import type {VFileMessage} from 'vfile-message'
import {severityOf, type ReportSeverity} from './rule.js'

export interface LintMessage {
  ruleId: string
  /** Which of its rule's messages this is. */
  messageId?: string
  severity: ReportSeverity
  message: string
  /** 1-based; columns count UTF-16 code units, as editors do. */
  line: number
  column: number
  endLine: number
  endColumn: number
  /** Offsets into the text (0-based), where the parser gave them: what fixes apply to. */
  offset?: number
  endOffset?: number
  actual?: string
  expected?: string[]
  note?: string
  url?: string
}

export interface LintResult {
  /** The file as the user named it (or `<stdin>`). */
  path: string
  messages: LintMessage[]
  errorCount: number
  warningCount: number
  infoCount: number
  /** The text that was linted, for formatters that show the offending line; never serialised. */
  source?: string
  /**
   * The report as `lintFiles`' `renderer` wrote it, in UTF-8, when a cache is
   * used: a report replayed from the cache is written as it was kept, and its
   * messages are rebuilt only if they are read.
   */
  rendered?: Uint8Array
}

/**
 * One copy of each string however often it is given: a large file repeats a
 * few thousand message texts tens of thousands of times, each built afresh
 * by its rule (on a 10 MB file, 40,000 messages took 16 MiB, a third of it
 * copies of the same texts).
 */
export type Interner = (text: string) => string

export function stringInterner(): Interner {
  const known = new Map<string, string>()
  return (text) => {
    const kept = known.get(text)
    if (kept !== undefined) return kept
    known.set(text, text)
    return text
  }
}

/** `message` with its texts replaced by their kept copies; a message just made, so changed in place. */
export function withInternedTexts(message: LintMessage, intern: Interner): LintMessage {
  if (typeof message.message === 'string') message.message = intern(message.message)
  if (typeof message.actual === 'string') message.actual = intern(message.actual)
  // A retext plugin's `expected` is handed on as it is, whatever it is.
  if (Array.isArray(message.expected)) message.expected = message.expected.map((text) => (typeof text === 'string' ? intern(text) : text))
  if (typeof message.note === 'string') message.note = intern(message.note)
  return message
}

export function toLintMessage(message: VFileMessage): LintMessage {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  const result: LintMessage = {
    ruleId: message.ruleId ?? 'unknown',
    severity: severityOf(message.fatal),
    message: message.reason,
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line ?? start?.line ?? 1,
    endColumn: end?.column ?? start?.column ?? 1,
  }
  if (message.messageId !== undefined) result.messageId = message.messageId
  if (start?.offset !== undefined) result.offset = start.offset
  if (end?.offset !== undefined) result.endOffset = end.offset
  if (message.actual !== undefined) result.actual = message.actual
  if (message.expected !== undefined) result.expected = message.expected
  if (message.note !== undefined) result.note = message.note
  if (message.url !== undefined) result.url = message.url
  return result
}

export function toLintResult(path: string, messages: LintMessage[], source?: string): LintResult {
  const result: LintResult = {
    path,
    messages,
    errorCount: messages.filter((message) => message.severity === 'error').length,
    warningCount: messages.filter((message) => message.severity === 'warning').length,
    infoCount: messages.filter((message) => message.severity === 'info').length,
  }
  if (source !== undefined) result.source = source
  return result
}
