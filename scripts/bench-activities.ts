/**
 * `npm run bench -- --only=activities`: the figures of the activities feature (docs/activities.md),
 * through the runner against the emulator, on the seeded demo county.
 *   - seats under contention: 300 members pressing 报名 at once for 50 seats (wall clock, round
 *     trips per call; exactly 50 seated, 250 waiting, nobody twice);
 *   - 500 check-ins within one minute on an activity running now (wall clock, per-call latency,
 *     round trips; 500 attendance records), and one check-in alone (199 sequential calls);
 *   - the same scan replayed 5 times (one attendance), a code from 2 minutes ago (ACTIVITY.STALE_CODE);
 *   - booking the hours of 200 attendees (round trips, target ≤ 5; 200 service_hours rows);
 *   - requirements.unitProgress of a unit of 5,000 members (县水利局, with the seed's 1), and of 500 (round trips, target 1;
 *     p50, target ≤ 10 ms), to show it does not grow with the unit's size.
 * Timing is printed, never asserted; a broken invariant throws.
 */
import { startTestStack, type TestStack } from '../server/testing/stack'
import { codeFor } from '../cloudfunctions/activities/src/common'
import { minuteOf } from '../domain/activities'
import { effectiveRules, periodOf } from '../domain/requirements'

type Figure = (name: string, value: string) => void

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const CHUNK = 1000

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** Safe for the messages of `check`, which are built before the check is made. */
const j = (x: unknown) => String(JSON.stringify(x) ?? x).slice(0, 400)
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b)
const ms = (x: number) => `${x.toFixed(2)} ms`
const secs = (x: number) => `${(x / 1000).toFixed(2)} s`

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`activities bench: ${message}`)
}

/** "3 (×280), 4 (×20)": how many calls took how many round trips. */
function tripSpread(trips: number[]): string {
  const by = new Map<number, number>()
  for (const t of trips) by.set(t, (by.get(t) ?? 0) + 1)
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, n]) => `${t} (×${n})`)
    .join(', ')
}

async function insertChunked(stack: TestStack, collection: string, docs: Record<string, unknown>[]) {
  for (let i = 0; i < docs.length; i += CHUNK) await stack.emulator.db.collection(collection).insertMany(docs.slice(i, i + CHUNK))
}

/** People with a registered live registration at 北门社区 (members), created straight in the store, as the tests do. Returns their openids. */
async function members(stack: TestStack, prefix: string, n: number): Promise<string[]> {
  const at = new Date()
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
  await insertChunked(
    stack,
    'registrations',
    ids.map((o) => ({
      _id: `reg-${o}`, userId: `user-${o}`, name: `党员${o}`, phone: '', unitId: 'unit-water-bureau', unitName: '县水利局', unitCountyId: 'org-longmen',
      communityId: 'org-beimen', communityName: '北门社区', communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'registered', history: [], createdAt: at, updatedAt: at,
    })),
  )
  await insertChunked(stack, 'users', ids.map((o) => ({ _id: `user-${o}`, openid: o, name: `党员${o}`, roles: [], liveRegistrationId: `reg-${o}`, createdAt: at, updatedAt: at })))
  return ids
}

const activity = (stack: TestStack, id: string) => stack.emulator.db.collection('activities').findOne({ _id: id }) as Record<string, any>
const attendanceCount = (stack: TestStack, query: Record<string, unknown>) => stack.emulator.db.collection('activity_attendance').count(query)

/** A published activity of 北门社区, by its community admin; `startInMinutes` from now, lasting `hours` + 10 min. */
async function createActivity(stack: TestStack, title: string, capacity: number, startInMinutes: number, hours: number): Promise<string> {
  const start = Date.now() + startInMinutes * MINUTE
  const { result } = await stack.call(
    'activities',
    {
      action: 'create',
      organiser: { kind: 'community', id: 'org-beimen' },
      placeNodeId: 'org-beimen',
      title,
      description: '基准测量用的活动。',
      address: '北门社区党群服务中心',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + hours * HOUR + 10 * MINUTE).toISOString(),
      capacity,
      skills: [],
      hours,
      openToCitizens: false,
      publish: true,
    },
    'demo-community-admin',
  )
  check(result?.code === 0, `create ${title}: ${j(result)}`)
  return result.data.id as string
}

interface Timed {
  result: any
  roundTrips: number
  /** Issue to answer, in this process (with the queue for a worker when many are in flight). */
  wallMs: number
  /** main() in the runner. */
  durationMs: number
}

