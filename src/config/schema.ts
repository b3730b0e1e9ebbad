import {z} from '../zod.js'
import {SEVERITIES, type Severity} from '../rule.js'
import {hint} from '../did-you-mean.js'
import {describe} from './issues.js'

const severityList = '"off", "info", "warning" or "error"'

function severityProblem(value: unknown): string {
  const typed = typeof value === 'string' ? value : String(value)
  return `expected ${severityList}, not ${describe(value)}${typeof value === 'string' ? hint(typed, SEVERITIES) : ''}`
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)
}

export interface RuleEntry {
  severity: Severity
  /** Absent when the entry gives a severity only: earlier options are kept. */
  options?: unknown
}

/** A rule entry is exactly `Severity | [Severity, options]`. */
const ruleEntry = z.unknown().transform((value, context): RuleEntry => {
  if (isSeverity(value)) return {severity: value}
  if (Array.isArray(value) && (value.length === 1 || value.length === 2)) {
    const [severity, options] = value as [unknown, unknown]
    if (!isSeverity(severity)) {
      context.addIssue({code: 'custom', path: [0], message: severityProblem(severity)})
      return z.NEVER
    }
    return value.length === 2 ? {severity, options} : {severity}
  }
  context.addIssue({
    code: 'custom',
    message: Array.isArray(value)
      ? `expected [severity, options], not an array of ${value.length}`
      : severityProblem(value),
  })
  return z.NEVER
})

const stringList = z.array(z.string())
const ruleTable = z.record(z.string(), ruleEntry)

export const overrideSchema = z.strictObject({
  files: z.union([z.string(), stringList], {error: 'a glob or a list of globs'}).transform((files) => (typeof files === 'string' ? [files] : files)),
  rules: ruleTable.default({}),
})

/** A plugin: a module path or package name, or `[name, options]` for a retext plugin. */
const pluginEntry = z.union([z.string().min(1), z.tuple([z.string().min(1), z.unknown()])]).transform((value) =>
  typeof value === 'string' ? {specifier: value, options: undefined} : {specifier: value[0], options: value[1]}
)

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.union([z.string(), stringList]).transform((value) => (typeof value === 'string' ? [value] : value)).optional(),
  language: z.literal('en').default('en'),
  rules: ruleTable.default({}),
  plugins: z.array(pluginEntry).default([]),
  /** Entries for the `terminology` rule, or the path of a CSV or TSV glossary. Each entry is checked by the rule's own schema. */
  terminology: z.union([z.string().min(1), z.array(z.unknown())]).optional(),
  /** Entries for the `patterns` rule, checked by the rule's own schema. */
  patterns: z.array(z.unknown()).default([]),
  ignore: stringList.default([]),
  /** The extensions taken when walking a folder, without the dot. */
  extensions: z.array(z.string().regex(/^[\w.-]+$/u, 'an extension without the dot, such as "md"')).min(1).optional(),
  overrides: z.array(overrideSchema).default([]),
})

export const CONFIG_KEYS = Object.keys(configSchema.shape)

/** What a user writes in a configuration file. */
export type ConfigInput = z.input<typeof configSchema>
/** The same after validation: defaults filled in, shorthands expanded. */
export type ConfigFile = z.output<typeof configSchema>
export type Override = z.output<typeof overrideSchema>

/** A helper for configuration written in JavaScript: it only gives the object its type. */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config
}
