import {DANGLING_LINK} from '../make-folders.js'
import {writeAtomically, type WriteContent} from '../write-atomically.js'

/** The report could not be written where `--output-file` asked: exit code 2, one line on stderr. */
export class OutputError extends Error {}

/** The reader of `-o /dev/stdout` went away: the command stops quietly, as it does when its standard output closes. */
export class BrokenPipeError extends Error {}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a folder on its path is a file',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many levels of symbolic links',
  ENXIO: 'not a file, a pipe or a device',
  // A folder that exists and takes no new file or folder (/proc): the system's words would name our temporary file.
  ENOENT: 'no file can be made there',
  [DANGLING_LINK]: 'a link on its path leads to nothing',
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return (code !== undefined ? REASONS[code] : undefined) ?? (error instanceof Error ? error.message : String(error))
}

/**
 * Writes the report to a file, creating its folder as ESLint does. The text goes
 * to a temporary file beside it first and is renamed into place, so a reader (a
 * CI upload step) never sees half a report, and a failed run leaves the old one.
 */
export async function writeReport(file: string, content: WriteContent, shownAs: string): Promise<void> {
  try {
    await writeAtomically(file, content)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new BrokenPipeError(shownAs)
    throw new OutputError(`cannot write the report to ${shownAs}: ${reasonOf(error)}`)
  }
}
