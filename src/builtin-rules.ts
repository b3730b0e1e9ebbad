import type {Rule} from './rule.js'

/**
 * Built-in rules by id, sorted, each loaded on first use. A test checks that
 * this table and the files in `rules/` name the same rules.
 */
export const BUILTIN_RULES = {
  'acronym-definition': () => import('../rules/acronym-definition.js'),
  boilerplate: () => import('../rules/boilerplate.js'),
  patterns: () => import('../rules/patterns.js'),
  'quote-pairs': () => import('../rules/quote-pairs.js'),
  'quote-style': () => import('../rules/quote-style.js'),
  'repeated-words': () => import('../rules/repeated-words.js'),
  terminology: () => import('../rules/terminology.js'),
} as const satisfies Record<string, () => Promise<{default: Rule}>>

export type BuiltinRuleId = keyof typeof BUILTIN_RULES

export const BUILTIN_RULE_IDS = Object.keys(BUILTIN_RULES) as BuiltinRuleId[]

export async function loadBuiltinRules(): Promise<Rule[]> {
  const modules = await Promise.all(BUILTIN_RULE_IDS.map((id) => BUILTIN_RULES[id]()))
  return modules.map((module) => module.default)
}
