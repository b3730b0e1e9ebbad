/** Edit distance between two short strings (Levenshtein, two rows). */
function distance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The candidate closest to a mistyped name, when it is close enough to be a
 * likely typo (or the candidate starts with what was typed: `warn` → `warning`).
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const prefix = typed.length >= 3 && (candidate.startsWith(typed) || typed.startsWith(candidate))
    const value = prefix ? 1 : distance(typed.toLowerCase(), candidate.toLowerCase())
    if (value < bestDistance) {
      best = candidate
      bestDistance = value
    }
  }
  // Short words are close to everything: `fr` is two edits from `en` and no typo of it.
  const tolerance = Math.max(1, Math.floor(typed.length / 3))
  return bestDistance <= tolerance ? best : undefined
}

/** `(did you mean "x"?)`, or an empty string. */
export function hint(typed: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(typed, candidates)
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`
}
