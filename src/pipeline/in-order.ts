/**
 * Hands on items numbered 0, 1, 2… in that order, each as soon as it and every
 * item before it have come, whatever order they come in: reports of files
 * linted on several threads are printed in the order of the files, and none
 * waits for the whole run.
 */
export class InOrder<T> {
  #next = 0
  readonly #early = new Map<number, T>()

  constructor(private readonly deliver: (item: T, index: number) => void) {}

  put(index: number, item: T): void {
    this.#early.set(index, item)
    for (let waiting = this.#early.get(this.#next); waiting !== undefined; waiting = this.#early.get(this.#next)) {
      this.#early.delete(this.#next)
      this.deliver(waiting, this.#next)
      this.#next++
    }
  }

  /** How many items were handed on. */
  get delivered(): number {
    return this.#next
  }
}
