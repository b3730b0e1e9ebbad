import path from 'node:path'
import type {ReportSeverity} from '../rule.js'
import type {LintMessage} from '../result.js'
import {lineWriter, type ReportWriter} from './writer.js'

const COMMAND: Record<ReportSeverity, string> = {error: 'error', warning: 'warning', info: 'notice'}

// The escaping of GitHub's own toolkit (@actions/core): a command ends at a line
// break, and its properties are separated by `,` and end at `::`.
const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

function properties(file: string, message: LintMessage): string {
  const entries: Array<[string, string | number]> = [['file', file], ['line', message.line]]
  // GitHub keeps columns only for an annotation on one line.
  if (message.endLine === message.line) entries.push(['col', message.column])
  entries.push(['endLine', message.endLine])
  if (message.endLine === message.line) entries.push(['endColumn', message.endColumn])
  entries.push(['title', message.ruleId])
  return entries.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')
}

/**
 * GitHub Actions workflow commands, one per problem, which the runner turns into
 * annotations on the pull request. Paths use `/` on every system.
 */
export function githubWriter(): ReportWriter {
  return lineWriter({
    id: 'github',
    lineOf(result) {
      const file = result.path.split(path.sep).join('/')
      return (message) => `::${COMMAND[message.severity]} ${properties(file, message)}::${escapeData(message.message)}\n`
    },
    end: () => '',
  })
}
