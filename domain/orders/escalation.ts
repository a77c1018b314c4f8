/**
 * Time limits and escalation: nothing a resident asks for may be silently forgotten. Pure: `now`
 * is always passed in.
 */
import { ORDER_STATES, ORDER_URGENCIES, type OrderState, type OrderUrgency } from '../orders-labels'
import { ESCALATION_LEVELS, SYSTEM_ACTOR, type EscalationLevel, type OrderHistoryEntry } from './history'
import type { OrderRecord } from './record'
import type { OrderTimeSettings } from './settings'

/** Which limit runs in each state; states without one wait on nobody the community answers for. */
export type OrderLimit = 'accept' | 'dispatch' | 'claim' | 'finish' | 'complaint'

export const STATE_LIMIT: Record<OrderState, OrderLimit | null> = {
  ordered: 'accept',
  accepted: 'dispatch',
  complained: 'complaint',
  dispatched_member: 'claim',
  dispatched_unit: 'claim',
  pooled: 'claim',
  claimed: 'finish',
  in_progress: 'finish',
  // The resident is never chased by the system; the hours booking is the function's own step.
  done: null,
  confirmed: null,
  declined: null,
  merged: null,
  closed: null,
  cancelled: null,
}

export const OVERDUE_LABELS: Record<OrderLimit, string> = { accept: '超时未接单', dispatch: '超时未派单', claim: '超时无人接单', finish: '超时未完成', complaint: '投诉超时未处理' }

const HOUR_MS = 3_600_000

export function limitHours(limit: OrderLimit, urgency: OrderUrgency, s: OrderTimeSettings): number {
  const base = { accept: s.acceptHours, dispatch: s.dispatchHours, claim: s.claimHours, finish: s.finishHours, complaint: s.acceptHours }[limit]
  return urgency === 'urgent' ? base * s.urgentScale : base
}

export type OrderClock = Pick<OrderRecord, 'state' | 'stateSince' | 'preferredAt' | 'urgency' | 'claimedAt'>

/** When the current step must be over, or null when no limit runs. */
export function deadlineOf(order: OrderClock, s: OrderTimeSettings): Date | null {
  const limit = STATE_LIMIT[order.state]
  if (!limit) return null
  const ms = limitHours(limit, order.urgency, s) * HOUR_MS
  if (limit !== 'finish') return new Date(order.stateSince.getTime() + ms)
  const from = Math.max(order.preferredAt.getTime(), (order.claimedAt ?? order.stateSince).getTime())
  return new Date(from + ms)
}

export function isOverdue(order: OrderClock, now: Date, s: OrderTimeSettings): boolean {
  const d = deadlineOf(order, s)
  return d !== null && now.getTime() > d.getTime()
}

/** The places escalation names: the order's street, community and compound (its branch). */
export type OrderScope = Pick<OrderRecord, 'streetId' | 'communityId' | 'compoundId'>

export interface Escalation {
  limit: OrderLimit
  label: string
  deadline: Date
  overdueHours: number
  /** Who is told: one level above whoever is late, one more per further full limit overdue, at most the street. */
  level: EscalationLevel
  /** The org node of that level (compound for a branch). */
  orgId: string
  /** When the next level up will be told if nothing happens; null once the street knows. */
  nextAt: Date | null
}

/**
 * Who is late and who hears of it. The community is late to accept (or to answer a complaint): its street hears. A dispatcher
 * is late to dispatch: the branch's community hears (the street, when the order has no compound,
 * so the community dispatched). A member or unit is late to take or finish: the dispatcher's level
 * hears (the branch, else the community). Each further full limit overdue climbs one level.
 */
export function escalationOf(order: OrderClock & OrderScope, now: Date, s: OrderTimeSettings): Escalation | null {
  const limit = STATE_LIMIT[order.state]
  const deadline = deadlineOf(order, s)
  if (!limit || !deadline || now.getTime() <= deadline.getTime()) return null
  const dispatcherLevel = order.compoundId ? 0 : 1
  const base = limit === 'accept' || limit === 'complaint' ? 2 : limit === 'dispatch' ? dispatcherLevel + 1 : dispatcherLevel
  const overdueMs = now.getTime() - deadline.getTime()
  const periodMs = limitHours(limit, order.urgency, s) * HOUR_MS
  const periods = Math.floor(overdueMs / periodMs)
  const index = Math.min(2, base + periods)
  const level = ESCALATION_LEVELS[index]
  const orgId = level === 'branch' ? (order.compoundId as string) : level === 'community' ? order.communityId : order.streetId
  const nextAt = index < 2 ? new Date(deadline.getTime() + (periods + 1) * periodMs) : null
  return { limit, label: OVERDUE_LABELS[limit], deadline, overdueHours: Math.floor(overdueMs / HOUR_MS), level, orgId, nextAt }
}

/** The timeline entry of an escalation: the state does not move, the level told is on record. */
export function escalationEntry(state: OrderState, e: Escalation, now: Date): OrderHistoryEntry {
  return { verb: 'escalate', from: state, to: state, by: SYSTEM_ACTOR.id, byName: SYSTEM_ACTOR.name, at: now, level: e.level, reason: e.label }
}

/**
 * The indexed queries of the escalation sweep: one per group of communities sharing settings,
 * per timed state, per urgency. Each is an equality on communityId (in), state and urgency plus
 * a range on one date field, so the index `communityId_state_urgency_<field>` answers it without
 * touching orders that are not late. Finish limits range on preferredAt; the sweep drops the few
 * rows whose claimedAt is later (escalationOf decides). The sweep adds `overdue.nextAt` null or
 * before now, so an order already escalated is read again only when its next level is due.
 */
export interface OverdueQuery {
  communityIds: string[]
  state: OrderState
  urgency: OrderUrgency
  field: 'stateSince' | 'preferredAt'
  before: Date
}

export function overdueQueries(groups: ReadonlyArray<{ communityIds: string[]; settings: OrderTimeSettings }>, now: Date): OverdueQuery[] {
  const out: OverdueQuery[] = []
  for (const g of groups) {
    for (const state of ORDER_STATES) {
      const limit = STATE_LIMIT[state]
      if (!limit) continue
      for (const urgency of ORDER_URGENCIES) {
        const before = new Date(now.getTime() - limitHours(limit, urgency, g.settings) * HOUR_MS)
        out.push({ communityIds: g.communityIds, state, urgency, field: limit === 'finish' ? 'preferredAt' : 'stateSince', before })
      }
    }
  }
  return out
}
