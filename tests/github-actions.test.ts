import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {binPath, repoRoot, tempFolder} from './helpers.js'
import {sarifValidator} from './sarif-schema.js'

const folder = path.join(repoRoot, 'examples', 'github-actions')

/** The `run:` line of a workflow that calls copydesk, as the runner would hand it to bash. */
function copydeskStep(workflow: string): string {
  const lines = readFileSync(path.join(folder, workflow), 'utf8').split('\n')
  const steps = lines.map((line) => /^\s*- run: (npx copydesk .*)$/u.exec(line)?.[1]).filter((step) => step !== undefined)
  expect(steps).toHaveLength(1)
  return steps[0] ?? ''
}

/** Runs a step in a checkout holding drafts, with `npx copydesk` standing for this repository's command. */
function runStep(step: string, checkout: string) {
  const script = step.replace(/^npx copydesk/u, `${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)}`)
  // As GitHub runs a `run:` step on Linux: bash --noprofile --norc -eo pipefail.
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {cwd: checkout, encoding: 'utf8', env: {PATH: process.env.PATH ?? ''}})
}

const checkout = () => tempFolder({'drafts/a.txt': 'He said: “It is over. »\n\nThe KRG met.\n'})

describe('the GitHub Actions examples', () => {
  it('annotates a pull request with one workflow command per problem, and fails on an error', () => {
    const run = runStep(copydeskStep('copydesk-annotations.yml'), checkout())
    expect(run.status).toBe(1)
    expect(run.stdout).toBe(
      [
        '::error file=drafts/a.txt,line=1,col=23,endLine=1,endColumn=24,title=quote-pairs::Unexpected `»` closing the quotation opened with `“` at 1:10, expected `”`',
        '::warning file=drafts/a.txt,line=3,col=5,endLine=3,endColumn=8,title=acronym-definition::Unexpected undefined acronym `KRG`, spell it out at its first use',
        '',
      ].join('\n')
    )
  })

  it('writes a valid SARIF file for code scanning and lets the step pass when problems are found', () => {
    const where = checkout()
    const run = runStep(copydeskStep('copydesk-code-scanning.yml'), where)
    expect(run).toMatchObject({status: 0, stdout: '', stderr: ''})
    const log = JSON.parse(readFileSync(path.join(where, 'copydesk.sarif'), 'utf8')) as unknown
    expect(sarifValidator()(log)).toEqual([])
    expect(readFileSync(path.join(folder, 'copydesk-code-scanning.yml'), 'utf8')).toContain('sarif_file: copydesk.sarif')
  })

  it('still fails the code-scanning step when copydesk cannot run', () => {
    const run = runStep(copydeskStep('copydesk-code-scanning.yml'), tempFolder())
    // The status of the `[ $? -eq 1 ]` test that failed: any but 0 fails the job.
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('copydesk: drafts/: no such file or folder\n')
  })
})
