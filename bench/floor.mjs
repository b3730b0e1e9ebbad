// The floor: parse every .txt file under the given paths with retext-english
// and nothing else, in one process on one core. No retext-based linter can be
// faster than this on the same bytes, so copydesk's throughput is reported as
// a fraction of it.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import retextEnglish from 'retext-english'
import {unified} from 'unified'

const processor = unified().use(retextEnglish).freeze()

function* files(target) {
  if (!statSync(target).isDirectory()) return yield target
  for (const name of readdirSync(target).sort()) {
    if (name.endsWith('.txt')) yield path.join(target, name)
  }
}

for (const target of process.argv.slice(2)) {
  for (const file of files(target)) processor.parse(readFileSync(file, 'utf8'))
}
