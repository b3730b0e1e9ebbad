import {parseArgs} from 'node:util'
import {hint} from '../did-you-mean.js'
import {OPTIONS} from './options.js'

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

const isOptionName = (value: string) => OPTIONS.some((option) => value === `--${option.name}` || value === `-${option.short}`)

/**
 * Parses the command line against the option table. Parsing is lenient so
 * that every mistake can be reported in our words, with a did-you-mean.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(
    OPTIONS.map((option) => [option.name, option.short ? {type: option.type, short: option.short} : {type: option.type}])
  )
  const {values, positionals, tokens} = parseArgs({args: [...argv], options, allowPositionals: true, strict: false, tokens: true})
  const names = OPTIONS.map((option) => `--${option.name}`)

  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const spec = OPTIONS.find((option) => option.name === token.name)
    if (!spec) throw new UsageError(`unknown option ${token.rawName}${hint(`--${token.name}`, names)}`)
    if (spec.type === 'string' && (token.value === undefined || token.value === '' || (!token.inlineValue && isOptionName(token.value)))) {
      throw new UsageError(`option ${token.rawName} needs a value (${spec.value ?? 'a value'})`)
    }
    if (spec.type === 'boolean' && token.inlineValue) throw new UsageError(`option ${token.rawName} takes no value`)
  }
  // `--color` and `--no-color`: the last one given wins, as with other tools' paired flags.
  const colorFlags = tokens.filter((token) => token.kind === 'option' && (token.name === 'color' || token.name === 'no-color'))
  const lastColor = colorFlags.at(-1)
  const parsed = values as ParsedArgs['values']
  if (lastColor?.kind === 'option') {
    parsed.color = lastColor.name === 'color'
    delete parsed['no-color']
  }
  return {values: parsed, positionals}
}
