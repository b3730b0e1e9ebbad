/** FNV-1a over a string: a stable, dependency-free hash for spreading files over shards. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

export interface Shard {
  /** 1-based, as CI matrices count. */
  index: number
  count: number
}

/** Reads `K/N`; undefined when it is not a shard. */
export function parseShard(value: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/u.exec(value)
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return count >= 1 && index >= 1 && index <= count ? {index, count} : undefined
}

/**
 * Whether a file belongs to a shard: decided by its path relative to the
 * working folder alone, so the split does not depend on the order files are
 * found in, and every machine of a CI matrix agrees.
 */
export function inShard(relativePath: string, shard: Shard): boolean {
  return fnv1a(relativePath.split('\\').join('/')) % shard.count === shard.index - 1
}
