import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {ConfigError} from './errors.js'

export interface GlossaryEntry {
  avoid: string[]
  use: string
  message?: string
}

interface Row {
  record: Record<string, string | undefined>
  info: {lines: number}
}

/**
 * Reads a termbase kept in a spreadsheet: CSV or TSV with a header row naming
 * the columns `avoid`, `use` and optionally `note`. Several variants to avoid
 * go in one cell, separated by `|`.
 */
export async function readGlossary(file: string): Promise<GlossaryEntry[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigError(file, undefined, code === 'ENOENT' ? 'no such glossary file' : `cannot read the glossary (${code ?? 'unknown error'})`)
  }
  const delimiter = path.extname(file).toLowerCase() === '.tsv' ? '\t' : ','
  // Loaded here: only a desk with a glossary file pays for the CSV parser.
  const {parse} = await import('csv-parse/sync')
  let rows: Row[]
  try {
    rows = parse(text, {
      delimiter,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    }) as Row[]
  } catch (error) {
    const line = (error as {lines?: number}).lines
    throw new ConfigError(file, line === undefined ? undefined : `line ${line}`, `cannot parse as ${delimiter === '\t' ? 'TSV' : 'CSV'}: ${(error as Error).message}`)
  }
  return rows.map(({record, info}) => {
    const avoid = (record.avoid ?? '').split('|').map((term) => term.trim()).filter((term) => term !== '')
    const use = (record.use ?? '').trim()
    if (avoid.length === 0) throw new ConfigError(file, `line ${info.lines}`, 'expected a term in the "avoid" column')
    if (use === '') throw new ConfigError(file, `line ${info.lines}`, 'expected a term in the "use" column')
    const note = record.note?.trim()
    return note ? {avoid, use, message: note} : {avoid, use}
  })
}
