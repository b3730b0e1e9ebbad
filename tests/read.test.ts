import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs'
import {pathToFileURL} from 'node:url'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintFiles} from '../src/lint-files.js'
import {FileReader, InputError} from '../src/pipeline/read.js'
import {binPath, repoRoot, runCli, tempFolder} from './helpers.js'

/** Bytes that differ from one position to the next, so that a view over stale bytes shows. */
function bytesOf(length: number, seed: number): Buffer {
  return Buffer.from(Array.from({length}, (_, index) => 0x61 + ((index * 7 + seed) % 26)))
}

describe('FileReader', () => {
  it('gives each file its own bytes, whatever the sizes before it, around the size of its buffer', () => {
    // 65,536 bytes is the buffer it starts with; the file of that size needs one byte more to see its end.
    const sizes = [0, 10, 65_535, 65_536, 65_537, 5, 300_000, 17, 0]
    const folder = tempFolder(Object.fromEntries(sizes.map((size, index) => [`${index}.txt`, bytesOf(size, index)])))
    const reader = new FileReader()
    sizes.forEach((size, index) => {
      const file = path.join(folder, `${index}.txt`)
      const {bytes, regular} = reader.read(file, `${index}.txt`)
      expect(regular).toBe(true)
      expect(bytes.length).toBe(size)
      expect(Buffer.compare(Buffer.from(bytes), readFileSync(file))).toBe(0)
    })
  })

  it('reads a pipe, which has no size, to its end past the buffer it has', async () => {
    const folder = tempFolder()
    const fifo = path.join(folder, 'pipe.txt')
    execFileSync('mkfifo', [fifo])
    const sent = bytesOf(200_000, 3)
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, Buffer.alloc(${sent.length}, 0).map((_, index) => 0x61 + ((index * 7 + 3) % 26)))`])
    const written = new Promise((resolve) => writer.on('exit', resolve))
    const {bytes, regular} = new FileReader().read(fifo, 'pipe.txt')
    expect(await written).toBe(0)
    expect(regular).toBe(false)
    expect(bytes.length).toBe(sent.length)
    expect(Buffer.compare(Buffer.from(bytes), sent)).toBe(0)
  })

  it('reads /dev/stdin once even when it is a regular file (on macOS it may share its offset with the shell), and other files under /dev as any', () => {
    const folder = tempFolder({'a.txt': 'the the\n'})
    const input = openSync(path.join(folder, 'a.txt'), 'r')
    const reader = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'pipeline', 'read.js')).href
    const script = `import {FileReader} from '${reader}'; const {bytes, regular} = new FileReader().read('/dev/stdin', 'stdin'); console.log(regular, bytes.length)`
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {stdio: [input, 'pipe', 'pipe'], encoding: 'utf8'})
    closeSync(input)
    expect(child.stdout).toBe('false 8\n')
    if (existsSync('/dev/shm')) {
      const shared = mkdtempSync('/dev/shm/copydesk-test-')
      writeFileSync(path.join(shared, 'a.txt'), 'the the\n')
      expect(new FileReader().read(path.join(shared, 'a.txt'), 'a.txt').regular).toBe(true)
      rmSync(shared, {recursive: true, force: true})
    }
  })

  it('names the file in every failure, as one line for the command', () => {
    const folder = tempFolder({'sub/a.txt': 'x'})
    const reader = new FileReader()
    const failure = (name: string) => {
      try {
        reader.read(path.join(folder, name), name)
      } catch (error) {
        expect(error).toBeInstanceOf(InputError)
        return (error as Error).message
      }
      return 'no failure'
    }
    expect(failure('gone.txt')).toBe('gone.txt: no such file or folder')
    expect(failure('sub')).toBe('sub: is a folder')
  })
})

describe('files too large for one JavaScript string', () => {
  it('are refused by their size, before they are read, with the limit named', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'dump.txt': ''})
    // A sparse file: 600 MB by its size, nothing on the disk.
    truncateSync(path.join(folder, 'dump.txt'), 600_000_000)
    expect(() => new FileReader().read(path.join(folder, 'dump.txt'), 'dump.txt')).toThrow(new InputError('dump.txt: too large to lint (600 MB; copydesk lints files of up to 536 MB)'))
    const run = await runCli(['a.txt', 'dump.txt'], {cwd: folder})
    expect(run).toEqual({code: 2, stdout: '', stderr: 'copydesk: dump.txt: too large to lint (600 MB; copydesk lints files of up to 536 MB)\n'})
  })
})

describe('files read twice: checked first, read again when linted', () => {
  it('reads a pipe named on the command line once, and lints what it gave', async () => {
    const folder = tempFolder({'a.txt': 'on on\n'})
    const fifo = path.join(folder, 'pipe.txt')
    execFileSync('mkfifo', [fifo])
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, 'A line.\\nthe the\\n')`])
    const written = new Promise((resolve) => writer.on('exit', resolve))
    // In a process of its own: read twice, a FIFO waits for a writer that never comes.
    // The pipe first: its bytes must outlive the reader's buffer, which the next file is read into.
    const run = spawnSync(process.execPath, [binPath, 'pipe.txt', 'a.txt'], {cwd: folder, encoding: 'utf8', timeout: 20_000})
    expect(await written).toBe(0)
    expect(run.signal).toBe(null)
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'pipe.txt:2:1: error: Unexpected repeated `the`, remove one occurrence [repeated-words]',
      'a.txt:1:1: error: Unexpected repeated `on`, remove one occurrence [repeated-words]',
    ])
  })

  it('refuses a file that stopped being text between the two, after the reports of the files before it', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    const reported: string[] = []
    const run = lintFiles(['.'], {
      cwd: folder,
      concurrency: 1,
      onResult: (result) => {
        reported.push(result.path)
        if (result.path === 'a.txt') writeFileSync(path.join(folder, 'b.txt'), Buffer.from([0x6f, 0x6e, 0x00, 0x6f, 0x6e]))
      },
    })
    await expect(run).rejects.toThrow(new InputError('b.txt: binary file (it holds NUL bytes), not text'))
    expect(reported).toEqual(['a.txt'])
  })

  it('lints the bytes the file holds when its turn comes', async () => {
    const folder = tempFolder({'a.txt': 'the the\n', 'b.txt': 'on on\n'})
    const messages: string[] = []
    await lintFiles(['.'], {
      cwd: folder,
      concurrency: 1,
      onResult: (result) => {
        messages.push(...result.messages.map((message) => `${result.path}:${message.line}:${message.column} ${message.message}`))
        if (result.path === 'a.txt') writeFileSync(path.join(folder, 'b.txt'), 'A line.\nso so\n')
      },
    })
    expect(messages).toEqual(['a.txt:1:1 Unexpected repeated `the`, remove one occurrence', 'b.txt:2:1 Unexpected repeated `so`, remove one occurrence'])
  })
})
