// Preloaded with `node --import` into every timed process: at exit it writes the
// process's peak resident set size (getrusage's maxrss, in KiB, which counts
// worker threads too) to the file named by BENCH_RSS_FILE. One method for every
// tool, and it needs neither GNU time nor polling /proc before the process ends.
import {writeFileSync} from 'node:fs'
import {isMainThread} from 'node:worker_threads'

const file = process.env.BENCH_RSS_FILE
// Workers inherit --import; only the main thread, which exits last, writes.
if (file && isMainThread) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))
}
