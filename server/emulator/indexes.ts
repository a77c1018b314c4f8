// In-memory secondary indexes. Each index keeps (key tuple, doc key) entries in a SortedList
// ordered like a MongoDB index (per-field direction, then doc key), so equality on a prefix
// plus a range on the next field is one contiguous run. Ordering uses mingo's own `compare`, so
// an index walk yields documents in exactly the order mingo's $sort would.
import { compare, typeOf } from 'mingo/util'
import { type Doc, isPlainObject } from './codec'
import { SortedList } from './sortedlist'
import { requestFailed } from './errors'

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

// Marks a document whose keys cannot be placed in the ordered list: embedded documents, arrays
// inside arrays, positional paths (`a.0.b`) through an array. Such documents are
// always candidates, so results stay correct; mingo does the matching.
const UNORDERED = Symbol('unordered')

const NOT_SCALAR = Symbol('not scalar')

// A path's value when no array or embedded document is on it (missing is null), else NOT_SCALAR.
function scalarKey(doc: Doc, parts: string[]): unknown {
  let v: any = doc
  for (let j = 0; j < parts.length; j++) {
    if (Array.isArray(v)) return NOT_SCALAR
    if (v === null || typeof v !== 'object') return null
    v = v[parts[j]]
  }
  if (v === undefined) return null
  return Array.isArray(v) || isPlainObject(v) ? NOT_SCALAR : v
}

/** One field's keys in a document: a single value, or one per element of the array it crosses. */
interface FieldKeys {
  /** Path of the array crossed (`roles` for `roles.kind`, `tags` for `tags`), or null. */
  array: string | null
  values: unknown[]
}

const isUnordered = (v: unknown) => Array.isArray(v) || isPlainObject(v)

// The value at the rest of a path inside one array element; a second array is not expanded.
function elementValue(v: any, parts: string[], from: number): unknown {
  for (let j = from; j < parts.length; j++) {
    if (Array.isArray(v)) return UNORDERED
    if (v === null || typeof v !== 'object') return null
    v = v[parts[j]]
  }
  if (v === undefined) return null
  return isUnordered(v) ? UNORDERED : v
}

// A missing field is indexed as null, as in MongoDB; mingo's $sort also puts missing and null
// in one group, so an index walk yields the order mingo would. An array on the path is indexed
// once per element (a multikey index): `roles.kind` over `roles: [{kind}, {kind}]` gives each kind.
function fieldKeys(doc: Doc, parts: string[], positional: boolean): FieldKeys | typeof UNORDERED {
  let v: any = doc
  for (let j = 0; j <= parts.length; j++) {
    if (Array.isArray(v)) {
      if (positional) return UNORDERED
      // An empty array has no element to index; it sits with null (MongoDB: undefined), which only
      // an equality to null scans. No other equality, `$in` or range matches it.
      if (v.length === 0) return { array: parts.slice(0, j).join('.'), values: [null] }
      const values = new Array(v.length)
      for (let e = 0; e < v.length; e++) {
        const x = elementValue(v[e], parts, j)
        if (x === UNORDERED) return UNORDERED
        values[e] = x
      }
      return { array: parts.slice(0, j).join('.'), values }
    }
    if (j === parts.length) break
    if (v === null || typeof v !== 'object') return { array: null, values: [null] }
    v = v[parts[j]]
  }
  if (v === undefined) return { array: null, values: [null] }
  return isPlainObject(v) ? UNORDERED : { array: null, values: [v] }
}

/** A document's index keys: its key tuples (several when the key crosses an array) and which fields crossed one. */
export interface DocKeys {
  tuples: unknown[][]
  /** Per field, the array path it crossed, or null. */
  arrays: Array<string | null>
}

