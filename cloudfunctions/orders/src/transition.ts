/**
 * Every verb of the lifecycle table (domain/orders.ts) runs through here, in two round trips:
 *
 *  1. ONE aggregation: the caller (their `users` record and live registration), the order, and
 *     whatever the verb names (a member, a unit, a grid with its buildings, a duplicate), each a
 *     `$lookup` with a constant `$match` on an index (common.ts callerWith);
 *  2. ONE conditional update carrying the new state and the timeline entry:
 *
 *   orders.where({ _id, state: <seen>, <scope or ownership>, <target's place> }).update({ ...plan.set, history: push(entry) })
 *
 * With the order at hand, a refusal (out of scope, not the owner, wrong state, a target elsewhere)
 * is answered before anything is written. The write still carries every condition (the scope is
 * part of the filter: lineage in the caller's reach, or assigneeId / residentId / placedById = the
 * caller; so is the target's place), so neither a race nor a stale page can make a wrong write.
 * Only when the write changed nothing (it lost a race) is the order read again, to answer precisely.
 */
import { updateDocs, type ActionContext } from '../../../server/kit'
import type { TransitionResult } from '../../../domain/api/orders'
import { DomainError } from '../../../domain/errors'
import {
  assertOwner,
  nextState,
  ORDER_PERMISSION,
  ORDER_STATE_LABELS,
  ORDER_TRANSITIONS,
  planTransition,
  type OrderState,
  type OrderVerb,
  type TransitionArgs,
  type TransitionPlan,
} from '../../../domain/orders'
import { reach, reaches, type Reach } from '../../../domain/permissions'
import { callerWith, findOrder, memberOf, nameOf, orderJoin, ORDERS, type Caller, type Join, type Live } from './common'
import { toTimelineEntry, type StoredOrder } from './views'

export interface Built {
  args?: Partial<TransitionArgs>
  /** Conditions on the order that the target imposes (its community, its unit). */
  filter?: Record<string, unknown>
  /** Fields the function keeps beside the record (notification and ledger data). */
  set?: Record<string, unknown>
}

export interface Spec<T> {
  verb: OrderVerb
  id: string
  seen?: OrderState
  reason?: string
  /** Read together with the caller and the order: what the request names (a member, a unit, a grid, a duplicate). */
  target?: TargetRead<T>
  /**
   * The verb works with the order itself (its requester to notify, the hours to book): it refuses
   * on the order before checking its own input. The others check their input first, as they did
   * when they read the order only to explain a refused write, so the codes answered stay the same.
   */
  readOrder?: boolean
  build?: (c: { caller: Caller; live: Live | null; target: T; order: StoredOrder | null }) => Built
  /**
   * confirm: the same write also takes the system's `close` (confirmed → closed, its own timeline
   * entry), so the hours booked right after are the only other write (index.ts confirm).
   */
  thenClose?: boolean
  /** The target's own refusal, given the order (ORDER.OUTSIDE_COMMUNITY, UNIT_NOT_PAIRED, …). */
  explain?: (order: StoredOrder, target: T) => void
}

/** What a verb names, as joins of the first read, and how to make it out of what they found. */
export interface TargetRead<T> {
  joins: Record<string, Join>
  pick(found: Record<string, any[]>): T
}

export interface Done<T> {
  plan: TransitionPlan
  caller: Caller
  live: Live | null
  target: T
  /** The order as read before the write (when it was read), else null. */
  before: StoredOrder | null
  result: TransitionResult
}

/** Objects are written whole (`_.set`): the SDK would otherwise turn them into dotted paths, which cannot replace a null. */
function whole(_: ActionContext['db']['command'], data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(data)) {
    out[k] = v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? _.set(v) : v
  }
  return out
}

/** Who takes the function's own steps on the timeline. */
export const SYSTEM = { id: 'system', name: '系统' }

/** The order's join among the verb's own (a name no target uses). */
const ORDER = '__order'

