/**
 * Subscription-message templates (订阅消息) of every area, in one place: names, environment
 * variables and local defaults for both sides, because WeChat only delivers a message whose
 * template id the person accepted on their phone. The mini-program asks for the ids below when the
 * person acts (requestSubscribeMessage, at a moment below); the functions send with the same ids
 * (subscribeMessage.send through server/kit sendSubscribeMessage). A mismatch would make every
 * send fail with 43101, silently.
 *
 * Production: set each `LIANXIN_TPL_<AREA>_<NAME>` (LIANXIN_TPL_WISH_LIT, LIANXIN_TPL_ORDER_DISPATCH,
 * …) to the id from 公众平台 → 订阅消息, in the cloud function's environment AND when building the
 * mini-program (config/index.ts defineConstants). Unset or empty means the local default, which
 * the emulator accepts.
 */
import type { OrderVerb } from './orders'

export const WISH_TEMPLATE_NAMES = ['published', 'rejected', 'lit', 'delivered', 'released', 'confirmed'] as const
export type WishTemplate = (typeof WISH_TEMPLATE_NAMES)[number]

/**
 * Orders: `orderDispatch` to the member (or the unit's admins) an order is dispatched to,
 * `orderClaim` and `orderDone` to whoever placed it when a member takes it from the pool and when
 * the work is done, `orderOverdue` to the admins of the level told by the escalation sweep.
 */
export const ORDER_TEMPLATE_NAMES = ['orderDispatch', 'orderClaim', 'orderDone', 'orderOverdue'] as const
export type OrderTemplate = (typeof ORDER_TEMPLATE_NAMES)[number]

/**
 * Activities: `activitySignup` to whoever signed up (a seat, the waiting list, or moved up from
 * it), `activityReminder` an hour before the start, `activityBooked` when the hours went into the
 * ledger, `activityCancelled` with the organiser's reason.
 */
export const ACTIVITY_TEMPLATE_NAMES = ['activitySignup', 'activityReminder', 'activityBooked', 'activityCancelled'] as const
export type ActivityTemplate = (typeof ACTIVITY_TEMPLATE_NAMES)[number]

/**
 * Grid work: `problemAssigned` to whom a patrol problem is assigned (the member, the unit's admins,
 * the community's admins), `problemSolved` to its reporter, `problemOverdue` to the admins of the
 * level the sweep tells, `proposalAnswered` to the proposer.
 */
export const GRID_TEMPLATE_NAMES = ['problemAssigned', 'problemSolved', 'problemOverdue', 'proposalAnswered'] as const
export type GridTemplate = (typeof GRID_TEMPLATE_NAMES)[number]

export const TEMPLATE_NAMES = [...WISH_TEMPLATE_NAMES, ...ORDER_TEMPLATE_NAMES, ...ACTIVITY_TEMPLATE_NAMES, ...GRID_TEMPLATE_NAMES] as const
export type TemplateName = WishTemplate | OrderTemplate | ActivityTemplate | GridTemplate

/** The environment variable that carries each template's id: LIANXIN_TPL_<AREA>_<NAME>. */
export const TEMPLATE_ENV: Record<TemplateName, string> = {
  published: 'LIANXIN_TPL_WISH_PUBLISHED',
  rejected: 'LIANXIN_TPL_WISH_REJECTED',
  lit: 'LIANXIN_TPL_WISH_LIT',
  delivered: 'LIANXIN_TPL_WISH_DELIVERED',
  released: 'LIANXIN_TPL_WISH_RELEASED',
  confirmed: 'LIANXIN_TPL_WISH_CONFIRMED',
  orderDispatch: 'LIANXIN_TPL_ORDER_DISPATCH',
  orderClaim: 'LIANXIN_TPL_ORDER_CLAIM',
  orderDone: 'LIANXIN_TPL_ORDER_DONE',
  orderOverdue: 'LIANXIN_TPL_ORDER_OVERDUE',
  activitySignup: 'LIANXIN_TPL_ACTIVITY_SIGNUP',
  activityReminder: 'LIANXIN_TPL_ACTIVITY_REMINDER',
  activityBooked: 'LIANXIN_TPL_ACTIVITY_BOOKED',
  activityCancelled: 'LIANXIN_TPL_ACTIVITY_CANCELLED',
  problemAssigned: 'LIANXIN_TPL_GRID_PROBLEMASSIGNED',
  problemSolved: 'LIANXIN_TPL_GRID_PROBLEMSOLVED',
  problemOverdue: 'LIANXIN_TPL_GRID_PROBLEMOVERDUE',
  proposalAnswered: 'LIANXIN_TPL_GRID_PROPOSALANSWERED',
}

