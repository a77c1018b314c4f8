import * as v from 'valibot'
import { action, area } from './contract'
import { ORDER_STATES, ORDER_URGENCIES, SERVICE_CATEGORIES } from '../orders-labels'
import type { EscalationLevel, OrderState, OrderTimeSettings, OrderUrgency, OrderVerb } from '../orders'
import type { ScoreParts } from '../recommend'

export type { OrderTimeSettings, OrderVerb }

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
/** Reasons are checked by the domain (checkReason: ORDER.REASON_REQUIRED / REASON_TOO_LONG) so the codes stay precise. */
const reason = v.optional(v.string('原因必须是文字'))
const reasonRequired = v.string('请填写原因')
const state = v.picklist(ORDER_STATES, '未知的状态')
const isoTime = v.pipe(v.string('请选择时间'), v.isoTimestamp('时间格式不正确'))
const limit = v.optional(v.pipe(v.number('每页条数必须是数字'), v.integer('每页条数必须是整数'), v.minValue(1, '每页至少1条'), v.maxValue(200, '每页最多200条')))

/**
 * `seen`: the state the person saw when they pressed the button. The conditional update pins it,
 * so the timeline's `from` is exact and a change in between is answered, never overwritten.
 * Verbs with one possible starting state may leave it out; for the others, leaving it out costs
 * one more read.
 */
const seen = v.optional(state)
const target = { id, seen }

// ---- Views ------------------------------------------------------------------------------------

export interface ServiceItemView {
  id: string
  communityId: string
  category: string
  title: string
  description: string
  skills: string[]
  expectedHours: number
  capacity: number
  standing: boolean
  active: boolean
  /** Members who claimed this standing item so far. */
  joined: number
  seatsLeft: number
  /** Whether the caller claimed it. */
  mine: boolean
}

export interface OverdueView {
  label: string
  /** Who was told (null: late, but the sweep has not run yet). */
  level: EscalationLevel | null
  levelLabel: string | null
  deadline: string
}

/** One order in a list. Names only, never ids of people. */
export interface OrderRow {
  id: string
  state: OrderState
  stateLabel: string
  category: string
  description: string
  skills: string[]
  preferredAt: string
  urgency: OrderUrgency
  urgencyLabel: string
  residentName: string
  communityName: string
  buildingName: string | null
  assigneeName: string | null
  /** 超时 with its label, in every list, computed against the community's limits now. */
  overdue: OverdueView | null
  createdAt: string
  updatedAt: string
}

export interface TimelineEntry {
  verb: string
  label: string
  /** The line shown beside who and when (describeEntry). */
  text: string
  from: OrderState | null
  to: OrderState
  byName: string
  at: string
  reason?: string
}

export interface OrderDetail extends OrderRow {
  residentId: string | null
  placedByName: string
  pool: { kind: 'grid' | 'community'; id: string } | null
  report: { note: string; photos: string[]; hours: number } | null
  rating: { stars: number; comment: string } | null
  reason: string | null
  mergedInto: string | null
  timeline: TimelineEntry[]
  /**
   * The verbs THIS caller may press now (domain/orders.ts availableVerbs): the page shows exactly
   * these buttons. Each one is an action of this area of the same name; `close` never appears.
   */
  can: OrderVerb[]
  /** The places and parties the buttons need (the dispatch sheet, the pool picker, "it is mine"). */
  communityId: string
  compoundId: string | null
  gridId: string | null
  buildingId: string | null
  /** The unit it was dispatched to (dispatched_unit), or whose member it was passed to. */
  unitId: string | null
  /** The member it is dispatched to or who took it (a user id, as recommend's candidates). */
  assigneeId: string | null
}

/** What a transition answers: the new state and the entry it wrote. The page re-reads `get` when it needs more. */
export interface TransitionResult {
  id: string
  state: OrderState
  stateLabel: string
  entry: TimelineEntry
}

