import path from 'node:path'
import type {ReportSeverity} from '../rule.js'
import type {LintResult} from '../result.js'

const SEVERITY: Record<ReportSeverity, string> = {error: 'Error', warning: 'Warning', info: 'Info'}

/** Text read from standard input has no file, so it keeps its placeholder name. */
const STDIN = '<stdin>'

/**
 * ESLint's `compact` format, which VS Code's built-in `$eslint-compact` problem
 * matcher reads: that matcher takes file names as absolute, so the paths are.
 */
export function formatCompact(results: readonly LintResult[], cwd: string): string {
  const lines: string[] = []
  for (const result of results) {
    const file = result.path === STDIN ? STDIN : path.resolve(cwd, result.path)
    for (const message of result.messages) {
      lines.push(`${file}: line ${message.line}, col ${message.column}, ${SEVERITY[message.severity]} - ${message.message} (${message.ruleId})`)
    }
  }
  if (lines.length === 0) return ''
  return `${lines.join('\n')}\n\n${lines.length} ${lines.length === 1 ? 'problem' : 'problems'}\n`
}
