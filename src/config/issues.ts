import type {z} from '../zod.js'
import {hint} from '../did-you-mean.js'
import {ConfigError, keyPath} from './errors.js'

/** How a found value reads in an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `"${value}"`
  if (typeof value === 'object') return 'an object'
  return String(value)
}

function quoteList(values: ReadonlyArray<unknown>): string {
  const quoted = values.map((value) => JSON.stringify(value))
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '')
}

/** The keys an object schema accepts at a path, for a did-you-mean hint. */
function keysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: unknown = schema
  for (const part of path) {
    const shape = (current as {shape?: Record<string, unknown>}).shape
    current = shape?.[String(part)]
    const inner = current as {unwrap?: () => unknown} | undefined
    while (inner && typeof (current as {unwrap?: unknown}).unwrap === 'function') {
      current = (current as {unwrap: () => unknown}).unwrap()
    }
  }
  const shape = (current as {shape?: Record<string, unknown>} | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

/** What zod says of a value no alternative of a union takes, when the union was given no words of its own. */
const ZOD_UNION_MESSAGE = 'Invalid input'

/** The types a union's alternatives expected of the value itself, as `string or array`. */
function alternativesOf(branches: ReadonlyArray<ReadonlyArray<z.core.$ZodIssue>>): string {
  const types = new Set<string>()
  for (const issues of branches) {
    // A tuple is written as an array in JSON and YAML.
    for (const issue of issues) if (issue.code === 'invalid_type' && issue.path.length === 0) types.add(issue.expected === 'tuple' ? 'array' : issue.expected)
  }
  const names = [...types]
  return names.length === 0 ? 'another value' : names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

/** One zod issue as `key: problem` in our error grammar. */
function problemOf(issue: z.core.$ZodIssue, schema: z.ZodType): {path: PropertyKey[]; problem: string} {
  const path = [...issue.path]
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? ''
      return {path: [...path, key], problem: `unknown key${hint(key, keysAt(schema, path))}`}
    }
    case 'invalid_type':
      return {path, problem: `expected ${issue.expected}, not ${describe(issue.input)}`}
    case 'invalid_value':
      return {path, problem: `expected ${quoteList(issue.values)}, not ${describe(issue.input)}${typeof issue.input === 'string' ? hint(issue.input, issue.values.map(String)) : ''}`}
    case 'invalid_union':
      // A union names what it takes in its own error option; one without says what its alternatives take.
      return {path, problem: `expected ${issue.message === ZOD_UNION_MESSAGE ? alternativesOf(issue.errors) : issue.message}, not ${describe(issue.input)}`}
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
      return {path, problem: issue.message}
    default:
      return {path, problem: `${issue.message}, not ${describe(issue.input)}`}
  }
}

/**
 * Validates `value` against `schema`; on failure throws a ConfigError for the
 * first issue, its key path prefixed with `prefix`.
 */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  file: string,
  prefix: ReadonlyArray<PropertyKey> = [],
  /** How many leading parts of an issue's path to leave out: the wrapping the user did not write. */
  skip = 0
): z.output<Schema> {
  // zod's fast path compiles a parser for each object schema the first time it parses (new Function):
  // a run parses its few settings a handful of times, and building those parsers cost more (7 ms on an
  // article's run) than they save.
  const result = schema.safeParse(value, {reportInput: true, jitless: true})
  if (result.success) return result.data
  const [issue] = result.error.issues
  if (!issue) throw new ConfigError(file, keyPath(prefix), 'invalid value')
  const {path, problem} = problemOf(issue, schema)
  const key = keyPath([...prefix, ...path.slice(skip)])
  throw new ConfigError(file, key === '' ? undefined : key, problem)
}
