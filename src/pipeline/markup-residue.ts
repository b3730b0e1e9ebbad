import type {Place} from '../rule.js'

/**
 * Page furniture that the HTML parser recognised by its markup (a WordPress
 * comment form, a share widget), kept out of the prose and handed to rules in
 * `file.data.markupResidue`.
 */
export interface MarkupResidue {
  kind: 'comment-form' | 'share-widget' | 'related-posts' | 'subscribe-box'
  /** The whole element, start tag to end tag. */
  place: Place
  /** The element's source, for a deletion fix. */
  source: string
  /** Its text, flattened to one line. */
  text: string
}

declare module 'vfile' {
  interface DataMap {
    markupResidue: MarkupResidue[]
  }
}
