import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes a file by way of a temporary file beside it, renamed into place, so
 * that a reader never sees half of it and a failed write leaves the old one.
 * The folder is created when missing; on failure the temporary file is removed
 * and the error is thrown again.
 */
export async function writeAtomically(file: string, content: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(temporary, content)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => undefined)
    throw error
  }
}
