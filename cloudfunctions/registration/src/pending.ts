/**
 * The pending list of one unit or community, with the caller, in ONE aggregation (one round trip).
 * The caller's roles live in `users` and the function learns who the caller is only from the
 * platform, so the query starts at the caller and joins the rest (every `$lookup` in pipeline form
 * with a constant `$match`, so an index serves it in CloudBase and in the emulator alike):
 *
 *   users      $match {openid} → $limit 1
 *   $lookup    registrations by liveRegistrationId          (the derived member role; _id)
 *   $lookup    the scope: units {_id} | org_nodes {_id, kind: community}   (unknown vs empty; _id)
 *   $lookup    registrations $match {unitId|communityId: scope, state: pending_*[, createdAt > cursor]}
 *              $sort createdAt → $limit → $project the fields of a PendingItem   (*_state_time)
 *   $lookup    registrations $match {unitId|communityId: scope, state: pending_*} → $count
 *
 * Nothing in the query depends on the caller's roles: the function authorises on the roles and
 * the scope document that come back, BEFORE it returns any row (index.ts, listPending). Every
 * registration of a scope carries that scope's lineage or county (written together at
 * registration and on a move), so authorising on the scope document is authorising every row.
 * Only documented stages are used (`match`, `limit`, `lookup` with `pipeline`, `sort`, `project`,
 * `count`; docs.cloudbase.net, Aggregate.lookup, "自定义连接条件、拼接子查询").
 */
import { callerAggregate, callerOf, lookupPipeline, type ActionContext } from '../../../server/kit'
import type { OrgNode, Unit } from '../../../domain/org'
import type { RegistrationRecord } from '../../../domain/registration'
import { awaitingState, type Side } from '../../../domain/registration-verbs'
import type { Caller } from './decide'

export type PendingRow = Pick<
  RegistrationRecord,
  '_id' | 'state' | 'name' | 'phone' | 'unitName' | 'communityName' | 'buildingName' | 'skills' | 'createdAt' | 'userId' | 'unitId' | 'unitCountyId' | 'communityLineage'
>

const ROW_FIELDS: readonly (keyof PendingRow)[] = [
  '_id',
  'state',
  'name',
  'phone',
  'unitName',
  'communityName',
  'buildingName',
  'skills',
  'createdAt',
  'userId',
  'unitId',
  'unitCountyId',
  'communityLineage',
]
/** A page row is cut to what a PendingItem, its buttons and the phone check need (no history). */
const ROW = Object.fromEntries(ROW_FIELDS.map((f) => [f, 1]))

export type ScopeDoc = Pick<Unit, '_id' | 'countyId'> | Pick<OrgNode, '_id' | 'path' | 'kind'>

/** Where the joined parts sit in the answer (never stored). */
const SCOPE = '__scope'
const PAGE = '__page'
const TOTAL = '__total'

/** The registrations pending on one side of one scope: the equality prefix of `*_state_time`. */
export function pendingMatch(side: Side, scopeId: string): Record<string, string> {
  return side === 'unit' ? { unitId: scopeId, state: awaitingState('unit') } : { communityId: scopeId, state: awaitingState('community') }
}

export interface PendingAnswer {
  caller: Caller | null
  /** The unit or community named by the request; null when it does not exist. */
  scope: ScopeDoc | null
  /** The page after `after`, oldest first (every pending row of the scope, not yet authorised). */
  items: PendingRow[]
  /** How many are pending there in all. */
  total: number
}

/** One round trip: the caller, the scope document, the page and the total. */
export async function pendingWithCaller(ctx: ActionContext, side: Side, scopeId: string, limit: number, after: Date | null): Promise<PendingAnswer> {
  const _ = ctx.db.command
  const where = pendingMatch(side, scopeId)
  const page = after ? { ...where, createdAt: _.gt(after) } : where
  const { list } = await callerAggregate(ctx)
    .lookup({
      from: side === 'unit' ? 'units' : 'org_nodes',
      pipeline: lookupPipeline(ctx)
        .match(side === 'unit' ? { _id: scopeId } : { _id: scopeId, kind: 'community' })
        .project(side === 'unit' ? { _id: 1, countyId: 1 } : { _id: 1, path: 1, kind: 1 })
        .done(),
      as: SCOPE,
    })
    .lookup({
      from: 'registrations',
      pipeline: lookupPipeline(ctx).match(page).sort({ createdAt: 1 }).limit(limit).project(ROW).done(),
      as: PAGE,
    })
    .lookup({ from: 'registrations', pipeline: lookupPipeline(ctx).match(where).count('n').done(), as: TOTAL })
    .end()
  const doc = list[0] as Record<string, unknown> | undefined
  if (!doc) return { caller: null, scope: null, items: [], total: 0 }
  const { [SCOPE]: scope, [PAGE]: items, [TOTAL]: total, ...rest } = doc as {
    [SCOPE]: ScopeDoc[]
    [PAGE]: PendingRow[]
    [TOTAL]: { n: number }[]
  }
  return { caller: callerOf<Caller>(rest).caller, scope: scope[0] ?? null, items, total: total[0]?.n ?? 0 }
}
