import type {LintMessage, LintResult} from '../result.js'
import {inChunks, type ReportWriter} from './writer.js'

/** DESIGN.md's JSON shape for one message: offsets, notes and URLs stay internal. */
function shape(message: LintMessage): unknown {
  return {
    ruleId: message.ruleId,
    severity: message.severity,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    ...(message.actual === undefined ? {} : {actual: message.actual}),
    ...(message.expected === undefined ? {} : {expected: message.expected}),
  }
}

/** A message's object as it sits in the array: at depth three, its fields at depth four. */
const MESSAGE_BREAK = '\n      '
const MESSAGES = '"messages": []'

/**
 * One file's entry, laid out as `JSON.stringify(entries, null, 2)` lays it out
 * at depth one, made message by message: a report of 40,000 problems is never
 * one string. The entry without its messages is laid out by JSON.stringify
 * itself, and the messages go where it has `[]` (its one string, the path, has
 * its quotes escaped). JSON strings hold no raw line break, so indenting a
 * message's lines cannot reach inside a string.
 */
function* entryParts(result: LintResult, lead = ''): Generator<string> {
  const {path, errorCount, warningCount, infoCount} = result
  const frame = JSON.stringify({path, messages: [], errorCount, warningCount, infoCount}, null, 2).replaceAll('\n', '\n  ')
  const at = frame.indexOf(MESSAGES) + MESSAGES.length - 2
  yield lead + frame.slice(0, at)
  if (result.messages.length === 0) yield '[]'
  else {
    let first = true
    for (const message of result.messages) {
      yield (first ? '[' : ',') + MESSAGE_BREAK + JSON.stringify(shape(message), null, 2).replaceAll('\n', MESSAGE_BREAK)
      first = false
    }
    yield '\n    ]'
  }
  yield frame.slice(at + 2)
}

/** One entry per file in an array, laid out as `JSON.stringify(entries, null, 2)` lays it out, but written entry by entry. */
export function jsonWriter(): ReportWriter {
  let entries = 0
  const render = (result: LintResult) => [...entryParts(result)].join('')
  const separator = () => (entries++ === 0 ? '[\n  ' : ',\n  ')
  return {
    file: (result) => separator() + render(result),
    fileInChunks: (result) => inChunks(entryParts(result, separator())),
    rendered: {id: 'json', render, file: (_result, rendering) => [separator(), rendering]},
    end: () => (entries === 0 ? '[]\n' : '\n]\n'),
  }
}
