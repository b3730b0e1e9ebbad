import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {Place, Point} from './rule.js'

/** What a retext plugin reported: the parts of a VFileMessage a wrapping rule reads. */
export interface Finding {
  reason: string
  place?: Place | Point | undefined
  ruleId?: string | undefined
  actual?: string | undefined
  expected?: string[] | undefined
  note?: string | undefined
}

interface MessageOptions {
  place?: Place | Point
  ruleId?: string
}

/**
 * Runs a retext plugin's transformer on a tree and returns what it reported.
 * For plugins that only call `file.message()` (retext-quotes,
 * retext-repeated-words): a VFileMessage is an Error, and building one per
 * finding, only for the wrapping rule to re-issue it, cost more than the check.
 */
export function findingsOf(transform: (tree: Root, file: VFile) => void, tree: Root): Finding[] {
  const findings: Finding[] = []
  const collector = {
    message(reason: string, options: MessageOptions = {}): Finding {
      const finding: Finding = {reason, place: options.place, ruleId: options.ruleId}
      findings.push(finding)
      return finding
    },
  }
  // The plugin is only given what it uses: `message`, whose result it annotates with actual, expected and url.
  transform(tree, collector as unknown as VFile)
  return findings
}
