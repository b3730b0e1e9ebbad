import type {Definition, FootnoteDefinition, Nodes, Root as MdastRoot} from 'mdast'
import type {Root} from 'nlcst'
import type {Position} from 'unist'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visitParents} from 'unist-util-visit-parents'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {blockToNlcst, FILE_START, type PieceStart} from './block-to-nlcst.js'
import {Definitions} from './markdown-definitions.js'
import {markdownCuts} from './markdown-pieces.js'
import {plainParagraphs, type PlainSyntax} from './markdown-plain.js'
import {inPieces} from './paragraph-pieces.js'
import {PIECE_SIZE} from './parse-text.js'
import {shiftedPosition} from './shift.js'
import {markupDirective, type Directive} from './directives.js'

const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()

/** Inside a prose block, these are not prose: code, raw HTML, footnote marks, and links written as their own address. */
const NOT_PROSE = ['inlineCode', 'html', 'footnoteReference', 'autolink', 'inlineMath']
/** The blocks whose text is prose; each becomes one paragraph for the rules. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell'])

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : ''
}

/** `<https://example.com>` and bare GFM links: their text is an address, not prose. */
function markAutolinks(tree: MdastRoot): void {
  visitParents(tree, 'link', (link) => {
    const text = textOf(link)
    if (text === link.url || `mailto:${text}` === link.url || `http://${text}` === link.url) {
      ;(link as {type: string}).type = 'autolink'
    }
  })
}

export interface ParsedMarkdown {
  /** The prose as nlcst trees of about PIECE_SIZE of source each, converted as they are read. */
  pieces: Iterable<Root>
  directives: Directive[]
  /** The text of the prose blocks, joined: what the pieces' leaves hold, known before any is converted. */
  prose: string
}

/**
 * Past this size a Markdown file is parsed in pieces of about this much
 * source: micromark holds the events of all it parses at once (a 3 MB file
 * took 600 MB whole), and parses 64 KB pieces as fast per byte as 3 MB.
 */
export const MARKDOWN_PIECE_SIZE = 64 * 1024
/** Prose blocks are kept from the first pass for this much source; later pieces are parsed again when the rules come to them. */
const KEPT_SOURCE = 4 * 1024 * 1024

/** The blocks mdast-util-to-nlcst leaves out whatever it is told, and those we tell it to. */
const LEFT_OUT = new Set([...NOT_PROSE, 'table', 'tableRow', 'tableCell'])

/** A block's prose as mdast-util-to-nlcst turns it into leaves: text, image descriptions, line breaks. */
function proseOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if (node.type === 'break') return '\n'
  if (!('children' in node)) return ''
  return (node.children as Nodes[]).map((child) => (LEFT_OUT.has(child.type) ? '' : proseOf(child))).join('')
}

/** The blocks' nlcst, converted as the rules come to them. */
function* treesOf(blocks: Iterable<PieceBlock>, doc: string): Generator<Root> {
  const place = location(doc)
  for (const {block, piece} of blocks) yield blockToNlcst(block, doc, place, {ignore: NOT_PROSE}, piece)
}

/** mdast-util-to-nlcst skips table cells whatever it is told, so a cell goes in as a paragraph. */
function asProseBlock(node: Nodes): Nodes {
  return node.type === 'tableCell' ? {type: 'paragraph' as const, children: node.children, position: node.position} : node
}

interface SourcePiece extends PieceStart {
  end: number
}

/** A prose block with positions in the piece it was parsed from. */
interface PieceBlock {
  block: Nodes
  piece: PieceStart
}

interface OwnDefinition {
  definition: Definition | FootnoteDefinition
  offset: number
}

/** The definitions a stretch of the file from `from` to `to` uses and does not define itself, as Markdown to parse it with. */
type DefinitionsFor = (from: number, to: number) => string

const NO_DEFINITIONS: DefinitionsFor = () => ''

interface ReadPiece {
  blocks: PieceBlock[]
  /** Control comments, with positions in the file. */
  directives: Directive[]
  /** The piece's own reference and footnote definitions, with where each starts in the file. */
  definitions: OwnDefinition[]
  /** Whether the piece ends outside any open block: whether the whole file's blocks also part where it ends. */
  closed: boolean
  /** Where in the file the top-level block left open at the piece's end starts, if one is. */
  openFrom?: number
}

/**
 * A paragraph parsed after a piece: found at the top level where it was put,
 * it shows that the piece ends outside any open block (fenced code, HTML);
 * swallowed, that the cut after the piece was not a place to cut.
 */
const SENTINEL = 'copydesk-end-of-piece'

const lineBreaksIn = (text: string) => text.match(/\r\n|\r|\n/gu)?.length ?? 0

