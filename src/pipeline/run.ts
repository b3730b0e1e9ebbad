import type {Root} from 'nlcst'
import {unified, type Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {ConfiguredRule} from '../config/resolve.js'
import {fatalFor, SOURCE, type DocumentType, type PieceHandlers, type ReportSeverity} from '../rule.js'

export interface RuleRunner {
  /** Runs every rule over the next piece of the file (the whole file, when it is not cut). */
  piece(tree: Root): void
  /** Lets rules that look across pieces report what they kept for the end. */
  end(): void
}

/**
 * Starts the enabled rules on one file; messages land on `file`. Each rule is
 * a unified plugin whose transformer sees each piece of the file in turn. A
 * rule that throws is reported once as an error on the file and stopped, so
 * it does not cost the file the other rules' findings.
 */
export function startRules(file: VFile, rules: readonly ConfiguredRule[], documentType: DocumentType, text: {prose?: string; markupProse?: string} = {}): RuleRunner {
  const ended: Array<() => void> = []
  const processor = unified()

  for (const configured of rules) {
    let handlers: PieceHandlers | undefined
    const crash = (error: unknown) => {
      handlers = undefined
      const message = file.message(`Unexpected crash of rule \`${configured.rule.id}\`: ${(error as Error).message}, report it to the rule's author`, {
        ruleId: configured.rule.id,
        source: SOURCE,
      })
      message.fatal = fatalFor('error')
    }
    const guard = (call: (running: PieceHandlers) => void) => () => {
      if (!handlers) return
      try {
        call(handlers)
      } catch (error) {
        crash(error)
      }
    }
    try {
      handlers = configured.rule.start(file, {severity: configured.severity as ReportSeverity, options: configured.options, documentType, prose: text.prose, markupProse: text.markupProse})
    } catch (error) {
      crash(error)
    }
    // A new attacher per rule: unified takes a second `use` of one attacher as new options for the first.
    const plugin: Plugin<[], Root> = () => (tree) => guard((running) => running.piece(tree))()
    processor.use(plugin)
    ended.push(guard((running) => running.end?.()))
  }

  processor.freeze()
  return {
    piece: (tree) => {
      processor.runSync(tree, file)
    },
    end: () => {
      for (const end of ended) end()
    },
  }
}
