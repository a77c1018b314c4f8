/**
 * Activities through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts: act-upcoming, act-running, act-held): creating with bad input, seats
 * under contention and the waiting list, rotating check-in codes (replays, stale codes, the
 * window), the hours list (corrections, the cap), booking into the ledger and the tallies exactly
 * once, the timer, and certificates.
 */
import { codeFor } from './common'
import { minuteOf } from '../../../domain/activities'
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(180_000)

let stack: TestStack
const HOUR = 3600_000
const MEMBER = 'user-demo-member'

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('activities', { action, ...input }, openid)
const db = () => stack.emulator.db
const activity = (id: string) => db().collection('activities').findOne({ _id: id }) as Record<string, any>
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

const draft = (over: Record<string, unknown> = {}) => ({
  organiser: { kind: 'community', id: 'org-beimen' },
  placeNodeId: 'org-beimen',
  title: '社区义诊',
  description: '请社区医生为老人量血压。',
  address: '北门社区党群服务中心',
  startAt: inHours(24),
  endAt: inHours(27),
  capacity: 10,
  skills: ['医疗'],
  hours: 3,
  openToCitizens: false,
  publish: true,
  ...over,
})

/** People with a registered live registration at 北门社区 (members), created straight in the store. */
async function members(prefix: string, n: number): Promise<string[]> {
  const at = new Date()
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
  await db().collection('registrations').insertMany(
    ids.map((o) => ({
      _id: `reg-${o}`, userId: `user-${o}`, name: `党员${o}`, phone: '', unitId: 'unit-water-bureau', unitName: '县水利局', unitCountyId: 'org-longmen',
      communityId: 'org-beimen', communityName: '北门社区', communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'registered', history: [], createdAt: at, updatedAt: at,
    })),
  )
  await db().collection('users').insertMany(ids.map((o) => ({ _id: `user-${o}`, openid: o, name: `党员${o}`, roles: [], liveRegistrationId: `reg-${o}`, createdAt: at, updatedAt: at })))
  return ids
}

describe('creating an activity', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['an activity ending before it starts', { endAt: inHours(23) }, 'ACTIVITY.ENDS_BEFORE_START'],
    ['starting in the past', { startAt: inHours(-1), endAt: inHours(2) }, 'ACTIVITY.STARTS_IN_PAST'],
    ['more hours than it lasts', { hours: 4 }, 'ACTIVITY.HOURS_ABOVE_DURATION'],
    ['a mobile number in the description', { description: '联系 138 0000 1001' }, 'ACTIVITY.PRIVATE_INFO'],
    ['a unit at a community it is not paired with', { organiser: { kind: 'unit', id: 'unit-water-bureau' }, placeNodeId: 'org-chengnan' }, 'ACTIVITY.BAD_PLACE'],
  ])('%s is refused with its code, nothing written', async (_label, over, code) => {
    const before = db().collection('activities').count({})
    const openid = (over.organiser as { kind?: string } | undefined)?.kind === 'unit' ? 'demo-unit-admin' : 'demo-community-admin'
    const { result } = await call('create', draft(over), openid)
    expect(result.code).toBe(code)
    expect(typeof result.message).toBe('string')
    expect(db().collection('activities').count({})).toBe(before)
  })

  test('a member or another community\'s admin may not organise for 北门社区', async () => {
    for (const openid of ['demo-member', 'demo-chengnan-admin', 'demo-resident']) {
      expect((await call('create', draft(), openid)).result.code).toBe('AUTH.FORBIDDEN')
    }
  })

  test('the community admin publishes; the unit admin organises at its paired community; both in 2 round trips', async () => {
    const a = await call('create', draft(), 'demo-community-admin')
    expect(a.result).toMatchObject({ code: 0, data: { state: 'published', stateLabel: '报名中', organiserName: '北门社区', seatCount: 0, isOrganiser: true } })
    expect(a.roundTrips).toBe(2)
    const u = await call('create', draft({ organiser: { kind: 'unit', id: 'unit-water-bureau' }, publish: false }), 'demo-unit-admin')
    expect(u.result).toMatchObject({ code: 0, data: { state: 'draft', organiserName: '县水利局' } })
    // A draft is the organiser's alone.
    expect((await call('get', { id: u.result.data.id }, 'demo-member')).result.code).toBe('ACTIVITY.NOT_FOUND')
    const published = await call('transition', { id: u.result.data.id, verb: 'publish' }, 'demo-unit-admin')
    expect(published.result.data.state).toBe('published')
    expect(activity(u.result.data.id).history.map((h: { verb: string }) => h.verb)).toEqual(['create', 'publish'])
  })
})

