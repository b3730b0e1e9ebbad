import type {LintResult} from '../result.js'

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** `9 problems (6 errors, 1 warning, 2 info) in 1 file`, or an empty string when there are none. */
export function summaryLine(results: readonly LintResult[]): string {
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0)
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0)
  const infos = results.reduce((sum, result) => sum + result.infoCount, 0)
  const total = errors + warnings + infos
  if (total === 0) return ''
  const parts = [plural(errors, 'error', 'errors'), plural(warnings, 'warning', 'warnings'), `${infos} info`]
  return `${plural(total, 'problem', 'problems')} (${parts.join(', ')}) in ${plural(results.length, 'file', 'files')}`
}
