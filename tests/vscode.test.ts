import {copyFileSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {parse, type ParseError} from 'jsonc-parser'
import {describe, expect, it} from 'vitest'
import {repoRoot, runCli, tempFolder} from './helpers.js'

/**
 * VS Code's built-in `$eslint-compact` pattern, as registered in
 * src/vs/workbench/contrib/tasks/common/problemMatcher.ts of microsoft/vscode
 * (file 1, line 2, column 3, severity 4, message 5, code 6; absolute file locations).
 */
const ESLINT_COMPACT = {
  regexp: '^(.+):\\sline\\s(\\d+),\\scol\\s(\\d+),\\s(Error|Warning|Info)\\s-\\s(.+)\\s\\((.+)\\)$',
  file: 1,
  line: 2,
  column: 3,
  severity: 4,
  message: 5,
  code: 6,
}

interface Pattern {
  regexp: string
  file: number
  line: number
  column: number
  severity: number
  message: number
  code: number
}

interface Matcher {
  fileLocation: 'absolute' | ['relative', string]
  pattern: Pattern
}

interface Task {
  label: string
  command: string
  args: string[]
  problemMatcher: string | {owner: string; fileLocation: ['relative', string]; pattern: Pattern}
}

interface Problem {
  file: string
  line: number
  column: number
  severity: string
  message: string
  code: string
}

const tasksFile = path.join(repoRoot, 'examples', 'vscode', 'tasks.json')

function readTasks(): Task[] {
  const errors: ParseError[] = []
  const document = parse(readFileSync(tasksFile, 'utf8'), errors) as {tasks: Task[]}
  expect(errors).toEqual([])
  return document.tasks
}

function matcherOf(task: Task): Matcher {
  const matcher = task.problemMatcher
  if (typeof matcher === 'string') {
    expect(matcher).toBe('$eslint-compact')
    return {fileLocation: 'absolute', pattern: ESLINT_COMPACT}
  }
  expect(matcher.owner).toBe('copydesk')
  return {fileLocation: matcher.fileLocation, pattern: matcher.pattern}
}

/** What VS Code does with each line of a task's output: match it, then read the groups. */
function applyMatcher(output: string, matcher: Matcher, workspace: string): {problems: Problem[]; unmatched: string[]} {
  const regexp = new RegExp(matcher.pattern.regexp)
  const problems: Problem[] = []
  const unmatched: string[] = []
  for (const line of output.split('\n')) {
    const match = regexp.exec(line)
    if (!match) {
      unmatched.push(line)
      continue
    }
    const group = (index: number) => match[index] ?? ''
    const file = group(matcher.pattern.file)
    problems.push({
      file: matcher.fileLocation === 'absolute' ? file : path.join(matcher.fileLocation[1].replace('${workspaceFolder}', workspace), file),
      line: Number(group(matcher.pattern.line)),
      column: Number(group(matcher.pattern.column)),
      severity: group(matcher.pattern.severity).toLowerCase(),
      message: group(matcher.pattern.message),
      code: group(matcher.pattern.code),
    })
  }
  return {problems, unmatched}
}

/** The task's arguments to copydesk, with VS Code's variables filled in. */
function copydeskArgs(task: Task, relativeFile: string): string[] {
  expect(task.command).toBe('npx')
  return task.args.slice(task.args.indexOf('copydesk') + 1).map((arg) => arg.replace('${relativeFile}', relativeFile))
}

/** The same run in the JSON format: what every matched problem must agree with. */
async function expectedProblems(args: readonly string[], workspace: string): Promise<Problem[]> {
  const kept = args.filter((arg, index) => arg !== '--no-color' && arg !== '--format' && args[index - 1] !== '--format')
  const run = await runCli(['--format', 'json', ...kept], {cwd: workspace})
  const results = JSON.parse(run.stdout) as Array<{path: string; messages: Array<{line: number; column: number; severity: string; message: string; ruleId: string}>}>
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.resolve(workspace, result.path),
      line: message.line,
      column: message.column,
      severity: message.severity,
      message: message.message,
      code: message.ruleId,
    }))
  )
}

const fixtures = path.join(repoRoot, 'fixtures', 'articles')
const drafts = readdirSync(fixtures).filter((name) => !name.endsWith('.expected')).sort()

/** A workspace holding every fixture under drafts/, as a desk's repository would. */
function workspace(): string {
  const folder = tempFolder()
  mkdirSync(path.join(folder, 'drafts'))
  for (const draft of drafts) copyFileSync(path.join(fixtures, draft), path.join(folder, 'drafts', draft))
  return folder
}

const SUMMARY = /^(\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in \d+ files?|\d+ problems?|)$/u

async function checkTask(task: Task, folder: string, relativeFile: string): Promise<number> {
  const args = copydeskArgs(task, relativeFile)
  const run = await runCli(args, {cwd: folder})
  expect(run.stderr).toBe('')
  const {problems, unmatched} = applyMatcher(run.stdout, matcherOf(task), folder)
  expect(problems).toEqual(await expectedProblems(args, folder))
  for (const line of unmatched) expect(line).toMatch(SUMMARY)
  return problems.length
}

describe('the VS Code tasks in examples/vscode/tasks.json', () => {
  const tasks = readTasks()

  it('has a task for the workspace, one for the current file and one for the built-in $eslint-compact matcher', () => {
    expect(tasks.map((task) => task.label)).toEqual([
      'copydesk: lint the workspace',
      'copydesk: lint the current file',
      'copydesk: lint the workspace (compact)',
    ])
  })

  for (const task of tasks.filter((candidate) => !candidate.args.includes('${relativeFile}'))) {
    it(`"${task.label}" recovers every problem of every fixture with its file, place, severity, message and rule`, async () => {
      const folder = workspace()
      // Every fixture with a problem counts: the reference article alone has 9.
      expect(await checkTask(task, folder, '')).toBeGreaterThan(30)
    })
  }

  const current = tasks.find((task) => task.args.includes('${relativeFile}'))
  it('has the current-file task', () => expect(current).toBeDefined())
  if (current) {
    it.each(drafts)(`"${current.label}" recovers every problem of %s`, async (draft) => {
      await checkTask(current, workspace(), path.join('drafts', draft))
    })
  }

  it('reads the reference article exactly through the copydesk matcher', async () => {
    const folder = workspace()
    const run = await runCli(copydeskArgs(tasks[1] as Task, 'drafts/assad-tehran.txt'), {cwd: folder})
    const {problems} = applyMatcher(run.stdout, matcherOf(tasks[1] as Task), folder)
    expect(problems[3]).toEqual({
      file: path.join(folder, 'drafts', 'assad-tehran.txt'),
      line: 27,
      column: 232,
      severity: 'error',
      message: 'Unexpected `»` closing the quotation opened with `“` at 27:1, expected `”`',
      code: 'quote-pairs',
    })
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.severity} ${problem.code}`)).toEqual([
      '5:108 error quote-pairs',
      '7:26 info quote-pairs',
      '13:42 warning acronym-definition',
      '27:232 error quote-pairs',
      '35:170 error quote-pairs',
      '43:216 info quote-pairs',
      '49:318 error quote-pairs',
      '53:1 error boilerplate',
      '55:1 error boilerplate',
    ])
  })
})
