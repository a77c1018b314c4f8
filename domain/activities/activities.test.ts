import { DomainError } from '../errors'
import { holds } from '../lifecycle'
import {
  ACTIVITY_STATES,
  ACTIVITY_TRANSITIONS,
  ACTIVITY_VERBS,
  acceptedMinutes,
  availableVerbs,
  checkActivityInput,
  checkActivitySettings,
  checkCorrection,
  checkInScene,
  DEFAULT_ACTIVITY_SETTINGS,
  hoursList,
  minuteOf,
  nextState,
  numberFromVerifyScene,
  parseCheckInScene,
  planAdjust,
  planBooking,
  planCheckIn,
  planSignUp,
  planTransition,
  planWithdraw,
  registrationIdFromCard,
  roundedHours,
  starLevel,
  type ActivityRecord,
  type ActivityState,
  type ActivityVerb,
  type ActivityViewer,
  type AttendanceRecord,
} from '.'

const codeOf = (f: () => unknown): string | null => {
  try {
    f()
    return null
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
}

const NOW = new Date('2026-12-04T02:00:00Z')
const HOUR = 3600_000
const at = (h: number) => new Date(NOW.getTime() + h * HOUR)

const activity = (over: Partial<ActivityRecord> = {}): ActivityRecord => ({
  _id: 'a1',
  state: 'published',
  stateSince: NOW,
  title: '社区清洁',
  description: '',
  themeId: null,
  themeTitle: null,
  organiser: { kind: 'community', id: 'c1', name: '北门社区', lineage: ['county', 'street', 'c1'] },
  unitId: null,
  communityId: 'c1',
  countyId: 'county',
  lineage: ['county', 'street', 'c1'],
  placeName: '北门社区',
  address: '南门',
  startAt: at(2),
  endAt: at(5),
  capacity: 2,
  skills: [],
  hours: 3,
  openToCitizens: false,
  seatedIds: [],
  waitingIds: [],
  seatCount: 0,
  waitCount: 0,
  version: 0,
  checkInSecret: 's',
  createdBy: 'u-admin',
  createdAt: NOW,
  updatedAt: NOW,
  history: [],
  ...over,
})

const organiser: ActivityViewer = { userId: 'u-admin', name: '陈红', grants: [{ kind: 'community_admin', scopeId: 'c1' }], member: null }
const member = (id = 'u-m1'): ActivityViewer => ({ userId: id, name: '李建国', grants: [{ kind: 'member', scopeId: 'c1' }], member: { registrationId: `r-${id}`, unitId: 'unit-1', communityId: 'c1' } })
const citizen: ActivityViewer = { userId: 'u-c', name: '热心人', grants: [{ kind: 'caring_citizen', scopeId: null as unknown as string }], member: null }
const resident: ActivityViewer = { userId: 'u-r', name: '王秀英', grants: [{ kind: 'resident', scopeId: 'b1' }], member: null }

describe('the transition table: every verb from every state', () => {
  const cases = ACTIVITY_VERBS.flatMap((verb) => ACTIVITY_STATES.map((from) => [verb, from] as [ActivityVerb, ActivityState]))
  test.each(cases)('%s from %s', (verb, from) => {
    const t = ACTIVITY_TRANSITIONS[verb]
    if (t.from.includes(from)) expect(nextState(from, verb)).toBe(t.to)
    else expect(codeOf(() => nextState(from, verb))).toBe('ACTIVITY.INVALID_TRANSITION')
  })

  test('the organiser: publish, close, hold after the start, cancel with a reason', () => {
    expect(planTransition(activity({ state: 'draft' }), organiser, 'publish', { now: NOW })).toMatchObject({ from: 'draft', to: 'published' })
    expect(codeOf(() => planTransition(activity(), organiser, 'hold', { now: NOW }))).toBe('ACTIVITY.NOT_STARTED')
    expect(planTransition(activity(), organiser, 'hold', { now: at(2.5) }).to).toBe('held')
    expect(codeOf(() => planTransition(activity(), organiser, 'cancel', { now: NOW, reason: ' ' }))).toBe('ACTIVITY.REASON_REQUIRED')
    expect(planTransition(activity(), organiser, 'cancel', { now: NOW, reason: '下雨' }).set.reason).toBe('下雨')
    expect(codeOf(() => planTransition(activity(), member(), 'publish', { now: NOW }))).toBe('ACTIVITY.NOT_ORGANISER')
  })

  test('the timer: closes at the start, holds an hour past the end, never publishes', () => {
    expect(codeOf(() => planTransition(activity(), null, 'closeSignup', { now: at(1) }))).toBe('ACTIVITY.NOT_STARTED')
    expect(planTransition(activity(), null, 'closeSignup', { now: at(2) }).to).toBe('closed')
    expect(codeOf(() => planTransition(activity({ state: 'closed' }), null, 'hold', { now: at(5.5) }))).toBe('ACTIVITY.NOT_STARTED')
    expect(planTransition(activity({ state: 'closed' }), null, 'hold', { now: at(6) }).to).toBe('held')
    expect(codeOf(() => planTransition(activity({ state: 'draft' }), null, 'publish', { now: NOW }))).toBe('ACTIVITY.INVALID_TRANSITION')
  })
})

describe('seats', () => {
  test('a seat while there is one, its condition pinned; then the waiting list', () => {
    const seat = planSignUp(activity(), member(), NOW)
    expect(seat).toMatchObject({ outcome: 'seat', inc: { seatCount: 1, version: 1 }, append: { seatedIds: 'u-m1' } })
    expect(seat.conditions).toContainEqual({ seatCount: { $lt: 2 } })
    // A record that filled up meanwhile fails the write's condition.
    expect(seat.conditions.every((c) => holds(activity({ seatCount: 2, seatedIds: ['x', 'y'] }), c))).toBe(false)
    const wait = planSignUp(activity({ seatCount: 2, seatedIds: ['x', 'y'] }), member(), NOW)
    expect(wait).toMatchObject({ outcome: 'waitlist', append: { waitingIds: 'u-m1' } })
  })

  test.each<[string, ActivityViewer, Partial<ActivityRecord>, string]>([
    ['twice', member(), { seatedIds: ['u-m1'], seatCount: 1 }, 'ACTIVITY.ALREADY_SIGNED_UP'],
    ['twice, waiting', member(), { waitingIds: ['u-m1'], waitCount: 1 }, 'ACTIVITY.ALREADY_SIGNED_UP'],
    ['a resident, members only', resident, {}, 'ACTIVITY.MEMBERS_ONLY'],
    ['a citizen, members only', citizen, {}, 'ACTIVITY.MEMBERS_ONLY'],
    ['a resident where citizens may come', resident, { openToCitizens: true }, 'ACTIVITY.NOT_ELIGIBLE'],
    ['after sign-up closed', member(), { state: 'closed' }, 'ACTIVITY.SIGNUP_CLOSED'],
  ])('refused: %s', (_l, viewer, over, code) => {
    expect(codeOf(() => planSignUp(activity(over), viewer, NOW))).toBe(code)
  })

  test('a caring citizen signs up where the organiser allows it', () => {
    expect(planSignUp(activity({ openToCitizens: true }), citizen, NOW).outcome).toBe('seat')
  })

  test('withdrawing gives the seat to the first who waits, on the version read', () => {
    const plan = planWithdraw(activity({ seatedIds: ['u-m1', 'x'], seatCount: 2, waitingIds: ['w1', 'w2'], waitCount: 2, version: 7 }), member(), NOW)
    expect(plan.promoted).toBe('w1')
    expect(plan.set).toMatchObject({ seatedIds: ['x', 'w1'], waitingIds: ['w2'], seatCount: 2, waitCount: 1, version: 8 })
    expect(plan.conditions).toEqual([{ version: 7 }])
    expect(plan.entries.map((e) => e.verb)).toEqual(['withdraw', 'promote'])
    expect(codeOf(() => planWithdraw(activity(), member(), NOW))).toBe('ACTIVITY.NOT_SIGNED_UP')
    expect(codeOf(() => planWithdraw(activity({ state: 'held', seatedIds: ['u-m1'] }), member(), NOW))).toBe('ACTIVITY.WITHDRAW_CLOSED')
  })
})

describe('check-in', () => {
  const running = activity({ state: 'closed', seatedIds: ['u-m1'], seatCount: 1 })
  test('the window: 30 minutes before the start until the end', () => {
    expect(codeOf(() => planCheckIn(running, member(), { now: at(1), via: 'code', by: { id: 'u-m1', name: '李建国' } }))).toBe('ACTIVITY.OUTSIDE_WINDOW')
    expect(planCheckIn(running, member(), { now: at(1.5), via: 'code', by: { id: 'u-m1', name: '李建国' } })._id).toBe('a1:u-m1')
    expect(codeOf(() => planCheckIn(running, member(), { now: at(5.1), via: 'code', by: { id: 'u-m1', name: '李建国' } }))).toBe('ACTIVITY.OUTSIDE_WINDOW')
  })
  test('by code only with a seat; the organiser\'s scan admits a member who came anyway', () => {
    expect(codeOf(() => planCheckIn(running, member('u-x'), { now: at(2), via: 'code', by: { id: 'u-x', name: 'x' } }))).toBe('ACTIVITY.NOT_SIGNED_UP')
    expect(codeOf(() => planCheckIn(activity({ state: 'closed', waitingIds: ['u-x'] }), member('u-x'), { now: at(2), via: 'code', by: { id: 'u-x', name: 'x' } }))).toBe('ACTIVITY.ON_WAITLIST')
    expect(planCheckIn(running, member('u-x'), { now: at(2), via: 'card', by: { id: 'u-admin', name: '陈红' } }).via).toBe('card')
  })
  test('codes: this minute and the one before; scenes fit in 32 characters', () => {
    expect(acceptedMinutes(NOW)).toEqual([minuteOf(NOW), minuteOf(NOW) - 1])
    const scene = checkInScene('0123456789abcdef0123', '042917')
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(parseCheckInScene(scene)).toEqual({ activityId: '0123456789abcdef0123', code: '042917' })
    expect(parseCheckInScene('k:a1:12345')).toBeNull()
    expect(registrationIdFromCard('reg:reg-demo-member')).toBe('reg-demo-member')
    expect(registrationIdFromCard('hello')).toBeNull()
  })
})

describe('hours', () => {
  const rule = DEFAULT_ACTIVITY_SETTINGS.rounding
  test.each<[number, number]>([
    [0, 0], [14, 0], [15, 0.5], [44, 0.5], [45, 1], [59, 1], [60, 1], [130, 2], [140, 2.5], [170, 3], [300, 3],
  ])('%i minutes in → %s hours (capped at 3)', (minutes, hours) => {
    expect(roundedHours(minutes, rule, 3)).toBe(hours)
  })
  test('corrections: positive, in tenths, never above the cap', () => {
    expect(checkCorrection(1.5, 2)).toBe(1.5)
    expect(codeOf(() => checkCorrection(3, 2))).toBe('ACTIVITY.HOURS_ABOVE_CAP')
    expect(codeOf(() => checkCorrection(0, 2))).toBe('ACTIVITY.BAD_HOURS')
    expect(codeOf(() => checkCorrection(1.25, 2))).toBe('ACTIVITY.BAD_HOURS')
  })
  test('stars at 100 / 300 / 600 / 1000 / 1500', () => {
    expect(starLevel(0, DEFAULT_ACTIVITY_SETTINGS.stars)).toEqual({ stars: 0, next: 100, toNext: 100 })
    expect(starLevel(126, DEFAULT_ACTIVITY_SETTINGS.stars)).toEqual({ stars: 1, next: 300, toNext: 174 })
    expect(starLevel(1500, DEFAULT_ACTIVITY_SETTINGS.stars)).toEqual({ stars: 5, next: null, toNext: null })
    expect(checkActivitySettings({ rounding: rule, stars: [100, 300, 200, 1000, 1500] }).stars).toBeTruthy()
    expect(checkActivitySettings({ rounding: { zeroBelow: 50, halfBelow: 40 }, stars: [1, 2, 3, 4, 5] }).rounding).toBeTruthy()
    expect(checkActivitySettings(DEFAULT_ACTIVITY_SETTINGS)).toEqual({})
  })

  const held = activity({ state: 'held', seatedIds: ['u-m1'], version: 3 })
  const att = (userId: string, minutes: number): AttendanceRecord => ({
    _id: `a1:${userId}`, activityId: 'a1', userId, name: userId, registrationId: null, unitId: null, communityId: null, countyId: 'county',
    at: held.startAt, checkInAt: held.startAt, checkOutAt: new Date(held.startAt.getTime() + minutes * 60_000), via: 'code', history: [],
  })
  test('the list, a correction and a decline, the booking on the version read', () => {
    expect(codeOf(() => planAdjust(held, organiser, { now: NOW, userId: 'u-m1', hours: 1, reason: '早退', attended: false }))).toBe('ACTIVITY.NOT_CHECKED_IN')
    const corrected = planAdjust(held, organiser, { now: NOW, userId: 'u-m1', hours: 1, reason: '早退', attended: true })
    expect(corrected.conditions).toEqual([{ version: 3 }])
    const withAdjustments = activity({ ...held, adjustments: { 'u-m1': { hours: 1, declined: false, reason: '早退', by: 'u-admin', byName: '陈红', at: NOW }, 'u-m2': { hours: null, declined: true, reason: '未参加', by: 'u-admin', byName: '陈红', at: NOW } } })
    const lines = hoursList(withAdjustments, [att('u-m1', 170), att('u-m2', 170), att('u-m3', 50)], rule)
    expect(lines.map((l) => [l.userId, l.computed, l.hours])).toEqual([['u-m1', 3, 1], ['u-m2', 3, 0], ['u-m3', 1, 1]])
    const booking = planBooking(withAdjustments, organiser, [att('u-m1', 170), att('u-m2', 170), att('u-m3', 50)], rule, NOW)
    expect(booking.credits.map((c) => c.userId)).toEqual(['u-m1', 'u-m3'])
    expect(booking.set.booking).toEqual({ people: 2, hours: 2, at: NOW })
    expect(codeOf(() => planBooking(withAdjustments, member(), [], rule, NOW))).toBe('ACTIVITY.NOT_ORGANISER')
    expect(codeOf(() => planBooking(activity({ state: 'booked' }), organiser, [], rule, NOW))).toBe('ACTIVITY.ALREADY_BOOKED')
  })
})

describe('the buttons are the verbs that would succeed', () => {
  test.each<[string, Partial<ActivityRecord>, ActivityViewer, Date, string[]]>([
    ['a member, open', {}, member(), NOW, ['signUp']],
    ['a member with a seat, before the window', { seatedIds: ['u-m1'], seatCount: 1 }, member(), NOW, ['withdraw']],
    ['a member with a seat, in the window', { state: 'closed', seatedIds: ['u-m1'], seatCount: 1 }, member(), at(2), ['withdraw', 'checkIn']],
    ['the organiser of a draft', { state: 'draft' }, organiser, NOW, ['publish', 'cancel']],
    ['the organiser, running', { state: 'closed' }, organiser, at(2), ['hold', 'cancel', 'showCode', 'scanCard']],
    ['the organiser, held', { state: 'held' }, organiser, at(6), ['adjust', 'book']],
    ['a resident', {}, resident, NOW, []],
  ])('%s', (_l, over, viewer, now, expected) => {
    expect(availableVerbs(activity(over), viewer, now, null)).toEqual(expected)
  })
})

describe('input', () => {
  const input = { title: '义诊', description: '', placeNodeId: 'c1', address: '南门', startAt: at(2).toISOString(), endAt: at(4).toISOString(), capacity: 5, skills: [], hours: 2, openToCitizens: false }
  test.each<[string, Record<string, unknown>, string]>([
    ['ends before it starts', { endAt: at(1).toISOString() }, 'ACTIVITY.ENDS_BEFORE_START'],
    ['starts in the past', { startAt: at(-1).toISOString() }, 'ACTIVITY.STARTS_IN_PAST'],
    ['longer than a day', { endAt: at(30).toISOString() }, 'ACTIVITY.TOO_LONG'],
    ['more hours than it lasts', { hours: 2.5 }, 'ACTIVITY.HOURS_ABOVE_DURATION'],
    ['hours in hundredths', { hours: 1.25 }, 'ACTIVITY.BAD_HOURS'],
    ['a phone number in public text', { address: '找13800001001' }, 'ACTIVITY.PRIVATE_INFO'],
  ])('%s', (_l, over, code) => {
    expect(codeOf(() => checkActivityInput({ ...input, ...over } as never, NOW))).toBe(code)
  })
  test('certificate numbers from a verify scene', () => {
    expect(numberFromVerifyScene('v:LX2026-0000DE30')).toBe('LX2026-0000DE30')
    expect(numberFromVerifyScene('v:nope')).toBeNull()
  })
})
