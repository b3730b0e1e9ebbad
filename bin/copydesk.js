#!/usr/bin/env node
import {requireWithCompileCache} from '../dist/src/compile-cache.js'
import {LENT_IMPORT} from '../dist/src/import-module.js'
import {limitHeapGrowth} from '../dist/src/heap-growth.js'

limitHeapGrowth()

// An error nothing catches (a rejected promise nothing waits for comes here too) is a failure of the run, said in
// one line with exit code 2 like any other: Node would print a stack trace and exit with 1, which reads as
// "problems found". cosmiconfig, reading its own settings as its finder is made, loads a broken
// `.config/config.js` in the working folder without waiting for it so.
process.on('uncaughtException', (error) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`copydesk: unexpected error: ${message.split('\n')[0]}\n`)
  process.exit(2)
})

// The bundle, compiled through the code cache, imports configurations and plugins with this module's import().
globalThis[LENT_IMPORT] = (url) => import(url)
const {main} = requireWithCompileCache(new URL('../dist/cli/cli.cjs', import.meta.url), new URL('../dist/cli/', import.meta.url))
process.exitCode = await main(process.argv.slice(2))
