import {FORMAT_NAMES} from '../report/index.js'

export interface OptionSpec {
  name: string
  short?: string
  type: 'string' | 'boolean'
  /** The placeholder shown in the help for a value. */
  value?: string
  help: string
}

/** The command-line flags: parsed from this table, and the help is printed from it. */
export const OPTIONS: readonly OptionSpec[] = [
  {name: 'config', short: 'c', type: 'string', value: 'FILE', help: 'use this configuration file instead of the nearest one'},
  {name: 'format', type: 'string', value: 'NAME', help: `output format: ${FORMAT_NAMES.join(', ')} (default: editor)`},
  {name: 'output-file', short: 'o', type: 'string', value: 'PATH', help: 'write the report to this file instead of standard output'},
  {name: 'max-warnings', type: 'string', value: 'N', help: 'exit with 1 when there are more than N warnings'},
  {name: 'quiet', type: 'boolean', help: 'report errors only'},
  {name: 'stdin-filename', type: 'string', value: 'PATH', help: 'the name of the text read from standard input'},
  {name: 'color', type: 'boolean', help: 'colour the output (default: on a terminal, unless NO_COLOR is set)'},
  {name: 'no-color', type: 'boolean', help: 'do not colour the output'},
  {name: 'concurrency', type: 'string', value: 'N', help: 'threads, this one included (default: one per core, for 3 MB of text or more in 16 files or more, or to parse a plain-text file of 6 million characters)'},
  {name: 'cache', type: 'boolean', help: 'replay the report of files unchanged since the last run'},
  {name: 'cache-location', type: 'string', value: 'PATH', help: 'the cache file (default: .copydeskcache); implies --cache'},
  {name: 'shard', type: 'string', value: 'K/N', help: 'lint only the K-th of N shares of the files, for CI matrices'},
  {name: 'list-rules', type: 'boolean', help: 'list the rules with their default severity'},
  {name: 'explain', type: 'string', value: 'RULE', help: 'show what a rule checks, its options and examples'},
  {name: 'print-config', type: 'string', value: 'PATH', help: 'print the configuration that applies to a file'},
  {name: 'help', short: 'h', type: 'boolean', help: 'show this help'},
  {name: 'version', short: 'v', type: 'boolean', help: 'show the version'},
]

export function helpText(): string {
  const rows = OPTIONS.map((option) => {
    const flags = `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.value ? ` ${option.value}` : ''}`
    return `  ${flags.padEnd(28)}${option.help}`
  })
  return [
    'Usage: copydesk [options] [files, folders or globs...]',
    '',
    'Lints drafts for translation and editorial defects. With no paths and text',
    'piped in, or with "-", reads standard input.',
    '',
    'Options:',
    ...rows,
    '',
    'Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found,',
    '2 usage, configuration or input failure.',
    '',
  ].join('\n')
}