/** Ids used when no variable is set: what the local emulator and the tests see. */
export const TEMPLATE_DEFAULTS: Record<TemplateName, string> = {
  published: 'lianxin-wish-published',
  rejected: 'lianxin-wish-rejected',
  lit: 'lianxin-wish-lit',
  delivered: 'lianxin-wish-delivered',
  released: 'lianxin-wish-released',
  confirmed: 'lianxin-wish-confirmed',
  orderDispatch: 'order-dispatch',
  orderClaim: 'order-claim',
  orderDone: 'order-done',
  orderOverdue: 'order-overdue',
  activitySignup: 'activity-signup',
  activityReminder: 'activity-reminder',
  activityBooked: 'activity-booked',
  activityCancelled: 'activity-cancelled',
  problemAssigned: 'problem-assigned',
  problemSolved: 'problem-solved',
  problemOverdue: 'problem-overdue',
  proposalAnswered: 'proposal-answered',
}

function pick<N extends TemplateName, V>(names: readonly N[], from: Record<TemplateName, V>): Record<N, V> {
  return Object.fromEntries(names.map((n) => [n, from[n]])) as Record<N, V>
}

export const WISH_TEMPLATE_ENV = pick(WISH_TEMPLATE_NAMES, TEMPLATE_ENV)
export const WISH_TEMPLATE_DEFAULTS = pick(WISH_TEMPLATE_NAMES, TEMPLATE_DEFAULTS)
export const ORDER_TEMPLATE_ENV = pick(ORDER_TEMPLATE_NAMES, TEMPLATE_ENV)
export const ORDER_TEMPLATE_DEFAULTS = pick(ORDER_TEMPLATE_NAMES, TEMPLATE_DEFAULTS)

export const ACTIVITY_TEMPLATE_ENV = pick(ACTIVITY_TEMPLATE_NAMES, TEMPLATE_ENV)
export const ACTIVITY_TEMPLATE_DEFAULTS = pick(ACTIVITY_TEMPLATE_NAMES, TEMPLATE_DEFAULTS)

export const GRID_TEMPLATE_ENV = pick(GRID_TEMPLATE_NAMES, TEMPLATE_ENV)
export const GRID_TEMPLATE_DEFAULTS = pick(GRID_TEMPLATE_NAMES, TEMPLATE_DEFAULTS)

export type TemplateIds = Record<TemplateName, string>
export type GridTemplateIds = Record<GridTemplate, string>
export type ActivityTemplateIds = Record<ActivityTemplate, string>
export type WishTemplateIds = Record<WishTemplate, string>
export type OrderTemplateIds = Record<OrderTemplate, string>

type Env = Readonly<Record<string, string | undefined>>

/**
 * The ids in force, from an environment (`process.env` in a function; the build constants in the
 * mini-program). An empty value counts as unset: a build define of an unset variable is ''.
 */
export function templateIds(env: Env): TemplateIds {
  const ids = {} as TemplateIds
  for (const name of TEMPLATE_NAMES) ids[name] = env[TEMPLATE_ENV[name]]?.trim() || TEMPLATE_DEFAULTS[name]
  return ids
}

/** The wishes function's ids. */
export function wishTemplateIds(env: Env): WishTemplateIds {
  return pick(WISH_TEMPLATE_NAMES, templateIds(env))
}

/** The orders function's ids. */
export function orderTemplateIds(env: Env): OrderTemplateIds {
  return pick(ORDER_TEMPLATE_NAMES, templateIds(env))
}