async function invokeTimed(stack: TestStack, fn: string, event: Record<string, unknown>, openid: string): Promise<Timed> {
  const t0 = process.hrtime.bigint()
  const inv = await stack.runner.invoke(fn, event, { openid })
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
  if (inv.error) throw new Error(`${fn}.${event.action} as ${openid}: invocation failed ${JSON.stringify(inv.error)}`)
  return { result: inv.result, roundTrips: inv.roundTrips, wallMs, durationMs: inv.durationMs }
}

/** Everyone signs up at once; returns the answers and the wall clock. */
async function signUpAll(stack: TestStack, id: string, people: string[]) {
  const t0 = Date.now()
  const answers = await Promise.all(people.map((p) => stack.call('activities', { action: 'signUp', id }, p)))
  const wall = Date.now() - t0
  const failed = answers.filter((a) => a.result?.code !== 0)
  check(failed.length === 0, `signUp: ${failed.length} of ${people.length} failed, first ${j(failed[0])}`)
  return { answers, wall }
}

/** 1. 300 people at once for 50 seats. */
async function contention(stack: TestStack, figure: Figure) {
  const PEOPLE = 300
  const SEATS = 50
  const id = await createActivity(stack, '百人健步走（基准）', SEATS, 24 * 60, 3)
  const people = await members(stack, 'bench-crowd', PEOPLE)
  const { answers, wall } = await signUpAll(stack, id, people)
  const outcomes = answers.map((a) => a.result.data.outcome as string)
  const seats = outcomes.filter((o) => o === 'seat').length
  const waits = outcomes.filter((o) => o === 'waitlist').length
  const a = activity(stack, id)
  const everyone = new Set([...a.seatedIds, ...a.waitingIds])
  check(seats === SEATS && waits === PEOPLE - SEATS, `signUp answered ${seats} seats and ${waits} waitlist (expected ${SEATS} / ${PEOPLE - SEATS})`)
  check(a.seatedIds.length === SEATS && a.waitingIds.length === PEOPLE - SEATS, `activity holds ${a.seatedIds.length} seated, ${a.waitingIds.length} waiting`)
  check(a.seatCount === SEATS && a.waitCount === PEOPLE - SEATS, `activity counts ${a.seatCount} / ${a.waitCount}`)
  check(everyone.size === PEOPLE, `${PEOPLE} people, ${everyone.size} distinct on the lists (duplicates or someone lost)`)
  check(people.every((p) => everyone.has(`user-${p}`)), 'someone who signed up is on neither list')
  const trips = sortNum(answers.map((x) => x.roundTrips))
  figure(`activities: signUp, ${PEOPLE} members at once for ${SEATS} seats`, `${secs(wall)} wall clock; verified ${a.seatedIds.length} seated, ${a.waitingIds.length} waiting, ${everyone.size} distinct, version ${a.version}`)
  figure(
    `activities: signUp round trips per call (${PEOPLE} concurrent)`,
    `median ${percentile(trips, 50)}, max ${trips[trips.length - 1]} (${tripSpread(trips)}; 2 + 1 for the message uncontended, + 2 per lost race)`,
  )
}

