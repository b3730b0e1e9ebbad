// Bundles the compiled sources twice (measured on one article: 0.20 s instead
// of 0.35 s, as Node loads a few dozen files instead of about 270, zod alone 95):
//
// - dist/bundle: the public API (`import … from 'copydesk'`) and its worker, as
//   ES modules;
// - dist/cli: the command and its worker, as CommonJS, which bin/copydesk.js
//   loads with V8's code cache (src/compile-cache.ts; Node 20 caches no ES module).
//
// Within each, entries share their chunks; Markdown, HTML and the rarely used
// loaders stay in lazy chunks. A custom rule loaded by the command imports the
// ES build: rules are plain objects, checked by shape, so either build's work.
const shared = {
  platform: 'node',
  // cosmiconfig loads TypeScript only for a .ts configuration, from the user's own install.
  external: ['typescript', /^node:/],
  // jsonc-parser's `main` is a UMD build whose `require` calls a bundler cannot follow.
  resolve: {mainFields: ['module', 'main']},
}

export default [
  {
    ...shared,
    input: {index: './dist/src/index.js', worker: './dist/src/pipeline/worker.js', 'parse-worker': './dist/src/pipeline/parse-worker.js'},
    // Chunks sit beside the entries: the pools find their workers as `./worker.js` and `./parse-worker.js` next to their own module.
    output: {dir: './dist/bundle', cleanDir: true, format: 'esm', chunkFileNames: '[name]-[hash].js'},
  },
  {
    ...shared,
    input: {cli: './dist/src/cli.js', worker: './dist/src/pipeline/worker.js', 'parse-worker': './dist/src/pipeline/parse-worker.js'},
    output: {dir: './dist/cli', cleanDir: true, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs'},
  },
]
