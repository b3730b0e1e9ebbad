import type {Root} from 'nlcst'
import retextEnglish from 'retext-english'
import {unified} from 'unified'
import type {VFile} from 'vfile'

const englishParser = unified().use(retextEnglish).freeze()

/** Parses plain English text into an nlcst tree whose positions point into the file. */
export function parsePlainText(file: VFile): Root {
  return englishParser.parse(file)
}