export interface CandidateView {
  id: string
  name: string
  score: number
  parts: ScoreParts
  reasons: string[]
}

export interface SettingsView {
  communityId: string
  communityName: string
  settings: OrderTimeSettings
  isDefault: boolean
}

export interface SweepResult {
  /** Orders read by the indexed overdue queries. */
  examined: number
  /** Orders marked (a first or a further level). */
  escalated: number
  /** `confirmed` orders whose hours booking the sweep finished. */
  closed: number
  /** Closed (confirmed) orders whose ledger row a crashed call left unwritten, booked now. */
  booked: number
  notified: number
  queries: number
}

// ---- Inputs -----------------------------------------------------------------------------------

export const serviceItemInput = v.strictObject({
  /** An existing item to change; an id not yet used creates the item under it (a retried save makes one item). */
  id: v.optional(id),
  communityId: id,
  category: v.string('请选择服务类别'),
  title: v.string('请填写服务项目名称'),
  description: v.optional(v.string(), ''),
  skills: v.pipe(v.array(v.string()), v.maxLength(12, '特长最多选12项')),
  expectedHours: v.number('预计时长必须是数字'),
  capacity: v.number('名额必须是数字'),
  standing: v.boolean(),
  active: v.optional(v.boolean()),
})
export type ServiceItemSaveInput = v.InferOutput<typeof serviceItemInput>

export const orderInput = v.strictObject({
  /**
   * The order's id, made by the client when the form opens: sending it again (a retry after a lost
   * answer, a double tap) answers the same order instead of placing a second one.
   */
  id: v.optional(id),
  communityId: id,
  buildingId: v.optional(id),
  /** A service-list item, or null for "other" (其他). */
  itemId: v.nullable(id),
  /** For "other": the category picked (default 其他). */
  category: v.optional(v.picklist(SERVICE_CATEGORIES, '未知的服务类别')),
  /** Checked by the domain (ORDER.DESCRIPTION_REQUIRED / TOO_LONG), so an empty one gets its own code. */
  description: v.string('请说明需要什么帮助'),
  preferredAt: isoTime,
  urgency: v.picklist(ORDER_URGENCIES, '请选择紧急程度'),
  /** A grid worker or building head ordering for a resident (order.placeFor): the resident's name. */
  forName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(2, '请填写居民姓名（至少两个字）'), v.maxLength(20, '姓名不能超过20个字'))),
})
export type OrderInputPayload = v.InferOutput<typeof orderInput>

export const settingsInput = v.strictObject({
  acceptHours: v.number(),
  dispatchHours: v.number(),
  claimHours: v.number(),
  finishHours: v.number(),
  urgentScale: v.number(),
})

