/**
 * The planner of the order lifecycle: given the order as read, the caller and what the verb names,
 * it refuses with the precise code or answers the complete Plan (domain/lifecycle.ts) of the one
 * conditional update server/kit changeState makes:
 *
 *   orders.where({ _id, state: plan.from, ...plan.conditions }).update({ ...plan.set, history: push(...plan.entries) })
 *
 * The conditions are the guards (scope.ts) the planner judged on the read (the caller's reach or
 * pool, their ownership) and those of the target (its community, its unit's pairing), so neither
 * a race nor a stale page can make a wrong write; when the write lost a race, the kit plans again
 * on the order read afresh and the same guards say why.
 */
import { DomainError } from '../errors'
import type { Plan } from '../lifecycle'
import type { OrgNode } from '../org'
import { isOpen, type OrderState } from '../orders-labels'
import { SYSTEM_ACTOR, type OrderHistoryEntry } from './history'
import { checkRating, checkReason, checkWorkReport, type Rating, type WorkReport } from './input'
import { nextState, ORDER_TRANSITIONS, type OrderVerb, type PersonVerb } from './lifecycle'
import type { OrderRecord, PoolScope } from './record'
import { checkVerb, enforce, partyConditions, reachGuards, type Guard, type OrderViewer } from './scope'

// ---------------------------------------------------------------------------------------------
// What one verb writes, from one state: the fields and the timeline entry.

export interface TransitionArgs {
  by: { id: string; name: string }
  now: Date
  /** The invocation, recorded on the entry. */
  op?: string
  reason?: string
  /** dispatchToMember, passToMember: the member (claim: the caller, taken from `by`). */
  assignee?: { id: string; name: string }
  /** dispatchToUnit. */
  unit?: { id: string; name: string }
  /** pool: the scope and its name for the timeline. */
  pool?: PoolScope & { name: string }
  /** merge: the duplicate kept. */
  duplicateId?: string
  report?: WorkReport
  rating?: Rating
}

export type OrderPatch = Partial<
  Pick<
    OrderRecord,
    | 'state'
    | 'stateSince'
    | 'updatedAt'
    | 'overdue'
    | 'assigneeId'
    | 'assigneeName'
    | 'unitId'
    | 'pool'
    | 'poolBuildingIds'
    | 'claimedAt'
    | 'mergedInto'
    | 'report'
    | 'rating'
    | 'reason'
    | 'assigneeOpenid'
    | 'assigneeRegistrationId'
    | 'assigneeUnitId'
  >
>

export interface TransitionPlan {
  verb: OrderVerb
  /** The one state the update's filter must match. */
  from: OrderState
  to: OrderState
  /** Whose identity the update's filter must carry: requester (residentId or placedById), assignee (assigneeId), or none (a role verb: the scope). */
  owner: 'requester' | 'assignee' | null
  set: OrderPatch
  entry: OrderHistoryEntry
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new DomainError('REQUEST.INVALID')
  return value
}

/** The fields and the timeline entry of `verb` from the state `from`, after checking the move (refusalCode) and its input. */
export function planTransition(from: OrderState, verb: OrderVerb, a: TransitionArgs): TransitionPlan {
  const t = ORDER_TRANSITIONS[verb]
  nextState(from, verb)
  const reason = checkReason(verb, a.reason)
  const set: OrderPatch = { state: t.to, stateSince: a.now, updatedAt: a.now, overdue: null }
  const entry: OrderHistoryEntry = { verb, from, to: t.to, by: a.by.id, byName: a.by.name, at: a.now }
  if (a.op) entry.op = a.op
  if (reason) {
    set.reason = reason
    entry.reason = reason
  }
  // Nobody holds the order any more: back to the dispatcher with a clean slate.
  const unassign = () => Object.assign(set, { assigneeId: null, assigneeName: null, unitId: null, pool: null, claimedAt: null })
  switch (verb) {
    case 'merge':
      set.mergedInto = entry.mergedInto = required(a.duplicateId)
      break
    case 'dispatchToMember':
    case 'passToMember': {
      const m = required(a.assignee)
      Object.assign(set, { assigneeId: m.id, assigneeName: m.name, pool: null, claimedAt: null })
      // A direct dispatch is nobody's unit; a unit's pass keeps the unit on record.
      if (verb === 'dispatchToMember') set.unitId = null
      entry.assigneeName = m.name
      break
    }
    case 'dispatchToUnit': {
      const u = required(a.unit)
      Object.assign(set, { unitId: u.id, assigneeId: null, assigneeName: null, pool: null, claimedAt: null })
      entry.unitName = u.name
      break
    }
    case 'pool': {
      const p = required(a.pool)
      Object.assign(set, { pool: { kind: p.kind, id: p.id }, assigneeId: null, assigneeName: null, unitId: null, claimedAt: null })
      entry.poolName = p.name
      break
    }
    case 'recall':
    case 'declineDispatch':
    case 'release':
      unassign()
      break
    case 'claim':
      Object.assign(set, { assigneeId: a.by.id, assigneeName: a.by.name, claimedAt: a.now })
      break
    case 'acceptDispatch':
      set.claimedAt = a.now
      break
    case 'finish':
      set.report = checkWorkReport(required(a.report))
      entry.hours = set.report.hours
      break
    case 'confirm':
      set.rating = checkRating(required(a.rating))
      entry.stars = set.rating.stars
      if (set.rating.comment) entry.reason = set.rating.comment
      break
    default:
      break
  }
  const owner = t.actor === 'requester' ? 'requester' : t.actor === 'assignee' ? 'assignee' : null
  return { verb, from, to: t.to, owner, set, entry }
}

