import type {LintMessage} from './result.js'

/** A message whose fix is known: one replacement for exactly the characters it names. */
function fixOf(text: string, message: LintMessage): {start: number; end: number; replacement: string} | undefined {
  const {offset, endOffset, actual, expected} = message
  if (offset === undefined || endOffset === undefined || actual === undefined || expected?.length !== 1) return undefined
  // Apply a fix only to the text it was computed from.
  if (text.slice(offset, endOffset) !== actual) return undefined
  return {start: offset, end: endOffset, replacement: expected[0] ?? ''}
}

/**
 * The text with every known fix applied. Fixes that overlap an earlier one are
 * left out, as ESLint does, for a later pass to reconsider.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): string {
  const fixes = messages
    .map((message) => fixOf(text, message))
    .filter((fix) => fix !== undefined)
    .sort((a, b) => a.start - b.start)
  let output = ''
  let cursor = 0
  for (const fix of fixes) {
    if (fix.start < cursor) continue
    output += text.slice(cursor, fix.start) + fix.replacement
    cursor = fix.end
  }
  return output + text.slice(cursor)
}
