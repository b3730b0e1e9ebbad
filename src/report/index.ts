import type {LintResult} from '../result.js'
import type {Rule} from '../rule.js'
import {homepage, version} from '../version.js'
import {colors, plain} from './color.js'
import {formatCompact} from './compact.js'
import {formatEditor} from './editor.js'
import {formatGithub} from './github.js'
import {formatJson} from './json.js'
import {formatSarif} from './sarif.js'
import {formatStylish} from './stylish.js'

export interface FormatOptions {
  format?: FormatName
  color?: boolean
  /** The folder that relative paths in results are relative to (default: the working folder). */
  cwd?: string
  /** The rules that may have reported, for formats that describe them (`sarif`). */
  rules?: readonly Rule[]
  /** An absolute URL that relative rule docs URLs resolve against (default: copydesk's `homepage`). */
  docsBase?: string
}

type Formatter = (results: readonly LintResult[], options: FormatOptions) => string

/** Every output format by name: `--format` and its help are made from this table. */
export const FORMATS = {
  editor: (results, options) => formatEditor(results, options.color ? colors : plain),
  json: (results) => formatJson(results),
  stylish: (results, options) => formatStylish(results, options.color ? colors : plain),
  compact: (results, options) => formatCompact(results, options.cwd ?? process.cwd()),
  sarif: (results, options) =>
    formatSarif(results, {cwd: options.cwd ?? process.cwd(), version: version(), rules: options.rules ?? [], docsBase: options.docsBase ?? homepage()}),
  github: (results) => formatGithub(results),
} as const satisfies Record<string, Formatter>

export type FormatName = keyof typeof FORMATS

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[]

/** Renders lint results in one of the output formats (`editor` by default). */
export function formatResults(results: readonly LintResult[], options: FormatOptions = {}): string {
  return FORMATS[options.format ?? 'editor'](results, options)
}

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name)
}
