/**
 * A configuration that cannot be used: names the file, the key path inside it
 * and what was expected. The CLI prints `message` as one line and exits with 2.
 */
export class ConfigError extends Error {
  readonly file: string
  readonly key: string | undefined

  constructor(file: string, key: string | undefined, problem: string) {
    super(key ? `${file}: ${key}: ${problem}` : `${file}: ${problem}`)
    this.name = 'ConfigError'
    this.file = file
    this.key = key
  }
}

/** `rules.quote-pairs[1].allow`: how a key path reads in an error message. */
export function keyPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('')
}
