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

function before(a: {line: number; column: number}, b: {line: number; column: number}): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column)
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

/** Whether `directive` silences `found`: a disable until its enable (one of `enables`), or the lines it covers. */
function silences(directive: Directive, found: LintMessage, enables: readonly Directive[]): boolean {
  if (!names(directive, found.ruleId)) return false
  if (directive.lines) return found.line >= directive.lines.start && found.line <= directive.lines.end
  if (directive.kind !== 'disable' || before(found, directive.place.start)) return false
  // A later enable for the same rule (or for all rules) ends it.
  return !enables.some(
    (other) =>
      !before(other.place.start, directive.place.start) &&
      before(other.place.start, found) &&
      names(other, found.ruleId) &&
      (other.ids.length === 0 || directive.ids.length === 0 || other.ids.some((id) => directive.ids.includes(id)))
  )
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
  // Each message is checked against the directives of its line and the `disable`s only, not against all of them:
  // a long file with a control comment every few paragraphs took 35 s for 600 KB.
  const byLine = new Map<number, Directive[]>()
  const disables: Directive[] = []
  for (const directive of directives) {
    if (directive.lines) {
      for (let line = directive.lines.start; line <= directive.lines.end; line++) byLine.set(line, [...(byLine.get(line) ?? []), directive])
    } else if (directive.kind === 'disable') {
      disables.push(directive)
    }
  }
  const enables = directives.filter((directive) => directive.kind === 'enable')
  const used = new Set<Directive>()
  const kept = messages.filter((found) => {
    const silencing = [...(byLine.get(found.line) ?? []), ...disables].filter((directive) => silences(directive, found, enables))
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
