import type {Rule} from './rule.js'

/** The options a rule runs with when none are given, as JSON. */
function defaultOptions(rule: Rule): string {
  const parsed: unknown = rule.options.safeParse({}).data
  return JSON.stringify(parsed ?? {})
}

function optionText(options: unknown, filePath?: string): string {
  const parts = [filePath === undefined ? '' : `as ${filePath}`, options === undefined ? '' : `options: ${JSON.stringify(options)}`].filter((part) => part !== '')
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`
}

/** `copydesk --explain <id>`: the rule's own description and examples, for a terminal. */
export function explainRule(rule: Rule): string {
  const lines = [
    `${rule.id} — ${rule.summary}`,
    '',
    rule.why,
    '',
    `Default severity: ${rule.severity}. Fixable: ${rule.fixable ? 'yes' : 'no'}. Default options: ${defaultOptions(rule)}`,
    `Docs: ${rule.url}`,
    '',
    'Valid:',
    ...rule.examples.valid.map((example) => `  ${JSON.stringify(example.text)}${optionText(example.options, example.filePath)}`),
    '',
    'Invalid:',
  ]
  for (const example of rule.examples.invalid) {
    lines.push(`  ${JSON.stringify(example.text)}${optionText(example.options, example.filePath)}`)
    for (const message of example.messages) lines.push(`    ${message}`)
    if (example.fixed !== undefined) lines.push(`    fixed: ${JSON.stringify(example.fixed)}`)
  }
  return `${lines.join('\n')}\n`
}

/** `copydesk --list-rules`: one line per rule. */
export function listRules(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((rule) => rule.id.length))
  return `${rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.fixable ? 'fix' : '   '}  ${rule.summary}`).join('\n')}\n`
}

function fence(text: string): string {
  return ['```text', text, '```'].join('\n')
}

/** The README section for one rule, rendered from the same data as `--explain` and the tests. */
export function ruleMarkdown(rule: Rule): string {
  const parts = [
    `### ${rule.id}`,
    '',
    `${rule.summary} ${rule.why}`,
    '',
    `Default severity \`${rule.severity}\`; ${rule.fixable ? 'fixable' : 'not fixable'}; default options \`${defaultOptions(rule)}\`.`,
    '',
    'Valid:',
    '',
    fence(rule.examples.valid.map((example) => `${example.text}${optionText(example.options, example.filePath)}`).join('\n\n')),
    '',
    'Invalid, with the messages it gives:',
    '',
  ]
  for (const example of rule.examples.invalid) {
    const body = [example.text + optionText(example.options, example.filePath), '', ...example.messages.map((message) => `→ ${message}`)]
    if (example.fixed !== undefined) body.push(`→ fixed: ${JSON.stringify(example.fixed)}`)
    parts.push(fence(body.join('\n')), '')
  }
  return parts.join('\n')
}
