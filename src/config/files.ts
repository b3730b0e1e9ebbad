import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {cosmiconfig, defaultLoaders, type Loader} from 'cosmiconfig'
import type {ParseError} from 'jsonc-parser'
import {importModule} from '../import-module.js'
import {ConfigError} from './errors.js'
import {ownSettingsMayApply, SearchStart} from './search-start.js'

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

/** What jsonc-parser's error codes mean, in words (the codes it has that JSON can produce). */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'a character that JSON does not allow here',
  InvalidNumberFormat: 'a number written wrong',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the file should end here',
  InvalidCommentToken: 'a comment that is not closed',
  UnexpectedEndOfComment: 'a comment that is not closed',
  UnexpectedEndOfString: 'a string that is not closed',
  UnexpectedEndOfNumber: 'a number that is not finished',
  InvalidUnicode: 'a \\u escape written wrong',
  InvalidEscapeCharacter: 'an escape that JSON does not know',
  InvalidCharacter: 'a control character inside a string',
}

/** JSON with comments and trailing commas, as editors write `.lintrc.json`; a byte order mark, as Windows editors write one, is skipped. */
const loadJsonc: Loader = async (filepath, withMark) => {
  // Loaded on first use: linting with no JSON configuration does not pay for the parser.
  const {parse: parseJsonc, printParseErrorCode} = await import('jsonc-parser')
  const content = withMark.replace(/^\uFEFF/u, '')
  const errors: ParseError[] = []
  const value: unknown = parseJsonc(content, errors, {allowTrailingComma: true, disallowComments: false})
  const [first] = errors
  if (first) {
    const code = printParseErrorCode(first.error)
    throw new ConfigError(filepath, undefined, `invalid JSON at ${lineAndColumn(content, first.offset)}: ${JSON_ERRORS[code] ?? code}`)
  }
  return value
}

interface YamlException {
  reason?: string
  mark?: {line: number; column: number}
}

/** js-yaml's error for a file, in copydesk's words: where, and why. */
function yamlError(filepath: string, {reason, mark}: YamlException): ConfigError {
  const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : ''
  return new ConfigError(filepath, undefined, `invalid YAML${where}: ${reason ?? 'cannot be parsed'}`)
}

const loadYaml: Loader = async (filepath, content) => {
  try {
    return await defaultLoaders['.yaml'](filepath, content)
  } catch (error) {
    throw yamlError(filepath, error as YamlException)
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

const FINDER_OPTIONS = {
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
} as const

let explorer: ReturnType<typeof cosmiconfig> | undefined
/** Where searches start; none when cosmiconfig's own settings may change what it searches for. */
let searchStart: SearchStart | undefined

/**
 * cosmiconfig's finder, made when a configuration is first looked for.
 * Making it reads cosmiconfig's own settings in the working folder (a
 * "cosmiconfig" key in package.json, `.config/config.json` or `.yaml`…): made
 * as the command's modules load, a broken package.json there crashed every
 * run, `--version` included. That is a configuration error of the file named.
 */
async function finder(): Promise<ReturnType<typeof cosmiconfig>> {
  try {
    if (!explorer) {
      explorer = cosmiconfig('copydesk', FINDER_OPTIONS)
      // Read in the same working folder as cosmiconfig read its own settings just now.
      searchStart = ownSettingsMayApply(process.cwd()) ? undefined : new SearchStart(SEARCH_PLACES)
    }
    return explorer
  } catch (error) {
    throw await settingsFileError(error)
  }
}

/** The error of a file cosmiconfig read for its own settings, as copydesk says it of its own files. */
async function settingsFileError(error: unknown): Promise<ConfigError> {
  const filepath = (error as {filepath?: unknown}).filepath
  if (typeof filepath !== 'string') return new ConfigError('configuration', undefined, `cosmiconfig's own settings cannot be read: ${firstLine(error)}`)
  if ((error as YamlException).reason !== undefined) return yamlError(filepath, error as YamlException)
  if (filepath.endsWith('.json')) {
    // cosmiconfig's reader takes JSON strictly; ours gives the place in words.
    try {
      await loadJsonc(filepath, readFileSync(filepath, 'utf8'))
    } catch (jsonError) {
      if (jsonError instanceof ConfigError) return jsonError
    }
    return new ConfigError(filepath, undefined, 'cosmiconfig reads it as strict JSON: no byte order mark, comments or trailing commas')
  }
  return new ConfigError(filepath, undefined, `cannot be read: ${firstLine(error)}`)
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? ''

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
    // The finder first: making it decides whether searches may start higher up.
    const configFinder = await finder()
    const result = await configFinder.search(searchStart ? searchStart.from(directory) : directory)
    return result ? {filepath: result.filepath, config: result.config} : undefined
  } catch (error) {
    return wrap((error as {filepath?: string}).filepath, error)
  }
}

export async function readConfigFile(filepath: string): Promise<FoundConfig> {
  try {
    const result = await (await finder()).load(filepath)
    return {filepath, config: result?.config ?? {}}
  } catch (error) {
    return wrap(filepath, error)
  }
}

export function clearConfigCaches(): void {
  explorer?.clearCaches()
  searchStart?.clear()
}
