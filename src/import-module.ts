/** Where bin/copydesk.js lends the command its own `import()`. */
export const LENT_IMPORT = Symbol.for('copydesk.import')

type Importer = (url: string) => Promise<unknown>

/**
 * Loads an ES module (a configuration, a plugin) by its absolute URL. The
 * command's CommonJS bundle is compiled through the code cache
 * (compile-cache.ts) as scripts that, on Node 20, have no loader for
 * `import()`: the bin lends its own, and everything else imports directly.
 */
export function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as {[LENT_IMPORT]?: Importer})[LENT_IMPORT]
  return lent ? lent(url) : import(url)
}
