/**
 * A worker thread that parses pieces of a large plain text for the thread
 * running the rules, and sends each tree back as numbers (see tree-codec.ts)
 * on the port it was given, where that thread picks them up without a turn
 * of its event loop. It loads the English parser only.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {SIGNAL_READY, SIGNAL_REPLIES, type ParseWorkerSetup, type PieceJob, type PieceReply} from './parse-worker-protocol.js'
import {EnglishParser} from './english-parser.js'
import {encodeTree} from './tree-codec.js'

const {replies, signal} = workerData as ParseWorkerSetup

parentPort?.on('message', ({index, text}: PieceJob) => {
  let data: Int32Array | undefined
  try {
    data = encodeTree(new EnglishParser().parse(text), text)
  } catch {
    data = undefined
  }
  // The numbers move to the other thread rather than being copied; encodeTree makes them in an ArrayBuffer of their own.
  replies.postMessage({index, data} satisfies PieceReply, data ? [data.buffer as ArrayBuffer] : [])
  Atomics.add(signal, SIGNAL_REPLIES, 1)
  Atomics.notify(signal, SIGNAL_REPLIES)
})
Atomics.store(signal, SIGNAL_READY, 1)
Atomics.notify(signal, SIGNAL_READY)
