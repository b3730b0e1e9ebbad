import {setFlagsFromString} from 'node:v8'

/**
 * How far past what survived its last full collection V8 lets the old
 * generation grow, in percent. Left to itself, V8 lets it grow up to four
 * times when collections are quick, and parsing a page makes many of them
 * quick: the parse5 tree of a 10 MB HTML page is 200 MB alive, and the
 * pieces converted from it are promoted and die, so the heap reached 1.1 GB
 * with 240 MB alive. At 50 it peaked at 550 MB (a 10 MB Markdown file: 350
 * to 240 MB), in the same time; plain text, whose heap is mostly the young
 * generation, does not change.
 */
const HEAP_GROWING_PERCENT = 50

/** Whether Node was started with its own setting, which then stands. */
function setByUser(execArgv: readonly string[]): boolean {
  return execArgv.some((argument) => /^--?heap[-_]growing[-_]percent(?:=|$)/u.test(argument))
}

/**
 * Caps the old generation's growth for this process and its worker threads,
 * which share V8's flags. Only the command calls it: a program that uses the
 * API keeps its own heap settings. Returns whether the cap was set.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (setByUser(execArgv)) return false
  // V8 reads this flag each time it sets the next limit, so it takes effect in a running process.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  return true
}
