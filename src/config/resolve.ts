import {stat} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import picomatch from 'picomatch'
import {loadBuiltinRules} from '../builtin-rules.js'
import {hint} from '../did-you-mean.js'
import type {Rule, Severity} from '../rule.js'
import {ConfigError} from './errors.js'
import {readConfigFile, searchConfigFile} from './files.js'
import {parseOrThrow} from './issues.js'
import {isPreset, PRESET_NAMES, PRESETS} from './presets.js'
import {configSchema, type ConfigFile, type RuleEntry} from './schema.js'

/** A rule with the severity and validated options it runs with. */
export interface ConfiguredRule {
  rule: Rule
  severity: Severity
  options: unknown
}

export interface ResolvedOverride {
  files: string[]
  rules: Map<string, ConfiguredRule>
}

export interface ResolvedConfig {
  /** The configuration file, or undefined when the built-in defaults apply. */
  filepath: string | undefined
  /** Globs in `ignore` and `overrides` are relative to this folder. */
  directory: string
  rules: Map<string, ConfiguredRule>
  ignore: string[]
  overrides: ResolvedOverride[]
}

interface Layer {
  rules: Map<string, RuleEntry>
  plugins: Rule[]
  ignore: string[]
  overrides: Array<{files: string[]; rules: Map<string, RuleEntry>}>
}

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && typeof (value as Rule).id === 'string' && typeof (value as Rule).run === 'function'
}

/** A plugin module exports a rule, an array of rules, or `{rules: [...]}` as its default export. */
async function loadPlugin(specifier: string, directory: string, file: string, index: number): Promise<Rule[]> {
  const key = `plugins[${index}]`
  const local = specifier.startsWith('.') || path.isAbsolute(specifier)
  if (!local) {
    throw new ConfigError(file, key, `expected a path to a rule module (such as "./rules/house-style.js"), not "${specifier}"`)
  }
  const modulePath = path.resolve(directory, specifier)
  let exported: unknown
  try {
    exported = ((await import(pathToFileURL(modulePath).href)) as {default?: unknown}).default
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const problem = code === 'ERR_MODULE_NOT_FOUND' ? `cannot find "${specifier}"` : `cannot load "${specifier}": ${(error as Error).message}`
    throw new ConfigError(file, key, problem)
  }
  const candidates = Array.isArray(exported) ? exported : isRule(exported) ? [exported] : (exported as {rules?: unknown} | undefined)?.rules
  if (!Array.isArray(candidates) || candidates.length === 0 || !candidates.every(isRule)) {
    throw new ConfigError(file, key, `"${specifier}" does not export a rule made with defineRule (or an array of them) as its default export`)
  }
  return candidates
}

function emptyLayer(): Layer {
  return {rules: new Map(), plugins: [], ignore: [], overrides: []}
}

function mergeEntries(target: Map<string, RuleEntry>, source: ReadonlyMap<string, RuleEntry>): void {
  for (const [id, entry] of source) {
    const previous = target.get(id)
    // A severity alone keeps the options set earlier, as in ESLint.
    target.set(id, entry.options === undefined && previous?.options !== undefined ? {severity: entry.severity, options: previous.options} : entry)
  }
}

function mergeLayers(target: Layer, source: Layer): void {
  mergeEntries(target.rules, source.rules)
  target.plugins.push(...source.plugins)
  target.ignore.push(...source.ignore)
  target.overrides.push(...source.overrides)
}

async function presetLayer(name: keyof typeof PRESETS): Promise<Layer> {
  const layer = emptyLayer()
  for (const rule of await loadBuiltinRules()) layer.rules.set(rule.id, {severity: PRESETS[name](rule)})
  return layer
}

/** Reads one configuration file and everything it extends into one layer. */
async function layerOf(config: ConfigFile, filepath: string, seen: readonly string[]): Promise<Layer> {
  const file = filepath
  const directory = path.dirname(filepath)
  const layer = emptyLayer()

  // No `extends` means the recommended set; `"extends": []` starts from nothing.
  const presets = config.extends ?? ['copydesk:recommended']
  for (const [index, name] of presets.entries()) {
    if (isPreset(name)) {
      mergeLayers(layer, await presetLayer(name))
    } else if (name.startsWith('.') || path.isAbsolute(name)) {
      const target = path.resolve(directory, name)
      if (seen.includes(target)) throw new ConfigError(file, `extends[${index}]`, `"${name}" extends itself in a cycle`)
      const found = await readConfigFile(target)
      const parsed = parseOrThrow(configSchema, found.config ?? {}, target)
      mergeLayers(layer, await layerOf(parsed, target, [...seen, target]))
    } else {
      throw new ConfigError(file, `extends[${index}]`, `expected ${PRESET_NAMES.map((preset) => `"${preset}"`).join(' or ')} or a path to a configuration file, not "${name}"${hint(name, PRESET_NAMES)}`)
    }
  }

  for (const [index, specifier] of config.plugins.entries()) {
    const rules = await loadPlugin(specifier, directory, file, index)
    layer.plugins.push(...rules)
    // A plugin listed is a plugin wanted: its rules run at their default severity.
    for (const rule of rules) layer.rules.set(rule.id, {severity: rule.severity})
  }

  mergeEntries(layer.rules, new Map(Object.entries(config.rules)))
  layer.ignore.push(...config.ignore)
  layer.overrides.push(...config.overrides.map((override) => ({files: override.files, rules: new Map(Object.entries(override.rules))})))
  return layer
}

