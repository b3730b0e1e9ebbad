import {mkdir, realpath, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes a file by way of a temporary file beside it, renamed into place, so
 * that a reader never sees half of it and a failed write leaves the old one.
 * The folder is created when missing; on failure the temporary file is removed
 * and the error is thrown again.
 *
 * A link is written through, and stays a link. What is not a regular file
 * (`-o /dev/null`, a FIFO, `/dev/stdout`) is written to as it is: renaming a
 * file over it would put the file in its place, and run as root, over
 * `/dev/null` itself.
 */
export async function writeAtomically(file: string, content: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  // A path that does not resolve (a new file, a pipe's /dev/stdout) is taken as it is.
  const target = await realpath(file).catch(() => file)
  const existing = await stat(target).catch(() => undefined)
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) return writeFile(target, content)
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  try {
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(temporary, content)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => undefined)
    throw error
  }
}