describe('seats', () => {
  test('300 people pressing at once for 50 seats: exactly 50 seats, 250 waiting, nobody twice', async () => {
    const created = await call('create', draft({ capacity: 50, title: '百人健步走' }), 'demo-community-admin')
    const id = created.result.data.id as string
    const people = await members('crowd', 300)
    const answers = await Promise.all(people.map((p) => call('signUp', { id }, p)))
    expect(answers.filter((a) => a.result.code !== 0)).toEqual([])
    const outcomes = answers.map((a) => a.result.data.outcome)
    expect(outcomes.filter((o) => o === 'seat')).toHaveLength(50)
    expect(outcomes.filter((o) => o === 'waitlist')).toHaveLength(250)
    const a = activity(id)
    expect(a.seatedIds).toHaveLength(50)
    expect(a.waitingIds).toHaveLength(250)
    expect(new Set([...a.seatedIds, ...a.waitingIds]).size).toBe(300)
    expect([a.seatCount, a.waitCount]).toEqual([50, 250])

    // Twice is refused, nothing changes.
    const again = await call('signUp', { id }, people[0])
    expect(again.result.code).toBe('ACTIVITY.ALREADY_SIGNED_UP')
    // Everyone was told which list they are on.
    expect(stack.outbox({ touser: people[0] })[0]).toMatchObject({ templateId: 'activity-signup' })
    expect(activity(id).version).toBe(a.version)

    // A seat given back goes to the first who waits.
    const seated = a.seatedIds[0] as string
    const firstWaiting = a.waitingIds[0] as string
    const withdrawn = await call('withdraw', { id }, seated.replace('user-', ''))
    expect(withdrawn.result.code).toBe(0)
    const after = activity(id)
    expect(after.seatedIds).toContain(firstWaiting)
    expect(after.seatedIds).not.toContain(seated)
    expect(after.waitingIds[0]).toBe(a.waitingIds[1])
    expect([after.seatCount, after.waitCount]).toEqual([50, 249])
    expect(after.history.slice(-2).map((h: { verb: string }) => h.verb)).toEqual(['withdraw', 'promote'])
  })

  test('a resident who is not a member may not sign up for a members-only activity', async () => {
    const created = await call('create', draft({ title: '党员专场' }), 'demo-community-admin')
    expect((await call('signUp', { id: created.result.data.id }, 'demo-resident')).result.code).toBe('ACTIVITY.MEMBERS_ONLY')
  })
})

