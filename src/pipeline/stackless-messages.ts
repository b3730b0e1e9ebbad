import type {VFile} from 'vfile'

/**
 * Makes `file.message()` skip capturing a stack trace. VFileMessage extends
 * Error, so each message paid for a trace of the rule's call stack, which its
 * constructor then overwrites with `''`: a tenth of the run on files with many
 * problems, for nothing. Messages that wrap a cause keep that cause's stack.
 */
export function withStacklessMessages(file: VFile): VFile {
  const message = file.message.bind(file)
  file.message = ((...parameters: Parameters<VFile['message']>) => {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      return message(...parameters)
    } finally {
      Error.stackTraceLimit = limit
    }
  }) as VFile['message']
  return file
}
