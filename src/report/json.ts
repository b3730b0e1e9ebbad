import type {LintResult} from '../result.js'
import type {ReportWriter} from './writer.js'

/** DESIGN.md's JSON shape for one file: offsets, notes and URLs stay internal. */
function shape(result: LintResult): unknown {
  return {
    path: result.path,
    messages: result.messages.map((message) => ({
      ruleId: message.ruleId,
      severity: message.severity,
      message: message.message,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
      ...(message.actual === undefined ? {} : {actual: message.actual}),
      ...(message.expected === undefined ? {} : {expected: message.expected}),
    })),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    infoCount: result.infoCount,
  }
}

/**
 * One entry per file in an array, laid out as `JSON.stringify(entries, null, 2)`
 * lays it out, but written entry by entry. JSON strings hold no raw line
 * break, so indenting an entry's lines cannot reach inside a string.
 */
export function jsonWriter(): ReportWriter {
  let entries = 0
  const render = (result: LintResult) => JSON.stringify(shape(result), null, 2).replaceAll('\n', '\n  ')
  const separator = () => (entries++ === 0 ? '[\n  ' : ',\n  ')
  return {
    file: (result) => separator() + render(result),
    rendered: {id: 'json', render, file: (_result, rendering) => [separator(), rendering]},
    end: () => (entries === 0 ? '[]\n' : '\n]\n'),
  }
}
