import type {ReportSeverity} from '../rule.js'

export interface Palette {
  /** Tells palettes apart where output made with one is kept. */
  readonly name: string
  severity(severity: ReportSeverity, text: string): string
  dim(text: string): string
  bold(text: string): string
}

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`
const red = wrap(31, 39)
const yellow = wrap(33, 39)
const blue = wrap(34, 39)

export const colors: Palette = {
  name: 'colors',
  severity: (severity, text) => (severity === 'error' ? red : severity === 'warning' ? yellow : blue)(text),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
}

export const plain: Palette = {
  name: 'plain',
  severity: (_severity, text) => text,
  dim: (text) => text,
  bold: (text) => text,
}

/**
 * Whether to colour output: `--color` / `--no-color` win, then FORCE_COLOR and
 * NO_COLOR (no-color.org), then whether the stream is a terminal.
 */
export function wantsColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY
}
