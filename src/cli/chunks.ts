import type {Chunk} from '../report/writer.js'

/** Whether `next` starts in memory where `bytes` ends. */
const follows = (bytes: Uint8Array, next: Uint8Array) => bytes.buffer === next.buffer && bytes.byteOffset + bytes.byteLength === next.byteOffset

/**
 * Chunks of output as one write: a string when they are all text, else the
 * UTF-8 bytes of them all (a rendering kept by the cache is never decoded).
 * Renderings replayed one after the other lie side by side in what was read
 * of the cache: they are written from there as they lie, not copied (copying
 * them was an eighth of a warm run over 2,000 files).
 */
export function joinChunks(chunks: readonly Chunk[]): string | Uint8Array {
  if (chunks.every((chunk): chunk is string => typeof chunk === 'string')) return chunks.join('')
  const runs: Uint8Array[] = []
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    const last = runs.at(-1)
    if (last && follows(last, bytes)) runs[runs.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.byteLength + bytes.byteLength)
    else runs.push(bytes)
  }
  return runs.length === 1 ? (runs[0] as Uint8Array) : Buffer.concat(runs)
}
