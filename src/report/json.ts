import type {LintResult} from '../result.js'

/** DESIGN.md's JSON shape: one entry per file; offsets, notes and URLs stay internal. */
export function formatJson(results: readonly LintResult[]): string {
  const shaped = results.map((result) => ({
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
  }))
  return `${JSON.stringify(shaped, null, 2)}\n`
}
