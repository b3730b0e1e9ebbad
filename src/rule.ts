/**
 * The rule API: what a built-in rule and a user's custom rule are both made of.
 * It imports nothing from the engine, so a rule module stays a pure description
 * of a check plus the function that performs it.
 */
import type {Node as UnistNode} from 'unist'
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {toString} from 'nlcst-to-string'
import {z} from './zod.js'

declare module 'vfile-message' {
  interface VFileMessage {
    /** Which of its rule's messages this is (ESLint's `messageId`). */
    messageId?: string
  }
}

export type Severity = 'off' | 'info' | 'warning' | 'error'
export type ReportSeverity = Exclude<Severity, 'off'>

export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warning', 'error']

export interface Point {
  line: number
  column: number
  offset?: number | undefined
}

export interface Place {
  start: Point
  end: Point
}

/**
 * Message builders keyed by message id. The parameter type of each builder is
 * the data its placeholders need; `never` accepts any builder's parameter.
 */
export type MessageBuilders = Record<string, (data: never) => string>

export interface ReportDetails {
  /** The offending characters: a place, or a node whose position is used. */
  place: Place | UnistNode
  /** The text at `place` as found in the file. */
  actual?: string
  /** Replacements for `actual`; `['']` asks for a deletion. */
  expected?: string[]
  /** Why it matters, or how to decide; shown by verbose output. */
  note?: string
  /**
   * This one message's severity, whatever the rule is configured to: a
   * quotation that may go on in the next paragraph is only `info`.
   */
  severity?: ReportSeverity
  /**
   * Files the message under `<rule id>/<subRule>`, for rules that are a family
   * of checks (a wrapped retext plugin, a list of patterns): each can then be
   * given its own severity in the configuration.
   */
  subRule?: string
}

/** How the file was parsed: its prose is the whole text only for plain text. */
export type DocumentType = 'text' | 'markdown' | 'html'

export interface RuleContext<Options, Messages extends MessageBuilders> {
  readonly options: Options
  /** The whole text of the file, as read. */
  readonly text: string
  readonly file: VFile
  readonly documentType: DocumentType
  /**
   * The text of a node as the rules see it: in plain text a slice of the file,
   * in Markdown and HTML the prose joined from the tree (markup left out,
   * character references decoded). Cheaper than nlcst-to-string on plain text.
   */
  textOf(node: UnistNode): string
  /**
   * All the document's prose as one string, known before the first piece: the
   * text for plain text, the text of the prose blocks for Markdown and HTML.
   * For decisions about the whole document, such as its majority quote style.
   */
  readonly prose: string
  report<Id extends keyof Messages & string>(
    messageId: Id,
    data: Parameters<Messages[Id]>[0],
    details: ReportDetails
  ): void
}

export interface InvalidExample {
  text: string
  /** A file name whose extension picks the parser (`post.md`, `page.html`); plain text by default. */
  filePath?: string
  /** `L:C-L:C: message`, or `L:C-L:C: info: message` when its severity differs from the rule's. */
  messages: string[]
  options?: unknown
  /** The text after every known fix is applied. */
  fixed?: string
}

export interface ValidExample {
  text: string
  filePath?: string
  options?: unknown
}

export interface RuleDefinition<Schema extends z.ZodType, Messages extends MessageBuilders> {
  id: string
  /** Where the rule is documented; built-in rules default to their section of copydesk's README. */
  url?: string
  summary: string
  why: string
  severity: ReportSeverity
  fixable: boolean
  options?: Schema
  messages: Messages
  /** Ids of rules whose message at the same place makes this rule's message redundant. */
  yieldsTo?: string[]
  /** Whether the rule files its messages under `<id>/<check>` (see `subRule`), which the configuration may then set one by one. */
  hasChecks?: boolean
  examples: {
    valid: Array<string | ValidExample>
    invalid: InvalidExample[]
  }
  /**
   * Called once per file. Returns a function of the tree, or, for a rule that
   * looks across paragraphs, `{piece, end}`: a large file is parsed in pieces
   * cut between paragraphs, `piece` sees each in order, and `end` comes after
   * the last, so state kept in the closure spans the whole document.
   */
  create(context: RuleContext<z.output<Schema>, Messages>): ((tree: Root) => void) | PieceHandlers
}

export interface PieceHandlers {
  piece(tree: Root): void
  end?(): void
}

