import { callerAggregate, callerOf as splitCaller, lookupPipeline } from './users'
import type { ActionContext } from './area'
import type { UserRecord } from '../../domain/users'
import type { RegistrationRecord } from '../../domain/registration'

/**
 * Documents read together with the caller: a `$lookup` whose pipeline starts with a constant
 * `$match` (an index serves it), or an equality `$lookup` on a field of an earlier join
 * (`joined(name, field)`), e.g. the target's community.
 */
export type Join =
  /**
   * A page of documents: `sort` then `skip` then `limit`. Sorted by the fields after the match's
   * equality (or range) on an index, so the database walks the index in order and stops at the page.
   */
  | { from: string; match: Record<string, unknown>; limit: number; project?: Record<string, unknown>; sort?: Record<string, 1 | -1>; skip?: number }
  /** How many documents match, counted from an index: found as `[{ n }]`, or `[]` for none. */
  | { from: string; match: Record<string, unknown>; count: true }
  | { from: string; localField: string; foreignField: string }

const JOINED = '__join_'

/** The path of `field` in what the join `name` found, for a later join's localField. */
export const joined = (name: string, field: string) => `${JOINED}${name}.${field}`

/** One document by id, as a join. */
export const byId = (from: string, id: string): Join => ({ from, match: { _id: id }, limit: 1 })

export interface CallerWith<K extends string, C = UserRecord, L = RegistrationRecord> {
  caller: C | null
  live: L | null
  found: Record<K, any[]>
}

/**
 * The caller, their live registration and every join, in ONE aggregation (one round trip): the
 * caller's `users` pipeline (callerAggregate) with one `$lookup` per join. Nothing comes back when
 * the caller is unknown to the backend (no `users` record): `caller` is null and every join empty.
 */
export async function callerWith<K extends string, C extends UserRecord = UserRecord, L extends RegistrationRecord = RegistrationRecord>(
  ctx: ActionContext,
  joins: Record<K, Join>,
): Promise<CallerWith<K, C, L>> {
  let agg = callerAggregate(ctx)
  for (const [name, j] of Object.entries(joins) as [K, Join][]) {
    if ('localField' in j) {
      agg = agg.lookup({ from: j.from, localField: j.localField, foreignField: j.foreignField, as: `${JOINED}${name}` })
      continue
    }
    if ('count' in j) {
      agg = agg.lookup({ from: j.from, pipeline: lookupPipeline(ctx).match(j.match).count('n').done(), as: `${JOINED}${name}` })
      continue
    }
    let pipeline = lookupPipeline(ctx).match(j.match)
    if (j.sort) pipeline = pipeline.sort(j.sort)
    if (j.skip) pipeline = pipeline.skip(j.skip)
    pipeline = pipeline.limit(j.limit)
    if (j.project) pipeline = pipeline.project(j.project)
    agg = agg.lookup({ from: j.from, pipeline: pipeline.done(), as: `${JOINED}${name}` })
  }
  const { list } = await agg.end()
  const doc = (list[0] ?? null) as Record<string, unknown> | null
  const found = {} as Record<K, any[]>
  for (const name of Object.keys(joins) as K[]) {
    found[name] = (doc?.[`${JOINED}${name}`] as any[] | undefined) ?? []
    if (doc) delete doc[`${JOINED}${name}`]
  }
  const { caller, live } = splitCaller<C, L>(doc ?? undefined)
  return { caller, live, found }
}
