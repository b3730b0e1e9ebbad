import type {ReportSeverity, Rule, Severity} from '../rule.js'

export const PRESETS = {
  /** Every built-in rule at its own default severity. */
  'copydesk:recommended': (rule: Rule): Severity => rule.severity,
  /** Every built-in rule on, and every problem an error: for a desk that publishes nothing with a warning left. */
  'copydesk:strict': (): ReportSeverity => 'error',
} as const

export type PresetName = keyof typeof PRESETS

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[]

export function isPreset(name: string): name is PresetName {
  return name in PRESETS
}
