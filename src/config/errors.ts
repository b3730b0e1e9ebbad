import path from 'node:path'

/**
 * A configuration that cannot be used: names the file, the key path inside it
 * and what was expected. The CLI prints `message` as one line and exits with 2.
 */
/** Marks every ConfigError, whichever copy of copydesk made it (the command's bundle or the package a plugin imports). */
const BRAND = Symbol.for('copydesk.ConfigError')

export class ConfigError extends Error {
  readonly [BRAND] = true

  /** `instanceof` across copies: a preset that throws the package's ConfigError is still a configuration error to the command. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as {[BRAND]?: unknown})[BRAND] === true
  }

  /** The configuration file, absolute. */
  readonly file: string
  readonly key: string | undefined
  readonly problem: string

  constructor(file: string, key: string | undefined, problem: string) {
    super(describe(file, key, problem, process.cwd()))
    this.name = 'ConfigError'
    this.file = file
    this.key = key
    this.problem = problem
  }

  /** The message with the file named relative to `cwd` when it lies inside it. */
  describe(cwd: string): string {
    return describe(this.file, this.key, this.problem, cwd)
  }
}

function describe(file: string, key: string | undefined, problem: string, cwd: string): string {
  const name = displayPath(file, cwd)
  return key ? `${name}: ${key}: ${problem}` : `${name}: ${problem}`
}

/** How a file is named in messages: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/** `rules.quote-pairs[1].allow`: how a key path reads in an error message. */
export function keyPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('')
}
