import path from 'node:path'
import type {LintResult} from '../result.js'
import type {ReportSeverity} from '../rule.js'
import {linesInChunks, type ReportWriter} from './writer.js'

const SEVERITY: Record<ReportSeverity, string> = {error: 'Error', warning: 'Warning', info: 'Info'}

/** Text read from standard input has no file, so it keeps its placeholder name. */
const STDIN = '<stdin>'

/**
 * ESLint's `compact` format, which VS Code's built-in `$eslint-compact` problem
 * matcher reads: that matcher takes file names as absolute, so the paths are.
 */
export function compactWriter(cwd: string): ReportWriter {
  let problems = 0
  const chunks = (result: LintResult) => {
    const file = result.path === STDIN ? STDIN : path.resolve(cwd, result.path)
    return linesInChunks(result.messages, (message) => `${file}: line ${message.line}, col ${message.column}, ${SEVERITY[message.severity]} - ${message.message} (${message.ruleId})\n`)
  }
  const render = (result: LintResult) => [...chunks(result)].join('')
  const count = (result: LintResult) => {
    problems += result.errorCount + result.warningCount + result.infoCount
  }
  return {
    file(result) {
      count(result)
      return render(result)
    },
    fileInChunks(result) {
      count(result)
      return chunks(result)
    },
    rendered: {
      // The paths it writes are absolute: made from the working folder.
      id: `compact ${cwd}`,
      render,
      file(result, rendering) {
        count(result)
        return [rendering]
      },
    },
    end: () => (problems === 0 ? '' : `\n${problems} ${problems === 1 ? 'problem' : 'problems'}\n`),
  }
}