/**
 * Parses one piece of the file with the definitions it uses (before it, or
 * after it in the first piece, whose first line may open front matter) and a
 * sentinel paragraph after it. Gives the piece's prose blocks with positions
 * in the parsed text, and where that text starts in the file.
 */
function readByParser(doc: string, piece: SourcePiece, definitionsFor: DefinitionsFor): ReadPiece {
  const definitions = definitionsFor(piece.offset, piece.end)
  const own = doc.slice(piece.offset, piece.end)
  const first = piece.offset === 0
  const before = !first && definitions ? `${definitions}\n\n` : ''
  const after = first && definitions ? `\n\n${SENTINEL}\n\n${definitions}` : `\n\n${SENTINEL}`
  const mdast = markdownParser.parse(before + own + after)
  markAutolinks(mdast)
  const from = before.length
  const to = from + own.length
  const at: PieceStart = {lines: piece.lines - lineBreaksIn(before), offset: piece.offset - from}
  const inPiece = (node: Nodes | undefined): node is Nodes => {
    const offset = node?.position?.start.offset
    return offset !== undefined && offset >= from && offset < to
  }
  // A fence or HTML block left open in a list takes in the blank lines put after the piece, so the list ends
  // past it; in the whole file it ends on the piece's last line.
  const lastLine = lineBreaksIn(before) + lineBreaksIn(own.replace(/(?:\r\n|\r|\n)$/u, '')) + 1
  const linesInFile = (position: Position) => ({start: {line: position.start.line + at.lines}, end: {line: Math.min(position.end.line, lastLine) + at.lines}})
  const sentinel = to + 2
  const read: ReadPiece = {
    blocks: [],
    directives: [],
    definitions: [],
    closed: mdast.children.some((child) => child.type === 'paragraph' && child.position?.start.offset === sentinel),
  }
  if (!read.closed) {
    const open = mdast.children.find((child) => (child.position?.start.offset ?? sentinel) < sentinel && (child.position?.end.offset ?? 0) > sentinel)
    const start = open?.position?.start.offset
    if (start !== undefined && start >= from) read.openFrom = start + at.offset
  }
  visitParents(mdast, (node, ancestors) => {
    if (node.type === 'root') return undefined
    if (!inPiece(node)) return 'skip'
    if (node.type === 'definition' || node.type === 'footnoteDefinition') read.definitions.push({definition: node, offset: (node.position?.start.offset ?? 0) + at.offset})
    if (node.type === 'html') {
      const siblings: readonly Nodes[] = ancestors.at(-1)?.children ?? []
      const next = siblings[siblings.indexOf(node) + 1]
      const inFile = (position: Position) => shiftedPosition(position, at.lines, at.offset)
      const directive = node.position && markupDirective(node.value, inFile(node.position), inPiece(next) && next.position ? linesInFile(next.position) : undefined)
      if (directive) read.directives.push(directive)
      return 'skip'
    }
    if (!PROSE_BLOCKS.has(node.type)) return undefined
    read.blocks.push({block: asProseBlock(node), piece: at})
    return 'skip'
  })
  return read
}

/**
 * Plain stretches shorter than this, right after a run of other stretches, are
 * parsed with it: each parse costs about as much again as 150 characters of
 * a paragraph (micromark took 100 µs for a paragraph of 70 characters, 590 µs
 * for ten), so cutting a run in two for a short paragraph costs more than it
 * saves.
 */
const SHORTEST_PLAIN_AFTER_RUN = 256

/**
 * A run of stretches left to the parser is parsed once it is this long, and
 * the next one starts: in some documents micromark's work grows with the
 * square of what it parses at once (a list item whose fenced code the end of
 * the list closes, again and again: each closing moves every event after
 * it), and 200 KB of those took 20 s in 64 KB pieces. A parse costs about 150
 * characters' worth, a few percent of a run this long.
 */
const LONGEST_RUN = 4 * 1024

/**
 * Reads one piece of the file: its stretches of plain paragraphs are built
 * as they are (see markdown-plain.ts), and the rest is parsed, each run of
 * other stretches on its own (see readByParser), a run of about LONGEST_RUN
 * at most. The stretches are those markdownCuts proposes at every place. A
 * run parsed so must end outside any open block, as its sentinel shows, for
 * the plain paragraphs after it to be at the top level; if one does not, the
 * scanner lost track of a block, and the piece is parsed whole, as it is
 * without `plain`. A run is handed the definitions it uses and does not
 * define itself, as a piece is.
 */
