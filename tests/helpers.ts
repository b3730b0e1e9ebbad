import {spawnSync} from 'node:child_process'
import {mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, expect} from 'vitest'
import {main} from '../src/cli.js'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))
export const binPath = path.join(repoRoot, 'bin', 'copydesk.js')
/** Node's flag for its permission model, which refuses worker threads: `--permission` from Node 22, experimental before. */
export const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission'
export const referenceArticle = path.join(repoRoot, 'fixtures', 'articles', 'assad-tehran.txt')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

interface CliOptions {
  cwd?: string
  /** Text piped to standard input; without it, standard input is a terminal. */
  stdin?: string | Uint8Array
  env?: Record<string, string | undefined>
  isTTY?: boolean
}

/** Runs the CLI in this process with injected streams. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const piped = options.stdin
  const stdin = Object.assign(
    (async function* () {
      if (piped !== undefined) yield typeof piped === 'string' ? Buffer.from(piped) : piped
    })(),
    {isTTY: piped === undefined}
  )
  const code = await main(args, {
    stdin,
    // Reports replayed from the cache come as UTF-8 bytes; each write holds whole characters.
    stdout: {write: (chunk: string | Uint8Array) => (stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), isTTY: options.isTTY ?? false},
    stderr: {write: (text: string) => (stderr += text)},
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? {},
  })
  return {code, stdout, stderr}
}

/** Runs the real `bin/copydesk.js` as a process, as a user's shell would. */
export function spawnCli(args: string[], options: {cwd?: string; input?: string | Buffer; env?: Record<string, string>} = {}): CliRun {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    env: {PATH: process.env.PATH ?? '', ...options.env},
    encoding: 'utf8',
  })
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

const created: string[] = []

// Each test file that makes temporary folders removes them when it ends.
afterAll(() => {
  for (const folder of created.splice(0)) rmSync(folder, {recursive: true, force: true})
})

/** A new temporary folder holding the given files (paths relative to it), removed after the test file. */
export function tempFolder(files: Record<string, string | Uint8Array> = {}): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'copydesk-test-'))
  created.push(folder)
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(folder, name)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, content)
  }
  return folder
}

/** One message of the JSON format, as tests read it. */
export interface JsonMessage {
  ruleId: string
  severity: string
  line: number
  column: number
  message: string
  expected?: string[]
}

/** Every message of a run in the JSON format, all files together; the run must print nothing on stderr. */
export async function jsonMessagesOf(args: string[], options: CliOptions = {}): Promise<JsonMessage[]> {
  const run = await runCli(['--format', 'json', ...args], options)
  expect(run.stderr).toBe('')
  return (JSON.parse(run.stdout) as Array<{messages: JsonMessage[]}>).flatMap((result) => result.messages)
}

const fixtureArticles = path.join(repoRoot, 'fixtures', 'articles')
const drafts = readdirSync(fixtureArticles).filter((name) => /\.(txt|md|html)$/u.test(name))

/** A folder whose `drafts` holds `count` drafts cycling through the fixture articles. */
export function corpus(count: number): string {
  const files: Record<string, string> = {}
  for (let index = 0; index < count; index++) {
    const name = drafts[index % drafts.length] ?? 'empty.txt'
    files[`drafts/${String(index).padStart(3, '0')}-${name}`] = readFileSync(path.join(fixtureArticles, name), 'utf8')
  }
  return tempFolder(files)
}
