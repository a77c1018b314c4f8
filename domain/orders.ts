/**
 * Service orders (点单 → 接单 → 派单 → 领单): a resident (or a grid worker or building head for
 * them) orders a service, the community accepts it, a branch or the community dispatches it to a
 * member, to a unit or into a claim pool, a member does it and the resident confirms and rates
 * it. Nothing a resident asks for may be silently forgotten, hence the time limits and the
 * escalation at the end of this file. docs/orders.md says the same in plain words.
 */
import { DomainError, type ErrorCode } from './errors'
import type { OrgNode } from './org'
import { can, reach, type PermissionAction } from './permissions'
import type { RoleGrant } from './roles'
import { SKILL_TAGS } from './registration'
import { ORDER_STATES, ORDER_STATE_LABELS, ORDER_URGENCIES, SERVICE_CATEGORIES, isOpen, type OrderState, type OrderUrgency, type ServiceCategory } from './orders-labels'

export * from './orders-labels'


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
  // Written by the confirming function once the hours are in the member's ledger; a crash between
  // the two leaves a `confirmed` order that the sweep finishes, so hours are credited exactly once.
  close: { from: ['confirmed'], to: 'closed', actor: 'system' },
  cancel: { from: ['ordered', 'accepted', 'dispatched_member', 'dispatched_unit', 'pooled', 'claimed'], to: 'cancelled', actor: 'requester' },
}

export const ORDER_VERBS = Object.keys(ORDER_TRANSITIONS) as OrderVerb[]

/**
 * The permission (domain/permissions.ts) a role-performed verb needs on the order's place.
 * Verbs of the requester and of the assignee are checked by ownership instead (assertOwner);
 * `close` is the function's own step.
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
// Categories of states: code asks these questions instead of comparing state strings.


export function isClaimable(state: OrderState): boolean {
  return state === 'pooled'
}

export function isCancellable(state: OrderState): boolean {
  return ORDER_TRANSITIONS.cancel.from.includes(state)
}

/** A member has it on their plate: what the recommendation counts as their current load. */
export function countsAsLoad(state: OrderState): boolean {
  return state === 'dispatched_member' || state === 'claimed' || state === 'in_progress'
}

/** States a claim has already moved past: a late claim there lost the race. */
const TAKEN: readonly OrderState[] = ['claimed', 'in_progress', 'done', 'confirmed', 'closed']
/** States where the work has begun (or ended): too late to cancel. */
const STARTED: readonly OrderState[] = ['in_progress', 'done', 'complained', 'confirmed', 'closed']

/** Whose move it is, for lists ("待谁处理") and for escalation. */
export type OrderParty = 'community' | 'dispatcher' | 'unit' | 'member' | 'requester' | 'system'

export function awaiting(state: OrderState): OrderParty | null {
  switch (state) {
    case 'ordered':
      return 'community'
    case 'complained':
      // A complaint comes back to the community, which redoes (dispatches again) or settles it.
      return 'community'
    case 'accepted':
    case 'pooled':
      // A pooled order waits for any member, but the dispatcher answers for it.
      return 'dispatcher'
    case 'dispatched_unit':
      return 'unit'
    case 'dispatched_member':
    case 'claimed':
    case 'in_progress':
      return 'member'
    case 'done':
      return 'requester'
    case 'confirmed':
      return 'system'
    default:
      return null
  }
}

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

// ---------------------------------------------------------------------------------------------
// Ownership: verbs of the requester and the assignee are theirs alone.

export interface OrderParties {
  /** The resident's user id when they have an account (null when a grid worker ordered for someone without one). */
  residentId: string | null
  /** Who pressed the button: the resident, or the grid worker or building head ordering for them. */
  placedById: string
  /** The member it is dispatched to or who claimed it. */
  assigneeId?: string | null
}

