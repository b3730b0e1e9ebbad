import retextEnglish from 'retext-english'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import {defineRule, severityOf, type Rule} from '../rule.js'

/**
 * Any retext plugin from npm as a rule: it runs on the tree copydesk parsed,
 * and its messages are re-issued as `<plugin>/<its rule id>`, so that each can
 * be given a severity in the configuration. The plugin keeps its own wording.
 */
export function retextPluginRule(name: string, plugin: Plugin<[unknown?]>, options: unknown, url: string): Rule {
  return defineRule({
    id: name,
    url,
    summary: `The messages of the retext plugin \`${name}\`.`,
    why: `Loaded from the \`plugins\` list; see the documentation of ${name}.`,
    severity: 'warning',
    hasChecks: true,
    fixable: false,
    messages: {
      plugin: (data: {reason: string}) => data.reason,
    },
    examples: {valid: [], invalid: []},
    create: ({text, file, report}) => {
      // A processor of its own gives the plugin the `this` it expects.
      const processor = unified().use(retextEnglish).use(plugin, options)
      return (tree) => {
        const scratch = new VFile({value: text, path: file.path})
        processor.runSync(tree, scratch)
        for (const found of scratch.messages) {
          const place = found.place
          const subRule = found.ruleId && found.ruleId !== name ? found.ruleId : undefined
          report('plugin', {reason: found.reason}, {
            place: place ? ('start' in place ? place : {start: place, end: place}) : {start: {line: 1, column: 1}, end: {line: 1, column: 1}},
            actual: found.actual,
            expected: found.expected,
            note: found.note,
            severity: found.fatal === true ? severityOf(found.fatal) : undefined,
            subRule,
          })
        }
      }
    },
  })
}
