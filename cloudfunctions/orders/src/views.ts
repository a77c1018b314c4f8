/** Stored orders and items as the client sees them: names only, dates as ISO strings, overdue computed. */
import type { OrderDetail, OrderRow, OverdueView, ServiceItemView, TimelineEntry } from '../../../domain/api/orders'
import {
  availableVerbs,
  describeEntry,
  escalationOf,
  ESCALATION_LEVEL_LABELS,
  ORDER_HISTORY_LABELS,
  ORDER_STATE_LABELS,
  ORDER_URGENCY_LABELS,
  seatsLeft,
  type OrderHistoryEntry,
  type OrderTimeSettings,
  type OrderViewer,
  type ServiceItem,
} from '../../../domain/orders'
import type { StoredOrder } from './common'

const iso = (d: Date | string) => new Date(d).toISOString()

export function toTimelineEntry(e: OrderHistoryEntry): TimelineEntry {
  const out: TimelineEntry = { verb: e.verb, label: ORDER_HISTORY_LABELS[e.verb], text: describeEntry(e), from: e.from, to: e.to, byName: e.byName, at: iso(e.at) }
  if (e.reason) out.reason = e.reason
  return out
}

/**
 * Overdue as the lists show it: computed now against the community's limits (so a list is right
 * between two sweeps), with the level the sweep told when it has run.
 */
export function overdueOf(o: StoredOrder, now: Date, settings: OrderTimeSettings | null): OverdueView | null {
  if (settings) {
    const e = escalationOf(revive(o), now, settings)
    if (!e) return null
    const level = o.overdue?.level ?? null
    return { label: e.label, level, levelLabel: level ? ESCALATION_LEVEL_LABELS[level] : null, deadline: e.deadline.toISOString() }
  }
  if (!o.overdue) return null
  return { label: '已超时', level: o.overdue.level, levelLabel: ESCALATION_LEVEL_LABELS[o.overdue.level], deadline: iso(o.overdue.since) }
}

/** Dates come back from the database as Date (or ISO text from a `$lookup`); the clock functions need Dates. */
export function revive(o: StoredOrder): StoredOrder {
  return { ...o, stateSince: new Date(o.stateSince), preferredAt: new Date(o.preferredAt), claimedAt: o.claimedAt ? new Date(o.claimedAt) : null }
}

export function toRow(o: StoredOrder, now: Date, settings: OrderTimeSettings | null): OrderRow {
  return {
    id: o._id,
    state: o.state,
    stateLabel: ORDER_STATE_LABELS[o.state],
    category: o.category,
    description: o.description,
    skills: o.skills,
    preferredAt: iso(o.preferredAt),
    urgency: o.urgency,
    urgencyLabel: ORDER_URGENCY_LABELS[o.urgency],
    residentName: o.residentName,
    communityName: o.communityName,
    buildingName: o.buildingName,
    assigneeName: o.assigneeName,
    overdue: overdueOf(o, now, settings),
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  }
}

/** `viewer`: who asks (null: nobody the backend knows), for the buttons they may press (`can`). */
export function toDetail(o: StoredOrder, now: Date, settings: OrderTimeSettings | null, viewer: OrderViewer | null): OrderDetail {
  return {
    ...toRow(o, now, settings),
    can: availableVerbs(o, viewer),
    communityId: o.communityId,
    compoundId: o.compoundId,
    gridId: o.gridId,
    buildingId: o.buildingId,
    unitId: o.unitId,
    assigneeId: o.assigneeId,
    residentId: o.residentId,
    placedByName: o.placedByName,
    pool: o.pool,
    report: o.report,
    rating: o.rating,
    reason: o.reason ?? null,
    mergedInto: o.mergedInto,
    timeline: o.history.map(toTimelineEntry),
  }
}

export function toItemView(item: ServiceItem, userId: string | null): ServiceItemView {
  const claimants = item.claimants ?? []
  return {
    id: item._id,
    communityId: item.communityId,
    category: item.category,
    title: item.title,
    description: item.description,
    skills: item.skills,
    expectedHours: item.expectedHours,
    capacity: item.capacity,
    standing: item.standing,
    active: item.active,
    joined: claimants.length,
    seatsLeft: seatsLeft({ capacity: item.capacity, claimants }),
    mine: !!userId && claimants.includes(userId),
  }
}
