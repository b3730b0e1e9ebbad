import type {Rule, Severity} from '../rule.js'
import type {LintMessage} from '../result.js'

const familyOf = (ruleId: string) => ruleId.split('/')[0] ?? ruleId

/**
 * Drops a message when a rule it yields to reports the same characters: two
 * different messages on one character confuse more than they help.
 */
export function dropYielded(messages: readonly LintMessage[], rules: ReadonlyMap<string, Rule>): readonly LintMessage[] {
  const yieldsTo = (ruleId: string) => rules.get(familyOf(ruleId))?.yieldsTo ?? []
  const yieldedTo = new Set([...rules.values()].flatMap((rule) => rule.yieldsTo))
  if (yieldedTo.size === 0) return messages
  // Only where the rules yielded to report: on a large file, most messages are not theirs.
  const reported = new Set<string>()
  for (const message of messages) {
    const family = familyOf(message.ruleId)
    if (yieldedTo.has(family)) reported.add(`${family} ${message.line}:${message.column}`)
  }
  if (reported.size === 0) return messages
  return messages.filter((message) => !yieldsTo(message.ruleId).some((id) => reported.has(`${id} ${message.line}:${message.column}`)))
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
