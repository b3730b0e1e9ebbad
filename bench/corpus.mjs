// Deterministic corpora for the benchmark, built from the repository's fixtures.
// The same options give the same bytes on every machine, so results from two
// machines (or two commits) measure the same text.
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {seededRandom} from './seeded-random.mjs'

function textFiles(folder) {
  return readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.txt'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

// Every paragraph of every fixture, in a stable order. Line endings are made
// LF and the BOM dropped: a BOM or CRLF in the middle of a generated file is
// not something a real draft has.
export function paragraphPool(fixturesFolder) {
  const pool = []
  for (const file of textFiles(fixturesFolder)) {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')
    for (const paragraph of text.split(/\n{2,}/)) {
      if (paragraph.trim()) pool.push(paragraph.trim())
    }
  }
  if (pool.length === 0) throw new Error(`no paragraphs in ${fixturesFolder}`)
  return pool
}

// One article: a numbered headline, then paragraphs taken in turn from a
// rotating start point, with an occasional paragraph from anywhere, until the
// article reaches its target size. Targets spread between 0.6 and 1.4 times
// the mean so that file sizes vary as real articles do.
function article(pool, index, meanBytes, random) {
  const target = meanBytes * (0.6 + 0.8 * random())
  const parts = [`Dispatch ${index + 1}: from the desk`]
  let size = parts[0].length
  let next = (index * 7) % pool.length
  while (size < target) {
    const paragraph = random() < 0.25 ? pool[Math.floor(random() * pool.length)] : pool[next++ % pool.length]
    parts.push(paragraph)
    size += Buffer.byteLength(paragraph) + 2
  }
  return parts.join('\n\n') + '\n'
}

export function articles(pool, count, meanBytes, seed) {
  const random = seededRandom(seed)
  return Array.from({length: count}, (_, index) => article(pool, index, meanBytes, random))
}

// Writes files named 0001.txt, 0002.txt, ... (or another extension) and returns their total size.
export function writeCorpus(folder, texts, extension = '.txt') {
  mkdirSync(folder, {recursive: true})
  const width = String(texts.length).length
  let bytes = 0
  texts.forEach((text, index) => {
    writeFileSync(path.join(folder, `${String(index + 1).padStart(width, '0')}${extension}`), text)
    bytes += Buffer.byteLength(text)
  })
  return {folder, files: texts.length, bytes}
}

// One long file made of articles, for the parser's and the rules' behaviour on
// large input (an archive export, a book).
export function bigText(pool, bytes, seed) {
  const random = seededRandom(seed)
  const parts = []
  let size = 0
  for (let index = 0; size < bytes; index++) {
    const text = article(pool, index, 5500, random)
    parts.push(text)
    size += Buffer.byteLength(text) + 1
  }
  return parts.join('\n')
}

// The same text as an HTML page: each paragraph a `<p>`, its `&` and `<` escaped,
// inside one `<article>`, as a CMS export puts a long text.
export function asHtmlPage(text) {
  const escape = (paragraph) => paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== '')
  return `<!doctype html>\n<html><head><title>Archive</title></head><body><article>\n${paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}\n</article></body></html>\n`
}
