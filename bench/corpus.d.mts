/** Every paragraph of every `.txt` fixture under the folder, in a stable order. */
export function paragraphPool(fixturesFolder: string): string[]
/** `count` article-sized texts of about `meanBytes` each, the same for the same seed. */
export function articles(pool: string[], count: number, meanBytes: number, seed: number): string[]
/** Writes the texts as numbered files in the folder; returns the folder, the file count and their size. */
export function writeCorpus(folder: string, texts: string[], extension?: string): {folder: string; files: number; bytes: number}
/** One long text of at least `bytes` bytes, made of articles, the same for the same seed. */
export function bigText(pool: string[], bytes: number, seed: number): string
/** The text as an HTML page: each paragraph a `<p>` inside one `<article>`. */
export function asHtmlPage(text: string): string