/** 2. and 3. 500 check-ins within one minute, replays. */
async function checkIns(stack: TestStack, figure: Figure) {
  const PEOPLE = 500
  const id = await createActivity(stack, '五百人签到（基准）', PEOPLE, 10, 2)
  const people = await members(stack, 'bench-checkin', PEOPLE)
  const signed = await signUpAll(stack, id, people)
  const a = activity(stack, id)
  check(a.seatedIds.length === PEOPLE && a.waitingIds.length === 0, `expected ${PEOPLE} seated, got ${a.seatedIds.length} seated, ${a.waitingIds.length} waiting`)
  figure(`activities: signUp, ${PEOPLE} members at once for ${PEOPLE} seats`, `${secs(signed.wall)} wall clock; ${PEOPLE} seated`)
  const secret = a.checkInSecret as string
  // Each scan carries the code shown at the moment it is made (it rotates every minute).
  const current = () => codeFor(secret, minuteOf(new Date()))

  const t0 = Date.now()
  const firstMinute = minuteOf(new Date())
  const scans = await Promise.all(people.map((p) => invokeTimed(stack, 'activities', { action: 'checkIn', id, code: current() }, p)))
  const wall = Date.now() - t0
  const lastMinute = minuteOf(new Date())
  const bad = scans.filter((s) => s.result?.code !== 0 || s.result.data.already !== false)
  check(bad.length === 0, `checkIn: ${bad.length} of ${PEOPLE} not a fresh check-in, first ${j(bad[0]?.result)}`)
  const docs = attendanceCount(stack, { activityId: id })
  const distinct = new Set((stack.emulator.db.collection('activity_attendance').find({ activityId: id }) as { userId: string }[]).map((r) => r.userId)).size
  check(docs === PEOPLE && distinct === PEOPLE, `expected ${PEOPLE} attendance records of ${PEOPLE} people, found ${docs} of ${distinct}`)
  const wallPer = sortNum(scans.map((s) => s.wallMs))
  const trips = sortNum(scans.map((s) => s.roundTrips))
  figure(
    `activities: checkIn, ${PEOPLE} members at once with the current code`,
    `${secs(wall)} wall clock (${lastMinute === firstMinute ? 'within one clock minute' : `crossed ${lastMinute - firstMinute} minute boundary: the code rotated mid-run`}); verified ${docs} attendance records, ${distinct} people`,
  )
  figure(
    `activities: checkIn latency per call (issue → answer, all ${PEOPLE} in flight, queued for the runner's 4 instances)`,
    `p50 ${ms(percentile(wallPer, 50))}, p95 ${ms(percentile(wallPer, 95))}; ${(PEOPLE / (wall / 1000)).toFixed(0)} check-ins/s`,
  )
  figure(`activities: checkIn round trips per call`, `median ${percentile(trips, 50)}, max ${trips[trips.length - 1]} (${tripSpread(trips)})`)

  // 3. The same scan, 5 more times: answered "already", still one record.
  const replays: Timed[] = []
  for (let i = 0; i < 5; i++) replays.push(await invokeTimed(stack, 'activities', { action: 'checkIn', id, code: current() }, people[0]))
  check(replays.every((r) => r.result?.code === 0 && r.result.data.already === true), `replay: ${j(replays.map((r) => r.result))}`)
  const mine = attendanceCount(stack, { activityId: id, userId: `user-${people[0]}` })
  check(mine === 1 && attendanceCount(stack, { activityId: id }) === PEOPLE, `after 5 replays: ${mine} records for the member, ${attendanceCount(stack, { activityId: id })} in all`)
  figure(`activities: the same scan replayed 5 times (sequentially, after check-in)`, `${mine} attendance record, every replay answered already; round trips ${tripSpread(replays.map((r) => r.roundTrips))}`)
}

