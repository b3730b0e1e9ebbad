import type {LintMessage, LintResult} from '../result.js'
import {plain, type Palette} from './color.js'
import {excerptOf, SourceLines} from './excerpt.js'
import {summaryLine} from './summary.js'
import {inChunks, Tally, type ReportWriter} from './writer.js'

/** The excerpt is indented past the position column, under the message. */
const INDENT = '    '

function* excerptLines(lines: SourceLines | undefined, message: LintMessage, palette: Palette): Generator<string> {
  const line = lines?.at(message.line)
  if (line === undefined) return
  const excerpt = excerptOf(line, message.column, message.endLine, message.line, message.endColumn)
  yield `${INDENT}${excerpt.text}`
  yield `${INDENT}${excerpt.padding}${palette.severity(message.severity, '^'.repeat(excerpt.width))}`
}

const placeOf = (message: LintMessage) => `${message.line}:${message.column}`

/** The lines of a file's block, made one by one: a report of 100,000 problems is never held as lines. */
function* fileBlock(result: LintResult, palette: Palette): Generator<string> {
  // Widths found in a loop: spreading 100,000 values into Math.max overflows the stack.
  let placeWidth = 0
  let severityWidth = 0
  for (const message of result.messages) {
    placeWidth = Math.max(placeWidth, placeOf(message).length)
    severityWidth = Math.max(severityWidth, message.severity.length)
  }
  const lines = result.source === undefined ? undefined : new SourceLines(result.source)
  yield palette.bold(result.path)
  for (const message of result.messages) {
    const severity = palette.severity(message.severity, message.severity.padEnd(severityWidth))
    yield `  ${palette.dim(placeOf(message).padEnd(placeWidth))}  ${severity}  ${message.message}  ${palette.dim(message.ruleId)}`
    yield* excerptLines(lines, message, palette)
  }
}

/** The block's lines joined by line breaks, after `lead`. */
function* joined(lead: string, lines: Iterable<string>): Generator<string> {
  let first = true
  for (const line of lines) {
    yield first ? lead + line : `\n${line}`
    first = false
  }
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
  const chunks = (result: LintResult, lead: string) => inChunks(joined(lead, fileBlock(result, palette)))
  return {
    file(result) {
      tally.add(result)
      return clean(result) ? '' : [...chunks(result, separator())].join('')
    },
    fileInChunks(result) {
      tally.add(result)
      return clean(result) ? [] : chunks(result, separator())
    },
    rendered: {
      // The rendering shows the file's lines: it is kept only with the report of the same bytes.
      id: `stylish ${palette.name}`,
      render: (result) => (clean(result) ? '' : [...chunks(result, '')].join('')),
      file(result, rendering) {
        tally.add(result)
        return clean(result) ? [] : [separator(), rendering]
      },
    },
    end: () => (blocks === 0 ? '' : `\n\n${palette.bold(summaryLine(tally))}\n`),
  }
}
