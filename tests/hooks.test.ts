import {spawnSync} from 'node:child_process'
import {copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {binPath, repoRoot, tempFolder} from './helpers.js'

const found = (command: string) => spawnSync(command, ['--version'], {encoding: 'utf8'}).status === 0
const hasGit = found('git')
const hasPreCommit = found('pre-commit')
// Said in the title of a skipped test, so a run without the tools tells why.
const needsGit = hasGit ? '' : ' (skipped: no `git` command; .ci/run installs it)'
const needsPreCommit = hasPreCommit ? '' : ' (skipped: no `pre-commit` command; .ci/run installs it, or apt-get install pre-commit)'

const BAD = 'He said: “It is over. »\n'
const FIXED = 'He said: “It is over.”\n'
const DIAGNOSTIC = 'draft.txt:1:23: error: Unexpected `»` closing the quotation opened with `“` at 1:10, expected `”` [quote-pairs]'
const SUMMARY = '1 problem (1 error, 0 warnings, 0 info) in 1 file'

/**
 * The environment of every git and pre-commit command: the user's own git
 * configuration and any GIT_* variables of a hook this suite may run inside
 * are left out, so the temporary repository is all that counts.
 */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_') && !name.startsWith('PRE_COMMIT')))
  return {
    ...kept,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Desk',
    GIT_AUTHOR_EMAIL: 'desk@example.org',
    GIT_COMMITTER_NAME: 'Desk',
    GIT_COMMITTER_EMAIL: 'desk@example.org',
    NO_COLOR: '1',
    PRE_COMMIT_COLOR: 'never',
    ...extra,
  }
}

interface Run {
  code: number | null
  output: string
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command, args, {cwd, env, encoding: 'utf8'})
  return {code: result.status, output: `${result.stdout}${result.stderr}`}
}

/** A git command that must succeed; its output. */
function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const result = run('git', args, cwd, env)
  expect(result, `git ${args.join(' ')}`).toMatchObject({code: 0})
  return result.output
}

/** A new repository holding `files` in its working tree, nothing committed yet. */
function repository(env: NodeJS.ProcessEnv, files: Record<string, string>): string {
  const folder = tempFolder(files)
  git(folder, env, 'init', '--quiet', '--initial-branch=main')
  return folder
}

/**
 * What every hook must do: refuse a staged draft with a stray `»` and print why,
 * go on refusing while the fix is only in the working tree, let the fix through
 * once it is staged, and let a clean staged draft through despite a bad unstaged edit.
 */
function checkHook(folder: string, env: NodeJS.ProcessEnv): void {
  const write = (name: string, text: string) => writeFileSync(path.join(folder, name), text)
  const read = (name: string) => readFileSync(path.join(folder, name), 'utf8')
  const commit = () => run('git', ['commit', '--quiet', '-m', 'Draft'], folder, env)
  const commits = () => run('git', ['rev-list', '--count', 'HEAD'], folder, env).output.trim()

  write('draft.txt', BAD)
  git(folder, env, 'add', 'draft.txt')
  const refused = commit()
  expect(refused.code).not.toBe(0)
  expect(refused.output.split('\n')).toEqual(expect.arrayContaining([DIAGNOSTIC, SUMMARY]))
  expect(commits()).toBe('1')

  write('draft.txt', FIXED)
  const stillStaged = commit()
  expect(stillStaged.code).not.toBe(0)
  expect(stillStaged.output).toContain(DIAGNOSTIC)
  expect(read('draft.txt')).toBe(FIXED)
  expect(commits()).toBe('1')

  git(folder, env, 'add', 'draft.txt')
  const accepted = commit()
  expect(accepted.output).not.toContain('error:')
  expect(accepted.code).toBe(0)
  expect(commits()).toBe('2')
  expect(git(folder, env, 'show', 'HEAD:draft.txt')).toBe(FIXED)

  write('notes.md', 'All clear.\n')
  git(folder, env, 'add', 'notes.md')
  write('notes.md', 'It was the the end.\n')
  const unstagedEdit = commit()
  expect(unstagedEdit.code).toBe(0)
  expect(commits()).toBe('3')
  expect(read('notes.md')).toBe('It was the the end.\n')
  expect(git(folder, env, 'show', 'HEAD:notes.md')).toBe('All clear.\n')
}

describe('the plain git hook in examples/git-hooks/pre-commit', () => {
  it.skipIf(!hasGit)(`refuses a staged draft with a stray \`»\`, prints why, and lints what is staged${needsGit}`, () => {
    const env = environment()
    const folder = repository(env, {'.gitignore': 'node_modules/\n'})
    // As npm installs copydesk in a desk's repository: a link in node_modules/.bin.
    mkdirSync(path.join(folder, 'node_modules', '.bin'), {recursive: true})
    symlinkSync(binPath, path.join(folder, 'node_modules', '.bin', 'copydesk'))
    copyFileSync(path.join(repoRoot, 'examples', 'git-hooks', 'pre-commit'), path.join(folder, '.git', 'hooks', 'pre-commit'))
    git(folder, env, 'add', '.gitignore')
    git(folder, env, 'commit', '--quiet', '-m', 'Start')
    checkHook(folder, env)
  })
})

const headOfThisRepository = hasGit ? spawnSync('git', ['rev-parse', 'HEAD'], {cwd: repoRoot, env: environment(), encoding: 'utf8'}).stdout.trim() : ''

describe('the pre-commit framework hook in .pre-commit-hooks.yaml', () => {
  it.skipIf(!hasGit || !hasPreCommit)(
    `installs copydesk from this repository, refuses a staged draft with a stray \`»\`, prints why, and lints what is staged${needsGit}${needsPreCommit}`,
    () => {
      // pre-commit installs the hook from a commit: the HEAD of this repository
      // (in CI, the commit under test), with npm, into its own fresh cache.
      const env = environment({PRE_COMMIT_HOME: tempFolder()})
      const config = ['repos:', `  - repo: ${repoRoot}`, `    rev: ${headOfThisRepository}`, '    hooks:', '      - id: copydesk', ''].join('\n')
      const folder = repository(env, {'.pre-commit-config.yaml': config})
      const install = run('pre-commit', ['install', '--install-hooks'], folder, env)
      expect(install.output).toContain('pre-commit installed at .git/hooks/pre-commit')
      expect(install.code).toBe(0)
      git(folder, env, 'add', '.pre-commit-config.yaml')
      git(folder, env, 'commit', '--quiet', '-m', 'Start')
      checkHook(folder, env)
    },
    300_000
  )
})

