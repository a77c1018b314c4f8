// Chooses the candidate documents for a query. The plan only narrows: every candidate is then
// tested by mingo, so a plan may return extra documents but must never miss one. Only
// conditions that MongoDB itself would answer from an index are used: equality ($eq, $in,
// literals) on leading index fields, then one range ($gt/$gte/$lt/$lte) on the next field.
import { type Doc, isPlainObject } from './codec'
import { type Entry, IndexStore, TypeBound, typeRank } from './indexes'

interface Bound {
  v: unknown
  incl: boolean
}
interface FieldCond {
  eq?: unknown[]
  lo?: Bound
  hi?: Bound
  /** Set when the condition sits in an `$elemMatch` on `group.path`: conditions of one group hold for one element. */
  group?: { path: string }
}

const MAX_COMBINATIONS = 1000

export interface Plan {
  /** Index used, or null for a full scan. */
  index: string | null
  /** Candidate doc keys, possibly with duplicates when several ranges overlap. */
  keys: Iterable<string>
  /** True when `keys` already come in the requested sort order. */
  ordered: boolean
  /** True when a document may come more than once (a multikey index: one entry per array element). */
  repeats?: boolean
}

export function analyze(query: Doc): Map<string, FieldCond> {
  const conds = new Map<string, FieldCond>()
  const visit = (q: Doc) => {
    for (const key of Object.keys(q)) {
      const v = q[key]
      if (key === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub)
      } else if (!key.startsWith('$')) {
        if (isPlainObject(v) && isPlainObject(v.$elemMatch)) elemMatch(key, v.$elemMatch)
        else note(key, fieldCond(v))
      }
    }
  }
  // Any one condition is a valid superset; prefer equality, the narrowest.
  const note = (key: string, c: FieldCond | null) => {
    if (c && (!conds.has(key) || (c.eq && !conds.get(key)!.eq))) conds.set(key, c)
  }
  // `{ roles: { $elemMatch: { kind, scopeId } } }` holds for one element of `roles`: conditions on
  // `roles.kind` and `roles.scopeId`, which a multikey index may combine. The operator form
  // (`{ tags: { $elemMatch: { $gt: 1 } } }`) is a condition on the array's own elements.
  const elemMatch = (path: string, m: Doc) => {
    const group = { path }
    const keys = Object.keys(m)
    if (keys.length > 0 && keys.every((k) => k.startsWith('$') && k !== '$and' && k !== '$or' && k !== '$nor')) {
      const c = fieldCond(m)
      if (c) note(path, { ...c, group })
      return
    }
    for (const k of keys) {
      if (k.startsWith('$')) continue
      const c = fieldCond(m[k])
      if (c) note(`${path}.${k}`, { ...c, group })
    }
  }
  visit(query)
  return conds
}

function fieldCond(v: unknown): FieldCond | null {
  if (v instanceof RegExp) return null
  if (!isPlainObject(v)) return { eq: eqValues([v]) }
  const keys = Object.keys(v)
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return { eq: [v] }
  const c: FieldCond = {}
  if ('$eq' in v && usableEq(v.$eq)) c.eq = eqValues([v.$eq])
  else if (Array.isArray(v.$in) && v.$in.every(usableEq)) c.eq = eqValues(v.$in)
  for (const op of ['$gt', '$gte'] as const) if (op in v && usableRange(v[op])) c.lo = { v: v[op], incl: op === '$gte' }
  for (const op of ['$lt', '$lte'] as const) if (op in v && usableRange(v[op])) c.hi = { v: v[op], incl: op === '$lte' }
  return c.eq || c.lo || c.hi ? c : null
}

// `null` also matches a missing field, which the index keeps as null.
const eqValues = (xs: unknown[]) => xs.map((x) => x ?? null)

// Equality on a regex is a pattern match, and an operator object is not a value.
const usableEq = (x: unknown) => !(x instanceof RegExp) && !(isPlainObject(x) && Object.keys(x).some((k) => k.startsWith('$')))
const usableRange = (x: unknown) =>
  typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' || x instanceof Date