// ---------------------------------------------------------------------------------------------
// What a verb names, as the function read it in the same aggregation as the order.

/** A member a dispatch or a pass names: their registered registration, and their openid to tell them. */
export interface MemberTarget {
  registrationId: string
  /** Their account (null: an imported registration nobody has bound yet). */
  userId: string | null
  name: string
  communityId: string
  unitId: string
  openid: string | null
}

export interface UnitTarget {
  id: string
  name: string
  pairedCommunityIds: readonly string[]
}

/** Where a community sits in a node's path (county, street, community, …). */
const COMMUNITY_DEPTH = 2

/** A pool as read: a grid (its community from its path, its buildings) or the community itself. */
export interface PoolTarget extends PoolScope {
  name: string
  /** The community the pool belongs to (null: a node that is not in any). */
  communityId: string | null
  /** A grid pool's buildings: who may claim (scope.ts claimGuards). */
  buildingIds: readonly string[]
}

/**
 * The pool a dispatcher names, from the node read for it: the community itself, or a grid with its
 * buildings. Null when the node is not that pool (another id, another kind, nothing).
 */
export function poolTargetOf(pool: PoolScope, node: Pick<OrgNode, '_id' | 'kind' | 'name' | 'path'> | null, buildingIds: readonly string[] = []): PoolTarget | null {
  if (!node || node._id !== pool.id || node.kind !== pool.kind) return null
  const communityId = pool.kind === 'community' ? node._id : (node.path[COMMUNITY_DEPTH] ?? null)
  return { kind: pool.kind, id: node._id, name: node.name, communityId, buildingIds: pool.kind === 'grid' ? [...buildingIds] : [] }
}

export type DuplicateTarget = Pick<OrderRecord, '_id' | 'communityId' | 'state'>

/** The caller as the planner needs them: who they are to the order, their name for the timeline, their openid for the messages. */
export interface OrderCaller extends OrderViewer {
  name: string
  openid: string | null
  /** The member's registration (its id and unit go on the order for the ledger). */
  member: (NonNullable<OrderViewer['member']> & { registrationId: string; unitId: string }) | null
}

/**
 * One request to move an order. A target left undefined was not named (REQUEST.INVALID where the
 * verb needs it); null was named and not found.
 */
export interface OrderRequest {
  verb: PersonVerb
  id: string
  /** The state the person saw: verbs with one starting state infer it; left out of the others, it is the state read. */
  seen?: OrderState
  reason?: string
  now: Date
  op?: string
  member?: MemberTarget | null
  unit?: UnitTarget | null
  pool?: PoolTarget | null
  duplicate?: DuplicateTarget | null
  report?: WorkReport
  rating?: Rating
}

export interface OrderPlan extends Plan<OrderState, OrderHistoryEntry> {
  verb: PersonVerb
  set: OrderPatch
}

/** What the verb's target adds: the transition's input, the guards the order must meet, the fields kept beside it. */
interface TargetPart {
  args: Partial<TransitionArgs>
  guards: Guard[]
  set: OrderPatch
}

const NO_ASSIGNEE: OrderPatch = { assigneeOpenid: null, assigneeRegistrationId: null, assigneeUnitId: null }

