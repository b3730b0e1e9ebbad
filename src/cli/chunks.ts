import type {Chunk} from '../report/writer.js'

/**
 * Chunks of output as one write: a string when they are all text, else the
 * UTF-8 bytes of them all (a rendering kept by the cache is never decoded).
 */
export function joinChunks(chunks: readonly Chunk[]): string | Buffer {
  if (chunks.every((chunk): chunk is string => typeof chunk === 'string')) return chunks.join('')
  return Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)))
}
