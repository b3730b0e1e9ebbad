/**
 * JSON laid out as `JSON.stringify(value, null, 2)` lays it out, made piece by
 * piece, so that a report of 40,000 problems is never one string: the
 * document's frame is stringified whole with one of its arrays left empty,
 * and that array's items are laid out apart and go where the frame has `[]`.
 * JSON strings hold no raw line break, so indenting an item's lines cannot
 * reach inside a string; and quotes inside strings are escaped, so the
 * frame's `"key": []` is only ever the key's own.
 */

/** The frame's text before and after the `[]` of its array under `key`. */
export function aroundArray(frame: string, key: string): [string, string] {
  const marker = `"${key}": []`
  const at = frame.lastIndexOf(marker) + marker.length - 2
  return [frame.slice(0, at), frame.slice(at + 2)]
}

/** An item of an array whose brackets sit at `depth`, after the array's `[` (the first item) or a comma. */
export function arrayItem(value: unknown, depth: number, first: boolean): string {
  const indent = `\n${'  '.repeat(depth + 1)}`
  return (first ? '[' : ',') + indent + JSON.stringify(value, null, 2).replaceAll('\n', indent)
}

/** What closes an array at `depth` after its items (an array without any is `[]`). */
export function arrayEnd(depth: number): string {
  return `\n${'  '.repeat(depth)}]`
}