interface Candidate {
  idx: IndexStore
  eqLists: unknown[][]
  range?: FieldCond
  combos: number
  score: number
}

export function plan(
  query: Doc,
  indexes: IndexStore[],
  allKeys: () => Iterable<string>,
  idLookup: (ids: unknown[]) => Iterable<string>,
  sort?: Record<string, number>,
): Plan {
  const conds = analyze(query)
  const idCond = conds.get('_id')
  if (idCond?.eq) return { index: '_id_', keys: idLookup(idCond.eq), ordered: !sort || Object.keys(sort).length === 0 }
  const best = choose(conds, indexes, sort)
  if (!best) return scanPlan(indexes, allKeys, sort)

  const { idx, eqLists, range } = best
  const direction = best.combos === 1 && idx.overflow.size === 0 ? sortFollows(idx, eqLists.length, sort) : false
  return {
    index: idx.def.name,
    keys: rangeKeys(idx, cartesian(eqLists), range, direction === 'reverse'),
    ordered: !!direction || !sort || Object.keys(sort).length === 0,
    repeats: idx.multikey.size > 0,
  }
}

/** The index whose entries bound the query best, with the equality values and range it uses. */
function choose(conds: Map<string, FieldCond>, indexes: IndexStore[], sort?: Record<string, number>): Candidate | null {
  let best: Candidate | null = null
  for (const idx of indexes) {
    const eqLists: unknown[][] = []
    let combos = 1
    let range: FieldCond | undefined
    let arrayCond: { pos: number; c: FieldCond } | undefined
    for (let pos = 0; pos < idx.def.fields.length; pos++) {
      let c = conds.get(idx.def.fields[pos])
      if (c && idx.multikey.has(pos)) {
        // A second field over an array bounds the same entry only when both conditions hold for one element.
        if (arrayCond && !sameElement(idx, arrayCond, { pos, c })) break
        arrayCond ??= { pos, c }
        c = multikeyCond(c)
      }
      if (c?.eq && combos * c.eq.length <= MAX_COMBINATIONS) {
        eqLists.push(c.eq)
        combos *= c.eq.length
        continue
      }
      if (c && (c.lo || c.hi)) range = c
      break
    }
    const score = eqLists.length * 2 + (range ? 1 : 0) + (idx.def.unique ? 0.5 : 0) + (sortFollows(idx, eqLists.length, sort) ? 0.25 : 0)
    if (score >= 1 && (!best || score > best.score)) best = { idx, eqLists, range, combos, score }
  }
  return best
}

/**
 * What of a condition a multikey field can use. An equality to an array also matches the whole
 * array, which no entry holds; a range's two sides may be met by two different elements
 * (`a: [1, 12]` matches `{ $gt: 5, $lt: 10 }`), so only one side bounds the scan, as in MongoDB.
 */
function multikeyCond(c: FieldCond): FieldCond | undefined {
  if (c.eq) return c.eq.some(Array.isArray) ? undefined : { eq: c.eq }
  if (c.lo) return { lo: c.lo }
  return c.hi ? { hi: c.hi } : undefined
}

/**
 * Whether two conditions on fields of a multikey index bound the same entry: both in one
 * `$elemMatch` on path P, and both fields crossing exactly P and nothing else in every document.
 */
function sameElement(idx: IndexStore, a: { pos: number; c: FieldCond }, b: { pos: number; c: FieldCond }): boolean {
  const group = a.c.group
  if (!group || b.c.group !== group) return false
  const crosses = (pos: number) => {
    const paths = idx.multikey.get(pos)
    return !!paths && paths.size === 1 && paths.has(group.path)
  }
  return crosses(a.pos) && crosses(b.pos)
}

// With no usable condition, an index whose order is the requested sort still lets a
// `.orderBy(f).limit(n)` stop after n matches instead of sorting the whole collection.
function scanPlan(indexes: IndexStore[], allKeys: () => Iterable<string>, sort?: Record<string, number>): Plan {
  if (sort && Object.keys(sort).length) {
    for (const idx of indexes) {
      const direction = idx.overflow.size === 0 ? sortFollows(idx, 0, sort) : false
      if (direction) return { index: idx.def.name, keys: rangeKeys(idx, [[]], undefined, direction === 'reverse'), ordered: true, repeats: idx.multikey.size > 0 }
    }
    return { index: null, keys: allKeys(), ordered: false }
  }
  return { index: null, keys: allKeys(), ordered: true }
}

