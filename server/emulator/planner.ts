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
}

const MAX_COMBINATIONS = 1000

export interface Plan {
  /** Index used, or null for a full scan. */
  index: string | null
  /** Candidate doc keys, possibly with duplicates when several ranges overlap. */
  keys: Iterable<string>
  /** True when `keys` already come in the requested sort order. */
  ordered: boolean
}

export function analyze(query: Doc): Map<string, FieldCond> {
  const conds = new Map<string, FieldCond>()
  const visit = (q: Doc) => {
    for (const key of Object.keys(q)) {
      const v = q[key]
      if (key === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub)
      } else if (!key.startsWith('$')) {
        const c = fieldCond(v)
        // Any one condition is a valid superset; prefer equality, the narrowest.
        if (c && (!conds.has(key) || (c.eq && !conds.get(key)!.eq))) conds.set(key, c)
      }
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

  let best: Candidate | null = null
  for (const idx of indexes) {
    const eqLists: unknown[][] = []
    let combos = 1
    let range: FieldCond | undefined
    for (const field of idx.def.fields) {
      const c = conds.get(field)
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
  if (!best) return scanPlan(indexes, allKeys, sort)

  const { idx, eqLists, range } = best
  const direction = best.combos === 1 && idx.overflow.size === 0 ? sortFollows(idx, eqLists.length, sort) : false
  return {
    index: idx.def.name,
    keys: rangeKeys(idx, cartesian(eqLists), range, direction === 'reverse'),
    ordered: !!direction || !sort || Object.keys(sort).length === 0,
  }
}

// With no usable condition, an index whose order is the requested sort still lets a
// `.orderBy(f).limit(n)` stop after n matches instead of sorting the whole collection.
function scanPlan(indexes: IndexStore[], allKeys: () => Iterable<string>, sort?: Record<string, number>): Plan {
  if (sort && Object.keys(sort).length) {
    for (const idx of indexes) {
      const direction = idx.overflow.size === 0 ? sortFollows(idx, 0, sort) : false
      if (direction) return { index: idx.def.name, keys: rangeKeys(idx, [[]], undefined, direction === 'reverse'), ordered: true }
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
    for (const e of entries) yield e.id
  }
  yield* idx.overflow
}
