/**
 * The escalation sweep, run by the timer trigger in config.json (`escalate`). It never scans all
 * orders: communities are grouped by identical limits, and per group × timed state × urgency one
 * query `{ communityId in, state, urgency, stateSince|preferredAt < deadline }` is answered by the
 * index communityId_state_urgency_<field> (domain/orders/escalation.ts overdueQueries). An order already
 * escalated comes back only once its next level is due (`overdue.nextAt`), so a second run in the
 * same minute writes nothing. Each mark is a conditional update pinned to the state and the
 * moment it began (`{ _id, state, stateSince }`), so a sweep racing a transition marks nothing stale.
 */
import { bookServiceHours, getDocs, updateDocs, writePlan, type Database } from '../../../server/kit'
import type { SweepResult } from '../../../domain/api/orders'
import { escalationEntry, escalationOf, overdueQueries, planClose, settingsOf, type EscalationLevel, type OrderTimeSettings } from '../../../domain/orders'
import type { RoleKind } from '../../../domain/roles'
import type { ServiceHoursRecord } from '../../../domain/requirements'
import { ORDERS, type CommunityNode, type StoredOrder } from './common'
import { notify } from './notify'

const PAGE = 1000
/** The planner answers `$in` with one index run per value; keep a group's list well under its limit. */
const GROUP_MAX = 500
/** Confirmed orders older than this are finished by the sweep (the confirming call died before `close`). */
const CLOSE_GRACE_MS = 5 * 60_000
const PARALLEL = 16

const ADMIN_OF: Record<EscalationLevel, RoleKind> = { branch: 'branch_admin', community: 'community_admin', street: 'street_admin' }

async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

/** Communities sharing the same limits, at most `max` per group (one indexed query per group × state × urgency). */
export function groupCommunities(communities: Pick<CommunityNode, '_id' | 'orderSettings'>[], max = GROUP_MAX): { communityIds: string[]; settings: OrderTimeSettings }[] {
  const groups = new Map<string, { communityIds: string[]; settings: OrderTimeSettings }>()
  for (const c of communities) {
    const settings = settingsOf(c)
    const key = JSON.stringify(settings)
    let g = groups.get(key)
    if (g && g.communityIds.length >= max) {
      // A full group keeps its queries under another key; the next communities start a new one.
      groups.set(`${key}#${groups.size}`, g)
      g = undefined
    }
    if (!g) {
      g = { communityIds: [], settings }
      groups.set(key, g)
    }
    g.communityIds.push(c._id)
  }
  return [...groups.values()]
}

export async function sweep(db: Database, now: Date): Promise<SweepResult> {
  const _ = db.command
  const communities = await getDocs<CommunityNode>(db.collection('org_nodes').where({ kind: 'community' }).field({ _id: true, orderSettings: true }).limit(PAGE))
  const groups = groupCommunities(communities)
  const settingsByCommunity = new Map<string, OrderTimeSettings>()
  for (const g of groups) for (const id of g.communityIds) settingsByCommunity.set(id, g.settings)

  const queries = overdueQueries(groups, now)
  const result: SweepResult = { examined: 0, escalated: 0, closed: 0, booked: 0, notified: 0, queries: 0 }
  const told = new Map<string, { level: EscalationLevel; orgId: string; count: number }>()

  await inBatches(queries, PARALLEL, async (q) => {
    // Pages until a short one: each pass marks what it read, so the next pass reads the rest.
    for (let pass = 0; pass < 100; pass++) {
      result.queries++
      const rows = await getDocs<StoredOrder>(
        db
          .collection(ORDERS)
          .where(
            _.and([
              { communityId: _.in(q.communityIds), state: q.state, urgency: q.urgency, [q.field]: _.lt(q.before) },
              _.or([{ overdue: null }, { 'overdue.nextAt': _.lte(now) }]),
            ]),
          )
          .limit(PAGE),
      )
      result.examined += rows.length
      let marked = 0
      await inBatches(rows, PARALLEL, async (o) => {
        const settings = settingsByCommunity.get(o.communityId)!
        const clock = { ...o, stateSince: new Date(o.stateSince), preferredAt: new Date(o.preferredAt), claimedAt: o.claimedAt ? new Date(o.claimedAt) : null }
        const e = escalationOf(clock, now, settings)
        const filter = { _id: o._id, state: o.state, stateSince: clock.stateSince }
        // A finish row whose claim came after the preferred time may not be late yet: left for a later run.
        if (!e) return
        if (o.overdue && o.overdue.level === e.level) {
          await updateDocs(db.collection(ORDERS).where(filter), { 'overdue.nextAt': e.nextAt })
          return
        }
        const entry = escalationEntry(o.state, e, now)
        const changed = await updateDocs(db.collection(ORDERS).where(filter), {
          overdue: _.set({ level: e.level, since: o.overdue?.since ?? now, nextAt: e.nextAt }),
          history: _.push(entry),
          // The statistics roll-up finds changed orders by updatedAt (server/kit/statsRollup.ts).
          updatedAt: now,
        })
        if (changed === 0) return
        marked++
        result.escalated++
        const key = `${e.level}:${e.orgId}`
        const t = told.get(key) ?? { level: e.level, orgId: e.orgId, count: 0 }
        t.count++
        told.set(key, t)
      })
      if (rows.length < PAGE || marked === 0) break
    }
  })

  result.notified = await notifyLevels(db, [...told.values()])
  result.closed = await closeConfirmed(db, now)
  result.booked = await bookMissedHours(db, now)
  return result
}