/** Whether the sort spec equals the index fields after the equality prefix, forwards or backwards. */
function sortFollows(idx: IndexStore, from: number, sort?: Record<string, number>): 'forward' | 'reverse' | false {
  const spec = sort ? Object.entries(sort) : []
  if (spec.length === 0 || from + spec.length > idx.def.fields.length) return false
  let forward = true
  let reverse = true
  // An array field's entries are its elements: walking them is not the order of the documents.
  if (spec.some((_s, i) => idx.multikey.has(from + i))) return false
  spec.forEach(([field, dir], i) => {
    if (idx.def.fields[from + i] !== field) forward = reverse = false
    const same = Math.sign(dir) === idx.def.dirs[from + i]
    forward &&= same
    reverse &&= !same
  })
  return forward ? 'forward' : reverse ? 'reverse' : false
}

function cartesian(lists: unknown[][]): unknown[][] {
  let out: unknown[][] = [[]]
  for (const list of lists) {
    const uniq = dedupe(list)
    out = out.flatMap((prefix) => uniq.map((v) => [...prefix, v]))
  }
  return out
}

function dedupe(list: unknown[]): unknown[] {
  const seen = new Set<string>()
  return list.filter((v) => {
    const tag = v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`
    if (typeof v === 'object' && v !== null && !(v instanceof Date)) return true
    if (seen.has(tag)) return false
    seen.add(tag)
    return true
  })
}

function* rangeKeys(idx: IndexStore, prefixes: unknown[][], range: FieldCond | undefined, reverse: boolean): Generator<string> {
  for (const e of rangeEntries(idx, prefixes, range, reverse)) yield e.id
  yield* idx.overflow
}

function* rangeEntries(idx: IndexStore, prefixes: unknown[][], range: FieldCond | undefined, reverse: boolean): Generator<Entry> {
  const dir = idx.def.dirs[prefixes[0]?.length ?? 0] ?? 1
  for (const prefix of prefixes) {
    let entries: Iterable<Entry>
    if (range) {
      // Bracket an open side to the type of the other side, as MongoDB does.
      const lo = range.lo ?? { v: new TypeBound(typeRank(range.hi!.v), -1), incl: true }
      const hi = range.hi ?? { v: new TypeBound(typeRank(range.lo!.v), 1), incl: true }
      const [first, last] = dir === 1 ? [lo, hi] : [hi, lo]
      entries = idx.scan([...prefix, first.v], [...prefix, last.v], first.incl, last.incl, reverse)
    } else {
      entries = idx.scan(prefix, prefix, true, true, reverse)
    }
    yield* entries
  }
}

const exactScalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && !Number.isNaN(x)) || x instanceof Date

/** The fields of a query made only of equalities (a value, `$eq` or `$in`) to strings, numbers, booleans or dates; else null. */
function exactEqualities(query: Doc): Set<string> | null {
  const fields = new Set<string>()
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k === '_id') return null
    let values: unknown[]
    if (!isPlainObject(v)) values = [v]
    else {
      const ops = Object.keys(v)
      if (ops.length !== 1) return null
      if (ops[0] === '$eq') values = [v.$eq]
      else if (ops[0] === '$in' && Array.isArray(v.$in)) values = v.$in
      else return null
    }
    if (!values.every(exactScalar)) return null
    fields.add(k)
  }
  return fields.size ? fields : null
}

/**
 * Exactly the documents a query matches, as runs of index entries (one per key prefix, walked in
 * the order `plan` would hand the documents to the matcher), or null unless that is certain without
 * looking at a document: every condition an equality on one of the index's leading fields, none of
 * them over an array, no document of the index in the overflow set. `covering(field)` gives an
 * index and prefixes holding the same entries with `field` right after the prefix, if one exists.
 */
export interface ExactRun {
  idx: IndexStore
  prefixes: unknown[][]
  forEach(fn: (e: Entry) => boolean | void): void
  covering(field: string): { idx: IndexStore; prefixes: unknown[][] } | null
}

export function exactRun(query: Doc, indexes: IndexStore[]): ExactRun | null {
  const fields = exactEqualities(query)
  if (!fields) return null
  const conds = analyze(query)
  const best = choose(conds, indexes)
  if (!best || best.range || best.combos > MAX_COMBINATIONS) return null
  const exactOn = (idx: IndexStore, n: number) =>
    idx.overflow.size === 0 && n === fields.size && idx.def.fields.slice(0, n).every((f, i) => fields.has(f) && !idx.multikey.has(i))
  if (!exactOn(best.idx, best.eqLists.length)) return null
  const prefixes = cartesian(best.eqLists)
  return {
    idx: best.idx,
    prefixes,
    forEach: (fn) => {
      let stopped = false
      for (const prefix of prefixes) {
        if (stopped) return
        best.idx.forEachWithPrefix(prefix, (e) => (stopped = fn(e) === true))
      }
    },
    covering(field) {
      const n = fields.size
      const idx = indexes.find((x) => exactOn(x, n) && x.def.fields[n] === field && !x.multikey.has(n))
      return idx ? { idx, prefixes: cartesian(idx.def.fields.slice(0, n).map((f) => conds.get(f)!.eq!)) } : null
    },
  }
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte'])

/**
 * How many documents a query matches, from an index alone, when exactRun cannot say: equalities
 * (a value, `$eq`, `$in` of strings, numbers, booleans or dates) on an index's leading fields, any
 * of them over an array (a document is counted once however many of its elements match, as
 * MongoDB's index scan dedups), and at most one range on the next field, not over an array, with
 * nothing else in the query. The range is bracketed to its bound's type, as the query's own
 * comparison is. Null when the index cannot answer exactly (then mingo counts).
 */
export function countRun(query: Doc, indexes: IndexStore[]): { index: string; count(): number } | null {
  const eqs = new Map<string, unknown[]>()
  let range: { field: string; cond: FieldCond } | null = null
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k === '_id') return null
    if (!isPlainObject(v)) {
      if (!exactScalar(v)) return null
      eqs.set(k, [v])
      continue
    }
    const ops = Object.keys(v)
    if (ops.length === 1 && ops[0] === '$eq' && exactScalar(v.$eq)) eqs.set(k, [v.$eq])
    else if (ops.length === 1 && ops[0] === '$in' && Array.isArray(v.$in) && v.$in.length > 0 && v.$in.every(exactScalar)) eqs.set(k, v.$in)
    else if (ops.length > 0 && !range && ops.every((op) => RANGE_OPS.has(op) && usableRange(v[op]))) {
      const cond = fieldCond(v)
      if (!cond || cond.eq) return null
      range = { field: k, cond }
    } else return null
  }
  const n = eqs.size
  if (n === 0) return null
  for (const idx of indexes) {
    const fields = idx.def.fields
    if (idx.overflow.size > 0 || fields.length < n + (range ? 1 : 0)) continue
    if (!fields.slice(0, n).every((f) => eqs.has(f))) continue
    if (range && (fields[n] !== range.field || idx.multikey.has(n))) continue
    const prefixes = cartesian(fields.slice(0, n).map((f) => eqs.get(f)!))
    if (prefixes.length > MAX_COMBINATIONS) continue
    const overArray = fields.slice(0, n).some((_f, i) => idx.multikey.has(i))
    return {
      index: idx.def.name,
      count() {
        if (!range && !overArray) return prefixes.reduce((sum, prefix) => sum + idx.countWithPrefix(prefix), 0)
        const seen = overArray ? new Set<string>() : null
        let count = 0
        for (const e of rangeEntries(idx, prefixes, range?.cond, false)) {
          if (seen) {
            if (seen.has(e.id)) continue
            seen.add(e.id)
          }
          count++
        }
        return count
      },
    }
  }
  return null
}
