import {describe, expect, it} from 'vitest'
import {spawnCli, tempFolder} from './helpers.js'

// One sentence of 4,000 lines (no full stop, and it goes on in lower case after `Hi.`): parse-latin merges its
// 200,000 tokens with one call that takes them as arguments, which overflows the stack of Node's main thread.
const lines = Array.from({length: 4_000}, () => 'a b c d e f g h i j k l m n o p q r s t u v w x y z,')
lines[2_999] = 'a b c d e f g h i j k l m n o p q r s t u v w x y, said the the editor,'
const runOn = `Hi. ${lines.join('\n')}\n`
const column = 'a b c d e f g h i j k l m n o p q r s t u v w x y, said '.length + 1
const found = (name: string) => `${name}:3000:${column}: error: Unexpected repeated \`the\`, remove one occurrence [repeated-words]`

describe('a text too deep for the main thread stack', () => {
  it('is linted on a thread with a deeper stack, as a file', () => {
    const folder = tempFolder({'runon.txt': runOn})
    expect(spawnCli(['runon.txt'], {cwd: folder})).toEqual({code: 1, stdout: `${found('runon.txt')}\n1 problem (1 error, 0 warnings, 0 info) in 1 file\n`, stderr: ''})
  })

  it('is linted so from standard input, and its lines are shown', () => {
    const folder = tempFolder()
    const run = spawnCli(['--format', 'stylish', '--stdin-filename', 'draft.md'], {cwd: folder, input: runOn})
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'draft.md',
      `  3000:${column}  error  Unexpected repeated \`the\`, remove one occurrence  repeated-words`,
      '    …i j k l m n o p q r s t u v w x y, said the the editor,',
      `${' '.repeat(45)}^^^^^^^`,
    ])
  })

  it('fails the run with one line naming the file when the deeper thread fails too', () => {
    // A plugin that ends any worker thread that loads it.
    const folder = tempFolder({
      'runon.txt': runOn,
      'plugin.mjs': "import {isMainThread} from 'node:worker_threads'\nif (!isMainThread) process.exit(3)\nexport default function attacher() { return () => {} }\n",
      '.lintrc': '{"plugins": ["./plugin.mjs"]}',
    })
    expect(spawnCli(['runon.txt'], {cwd: folder})).toEqual({
      code: 2,
      stdout: '',
      stderr: "copydesk: internal error: runon.txt: too deep for the main thread's stack, and linting it on a deeper one failed: its thread stopped with exit code 3\n",
    })
  })

  it('is linted by a worker of the pool, whose stack is as deep', () => {
    // Deeper than a worker's default stack (4 MB) allows: 530,000 tokens in one sentence.
    const deeper = `Hi. ${Array.from({length: 10_000}, (_, index) => (index === 2_999 ? lines[2_999] : lines[0])).join('\n')}\n`
    // This thread takes the first file; the worker takes the next two, the deep one among them.
    const files: Record<string, string> = {'drafts/a.txt': 'It was the the end.\n', 'drafts/b-runon.txt': deeper}
    const names = Array.from({length: 16}, (_, index) => `drafts/c${String(index).padStart(2, '0')}.txt`)
    for (const name of names) files[name] = 'He said so so.\n'
    const folder = tempFolder(files)
    const expected = [
      'drafts/a.txt:1:8: error: Unexpected repeated `the`, remove one occurrence [repeated-words]',
      found('drafts/b-runon.txt'),
      ...names.map((name) => `${name}:1:9: error: Unexpected repeated \`so\`, remove one occurrence [repeated-words]`),
      '18 problems (18 errors, 0 warnings, 0 info) in 18 files',
      '',
    ]
    expect(spawnCli(['--concurrency', '2', 'drafts'], {cwd: folder})).toEqual({code: 1, stdout: expected.join('\n'), stderr: ''})
  })
})
