import {mkdirSync, statSync} from 'node:fs'
import path from 'node:path'

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
      // Made meanwhile by another process: what matters is that it is there.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(level, {throwIfNoEntry: false})?.isDirectory()) throw error
    }
  }
}