function readPiece(doc: string, piece: SourcePiece, definitions: DefinitionsFor, plain: PlainReading | undefined): ReadPiece {
  if (!plain) return readByParser(doc, piece, definitions)
  const cuts = markdownCuts(doc, 0, piece.offset, piece.end)
  const read: ReadPiece = {blocks: [], directives: [], definitions: [], closed: true}
  /** The run of stretches waiting to be parsed, if one is. */
  let run: SourcePiece | undefined
  /** Parses the waiting run; whether it ends outside any open block. */
  const parseRun = (): boolean => {
    if (!run) return true
    const uses = definitions(run.offset, run.end)
    // A run that uses no definition reads the same in every pass: once parsed, it is not parsed again.
    const memo = uses === '' ? plain.runsWithoutDefinitions : undefined
    const key = `${run.offset}:${run.end}`
    let part = memo?.get(key)
    if (!part) {
      part = readByParser(doc, run, () => uses)
      memo?.set(key, part)
      if (plain.counts) plain.counts.parsedRuns++
    }
    run = undefined
    // A loop, not push(...): a run may hold a table of a million cells.
    for (const block of part.blocks) read.blocks.push(block)
    for (const directive of part.directives) read.directives.push(directive)
    for (const definition of part.definitions) read.definitions.push(definition)
    read.closed = part.closed
    read.openFrom = part.openFrom
    return part.closed
  }
  /** The scanner lost track of a block: the piece is parsed whole. */
  const parsedWhole = () => {
    if (plain.counts) plain.counts.piecesParsedWhole++
    return readByParser(doc, piece, definitions)
  }
  let lines = piece.lines
  for (let index = 0; index < cuts.length - 1; index++) {
    const start = cuts[index] as number
    const end = cuts[index + 1] as number
    // Taken out of a run waiting to be parsed, a short stretch would cost a parse of its own.
    const paragraphs = run && end - start < SHORTEST_PLAIN_AFTER_RUN ? undefined : plainParagraphs(doc, start, end, lines, plain)
    if (paragraphs) {
      if (!parseRun()) return parsedWhole()
      for (const block of paragraphs) read.blocks.push({block, piece: FILE_START})
      if (plain.counts) plain.counts.plainParagraphs += paragraphs.length
    } else if (run && run.end - run.offset < LONGEST_RUN) {
      run.end = end
    } else {
      if (!parseRun()) return parsedWhole()
      run = {offset: start, end, lines}
    }
    lines += lineBreaksIn(doc.slice(start, end))
  }
  parseRun()
  return read
}

/** Times the scanner may be asked again in one file: each asking scans the rest of the file. */
const ASKINGS = 16

/**
 * The file's pieces, parsed, each joined to the ones after it while it ends
 * inside an open block. The first time a piece does, the scanner has lost
 * track of a fence or an HTML block (one opened in a list and closed by its
 * end, say): it is asked again from where the parser says the open block
 * starts, which it then reads from its opening line. Past that, the next
 * cuts are tried one by one, then twice as many each time, so that a run of
 * wrong cuts costs a few parses, not one per cut.
 */
export function* settledPieces(doc: string, size: number, plain?: PlainReading): Generator<{piece: SourcePiece; read: ReadPiece}> {
  let cuts = markdownCuts(doc, size)
  let askings = 0
  let from = 0
  let lines = 0
  while (from < cuts.length - 1) {
    let span = 1
    let to = from + 1
    let piece: SourcePiece = {offset: cuts[from] ?? 0, end: cuts[to] ?? doc.length, lines}
    let read = readPiece(doc, piece, NO_DEFINITIONS, plain)
    let asked = false
    while (!read.closed && to < cuts.length - 1) {
      if (!asked && askings < ASKINGS && read.openFrom !== undefined && read.openFrom > piece.offset) {
        asked = true
        askings++
        const end = piece.end
        cuts = [...cuts.slice(0, from + 1), ...markdownCuts(doc, size, read.openFrom).filter((cut) => cut > end)]
        span = 1
      } else {
        span = span < 4 ? span + 1 : span * 2
      }
      to = Math.min(cuts.length - 1, from + span)
      piece = {...piece, end: cuts[to] ?? doc.length}
      read = readPiece(doc, piece, NO_DEFINITIONS, plain)
    }
    yield {piece, read}
    lines += lineBreaksIn(doc.slice(piece.offset, piece.end))
    from = to
  }
}

/** What happened to the paragraphs read without the parser, for tests and measurements. */
export interface PlainParagraphCounts {
  /** Paragraphs built without the parser. */
  plainParagraphs: number
  /** Runs of other stretches handed to the parser. */
  parsedRuns: number
  /** Pieces parsed whole after all, as a run of their stretches did not end at the top level. */
  piecesParsedWhole: number
}

/** Whether a file's plain paragraphs are read without the parser (none is when absent), and what to count. */
interface PlainReading extends PlainSyntax {
  counts?: PlainParagraphCounts
  /** Runs parsed without definitions, by their span (`offset:end`), for the passes after the first. */
  runsWithoutDefinitions?: Map<string, ReadPiece>
}