/** ORDER.NOT_OWNER unless `userId` may perform this requester or assignee verb; role verbs pass (permissions decide). */
export function assertOwner(order: OrderParties, verb: OrderVerb, userId: string): void {
  const actor = ORDER_TRANSITIONS[verb].actor
  if (actor === 'requester' && userId !== order.residentId && userId !== order.placedById) throw new DomainError('ORDER.NOT_OWNER')
  if (actor === 'assignee' && (!order.assigneeId || userId !== order.assigneeId)) throw new DomainError('ORDER.NOT_OWNER')
}

// ---------------------------------------------------------------------------------------------
// What a person may press now: the buttons of the order page. The cloud function answers it with
// the order (`OrderDetail.can`); the actions check the same conditions in their writes, and
// cloudfunctions/orders tests that each verb listed succeeds and each verb left out is refused.

/** The person looking at the order, as the function knows them. */
export interface OrderViewer {
  userId: string
  /** Roles held now (the member role derived from a registered live registration included). */
  grants: readonly RoleGrant[]
  /** Their registered live registration (null: not a member anywhere): claims need it. */
  member: { communityId: string; buildingId: string | null } | null
}

/** What of the order decides the buttons. */
export type OrderForVerbs = Pick<OrderRecord, 'state' | 'residentId' | 'placedById' | 'assigneeId' | 'unitId' | 'communityId' | 'lineage' | 'pool'> & {
  /** For a grid pool: the grid's buildings when it was pooled (the claim's own filter). */
  poolBuildingIds?: readonly string[] | null
}

/** Whether the member may claim from the order's pool: their community, and their building in the grid for a grid pool. */
export function inOrderPool(order: Pick<OrderForVerbs, 'communityId' | 'pool' | 'poolBuildingIds'>, member: NonNullable<OrderViewer['member']>): boolean {
  if (!order.pool || member.communityId !== order.communityId) return false
  if (order.pool.kind === 'community') return true
  return !!member.buildingId && (order.poolBuildingIds ?? []).includes(member.buildingId)
}

/** Whether `viewer` may perform `verb` on the order now (its state, their role in its place, or their part in it). */
export function mayPerform(order: OrderForVerbs, viewer: OrderViewer, verb: OrderVerb): boolean {
  const t = ORDER_TRANSITIONS[verb]
  if (!t.from.includes(order.state)) return false
  switch (t.actor) {
    case 'system':
      return false
    case 'requester':
      return viewer.userId === order.residentId || viewer.userId === order.placedById
    case 'assignee':
      return !!order.assigneeId && viewer.userId === order.assigneeId
    case 'member':
      return !!viewer.member && inOrderPool(order, viewer.member)
    case 'unit_admin':
      return !!order.unitId && reach(viewer.grants, ORDER_PERMISSION[verb] as PermissionAction).unitIds.includes(order.unitId)
    default:
      return can(viewer.grants, ORDER_PERMISSION[verb] as PermissionAction, { kind: 'org', lineage: order.lineage })
  }
}

/** The verbs `viewer` may press now, in the table's order (`close` is the function's own, never listed). */
export function availableVerbs(order: OrderForVerbs, viewer: OrderViewer | null): OrderVerb[] {
  if (!viewer) return []
  return ORDER_VERBS.filter((verb) => mayPerform(order, viewer, verb))
}

// ---------------------------------------------------------------------------------------------
// Input guards. Each returns the cleaned value or throws the precise code; nothing is written
// when one throws, because the function calls them before its write.

export const REASON_MIN = 2
export const REASON_MAX = 200

/** The reason a verb needs (trimmed, 2–200), or the optional one others may carry (≤ 200), or undefined. */
export function checkReason(verb: OrderVerb, reason: string | undefined): string | undefined {
  const text = reason?.trim() ?? ''
  if (text.length > REASON_MAX) throw new DomainError('ORDER.REASON_TOO_LONG')
  if (!ORDER_TRANSITIONS[verb].needsReason) return text || undefined
  if (text.length < REASON_MIN) throw new DomainError('ORDER.REASON_REQUIRED')
  return text
}


