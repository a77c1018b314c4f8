// The single door to mingo, which does all matching, updating, sorting, projecting and
// aggregating. mingo copies its whole operator table (some 200 operators) into every compiled
// query or update, which dominated the cost of a request; plain queries and updates therefore
// get a context holding only the operators they can reach, and anything that can evaluate
// aggregation expressions ($expr, projections, pipelines) gets the full one.
import { Aggregator, Context, Query as FullQuery, find as mingoFind, ProcessingMode } from 'mingo'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import { Query as BaseQuery } from 'mingo/query'
import { update as baseUpdate } from 'mingo/updater'
import type { Doc } from './codec'
import { requestFailed } from './errors'

const FULL = { scriptEnabled: false } as const
const LEAN = { scriptEnabled: false, context: Context.init({ query: { ...queryOperators }, projection: { ...projectionOperators } }) }

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
  const agg = new Aggregator(pipeline, { ...FULL, processingMode, collectionResolver: resolve })
  try {
    return agg.run(input) as Doc[]
  } catch (e) {
    throw requestFailed(`aggregation failed: ${(e as Error).message}`)
  }
}
