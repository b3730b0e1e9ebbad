#!/usr/bin/env node
import {requireWithCompileCache} from '../dist/src/compile-cache.js'
import {LENT_IMPORT} from '../dist/src/import-module.js'
import {limitHeapGrowth} from '../dist/src/heap-growth.js'

limitHeapGrowth()

// The bundle, compiled through the code cache, imports configurations and plugins with this module's import().
globalThis[LENT_IMPORT] = (url) => import(url)
const {main} = requireWithCompileCache(new URL('../dist/cli/cli.cjs', import.meta.url), new URL('../dist/cli/', import.meta.url))
process.exitCode = await main(process.argv.slice(2))
