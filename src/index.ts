/** The public API of copydesk: what custom rules, editors and scripts use. */
export {z} from 'zod'
export {defineRule} from './rule.js'
export type {
  InvalidExample,
  MessageBuilders,
  Place,
  Point,
  ReportDetails,
  ReportSeverity,
  Rule,
  RuleContext,
  RuleDefinition,
  RuleSettings,
  Severity,
  ValidExample,
} from './rule.js'
export {defineConfig} from './config/schema.js'
export type {ConfigInput} from './config/schema.js'
export {ConfigError} from './config/errors.js'
export {loadConfig} from './config/resolve.js'
export type {ConfiguredRule, ResolvedConfig} from './config/resolve.js'
export {lintText} from './lint.js'
export type {LintTextOptions} from './lint.js'
export {lintFiles} from './lint-files.js'
export type {FileRenderer, LintFilesOptions, LintFilesReport} from './lint-files.js'
export {formatResults} from './report/index.js'
export type {FormatName, FormatOptions} from './report/index.js'
export type {LintMessage, LintResult} from './result.js'
export {checkRule} from './testing.js'
export type {RuleCheck} from './testing.js'
export {locateText} from './locate-text.js'
export {forEachOfType} from './walk.js'
export {findingsOf} from './findings.js'
export type {Finding} from './findings.js'
export type {LocatedText} from './locate-text.js'
export type {MarkupResidue} from './pipeline/markup-residue.js'
