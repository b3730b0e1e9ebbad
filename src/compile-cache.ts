/**
 * Loads the command's CommonJS bundle with V8's code cache, so that a run
 * does not parse and compile copydesk's JavaScript afresh: measured on one
 * article on 2 cores, 0.17 s instead of 0.21 s (`node -e 0` takes 0.08 s).
 *
 * Node 22 does this itself (`module.enableCompileCache`); Node 20 does not, so
 * here each file of the bundle is compiled as a `vm.Script` with the cached
 * data of its last run, and the data of files compiled without it are written
 * when the process exits. `v8-compile-cache` does the same for every module;
 * neither can give the scripts a loader for `import()`, which Node 20 allows
 * only behind an experimental flag (and loses with cached data), so copydesk
 * imports ES-module configurations and plugins through the bin's own
 * `import()` (import-module.ts).
 *
 * The cache sits in the system's temporary folder, in a folder of the user's
 * own (mode 700, and it must be theirs), one file per bundle file named by a
 * hash of its content: a new build never meets old data. V8 checks the data
 * against the source and its own version, and data it rejects is rewritten.
 * `COPYDESK_COMPILE_CACHE=off` loads without the cache; a folder path puts
 * the cache there.
 */
import {createHash} from 'node:crypto'
import {chmodSync, lstatSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import Module, {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import vm from 'node:vm'
import {makeFolders} from './make-folders.js'

/** What Node's loader gives each CommonJS module, and the one method of it this file replaces. */
interface LoadedModule {
  exports: unknown
  _compile(content: string, filename: string, ...rest: unknown[]): unknown
}

function cacheFolder(setting: string | undefined): string | undefined {
  if (setting === 'off' || setting === '0') return undefined
  try {
    // A folder the user names is theirs to keep safe.
    if (setting !== undefined) {
      makeFolders(setting)
      return setting
    }
    const uid = process.getuid?.()
    const folder = path.join(tmpdir(), `copydesk-compile-cache-${uid ?? 'user'}`)
    makeFolders(folder, 0o700)
    // In a shared temporary folder another user could have made it first, or a link, and planted data: code would run as this user.
    const stat = lstatSync(folder)
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) return undefined
    if ((stat.mode & 0o077) !== 0) chmodSync(folder, 0o700)
    return folder
  } catch {
    return undefined
  }
}

/**
 * `require`s a CommonJS file, the files under `root` compiled with the code
 * cache. Only those: other modules (a user's plugin) load as Node loads them.
 */
export function requireWithCompileCache(entry: URL, root: URL): unknown {
  const file = fileURLToPath(entry)
  const require = createRequire(file)
  const folder = cacheFolder(process.env.COPYDESK_COMPILE_CACHE)
  if (folder === undefined) return require(file)
  // Node 22 caches every module itself, ES modules included.
  const {enableCompileCache} = Module as unknown as {enableCompileCache?: (directory: string) => unknown}
  if (enableCompileCache) {
    enableCompileCache(folder)
    return require(file)
  }

  const bundle = fileURLToPath(root)
  const prototype = (Module as unknown as {prototype: LoadedModule}).prototype
  const compile = prototype._compile
  const fresh: Array<{script: vm.Script; cacheFile: string}> = []
  prototype._compile = function (this: LoadedModule, content: string, filename: string, ...rest: unknown[]): unknown {
    // Whatever else Node passes (the module's format, on later versions) goes on to Node's own compile.
    if (!filename.startsWith(bundle)) return compile.call(this, content, filename, ...rest)
    const cacheFile = path.join(folder, createHash('sha256').update(filename).update('\0').update(content).digest('hex').slice(0, 40))
    let cachedData: Buffer | undefined
    try {
      cachedData = readFileSync(cacheFile)
    } catch {
      // Not cached yet: compiled without, and written at exit.
    }
    const script = new vm.Script(Module.wrap(content), {filename, cachedData})
    if (cachedData === undefined || script.cachedDataRejected === true) fresh.push({script, cacheFile})
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: LoadedModule, filename: string, dirname: string) => unknown
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename))
  }

  // At exit the data holds the functions the run compiled as well, not only the top level.
  process.once('exit', () => {
    for (const {script, cacheFile} of fresh) {
      try {
        const temporary = `${cacheFile}.${process.pid}`
        writeFileSync(temporary, script.createCachedData())
        renameSync(temporary, cacheFile)
      } catch {
        // A cache that cannot be written costs the next run time, never this run its result.
      }
    }
  })
  return require(file)
}
