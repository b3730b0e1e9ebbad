import type {LintResult} from '../result.js'

/**
 * A report written as the files come: the text for each file's report as soon
 * as it is known, then a closing text. A long run prints as it goes and holds
 * no report it has printed.
 */
export interface ReportWriter {
  file(result: LintResult): string
  end(): string
}

/** The counts a summary line is made of. */
export class Tally {
  files = 0
  errors = 0
  warnings = 0
  infos = 0

  add(result: LintResult): void {
    this.files++
    this.errors += result.errorCount
    this.warnings += result.warningCount
    this.infos += result.infoCount
  }

  get problems(): number {
    return this.errors + this.warnings + this.infos
  }
}

/** For formats that need every report before they can write any (SARIF lists the rules first). */
export function collectingWriter(format: (results: readonly LintResult[]) => string): ReportWriter {
  const results: LintResult[] = []
  return {
    file(result) {
      results.push(result)
      return ''
    },
    end: () => format(results),
  }
}