/** The verb's target, checked on its own (not found, not open); its guards on the order are judged with the order. */
function targetPart(req: OrderRequest, caller: OrderCaller): TargetPart {
  switch (req.verb) {
    case 'dispatchToMember':
    case 'passToMember': {
      const m = required(req.member)
      // Not registered anywhere (or not registered yet) is as far outside the community as it gets.
      if (!m || !m.userId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY', '这位党员没有在本社区报到，不能派单给他')
      const guards: Guard[] = [{ condition: { communityId: m.communityId }, code: 'ORDER.OUTSIDE_COMMUNITY' }]
      if (req.verb === 'passToMember') guards.push({ condition: { unitId: m.unitId }, code: 'ORDER.OUTSIDE_COMMUNITY', message: '这位党员不是本单位的党员' })
      return {
        args: { assignee: { id: m.userId, name: m.name } },
        guards,
        set: { assigneeOpenid: m.openid, assigneeRegistrationId: m.registrationId, assigneeUnitId: m.unitId, poolBuildingIds: null },
      }
    }
    case 'dispatchToUnit': {
      const u = required(req.unit)
      if (!u) throw new DomainError('ORG.UNKNOWN_UNIT')
      return {
        args: { unit: { id: u.id, name: u.name } },
        // Paired with the order's community, in the write itself.
        guards: [{ condition: { communityId: { $in: u.pairedCommunityIds } }, code: 'ORDER.UNIT_NOT_PAIRED' }],
        set: { ...NO_ASSIGNEE, poolBuildingIds: null },
      }
    }
    case 'pool': {
      const p = required(req.pool)
      if (!p || !p.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY', '找不到这个领单范围')
      return {
        args: { pool: { kind: p.kind, id: p.id, name: p.name } },
        guards: [{ condition: { communityId: p.communityId }, code: 'ORDER.OUTSIDE_COMMUNITY' }],
        set: { ...NO_ASSIGNEE, poolBuildingIds: p.kind === 'grid' ? [...p.buildingIds] : null },
      }
    }
    case 'merge': {
      const d = required(req.duplicate)
      // Another open order (not this one), of the same community (a guard on the order).
      if (!d || d._id === req.id || !isOpen(d.state)) throw new DomainError('ORDER.MERGE_TARGET_INVALID')
      return { args: { duplicateId: d._id }, guards: [{ condition: { communityId: d.communityId }, code: 'ORDER.MERGE_TARGET_INVALID' }], set: {} }
    }
    case 'finish':
      return { args: { report: req.report }, guards: [], set: {} }
    case 'confirm':
      return { args: { rating: req.rating }, guards: [], set: {} }
    case 'acceptDispatch': {
      // The member's own registration goes on the order for the ledger; their openid for later messages.
      const m = caller.member
      return { args: {}, guards: [], set: { assigneeOpenid: caller.openid, ...(m ? { assigneeRegistrationId: m.registrationId, assigneeUnitId: m.unitId } : {}) } }
    }
    case 'claim':
      return {
        args: {},
        guards: [],
        set: { assigneeOpenid: caller.openid, assigneeRegistrationId: caller.member?.registrationId ?? null, assigneeUnitId: caller.member?.unitId ?? null },
      }
    case 'declineDispatch':
    case 'release':
    case 'recall':
      return { args: {}, guards: [], set: { assigneeOpenid: null } }
    default:
      return { args: {}, guards: [], set: {} }
  }
}

/**
 * The verbs whose refusals on the order come before their own input checks: claim, finish and
 * confirm (they work with the order itself), and any verb sent without the state the person saw
 * (the state read is then the state planned from). The others check their input first. The order
 * of the checks decides which code a request with several faults gets; it is kept as it was.
 */
const ORDER_FIRST: ReadonlySet<OrderVerb> = new Set(['claim', 'finish', 'confirm'])

/**
 * The plan of `req.verb` on `order` (null: no such order) by `caller` (null: unknown to the
 * backend), or the precise refusal: AUTH.FORBIDDEN (unknown, or reaching no order at all),
 * ORDER.NOT_FOUND, the target's own codes, the input guards' codes, then on the order: out of scope
 * (AUTH.FORBIDDEN), a claim's state and pool, ORDER.NOT_OWNER, the state (refusalCode), the
 * target's guards; and ORDER.CHANGED when the order moved on from the state the person saw and
 * none of these explains it.
 *
 * `confirm` plans the system's `close` in the same write (two entries; the plan goes to `closed`),
 * so the booking of the hours right after is the only other write.
 */
export function planOrder(order: OrderRecord | null, caller: OrderCaller | null, req: OrderRequest): OrderPlan {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  const t = ORDER_TRANSITIONS[req.verb]
  const orderFirst = ORDER_FIRST.has(req.verb) || (req.seen === undefined && t.from.length > 1)
  if (orderFirst && !order) throw new DomainError('ORDER.NOT_FOUND')
  const from: OrderState = req.seen ?? (t.from.length === 1 ? t.from[0] : order!.state)
  // Someone who can reach no order at all for this verb is refused before anything else is looked at.
  reachGuards(req.verb, caller)
  const target = targetPart(req, caller)

  /** The precise refusal on the order as read; ORDER.CHANGED when it moved on and nothing else explains it. */
  const refuse = () => {
    if (!order) throw new DomainError('ORDER.NOT_FOUND')
    checkVerb(order, caller, req.verb)
    enforce(order, target.guards)
    if (order.state !== from) throw new DomainError('ORDER.CHANGED')
  }
  if (orderFirst) refuse()
  const step = planTransition(from, req.verb, { by: { id: caller.userId, name: caller.name }, now: req.now, op: req.op, reason: req.reason, ...target.args })
  if (!orderFirst) refuse()

  const set: OrderPatch = { ...step.set, ...target.set }
  const entries = [step.entry]
  let to = step.to
  if (req.verb === 'confirm') {
    const close = planTransition(step.to, 'close', { by: SYSTEM_ACTOR, now: req.now, op: req.op })
    entries.push(close.entry)
    set.state = to = close.to
  }
  const conditions = [...partyConditions(req.verb, caller), ...target.guards.map((g) => g.condition)]
  return { verb: req.verb, from, to, set, entries, conditions }
}

/** The system's `close` of an order left `confirmed` (the sweep), once its hours are booked. */
export function planClose(now: Date): Plan<OrderState, OrderHistoryEntry> {
  const step = planTransition('confirmed', 'close', { by: SYSTEM_ACTOR, now })
  return { from: step.from, to: step.to, set: step.set, entries: [step.entry], conditions: [] }
}
