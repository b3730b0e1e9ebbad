import type {Rule, Severity} from '../rule.js'
import type {LintMessage} from '../result.js'

/**
 * Drops a message when a rule it yields to reports the same characters: two
 * different messages on one character confuse more than they help.
 */
export function dropYielded(messages: readonly LintMessage[], rules: ReadonlyMap<string, Rule>): LintMessage[] {
  const reportedBy = new Map<string, Set<string>>()
  for (const message of messages) {
    const key = `${message.line}:${message.column}`
    const ids = reportedBy.get(key) ?? new Set<string>()
    ids.add(message.ruleId.split('/')[0] ?? message.ruleId)
    reportedBy.set(key, ids)
  }
  return messages.filter((message) => {
    const family = message.ruleId.split('/')[0] ?? message.ruleId
    const yieldsTo = rules.get(family)?.yieldsTo ?? []
    const others = reportedBy.get(`${message.line}:${message.column}`)
    return !yieldsTo.some((id) => others?.has(id))
  })
}

/** `--quiet`: errors only. */
export function errorsOnly(messages: readonly LintMessage[]): LintMessage[] {
  return messages.filter((message) => message.severity === 'error')
}

/** Severities set for single checks of a rule family (`retext-passive/written`): `off` drops them. */
export function applyCheckSeverities(messages: readonly LintMessage[], checks: ReadonlyMap<string, Severity>): LintMessage[] {
  if (checks.size === 0) return [...messages]
  const result: LintMessage[] = []
  for (const message of messages) {
    const severity = checks.get(message.ruleId)
    if (severity === 'off') continue
    result.push(severity === undefined ? message : {...message, severity})
  }
  return result
}
