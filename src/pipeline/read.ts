import {constants, isUtf8} from 'node:buffer'
import {closeSync, fstatSync, openSync, readFileSync, readSync} from 'node:fs'
import {descriptorNamed} from '../descriptor-names.js'

/**
 * A file that cannot be linted as it is: missing, unreadable, binary or not
 * UTF-8. The CLI prints the message as one line and exits with 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** Git's test for binary content: a NUL byte among the first 8000. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0)
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0
    let length: number
    let min: number
    if (lead < 0x80) {
      index++
      continue
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2
      min = 0x80
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3
      min = 0x800
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4
      min = 0x10000
    } else {
      return index
    }
    let codePoint = lead & (0xff >> (length + 1))
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next]
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index
      codePoint = (codePoint << 6) | (byte & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (codePoint < min || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return index
    index += length
  }
  return -1
}

/**
 * The most bytes of text copydesk lints: the most UTF-16 code units a
 * JavaScript string holds (536,870,888 in Node 20). UTF-8 never takes fewer
 * bytes than UTF-16 code units, so text of no more bytes always fits.
 */
const MOST_BYTES = constants.MAX_STRING_LENGTH

function tooLarge(name: string, size: number): InputError {
  return new InputError(`${name}: too large to lint (${Math.round(size / 1e6)} MB; copydesk lints files of up to ${Math.floor(MOST_BYTES / 1e6)} MB)`)
}

/** Drops a byte order mark (`ignoreBOM: false`), keeps everything else. */
const utf8 = new TextDecoder('utf-8', {ignoreBOM: false})

/**
 * Refuses bytes that are not UTF-8 text: UTF-16, binary content, malformed
 * sequences. Bytes that pass decode without fault.
 */
export function checkText(bytes: Uint8Array, name: string): void {
  if (bytes.length > MOST_BYTES) throw tooLarge(name, bytes.length)
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${name}: UTF-16 text is not supported, save the file as UTF-8`)
  }
  if (looksBinary(bytes)) throw new InputError(`${name}: binary file (it holds NUL bytes), not text`)
  // Node's own check is native and fast; the byte-by-byte scan only runs to say where a bad file goes wrong.
  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes)
  if (invalid !== -1) {
    const line = bytes.subarray(0, invalid).filter((byte) => byte === 0x0a).length + 1
    throw new InputError(`${name}: invalid UTF-8 at line ${line} (byte ${invalid}), save the file as UTF-8`)
  }
}

/** The text of bytes `checkText` let through: a byte order mark is dropped, line endings are kept as they are. */
export function decodeCheckedText(bytes: Uint8Array): string {
  return utf8.decode(bytes)
}

/** Decodes a file's bytes as UTF-8 text, refusing anything that is not UTF-8 text. */
export function decodeText(bytes: Uint8Array, name: string): string {
  checkText(bytes, name)
  return decodeCheckedText(bytes)
}

/** A failure to read `name` as the one line the CLI prints. */
function readError(error: unknown, name: string): InputError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new InputError(`${name}: no such file or folder`)
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`${name}: permission denied`)
  if (code === 'EISDIR') return new InputError(`${name}: is a folder`)
  return new InputError(`${name}: cannot be read (${code ?? (error as Error).message})`)
}

/**
 * Reads one file's bytes; every failure is an InputError naming the file.
 * Synchronously: the command has nothing else to do meanwhile (workers load
 * in their own threads), and each asynchronous read is a round trip through
 * libuv's thread pool. Measured on 2,000 articles in a fresh process: 30 ms,
 * against 80 to 110 ms with `fs.readFile` and its callback, and 150 ms with
 * `fs.promises.readFile`.
 */
export function readBytes(file: string, name: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    throw readError(error, name)
  }
}

/**
 * Reads files one after the other into one buffer, as `readBytes` would, for
 * a look at each that keeps nothing: checking 20,000 articles read each into
 * a buffer of its own peaked at 80 MB instead of 60, and took a third longer
 * (freed buffers wait for a collection, and the allocator keeps what they
 * leave). The text that is linted is read with `readBytes`: a view that the
 * next read overwrites is no place to keep it.
 */
export class FileReader {
  #buffer = Buffer.allocUnsafe(64 * 1024)

  /**
   * The bytes of `file`: a view that the next read overwrites. `regular` says
   * whether they can be read again: a pipe, a FIFO or `/dev/stdin` gives its
   * bytes once.
   */
  read(file: string, name: string): {bytes: Uint8Array; regular: boolean} {
    let descriptor: number | undefined
    try {
      descriptor = openSync(file, 'r')
      const stats = fstatSync(descriptor)
      // A name of a descriptor the process has is read once, as a pipe is (see descriptorNamed).
      const regular = stats.isFile() && descriptorNamed(file) === undefined
      const {size} = stats
      // Refused before it is read: reading 600 MB to fail at decoding took 7 s and 1.2 GB.
      if (regular && size > MOST_BYTES) throw tooLarge(name, size)
      // One byte more than the size: the end of the file is seen without a second buffer.
      if (size >= this.#buffer.length) this.#buffer = Buffer.allocUnsafe(size + 1)
      // Up to the end of the file, which may have grown since it was measured (and a pipe has no size at all).
      for (let length = 0; ; ) {
        if (length === this.#buffer.length) return {bytes: Buffer.concat([this.#buffer, readFileSync(descriptor)]), regular}
        const got = readSync(descriptor, this.#buffer, length, this.#buffer.length - length, null)
        if (got === 0) return {bytes: this.#buffer.subarray(0, length), regular}
        length += got
      }
    } catch (error) {
      throw error instanceof InputError ? error : readError(error, name)
    } finally {
      if (descriptor !== undefined) closeSync(descriptor)
    }
  }
}
