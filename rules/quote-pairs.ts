import type {Paragraph, Root} from 'nlcst'
import type {Node} from 'unist'
import {defineRule, type Place, type Point} from '../src/rule.js'
import {forEachOfType} from '../src/walk.js'

/** One quotation mark found in a paragraph, with the characters around it. */
interface Mark {
  char: string
  place: Place
  before: string
  after: string
}

interface Family {
  open: string
  close: string
  /** The English mark expected instead, for marks of other languages. */
  english?: {open: string; close: string}
}

const DOUBLE: Family = {open: '“', close: '”'}
const SINGLE: Family = {open: '‘', close: '’'}
const STRAIGHT: Family = {open: '"', close: '"'}
const GUILLEMET: Family = {open: '«', close: '»', english: DOUBLE}
const SINGLE_GUILLEMET: Family = {open: '‹', close: '›', english: SINGLE}

interface Open {
  family: Family
  mark: Mark
}

/** Straight single quotes are left out: nearly all of them are apostrophes. */
const QUOTE_CHARACTERS = new Set(['“', '”', '‘', '’', '"', '«', '»', '‹', '›'])

const isWordCharacter = (char: string) => /[\p{L}\p{N}]/u.test(char)
const isSpace = (char: string) => char === '' || /\s/u.test(char)
/** Whether a mark is placed where a quotation ends: before a space, punctuation or the end. */
const looksClosing = (mark: Mark) => isSpace(mark.after) || /[,.;:!?)\]}…”’»›"]/u.test(mark.after)
/** Whether a mark is placed where a quotation starts: after a space or an opening bracket, before a word. */
const looksOpening = (mark: Mark) =>
  (isSpace(mark.before) || /[([{—–]/u.test(mark.before)) && !isSpace(mark.after)
const at = (point: Point) => `${point.line}:${point.column}`
/** Quotations in curly double marks or guillemets are one kind of quotation for pairing. */
const isDoubleKind = (family: Family) => family === DOUBLE || family === GUILLEMET || family === STRAIGHT
const isSingleKind = (family: Family) => family === SINGLE || family === SINGLE_GUILLEMET

/** A text leaf of the tree, with its place. */
interface Leaf {
  value: string
  position: {start: Point; end: Point}
}

/** The text leaves of a node, in order; a plain recursion, as this runs over every word of the file. The nodes themselves: no copy is made. */
function leavesOf(node: Node, leaves: Leaf[] = []): Leaf[] {
  if ('value' in node && typeof node.value === 'string') {
    if (node.position) leaves.push(node as Leaf)
  } else if ('children' in node) {
    for (const child of node.children as Node[]) leavesOf(child, leaves)
  }
  return leaves
}

const ANY_QUOTE = /[“”‘’"«»‹›]/u

function marksOf(paragraph: Paragraph): Mark[] {
  const leaves = leavesOf(paragraph)
  const marks: Mark[] = []
  leaves.forEach((leaf, leafIndex) => {
    if (!ANY_QUOTE.test(leaf.value)) return
    for (let index = 0; index < leaf.value.length; index++) {
      const char = leaf.value.charAt(index)
      if (!QUOTE_CHARACTERS.has(char)) continue
      const previousLeaf = leaves[leafIndex - 1]?.value ?? ''
      const nextLeaf = leaves[leafIndex + 1]?.value ?? ''
      // Quotation marks never sit in a leaf that holds a line break, so the column is the leaf's plus the index.
      const start: Point = {
        line: leaf.position.start.line,
        column: leaf.position.start.column + index,
        offset: leaf.position.start.offset === undefined ? undefined : leaf.position.start.offset + index,
      }
      // A mark alone in its leaf ends where the leaf does: in markup it may be written `&raquo;`.
      const end: Point =
        leaf.value.length === 1 ? leaf.position.end : {...start, column: start.column + 1, offset: start.offset === undefined ? undefined : start.offset + 1}
      marks.push({
        char,
        place: {start, end},
        before: index > 0 ? leaf.value.charAt(index - 1) : previousLeaf.charAt(previousLeaf.length - 1),
        after: index + 1 < leaf.value.length ? leaf.value.charAt(index + 1) : nextLeaf.charAt(0),
      })
    }
  })
  return marks
}

/** The first character of a paragraph's text. */
function firstCharacterOf(node: Node | undefined): string {
  if (!node) return ''
  if ('value' in node && typeof node.value === 'string') return node.value.charAt(0)
  for (const child of 'children' in node ? (node.children as Node[]) : []) {
    const first = firstCharacterOf(child)
    if (first !== '') return first
  }
  return ''
}

export default defineRule({
  id: 'quote-pairs',
  summary: 'Quotation marks that do not pair up within a paragraph, or marks of another language.',
  why: 'Translated drafts keep the quotation marks of their source (`« »`) or close an English quotation with the French `»`; a reader loses track of who is speaking.',
  severity: 'error',
  fixable: true,
  messages: {
    mismatched: (data: {found: string; opener: string; at: string; expected: string}) =>
      `Unexpected \`${data.found}\` closing the quotation opened with \`${data.opener}\` at ${data.at}, expected \`${data.expected}\``,
    openingAsClosing: (data: {found: string; expected: string}) =>
      `Unexpected opening \`${data.found}\` where the quotation closes, expected \`${data.expected}\``,
    closingAsOpening: (data: {found: string; expected: string}) =>
      `Unexpected closing \`${data.found}\` where the quotation opens, expected \`${data.expected}\``,
    strayClosing: (data: {found: string; opener: string}) =>
      `Unexpected closing \`${data.found}\` with no quotation open, add the opening \`${data.opener}\` or remove it`,
    foreign: (data: {found: string; expected: string}) =>
      `Unexpected guillemet \`${data.found}\` in English text, expected \`${data.expected}\``,
    unclosed: (data: {opener: string; closer: string}) =>
      `Unexpected unclosed \`${data.opener}\` at the end of the paragraph, close the quotation with \`${data.closer}\``,
    continued: (data: {opener: string; closer: string}) =>
      `Unexpected unclosed \`${data.opener}\` at the end of the paragraph, expected \`${data.closer}\` unless the quotation goes on in the next paragraph`,
  },
  examples: {
    valid: [
      'He said, “We will stay.”',
      '“Nested ‘single’ quotes are fine,” she said.',
      '“He told me ‘no.’” She left. “I said ‘no,’” she recalled.',
      'Syria’s allies don’t forget the ’90s, nor the Americans’ plans.',
      'A 12" screen and a "straight" quotation.',
      '“We bought a 65" TV,” he said, “and he is 5\'11" tall.”',
    ],
    invalid: [
      {
        text: 'He said: “We stay.»',
        messages: ['1:19-1:20: Unexpected `»` closing the quotation opened with `“` at 1:10, expected `”`'],
        fixed: 'He said: “We stay.”',
      },
      {
        text: '“They will fail! “, said the Leader.',
        messages: ['1:18-1:19: Unexpected opening `“` where the quotation closes, expected `”`'],
        fixed: '“They will fail! ”, said the Leader.',
      },
      {
        text: 'He said ”no” twice.',
        messages: ['1:9-1:10: Unexpected closing `”` where the quotation opens, expected `“`'],
        fixed: 'He said “no” twice.',
      },
      {
        text: 'It was over.” Then silence.',
        messages: ['1:13-1:14: Unexpected closing `”` with no quotation open, add the opening `“` or remove it'],
        fixed: 'It was over. Then silence.',
      },
      {
        text: '«Bonjour», he said.',
        messages: [
          '1:1-1:2: Unexpected guillemet `«` in English text, expected `“`',
          '1:9-1:10: Unexpected guillemet `»` in English text, expected `”`',
        ],
        fixed: '“Bonjour”, he said.',
      },
      {
        text: 'She said: “We stay.\n\nThe meeting ended.',
        messages: ['1:11-1:12: Unexpected unclosed `“` at the end of the paragraph, close the quotation with `”`'],
      },
      {
        text: 'She said: “We stay.\n\n“We will fight.”',
        messages: [
          '1:11-1:12: info: Unexpected unclosed `“` at the end of the paragraph, expected `”` unless the quotation goes on in the next paragraph',
        ],
      },
    ],
  },
  create: ({textOf, report}) => {
    /** Quotations left open in the last paragraph seen: whether that is right depends on the next paragraph. */
    let awaitingNext: Open[] = []

    const reportUnclosed = (open: Open, next: string) => {
      const reopened = next !== '' && ['“', '‘', '"', '«', '‹'].includes(next)
      const closer = (open.family.english ?? open.family).close
      report(
        reopened ? 'continued' : 'unclosed',
        {opener: open.mark.char, closer},
        {
          place: open.mark.place,
          actual: open.mark.char,
          severity: reopened ? 'info' : undefined,
          note: 'Where the quotation ends is not known, so no fix is offered.',
        }
      )
    }

    const checkParagraph = (paragraph: Paragraph): Open[] => {
      const stack: Open[] = []
      const unclosed: Open[] = []

      /** Closes the innermost open quotation of a kind; inner ones left open are unclosed. */
      const closeInnermost = (matches: (family: Family) => boolean): Open | undefined => {
        const index = stack.findLastIndex((open) => matches(open.family))
        if (index === -1) return undefined
        const [closed, ...inner] = stack.splice(index)
        // One by one: a paragraph can leave 200,000 quotations open, more than a call takes as arguments.
        for (const open of inner) unclosed.push(open)
        return closed
      }

      for (const mark of marksOf(paragraph)) {
        const top = stack.at(-1)
        switch (mark.char) {
          case '“':
          case '‘': {
            const family = mark.char === '“' ? DOUBLE : SINGLE
            const sameKind = family === DOUBLE ? isDoubleKind : isSingleKind
            if (looksClosing(mark) && top && sameKind(top.family)) {
              stack.pop()
              report('openingAsClosing', {found: mark.char, expected: family.close}, {
                place: mark.place,
                actual: mark.char,
                expected: [family.close],
              })
            } else {
              stack.push({family, mark})
            }
            break
          }
          case '”': {
            if (looksOpening(mark) && !stack.some((open) => isDoubleKind(open.family))) {
              report('closingAsOpening', {found: mark.char, expected: DOUBLE.open}, {
                place: mark.place,
                actual: mark.char,
                expected: [DOUBLE.open],
              })
              stack.push({family: DOUBLE, mark})
            } else if (!closeInnermost(isDoubleKind)) {
              report('strayClosing', {found: mark.char, opener: DOUBLE.open}, {
                place: mark.place,
                actual: mark.char,
                expected: [''],
              })
            }
            break
          }
          case '’': {
            // An apostrophe unless a single quotation is open and the mark stands where it would close.
            if (looksClosing(mark) && top && isSingleKind(top.family)) stack.pop()
            break
          }
          case '"': {
            // After a digit it is an inch or seconds mark (`a 65" TV`), not a quotation mark.
            if (/\d/u.test(mark.before)) break
            if (top && isDoubleKind(top.family) && (top.family === STRAIGHT || looksClosing(mark))) {
              // Straight against curly is quote-style's concern, not a pairing error.
              stack.pop()
            } else if (looksOpening(mark)) {
              stack.push({family: STRAIGHT, mark})
            }
            break
          }
          case '«':
          case '‹': {
            const family = mark.char === '«' ? GUILLEMET : SINGLE_GUILLEMET
            const english = family.english ?? family
            report('foreign', {found: mark.char, expected: english.open}, {
              place: mark.place,
              actual: mark.char,
              expected: [english.open],
            })
            stack.push({family, mark})
            break
          }
          case '»':
          case '›': {
            const kind = mark.char === '»' ? isDoubleKind : isSingleKind
            const fallback = mark.char === '»' ? DOUBLE.close : SINGLE.close
            const spacedSeparator = isSpace(mark.before) && isSpace(mark.after) && !stack.some((open) => kind(open.family))
            // `Home » News` is a breadcrumb separator, not a quotation mark.
            if (spacedSeparator) break
            const closed = closeInnermost(kind)
            if (closed && !closed.family.english) {
              const expected = closed.family.close
              report('mismatched', {found: mark.char, opener: closed.mark.char, at: at(closed.mark.place.start), expected}, {
                place: mark.place,
                actual: mark.char,
                expected: [expected],
              })
            } else {
              const expected = closed?.family.english?.close ?? fallback
              report('foreign', {found: mark.char, expected}, {place: mark.place, actual: mark.char, expected: [expected]})
            }
            break
          }
        }
      }

      return [...unclosed, ...stack]
    }

    return {
      // Paragraphs come piece after piece; the one after a piece's last paragraph opens the next piece.
      piece(tree: Root) {
        forEachOfType<Paragraph>(tree, 'ParagraphNode', (paragraph) => {
          const next = firstCharacterOf(paragraph)
          for (const open of awaitingNext) reportUnclosed(open, next)
          // Most paragraphs hold no quotation mark: their text tells before their leaves are gathered.
          awaitingNext = ANY_QUOTE.test(textOf(paragraph)) ? checkParagraph(paragraph) : []
        })
      },
      end() {
        for (const open of awaitingNext) reportUnclosed(open, '')
        awaitingNext = []
      },
    }
  },
})
