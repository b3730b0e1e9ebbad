import type {LintMessage, LintResult} from '../result.js'

/**
 * A report written as the files come: the text for each file's report as soon
 * as it is known, then a closing text. A long run prints as it goes and holds
 * no report it has printed.
 */
export interface ReportWriter {
  file(result: LintResult): string
  end(): string
  /** Set by writers whose text for a file is a rendering of its report alone, which a cache can keep. */
  rendered?: RenderedFiles
  /**
   * What `file` returns, in pieces made one after the other: a report of
   * 40,000 problems is written as it is made, never held whole.
   */
  fileInChunks?(result: LintResult): Iterable<string>
  /** What `end` returns, in pieces: the closing text of a format that holds its files' text until the end (SARIF). */
  endInChunks?(): Iterable<Chunk>
}

/** About how many characters `inChunks` puts in one chunk. */
export const CHUNK = 16 * 1024

/** Strings joined into chunks of about 16 K characters, each made when it is asked for. */
export function* inChunks(parts: Iterable<string>): Generator<string, void, undefined> {
  let chunk = ''
  for (const part of parts) {
    chunk += part
    if (chunk.length >= CHUNK) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk !== '') yield chunk
}

function* mapped<T>(items: Iterable<T>, line: (item: T) => string): Generator<string, void, undefined> {
  for (const item of items) yield line(item)
}

/** Text written out: a string, or UTF-8 bytes kept from an earlier run. */
export type Chunk = string | Uint8Array

/**
 * What a writer's text for a file is made of when it is a rendering of the
 * report alone (with, around it, what the files before it decide: a comma,
 * a blank line), so that the rendering kept by a cache can be written again
 * as it is, without rebuilding the report's messages.
 */
export interface RenderedFiles {
  /** Names everything besides the report that the rendering depends on (format, colours, folder). */
  id: string
  render(result: LintResult): string
  /** What `file` writes, given the report's rendering: the report's counts are all it may read. */
  file(result: LintResult, rendering: Uint8Array): Chunk[]
}

/** The counts a summary line is made of. */
export class Tally {
  files = 0
  errors = 0
  warnings = 0
  infos = 0

  add(result: Pick<LintResult, 'errorCount' | 'warningCount' | 'infoCount'>): void {
    this.files++
    this.errors += result.errorCount
    this.warnings += result.warningCount
    this.infos += result.infoCount
  }

  get problems(): number {
    return this.errors + this.warnings + this.infos
  }
}

export interface LineFormat {
  /** Names everything besides the report that the lines depend on (see `RenderedFiles.id`). */
  id: string
  /** How a file's problems are written, one line each (ending in a line break). */
  lineOf(result: LintResult): (message: LintMessage) => string
  /** Counts a file's report for the closing text (its counts only: a replayed report's messages are not rebuilt). */
  count?(result: LintResult): void
  end(): string
}

/**
 * A writer of one line per problem and nothing between files (editor,
 * compact, github): a file's text is its lines alone, written in chunks as
 * they are made, and kept whole by the cache.
 */
export function lineWriter({id, lineOf, count = () => undefined, end}: LineFormat): ReportWriter {
  const chunks = (result: LintResult) => inChunks(mapped(result.messages, lineOf(result)))
  const render = (result: LintResult) => [...chunks(result)].join('')
  return {
    file(result) {
      count(result)
      return render(result)
    },
    fileInChunks(result) {
      count(result)
      return chunks(result)
    },
    rendered: {
      id,
      render,
      file(result, rendering) {
        count(result)
        return [rendering]
      },
    },
    end,
  }
}