describe('check-in', () => {
  const code = (id: string, offsetMinutes = 0) => codeFor(activity(id).checkInSecret, minuteOf(new Date()) + offsetMinutes)

  test('the organiser shows this minute\'s code; the member checks in; the same scan 5 times is one attendance', async () => {
    const shown = await call('checkInCode', { id: 'act-running' }, 'demo-unit-admin')
    expect(shown.result.code).toBe(0)
    expect(shown.result.data.code).toMatch(/^\d{6}$/)
    expect(shown.result.data.scene).toBe(`k:act-running:${shown.result.data.code}`)
    expect(shown.result.data.imageBase64.length).toBeGreaterThan(100)
    // Only the organiser sees it.
    expect((await call('checkInCode', { id: 'act-running' }, 'demo-member')).result.code).toBe('ACTIVITY.NOT_ORGANISER')

    const first = await call('checkIn', { id: 'act-running', code: code('act-running') }, 'demo-member')
    expect(first.result).toMatchObject({ code: 0, data: { action: 'checkIn', already: false, name: '李建国' } })
    // The caller with the activity; the attendance insert and the tally of the year (together).
    expect(first.roundTrips).toBe(3)
    for (let i = 0; i < 5; i++) {
      const replay = await call('checkIn', { id: 'act-running', code: code('act-running') }, 'demo-member')
      expect(replay.result.data.already).toBe(true)
    }
    expect(db().collection('activity_attendance').count({ activityId: 'act-running' })).toBe(1)
    expect(db().collection('tallies').findOne({ _id: `m:${new Date(Date.now() + 8 * HOUR).getUTCFullYear()}:${MEMBER}` })).toBeTruthy()
  })

  test('a code older than its rotation is refused; the one just before still works', async () => {
    const people = await members('late', 2)
    const created = await call('create', draft({ startAt: inHours(0.2), endAt: inHours(2), hours: 1.5, title: '临时活动' }), 'demo-community-admin')
    const id = created.result.data.id as string
    for (const p of people) expect((await call('signUp', { id }, p)).result.data.outcome).toBe('seat')
    // Codes are computed here and judged by the function a moment later: not across a minute's turn.
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 57_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute))
    const stale = await call('checkIn', { id, code: code(id, -2) }, people[0])
    expect(stale.result.code).toBe('ACTIVITY.STALE_CODE')
    expect(db().collection('activity_attendance').count({ activityId: id })).toBe(0)
    expect((await call('checkIn', { id, code: code(id, -1) }, people[1])).result.code).toBe(0)
  })

  test('outside the window, or without a seat: precise codes, nothing written', async () => {
    const early = await call('checkIn', { id: 'act-upcoming', code: '123456' }, 'demo-member')
    expect(early.result.code).toBe('ACTIVITY.OUTSIDE_WINDOW')
    const [stranger] = await members('stranger', 1)
    const noSeat = await call('checkIn', { id: 'act-running', code: code('act-running') }, stranger)
    expect(noSeat.result.code).toBe('ACTIVITY.NOT_SIGNED_UP')
    expect(db().collection('activity_attendance').count({ activityId: 'act-running', userId: `user-${stranger}` })).toBe(0)
  })

  test('the organiser scans a member\'s 报到证: in, then out', async () => {
    const [walkIn] = await members('walkin', 1)
    const first = await call('scanCard', { id: 'act-running', payload: `reg:reg-${walkIn}` }, 'demo-unit-admin')
    expect(first.result).toMatchObject({ code: 0, data: { action: 'checkIn', name: `党员${walkIn}` } })
    const second = await call('scanCard', { id: 'act-running', payload: `reg:reg-${walkIn}` }, 'demo-unit-admin')
    expect(second.result.data.action).toBe('checkOut')
    expect((await call('scanCard', { id: 'act-running', payload: 'hello' }, 'demo-unit-admin')).result.code).toBe('ACTIVITY.BAD_CARD')
  })
})