export const DESCRIPTION_MIN = 2
export const DESCRIPTION_MAX = 500
/** A time picked as "now" and sent a few minutes later is not in the past. */
export const PAST_TOLERANCE_MS = 10 * 60_000
export const MAX_DAYS_AHEAD = 90

export interface OrderInput {
  /** A service-list item, or null for "other" (其他). */
  itemId: string | null
  description: string
  preferredAt: Date
  urgency: OrderUrgency
}

/** The cleaned order input; `now` is injected so tests control the clock. */
export function checkOrderInput(input: OrderInput, now: Date): OrderInput {
  const description = input.description.trim()
  if (description.length < DESCRIPTION_MIN) throw new DomainError('ORDER.DESCRIPTION_REQUIRED')
  if (description.length > DESCRIPTION_MAX) throw new DomainError('ORDER.DESCRIPTION_TOO_LONG')
  const at = input.preferredAt.getTime()
  if (Number.isNaN(at)) throw new DomainError('ORDER.TIME_IN_PAST')
  if (at < now.getTime() - PAST_TOLERANCE_MS) throw new DomainError('ORDER.TIME_IN_PAST')
  if (at > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) throw new DomainError('ORDER.TIME_TOO_FAR')
  return { itemId: input.itemId, description, preferredAt: input.preferredAt, urgency: input.urgency }
}

export const HOURS_MIN = 0.5
export const HOURS_MAX = 24
export const NOTE_MIN = 2
export const NOTE_MAX = 500
export const PHOTOS_MAX = 9

/** What the member reports at `finish`. Photos are file ids; optional, since not every helper can take one. */
export interface WorkReport {
  note: string
  photos: string[]
  hours: number
}

export function checkWorkReport(report: WorkReport): WorkReport {
  const note = report.note.trim()
  if (note.length < NOTE_MIN) throw new DomainError('ORDER.NOTE_REQUIRED')
  if (note.length > NOTE_MAX) throw new DomainError('ORDER.NOTE_TOO_LONG')
  if (report.photos.length > PHOTOS_MAX) throw new DomainError('ORDER.TOO_MANY_PHOTOS')
  // Half-hour steps: the ledger and the yearly requirement (e.g. 40 hours) count in halves.
  const h = report.hours
  if (!Number.isFinite(h) || h < HOURS_MIN || h > HOURS_MAX || Math.round(h * 2) !== h * 2) throw new DomainError('ORDER.HOURS_INVALID')
  return { note, photos: report.photos, hours: h }
}

export const COMMENT_MAX = 200
/** At or below this many stars the resident says why: a low mark without words helps nobody (群众监督). */
export const LOW_RATING = 2

export interface Rating {
  stars: number
  comment: string
}

export function checkRating(rating: Rating): Rating {
  const { stars } = rating
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new DomainError('ORDER.RATING_INVALID')
  const comment = rating.comment.trim()
  if (comment.length > COMMENT_MAX) throw new DomainError('ORDER.COMMENT_TOO_LONG')
  if (stars <= LOW_RATING && comment.length < REASON_MIN) throw new DomainError('ORDER.COMMENT_REQUIRED')
  return { stars, comment }
}

// ---------------------------------------------------------------------------------------------
// Where work may go: dispatch targets, pools, claims, merges.

/** A claim pool: the members of one grid, or of the whole community. */
export interface PoolScope {
  kind: 'grid' | 'community'
  id: string
}

/** The order's place, as the checks below need it. */
export interface OrderPlace {
  communityId: string
  /** lineage() of the most specific node known (the building, else the community). */
  lineage: readonly string[]
}

/** A registered member, as dispatching and claiming need them. */
export interface MemberPlace {
  communityId: string
  /** lineage() of the member's building in that community, or of the community when no building is given. */
  lineage: readonly string[]
}