const tupleTag = (k: unknown[]) => k.map((v) => (v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`)).join('\u0000')

/** MongoDB refuses a compound key over two different arrays of one document (code 171, CannotIndexParallelArrays). */
export const parallelArrays = (index: string, a: string, b: string) =>
  requestFailed(`cannot index parallel arrays [${b}] [${a}] (index ${index}: at most one array field per document)`)

export const sameTuple = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => compareValues(v, b[i]) === 0)

const sameTuples = (a: unknown[][], b: unknown[][]) => a.length === b.length && a.every((k, i) => sameTuple(k, b[i]))

export class IndexStore {
  readonly list: SortedList<Entry>
  /** Doc keys whose index key is UNORDERED. */
  readonly overflow = new Set<string>()
  /**
   * Field positions that crossed an array in some document since the last load, with the array
   * paths crossed (MongoDB's multikey paths). Sticky: the planner stays conservative about them.
   */
  readonly multikey = new Map<number, Set<string>>()
  private readonly paths: string[][]
  private readonly positional: boolean[]
  private readonly noArrays: null[]
  // The last document's keys: a write checks a new version (unique keys, parallel arrays) and then
  // indexes it. Versions never change, so the keys stay valid; only one is kept, to hold no memory.
  private lastDoc: Doc | undefined
  private lastKeys: DocKeys | null = null

  constructor(readonly def: IndexDef) {
    this.paths = def.fields.map((f) => f.split('.'))
    this.positional = this.paths.map((parts) => parts.some((p) => /^\d+$/.test(p)))
    this.noArrays = this.paths.map(() => null)
    const { dirs } = def
    this.list = new SortedList<Entry>((a, b) => {
      for (let i = 0; i < dirs.length; i++) {
        const c = compareValues(a.k[i], b.k[i])
        if (c !== 0) return c * dirs[i]
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    })
  }

  /**
   * A document's keys, or null when it belongs in the overflow set. Throws (parallelArrays) when
   * two fields cross different arrays: MongoDB refuses to write such a document.
   */
  keysOf(doc: Doc): DocKeys | null {
    if (doc !== this.lastDoc) {
      this.lastKeys = this.computeKeys(doc)
      this.lastDoc = doc
    }
    return this.lastKeys
  }

  /** The key tuples of a document, or null when it belongs in the overflow set. */
  tuplesOf(doc: Doc): unknown[][] | null {
    return this.keysOf(doc)?.tuples ?? null
  }

  private computeKeys(doc: Doc): DocKeys | null {
    // Nearly every document holds plain values on every path: one tuple, no per-field records.
    const k = new Array(this.paths.length)
    for (let i = 0; i < k.length; i++) {
      const v = scalarKey(doc, this.paths[i])
      if (v === NOT_SCALAR) return this.expandKeys(doc)
      k[i] = v
    }
    return { tuples: [k], arrays: this.noArrays }
  }

  private expandKeys(doc: Doc): DocKeys | null {
    const n = this.paths.length
    const fields: FieldKeys[] = new Array(n)
    let array: string | null = null
    let unordered = false
    for (let i = 0; i < n; i++) {
      const f = fieldKeys(doc, this.paths[i], this.positional[i])
      if (f === UNORDERED) {
        unordered = true
        continue
      }
      if (f.array !== null) {
        if (array !== null && array !== f.array) throw parallelArrays(this.def.name, array, f.array)
        array = f.array
      }
      fields[i] = f
    }
    if (unordered) return null
    const arrays = fields.map((f) => f.array)
    if (array === null) return { tuples: [fields.map((f) => f.values[0])], arrays }
    // Fields crossing the same array take the same element: one tuple per element, each once.
    const count = fields.find((f) => f.array !== null)!.values.length
    const tuples: unknown[][] = []
    const seen = new Set<string>()
    for (let e = 0; e < count; e++) {
      const k = fields.map((f) => (f.array === null ? f.values[0] : f.values[e]))
      const tag = tupleTag(k)
      if (seen.has(tag)) continue
      seen.add(tag)
      tuples.push(k)
    }
    return { tuples, arrays }
  }

  // The keys a stored document is held under: one that `load` could not index sits in the overflow set.
  private heldKeys(doc: Doc): DocKeys | null {
    try {
      return this.keysOf(doc)
    } catch {
      return null
    }
  }

  private noteArrays(keys: DocKeys): void {
    if (keys.arrays === this.noArrays) return
    keys.arrays.forEach((a, i) => {
      if (a === null) return
      let paths = this.multikey.get(i)
      if (!paths) this.multikey.set(i, (paths = new Set()))
      paths.add(a)
    })
  }

  /**
   * Moves a document's entries from its keys in `from` to its keys in `to` (either may be absent),
   * leaving the index untouched when the keys did not change: most updates touch no index.
   */
  move(id: string, from: Doc | undefined, to: Doc | undefined): void {
    // `to` first: a write has just checked it (checkUnique), so its keys are the ones kept.
    const kt = to ? this.keysOf(to) : undefined
    const kf = from ? this.heldKeys(from) : undefined
    if (kf !== undefined && kt !== undefined && (kf === null ? kt === null : kt !== null && sameTuples(kf.tuples, kt.tuples))) return
    if (kf === null) this.overflow.delete(id)
    else if (kf) for (const k of kf.tuples) this.list.remove({ k, id })
    if (kt === null) this.overflow.add(id)
    else if (kt) {
      this.noteArrays(kt)
      for (const k of kt.tuples) this.list.insert({ k, id })
    }
  }

  add(id: string, doc: Doc): void {
    this.move(id, undefined, doc)
  }

  remove(id: string, doc: Doc): void {
    this.move(id, doc, undefined)
  }

  /** Rebuilds from the stored documents. One that a new index cannot hold (parallel arrays) is kept as a candidate of every query. */
  load(docs: Iterable<[string, Doc]>, log?: (m: string) => void): void {
    const entries: Entry[] = []
    this.overflow.clear()
    this.multikey.clear()
    for (const [id, doc] of docs) {
      let keys: DocKeys | null
      try {
        keys = this.keysOf(doc)
      } catch (e) {
        log?.(`index ${this.def.name}: document ${id}: ${(e as Error).message}`)
        keys = null
      }
      if (!keys) {
        this.overflow.add(id)
        continue
      }
      this.noteArrays(keys)
      for (const k of keys.tuples) entries.push({ k, id })
    }
    this.list.load(entries)
  }

  clear(): void {
    this.list.clear()
    this.overflow.clear()
    this.multikey.clear()
  }

  /** Doc keys whose full key tuple equals `k` (used by unique checks). */
  *equal(k: unknown[]): Generator<string> {
    for (const e of this.scan(k, k, true, true, false)) yield e.id
  }

  // Position of an entry against a key prefix, in index order (negative: before it).
  private prefixCmp(e: Entry, prefix: unknown[]): number {
    const { dirs } = this.def
    for (let i = 0; i < prefix.length; i++) {
      const c = compareValues(e.k[i], prefix[i])
      if (c !== 0) return c * dirs[i]
    }
    return 0
  }

  /** Every entry whose key starts with `prefix`, in index order, without a generator; `fn` returning true stops. */
  forEachWithPrefix(prefix: unknown[], fn: (e: Entry) => boolean | void): void {
    this.list.forEachInRange(
      (e) => this.prefixCmp(e, prefix) < 0,
      (e) => this.prefixCmp(e, prefix) <= 0,
      fn,
    )
  }

  /** How many entries start with `prefix`, without visiting them. */
  countWithPrefix(prefix: unknown[]): number {
    return this.list.countRange(
      (e) => this.prefixCmp(e, prefix) < 0,
      (e) => this.prefixCmp(e, prefix) <= 0,
    )
  }

  /**
   * The distinct values of the field after `prefix` among the entries starting with `prefix`, each
   * with how many entries hold it, in index order: one search per value, whatever the run's length.
   */
  countRuns(prefix: unknown[]): Array<[unknown, number]> {
    const out: Array<[unknown, number]> = []
    const m = prefix.length
    let before = (e: Entry) => this.prefixCmp(e, prefix) < 0
    for (;;) {
      const first = this.list.first(before)
      if (!first || this.prefixCmp(first, prefix) !== 0) return out
      const key = [...prefix, first.k[m]]
      out.push([first.k[m], this.countWithPrefix(key)])
      before = (e) => this.prefixCmp(e, key) <= 0
    }
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
