import type {LintResult} from '../result.js'
import {plain, type Palette} from './color.js'
import {summaryLine} from './summary.js'
import {linesInChunks, Tally, type ReportWriter} from './writer.js'

/**
 * One self-contained `file:line:column: severity: message [rule]` line per
 * problem, which terminals, Vim's quickfix and Emacs' compile mode open at the
 * spot, then the summary.
 */
export function editorWriter(palette: Palette = plain): ReportWriter {
  const tally = new Tally()
  const chunks = (result: LintResult) =>
    linesInChunks(
      result.messages,
      (message) => `${result.path}:${message.line}:${message.column}: ${palette.severity(message.severity, message.severity)}: ${message.message} ${palette.dim(`[${message.ruleId}]`)}\n`
    )
  const render = (result: LintResult) => [...chunks(result)].join('')
  return {
    file(result: LintResult) {
      tally.add(result)
      return render(result)
    },
    fileInChunks(result) {
      tally.add(result)
      return chunks(result)
    },
    rendered: {
      id: `editor ${palette.name}`,
      render,
      file(result, rendering) {
        tally.add(result)
        return [rendering]
      },
    },
    end() {
      const summary = summaryLine(tally)
      return summary === '' ? '' : `${palette.bold(summary)}\n`
    },
  }
}