export async function transition<T = undefined>(ctx: ActionContext, spec: Spec<T>): Promise<Done<T>> {
  const t = ORDER_TRANSITIONS[spec.verb]
  const _ = ctx.db.command
  // Before, the order was read up front only when the verb needed it or `seen` was left out; the
  // codes keep that order of checks (NOT_FOUND first there, the verb's input first elsewhere).
  const orderFirst = !!spec.readOrder || (spec.seen === undefined && t.from.length > 1)
  const { caller: found, live, found: joined } = await callerWith(ctx, { ...(spec.target?.joins ?? {}), [ORDER]: orderJoin(spec.id) })
  if (!found) throw new DomainError('AUTH.FORBIDDEN')
  const caller = found
  const read = (joined[ORDER][0] as StoredOrder | undefined) ?? null
  const target = spec.target ? spec.target.pick(joined) : (undefined as T)
  if (orderFirst && !read) throw new DomainError('ORDER.NOT_FOUND')
  const from: OrderState = spec.seen ?? (t.from.length === 1 ? t.from[0] : read!.state)

  // The scope, as conditions of the write.
  const conds: object[] = []
  const permission = ORDER_PERMISSION[spec.verb]
  let r: Reach | null = null
  const member = memberOf(live)
  if (spec.verb === 'claim') {
    if (!member) throw new DomainError('AUTH.FORBIDDEN')
    conds.push({ communityId: member.communityId })
    conds.push(member.buildingId ? _.or([{ 'pool.kind': 'community' }, { poolBuildingIds: member.buildingId }]) : { 'pool.kind': 'community' })
  } else if (permission) {
    r = reach(caller.roles ?? [], permission)
    if (spec.verb === 'passToMember') {
      if (r.unitIds.length === 0) throw new DomainError('AUTH.FORBIDDEN')
      conds.push({ unitId: _.in(r.unitIds) })
    } else {
      if (r.orgIds.length === 0) throw new DomainError('AUTH.FORBIDDEN')
      conds.push({ lineage: _.in(r.orgIds) })
    }
  } else if (t.actor === 'requester') {
    conds.push(_.or([{ residentId: caller._id }, { placedById: caller._id }]))
  } else if (t.actor === 'assignee') {
    conds.push({ assigneeId: caller._id })
  }

  const explain = (order: StoredOrder | null): never => {
    if (!order) throw new DomainError('ORDER.NOT_FOUND')
    if (r) {
      const inScope = spec.verb === 'passToMember' ? !!order.unitId && r.unitIds.includes(order.unitId) : reaches(r, { kind: 'org', lineage: order.lineage })
      if (!inScope) throw new DomainError('AUTH.FORBIDDEN')
    }
    if (spec.verb === 'claim') {
      nextState(order.state, 'claim')
      if (member!.communityId !== order.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY')
      const inPool = order.pool?.kind === 'community' || (!!member!.buildingId && (order.poolBuildingIds ?? []).includes(member!.buildingId))
      if (!inPool) throw new DomainError('ORDER.OUTSIDE_POOL')
    }
    assertOwner(order, spec.verb, caller._id)
    nextState(order.state, spec.verb)
    spec.explain?.(order, target)
    throw new DomainError('ORDER.CHANGED')
  }

  const built = spec.build?.({ caller, live, target, order: read }) ?? {}
  if (built.filter) conds.push(built.filter)
  /** With the order at hand, refuse before writing (the same answers as after a refused write). */
  const refuseOnRead = () => {
    if (!read) explain(null)
    // The state moved since the person looked: refuse (the precise code, else ORDER.CHANGED).
    if (read!.state !== from) explain(read)
    try {
      explain(read)
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'ORDER.CHANGED') throw e
    }
  }
  if (orderFirst) refuseOnRead()
  const plan = planTransition(from, spec.verb, {
    by: { id: caller._id, name: nameOf(caller, live) },
    now: ctx.now,
    reason: spec.reason,
    ...built.args,
  })
  if (!orderFirst) refuseOnRead()
  const entries = [plan.entry]
  const set: Record<string, unknown> = { ...plan.set, ...built.set }
  if (spec.thenClose) {
    const close = planTransition(plan.to, 'close', { by: SYSTEM, now: ctx.now })
    entries.push(close.entry)
    set.state = close.to
  }
  const data = { ...whole(_, set), history: _.push(entries) }
  const changed = await updateDocs(ctx.db.collection(ORDERS).where(_.and([{ _id: spec.id, state: from }, ...conds])), data)
  if (changed === 0) explain(await findOrder(ctx, spec.id))
  const result: TransitionResult = { id: spec.id, state: plan.to, stateLabel: ORDER_STATE_LABELS[plan.to], entry: toTimelineEntry(plan.entry) }
  return { plan, caller, live, target, before: read, result }
}
