// In-memory secondary indexes. Each index keeps (key tuple, doc key) entries in a SortedList
// ordered like a MongoDB index (per-field direction, then doc key), so equality on a prefix
// plus a range on the next field is one contiguous run. Ordering uses mingo's own `compare`, so
// an index walk yields documents in exactly the order mingo's $sort would.
import { compare, typeOf } from 'mingo/util'
import { type Doc, isPlainObject } from './codec'
import { SortedList } from './sortedlist'

export interface IndexDef {
  name: string
  unique: boolean
  fields: string[]
  dirs: Array<1 | -1>
}

export interface Entry {
  k: unknown[]
  id: string
}

// mingo's type order (SORT_ORDER in mingo/util); needed to bound a range to one BSON type, the
// way MongoDB brackets `$gt: 5` to numbers.
const TYPE_RANK: Record<string, number> = {
  undefined: 1,
  null: 2,
  number: 3,
  string: 4,
  symbol: 5,
  object: 6,
  array: 7,
  arraybuffer: 8,
  boolean: 9,
  date: 10,
  regexp: 11,
  function: 12,
}

export const typeRank = (v: unknown): number => TYPE_RANK[typeOf(v)] ?? Number.MAX_VALUE

/** A position just before (side -1) or after (side 1) every value of one type. */
export class TypeBound {
  constructor(
    readonly rank: number,
    readonly side: -1 | 1,
  ) {}
}

export function compareValues(a: unknown, b: unknown): number {
  // Fast paths for the usual key types, with the exact results of mingo's compare.
  const ta = typeof a
  if (ta === typeof b && (ta === 'string' || ta === 'number' || ta === 'boolean')) return (a as any) < (b as any) ? -1 : (a as any) > (b as any) ? 1 : 0
  if (a instanceof Date && b instanceof Date) return +a < +b ? -1 : +a > +b ? 1 : 0
  if (a instanceof TypeBound || b instanceof TypeBound) {
    const ra = a instanceof TypeBound ? a.rank : typeRank(a)
    const rb = b instanceof TypeBound ? b.rank : typeRank(b)
    if (ra !== rb) return ra < rb ? -1 : 1
    const sa = a instanceof TypeBound ? a.side : 0
    const sb = b instanceof TypeBound ? b.side : 0
    return sa === sb ? 0 : sa < sb ? -1 : 1
  }
  return compare(a, b)
}

// Marks a document whose key cannot be placed in the ordered list: arrays (MongoDB would index
// every element) and embedded documents. Such documents are always candidates, so results stay
// correct; mingo does the matching.
const UNORDERED = Symbol('unordered')

// A missing field is indexed as null, as in MongoDB; mingo's $sort also puts missing and null
// in one group, so an index walk yields the order mingo would.
function keyValue(doc: Doc, path: string[]): unknown {
  let v: any = doc
  for (const part of path) {
    if (Array.isArray(v)) return UNORDERED
    if (v === null || typeof v !== 'object') return null
    v = v[part]
  }
  if (v === undefined) return null
  if (Array.isArray(v) || isPlainObject(v)) return UNORDERED
  return v
}

export const sameTuple = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => compareValues(v, b[i]) === 0)

export class IndexStore {
  readonly list: SortedList<Entry>
  /** Doc keys whose index key is UNORDERED. */
  readonly overflow = new Set<string>()
  private readonly paths: string[][]

  constructor(readonly def: IndexDef) {
    this.paths = def.fields.map((f) => f.split('.'))
    const { dirs } = def
    this.list = new SortedList<Entry>((a, b) => {
      for (let i = 0; i < dirs.length; i++) {
        const c = compareValues(a.k[i], b.k[i])
        if (c !== 0) return c * dirs[i]
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    })
  }

  /** The key tuple of a document, or null when it belongs in the overflow set. */
  keyOf(doc: Doc): unknown[] | null {
    const k = new Array(this.paths.length)
    for (let i = 0; i < k.length; i++) {
      const v = keyValue(doc, this.paths[i])
      if (v === UNORDERED) return null
      k[i] = v
    }
    return k
  }

  /**
   * Moves a document's entry from its key in `from` to its key in `to` (either may be absent),
   * leaving the index untouched when the key did not change: most updates touch no index.
   */
  move(id: string, from: Doc | undefined, to: Doc | undefined): void {
    const kf = from ? this.keyOf(from) : undefined
    const kt = to ? this.keyOf(to) : undefined
    if (kf !== undefined && kt !== undefined && (kf === null ? kt === null : kt !== null && sameTuple(kf, kt))) return
    if (kf === null) this.overflow.delete(id)
    else if (kf) this.list.remove({ k: kf, id })
    if (kt === null) this.overflow.add(id)
    else if (kt) this.list.insert({ k: kt, id })
  }

  add(id: string, doc: Doc): void {
    const k = this.keyOf(doc)
    if (k) this.list.insert({ k, id })
    else this.overflow.add(id)
  }

  remove(id: string, doc: Doc): void {
    const k = this.keyOf(doc)
    if (k) this.list.remove({ k, id })
    else this.overflow.delete(id)
  }

  load(docs: Iterable<[string, Doc]>): void {
    const entries: Entry[] = []
    this.overflow.clear()
    for (const [id, doc] of docs) {
      const k = this.keyOf(doc)
      if (k) entries.push({ k, id })
      else this.overflow.add(id)
    }
    this.list.load(entries)
  }

  clear(): void {
    this.list.clear()
    this.overflow.clear()
  }

  /** Doc keys whose full key tuple equals `k` (used by unique checks). */
  *equal(k: unknown[]): Generator<string> {
    for (const e of this.scan(k, k, true, true, false)) yield e.id
  }

  /**
   * Entries between two key prefixes, given in index order (a prefix may be shorter than the
   * index; missing trailing fields are unconstrained).
   */
  scan(start: unknown[], end: unknown[], startIncl: boolean, endIncl: boolean, reverse: boolean): Generator<Entry> {
    const { dirs } = this.def
    const prefixCmp = (e: Entry, p: unknown[]) => {
      for (let i = 0; i < p.length; i++) {
        const c = compareValues(e.k[i], p[i])
        if (c !== 0) return c * dirs[i]
      }
      return 0
    }
    return this.list.range(
      (e) => {
        const c = prefixCmp(e, start)
        return startIncl ? c < 0 : c <= 0
      },
      (e) => {
        const c = prefixCmp(e, end)
        return endIncl ? c <= 0 : c < 0
      },
      reverse,
    )
  }
}