/** Validates rule entries; a severity alone takes its options from `base`. */
function configure(
  entries: ReadonlyMap<string, RuleEntry>,
  known: ReadonlyMap<string, Rule>,
  base: ReadonlyMap<string, ConfiguredRule>,
  file: string,
  prefix: string
): Map<string, ConfiguredRule> {
  const result = new Map<string, ConfiguredRule>()
  for (const [id, entry] of entries) {
    const rule = known.get(id)
    if (!rule) throw new ConfigError(file, `${prefix}.${id}`, `unknown rule${hint(id, [...known.keys()])}`)
    const given = entry.options ?? base.get(id)?.options ?? {}
    const options = entry.severity === 'off' ? given : parseOrThrow(rule.options, given, file, [...prefix.split('.'), id, 1])
    result.set(id, {rule, severity: entry.severity, options})
  }
  return result
}

/** Turns a validated configuration file into the rules it runs, all options checked. */
export async function resolveConfig(config: ConfigFile, filepath: string): Promise<ResolvedConfig> {
  const file = filepath
  const layer = await layerOf(config, filepath, [filepath])
  const known = new Map((await loadBuiltinRules()).map((rule) => [rule.id, rule]))
  for (const rule of layer.plugins) known.set(rule.id, rule)

  const rules = configure(layer.rules, known, new Map(), file, 'rules')
  const overrides = layer.overrides.map((override, index) => ({
    files: override.files,
    rules: configure(override.rules, known, rules, file, `overrides[${index}].rules`),
  }))
  return {filepath, directory: path.dirname(filepath), rules, ignore: layer.ignore, overrides}
}

/** The built-in recommended set, for files with no configuration above them. */
export async function defaultConfig(directory: string): Promise<ResolvedConfig> {
  const rules = new Map<string, ConfiguredRule>()
  for (const rule of await loadBuiltinRules()) {
    rules.set(rule.id, {rule, severity: rule.severity, options: parseOrThrow(rule.options, {}, 'built-in defaults')})
  }
  return {filepath: undefined, directory, rules, ignore: [], overrides: []}
}

/** Loads and resolves one configuration file, as `--config FILE` asks. */
export async function loadConfigFile(filepath: string): Promise<ResolvedConfig> {
  const absolute = path.resolve(filepath)
  const found = await readConfigFile(absolute)
  const parsed = parseOrThrow(configSchema, found.config ?? {}, absolute)
  return resolveConfig(parsed, absolute)
}

const resolvedByFile = new Map<string, Promise<ResolvedConfig>>()

/**
 * The configuration for a file or folder: the nearest configuration file at or
 * above it, or the defaults. Each configuration file is resolved once.
 */
export async function loadConfig(target: string): Promise<ResolvedConfig> {
  const absolute = path.resolve(target)
  const directory = await isDirectory(absolute) ? absolute : path.dirname(absolute)
  const found = await searchConfigFile(directory)
  if (!found) return defaultConfig(directory)
  let resolved = resolvedByFile.get(found.filepath)
  if (!resolved) {
    const parsed = parseOrThrow(configSchema, found.config ?? {}, found.filepath)
    resolved = resolveConfig(parsed, found.filepath)
    resolvedByFile.set(found.filepath, resolved)
    resolved.catch(() => resolvedByFile.delete(found.filepath))
  }
  return resolved
}

export function clearResolvedConfigs(): void {
  resolvedByFile.clear()
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory()
  } catch {
    return false
  }
}

/** The rules that run on one file: the configuration with every matching override applied. */
export function rulesFor(config: ResolvedConfig, file: string): ConfiguredRule[] {
  let rules = config.rules
  const relative = path.relative(config.directory, path.resolve(file)).split(path.sep).join('/')
  for (const override of config.overrides) {
    if (override.files.some((glob) => picomatch(glob, {dot: true, basename: !glob.includes('/')})(relative))) {
      rules = new Map([...rules, ...override.rules])
    }
  }
  return [...rules.values()].filter((configured) => configured.severity !== 'off')
}
