/**
 * Who may do what to one activity, and the one write each verb makes (a domain/lifecycle.ts Plan:
 * the state the activity must still be in, the fields, the counters and lists, the timeline entry
 * and the conditions that must still hold). server/kit changeState writes it in one conditional
 * update; when it lost a race the planner runs again on the fresh record to say why. The same
 * rules answer availableVerbs, the buttons a viewer sees.
 *
 * Seats: one conditional update takes a seat (`seatCount < capacity`, not already on either
 * list) or a place on the waiting list (`seatCount >= capacity`), so however many press at once
 * there are never more seats than the capacity and nobody is on a list twice. A withdrawal
 * rewrites both lists (the first waiter moves up) on the `version` it read; every seat change
 * moves `version`, so a withdrawal that raced a sign-up is planned again on the fresh lists.
 */
import './errors'
import { DomainError } from '../errors'
import type { Condition, Plan } from '../lifecycle'
import { can } from '../permissions'
import type { RoleGrant } from '../roles'
import { assertCheckInWindow, assertCheckOutWindow, checkInWindow, checkOutWindow } from './checkin'
import { checkCorrection, minutesIn, roundedHours, type RoundingRule } from './hours'
import { ACTIVITY_TRANSITIONS, isHoursOpen, isRunning, isSignupOpen, mayWithdraw, nextState, type ActivityState, type ActivityVerb } from './lifecycle'
import type { ActivityHistoryEntry, ActivityRecord, Adjustment, AttendanceRecord, CheckInVia } from './record'
import { attendanceId } from './record'

export type ActivityPlan = Plan<ActivityState, ActivityHistoryEntry>

/** The caller as the function read them: grants as held now, and a member's live registration. */
export interface ActivityViewer {
  userId: string
  name: string
  grants: readonly RoleGrant[]
  /** A registered member: their live registration. */
  member: { registrationId: string; unitId: string; communityId: string } | null
}

export const SYSTEM = { id: 'system', name: '系统' }

/** Whether the viewer runs this activity: an admin of the organising unit, community or compound. */
export function isOrganiser(v: ActivityViewer, a: Pick<ActivityRecord, 'organiser' | 'countyId'>): boolean {
  if (a.organiser.kind === 'unit') return can(v.grants, 'activity.organize', { kind: 'unit', unitId: a.organiser.id, countyId: a.countyId })
  return can(v.grants, 'activity.organize', { kind: 'org', lineage: a.organiser.lineage })
}

export function requireOrganiser(v: ActivityViewer, a: ActivityRecord): void {
  if (!isOrganiser(v, a)) throw new DomainError('ACTIVITY.NOT_ORGANISER')
}

/** Members sign up; caring citizens too where the organiser allows it. */
export function mayTakePart(v: ActivityViewer, a: Pick<ActivityRecord, 'openToCitizens'>): boolean {
  if (v.member) return true
  return a.openToCitizens && v.grants.some((g) => g.kind === 'caring_citizen')
}

const entry = (a: ActivityRecord, verb: ActivityHistoryEntry['verb'], by: { id: string; name: string }, now: Date, op: string | undefined, to: ActivityState = a.state): ActivityHistoryEntry => {
  const e: ActivityHistoryEntry = { verb, from: a.state, to, by: by.id, byName: by.name, at: now }
  if (op) e.op = op
  return e
}

export const REASON_MIN = 2
export const REASON_MAX = 200

export function checkReason(reason: string | undefined): string {
  const r = (reason ?? '').trim()
  if (Array.from(r).length < REASON_MIN) throw new DomainError('ACTIVITY.REASON_REQUIRED')
  if (Array.from(r).length > REASON_MAX) throw new DomainError('ACTIVITY.REASON_TOO_LONG')
  return r
}

export interface TransitionArgs {
  now: Date
  op?: string
  reason?: string
}

