/**
 * The order lifecycle (点单 → 接单 → 派单 → 领单) as a table: which verb moves an order from which
 * states to which, who performs it and with what permission, and the questions code asks about a
 * state instead of comparing state strings. docs/orders.md says the same in words.
 */
import { DomainError, type ErrorCode } from '../errors'
import type { PermissionAction } from '../permissions'
import { ORDER_STATE_LABELS, type OrderState } from '../orders-labels'

export type OrderVerb =
  | 'accept'
  | 'decline'
  | 'merge'
  | 'dispatchToMember'
  | 'dispatchToUnit'
  | 'passToMember'
  | 'pool'
  | 'recall'
  | 'acceptDispatch'
  | 'declineDispatch'
  | 'claim'
  | 'release'
  | 'start'
  | 'finish'
  | 'confirm'
  | 'complain'
  | 'resolve'
  | 'close'
  | 'cancel'

/**
 * Who performs a verb. `requester`: the resident the order is for, or whoever placed it for them
 * (grid worker, building head). `dispatcher`: a branch admin of the order's compound or an admin
 * of its community. `assignee`: the member the order is dispatched to or who claimed it.
 * `member`: any member of the community who may claim from the pool. `system`: the cloud function
 * itself, after crediting the service hours.
 */
export type OrderActor = 'requester' | 'community_admin' | 'dispatcher' | 'unit_admin' | 'assignee' | 'member' | 'system'

/** What a verb needs besides the order: a member, a unit, a pool scope, a duplicate order, the work report, the rating. */
export type OrderInputKind = 'member' | 'unit' | 'pool' | 'duplicate' | 'report' | 'rating'

export interface OrderTransition {
  from: readonly OrderState[]
  to: OrderState
  actor: OrderActor
  needsReason?: boolean
  input?: OrderInputKind
}

/** Where a dispatcher may send work from: a fresh acceptance, a pool nobody took, or a complaint to redo. */
const DISPATCHABLE = ['accepted', 'pooled', 'complained'] as const

export const ORDER_TRANSITIONS: Record<OrderVerb, OrderTransition> = {
  accept: { from: ['ordered'], to: 'accepted', actor: 'community_admin' },
  decline: { from: ['ordered'], to: 'declined', actor: 'community_admin', needsReason: true },
  // Only before anyone works on it: a merged order's requester follows the duplicate instead.
  merge: { from: ['ordered', 'accepted'], to: 'merged', actor: 'community_admin', input: 'duplicate' },
  dispatchToMember: { from: DISPATCHABLE, to: 'dispatched_member', actor: 'dispatcher', input: 'member' },
  dispatchToUnit: { from: DISPATCHABLE, to: 'dispatched_unit', actor: 'dispatcher', input: 'unit' },
  passToMember: { from: ['dispatched_unit'], to: 'dispatched_member', actor: 'unit_admin', input: 'member' },
  pool: { from: ['accepted', 'complained'], to: 'pooled', actor: 'dispatcher', input: 'pool' },
  // A dispatch nobody answers is taken back and tried elsewhere, never left waiting.
  recall: { from: ['dispatched_member', 'dispatched_unit', 'pooled'], to: 'accepted', actor: 'dispatcher' },
  acceptDispatch: { from: ['dispatched_member'], to: 'claimed', actor: 'assignee' },
  declineDispatch: { from: ['dispatched_member'], to: 'accepted', actor: 'assignee', needsReason: true },
  claim: { from: ['pooled'], to: 'claimed', actor: 'member' },
  release: { from: ['claimed'], to: 'accepted', actor: 'assignee', needsReason: true },
  start: { from: ['claimed'], to: 'in_progress', actor: 'assignee' },
  finish: { from: ['in_progress'], to: 'done', actor: 'assignee', input: 'report' },
  confirm: { from: ['done'], to: 'confirmed', actor: 'requester', input: 'rating' },
  complain: { from: ['done'], to: 'complained', actor: 'requester', needsReason: true },
  // The community settles a complaint without redoing the work (otherwise it dispatches again).
  resolve: { from: ['complained'], to: 'closed', actor: 'community_admin', needsReason: true },
  // The system's step: confirm takes it in the same write (plan.ts), so a rated order is closed at
  // once; the sweep closes an order left `confirmed` by an older call.
  close: { from: ['confirmed'], to: 'closed', actor: 'system' },
  cancel: { from: ['ordered', 'accepted', 'dispatched_member', 'dispatched_unit', 'pooled', 'claimed'], to: 'cancelled', actor: 'requester' },
}

