import {readFileSync} from 'node:fs'
import path from 'node:path'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import {repoRoot} from './helpers.js'

/**
 * The official SARIF 2.1.0 schema, as Microsoft's SARIF tooling ships it. It is
 * a draft-04 schema, and one of its `pattern`s is not valid with the `u` flag,
 * so it is compiled without it.
 */
const schemaFile = path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json')

// Both are CommonJS modules whose export is also their `default`, which is what TypeScript types.
const Ajv = ajvDraft04.default
const addFormats = ajvFormats.default

export function sarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false})
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object)
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`))
}
