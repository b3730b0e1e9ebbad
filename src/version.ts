import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

let known: string | undefined

/** copydesk's version from its package.json, found from src/ (tests) or dist/src/ (the installed command). */
export function version(): string {
  if (known) return known
  let folder = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {name?: string; version?: string}
      if (manifest.name === 'copydesk') return (known = manifest.version ?? 'unknown')
    } catch {
      // Not here: look further up.
    }
    const parent = path.dirname(folder)
    if (parent === folder) return (known = 'unknown')
    folder = parent
  }
}