/** A state change by the organiser (or, `viewer` null, by the timer). */
export function planTransition(a: ActivityRecord | null, viewer: ActivityViewer | null, verb: Exclude<ActivityVerb, 'book'>, args: TransitionArgs): ActivityPlan {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  const t = ACTIVITY_TRANSITIONS[verb]
  if (viewer) {
    if (!t.actors.includes('organiser')) throw new DomainError('ACTIVITY.INVALID_TRANSITION')
    requireOrganiser(viewer, a)
  } else if (!t.actors.includes('system')) throw new DomainError('ACTIVITY.INVALID_TRANSITION')
  const to = nextState(a.state, verb)
  const now = args.now
  if (verb === 'hold') {
    // The organiser ends an activity once it started; the timer an hour after its planned end.
    const earliest = viewer ? a.startAt : checkOutWindow(a).closes
    if (now < earliest) throw new DomainError('ACTIVITY.NOT_STARTED')
  }
  if (verb === 'closeSignup' && !viewer && now < a.startAt) throw new DomainError('ACTIVITY.NOT_STARTED')
  const by = viewer ? { id: viewer.userId, name: viewer.name } : SYSTEM
  const e = entry(a, verb, by, now, args.op, to)
  const set: Record<string, unknown> = { state: to, stateSince: now, updatedAt: now }
  if (t.needsReason) set.reason = e.reason = checkReason(args.reason)
  return { from: a.state, to, set, entries: [e], conditions: [] }
}

// ---- Seats -------------------------------------------------------------------------------------

export type SignUpPlan = ActivityPlan & { outcome: 'seat' | 'waitlist' }

export function planSignUp(a: ActivityRecord | null, v: ActivityViewer, now: Date, op?: string): SignUpPlan {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  if (!mayTakePart(v, a)) throw new DomainError(a.openToCitizens ? 'ACTIVITY.NOT_ELIGIBLE' : 'ACTIVITY.MEMBERS_ONLY')
  if (!isSignupOpen(a.state) || now >= a.startAt) throw new DomainError('ACTIVITY.SIGNUP_CLOSED')
  if (a.seatedIds.includes(v.userId) || a.waitingIds.includes(v.userId)) throw new DomainError('ACTIVITY.ALREADY_SIGNED_UP')
  const notListed: Condition[] = [{ seatedIds: { $ne: v.userId } }, { waitingIds: { $ne: v.userId } }]
  const by = { id: v.userId, name: v.name }
  if (a.seatCount < a.capacity) {
    const e = { ...entry(a, 'signUp', by, now, op), userId: v.userId }
    return {
      outcome: 'seat',
      from: a.state,
      to: a.state,
      set: { updatedAt: now },
      inc: { seatCount: 1, version: 1 },
      append: { seatedIds: v.userId },
      entries: [e],
      conditions: [...notListed, { seatCount: { $lt: a.capacity } }],
    }
  }
  const e = { ...entry(a, 'joinWaitlist', by, now, op), userId: v.userId }
  return {
    outcome: 'waitlist',
    from: a.state,
    to: a.state,
    set: { updatedAt: now },
    inc: { waitCount: 1, version: 1 },
    append: { waitingIds: v.userId },
    entries: [e],
    conditions: [...notListed, { seatCount: { $gte: a.capacity } }],
  }
}

export type WithdrawPlan = ActivityPlan & { promoted: string | null }

/** Give a seat (or a place on the waiting list) back; a freed seat goes to the first who waits. */
export function planWithdraw(a: ActivityRecord | null, v: ActivityViewer, now: Date, op?: string): WithdrawPlan {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  if (!mayWithdraw(a.state)) throw new DomainError('ACTIVITY.WITHDRAW_CLOSED')
  const seated = a.seatedIds.includes(v.userId)
  if (!seated && !a.waitingIds.includes(v.userId)) throw new DomainError('ACTIVITY.NOT_SIGNED_UP')
  const by = { id: v.userId, name: v.name }
  const entries: ActivityHistoryEntry[] = [{ ...entry(a, 'withdraw', by, now, op), userId: v.userId }]
  let seatedIds = a.seatedIds.filter((id) => id !== v.userId)
  let waitingIds = a.waitingIds.filter((id) => id !== v.userId)
  let promoted: string | null = null
  if (seated && waitingIds.length > 0 && seatedIds.length < a.capacity) {
    promoted = waitingIds[0]
    seatedIds = [...seatedIds, promoted]
    waitingIds = waitingIds.slice(1)
    entries.push({ ...entry(a, 'promote', SYSTEM, now, op), userId: promoted })
  }
  return {
    promoted,
    from: a.state,
    to: a.state,
    set: { seatedIds, waitingIds, seatCount: seatedIds.length, waitCount: waitingIds.length, version: a.version + 1, updatedAt: now },
    entries,
    conditions: [{ version: a.version }],
  }
}

