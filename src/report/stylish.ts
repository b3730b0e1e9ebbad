import type {LintMessage, LintResult} from '../result.js'
import {plain, type Palette} from './color.js'
import {excerptOf, sourceLines} from './excerpt.js'
import {summaryLine} from './summary.js'
import {Tally, type ReportWriter} from './writer.js'

/** The excerpt is indented past the position column, under the message. */
const INDENT = '    '

function excerptLines(lines: readonly string[] | undefined, message: LintMessage, palette: Palette): string[] {
  const line = lines?.[message.line - 1]
  if (line === undefined) return []
  const excerpt = excerptOf(line, message.column, message.endLine, message.line, message.endColumn)
  return [`${INDENT}${excerpt.text}`, `${INDENT}${excerpt.padding}${palette.severity(message.severity, '^'.repeat(excerpt.width))}`]
}

function fileBlock(result: LintResult, palette: Palette): string[] {
  const lines = result.source === undefined ? undefined : sourceLines(result.source)
  const places = result.messages.map((message) => `${message.line}:${message.column}`)
  const placeWidth = Math.max(...places.map((place) => place.length))
  const severityWidth = Math.max(...result.messages.map((message) => message.severity.length))
  const block = [palette.bold(result.path)]
  result.messages.forEach((message, index) => {
    const place = (places[index] ?? '').padEnd(placeWidth)
    const severity = palette.severity(message.severity, message.severity.padEnd(severityWidth))
    block.push(`  ${palette.dim(place)}  ${severity}  ${message.message}  ${palette.dim(message.ruleId)}`)
    block.push(...excerptLines(lines, message, palette))
  })
  return block
}

/**
 * ESLint's `stylish`, for reading in a terminal: problems grouped under their
 * file, each with its line of text and a caret under the offending characters,
 * then the summary.
 */
export function stylishWriter(palette: Palette = plain): ReportWriter {
  const tally = new Tally()
  let blocks = 0
  // Blocks are separated by a blank line.
  const separator = () => (blocks++ === 0 ? '' : '\n\n')
  const clean = (result: LintResult) => result.errorCount + result.warningCount + result.infoCount === 0
  return {
    file(result) {
      tally.add(result)
      return clean(result) ? '' : separator() + fileBlock(result, palette).join('\n')
    },
    rendered: {
      // The rendering shows the file's lines: it is kept only with the report of the same bytes.
      id: `stylish ${palette.name}`,
      render: (result) => (clean(result) ? '' : fileBlock(result, palette).join('\n')),
      file(result, rendering) {
        tally.add(result)
        return clean(result) ? [] : [separator(), rendering]
      },
    },
    end: () => (blocks === 0 ? '' : `\n\n${palette.bold(summaryLine(tally))}\n`),
  }
}
