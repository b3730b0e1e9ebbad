import type {Root} from 'nlcst'
import {unified, type Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {ConfiguredRule} from '../config/resolve.js'
import {fatalFor, SOURCE, type ReportSeverity} from '../rule.js'

/**
 * A configured rule as a unified plugin: the engine runs every rule this way.
 * Each call makes a new attacher, because unified treats a second `use` of the
 * same attacher as new options for the first.
 */
function rulePlugin(configured: ConfiguredRule): Plugin<[], Root> {
  const {rule, severity, options} = configured
  return () => (tree, file) => {
    try {
      rule.run(tree, file, {severity: severity as ReportSeverity, options})
    } catch (error) {
      // One broken rule must not cost the file its other rules' findings.
      const message = file.message(`Unexpected crash of rule \`${rule.id}\`: ${(error as Error).message}, report it to the rule's author`, {
        ruleId: rule.id,
        source: SOURCE,
      })
      message.fatal = fatalFor('error')
    }
  }
}

/** Runs the enabled rules over a parsed file; messages land on `file`. */
export function runRules(tree: Root, file: VFile, rules: readonly ConfiguredRule[]): void {
  const processor = unified()
  for (const configured of rules) processor.use(rulePlugin(configured))
  processor.runSync(tree, file)
}
