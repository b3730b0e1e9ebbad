import {stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import picomatch from 'picomatch'
import type {Plugin} from 'unified'
import {loadBuiltinRules} from '../builtin-rules.js'
import {hint} from '../did-you-mean.js'
import {importModule} from '../import-module.js'
import type {Rule, Severity} from '../rule.js'
import {ConfigError} from './errors.js'
import {clearConfigCaches, readConfigFile, searchConfigFile} from './files.js'
import {readGlossary} from './glossary.js'
import {parseOrThrow} from './issues.js'
import {isPreset, PRESET_NAMES, PRESETS} from './presets.js'
import {retextPluginRule} from './retext-plugin.js'
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
  /** Severities of single checks inside a rule (`retext-passive/written`, `patterns/no-very`). */
  checks: Map<string, Severity>
}

export interface ResolvedConfig {
  /** The configuration file, or undefined when the built-in defaults apply. */
  filepath: string | undefined
  /** Globs in `ignore` and `overrides` are relative to this folder. */
  directory: string
  rules: Map<string, ConfiguredRule>
  checks: Map<string, Severity>
  ignore: string[]
  /** The extensions taken when walking a folder; undefined for the default ones. */
  extensions: string[] | undefined
  overrides: ResolvedOverride[]
}

/** What applies to one file once overrides are applied. */
/** Shared between the files of one configuration: read it, never change it. */
export interface FileSettings {
  readonly rules: readonly ConfiguredRule[]
  readonly checks: ReadonlyMap<string, Severity>
}

/** The rules whose entries come from top-level lists rather than from `rules`. */
const LIST_RULES = {terminology: 'terminology', patterns: 'patterns'} as const

interface Layer {
  extensions: string[] | undefined
  rules: Map<string, RuleEntry>
  plugins: Rule[]
  lists: {terminology: unknown[]; patterns: unknown[]}
  ignore: string[]
  overrides: Array<{files: string[]; rules: Map<string, RuleEntry>}>
}

function emptyLayer(): Layer {
  return {extensions: undefined, rules: new Map(), plugins: [], lists: {terminology: [], patterns: []}, ignore: [], overrides: []}
}

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && typeof (value as Rule).id === 'string' && typeof (value as Rule).start === 'function'
}

const isLocal = (specifier: string) => specifier.startsWith('.') || path.isAbsolute(specifier)

/** Resolves a path or an installed package from a configuration file's folder. */
async function locate(specifier: string, directory: string, file: string, key: string): Promise<string> {
  if (isLocal(specifier)) return pathToFileURL(path.resolve(directory, specifier)).href
  const {resolve: resolveModule} = await import('import-meta-resolve')
  try {
    return resolveModule(specifier, pathToFileURL(path.join(directory, 'noop.js')).href)
  } catch {
    throw new ConfigError(file, key, `cannot find the package "${specifier}" from ${directory} (is it installed?)`)
  }
}

async function importDefault(url: string, specifier: string, file: string, key: string): Promise<unknown> {
  try {
    const module = (await importModule(url)) as {default?: unknown}
    return module.default
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigError(file, key, code === 'ERR_MODULE_NOT_FOUND' ? `cannot find "${specifier}"` : `cannot load "${specifier}": ${(error as Error).message}`)
  }
}

/**
 * A plugin is a module of rules made with defineRule (a rule, an array, or
 * `{rules}` as its default export) or any retext plugin, such as
 * `retext-passive`, whose messages become `retext-passive/<its rule id>`.
 */
async function loadPlugin(specifier: string, options: unknown, directory: string, file: string, index: number): Promise<Rule[]> {
  const key = `plugins[${index}]`
  const url = await locate(specifier, directory, file, key)
  const exported = await importDefault(url, specifier, file, key)
  if (typeof exported === 'function') {
    const name = isLocal(specifier) ? path.basename(fileURLToPath(url)).replace(/\.[cm]?js$/u, '') : specifier
    // A package is documented on its npm page; a local plugin by its own file.
    const docs = isLocal(specifier) ? url : `https://www.npmjs.com/package/${specifier}`
    return [retextPluginRule(name, exported as Plugin<[unknown?]>, options, docs)]
  }
  if (options !== undefined) throw new ConfigError(file, key, `"${specifier}" holds copydesk rules, whose options go in "rules", not in "plugins"`)
  const candidates = Array.isArray(exported) ? exported : isRule(exported) ? [exported] : (exported as {rules?: unknown} | undefined)?.rules
  if (!Array.isArray(candidates) || candidates.length === 0 || !candidates.every(isRule)) {
    throw new ConfigError(file, key, `"${specifier}" does not export a rule made with defineRule (or an array of them), nor a retext plugin, as its default export`)
  }
  return candidates
}

