import type {LintResult} from '../result.js'
import {colors, plain} from './color.js'
import {formatEditor} from './editor.js'
import {formatJson} from './json.js'

export const FORMATS = {
  editor: (results: readonly LintResult[], options: FormatOptions) => formatEditor(results, options.color ? colors : plain),
  json: (results: readonly LintResult[]) => formatJson(results),
} as const

export type FormatName = keyof typeof FORMATS

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[]

export interface FormatOptions {
  format?: FormatName
  color?: boolean
}

/** Renders lint results in one of the output formats (`editor` by default). */
export function formatResults(results: readonly LintResult[], options: FormatOptions = {}): string {
  return FORMATS[options.format ?? 'editor'](results, options)
}

export function isFormatName(name: string): name is FormatName {
  return name in FORMATS
}
