/**
 * The activities timer (every 5 minutes; config.json `sweep`), so nothing waits on someone
 * remembering it:
 *  - sign-up closes when an activity starts (closeSignup, by the system);
 *  - an activity still open an hour after its planned end is held (hold), counted for its unit;
 *  - the people with a seat are reminded once, in the hour before the start;
 *  - a booking that died between the tallies and the ledger is completed (both idempotent);
 *  - the people whose hours were booked are told ("时长已入账"), once per activity.
 * Each step writes through the planners' plans with writePlan: one conditional update each.
 */
import { creditUnitActivity, getDocs, now as clockNow, updateDocs, writePlan, type Database } from '../../../server/kit'
import { CHECK_OUT_LATE_MINUTES, hoursList, planTransition, type ActivityRecord, type AttendanceRecord } from '../../../domain/activities'
import { ACTIVITIES, ATTENDANCE, settingsOf, type CountyNode } from './common'
import { notifyActivity } from './notify'
import { creditActivity } from './credit'

const PAGE = 100
const MINUTE = 60_000
const REMIND_BEFORE = 60 * MINUTE
const REPAIR_WINDOW = 2 * 24 * 60 * MINUTE

export interface SweepReport {
  closed: string[]
  held: string[]
  reminded: string[]
  repaired: string[]
  told: string[]
}

export async function sweep(db: Database, now: Date = clockNow()): Promise<SweepReport> {
  const _ = db.command
  const report: SweepReport = { closed: [], held: [], reminded: [], repaired: [], told: [] }
  const activities = db.collection(ACTIVITIES)

  const ended = await getDocs<ActivityRecord>(activities.where({ state: _.in(['published', 'closed']), endAt: _.lte(new Date(now.getTime() - CHECK_OUT_LATE_MINUTES * MINUTE)) }).limit(PAGE))
  for (const a of ended) {
    if (await writePlan(db, ACTIVITIES, a._id, planTransition(a, null, 'hold', { now }))) {
      report.held.push(a._id)
      if (a.unitId) await creditUnitActivity(db, a.unitId, a._id, a.startAt)
    }
  }

  const started = await getDocs<ActivityRecord>(activities.where({ state: 'published', startAt: _.lte(now) }).limit(PAGE))
  for (const a of started) {
    if (await writePlan(db, ACTIVITIES, a._id, planTransition(a, null, 'closeSignup', { now }))) report.closed.push(a._id)
  }

  const soon = await getDocs<ActivityRecord & { remindedAt?: Date }>(
    activities.where({ state: _.in(['published', 'closed']), startAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_BEFORE))), remindedAt: _.exists(false) }).limit(PAGE),
  )
  for (const a of soon) {
    // Claimed by a conditional write first: two sweeps at once remind once.
    if ((await updateDocs(activities.where({ _id: a._id, remindedAt: _.exists(false) }), { remindedAt: now })) === 1) {
      await notifyActivity(db, 'activityReminder', a, a.seatedIds)
      report.reminded.push(a._id)
    }
  }

  report.repaired = await repairBookings(db, now)
  report.told = await tellBooked(db, now)
  return report
}

/** Bookings of the last two days whose ledger rows are fewer than the people booked: credited again (idempotent). */
async function repairBookings(db: Database, now: Date): Promise<string[]> {
  const _ = db.command
  const booked = await getDocs<ActivityRecord>(db.collection(ACTIVITIES).where({ state: 'booked', stateSince: _.gte(new Date(now.getTime() - REPAIR_WINDOW)) }).limit(PAGE))
  const due = booked.filter((a) => (a.booking?.people ?? 0) > 0)
  if (due.length === 0) return []
  const ledger = db.collection('service_hours') as unknown as { aggregate(): any }
  const { list } = await ledger
    .aggregate()
    .match({ 'source.kind': 'activity', 'source.id': _.in(due.map((a) => a._id)) })
    .group({ _id: '$source.id', n: { $sum: 1 } })
    .limit(PAGE)
    .end()
  const rows = new Map((list as { _id: string; n: number }[]).map((g) => [g._id, g.n]))
  const out: string[] = []
  for (const a of due) {
    if ((rows.get(a._id) ?? 0) >= a.booking!.people) continue
    const [attendance, counties] = await Promise.all([
      getDocs<AttendanceRecord>(db.collection(ATTENDANCE).where({ activityId: a._id }).limit(1000)),
      getDocs<CountyNode>(db.collection('org_nodes').where({ _id: a.countyId }).limit(1)),
    ])
    const county = counties[0] ?? null
    const credits = hoursList(a, attendance, settingsOf(county).rounding).filter((l) => l.hours > 0)
    await creditActivity({ db, now }, a, credits, county)
    out.push(a._id)
  }
  return out
}

/** Booked activities whose people were not told yet: claimed by a conditional write, then one message each. */
async function tellBooked(db: Database, now: Date): Promise<string[]> {
  const _ = db.command
  const activities = db.collection(ACTIVITIES)
  const booked = await getDocs<ActivityRecord>(
    activities.where({ state: 'booked', stateSince: _.gte(new Date(now.getTime() - REPAIR_WINDOW)), bookedToldAt: _.exists(false) }).limit(PAGE),
  )
  const out: string[] = []
  for (const a of booked) {
    if ((await updateDocs(activities.where({ _id: a._id, bookedToldAt: _.exists(false) }), { bookedToldAt: now })) !== 1) continue
    const [attendance, counties] = await Promise.all([
      getDocs<AttendanceRecord>(db.collection(ATTENDANCE).where({ activityId: a._id }).limit(1000)),
      getDocs<CountyNode>(db.collection('org_nodes').where({ _id: a.countyId }).limit(1)),
    ])
    const credits = hoursList(a, attendance, settingsOf(counties[0] ?? null).rounding).filter((l) => l.hours > 0)
    await notifyActivity(db, 'activityBooked', a, credits.map((c) => c.userId), { hours: new Map(credits.map((c) => [c.userId, c.hours])) }, new Map(attendance.map((r) => [r.userId, r.openid ?? null])))
    out.push(a._id)
  }
  return out
}
