import type {LintMessage, LintResult} from '../result.js'
import {aroundArray, arrayEnd, arrayItem} from './json-layout.js'
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

/** Where a file's messages sit: the entry is at depth one of the array of files, its `messages` at depth two. */
const MESSAGES_DEPTH = 2

/** One file's entry, laid out as `JSON.stringify(entries, null, 2)` lays it out at depth one, made message by message (see json-layout). */
function* entryParts(result: LintResult, lead = ''): Generator<string> {
  const {path, errorCount, warningCount, infoCount} = result
  const [before, after] = aroundArray(JSON.stringify({path, messages: [], errorCount, warningCount, infoCount}, null, 2).replaceAll('\n', '\n  '), 'messages')
  yield lead + before
  let first = true
  for (const message of result.messages) {
    yield arrayItem(shape(message), MESSAGES_DEPTH, first)
    first = false
  }
  yield first ? '[]' : arrayEnd(MESSAGES_DEPTH)
  yield after
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
