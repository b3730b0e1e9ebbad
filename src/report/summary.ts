import type {Tally} from './writer.js'

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** `9 problems (6 errors, 1 warning, 2 info) in 1 file`, or an empty string when there are none. */
export function summaryLine(tally: Tally): string {
  if (tally.problems === 0) return ''
  const parts = [plural(tally.errors, 'error', 'errors'), plural(tally.warnings, 'warning', 'warnings'), `${tally.infos} info`]
  return `${plural(tally.problems, 'problem', 'problems')} (${parts.join(', ')}) in ${plural(tally.files, 'file', 'files')}`
}