/** One message per admin of each level told, with how many orders: a sweep never floods a phone. */
async function notifyLevels(db: Database, told: { level: EscalationLevel; orgId: string; count: number }[]): Promise<number> {
  if (told.length === 0) return 0
  const _ = db.command
  const admins = await getDocs<{ openid: string; roles: { kind: RoleKind; scopeId?: string }[] }>(
    db
      .collection('users')
      // One grant holding both (elemMatch): the multikey index role_scope_kind (roles.scopeId, roles.kind) answers it, no scan of users.
      .where({ roles: _.elemMatch({ scopeId: _.in([...new Set(told.map((t) => t.orgId))]), kind: _.in([...new Set(told.map((t) => ADMIN_OF[t.level]))]) }) })
      .field({ openid: true, roles: true })
      .limit(PAGE),
  )
  let sent = 0
  for (const t of told) {
    for (const a of admins) {
      if (!(a.roles ?? []).some((g) => g.kind === ADMIN_OF[t.level] && g.scopeId === t.orgId)) continue
      const ok = await notify({ touser: a.openid, template: 'orderOverdue', orderId: '', title: `${t.count}个服务单超时，请督办`, status: '超时督办' })
      if (ok) sent++
    }
  }
  return sent
}

/** Finishes orders a confirming call left `confirmed` (its hours booking or `close` did not happen). */
async function closeConfirmed(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const rows = await getDocs<StoredOrder>(
    db.collection(ORDERS).where({ state: planClose(now).from, stateSince: _.lt(new Date(now.getTime() - CLOSE_GRACE_MS)) }).limit(100),
  )
  let closed = 0
  for (const o of rows) {
    if (await bookAndCloseWith(db, now, o)) closed++
  }
  return closed
}

/**
 * The ledger row of a confirmed order, keyed by it (`source_user_unique`: a second booking is a
 * duplicate and changes nothing). True when the row is there after the call.
 */
export async function bookHours(db: Database, now: Date, order: StoredOrder): Promise<boolean> {
  if (!order.assigneeId || !order.report) return false
  const row: ServiceHoursRecord = {
    userId: order.assigneeId,
    registrationId: order.assigneeRegistrationId ?? '',
    communityId: order.communityId,
    unitId: order.assigneeUnitId ?? '',
    hours: order.report.hours,
    source: { kind: 'order', id: order._id },
    // When the member finished: the `done` state's start is on the timeline.
    at: new Date([...order.history].reverse().find((h) => h.verb === 'finish')?.at ?? order.stateSince),
    createdAt: now,
  }
  await bookServiceHours(db, row)
  return true
}

/** The ledger row, then the system's `close` (one conditional update from `confirmed`); both idempotent. For orders left `confirmed` (before confirm closed in its own write). */
export async function bookAndCloseWith(db: Database, now: Date, order: StoredOrder): Promise<boolean> {
  if (!(await bookHours(db, now, order))) return false
  return writePlan(db, ORDERS, order._id, planClose(now))
}

/** How far back the sweep looks for confirmed orders whose hours a crashed call did not book (it runs every 10 minutes). */
const BOOK_WINDOW_MS = 24 * 3_600_000

/**
 * confirm closes the order and books the hours right after (2 writes, index.ts). A call that died
 * between the two left a `closed`, rated order without its ledger row: two reads find them (the
 * orders confirmed in the last day, on `state_since`; their ledger rows, on `source_user_unique`),
 * and the missing rows are written. Answers how many.
 */
export async function bookMissedHours(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const rows = await getDocs<StoredOrder>(
    db
      .collection(ORDERS)
      .where({ state: planClose(now).to, stateSince: _.gte(new Date(now.getTime() - BOOK_WINDOW_MS)).and(_.lt(new Date(now.getTime() - CLOSE_GRACE_MS))), rating: _.neq(null) })
      .limit(PAGE),
  )
  if (rows.length === 0) return 0
  const booked = await getDocs<{ source: { id: string } }>(
    db.collection('service_hours').where({ 'source.kind': 'order', 'source.id': _.in(rows.map((o) => o._id)) }).field({ source: true }).limit(PAGE),
  )
  const have = new Set(booked.map((b) => b.source.id))
  let n = 0
  for (const o of rows) {
    if (!have.has(o._id) && (await bookHours(db, now, o))) n++
  }
  return n
}