/** The activities function's ids. */
export function activityTemplateIds(env: Env): ActivityTemplateIds {
  return pick(ACTIVITY_TEMPLATE_NAMES, templateIds(env))
}

/** The problems and proposals functions' ids. */
export function gridTemplateIds(env: Env): GridTemplateIds {
  return pick(GRID_TEMPLATE_NAMES, templateIds(env))
}

/**
 * The moments a person acts, and the messages that action may later bring THEM (a function never
 * messages the actor about their own step). A one-time subscription allows one message per
 * acceptance, so each moment asks for what can follow it; WeChat shows at most 3 per request.
 *
 * Wishes:
 * - submit (a grid worker at the door): the writer hears publish/reject, and as the wish's
 *   contact hears when it is lit (deliver follows later, asked for when they look at it again).
 * - submitSelf (a resident for themself): writer (publish/reject) and beneficiary (delivered).
 * - light (the claimer): their claim released (revoked, overdue) and the confirmation.
 * - deliver (the claimer): the confirmation (and rating) of what they brought, or 没收到
 *   (disputeDelivery): either outcome of a delivery goes out on the `confirmed` template.
 *
 * Orders (cloudfunctions/orders sends: dispatchToMember / passToMember → the member, dispatchToUnit
 * → the unit's admins, claim and finish → whoever placed it, the sweep → the admins told):
 * - orderPlace (a resident, or a grid worker for someone): a member took it, the work is done.
 * - orderComplain (the requester): the work redone is done again.
 * - orderTake (a member accepting a dispatch, claiming, finishing; a unit admin passing one on):
 *   the next order dispatched to them (or to their unit).
 * - orderManage (an admin accepting, dispatching, pooling, recalling): orders in their care late.
 */
export const SUBSCRIBE_MOMENTS = {
  submit: ['published', 'rejected', 'lit'],
  submitSelf: ['published', 'rejected', 'delivered'],
  light: ['released', 'confirmed'],
  deliver: ['confirmed'],
  orderPlace: ['orderClaim', 'orderDone'],
  orderComplain: ['orderDone'],
  orderTake: ['orderDispatch'],
  orderManage: ['orderOverdue'],
  // Signing up for an activity: the seat (or a move up from the waiting list), the reminder, a cancellation.
  activitySignUp: ['activitySignup', 'activityReminder', 'activityCancelled'],
  // Checking in: the hours booked afterwards.
  activityCheckIn: ['activityBooked'],
  // Reporting a patrol problem: its solution, for the reporter to confirm.
  problemReport: ['problemSolved'],
  // Holding the meeting, assigning (the community): problems left late.
  problemManage: ['problemOverdue'],
  // Solving one (an assignee): the next problem assigned to them.
  problemWork: ['problemAssigned'],
  // Proposing: the community's answer.
  proposalSubmit: ['proposalAnswered'],
} as const satisfies Record<string, readonly TemplateName[]>

export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

/** The order page's steps after which the person is asked (placing the order is `orderPlace`). */
export const ORDER_SUBSCRIBE_AT: Partial<Record<OrderVerb, SubscribeMoment>> = {
  complain: 'orderComplain',
  acceptDispatch: 'orderTake',
  claim: 'orderTake',
  finish: 'orderTake',
  passToMember: 'orderTake',
  accept: 'orderManage',
  dispatchToMember: 'orderManage',
  dispatchToUnit: 'orderManage',
  pool: 'orderManage',
  recall: 'orderManage',
}

/** WeChat's limit for one requestSubscribeMessage call. */
export const MAX_TEMPLATES_PER_REQUEST = 3

/** The template ids to ask for at a moment, without duplicates, at most three. */
export function subscribeTemplateIds(moment: SubscribeMoment, ids: TemplateIds): string[] {
  const out: string[] = []
  for (const name of SUBSCRIBE_MOMENTS[moment] as readonly TemplateName[]) {
    const id = ids[name]
    if (!out.includes(id)) out.push(id)
  }
  return out.slice(0, MAX_TEMPLATES_PER_REQUEST)
}
