// An ordered multiset kept as a list of small sorted chunks (the layout of Python's
// sortedcontainers): O(log n) search, and an insert or delete only shifts one chunk, so index
// maintenance stays cheap at 100k+ entries without a full B-tree.

const CHUNK = 512

export class SortedList<T> {
  private chunks: T[][] = []
  private count = 0

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count
  }

  /** Replaces the content with items, sorting them once (bulk load after a replay). */
  load(items: T[]): void {
    items.sort(this.cmp)
    this.chunks = []
    for (let i = 0; i < items.length; i += CHUNK) this.chunks.push(items.slice(i, i + CHUNK))
    this.count = items.length
  }

  clear(): void {
    this.chunks = []
    this.count = 0
  }

  insert(item: T): void {
    this.count++
    if (this.chunks.length === 0) {
      this.chunks.push([item])
      return
    }
    let c = this.chunkOf(item)
    if (c === this.chunks.length) c--
    const chunk = this.chunks[c]
    chunk.splice(this.lowerBound(chunk, item), 0, item)
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK))
  }

  /** Removes one item comparing equal to `item`; returns whether one was found. */
  remove(item: T): boolean {
    const c = this.chunkOf(item)
    if (c === this.chunks.length) return false
    const chunk = this.chunks[c]
    const i = this.lowerBound(chunk, item)
    if (i >= chunk.length || this.cmp(chunk[i], item) !== 0) return false
    chunk.splice(i, 1)
    if (chunk.length === 0) this.chunks.splice(c, 1)
    this.count--
    return true
  }

  /**
   * Items between two boundaries, in order or reversed. `beforeStart` and `withinEnd` must be
   * monotone over the order: true then false, and true then false respectively.
   */
  *range(beforeStart: (x: T) => boolean, withinEnd: (x: T) => boolean, reverse = false): Generator<T> {
    const [sc, si] = this.bound(beforeStart)
    const [ec, ei] = this.bound(withinEnd)
    if (!reverse) {
      let c = sc
      let i = si
      while (c < ec || (c === ec && i < ei)) {
        const chunk = this.chunks[c]
        if (i >= chunk.length) {
          c++
          i = 0
          continue
        }
        yield chunk[i++]
      }
      return
    }
    let c = ec
    let i = ei - 1
    while (c > sc || (c === sc && i >= si)) {
      if (i < 0) {
        c--
        if (c < 0) return
        i = this.chunks[c].length - 1
        continue
      }
      yield this.chunks[c][i--]
    }
  }

  /** `range` without a generator, for walks over many items; `fn` returning true stops the walk. */
  forEachInRange(beforeStart: (x: T) => boolean, withinEnd: (x: T) => boolean, fn: (x: T) => boolean | void): void {
    const [sc, si] = this.bound(beforeStart)
    const [ec, ei] = this.bound(withinEnd)
    for (let c = sc; c <= ec && c < this.chunks.length; c++) {
      const chunk = this.chunks[c]
      const end = c === ec ? ei : chunk.length
      for (let i = c === sc ? si : 0; i < end; i++) if (fn(chunk[i]) === true) return
    }
  }

  /** How many items lie between two boundaries (as in `range`), without visiting them. */
  countRange(beforeStart: (x: T) => boolean, withinEnd: (x: T) => boolean): number {
    return Math.max(0, this.rank(this.bound(withinEnd)) - this.rank(this.bound(beforeStart)))
  }

  /** The first item that fails `before`, if any. */
  first(before: (x: T) => boolean): T | undefined {
    const [c, i] = this.bound(before)
    return this.chunks[c]?.[i] ?? this.chunks[c + 1]?.[0]
  }

  // Items before a (chunk, index) position: O(number of chunks), a few hundred at most.
  private rank([c, i]: [number, number]): number {
    let n = i
    for (let k = 0; k < c && k < this.chunks.length; k++) n += this.chunks[k].length
    return n
  }

  *[Symbol.iterator](): Generator<T> {
    for (const chunk of this.chunks) yield* chunk
  }

  // The insert/remove searches, without a predicate closure per call: they are the hot path of writes.
  private chunkOf(item: T): number {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = this.chunks[mid]
      if (this.cmp(chunk[chunk.length - 1], item) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private lowerBound(chunk: T[], item: T): number {
    let lo = 0
    let hi = chunk.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cmp(chunk[mid], item) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  // First position whose item fails `before`, as (chunk, index).
  private bound(before: (x: T) => boolean): [number, number] {
    const c = this.chunkFor(before)
    if (c === this.chunks.length) return [c, 0]
    return [c, this.position(this.chunks[c], before)]
  }

  // First chunk whose last item fails `before`.
  private chunkFor(before: (x: T) => boolean): number {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = this.chunks[mid]
      if (before(chunk[chunk.length - 1])) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private position(chunk: T[], before: (x: T) => boolean): number {
    let lo = 0
    let hi = chunk.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(chunk[mid])) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
