import path from 'node:path'
import type {ReportSeverity} from '../rule.js'
import {lineWriter, type ReportWriter} from './writer.js'

const SEVERITY: Record<ReportSeverity, string> = {error: 'Error', warning: 'Warning', info: 'Info'}

/** Text read from standard input has no file, so it keeps its placeholder name. */
const STDIN = '<stdin>'

/**
 * ESLint's `compact` format, which VS Code's built-in `$eslint-compact` problem
 * matcher reads: that matcher takes file names as absolute, so the paths are.
 */
export function compactWriter(cwd: string): ReportWriter {
  let problems = 0
  return lineWriter({
    // The paths it writes are absolute: made from the working folder.
    id: `compact ${cwd}`,
    lineOf(result) {
      const file = result.path === STDIN ? STDIN : path.resolve(cwd, result.path)
      return (message) => `${file}: line ${message.line}, col ${message.column}, ${SEVERITY[message.severity]} - ${message.message} (${message.ruleId})\n`
    },
    count(result) {
      problems += result.errorCount + result.warningCount + result.infoCount
    },
    end: () => (problems === 0 ? '' : `\n${problems} ${problems === 1 ? 'problem' : 'problems'}\n`),
  })
}
