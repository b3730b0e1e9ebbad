import {lstatSync, mkdirSync, statSync} from 'node:fs'
import path from 'node:path'

/** The code of the error thrown when a folder to make is a link to nothing: the system says EEXIST, as for a file. */
export const DANGLING_LINK = 'COPYDESK_DANGLING_LINK'

/**
 * Creates `folder` and the folders above it that are missing, each with
 * `mode`. Node's own `mkdir(folder, {recursive: true})` never returns where a
 * folder cannot be made inside one that exists: under `/proc` it is told
 * ENOENT, makes the parent (EEXIST) and tries again, forever (`-o
 * /proc/nope/report.json` hung at full CPU). Here each level is made once,
 * and its error is thrown.
 */
export function makeFolders(folder: string, mode?: number): void {
  const missing: string[] = []
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const found = statSync(current, {throwIfNoEntry: false})
    if (found?.isDirectory()) break
    // A file in the way: making the folder below it fails with ENOTDIR, as the caller expects.
    missing.push(current)
    if (found || path.dirname(current) === current) break
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, {mode})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      // Made meanwhile by another process: what matters is that it is there.
      if (statSync(level, {throwIfNoEntry: false})?.isDirectory()) continue
      // A link to nothing is in the way, not a file.
      if (lstatSync(level, {throwIfNoEntry: false})?.isSymbolicLink()) throw Object.assign(new Error(`${level}: a link to nothing`), {code: DANGLING_LINK})
      throw error
    }
  }
}
