import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {cosmiconfig, defaultLoaders, type Loader} from 'cosmiconfig'
import type {ParseError} from 'jsonc-parser'
import {importModule} from '../import-module.js'
import {ConfigError} from './errors.js'

export {displayPath} from './errors.js'

export const SEARCH_PLACES = [
  'package.json',
  '.lintrc',
  '.lintrc.json',
  '.lintrc.yaml',
  '.lintrc.yml',
  '.lintrc.js',
  '.lintrc.mjs',
  '.lintrc.cjs',
  'copydesk.config.js',
  'copydesk.config.mjs',
]


function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`
}

/** JSON with comments and trailing commas, as editors write `.lintrc.json`. */
const loadJsonc: Loader = async (filepath, content) => {
  // Loaded on first use: linting with no JSON configuration does not pay for the parser.
  const {parse: parseJsonc, printParseErrorCode} = await import('jsonc-parser')
  const errors: ParseError[] = []
  const value: unknown = parseJsonc(content, errors, {allowTrailingComma: true, disallowComments: false})
  const [first] = errors
  if (first) {
    throw new ConfigError(filepath, undefined, `invalid JSON at ${lineAndColumn(content, first.offset)}: ${printParseErrorCode(first.error)}`)
  }
  return value
}

interface YamlException {
  reason?: string
  mark?: {line: number; column: number}
}

const loadYaml: Loader = async (filepath, content) => {
  try {
    return await defaultLoaders['.yaml'](filepath, content)
  } catch (error) {
    const {reason, mark} = error as YamlException
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : ''
    throw new ConfigError(filepath, undefined, `invalid YAML${where}: ${reason ?? 'cannot be parsed'}`)
  }
}

/** Blank lines and line or block comments, then a brace: JSON with comments, not YAML. */
const LOOKS_LIKE_JSON = /^(?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*[{[]/u

/** Nothing but blank lines and comments. */
const ONLY_COMMENTS = /^(?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|#[^\n]*(?:\n|$))*$/u

/** `.lintrc` holds JSON (with comments) or YAML; one with only comments is an empty configuration. */
const loadRc: Loader = (filepath, content) => {
  if (ONLY_COMMENTS.test(content)) return {}
  return LOOKS_LIKE_JSON.test(content) ? loadJsonc(filepath, content) : loadYaml(filepath, content)
}

const loadModule: Loader = async (filepath) => {
  try {
    const module = (await importModule(pathToFileURL(filepath).href)) as {default?: unknown}
    return module.default
  } catch (error) {
    throw new ConfigError(filepath, undefined, `cannot load: ${(error as Error).message}`)
  }
}

const explorer = cosmiconfig('copydesk', {
  searchPlaces: SEARCH_PLACES,
  // Since cosmiconfig 9 the default is to look in the start folder only; we look up to the root.
  searchStrategy: 'global',
  stopDir: path.parse(process.cwd()).root,
  loaders: {
    '.json': loadJsonc,
    noExt: loadRc,
    // `.lintrc.example` is read like `.lintrc`, so a test can load the shipped example.
    '.example': loadRc,
    '.yaml': loadYaml,
    '.yml': loadYaml,
    '.js': loadModule,
    '.mjs': loadModule,
    '.cjs': loadModule,
  },
})

export interface FoundConfig {
  filepath: string
  config: unknown
}

function wrap(filepath: string | undefined, error: unknown): never {
  if (error instanceof ConfigError) throw error
  const code = (error as NodeJS.ErrnoException).code
  const name = filepath ? filepath : 'configuration'
  if (code === 'ENOENT') throw new ConfigError(name, undefined, 'no such file')
  if (code === 'EISDIR') throw new ConfigError(name, undefined, 'is a folder, not a configuration file')
  throw new ConfigError(name, undefined, `cannot be read: ${(error as Error).message}`)
}

/** The nearest configuration file at or above `directory`, or undefined. */
export async function searchConfigFile(directory: string): Promise<FoundConfig | undefined> {
  try {
    const result = await explorer.search(directory)
    return result ? {filepath: result.filepath, config: result.config} : undefined
  } catch (error) {
    return wrap((error as {filepath?: string}).filepath, error)
  }
}

export async function readConfigFile(filepath: string): Promise<FoundConfig> {
  try {
    const result = await explorer.load(filepath)
    return {filepath, config: result?.config ?? {}}
  } catch (error) {
    return wrap(filepath, error)
  }
}

export function clearConfigCaches(): void {
  explorer.clearCaches()
}
