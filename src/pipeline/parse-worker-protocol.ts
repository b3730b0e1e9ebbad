import type {MessagePort} from 'node:worker_threads'

/** What a parse worker is started with (see parse-worker.ts). */
export interface ParseWorkerSetup {
  /** Where the worker sends its replies. */
  replies: MessagePort
  /** Shared with the asking thread: at SIGNAL_REPLIES the replies sent so far, at SIGNAL_READY 1 once the worker takes pieces. */
  signal: Int32Array
}

export const SIGNAL_REPLIES = 0
export const SIGNAL_READY = 1

export interface PieceJob {
  index: number
  text: string
}

/** No `data`: the piece could not be parsed or encoded there, and the asking thread parses it itself. */
export interface PieceReply {
  index: number
  data?: Int32Array
}
