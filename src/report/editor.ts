import type {LintResult} from '../result.js'
import {plain, type Palette} from './color.js'
import {summaryLine} from './summary.js'

/**
 * One self-contained `file:line:column: severity: message [rule]` line per
 * problem, which terminals, Vim's quickfix and Emacs' compile mode open at the
 * spot, then the summary.
 */
export function formatEditor(results: readonly LintResult[], palette: Palette = plain): string {
  const lines: string[] = []
  for (const result of results) {
    for (const message of result.messages) {
      lines.push(
        `${result.path}:${message.line}:${message.column}: ${palette.severity(message.severity, message.severity)}: ${message.message} ${palette.dim(`[${message.ruleId}]`)}`
      )
    }
  }
  const summary = summaryLine(results)
  if (summary !== '') lines.push(palette.bold(summary))
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
