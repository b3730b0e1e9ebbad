import type {Root} from 'nlcst'
import retextEnglish from 'retext-english'
import {unified} from 'unified'
import {readDirective, type Directive} from './directives.js'

const englishParser = unified().use(retextEnglish).freeze()

/** A line that holds only an HTML comment: a control line, not prose, even in plain text. */
const CONTROL_LINE = /^([ \t]*)(<!--.*?-->)[ \t]*$/u

export interface ParsedText {
  tree: Root
  directives: Directive[]
}

/** Parses plain English text, with the control lines turned to spaces so their words are not prose. */
export function parsePlainText(text: string): ParsedText {
  const lines = text.split(/(?<=\n)/u)
  const directives: Directive[] = []
  let offset = 0
  let blanked = ''
  lines.forEach((line, index) => {
    const body = line.replace(/\r?\n$/u, '')
    const match = CONTROL_LINE.exec(body)
    const read = match?.[2] ? readDirective(match[2]) : undefined
    if (match?.[2] && read) {
      const column = (match[1]?.length ?? 0) + 1
      const start = {line: index + 1, column, offset: offset + column - 1}
      const end = {line: index + 1, column: column + match[2].length, offset: offset + column - 1 + match[2].length}
      directives.push({...read, place: {start, end}, text: match[2].replace(/^<!--\s*|\s*-->$/gu, ''), lines: linesOf(read.kind, lines, index)})
      blanked += body.replace(/[^\s]/gu, ' ') + line.slice(body.length)
    } else {
      blanked += line
    }
    offset += line.length
  })
  return {tree: englishParser.parse(blanked), directives}
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === ''

/** The lines a `disable-next-line` or `ignore` on line `index` (0-based) covers, 1-based. */
function linesOf(kind: Directive['kind'], lines: readonly string[], index: number): Directive['lines'] {
  if (kind === 'disable-next-line') return {start: index + 2, end: index + 2}
  if (kind !== 'ignore') return undefined
  // The next block: from its first line to the line before the next blank one.
  let first = index + 1
  while (first < lines.length && isBlank(lines[first])) first++
  let last = first
  while (last + 1 < lines.length && !isBlank(lines[last + 1])) last++
  return {start: first + 1, end: last + 1}
}