/** A rule ready for the engine: its definition with the stamped identity. */
export interface Rule {
  readonly id: string
  readonly summary: string
  readonly why: string
  readonly severity: ReportSeverity
  readonly fixable: boolean
  readonly url: string
  readonly options: z.ZodType
  readonly messageIds: readonly string[]
  readonly yieldsTo: readonly string[]
  readonly hasChecks: boolean
  readonly examples: {
    readonly valid: ReadonlyArray<ValidExample>
    readonly invalid: ReadonlyArray<InvalidExample>
  }
  /** Starts the rule on one file with validated options; the engine feeds it the file's pieces. */
  start(file: VFile, settings: RuleSettings): PieceHandlers
}

export interface RuleSettings {
  severity: ReportSeverity
  documentType: DocumentType
  /** Already validated against `rule.options`. */
  options: unknown
  /** For plain text, the text the parser read (control lines blanked), which node offsets index. */
  prose?: string | undefined
  /** For Markdown and HTML, the text of the prose blocks (see `RuleContext.prose`). */
  markupProse?: string | undefined
}

export const SOURCE = 'copydesk'
/** Rule docs are sections of the README, whose headings are the rule ids. */
const DOCS_BASE = 'README.md#'

const emptyOptions = z.strictObject({})

/** Marks a message with our severity in vfile's own terms (`fatal`: true, false, undefined). */
export function fatalFor(severity: ReportSeverity): boolean | undefined {
  if (severity === 'error') return true
  if (severity === 'warning') return false
  return undefined
}

export function severityOf(fatal: boolean | null | undefined): ReportSeverity {
  if (fatal === true) return 'error'
  if (fatal === false) return 'warning'
  return 'info'
}

/**
 * Node texts serialised from their leaves, for text whose prose does not map
 * to offsets (Markdown, HTML): each rule asks for the same paragraphs, and a
 * piece's nodes, with their texts, go when the rules are done with it.
 */
const serializedTexts = new WeakMap<UnistNode, string>()

function serialized(node: UnistNode): string {
  let text = serializedTexts.get(node)
  if (text === undefined) {
    text = toString(node as Parameters<typeof toString>[0])
    serializedTexts.set(node, text)
  }
  return text
}

function isPlace(value: Place | UnistNode): value is Place {
  return 'start' in value && 'end' in value
}

function placeOf(value: Place | UnistNode): Place | undefined {
  if (isPlace(value)) return value
  const position = value.position
  return position ? {start: position.start, end: position.end} : undefined
}

/**
 * Makes a rule from its definition. The wrapper stamps `ruleId`, `source` and
 * `url` on every message, so no rule sets them by hand.
 */
export function defineRule<Schema extends z.ZodType = typeof emptyOptions, Messages extends MessageBuilders = MessageBuilders>(
  definition: RuleDefinition<Schema, Messages>
): Rule {
  // Ids are kebab-case: a `/` would read as `<rule>/<check>`, and configuration keys must be typeable.
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(definition.id) && !/^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/u.test(definition.id)) {
    throw new Error(`rule id "${definition.id}" must be in kebab-case, such as "no-bare-title"`)
  }
  const schema: z.ZodType = definition.options ?? emptyOptions
  const url = definition.url ?? DOCS_BASE + definition.id

  return {
    id: definition.id,
    summary: definition.summary,
    why: definition.why,
    severity: definition.severity,
    fixable: definition.fixable,
    url,
    options: schema,
    messageIds: Object.keys(definition.messages),
    yieldsTo: definition.yieldsTo ?? [],
    hasChecks: definition.hasChecks ?? false,
    examples: {
      valid: definition.examples.valid.map((example) => (typeof example === 'string' ? {text: example} : example)),
      invalid: definition.examples.invalid,
    },
    start(file, settings) {
      const context: RuleContext<z.output<Schema>, Messages> = {
        options: settings.options as z.output<Schema>,
        text: String(file.value),
        file,
        documentType: settings.documentType,
        prose: settings.markupProse ?? settings.prose ?? String(file.value),
        textOf(node) {
          const {start, end} = node.position ?? {}
          if (settings.prose !== undefined && start?.offset !== undefined && end?.offset !== undefined) return settings.prose.slice(start.offset, end.offset)
          return serialized(node)
        },
        report(messageId, data, details) {
          const build = definition.messages[messageId]
          if (!build) throw new Error(`rule ${definition.id} has no message "${messageId}"`)
          const severity = details.severity ?? settings.severity
          const message = file.message(build(data as never), {
            place: placeOf(details.place),
            ruleId: details.subRule ? `${definition.id}/${details.subRule}` : definition.id,
            source: SOURCE,
          })
          message.fatal = fatalFor(severity)
          message.messageId = messageId
          message.url = url
          if (details.actual !== undefined) message.actual = details.actual
          if (details.expected !== undefined) message.expected = details.expected
          if (details.note !== undefined) message.note = details.note
        },
      }
      const created = definition.create(context)
      return typeof created === 'function' ? {piece: created} : created
    },
  }
}
