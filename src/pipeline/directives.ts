import {hint} from '../did-you-mean.js'
import type {Place} from '../rule.js'
import type {LintMessage} from '../result.js'

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'ignore'

/**
 * An inline control comment, `<!-- copydesk-disable quote-pairs -->`, found by
 * the parser of any file type. `lines` is the stretch a `disable-next-line`
 * or `ignore` applies to; `disable` lasts until the matching `enable`.
 */
export interface Directive {
  kind: DirectiveKind
  /** Rule ids; empty for every rule. */
  ids: string[]
  place: Place
  lines?: {start: number; end: number}
  /** The comment as written, for messages. */
  text: string
}

const COMMENT = /^<!--\s*copydesk-(disable-next-line|disable|enable|ignore)((?:\s+[\w/-]+(?:\s*,\s*[\w/-]+)*)?)\s*-->$/u

/** Reads a comment's text (`<!-- … -->`) as a directive, or undefined when it is another comment. */
export function readDirective(comment: string): {kind: DirectiveKind; ids: string[]} | undefined {
  const match = COMMENT.exec(comment.trim())
  if (!match) return undefined
  const ids = (match[2] ?? '').split(/[\s,]+/u).filter((id) => id !== '')
  return {kind: match[1] as DirectiveKind, ids}
}

/**
 * A control comment found in markup, with the stretch it covers: the line
 * after it for `disable-next-line`, the next block (`next`) for `ignore`.
 */
export function markupDirective(
  comment: string,
  position: {start: Place['start']; end: Place['end']},
  next: {start: {line: number}; end: {line: number}} | undefined
): Directive | undefined {
  const read = readDirective(comment)
  if (!read) return undefined
  const following = {start: position.end.line + 1, end: position.end.line + 1}
  let lines: Directive['lines']
  if (read.kind === 'disable-next-line') lines = following
  if (read.kind === 'ignore') lines = next ? {start: next.start.line, end: next.end.line} : following
  return {...read, place: {start: position.start, end: position.end}, lines, text: comment.trim().replace(/^<!--\s*|\s*-->$/gu, '')}
}

/** Whether the directive names this message's rule (a family id covers its checks). */
function names(directive: Directive, ruleId: string): boolean {
  return directive.ids.length === 0 || directive.ids.some((id) => ruleId === id || ruleId.startsWith(`${id}/`))
}

function message(directive: Directive, text: string): LintMessage {
  return {
    ruleId: 'directives',
    severity: 'warning',
    message: text,
    line: directive.place.start.line,
    column: directive.place.start.column,
    endLine: directive.place.end.line,
    endColumn: directive.place.end.column,
    offset: directive.place.start.offset,
    endOffset: directive.place.end.offset,
  }
}

/** A place as one number, in document order (columns stay below 2^26). */
const orderOf = (place: {line: number; column: number}) => place.line * 2 ** 26 + place.column

/** What one `disable` silences of one rule: from its place to the `enable` that ends it, if one does. */
interface Span {
  from: number
  to: number
  disable: Directive
}

/**
 * The spans of the `disable`s, rule by rule, in order, with how far the spans
 * up to each one reach: the disables that hold a message are found by a binary
 * search and a walk back over the spans that still reach it, instead of every
 * comment being read against every message (2,000 pairs of comments in one
 * file took a minute).
 */
class DisableSpans {
  private readonly byRule = new Map<string, {spans: Span[]; reach: number[]}>()
  private readonly enables: readonly Directive[]

  constructor(
    private readonly disables: readonly Directive[],
    enables: readonly Directive[]
  ) {
    this.enables = [...enables].sort((a, b) => orderOf(a.place.start) - orderOf(b.place.start))
  }

  holding(found: LintMessage): Directive[] {
    const {spans, reach} = this.of(found.ruleId)
    const at = orderOf(found)
    let low = 0
    let high = spans.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((spans[middle]?.from ?? 0) <= at) low = middle + 1
      else high = middle
    }
    const holding: Directive[] = []
    for (let index = low - 1; index >= 0 && (reach[index] ?? 0) >= at; index--) {
      const span = spans[index]
      if (span && span.to >= at) holding.push(span.disable)
    }
    return holding
  }

  /** The first `enable` from the disable's place on that names the rule and shares a rule with it (or one of them names all). */
  private endOf(disable: Directive, ruleId: string): Directive | undefined {
    const from = orderOf(disable.place.start)
    return this.enables.find(
      (other) =>
        orderOf(other.place.start) >= from &&
        names(other, ruleId) &&
        (other.ids.length === 0 || disable.ids.length === 0 || other.ids.some((id) => disable.ids.includes(id)))
    )
  }

  private of(ruleId: string): {spans: Span[]; reach: number[]} {
    let found = this.byRule.get(ruleId)
    if (!found) {
      const spans = this.disables
        .filter((disable) => names(disable, ruleId))
        .map((disable) => {
          const end = this.endOf(disable, ruleId)
          return {from: orderOf(disable.place.start), to: end ? orderOf(end.place.start) : Number.POSITIVE_INFINITY, disable}
        })
        .sort((a, b) => a.from - b.from)
      const reach: number[] = []
      spans.forEach((span, index) => reach.push(Math.max(span.to, reach[index - 1] ?? Number.NEGATIVE_INFINITY)))
      found = {spans, reach}
      this.byRule.set(ruleId, found)
    }
    return found
  }
}

/**
 * Drops the messages that control comments silence, and reports comments that
 * name an unknown rule or silence nothing, so stale ones do not pile up.
 */
export function applyDirectives(
  messages: readonly LintMessage[],
  directives: readonly Directive[],
  knownRuleIds: readonly string[]
): LintMessage[] {
  if (directives.length === 0) return [...messages]
  // Each message is checked against the directives of its line and the `disable`s that hold it, not against all
  // of them: a long file with a control comment every few paragraphs took 35 s for 600 KB.
  const byLine = new Map<number, Directive[]>()
  const disables: Directive[] = []
  for (const directive of directives) {
    if (directive.lines) {
      for (let line = directive.lines.start; line <= directive.lines.end; line++) {
        const onLine = byLine.get(line)
        if (onLine) onLine.push(directive)
        else byLine.set(line, [directive])
      }
    } else if (directive.kind === 'disable') {
      disables.push(directive)
    }
  }
  const spans = new DisableSpans(disables, directives.filter((directive) => directive.kind === 'enable'))
  const used = new Set<Directive>()
  const kept = messages.filter((found) => {
    const silencing = [...(byLine.get(found.line) ?? []).filter((directive) => names(directive, found.ruleId)), ...spans.holding(found)]
    for (const directive of silencing) used.add(directive)
    return silencing.length === 0
  })

  const problems: LintMessage[] = []
  for (const directive of directives) {
    const unknown = directive.ids.filter((id) => !knownRuleIds.includes(id.split('/')[0] ?? id))
    for (const id of unknown) {
      const suggestion = hint(id, knownRuleIds).replace(/"/gu, '`')
      problems.push(message(directive, `Unexpected unknown rule \`${id}\` in \`copydesk-${directive.kind}\`${suggestion}, expected a rule id from --list-rules`))
    }
    if (directive.kind !== 'enable' && unknown.length === 0 && !used.has(directive)) {
      problems.push(message(directive, `Unexpected unused \`${directive.text}\`, it silences nothing here: remove it`))
    }
  }
  return [...kept, ...problems]
}
