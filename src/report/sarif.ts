import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {ReportSeverity, Rule} from '../rule.js'
import type {LintMessage, LintResult} from '../result.js'
import {aroundArray, arrayEnd, arrayItem} from './json-layout.js'
import {CHUNK, type Chunk, type ReportWriter} from './writer.js'

export interface SarifOptions {
  /** Paths in results are relative to this folder, which becomes `%SRCROOT%`. */
  cwd: string
  version: string
  /** What the report knows about the rules, for their descriptions and help. */
  rules: readonly Rule[]
  /**
   * An absolute URL that relative rule docs URLs (`README.md#quote-pairs`) are
   * resolved against. SARIF wants absolute help URIs: without a base, the help
   * travels as text instead.
   */
  docsBase?: string | undefined
}

const LEVEL: Record<ReportSeverity, string> = {error: 'error', warning: 'warning', info: 'note'}
const SRCROOT = '%SRCROOT%'

interface Descriptor {
  id: string
  shortDescription?: {text: string}
  fullDescription?: {text: string}
  help?: {text: string}
  helpUri?: string
  defaultConfiguration?: {level: string}
}

function absoluteUrl(url: string, base: string | undefined): string | undefined {
  try {
    return new URL(url, base).href
  } catch {
    return undefined
  }
}

/** A plugin's checks (`retext-passive/written`, `patterns/no-24-7`) are described by the rule that reports them. */
function ruleFor(ruleId: string, rules: ReadonlyMap<string, Rule>): Rule | undefined {
  return rules.get(ruleId) ?? rules.get(ruleId.split('/')[0] ?? '')
}

function describe(ruleId: string, rule: Rule | undefined, docsBase: string | undefined): Descriptor {
  if (!rule) return {id: ruleId}
  const helpUri = absoluteUrl(rule.url, docsBase)
  return {
    id: ruleId,
    shortDescription: {text: rule.summary},
    fullDescription: {text: rule.why},
    help: {text: `${rule.summary} ${rule.why}${helpUri ? '' : ` See ${rule.url} in copydesk's documentation.`}`},
    ...(helpUri ? {helpUri} : {}),
    defaultConfiguration: {level: LEVEL[rule.severity]},
  }
}

/** A relative path as a relative URI reference (each segment percent-encoded), or a `file:` URI. */
function artifactLocation(file: string): {uri: string; uriBaseId?: string} {
  if (path.isAbsolute(file)) return {uri: pathToFileURL(file).href}
  return {uri: file.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT}
}

/** The spec wants a base URI that ends with a slash. */
function folderUri(folder: string): string {
  const uri = pathToFileURL(folder).href
  return uri.endsWith('/') ? uri : `${uri}/`
}

function region(message: LintMessage) {
  return {startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn}
}

/** Where the results sit in the log: `runs[0].results`, an array at depth three. */
const RESULTS_DEPTH = 3

/**
 * SARIF 2.1.0, for GitHub code scanning and SARIF viewers: one run, the rules
 * that reported something, and one result per problem. Columns count UTF-16 code
 * units, SARIF's default, and end columns are exclusive, as SARIF's are.
 *
 * The rules come before the results in the log, and only the last file tells
 * which rules reported: each file's results are written as it comes, laid out
 * as `JSON.stringify(log, null, 2)` lays them out (see json-layout), and held as UTF-8 until the
 * end, rather than every report being kept and the log made as one string
 * (a report of 40,000 problems peaked at 298 MB so).
 */
export function sarifWriter(options: SarifOptions): ReportWriter {
  const known = new Map(options.rules.map((rule) => [rule.id, rule]))
  const ruleIndex = new Map<string, number>()
  const descriptors: Descriptor[] = []
  const held: Uint8Array[] = []
  const indexOf = (ruleId: string): number => {
    let index = ruleIndex.get(ruleId)
    if (index === undefined) {
      index = descriptors.push(describe(ruleId, ruleFor(ruleId, known), options.docsBase)) - 1
      ruleIndex.set(ruleId, index)
    }
    return index
  }
  const resultOf = (result: LintResult, message: LintMessage) => ({
    ruleId: message.ruleId,
    ruleIndex: indexOf(message.ruleId),
    level: LEVEL[message.severity],
    message: {text: message.message},
    locations: [{physicalLocation: {artifactLocation: artifactLocation(result.path), region: region(message)}}],
  })
  let results = 0
  /** Laid-out results not yet held: files with few problems share a chunk. */
  let pending = ''
  const holdPending = () => {
    if (pending !== '') held.push(Buffer.from(pending))
    pending = ''
  }
  function* laidOut(result: LintResult): Generator<string> {
    for (const message of result.messages) yield arrayItem(resultOf(result, message), RESULTS_DEPTH, results++ === 0)
  }
  /** The log around its results: they go where the log of no result has `[]`. */
  const frame = (): [string, string] => {
    const informationUri = options.docsBase === undefined ? undefined : absoluteUrl(options.docsBase, undefined)
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {driver: {name: 'copydesk', version: options.version, ...(informationUri ? {informationUri} : {}), rules: descriptors}},
          originalUriBaseIds: {[SRCROOT]: {uri: folderUri(options.cwd)}},
          columnKind: 'utf16CodeUnits',
          results: [],
        },
      ],
    }
    return aroundArray(`${JSON.stringify(log, null, 2)}\n`, 'results')
  }
  const endInChunks = (): Chunk[] => {
    holdPending()
    const [before, after] = frame()
    return results === 0 ? [before, '[]', after] : [before, ...held, arrayEnd(RESULTS_DEPTH), after]
  }
  return {
    file(result) {
      for (const text of laidOut(result)) {
        pending += text
        if (pending.length >= CHUNK) holdPending()
      }
      return ''
    },
    end: () => Buffer.concat(endInChunks().map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))).toString(),
    endInChunks,
  }
}
