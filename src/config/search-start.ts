import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

/**
 * Where cosmiconfig's search for a configuration can start without changing
 * what it finds. The search tries every search place in each folder from the
 * start up to the root, each with an asynchronous readFile: from a folder
 * three levels deep that was some 40 round trips to the thread pool, 20 ms of
 * a run on one article, most of it spent waiting. A folder where none of the
 * places exists holds nothing the search could find, and one synchronous stat
 * per place tells so; the search starts at the first folder where one exists
 * (or cannot be looked at: cosmiconfig then decides), else at the root, where
 * it goes on to the user's global configuration as before.
 */
export class SearchStart {
  /** Per folder, where a search from it starts; kept until `clear`, as cosmiconfig keeps its searches. */
  private readonly known = new Map<string, string>()

  constructor(private readonly places: readonly string[]) {}

  from(folder: string): string {
    const directory = path.resolve(folder)
    const known = this.known.get(directory)
    if (known !== undefined) return known
    const parent = path.dirname(directory)
    const start = parent === directory || this.mayHold(directory) ? directory : this.from(parent)
    this.known.set(directory, start)
    return start
  }

  clear(): void {
    this.known.clear()
  }

  private mayHold(directory: string): boolean {
    // cosmiconfig passes over what is not there or no folder, and stops with an error on a folder it cannot look at (under a file, say).
    let folder
    try {
      folder = statSync(directory)
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT'
    }
    if (!folder.isDirectory()) return false
    return this.places.some((place) => {
      try {
        return statSync(path.join(directory, place), {throwIfNoEntry: false}) !== undefined
      } catch (error) {
        // What cosmiconfig skips as missing is missing; anything else (no permission, a loop of links) is its to judge.
        const code = (error as NodeJS.ErrnoException).code
        return code !== 'ENOENT' && code !== 'ENOTDIR'
      }
    })
  }
}

/** Where cosmiconfig looks for settings of its own in the working folder, besides package.json. */
const OWN_SETTINGS = ['package.yaml', ...['json', 'yaml', 'yml', 'js', 'ts', 'cjs', 'mjs'].map((extension) => `.config/config.${extension}`)]

/**
 * Whether cosmiconfig may have found settings of its own in the working
 * folder (a "cosmiconfig" key in package.json, package.yaml, `.config/config.*`):
 * they can add search places, so the search is then left whole.
 */
export function ownSettingsMayApply(cwd: string): boolean {
  if (OWN_SETTINGS.some((name) => existsSync(path.join(cwd, name)))) return true
  let text: string
  try {
    text = readFileSync(path.join(cwd, 'package.json'), 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
  try {
    const manifest: unknown = JSON.parse(text)
    return typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, 'cosmiconfig')
  } catch {
    // cosmiconfig refuses such a package.json as its finder is made: no search is made at all.
    return true
  }
}