function mergeEntries(target: Map<string, RuleEntry>, source: ReadonlyMap<string, RuleEntry>): void {
  for (const [id, entry] of source) {
    const previous = target.get(id)
    // A severity alone keeps the options set earlier, as in ESLint.
    target.set(id, entry.options === undefined && previous?.options !== undefined ? {severity: entry.severity, options: previous.options} : entry)
  }
}

/**
 * Adds `items` to the end of `target`, one by one: `push(...items)` passes
 * each as an argument, and a termbase of 200,000 terms is more arguments
 * than a call takes.
 */
function appendAll<Item>(target: Item[], items: readonly Item[]): void {
  for (const item of items) target.push(item)
}

function mergeLayers(target: Layer, source: Layer): void {
  target.extensions = source.extensions ?? target.extensions
  mergeEntries(target.rules, source.rules)
  appendAll(target.plugins, source.plugins)
  appendAll(target.lists.terminology, source.lists.terminology)
  appendAll(target.lists.patterns, source.lists.patterns)
  appendAll(target.ignore, source.ignore)
  appendAll(target.overrides, source.overrides)
}

async function presetLayer(name: keyof typeof PRESETS): Promise<Layer> {
  const layer = emptyLayer()
  for (const rule of await loadBuiltinRules()) layer.rules.set(rule.id, {severity: PRESETS[name](rule)})
  return layer
}

async function builtinRule(id: string): Promise<Rule> {
  const rule = (await loadBuiltinRules()).find((candidate) => candidate.id === id)
  if (!rule) throw new Error(`built-in rule ${id} is missing`)
  return rule
}

/** Validates each list entry where it is written, so an error names the right file and index. */
async function listEntries(config: ConfigFile, filepath: string): Promise<Layer['lists']> {
  const directory = path.dirname(filepath)
  let terminology: unknown[] = []
  if (typeof config.terminology === 'string') {
    const glossary = path.resolve(directory, config.terminology)
    const entries = await readGlossary(glossary)
    const rule = await builtinRule(LIST_RULES.terminology)
    entries.forEach((entry, index) => parseOrThrow(rule.options, {entries: [entry]}, glossary, [`row ${index + 1}`], 2))
    terminology = entries
  } else if (config.terminology) {
    const rule = await builtinRule(LIST_RULES.terminology)
    config.terminology.forEach((entry, index) => parseOrThrow(rule.options, {entries: [entry]}, filepath, ['terminology', index], 2))
    terminology = config.terminology
  }
  const patternsRule = await builtinRule(LIST_RULES.patterns)
  config.patterns.forEach((entry, index) => parseOrThrow(patternsRule.options, {entries: [entry]}, filepath, ['patterns', index], 2))
  return {terminology, patterns: config.patterns}
}

/** Reads a preset given as a file or an installed package. */
async function extendedLayer(name: string, directory: string, file: string, index: number, seen: readonly string[]): Promise<Layer> {
  const key = `extends[${index}]`
  if (!isLocal(name) && !name.includes('/') && !name.startsWith('@') && name.includes(':')) {
    throw new ConfigError(file, key, `expected ${PRESET_NAMES.map((preset) => `"${preset}"`).join(' or ')}, a path or a package, not "${name}"${hint(name, PRESET_NAMES)}`)
  }
  const url = await locate(name, directory, file, key)
  const target = fileURLToPath(url)
  if (seen.includes(target)) throw new ConfigError(file, key, `"${name}" extends itself in a cycle`)
  // A package exports its configuration from JavaScript; a file may be any configuration format.
  let config: unknown
  try {
    config = isLocal(name) ? (await readConfigFile(target)).config : await importDefault(url, name, file, key)
  } catch (error) {
    // Name the file that points at the missing one, and where.
    if (error instanceof ConfigError && error.file === target) throw new ConfigError(file, key, `cannot use "${name}": ${error.problem}`)
    throw error
  }
  const parsed = parseOrThrow(configSchema, config ?? {}, target)
  return layerOf(parsed, target, [...seen, target])
}