/** 3. (stale code, concurrent replays) and 4. booking 200 attendees. */
async function booking(stack: TestStack, figure: Figure) {
  const PEOPLE = 200
  const id = await createActivity(stack, '二百人服务（基准）', PEOPLE, 10, 2)
  const people = await members(stack, 'bench-book', PEOPLE)
  await signUpAll(stack, id, people)
  const a = activity(stack, id)
  check(a.seatedIds.length === PEOPLE, `expected ${PEOPLE} seated, got ${a.seatedIds.length}`)
  const secret = a.checkInSecret as string
  const current = () => codeFor(secret, minuteOf(new Date()))

  // A code from 2 minutes ago, by a seated member not yet in: refused, nothing written.
  const stale = await stack.call('activities', { action: 'checkIn', id, code: codeFor(secret, minuteOf(new Date()) - 2) }, people[0])
  check(stale.result?.code === 'ACTIVITY.STALE_CODE', `a 2-minute-old code answered ${j(stale.result)}`)
  check(attendanceCount(stack, { activityId: id }) === 0, 'a stale code wrote an attendance record')
  figure(`activities: checkIn with the code of 2 minutes ago`, `${stale.result.code} (${stale.roundTrips} round trip${stale.roundTrips === 1 ? '' : 's'}), no attendance written`)

  // The same first scan 5 times at once (a double tap, a retried request): one record.
  const burst = await Promise.all(Array.from({ length: 5 }, () => stack.call('activities', { action: 'checkIn', id, code: current() }, people[0])))
  check(burst.every((b) => b.result?.code === 0), `concurrent scans: ${j(burst.map((b) => b.result))}`)
  const fresh = burst.filter((b) => b.result.data.already === false).length
  const records = attendanceCount(stack, { activityId: id, userId: `user-${people[0]}` })
  check(records === 1, `5 concurrent scans by one member left ${records} attendance records`)
  check(fresh === 1, `5 concurrent scans by one member: ${fresh} answered as a fresh check-in (expected exactly 1)`)
  figure(`activities: the same first scan 5 times at once`, `${records} attendance record, ${fresh} answered fresh, ${5 - fresh} already`)

  // The other 199 one after another: what one check-in costs when nobody else is scanning.
  const rest: Timed[] = []
  for (const p of people.slice(1)) rest.push(await invokeTimed(stack, 'activities', { action: 'checkIn', id, code: current() }, p))
  check(rest.every((r) => r.result?.code === 0 && r.result.data.already === false), `checkIn of the 200: ${j(rest.find((r) => r.result?.code !== 0 || r.result.data.already !== false)?.result)}`)
  const alone = sortNum(rest.map((r) => r.durationMs))
  figure(
    `activities: checkIn one at a time (${rest.length} sequential calls, invocation in the runner)`,
    `p50 ${ms(percentile(alone, 50))}, p95 ${ms(percentile(alone, 95))}; round trips ${tripSpread(rest.map((r) => r.roundTrips))}`,
  )
  check(attendanceCount(stack, { activityId: id }) === PEOPLE, `expected ${PEOPLE} attendance records, found ${attendanceCount(stack, { activityId: id })}`)

  // Past its start (the functions' clock moved on), the organiser holds it, then books.
  try {
    stack.setClockOffset(15 * MINUTE)
    const held = await stack.call('activities', { action: 'transition', id, verb: 'hold' }, 'demo-community-admin')
    check(held.result?.code === 0 && held.result.data.state === 'held', `hold: ${j(held.result)}`)
    const t0 = process.hrtime.bigint()
    const booked = await stack.call('activities', { action: 'book', id }, 'demo-community-admin')
    const wall = Number(process.hrtime.bigint() - t0) / 1e6
    check(booked.result?.code === 0, `book: ${j(booked.result)}`)
    const after = activity(stack, id)
    const rows = stack.emulator.db.collection('service_hours').find({ 'source.id': id }) as { userId: string; hours: number }[]
    const distinct = new Set(rows.map((r) => r.userId)).size
    const hours = Math.round(rows.reduce((s, r) => s + r.hours * 10, 0)) / 10
    check(after.state === 'booked' && after.booking?.people === PEOPLE, `after book: state ${after.state}, booking ${JSON.stringify(after.booking)}`)
    check(rows.length === PEOPLE && distinct === PEOPLE, `expected ${PEOPLE} service_hours rows of ${PEOPLE} people, found ${rows.length} of ${distinct}`)
    figure(`activities: book ${PEOPLE} attendees (organiser)`, `${booked.roundTrips} round trips (target ≤ 5), ${ms(wall)} wall clock; verified ${rows.length} service_hours rows, ${hours} h in all, activity booked`)
    const again = await stack.call('activities', { action: 'book', id }, 'demo-community-admin')
    const rowsAfter = stack.emulator.db.collection('service_hours').count({ 'source.id': id })
    check(again.result?.code === 'ACTIVITY.ALREADY_BOOKED' && rowsAfter === PEOPLE, `book again: ${j(again.result)}, ${rowsAfter} rows`)
    figure(`activities: book again`, `${again.result.code} (${again.roundTrips} round trip${again.roundTrips === 1 ? '' : 's'}), still ${rowsAfter} rows`)
  } finally {
    stack.setClockOffset(0)
  }
}

