import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

interface Manifest {
  version: string
  homepage?: string | undefined
}

let known: Manifest | undefined

/** copydesk's package.json, found upwards from src/ (tests), dist/src/ or dist/bundle/ (the installed command). */
function manifest(): Manifest {
  if (known) return known
  let folder = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    try {
      const found = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {name?: string; version?: string; homepage?: unknown}
      if (found.name === 'copydesk') {
        return (known = {version: found.version ?? 'unknown', homepage: typeof found.homepage === 'string' ? found.homepage : undefined})
      }
    } catch {
      // Not here: look further up.
    }
    const parent = path.dirname(folder)
    if (parent === folder) return (known = {version: 'unknown'})
    folder = parent
  }
}

/** copydesk's version from its package.json. */
export function version(): string {
  return manifest().version
}

/** The `homepage` of copydesk's package.json, where its documentation lives, if it has one. */
export function homepage(): string | undefined {
  return manifest().homepage
}