export interface MarkdownReadingOptions {
  /** Source per nlcst tree handed to the rules. */
  size?: number
  /** Source per parse, at least. */
  sourceSize?: number
  /** Source whose prose blocks are kept between the two passes. */
  keptSource?: number
  /** Whether paragraphs without Markdown are read without the parser (see markdown-plain.ts); default true. */
  plainParagraphs?: boolean
  counts?: PlainParagraphCounts
}

/**
 * Parses Markdown (with front matter and GFM) and turns only its prose into
 * nlcst: every heading, paragraph and table cell is a paragraph whose
 * positions point into the Markdown file. A large file is parsed in pieces
 * (see markdownCuts), each checked to end where the whole file's blocks part.
 * Its prose and directives are gathered in a first pass, since rules get the
 * whole prose before the first piece; a file in pieces with definitions is
 * read once more, with them. The blocks of the first pieces are kept for the
 * rules; later pieces are parsed again when the rules come to them.
 */
export function parseMarkdown(
  file: VFile,
  {size = PIECE_SIZE, sourceSize = MARKDOWN_PIECE_SIZE, keptSource = KEPT_SOURCE, plainParagraphs = true, counts}: MarkdownReadingOptions = {}
): ParsedMarkdown {
  const doc = String(file)
  // micromark counts offsets from after a byte order mark.
  const mayDefine = doc.includes(']:')
  /**
   * A file that may define labels (it has a label and its colon, `]:`) and fits in one piece is read by the parser
   * alone: its definitions are then its own, and it is read once. Read with plain paragraphs, a reference in one
   * run of the parser might use a definition in another, so the runs that use one are parsed a second time; an
   * article with a reference every few paragraphs took a third longer so.
   */
  const onePieceWithDefinitions = mayDefine && doc.length <= sourceSize
  const plain: PlainReading | undefined =
    plainParagraphs && !doc.startsWith('\uFEFF')
      ? // A file in pieces that may define labels is read twice: its runs are kept between the passes while they are few.
        {counts, noDefinitions: !mayDefine, runsWithoutDefinitions: mayDefine && !onePieceWithDefinitions && doc.length <= keptSource ? new Map() : undefined}
      : undefined
  const firstPass = onePieceWithDefinitions ? undefined : plain
  const definitions = new Definitions()
  const pieces: SourcePiece[] = []
  /** The definitions each piece has of its own: not handed to it again (a glossary of 10,000 would double its parse). */
  const ownDefinitions: OwnDefinition[][] = []
  /** For a stretch of piece `index`, the definitions it uses, less those it defines (at a place inside it). */
  const definitionsIn =
    (index: number): DefinitionsFor =>
    (from, to) => {
      if (definitions.size === 0) return ''
      const own = (ownDefinitions[index] ?? []).filter(({offset}) => offset >= from && offset < to)
      return definitions.for(doc.slice(from, to), new Set(own.map(({definition}) => Definitions.keyOf(definition))))
    }
  const readWithDefinitions = (piece: SourcePiece, index: number) => readPiece(doc, piece, definitionsIn(index), plain)

  let directives: Directive[] = []
  let prose: string[] = []
  const kept: Array<PieceBlock[] | undefined> = []
  const take = (read: ReadPiece, piece: SourcePiece, index: number) => {
    for (const directive of read.directives) directives.push(directive)
    for (const {block} of read.blocks) prose.push(proseOf(block))
    kept[index] = piece.end <= keptSource || (piece.offset === 0 && piece.end === doc.length) ? read.blocks : undefined
  }
  // Pieces are read without definitions first; once one has any, the file is read again with those each piece
  // (or each run of the parser in it) uses, as a reference can come before its definition, and what was taken
  // until then goes. Read by the parser alone, a file in one piece is read once: its definitions are its own.
  let readAgain = false
  for (const {piece, read} of settledPieces(doc, sourceSize, firstPass)) {
    const index = pieces.push(piece) - 1
    for (const {definition} of read.definitions) definitions.add(definition)
    ownDefinitions.push(read.definitions)
    if (readAgain) continue
    take(read, piece, index)
    if (definitions.size > 0 && (firstPass || index > 0 || piece.end < doc.length)) {
      readAgain = true
      kept.length = 0
    }
  }
  if (readAgain) {
    directives = []
    prose = []
    for (const [index, piece] of pieces.entries()) take(readWithDefinitions(piece, index), piece, index)
  }
  // A file whose runs were kept has every piece kept from here on: the runs are not asked for again.
  if (plain) plain.runsWithoutDefinitions = undefined
  function* blocks(): Generator<PieceBlock> {
    for (const [index, piece] of pieces.entries()) {
      const held = kept[index]
      kept[index] = undefined
      yield* held ?? readWithDefinitions(piece, index).blocks
    }
  }
  return {pieces: inPieces(treesOf(blocks(), doc), size), directives, prose: prose.join('\n\n')}
}