/** Reads one configuration and everything it extends into one layer. */
async function layerOf(config: ConfigFile, filepath: string, seen: readonly string[]): Promise<Layer> {
  const directory = path.dirname(filepath)
  const layer = emptyLayer()

  // No `extends` means the recommended set; `"extends": []` starts from nothing.
  const presets = config.extends ?? ['copydesk:recommended']
  for (const [index, name] of presets.entries()) {
    mergeLayers(layer, isPreset(name) ? await presetLayer(name) : await extendedLayer(name, directory, filepath, index, seen))
  }

  for (const [index, {specifier, options}] of config.plugins.entries()) {
    const rules = await loadPlugin(specifier, options, directory, filepath, index)
    appendAll(layer.plugins, rules)
    // A plugin listed is a plugin wanted: its rules run at their default severity.
    for (const rule of rules) layer.rules.set(rule.id, {severity: rule.severity})
  }

  const lists = await listEntries(config, filepath)
  appendAll(layer.lists.terminology, lists.terminology)
  appendAll(layer.lists.patterns, lists.patterns)
  mergeEntries(layer.rules, new Map(Object.entries(config.rules)))
  appendAll(layer.ignore, config.ignore)
  layer.extensions = config.extensions ?? layer.extensions
  appendAll(layer.overrides, config.overrides.map((override) => ({files: override.files, rules: new Map(Object.entries(override.rules))})))
  return layer
}

/** Validates rule entries; a severity alone takes its options from `base`. */
function configure(
  entries: ReadonlyMap<string, RuleEntry>,
  known: ReadonlyMap<string, Rule>,
  base: ReadonlyMap<string, ConfiguredRule>,
  file: string,
  prefix: string
): {rules: Map<string, ConfiguredRule>; checks: Map<string, Severity>; inherited: Set<string>} {
  const rules = new Map<string, ConfiguredRule>()
  const checks = new Map<string, Severity>()
  /** Rules whose options came from `base`, list entries included. */
  const inherited = new Set<string>()
  for (const [id, entry] of entries) {
    const rule = known.get(id)
    if (!rule) {
      // `retext-passive/written`: one check of a rule family takes a severity, not options.
      const family = id.includes('/') ? known.get(id.slice(0, id.indexOf('/'))) : undefined
      if (family?.hasChecks && entry.options === undefined) {
        checks.set(id, entry.severity)
        continue
      }
      const problem = family?.hasChecks
        ? 'a single check takes a severity only, not options'
        : family
          ? `unknown rule: "${family.id}" has no checks of its own to set one by one`
          : `unknown rule${hint(id, [...known.keys()])}`
      throw new ConfigError(file, `${prefix}.${id}`, problem)
    }
    if (entry.options === undefined && base.has(id)) inherited.add(id)
    const given = entry.options ?? base.get(id)?.options ?? {}
    const options = entry.severity === 'off' ? given : parseOrThrow(rule.options, given, file, [...prefix.split('.'), id, 1])
    rules.set(id, {rule, severity: entry.severity, options})
  }
  return {rules, checks, inherited}
}

/** Adds the entries of the top-level lists to their rules' options, unless those options already hold them. */
function withListEntries(rules: Map<string, ConfiguredRule>, lists: Layer['lists'], inherited: ReadonlySet<string>): void {
  for (const [id, entries] of [
    [LIST_RULES.terminology, lists.terminology],
    [LIST_RULES.patterns, lists.patterns],
  ] as const) {
    const configured = rules.get(id)
    if (!configured || entries.length === 0 || inherited.has(id)) continue
    const current = (configured.options as {entries?: unknown[]} | undefined)?.entries ?? []
    // Without zod's compiled parsers, as parseOrThrow (config/issues.ts) says why.
    configured.options = configured.rule.options.parse({...(configured.options as object), entries: [...current, ...entries]}, {jitless: true})
  }
}

/** Turns a validated configuration file into the rules it runs, all options checked. */
export async function resolveConfig(config: ConfigFile, filepath: string): Promise<ResolvedConfig> {
  const layer = await layerOf(config, filepath, [filepath])
  const known = new Map((await loadBuiltinRules()).map((rule) => [rule.id, rule]))
  for (const rule of layer.plugins) known.set(rule.id, rule)

  const {rules, checks, inherited} = configure(layer.rules, known, new Map(), filepath, 'rules')
  withListEntries(rules, layer.lists, inherited)
  const overrides = layer.overrides.map((override, index) => {
    const configured = configure(override.rules, known, rules, filepath, `overrides[${index}].rules`)
    withListEntries(configured.rules, layer.lists, configured.inherited)
    return {files: override.files, rules: configured.rules, checks: configured.checks}
  })
  return {filepath, directory: path.dirname(filepath), rules, checks, ignore: layer.ignore, extensions: layer.extensions, overrides}
}

