import type {LintResult} from '../result.js'
import type {Rule} from '../rule.js'
import {homepage, version} from '../version.js'
import {colors, plain} from './color.js'
import {compactWriter} from './compact.js'
import {editorWriter} from './editor.js'
import {githubWriter} from './github.js'
import {jsonWriter} from './json.js'
import {sarifWriter} from './sarif.js'
import {stylishWriter} from './stylish.js'
import type {ReportWriter} from './writer.js'

export type {ReportWriter} from './writer.js'

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

type Format = (options: FormatOptions) => ReportWriter

/** Every output format by name: `--format` and its help are made from this table. */
export const FORMATS = {
  editor: (options) => editorWriter(options.color ? colors : plain),
  json: () => jsonWriter(),
  stylish: (options) => stylishWriter(options.color ? colors : plain),
  compact: (options) => compactWriter(options.cwd ?? process.cwd()),
  sarif: (options) => sarifWriter({cwd: options.cwd ?? process.cwd(), version: version(), rules: options.rules ?? [], docsBase: options.docsBase ?? homepage()}),
  github: () => githubWriter(),
} as const satisfies Record<string, Format>

export type FormatName = keyof typeof FORMATS

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[]

/** A writer for one of the output formats (`editor` by default), to print reports as they come. */
export function reportWriter(options: FormatOptions = {}): ReportWriter {
  return FORMATS[options.format ?? 'editor'](options)
}

/** Renders lint results in one of the output formats (`editor` by default). */
export function formatResults(results: readonly LintResult[], options: FormatOptions = {}): string {
  const writer = reportWriter(options)
  let text = ''
  for (const result of results) text += writer.file(result)
  return text + writer.end()
}

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name)
}
