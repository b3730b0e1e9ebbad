/** A generator of numbers in [0, 1), the same for the same seed on every machine. */
export function seededRandom(seed: number): () => number
