/**
 * The activity lifecycle (共建活动 · 主题月活动; docs/activities.md, docs/lifecycles.md): the verbs,
 * who performs each, the transition table, and the questions code asks about a state instead of
 * comparing state names. Sign-up, withdrawal and check-in happen inside a state (they move seats
 * and attendance, not the activity) and are planned in plan.ts with the same conditions.
 */
import './errors'
import { DomainError } from '../errors'

export const ACTIVITY_STATES = ['draft', 'published', 'closed', 'held', 'booked', 'cancelled'] as const
export type ActivityState = (typeof ACTIVITY_STATES)[number]

export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = {
  draft: '草稿',
  published: '报名中',
  closed: '报名截止',
  held: '待核时长',
  booked: '时长已入账',
  cancelled: '已取消',
}

export type ActivityVerb = 'publish' | 'closeSignup' | 'hold' | 'book' | 'cancel'

/** `organiser`: an admin of the organising unit, community or branch; `system`: the timer. */
export type ActivityActor = 'organiser' | 'system'

export interface ActivityTransition {
  from: readonly ActivityState[]
  to: ActivityState
  actors: readonly ActivityActor[]
  needsReason?: boolean
}

export const ACTIVITY_TRANSITIONS: Record<ActivityVerb, ActivityTransition> = {
  publish: { from: ['draft'], to: 'published', actors: ['organiser'] },
  // Sign-up closes when the organiser says so or, at the latest, when the activity starts (timer).
  closeSignup: { from: ['published'], to: 'closed', actors: ['organiser', 'system'] },
  // Held: it took place. The organiser ends it after it started; the timer ends any left open an
  // hour after its planned end, so no activity waits forever for someone to remember it.
  hold: { from: ['published', 'closed'], to: 'held', actors: ['organiser', 'system'] },
  // The organiser confirms the hours list; the hours go into service_hours exactly once.
  book: { from: ['held'], to: 'booked', actors: ['organiser'] },
  cancel: { from: ['draft', 'published', 'closed'], to: 'cancelled', actors: ['organiser'], needsReason: true },
}

export const ACTIVITY_VERBS = Object.keys(ACTIVITY_TRANSITIONS) as ActivityVerb[]

/** The state `verb` leads to from `from`, or ACTIVITY.INVALID_TRANSITION. */
export function nextState(from: ActivityState, verb: ActivityVerb): ActivityState {
  const t = ACTIVITY_TRANSITIONS[verb]
  if (!t.from.includes(from)) throw new DomainError('ACTIVITY.INVALID_TRANSITION', `${ACTIVITY_STATE_LABELS[from]}的活动不能进行这个操作`)
  return t.to
}

/** People may sign up (and the waiting list moves) only while sign-up is open. */
export const isSignupOpen = (s: ActivityState) => s === 'published'
/** Seats may be given back until the activity is held. */
export const mayWithdraw = (s: ActivityState) => s === 'published' || s === 'closed'
/** Check-in and check-out happen while the activity runs (the time window is checked too). */
export const isRunning = (s: ActivityState) => s === 'published' || s === 'closed'
/** The hours list may be corrected only before it is booked. */
export const isHoursOpen = (s: ActivityState) => s === 'held'
/** Shown to members on the activity list (a draft is the organiser's alone). */
export const isListed = (s: ActivityState) => s !== 'draft'
/** Nothing more will happen to it. */
export const isFinished = (s: ActivityState) => s === 'booked' || s === 'cancelled'
