import path from 'node:path'
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {Directive} from './directives.js'
import './markup-residue.js'
import {parsePlainText} from './parse-text.js'

import type {DocumentType} from '../rule.js'

export type {DocumentType} from '../rule.js'

const TYPES_BY_EXTENSION: Readonly<Record<string, DocumentType>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.mkd': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
}

/** Chosen by extension; anything else, named explicitly, is read as plain text. */
export function documentTypeOf(file: string): DocumentType {
  return TYPES_BY_EXTENSION[path.extname(file).toLowerCase()] ?? 'text'
}

export interface ParsedDocument {
  /** Trees in document order: one per piece of a large file. */
  pieces: Iterable<Root>
  directives: Directive[]
  /** For plain text, the text the trees were parsed from. */
  prose?: string
  /** For Markdown and HTML, the text of the prose blocks, joined. */
  markupProse?: string
}

/**
 * Parses a file's prose into an nlcst tree whose positions point into the
 * file. Markdown and HTML parsers load only when such a file comes along, so
 * linting plain text starts fast. A large plain text is parsed on up to
 * `threads` threads.
 */
export async function parseDocument(file: VFile, type: DocumentType, threads = 1): Promise<ParsedDocument> {
  if (type === 'markdown') {
    const {parseMarkdown} = await import('./parse-markdown.js')
    const parsed = parseMarkdown(file)
    return {pieces: parsed.pieces, directives: parsed.directives, markupProse: parsed.prose}
  }
  if (type === 'html') {
    const {parseHtml} = await import('./parse-html.js')
    const parsed = parseHtml(file)
    file.data.markupResidue = parsed.residue
    return {pieces: parsed.pieces, directives: parsed.directives, markupProse: parsed.prose}
  }
  return parsePlainText(String(file.value), threads)
}