export const ordersArea = area('orders', {
  // Service list (服务清单)
  listItems: action<{ communityId: string }, { items: ServiceItemView[]; canEdit: boolean }>(v.strictObject({ communityId: id })),
  saveItem: action<ServiceItemSaveInput, ServiceItemView>(serviceItemInput),
  joinItem: action<{ id: string }, ServiceItemView>(v.strictObject({ id })),

  // Ordering and the requester's verbs
  order: action<OrderInputPayload, OrderDetail>(orderInput),
  cancel: action<{ id: string; seen?: OrderState; reason?: string }, TransitionResult>(v.strictObject({ ...target, reason })),
  confirm: action<{ id: string; stars: number; comment?: string }, TransitionResult & { hoursBooked: boolean }>(
    v.strictObject({ id, stars: v.number('请选择1到5星的评价'), comment: v.optional(v.string(), '') }),
  ),
  complain: action<{ id: string; reason: string }, TransitionResult>(v.strictObject({ id, reason: reasonRequired })),

  // The community (接单)
  accept: action<{ id: string }, TransitionResult>(v.strictObject({ id })),
  decline: action<{ id: string; reason: string }, TransitionResult>(v.strictObject({ id, reason: reasonRequired })),
  merge: action<{ id: string; seen?: OrderState; intoId: string }, TransitionResult>(v.strictObject({ ...target, intoId: id })),
  resolve: action<{ id: string; reason: string }, TransitionResult>(v.strictObject({ id, reason: reasonRequired })),

  // Dispatching (派单)
  recommend: action<{ id: string; limit?: number; exclude?: string[] }, { candidates: CandidateView[]; ranked: number }>(
    v.strictObject({ id, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))), exclude: v.optional(v.pipe(v.array(id), v.maxLength(50))) }),
  ),
  dispatchToMember: action<{ id: string; seen?: OrderState; memberId: string }, TransitionResult>(v.strictObject({ ...target, memberId: id })),
  dispatchToUnit: action<{ id: string; seen?: OrderState; unitId: string }, TransitionResult>(v.strictObject({ ...target, unitId: id })),
  passToMember: action<{ id: string; memberId: string }, TransitionResult>(v.strictObject({ id, memberId: id })),
  pool: action<{ id: string; seen?: OrderState; pool: { kind: 'grid' | 'community'; id: string } }, TransitionResult>(
    v.strictObject({ ...target, pool: v.strictObject({ kind: v.picklist(['grid', 'community'], '未知的领单池'), id }) }),
  ),
  recall: action<{ id: string; seen?: OrderState; reason?: string }, TransitionResult>(v.strictObject({ ...target, reason })),

  // The member (领单)
  acceptDispatch: action<{ id: string }, TransitionResult>(v.strictObject({ id })),
  declineDispatch: action<{ id: string; reason: string }, TransitionResult>(v.strictObject({ id, reason: reasonRequired })),
  poolList: action<{ limit?: number }, { items: OrderRow[] }>(v.strictObject({ limit })),
  claim: action<{ id: string }, TransitionResult>(v.strictObject({ id })),
  release: action<{ id: string; reason: string }, TransitionResult>(v.strictObject({ id, reason: reasonRequired })),
  start: action<{ id: string }, TransitionResult>(v.strictObject({ id })),
  finish: action<{ id: string; note: string; photos?: string[]; hours: number }, TransitionResult>(
    v.strictObject({
      id,
      note: v.string('请简单说明服务情况'),
      photos: v.optional(v.array(v.pipe(v.string(), v.maxLength(512))), []),
      hours: v.number('服务时长必须是数字'),
    }),
  ),

  // Reading
  get: action<{ id: string }, OrderDetail>(v.strictObject({ id })),
  timeline: action<{ id: string }, { id: string; state: OrderState; stateLabel: string; timeline: TimelineEntry[] }>(v.strictObject({ id })),
  mine: action<{ limit?: number }, { items: OrderRow[] }>(v.strictObject({ limit })),
  assigned: action<{ limit?: number }, { items: OrderRow[] }>(v.strictObject({ limit })),
  queue: action<{ communityId: string; state?: OrderState; overdueOnly?: boolean; limit?: number }, { items: OrderRow[]; total: number }>(
    v.strictObject({ communityId: id, state: v.optional(state), overdueOnly: v.optional(v.boolean()), limit }),
  ),
  /**
   * 派给本单位的服务单: for a unit admin, the orders sent to the units they administer
   * (dispatched_unit) and those the unit passed on that are still open, longest waiting first,
   * overdue flagged against each order's community limits. `unitId` narrows to one of them.
   */
  unitQueue: action<{ unitId?: string; limit?: number }, { items: OrderRow[]; total: number }>(v.strictObject({ unitId: v.optional(id), limit })),

  // Time limits (时限)
  getSettings: action<{ communityId: string }, SettingsView>(v.strictObject({ communityId: id })),
  setSettings: action<{ communityId: string; settings: OrderTimeSettings }, SettingsView>(v.strictObject({ communityId: id, settings: settingsInput })),
})
