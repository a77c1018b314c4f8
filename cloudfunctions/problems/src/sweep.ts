/**
 * The escalation sweep, run by the timer trigger in config.json (`escalate`, every 10 minutes).
 * Per open state one indexed query (`state_since`) finds what waited past its limit and was not
 * told at its level within a day; domain planEscalation decides the next level (community, then
 * street, then county) and writePlan marks it in one conditional update pinned to the state and
 * the level read, so two sweeps at once (or a sweep racing a transition) tell once.
 */
import { getDocs, writePlan, type Database } from '../../../server/kit'
import { planEscalation, PROBLEM_LIMIT_HOURS, type EscalationLevel, type ProblemRecord } from '../../../domain/problems'
import type { RoleKind } from '../../../domain/roles'
import { PROBLEMS } from './common'
import { notifyOverdue } from './notify'

const PAGE = 500
const HOUR = 3_600_000
const DAY = 24 * HOUR

const ADMIN_OF: Record<EscalationLevel, { kind: RoleKind; depth: number }> = {
  community: { kind: 'community_admin', depth: 2 },
  street: { kind: 'street_admin', depth: 1 },
  county: { kind: 'county_admin', depth: 0 },
}

export interface EscalateResult {
  examined: number
  escalated: string[]
  notified: number
}

export async function sweep(db: Database, now: Date): Promise<EscalateResult> {
  const _ = db.command
  const notToldLately = _.or([{ overdue: null }, { 'overdue.at': _.lte(new Date(now.getTime() - DAY)) }])
  const late = await Promise.all([
    ...(['reported', 'meeting_held'] as const).map((state) =>
      getDocs<ProblemRecord>(db.collection(PROBLEMS).where(_.and([{ state, stateSince: _.lt(new Date(now.getTime() - PROBLEM_LIMIT_HOURS[state] * HOUR)) }, notToldLately])).limit(PAGE)),
    ),
    getDocs<ProblemRecord>(db.collection(PROBLEMS).where(_.and([{ state: 'assigned', dueAt: _.lt(now) }, notToldLately])).limit(PAGE)),
  ])
  const rows = late.flat()
  const result: EscalateResult = { examined: rows.length, escalated: [], notified: 0 }
  const told = new Map<string, { kind: RoleKind; orgId: string; count: number }>()
  for (const p of rows) {
    const plan = planEscalation(p, now)
    if (!plan) continue
    const orgId = p.lineage[ADMIN_OF[plan.level].depth]
    if (!(await writePlan(db, PROBLEMS, p._id, plan))) continue
    result.escalated.push(p._id)
    if (!orgId) continue
    const key = `${plan.level}:${orgId}`
    const t = told.get(key) ?? { kind: ADMIN_OF[plan.level].kind, orgId, count: 0 }
    t.count++
    told.set(key, t)
  }
  result.notified = await notifyOverdue(db, [...told.values()])
  return result
}
