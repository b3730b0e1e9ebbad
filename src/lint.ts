import path from 'node:path'
import {VFile} from 'vfile'
import {BUILTIN_RULE_IDS} from './builtin-rules.js'
import {loadConfig, settingsFor, type ResolvedConfig} from './config/resolve.js'
import {applyCheckSeverities, dropYielded, errorsOnly} from './pipeline/filter.js'
import {applyDirectives} from './pipeline/directives.js'
import {documentTypeOf, parseDocument, type DocumentType} from './pipeline/parse.js'
import {startRules} from './pipeline/run.js'
import {withStacklessMessages} from './pipeline/stackless-messages.js'
import {sortMessages} from './pipeline/sort.js'
import {stringInterner, toLintMessage, withInternedTexts, toLintResult, type LintMessage, type LintResult} from './result.js'

export interface LintTextOptions {
  /** Where the text comes from: names it in results, chooses the configuration and, by its extension, the parser. */
  filePath?: string
  /** Plain text, Markdown or HTML; by default from the extension of `filePath`. */
  type?: DocumentType
  /** A resolved configuration; by default the one found for `filePath` (or the working folder). */
  config?: ResolvedConfig
  /** Errors only. */
  quiet?: boolean
  /**
   * Threads, this one included, to parse a large plain text on (6 million
   * characters or more; three threads at most); the rules run on this thread,
   * and the result is the same. Default 1.
   */
  concurrency?: number
}

/** Lints one text with the rules its configuration enables. */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  const filePath = options.filePath ?? '<text>'
  const absolute = path.resolve(options.filePath ?? 'text.txt')
  const config = options.config ?? (await loadConfig(absolute))
  const {rules, checks} = settingsFor(config, absolute)
  const file = withStacklessMessages(new VFile({value: text, path: absolute}))
  const type = options.type ?? documentTypeOf(absolute)
  const {pieces, directives, prose, markupProse} = await parseDocument(file, type, options.concurrency)
  const runner = startRules(file, rules, type, {prose, markupProse})
  // A piece's tree can go as soon as the rules have seen it, and its messages
  // are kept in their compact form (a third of a VFileMessage): memory follows
  // the piece size and the number of problems, not the file's size.
  const reported: LintMessage[] = []
  const intern = stringInterner()
  const collect = () => {
    for (const message of file.messages) reported.push(withInternedTexts(toLintMessage(message), intern))
    file.messages.length = 0
  }
  for (const tree of pieces) {
    runner.piece(tree)
    collect()
  }
  runner.end()
  collect()
  const known = new Map(rules.map((configured) => [configured.rule.id, configured.rule]))
  const ruleIds = [...new Set([...BUILTIN_RULE_IDS, ...config.rules.keys()])]
  let messages = applyDirectives(dropYielded(applyCheckSeverities(reported, checks), known), directives, ruleIds)
  if (options.quiet) messages = errorsOnly(messages)
  return toLintResult(filePath, sortMessages(messages), text)
}