/** 5. unitProgress of a unit holding `size` registered members with their tallies of the year. */
async function unitProgressFigure(stack: TestStack, figure: Figure, unitId: string, openid: string, size: number, prefix: string, CALLS = 50) {
  const db = stack.emulator.db
  const year = periodOf('year', new Date()).year
  const baseRegistered = db.collection('registrations').count({ unitId, state: 'registered' })
  const baseMet = db.collection('tallies').count({ kind: 'member', unitId, year, met: true })
  const at = new Date()
  const regs: Record<string, unknown>[] = []
  const tallies: Record<string, unknown>[] = []
  let metInserted = 0
  for (let i = 0; i < size; i++) {
    const userId = `user-${prefix}-${i}`
    const met = i % 3 === 0
    if (met) metInserted++
    regs.push({
      _id: `reg-${prefix}-${i}`, userId, name: `党员${prefix}${i}`, phone: '', unitId, unitName: '基准单位', unitCountyId: 'org-longmen',
      communityId: 'org-beimen', communityName: '北门社区', communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'registered', history: [], createdAt: at, updatedAt: at,
    })
    tallies.push({
      _id: `m:${year}:${userId}`, kind: 'member', year, userId, unitId, countyId: 'org-longmen',
      activities: met ? 3 : i % 2, tenths: met ? 450 : 60 * (i % 5), credited: [], met,
    })
  }
  const t0 = Date.now()
  await insertChunked(stack, 'registrations', regs)
  await insertChunked(stack, 'tallies', tallies)
  const seeded = Date.now() - t0

  const county = db.collection('org_nodes').findOne({ _id: 'org-longmen' }) as Record<string, any>
  const rules = effectiveRules(county.requirements)
  const registered = baseRegistered + size
  const asksNothing = rules.memberActivitiesPerYear === 0 && rules.memberHoursPerYear === 0
  const met = asksNothing ? registered : Math.min(registered, baseMet + metInserted)
  const expected = { registered, met, notMet: registered - met }

  const event = { action: 'unitProgress', unitId }
  for (let i = 0; i < 10; i++) await invokeTimed(stack, 'requirements', event, openid) // warm the worker
  const trips: number[] = []
  const inMain: number[] = []
  const wall: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const r = await invokeTimed(stack, 'requirements', event, openid)
    check(r.result?.code === 0, `unitProgress as ${openid}: ${j(r.result)}`)
    const got = r.result.data.members
    check(
      got.registered === expected.registered && got.met === expected.met && got.notMet === expected.notMet,
      `unitProgress of ${unitId} answered ${JSON.stringify(got)}, expected ${JSON.stringify(expected)} (${baseRegistered} registered and ${baseMet} met before the ${size} inserted, ${metInserted} of them met)`,
    )
    trips.push(r.roundTrips)
    inMain.push(r.durationMs)
    wall.push(r.wallMs)
  }
  const label = `requirements: unitProgress of a unit of ${size.toLocaleString('en')} members (${unitId})`
  figure(`${label}: seeded`, `${size} registrations + ${size} member tallies in ${secs(seeded)}; answer ${JSON.stringify(expected)} verified on every call${baseRegistered ? ` (${baseRegistered} registered, ${baseMet} met there before: the seed's)` : ''}`)
  figure(`${label}: round trips`, `${tripSpread(trips)} (target 1)`)
  figure(`${label}: invocation (main() in the runner, ${CALLS} sequential calls)`, `p50 ${ms(percentile(sortNum(inMain), 50))}, p95 ${ms(percentile(sortNum(inMain), 95))} (target p50 ≤ 10 ms)`)
  figure(`${label}: call through the runner (wall clock, with the IPC)`, `p50 ${ms(percentile(sortNum(wall), 50))}, p95 ${ms(percentile(sortNum(wall), 95))}`)
  return expected
}

export async function activitiesFigures(figure: Figure): Promise<void> {
  const stack = await startTestStack({ seed: true })
  try {
    // A second unit of 500 with its own admin, to compare against 5,000.
    const at = new Date()
    await stack.emulator.db.collection('units').insertMany([{ _id: 'unit-bench-500', name: '基准单位', kind: '企业', countyId: 'org-longmen', pairedCommunityIds: ['org-beimen'] }])
    await stack.emulator.db.collection('users').insertMany([
      { _id: 'user-bench-500-admin', openid: 'bench-500-admin', name: '基准管理员', roles: [{ kind: 'unit_admin', scopeId: 'unit-bench-500', scopeName: '基准单位' }], createdAt: at, updatedAt: at },
    ])
    await unitProgressFigure(stack, figure, 'unit-bench-500', 'bench-500-admin', 500, 'bench-up500')
    const big = await unitProgressFigure(stack, figure, 'unit-water-bureau', 'demo-unit-admin', 5000, 'bench-up5000')
    const county = await invokeTimed(stack, 'requirements', { action: 'unitProgress', unitId: 'unit-water-bureau' }, 'demo-county-admin')
    const got = county.result?.data?.members
    check(county.result?.code === 0 && got?.registered === big.registered && got?.met === big.met, `unitProgress as the county admin: ${j(county.result)}`)
    figure(`requirements: unitProgress of unit-water-bureau as the county admin`, `${county.roundTrips} round trip, ${ms(county.durationMs)} in main() (one call); same counts`)

    // The activities' members are registered with 县水利局 too: they come after the unit figures.
    await contention(stack, figure)
    await checkIns(stack, figure)
    await booking(stack, figure)
  } finally {
    stack.setClockOffset(0)
    await stack.close()
  }
}

if (require.main === module) {
  activitiesFigures((name, value) => console.log(`${name}: ${value}`)).then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