describe('hours', () => {
  test('the hours list follows the rounding rule and the cap; corrections need a reason and stay within the cap', async () => {
    const list = await call('hoursList', { id: 'act-held' }, 'demo-community-admin')
    expect(list.roundTrips).toBe(1)
    // 2 h 10 min in: 2 h + 0 for 10 min, capped at the planned 2 h.
    expect(list.result.data.lines).toEqual([expect.objectContaining({ name: '李建国', computed: 2, hours: 2, adjustment: null })])

    expect((await call('adjust', { id: 'act-held', userId: MEMBER, hours: 3, reason: '多干了一小时' }, 'demo-community-admin')).result.code).toBe('ACTIVITY.HOURS_ABOVE_CAP')
    expect((await call('adjust', { id: 'act-held', userId: MEMBER, hours: 1.5, reason: '' }, 'demo-community-admin')).result.code).toBe('ACTIVITY.REASON_REQUIRED')
    expect((await call('adjust', { id: 'act-held', userId: MEMBER, hours: 1.5, reason: '中途离开' }, 'demo-member')).result.code).toBe('ACTIVITY.NOT_ORGANISER')
    expect(activity('act-held').adjustments).toBeUndefined()

    const fixed = await call('adjust', { id: 'act-held', userId: MEMBER, hours: 1.5, reason: '中途离开半小时' }, 'demo-community-admin')
    expect(fixed.result.data.lines[0]).toMatchObject({ computed: 2, hours: 1.5, adjustment: { reason: '中途离开半小时', byName: '陈红' } })
  })

  test('a non-organiser confirming hours is refused; the organiser books once, into the ledger and the tally', async () => {
    expect((await call('book', { id: 'act-held' }, 'demo-unit-admin')).result.code).toBe('ACTIVITY.NOT_ORGANISER')
    const booked = await call('book', { id: 'act-held' }, 'demo-community-admin')
    expect(booked.result).toMatchObject({ code: 0, data: { state: 'booked', booking: { people: 1, hours: 1.5 } } })
    expect(booked.roundTrips).toBeLessThanOrEqual(5)
    const rows = db().collection('service_hours').find({ 'source.id': 'act-held' })
    expect(rows).toEqual([expect.objectContaining({ userId: MEMBER, hours: 1.5, unitId: 'unit-water-bureau' })])
    const again = await call('book', { id: 'act-held' }, 'demo-community-admin')
    expect(again.result.code).toBe('ACTIVITY.ALREADY_BOOKED')
    expect(db().collection('service_hours').count({ 'source.id': 'act-held' })).toBe(1)

    // The message goes with the next sweep, once.
    const told = () => stack.outbox({ touser: 'demo-member' }).filter((m) => m.templateId === 'activity-booked')
    expect(told()).toHaveLength(0)
    await stack.fireTimer('activities', 'sweep')
    await stack.fireTimer('activities', 'sweep')
    expect(told()).toHaveLength(1)
    expect(told()[0]).toMatchObject({ page: 'packages/activities/pages/detail/index?id=act-held', data: { number3: { value: '1.5' } } })

    const mine = await call('myHours', {}, 'demo-member')
    expect(mine.result.data).toMatchObject({ yearHours: 1.5, yearActivities: 1, totalHours: 1.5, level: { stars: 0, next: 100 } })
  })

  test('a certificate for the hours, verified by its number with the name masked', async () => {
    const issued = await call('issueCertificate', {}, 'demo-member')
    expect(issued.result).toMatchObject({ code: 0, data: { maskedName: '李**', totalHours: 1.5, issuer: '龙门县委组织部' } })
    const verified = await call('verifyCertificate', { number: issued.result.data.number }, 'someone-new')
    expect(verified.result.data).toEqual(expect.objectContaining({ maskedName: '李**', totalHours: 1.5 }))
    expect(JSON.stringify(verified.result.data)).not.toContain('李建国')
    expect((await call('verifyCertificate', { number: 'LX2026-FFFFFFFF' }, 'someone-new')).result.code).toBe('CERTIFICATE.NOT_FOUND')
    expect((await call('issueCertificate', {}, 'demo-resident')).result.code).toBe('CERTIFICATE.NO_HOURS')
  })
})

describe('the timer', () => {
  test('a person sending a timer-shaped event runs no sweep', async () => {
    const { result } = await stack.call('activities', { Type: 'Timer', TriggerName: 'sweep' }, 'demo-member')
    expect(result.code).toBe('REQUEST.INVALID')
  })

  test('a reminder in the hour before; sign-up closes at the start; an activity left open is held an hour after its end and counted for its unit', async () => {
    const created = await call('create', draft({ organiser: { kind: 'unit', id: 'unit-water-bureau' }, startAt: inHours(1), endAt: inHours(2), hours: 1, title: '结对共建' }), 'demo-unit-admin')
    const id = created.result.data.id as string
    expect((await call('signUp', { id }, 'demo-member')).result.data.outcome).toBe('seat')
    // Within the hour before the start: the seat is reminded, once however often the timer runs.
    const reminders = () => stack.outbox({ touser: 'demo-member' }).filter((m) => m.templateId === 'activity-reminder' && String(m.page).endsWith(id))
    stack.setClockOffset(0.1 * HOUR)
    await stack.fireTimer('activities', 'sweep')
    await stack.fireTimer('activities', 'sweep')
    expect(reminders()).toHaveLength(1)
    expect(activity(id).state).toBe('published')
    stack.setClockOffset(1.1 * HOUR)
    await stack.fireTimer('activities', 'sweep')
    expect(activity(id).state).toBe('closed')
    stack.setClockOffset(3.1 * HOUR)
    await stack.fireTimer('activities', 'sweep')
    expect(activity(id).state).toBe('held')
    stack.setClockOffset(0)
    const year = new Date(Date.now() + 8 * HOUR).getUTCFullYear()
    const tally = db().collection('tallies').findOne({ _id: `u:${year}:unit-water-bureau` }) as Record<string, any>
    expect(tally.credited).toContain(id)
    expect(tally.q1 + tally.q2 + tally.q3 + tally.q4).toBeGreaterThanOrEqual(1)
  })
})