/** The built-in recommended set, for files with no configuration above them. */
let builtinDefaults: Promise<ReadonlyMap<string, ConfiguredRule>> | undefined

async function builtinRulesWithDefaults(): Promise<ReadonlyMap<string, ConfiguredRule>> {
  const rules = new Map<string, ConfiguredRule>()
  for (const rule of await loadBuiltinRules()) {
    rules.set(rule.id, {rule, severity: rule.severity, options: parseOrThrow(rule.options, {}, 'built-in defaults')})
  }
  return rules
}

export async function defaultConfig(directory: string): Promise<ResolvedConfig> {
  // The same for every folder: validated once per run, not once per file.
  const rules = new Map(await (builtinDefaults ??= builtinRulesWithDefaults()))
  return {filepath: undefined, directory, rules, checks: new Map(), ignore: [], extensions: undefined, overrides: []}
}

/** Loads and resolves one configuration file, as `--config FILE` asks. */
export async function loadConfigFile(filepath: string): Promise<ResolvedConfig> {
  const absolute = path.resolve(filepath)
  const found = await readConfigFile(absolute)
  const parsed = parseOrThrow(configSchema, found.config ?? {}, absolute)
  return resolveConfig(parsed, absolute)
}

const resolvedByFile = new Map<string, Promise<ResolvedConfig>>()

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory()
  } catch {
    return false
  }
}

/**
 * The configuration for a file or folder: the nearest configuration file at or
 * above it, or the defaults. Each configuration file is resolved once.
 */
export async function loadConfig(target: string): Promise<ResolvedConfig> {
  const absolute = path.resolve(target)
  return configForFolder((await isDirectory(absolute)) ? absolute : path.dirname(absolute))
}

/** The configuration for a file known to be a file: no need to ask the file system which it is. */
export function loadConfigForFile(file: string): Promise<ResolvedConfig> {
  return configForFolder(path.dirname(path.resolve(file)))
}

const resolvedByFolder = new Map<string, Promise<ResolvedConfig>>()

/** Files of one folder share its configuration: found and resolved once, not once per file. */
function configForFolder(directory: string): Promise<ResolvedConfig> {
  let resolved = resolvedByFolder.get(directory)
  if (!resolved) {
    resolved = searchAndResolve(directory)
    resolvedByFolder.set(directory, resolved)
    resolved.catch(() => resolvedByFolder.delete(directory))
  }
  return resolved
}

async function searchAndResolve(directory: string): Promise<ResolvedConfig> {
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

/** Forgets every configuration found so far, so that edited files are read again. */
export function forgetConfigs(): void {
  resolvedByFile.clear()
  resolvedByFolder.clear()
  builtinDefaults = undefined
  clearConfigCaches()
}

/** The rules that run on one file: the configuration with every matching override applied. */
export function settingsFor(config: ResolvedConfig, file: string): FileSettings {
  let rules = config.rules
  let checks = config.checks
  // Where the file lies matters only to overrides: 2,000 files paid 10 ms for nothing without any.
  const relative = config.overrides.length === 0 ? '' : path.relative(config.directory, path.resolve(file)).split(path.sep).join('/')
  for (const override of config.overrides) {
    if (override.files.some((glob) => globMatcher(glob)(relative))) {
      rules = new Map([...rules, ...override.rules])
      checks = new Map([...checks, ...override.checks])
    }
  }
  const enabled = () => ({rules: [...rules.values()].filter((configured) => configured.severity !== 'off'), checks})
  if (rules !== config.rules) return enabled()
  // Most files take their configuration as it is: one settings object for all of them.
  let shared = unchangedSettings.get(config)
  if (!shared) {
    shared = enabled()
    unchangedSettings.set(config, shared)
  }
  return shared
}

const unchangedSettings = new WeakMap<ResolvedConfig, FileSettings>()
const globMatchers = new Map<string, (path: string) => boolean>()

function globMatcher(glob: string): (path: string) => boolean {
  let matcher = globMatchers.get(glob)
  if (!matcher) {
    matcher = picomatch(glob, {dot: true, basename: !glob.includes('/')})
    globMatchers.set(glob, matcher)
  }
  return matcher
}
