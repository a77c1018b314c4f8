// The single door to mingo, which does all matching, updating, sorting, projecting and
// aggregating. mingo copies its whole operator table (some 200 operators) into every compiled
// query or update, which dominated the cost of a request; plain queries and updates therefore
// get a context holding only the operators they can reach, and anything that can evaluate
// aggregation expressions ($expr, projections, pipelines) gets the full one.
import { Context, Query as FullQuery, find as mingoFind, ProcessingMode } from 'mingo'
import { Aggregator } from 'mingo/aggregator'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { Query as BaseQuery } from 'mingo/query'
import { update as baseUpdate } from 'mingo/updater'
import { type Doc, isPlainObject } from './codec'
import { requestFailed } from './errors'

const FULL = { scriptEnabled: false } as const
const LEAN = { scriptEnabled: false, context: Context.init({ query: { ...queryOperators }, projection: { ...projectionOperators } }) }

// Pipelines get every operator, with MongoDB's `$count`: it passes on no document at all when its
// input is empty, where mingo's passes on `{ <name>: 0 }`. Pipelines inside `$lookup`, `$facet` and
// `$unionWith` run with the same options, so they get it too. (mingo's own `Aggregator` would merge
// its stock operators over these, so the plain one from 'mingo/aggregator' is used.)
const mongoCount: typeof pipelineOperators.$count = (coll, expr, options) => pipelineOperators.$count(coll, expr, options).filter((d: any) => d[expr] > 0)
const PIPELINE = {
  ...FULL,
  context: Context.init({
    accumulator: { ...accumulatorOperators },
    expression: { ...expressionOperators },
    pipeline: { ...pipelineOperators, $count: mongoCount },
    projection: { ...projectionOperators },
    query: { ...queryOperators },
    window: { ...windowOperators },
  }),
}

const NEEDS_EXPRESSIONS = new Set(['$expr', '$jsonSchema', '$where'])

function needsExpressions(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false
  if (Array.isArray(v)) return v.some(needsExpressions)
  if (v instanceof Date || v instanceof RegExp) return false
  for (const [k, x] of Object.entries(v)) if (NEEDS_EXPRESSIONS.has(k) || needsExpressions(x)) return true
  return false
}

export function compileQuery(query: Doc): (doc: Doc) => boolean {
  if (Object.keys(query).length === 0) return () => true
  try {
    // The Query of 'mingo' is preloaded with every operator; the one of 'mingo/query' uses ours.
    const q = needsExpressions(query) ? new FullQuery(query, FULL) : new BaseQuery(query, LEAN)
    return (doc) => q.test(doc)
  } catch (e) {
    throw requestFailed(`invalid query: ${(e as Error).message}`)
  }
}

export function sortPage(docs: Doc[], sort: Record<string, number>, skip: number, limit: number): Doc[] {
  return new BaseQuery({}, LEAN)
    .find(docs)
    .sort(sort)
    .skip(skip)
    .limit(limit === Infinity ? docs.length : limit)
    .all() as Doc[]
}

export function project(docs: Doc[], projection: Doc): Doc[] {
  const inclusion = inclusionOf(projection)
  if (inclusion) {
    const out: Doc[] = new Array(docs.length)
    for (let i = 0; i < docs.length; i++) {
      const picked = pick(docs[i], inclusion)
      if (!picked) return mingoProject(docs, projection)
      out[i] = picked
    }
    return out
  }
  return mingoProject(docs, projection)
}

interface Inclusion {
  /** `_id` named in the projection (it then comes first), left out (`_id: 0`), or implied (last). */
  id: 'first' | 'none' | 'last'
  /** The other paths, split, in the order mingo writes them (sorted). */
  paths: string[][]
}

// Plain inclusion projections (`{ a: 1, 'b.c': true }`, as `.field()` sends them) are answered here:
// mingo builds them through its expression machinery, the largest cost of a small page read. The
// result is mingo's, key order included (tests/projection.test.ts); anything else goes to mingo.
const inclusions = new WeakMap<Doc, Inclusion | null>()
function inclusionOf(projection: Doc): Inclusion | null {
  let inc = inclusions.get(projection)
  if (inc !== undefined) return inc
  inc = null
  const keys = Object.keys(projection)
  const yes = (v: unknown) => v === true || v === 1
  const idValue = projection._id
  const others = keys.filter((k) => k !== '_id')
  const plain = (k: string) => k !== '' && !k.includes('$') && k.split('.').every((p) => p !== '')
  if (
    others.length > 0 &&
    others.every((k) => plain(k) && yes(projection[k])) &&
    (idValue === undefined || yes(idValue) || idValue === false || idValue === 0) &&
    // A path inside another (`a` and `a.b`) is left to mingo.
    !others.some((k) => others.some((o) => o !== k && o.startsWith(`${k}.`)))
  ) {
    inc = { id: idValue === undefined ? 'last' : yes(idValue) ? 'first' : 'none', paths: [...others].sort().map((k) => k.split('.')) }
  }
  inclusions.set(projection, inc)
  return inc
}

// One document through an inclusion projection, or null when it holds an array or a non-plain
// object on a dotted path (mingo's array rules apply there).
function pick(doc: Doc, inc: Inclusion): Doc | null {
  const out: Doc = {}
  if (inc.id === 'first' && doc._id !== undefined) out._id = doc._id
  for (const path of inc.paths) {
    let src: any = doc
    let dst = out
    let i = 0
    for (; i < path.length - 1; i++) {
      src = src[path[i]]
      if (src === undefined || src === null || typeof src !== 'object') break
      if (!isPlainObject(src)) return null
      dst = dst[path[i]] ??= {}
    }
    if (i < path.length - 1) continue
    const v = src[path[i]]
    if (v !== undefined) dst[path[i]] = v
  }
  if (inc.id === 'last' && doc._id !== undefined) out._id = doc._id
  return out
}

function mingoProject(docs: Doc[], projection: Doc): Doc[] {
  try {
    return mingoFind(docs, {}, projection as any, FULL).all() as Doc[]
  } catch (e) {
    throw requestFailed(`invalid projection: ${(e as Error).message}`)
  }
}

/** Applies update operators to `doc` in place; returns the paths that changed. */
export function applyOperators(doc: Doc, ops: Doc): string[] {
  try {
    return baseUpdate(doc, ops as any, undefined, undefined, { queryOptions: FULL })
  } catch (e) {
    throw requestFailed(`update failed: ${(e as Error).message}`)
  }
}

export function aggregate(input: Doc[], pipeline: Doc[], resolve: (collection: string) => Doc[], opts: { readOnly?: boolean } = {}): Doc[] {
  // CLONE_INPUT: stages such as $addFields write into documents; stored versions must not change.
  // `readOnly`: the caller vouches that no stage writes into or hands back an input document.
  const processingMode = opts.readOnly ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT
  const agg = new Aggregator(pipeline, { ...PIPELINE, processingMode, collectionResolver: resolve })
  try {
    return agg.run(input) as Doc[]
  } catch (e) {
    throw requestFailed(`aggregation failed: ${(e as Error).message}`)
  }
}
