import {applyFixes} from './fix.js'
import {lintText} from './lint.js'
import type {ResolvedConfig} from './config/resolve.js'
import type {Rule} from './rule.js'
import type {LintMessage} from './result.js'

/** One example of a rule, run through the real pipeline, with what it gave and what it should give. */
export interface RuleCheck {
  name: string
  expected: {messages: string[]; fixed?: string}
  actual: {messages: string[]; fixed?: string}
  /** The message ids the example produced. */
  messageIds: string[]
}

/** How a message reads in a rule's examples: `L:C-L:C: message`, with the severity when it differs from the rule's. */
export function exampleLine(message: LintMessage, rule: Rule): string {
  const severity = message.severity === rule.severity ? '' : `${message.severity}: `
  return `${message.line}:${message.column}-${message.endLine}:${message.endColumn}: ${severity}${message.message}`
}

function configFor(rule: Rule, options: unknown): ResolvedConfig {
  const parsed = rule.options.parse(options ?? {})
  return {
    filepath: undefined,
    directory: process.cwd(),
    rules: new Map([[rule.id, {rule, severity: rule.severity, options: parsed}]]),
    checks: new Map(),
    ignore: [],
    extensions: undefined,
    overrides: [],
  }
}

async function run(rule: Rule, text: string, options: unknown, filePath = 'example.txt'): Promise<LintMessage[]> {
  const result = await lintText(text, {filePath, config: configFor(rule, options)})
  return result.messages
}

function excerpt(text: string): string {
  const flat = JSON.stringify(text)
  return flat.length > 60 ? `${flat.slice(0, 57)}…"` : flat
}

/**
 * Runs a rule's own examples, or the cases given, the way RuleTester does in
 * ESLint: valid texts must give no message, invalid ones exactly the listed
 * messages, and `fixed` is what applying the fixes yields. Compare each check's
 * `actual` with its `expected` in any test framework.
 */
export async function checkRule(
  rule: Rule,
  cases: Pick<Rule['examples'], 'valid' | 'invalid'> = rule.examples
): Promise<RuleCheck[]> {
  const checks: RuleCheck[] = []
  for (const example of cases.valid) {
    const messages = await run(rule, example.text, example.options, example.filePath)
    checks.push({
      name: `${rule.id}: valid ${excerpt(example.text)}`,
      expected: {messages: []},
      actual: {messages: messages.map((message) => exampleLine(message, rule))},
      messageIds: [],
    })
  }
  for (const example of cases.invalid) {
    const messages = await run(rule, example.text, example.options, example.filePath)
    const check: RuleCheck = {
      name: `${rule.id}: invalid ${excerpt(example.text)}`,
      expected: {messages: example.messages},
      actual: {messages: messages.map((message) => exampleLine(message, rule))},
      messageIds: messages.flatMap((message) => (message.messageId === undefined ? [] : [message.messageId])),
    }
    if (example.fixed !== undefined) {
      check.expected.fixed = example.fixed
      check.actual.fixed = applyFixes(example.text, messages)
    }
    checks.push(check)
  }
  return checks
}