// ---- Attendance --------------------------------------------------------------------------------

export interface CheckInArgs {
  now: Date
  via: CheckInVia
  /** Who scanned: the member themself (code) or the organiser (the member's 报到证). */
  by: { id: string; name: string }
}

/**
 * The attendance record a check-in inserts (its id is the activity and person: a replayed scan
 * inserts nothing). By code the person must hold a seat; the organiser scanning a 报到证 may admit
 * someone who came without signing up.
 */
export function planCheckIn(a: ActivityRecord | null, person: ActivityViewer, args: CheckInArgs): AttendanceRecord {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  if (!isRunning(a.state)) throw new DomainError('ACTIVITY.NOT_RUNNING')
  assertCheckInWindow(a, args.now)
  if (args.via === 'code' && !a.seatedIds.includes(person.userId)) {
    throw new DomainError(a.waitingIds.includes(person.userId) ? 'ACTIVITY.ON_WAITLIST' : 'ACTIVITY.NOT_SIGNED_UP')
  }
  if (!mayTakePart(person, a)) throw new DomainError('ACTIVITY.NOT_ELIGIBLE')
  return {
    _id: attendanceId(a._id, person.userId),
    activityId: a._id,
    userId: person.userId,
    name: person.name,
    registrationId: person.member?.registrationId ?? null,
    unitId: person.member?.unitId ?? null,
    communityId: person.member?.communityId ?? null,
    countyId: a.countyId,
    at: a.startAt,
    checkInAt: args.now,
    checkOutAt: null,
    via: args.via,
    history: [{ verb: 'checkIn', by: args.by.id, byName: args.by.name, at: args.now }],
  }
}

/** Check-out is allowed once, while the activity runs and until an hour after its planned end. */
export function checkCheckOut(a: ActivityRecord | null, att: AttendanceRecord | null, now: Date): void {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  if (!att) throw new DomainError('ACTIVITY.NOT_CHECKED_IN')
  if (!isRunning(a.state)) throw new DomainError('ACTIVITY.NOT_RUNNING')
  assertCheckOutWindow(a, now)
  if (att.checkOutAt) throw new DomainError('ACTIVITY.ALREADY_CHECKED_OUT')
}

// ---- Hours -------------------------------------------------------------------------------------

export interface HoursLine {
  userId: string
  name: string
  checkInAt: Date
  checkOutAt: Date | null
  /** By the rule, from the time in. */
  computed: number
  /** What will be credited: the correction if any, 0 when declined. */
  hours: number
  adjustment: Adjustment | null
  registrationId: string | null
  unitId: string | null
  communityId: string | null
}

export function hoursList(a: ActivityRecord, attendance: readonly AttendanceRecord[], rule: RoundingRule): HoursLine[] {
  return attendance
    .filter((r) => r.activityId === a._id)
    .map((r) => {
      const computed = roundedHours(minutesIn(r.checkInAt, r.checkOutAt, a.endAt), rule, a.hours)
      const adj = a.adjustments?.[r.userId] ?? null
      const hours = adj ? (adj.declined ? 0 : (adj.hours ?? computed)) : computed
      return { userId: r.userId, name: r.name, checkInAt: r.checkInAt, checkOutAt: r.checkOutAt, computed, hours, adjustment: adj, registrationId: r.registrationId, unitId: r.unitId, communityId: r.communityId }
    })
    .sort((x, y) => x.checkInAt.getTime() - y.checkInAt.getTime())
}

export interface AdjustArgs {
  now: Date
  op?: string
  userId: string
  /** A corrected number of hours; absent: decline the line. */
  hours?: number
  reason?: string
  /** The person has an attendance record for this activity. */
  attended: boolean
}

/**
 * Correct one line of the hours list, or decline it (no hours), always with a reason; lines are
 * never deleted. Written on the activity (conditional on `held` and on the version read) so the
 * bulk confirmation that follows cannot miss it.
 */
