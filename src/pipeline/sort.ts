import type {LintMessage} from '../result.js'

/** Document order; at one place, by rule id, so output never depends on rule order. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  )
}

export function sortMessages(messages: readonly LintMessage[]): LintMessage[] {
  return [...messages].sort(compareMessages)
}
