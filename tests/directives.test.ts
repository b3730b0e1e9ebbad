import {describe, expect, it} from 'vitest'
import {applyDirectives, type Directive, type DirectiveKind} from '../src/pipeline/directives.js'
import type {LintMessage} from '../src/result.js'

const RULES = ['quote-pairs', 'repeated-words', 'boilerplate', 'retext-passive/written']

/** Park and Miller's minimal standard generator: the same cases on every run. */
function generator(seed: number): () => number {
  let state = seed
  return () => (state = (state * 48271) % 2147483647) / 2147483647
}

const before = (a: {line: number; column: number}, b: {line: number; column: number}) => a.line < b.line || (a.line === b.line && a.column < b.column)
const names = (directive: Directive, ruleId: string) => directive.ids.length === 0 || directive.ids.some((id) => ruleId === id || ruleId.startsWith(`${id}/`))

/** The rules of control comments, read the plain way: every comment against every message. */
function silencesPlainly(directive: Directive, found: LintMessage, directives: readonly Directive[]): boolean {
  if (directive.kind === 'enable' || !names(directive, found.ruleId)) return false
  if (directive.lines) return found.line >= directive.lines.start && found.line <= directive.lines.end
  if (before(found, directive.place.start)) return false
  return !directives.some(
    (other) =>
      other.kind === 'enable' &&
      !before(other.place.start, directive.place.start) &&
      before(other.place.start, found) &&
      names(other, found.ruleId) &&
      (other.ids.length === 0 || directive.ids.length === 0 || other.ids.some((id) => directive.ids.includes(id)))
  )
}

function randomCase(seed: number): {directives: Directive[]; messages: LintMessage[]} {
  const random = generator(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const directives: Directive[] = []
  const messages: LintMessage[] = []
  for (let line = 1; line <= 300; line++) {
    if (random() < 0.15) {
      const kind = pick<DirectiveKind>(['disable', 'enable', 'disable-next-line', 'ignore'])
      const ids = random() < 0.3 ? [] : [pick(['quote-pairs', 'repeated-words', 'retext-passive', 'retext-passive/written', 'boilerplate'])]
      const place = {start: {line, column: 1, offset: 0}, end: {line, column: 30, offset: 0}}
      const lines = kind === 'disable-next-line' ? {start: line + 1, end: line + 1} : kind === 'ignore' ? {start: line + 1, end: line + 1 + Math.floor(random() * 4)} : undefined
      directives.push({kind, ids, place, lines, text: `copydesk-${kind} ${ids.join(' ')}`.trim()})
      continue
    }
    for (let count = Math.floor(random() * 3); count > 0; count--) {
      const column = 1 + Math.floor(random() * 60)
      messages.push({ruleId: pick(RULES), severity: 'error', message: 'x', line, column, endLine: line, endColumn: column + 1})
    }
  }
  return {directives, messages}
}

describe('control comments', () => {
  it('silence what every comment read against every message silences, and call unused the same ones, on many random files', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const {directives, messages} = randomCase(seed)
      const result = applyDirectives(messages, directives, ['quote-pairs', 'repeated-words', 'boilerplate', 'retext-passive'])
      const kept = result.filter((message) => message.ruleId !== 'directives')
      expect(kept, `seed ${seed}`).toEqual(messages.filter((found) => !directives.some((directive) => silencesPlainly(directive, found, directives))))
      const unused = result.filter((message) => message.ruleId === 'directives').map((message) => message.line)
      const silencingNothing = directives.filter((directive) => directive.kind !== 'enable' && !messages.some((found) => silencesPlainly(directive, found, directives)))
      expect(unused, `seed ${seed}`).toEqual(silencingNothing.map((directive) => directive.place.start.line))
    }
  })
})