export function checkDispatchToMember(order: OrderPlace, member: MemberPlace): void {
  if (member.communityId !== order.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY')
}

export function checkDispatchToUnit(order: OrderPlace, unit: { pairedCommunityIds: readonly string[] }): void {
  if (!unit.pairedCommunityIds.includes(order.communityId)) throw new DomainError('ORDER.UNIT_NOT_PAIRED')
}

/** A pool must be the order's community, or a grid inside it (`grid`: the node read for a grid pool, null when there is none). */
export function checkPoolScope(order: OrderPlace, pool: PoolScope, grid?: Pick<OrgNode, '_id' | 'kind' | 'path'> | null): void {
  const inside =
    pool.kind === 'community'
      ? pool.id === order.communityId
      : !!grid && grid.kind === 'grid' && grid._id === pool.id && grid.path.includes(order.communityId)
  if (!inside) throw new DomainError('ORDER.OUTSIDE_COMMUNITY')
}

/** Whether a member may claim from this pool: their community, and their grid for a grid pool. */
export function inPool(pool: PoolScope, member: MemberPlace): boolean {
  return pool.kind === 'community' ? member.communityId === pool.id : member.lineage.includes(pool.id)
}

/**
 * Everything a claim checks besides the race (which the conditional update settles): the state
 * (ALREADY_CLAIMED / NOT_IN_POOL), the community, the pool's grid.
 */
export function checkClaim(order: OrderPlace & { state: OrderState; pool: PoolScope | null }, member: MemberPlace): void {
  nextState(order.state, 'claim')
  if (member.communityId !== order.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY')
  if (!order.pool || !inPool(order.pool, member)) throw new DomainError('ORDER.OUTSIDE_POOL')
}

/** What a member sees in the pool list: their places, and their skills when the order wants some. */
export function poolFits(order: { pool: PoolScope | null; skills: readonly string[] }, member: MemberPlace & { skills: readonly string[] }): boolean {
  if (!order.pool || !inPool(order.pool, member)) return false
  return order.skills.length === 0 || order.skills.some((s) => member.skills.includes(s))
}

/** The duplicate an order merges into: another open order of the same community, not itself merged. */
export function checkMerge(order: { _id: string; communityId: string }, into: { _id: string; communityId: string; state: OrderState }): void {
  if (into._id === order._id || into.communityId !== order.communityId || !isOpen(into.state)) throw new DomainError('ORDER.MERGE_TARGET_INVALID')
}

// ---------------------------------------------------------------------------------------------
// The service list (服务清单): what a community asks for, claimed by members whose skills fit.


export interface ServiceItemInput {
  category: string
  title: string
  description: string
  skills: string[]
  expectedHours: number
  capacity: number
  /** A standing item (常设项目) is claimed by members, up to `capacity`; a plain one is only ordered by residents. */
  standing: boolean
}

/** One item of a community's service list, as stored in `serviceItems`. */
export interface ServiceItem extends ServiceItemInput {
  _id: string
  communityId: string
  /** Members who claimed this standing item; its length never exceeds `capacity` (the claim's conditional update keeps it). */
  claimants: string[]
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export const TITLE_MAX = 30
export const CAPACITY_MAX = 1000
export const EXPECTED_HOURS_MAX = 200

export function checkServiceItemInput(input: ServiceItemInput, claimedCount = 0): ServiceItemInput {
  if (!(SERVICE_CATEGORIES as readonly string[]).includes(input.category)) throw new DomainError('ORDER.CATEGORY_UNKNOWN')
  const title = input.title.trim()
  if (title.length < 2 || title.length > TITLE_MAX) throw new DomainError('ORDER.ITEM_TITLE_REQUIRED')
  const description = input.description.trim()
  if (description.length > DESCRIPTION_MAX) throw new DomainError('ORDER.DESCRIPTION_TOO_LONG')
  if (input.skills.some((s) => !(SKILL_TAGS as readonly string[]).includes(s))) throw new DomainError('ORDER.SKILL_UNKNOWN')
  const h = input.expectedHours
  if (!Number.isFinite(h) || h < HOURS_MIN || h > EXPECTED_HOURS_MAX || Math.round(h * 2) !== h * 2) throw new DomainError('ORDER.EXPECTED_HOURS_INVALID')
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > CAPACITY_MAX) throw new DomainError('ORDER.CAPACITY_INVALID')
  if (input.capacity < claimedCount) throw new DomainError('ORDER.CAPACITY_BELOW_CLAIMED')
  return { category: input.category, title, description, skills: [...new Set(input.skills)], expectedHours: h, capacity: input.capacity, standing: input.standing }
}

export function seatsLeft(item: Pick<ServiceItem, 'capacity' | 'claimants'>): number {
  return Math.max(0, item.capacity - item.claimants.length)
}

/**
 * A member claiming a standing item. The database repeats the capacity and duplicate checks in
 * the write (`where({ _id, active: true, claimants: _.nin([userId]), 'claimants.<capacity-1>': _.exists(false) })`
 * then `claimants: _.push(userId)`), so simultaneous claims never overfill it; this is the
 * precise answer for the person when that write changed nothing.
 */
export function checkItemClaim(
  item: Pick<ServiceItem, 'communityId' | 'capacity' | 'claimants' | 'skills' | 'standing' | 'active'>,
  member: { userId: string; communityId: string; skills: readonly string[] },
): void {
  if (!item.standing || !item.active) throw new DomainError('ORDER.ITEM_CLOSED')
  if (member.communityId !== item.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY')
  if (item.claimants.includes(member.userId)) throw new DomainError('ORDER.ITEM_ALREADY_JOINED')
  if (item.skills.length > 0 && !item.skills.some((s) => member.skills.includes(s))) throw new DomainError('ORDER.SKILL_MISMATCH')
  if (seatsLeft(item) === 0) throw new DomainError('ORDER.CAPACITY_FULL')
}

// ---------------------------------------------------------------------------------------------
// The timeline: one history entry per step, pushed by the same conditional update that changes
// the state, so the audit record cannot be missing or disagree with the state.

/** The verbs of the timeline: the table's verbs, the first `order`, and the sweep's `escalate`. */
export type OrderHistoryVerb = 'order' | OrderVerb | 'escalate'

export const ORDER_HISTORY_LABELS: Record<OrderHistoryVerb, string> = {
  order: '点单',
  accept: '社区接单',
  decline: '社区未受理',
  merge: '合并重复单',
  dispatchToMember: '派单给党员',
  dispatchToUnit: '派单给单位',
  passToMember: '单位转派',
  pool: '放入领单池',
  recall: '收回派单',
  acceptDispatch: '党员接单',
  declineDispatch: '党员婉拒',
  claim: '党员领单',
  release: '退回领单',
  start: '开始服务',
  finish: '完成服务',
  confirm: '确认评价',
  complain: '提出投诉',
  resolve: '投诉办结',
  close: '办结',
  cancel: '取消点单',
  escalate: '超时督办',
}

export const ESCALATION_LEVELS = ['branch', 'community', 'street'] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = { branch: '小区党支部', community: '社区党委', street: '街道党工委' }

export interface OrderHistoryEntry {
  verb: OrderHistoryVerb
  from: OrderState | null
  to: OrderState
  /** The acting user's record id ('system' for the sweep and the hours booking). */
  by: string
  byName: string
  at: Date
  reason?: string
  /** The invocation that wrote the entry. */
  op?: string
  /** dispatchToMember, passToMember: who it went to. */
  assigneeName?: string
  /** dispatchToUnit: which unit. */
  unitName?: string
  /** pool: which grid or community. */
  poolName?: string
  /** merge: the duplicate kept. */
  mergedInto?: string
  /** finish: the hours reported. */
  hours?: number
  /** confirm: the stars given. */
  stars?: number
  /** escalate: who was notified. */
  level?: EscalationLevel
}

/** One timeline line in words, without who and when (the UI shows those beside it). */
export function describeEntry(e: OrderHistoryEntry): string {
  const why = e.reason ? `：${e.reason}` : ''
  switch (e.verb) {
    case 'dispatchToMember':
      return `派单给${e.assigneeName ?? '党员'}`
    case 'passToMember':
      return `单位转派给${e.assigneeName ?? '党员'}`
    case 'dispatchToUnit':
      return `派单给${e.unitName ?? '单位'}`
    case 'pool':
      return `放入${e.poolName ?? ''}领单池`
    case 'finish':
      return e.hours === undefined ? '完成服务' : `完成服务，服务${e.hours}小时`
    case 'confirm':
      return e.stars === undefined ? '确认完成' : `确认完成，评价${e.stars}星${why}`
    case 'escalate':
      return `超时督办，已通知${e.level ? ESCALATION_LEVEL_LABELS[e.level] : '上级'}`
    case 'close':
      return '办结，服务时长已计入'
    default:
      return `${ORDER_HISTORY_LABELS[e.verb]}${why}`
  }
}

/** An order as stored in the `orders` collection. */
export interface OrderRecord {
  _id: string
  /** The service-list item ordered, or null for "other". */
  itemId: string | null
  category: ServiceCategory
  /** Skills the work wants: the item's, or chosen by the admin for "other". */
  skills: string[]
  description: string
  preferredAt: Date
  urgency: OrderUrgency
  residentId: string | null
  residentName: string
  placedById: string
  placedByName: string
  streetId: string
  communityId: string
  communityName: string
  compoundId: string | null
  gridId: string | null
  buildingId: string | null
  buildingName: string | null
  /** lineage() of the building (else the community): the scope filter of every role-performed verb. */
  lineage: string[]
  state: OrderState
  /** When the current state began: time limits count from here. */
  stateSince: Date
  assigneeId: string | null
  assigneeName: string | null
  unitId: string | null
  pool: PoolScope | null
  /** When a member took it (acceptDispatch or claim): the finish limit counts from the later of this and preferredAt. */
  claimedAt: Date | null
  mergedInto: string | null
  report: WorkReport | null
  rating: Rating | null
  /** Set by the escalation sweep (nextAt: when the next level is due, null at the street), cleared by the next transition. */
  overdue: { level: EscalationLevel; since: Date; nextAt: Date | null } | null
  /** Meaningful in declined, complained, and after a declined dispatch or a release. */
  reason?: string
  history: OrderHistoryEntry[]
  createdAt: Date
  updatedAt: Date
}

// ---------------------------------------------------------------------------------------------
// Time limits and escalation. Pure: `now` is always passed in.

/** Per-community settings; every limit in hours. */
export interface OrderTimeSettings {
  /** ordered → the community accepts or declines; also complained → the community redoes or settles it. */
  acceptHours: number
  /** accepted → dispatched or pooled. */
  dispatchHours: number
  /** dispatched or pooled → a member takes it. */
  claimHours: number
  /** After the preferred time (or the claim, if later) → done. */
  finishHours: number
  /** Urgent orders: every limit times this. */
  urgentScale: number
}

export const DEFAULT_ORDER_SETTINGS: OrderTimeSettings = { acceptHours: 24, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 }
export const SETTING_HOURS_MAX = 720

export function checkTimeSettings(s: OrderTimeSettings): OrderTimeSettings {
  for (const h of [s.acceptHours, s.dispatchHours, s.claimHours, s.finishHours]) {
    if (!Number.isFinite(h) || h < 1 || h > SETTING_HOURS_MAX) throw new DomainError('ORDER.SETTINGS_INVALID')
  }
  if (!Number.isFinite(s.urgentScale) || s.urgentScale < 0.1 || s.urgentScale > 1) throw new DomainError('ORDER.SETTINGS_INVALID')
  return { ...s }
}

/** Which limit runs in each state; states without one wait on nobody the community answers for. */
export type OrderLimit = 'accept' | 'dispatch' | 'claim' | 'finish' | 'complaint'

export const STATE_LIMIT: Record<OrderState, OrderLimit | null> = {
  ordered: 'accept',
  accepted: 'dispatch',
  complained: 'complaint',
  dispatched_member: 'claim',
  dispatched_unit: 'claim',
  pooled: 'claim',
  claimed: 'finish',
  in_progress: 'finish',
  // The resident is never chased by the system; the hours booking is the function's own step.
  done: null,
  confirmed: null,
  declined: null,
  merged: null,
  closed: null,
  cancelled: null,
}

export const OVERDUE_LABELS: Record<OrderLimit, string> = { accept: '超时未接单', dispatch: '超时未派单', claim: '超时无人接单', finish: '超时未完成', complaint: '投诉超时未处理' }

const HOUR_MS = 3_600_000

export function limitHours(limit: OrderLimit, urgency: OrderUrgency, s: OrderTimeSettings): number {
  const base = { accept: s.acceptHours, dispatch: s.dispatchHours, claim: s.claimHours, finish: s.finishHours, complaint: s.acceptHours }[limit]
  return urgency === 'urgent' ? base * s.urgentScale : base
}

export type OrderClock = Pick<OrderRecord, 'state' | 'stateSince' | 'preferredAt' | 'urgency' | 'claimedAt'>

/** When the current step must be over, or null when no limit runs. */
export function deadlineOf(order: OrderClock, s: OrderTimeSettings): Date | null {
  const limit = STATE_LIMIT[order.state]
  if (!limit) return null
  const ms = limitHours(limit, order.urgency, s) * HOUR_MS
  if (limit !== 'finish') return new Date(order.stateSince.getTime() + ms)
  const from = Math.max(order.preferredAt.getTime(), (order.claimedAt ?? order.stateSince).getTime())
  return new Date(from + ms)
}

export function isOverdue(order: OrderClock, now: Date, s: OrderTimeSettings): boolean {
  const d = deadlineOf(order, s)
  return d !== null && now.getTime() > d.getTime()
}

/** The places escalation names: the order's street, community and compound (its branch). */
export type OrderScope = Pick<OrderRecord, 'streetId' | 'communityId' | 'compoundId'>

export interface Escalation {
  limit: OrderLimit
  label: string
  deadline: Date
  overdueHours: number
  /** Who is told: one level above whoever is late, one more per further full limit overdue, at most the street. */
  level: EscalationLevel
  /** The org node of that level (compound for a branch). */
  orgId: string
  /** When the next level up will be told if nothing happens; null once the street knows. */
  nextAt: Date | null
}

/**
 * Who is late and who hears of it. The community is late to accept (or to answer a complaint): its street hears. A dispatcher
 * is late to dispatch: the branch's community hears (the street, when the order has no compound,
 * so the community dispatched). A member or unit is late to take or finish: the dispatcher's level
 * hears (the branch, else the community). Each further full limit overdue climbs one level.
 */
export function escalationOf(order: OrderClock & OrderScope, now: Date, s: OrderTimeSettings): Escalation | null {
  const limit = STATE_LIMIT[order.state]
  const deadline = deadlineOf(order, s)
  if (!limit || !deadline || now.getTime() <= deadline.getTime()) return null
  const dispatcherLevel = order.compoundId ? 0 : 1
  const base = limit === 'accept' || limit === 'complaint' ? 2 : limit === 'dispatch' ? dispatcherLevel + 1 : dispatcherLevel
  const overdueMs = now.getTime() - deadline.getTime()
  const periodMs = limitHours(limit, order.urgency, s) * HOUR_MS
  const periods = Math.floor(overdueMs / periodMs)
  const index = Math.min(2, base + periods)
  const level = ESCALATION_LEVELS[index]
  const orgId = level === 'branch' ? (order.compoundId as string) : level === 'community' ? order.communityId : order.streetId
  const nextAt = index < 2 ? new Date(deadline.getTime() + (periods + 1) * periodMs) : null
  return { limit, label: OVERDUE_LABELS[limit], deadline, overdueHours: Math.floor(overdueMs / HOUR_MS), level, orgId, nextAt }
}

/**
 * The indexed queries of the escalation sweep: one per group of communities sharing settings,
 * per timed state, per urgency. Each is an equality on communityId (in), state and urgency plus
 * a range on one date field, so the index `communityId_state_urgency_<field>` answers it without
 * touching orders that are not late. Finish limits range on preferredAt; the sweep drops the few
 * rows whose claimedAt is later (escalationOf decides). The sweep adds `overdue.nextAt` null or
 * before now, so an order already escalated is read again only when its next level is due.
 */
export interface OverdueQuery {
  communityIds: string[]
  state: OrderState
  urgency: OrderUrgency
  field: 'stateSince' | 'preferredAt'
  before: Date
}

export function overdueQueries(groups: ReadonlyArray<{ communityIds: string[]; settings: OrderTimeSettings }>, now: Date): OverdueQuery[] {
  const out: OverdueQuery[] = []
  for (const g of groups) {
    for (const state of ORDER_STATES) {
      const limit = STATE_LIMIT[state]
      if (!limit) continue
      for (const urgency of ORDER_URGENCIES) {
        const before = new Date(now.getTime() - limitHours(limit, urgency, g.settings) * HOUR_MS)
        out.push({ communityIds: g.communityIds, state, urgency, field: limit === 'finish' ? 'preferredAt' : 'stateSince', before })
      }
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// What a transition writes. The request names the state the person saw (a pool claim: `pooled`);
// the cloud function turns the plan into ONE conditional update:
//   orders.where({ _id, state: plan.from, <scope or ownership> })
//         .update({ ...plan.set, history: _.push(plan.entry) })
// and reads `stats.updated`. 0 means the state moved under it or the caller is out of scope or not
// the owner; only then one read of the order says which code to answer (ORDER.NOT_FOUND,
// AUTH.FORBIDDEN, ORDER.NOT_OWNER, ORDER.ALREADY_CLAIMED for a lost claim, else ORDER.CHANGED).
// Caller + update = 2 round trips; the entry's `from` is exact because the filter pins it.

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
  Pick<OrderRecord, 'state' | 'stateSince' | 'updatedAt' | 'overdue' | 'assigneeId' | 'assigneeName' | 'unitId' | 'pool' | 'claimedAt' | 'mergedInto' | 'report' | 'rating' | 'reason'>
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

/** Where and for whom a new order is placed; the function resolves the building's lineage first. */
export interface NewOrderArgs {
  id: string
  input: OrderInput
  item: Pick<ServiceItem, '_id' | 'category' | 'skills'> | null
  /** For "other": the category the person picked (default 其他). */
  category?: ServiceCategory
  resident: { id: string | null; name: string }
  placedBy: { id: string; name: string }
  place: Pick<OrderRecord, 'streetId' | 'communityId' | 'communityName' | 'compoundId' | 'gridId' | 'buildingId' | 'buildingName' | 'lineage'>
  now: Date
  op?: string
}

/** A new order in `ordered`, its first timeline entry included; throws the input guards' codes. */
export function newOrder(a: NewOrderArgs): OrderRecord {
  const input = checkOrderInput(a.input, a.now)
  if (input.itemId !== (a.item?._id ?? null)) throw new DomainError('REQUEST.INVALID')
  const entry: OrderHistoryEntry = { verb: 'order', from: null, to: 'ordered', by: a.placedBy.id, byName: a.placedBy.name, at: a.now }
  if (a.op) entry.op = a.op
  return {
    _id: a.id,
    itemId: input.itemId,
    category: a.item ? (a.item.category as ServiceCategory) : (a.category ?? '其他'),
    skills: a.item ? [...a.item.skills] : [],
    description: input.description,
    preferredAt: input.preferredAt,
    urgency: input.urgency,
    residentId: a.resident.id,
    residentName: a.resident.name,
    placedById: a.placedBy.id,
    placedByName: a.placedBy.name,
    ...a.place,
    lineage: [...a.place.lineage],
    state: 'ordered',
    stateSince: a.now,
    assigneeId: null,
    assigneeName: null,
    unitId: null,
    pool: null,
    claimedAt: null,
    mergedInto: null,
    report: null,
    rating: null,
    overdue: null,
    history: [entry],
    createdAt: a.now,
    updatedAt: a.now,
  }
}
