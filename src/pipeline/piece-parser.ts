import type {Root, SentenceContent} from 'nlcst'
import type {Point} from 'unist'
import {EnglishParser} from './english-parser.js'

/**
 * The English parser (english-parser.ts) for a piece of a file that starts at a line start: the tree
 * comes out with the positions it has in the file. parse-latin makes every
 * point in `tokenize`, and its later steps only hand those points on to the
 * sentences and paragraphs built over them, so the points are moved there,
 * once each, while they are few and fresh. Moving a finished tree meant
 * making new points for every node: a tenth of the run on a 10 MB file.
 */
class PieceParser extends EnglishParser {
  constructor(
    private readonly lines: number,
    private readonly offset: number
  ) {
    super()
  }

  override tokenize(value?: string | null): SentenceContent[] {
    const children = super.tokenize(value)
    const move = (point: Point) => {
      point.line += this.lines
      if (point.offset !== undefined) point.offset += this.offset
    }
    for (const child of children) {
      const position = child.position
      if (!position) continue
      move(position.start)
      move(position.end)
      // A word and its text share their start point; their end points are apart. Move each object once whichever they share.
      if (child.type !== 'WordNode') continue
      for (const part of child.children) {
        if (!part.position) continue
        if (part.position.start !== position.start && part.position.start !== position.end) move(part.position.start)
        if (part.position.end !== position.end && part.position.end !== position.start) move(part.position.end)
      }
    }
    return children
  }
}

/** Parses a piece that starts at a line start, `lines` lines and `offset` characters into its file. */
export function parsePiece(piece: string, lines: number, offset: number): Root {
  return new PieceParser(lines, offset).parse(piece)
}
