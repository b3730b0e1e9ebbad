import {writeSync} from 'node:fs'
import {readlink, realpath, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {descriptorNamed} from './descriptor-names.js'
import {makeFolders} from './make-folders.js'

/** What is written: text, bytes, or pieces of either, written one after the other. */
export type WriteContent = string | Uint8Array | Iterable<string | Uint8Array>

/** Links followed at most, as the system's own limit (ELOOP past it). */
const MOST_LINKS = 40

/**
 * Where writing `file` goes: standard output or error when it names one of
 * them, else what its chain of links ends at, existing or not yet (`file`
 * itself when it is no link). A relative link is read from the folder the
 * link really is in, as the system reads it.
 */
async function writeTarget(file: string): Promise<string | number> {
  let current = file
  for (let hops = 0; hops < MOST_LINKS; hops++) {
    const descriptor = descriptorNamed(current)
    // Only standard output and error: the other numbers are Node's own (its event loop's) unless the shell opened them.
    if (descriptor === 1 || descriptor === 2) return descriptor
    let link: string
    try {
      link = await readlink(current)
    } catch {
      // Not a link (EINVAL), not there yet (ENOENT), or not ours to read: written, or refused, as it is.
      return current
    }
    // A descriptor's link names no file (`pipe:[123]`), and one of Node's own is no place for a report.
    if (link.startsWith('anon_inode:')) throw Object.assign(new Error(`${file}: not a file, a pipe or a device`), {code: 'ENXIO'})
    if (!path.isAbsolute(link) && /^[a-z_]+:\[/u.test(link)) return current
    const folder = await realpath(path.dirname(current)).catch(() => path.dirname(current))
    current = path.resolve(folder, link)
  }
  throw Object.assign(new Error(`${file}: too many levels of symbolic links`), {code: 'ELOOP'})
}

/** Waits without a turn of the event loop: a descriptor that is not ready (EAGAIN) is tried again shortly. */
const pause = new Int32Array(new SharedArrayBuffer(4))

function writeAll(descriptor: number, content: WriteContent): void {
  const parts = typeof content === 'string' || content instanceof Uint8Array ? [content] : content
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writeSync(descriptor, bytes, done)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
        Atomics.wait(pause, 0, 0, 5)
      }
    }
  }
}

/**
 * Writes a file by way of a temporary file beside it, renamed into place, so
 * that a reader never sees half of it and a failed write leaves the old one.
 * The folder is created when missing; on failure the temporary file is removed
 * and the error is thrown again.
 *
 * A link is written through, and stays a link (a link to a file not there yet
 * makes it). Standard output or error, by any of their names or a link to
 * one (`-o /dev/stdout`), is written to through its descriptor, and what is
 * not a regular file (a device, a FIFO, `/dev/fd/3` opened by the shell on a
 * pipe) is written to as it is: renaming a file over either would
 * put the file in its place, over a log `>>` appends to, or, run as root,
 * over `/dev/null` itself.
 */
export async function writeAtomically(file: string, content: WriteContent): Promise<void> {
  const target = await writeTarget(file)
  if (typeof target === 'number') return writeAll(target, content)
  const existing = await stat(target).catch(() => undefined)
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) return writeFile(target, content)
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  try {
    makeFolders(path.dirname(target))
    await writeFile(temporary, content)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => undefined)
    throw error
  }
}