export function planAdjust(a: ActivityRecord | null, v: ActivityViewer, args: AdjustArgs): ActivityPlan {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  requireOrganiser(v, a)
  if (!isHoursOpen(a.state)) throw new DomainError(a.state === 'booked' ? 'ACTIVITY.ALREADY_BOOKED' : 'ACTIVITY.NOT_HELD')
  if (!args.attended) throw new DomainError('ACTIVITY.NOT_CHECKED_IN', '这个人没有签到记录')
  const reason = checkReason(args.reason)
  const declined = args.hours === undefined
  const hours = declined ? null : checkCorrection(args.hours!, a.hours)
  const adjustment: Adjustment = { hours, declined, reason, by: v.userId, byName: v.name, at: args.now }
  const e: ActivityHistoryEntry = { ...entry(a, declined ? 'decline' : 'correct', { id: v.userId, name: v.name }, args.now, args.op), userId: args.userId, reason }
  if (hours !== null) e.hours = hours
  return {
    from: a.state,
    to: a.state,
    set: { [`adjustments.${args.userId}`]: adjustment, version: a.version + 1, updatedAt: args.now },
    entries: [e],
    conditions: [{ version: a.version }],
  }
}

export interface BookingPlan extends ActivityPlan {
  lines: HoursLine[]
  /** Lines with hours to credit. */
  credits: HoursLine[]
}

/** Confirm the hours list in bulk: held → booked, on the version read (no correction slipped in between). */
export function planBooking(a: ActivityRecord | null, v: ActivityViewer, attendance: readonly AttendanceRecord[], rule: RoundingRule, now: Date, op?: string): BookingPlan {
  if (!a) throw new DomainError('ACTIVITY.NOT_FOUND')
  requireOrganiser(v, a)
  if (a.state === 'booked') throw new DomainError('ACTIVITY.ALREADY_BOOKED')
  const to = nextState(a.state, 'book')
  const lines = hoursList(a, attendance, rule)
  const credits = lines.filter((l) => l.hours > 0)
  const total = Math.round(credits.reduce((s, l) => s + l.hours * 10, 0)) / 10
  return {
    lines,
    credits,
    from: a.state,
    to,
    set: { state: to, stateSince: now, updatedAt: now, booking: { people: credits.length, hours: total, at: now } },
    entries: [entry(a, 'book', { id: v.userId, name: v.name }, now, op, to)],
    conditions: [{ version: a.version }],
  }
}

// ---- Buttons -----------------------------------------------------------------------------------

export type ActivityButton = ActivityVerb | 'signUp' | 'withdraw' | 'checkIn' | 'checkOut' | 'showCode' | 'scanCard' | 'adjust'

function allowed(f: () => unknown): boolean {
  try {
    f()
    return true
  } catch (e) {
    if (e instanceof DomainError) return false
    throw e
  }
}

/**
 * What the viewer may do now, from the same planners the writes use. `attendance`: the viewer's
 * own attendance record, if any.
 */
export function availableVerbs(a: ActivityRecord, v: ActivityViewer, now: Date, attendance: AttendanceRecord | null): ActivityButton[] {
  const out: ActivityButton[] = []
  if (allowed(() => planSignUp(a, v, now))) out.push('signUp')
  if (allowed(() => planWithdraw(a, v, now))) out.push('withdraw')
  if (!attendance && allowed(() => planCheckIn(a, v, { now, via: 'code', by: { id: v.userId, name: v.name } }))) out.push('checkIn')
  if (attendance && allowed(() => checkCheckOut(a, attendance, now))) out.push('checkOut')
  if (isOrganiser(v, a)) {
    for (const verb of ['publish', 'closeSignup', 'hold', 'cancel'] as const) {
      if (allowed(() => planTransition(a, v, verb, { now, reason: '占位原因' }))) out.push(verb)
    }
    if (isRunning(a.state) && now >= checkInWindow(a).opens && now <= checkOutWindow(a).closes) out.push('showCode', 'scanCard')
    if (isHoursOpen(a.state)) out.push('adjust', 'book')
  }
  return out
}