export const ORDER_VERBS = Object.keys(ORDER_TRANSITIONS) as OrderVerb[]

/** The verbs a person performs (every verb but the system's `close`). */
export type PersonVerb = Exclude<OrderVerb, 'close'>

/**
 * The permission (domain/permissions.ts) a role-performed verb needs on the order's place.
 * Verbs of the requester and of the assignee are checked by ownership instead (scope.ts);
 * `close` is the system's own step.
 */
export const ORDER_PERMISSION: Record<OrderVerb, PermissionAction | null> = {
  accept: 'order.accept',
  decline: 'order.accept',
  merge: 'order.accept',
  resolve: 'order.accept',
  dispatchToMember: 'order.dispatch',
  dispatchToUnit: 'order.dispatch',
  pool: 'order.dispatch',
  recall: 'order.dispatch',
  passToMember: 'order.passToMember',
  claim: 'order.claim',
  acceptDispatch: null,
  declineDispatch: null,
  release: null,
  start: null,
  finish: null,
  confirm: null,
  complain: null,
  close: null,
  cancel: null,
}

// ---------------------------------------------------------------------------------------------
// Categories of states: code asks these questions instead of comparing state strings. isOpen and
// isFinished live in orders-labels.ts (the 服务 tab needs them without the table).

export function isClaimable(state: OrderState): boolean {
  return state === 'pooled'
}

/** A member has it on their plate: what the recommendation counts as their current load. */
export function countsAsLoad(state: OrderState): boolean {
  return state === 'dispatched_member' || state === 'claimed' || state === 'in_progress'
}

/**
 * Nothing will be written to it again: every state but the open ones and `confirmed` (whose hours
 * the system still books). Work lists show the others.
 */
export function isSettled(state: OrderState): boolean {
  return state === 'declined' || state === 'merged' || state === 'closed' || state === 'cancelled'
}

/** A `reason` on the order says why it is in this state (not taken, cancelled, complained of). */
export function explainsState(state: OrderState): boolean {
  return state === 'declined' || state === 'cancelled' || state === 'complained'
}

/** States a claim has already moved past: a late claim there lost the race. */
const TAKEN: readonly OrderState[] = ['claimed', 'in_progress', 'done', 'confirmed', 'closed']
/** States where the work has begun (or ended): too late to cancel. */
const STARTED: readonly OrderState[] = ['in_progress', 'done', 'complained', 'confirmed', 'closed']

/** The code a refused verb answers with: precise where a person can act on it, else INVALID_TRANSITION. */
export function refusalCode(state: OrderState, verb: OrderVerb): ErrorCode {
  if (verb === 'claim') return TAKEN.includes(state) ? 'ORDER.ALREADY_CLAIMED' : 'ORDER.NOT_IN_POOL'
  if (verb === 'cancel' && STARTED.includes(state)) return 'ORDER.ALREADY_STARTED'
  return 'ORDER.INVALID_TRANSITION'
}

/** The state after `verb`, or a DomainError (refusalCode) when the verb does not apply. */
export function nextState(state: OrderState, verb: OrderVerb): OrderState {
  const t = ORDER_TRANSITIONS[verb]
  if (t.from.includes(state)) return t.to
  const code = refusalCode(state, verb)
  throw new DomainError(code, code === 'ORDER.INVALID_TRANSITION' ? `当前状态为「${ORDER_STATE_LABELS[state]}」，不能进行这个操作` : undefined)
}
