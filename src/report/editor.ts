import {plain, type Palette} from './color.js'
import {summaryLine} from './summary.js'
import {lineWriter, Tally, type ReportWriter} from './writer.js'

/**
 * One self-contained `file:line:column: severity: message [rule]` line per
 * problem, which terminals, Vim's quickfix and Emacs' compile mode open at the
 * spot, then the summary.
 */
export function editorWriter(palette: Palette = plain): ReportWriter {
  const tally = new Tally()
  return lineWriter({
    id: `editor ${palette.name}`,
    lineOf: (result) => (message) =>
      `${result.path}:${message.line}:${message.column}: ${palette.severity(message.severity, message.severity)}: ${message.message} ${palette.dim(`[${message.ruleId}]`)}\n`,
    count: (result) => tally.add(result),
    end() {
      const summary = summaryLine(tally)
      return summary === '' ? '' : `${palette.bold(summary)}\n`
    },
  })
}
