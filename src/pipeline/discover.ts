import {stat} from 'node:fs/promises'
import path from 'node:path'
import {InputError} from './read.js'

/** Extensions of the files taken when walking a folder, unless the configuration's `extensions` says otherwise. */
export const TEXT_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'html', 'htm']

/** Folders never walked into: dependencies and version-control data are not drafts. */
const NEVER_WALKED = ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**']

export interface FoundFile {
  /** Absolute path. */
  path: string
  /** Named on the command line by itself, not found in a folder or by a glob. */
  explicit: boolean
}

async function kindOf(target: string): Promise<'file' | 'folder' | undefined> {
  try {
    const info = await stat(target)
    return info.isDirectory() ? 'folder' : 'file'
  } catch {
    return undefined
  }
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/')
}

/**
 * The files the command line names: files as they are, folders walked for text
 * files, globs expanded; in command-line order, each folder's files sorted.
 * A name that matches nothing is an error, as in ESLint.
 */
export async function discoverFiles(targets: readonly string[], cwd: string, extensions: readonly string[] = TEXT_EXTENSIONS): Promise<FoundFile[]> {
  const walked = extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`
  const found = new Map<string, FoundFile>()
  const add = (file: string, explicit: boolean) => {
    const previous = found.get(file)
    found.set(file, {path: file, explicit: explicit || (previous?.explicit ?? false)})
  }

  // Loaded here rather than at start-up: linting one named file needs no globbing.
  const globbing = () => import('tinyglobby')
  for (const target of targets) {
    const absolute = path.resolve(cwd, target)
    const kind = await kindOf(absolute)
    if (kind === 'file') {
      add(absolute, true)
    } else if (kind === 'folder') {
      const {glob} = await globbing()
      const files = await glob(walked, {cwd: absolute, absolute: true, dot: false, ignore: NEVER_WALKED, caseSensitiveMatch: false, followSymbolicLinks: false})
      if (files.length === 0) {
        throw new InputError(`${target}: no text files in this folder (looked for ${extensions.map((extension) => `.${extension}`).join(', ')})`)
      }
      for (const file of files.map((file) => path.resolve(file)).sort()) add(file, false)
    } else if ((await globbing()).isDynamicPattern(target)) {
      const {glob} = await globbing()
      const files = await glob(toPosix(target), {cwd, absolute: true, dot: false, ignore: NEVER_WALKED, followSymbolicLinks: false})
      if (files.length === 0) throw new InputError(`${target}: no files match this pattern`)
      for (const file of files.map((file) => path.resolve(file)).sort()) add(file, false)
    } else {
      throw new InputError(`${target}: no such file or folder`)
    }
  }
  return [...found.values()]
}
