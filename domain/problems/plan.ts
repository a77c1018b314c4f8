/**
 * Who may do what to one problem, and the one write each verb makes (a domain/lifecycle.ts Plan),
 * for server/kit changeState; the escalation sweep's plans too. availableVerbs answers the buttons.
 */
import './errors'
import { DomainError } from '../errors'
import type { Condition, Plan } from '../lifecycle'
import { can } from '../permissions'
import type { RoleGrant } from '../roles'
import { isProblemOpen, nextProblemState, PROBLEM_TRANSITIONS, PROBLEM_VERBS, type ProblemActor, type ProblemState, type ProblemVerb } from './lifecycle'
import { ESCALATION_LEVELS, type EscalationLevel, type ProblemAssignee, type ProblemHistoryEntry, type ProblemPhoto, type ProblemRecord } from './record'

export type ProblemPlan = Plan<ProblemState, ProblemHistoryEntry>

export interface ProblemViewer {
  userId: string
  name: string
  grants: readonly RoleGrant[]
  /** A registered member's id and unit (an assignee may be a member or their unit). */
  memberUnitId: string | null
}

const target = (p: Pick<ProblemRecord, 'lineage'>) => ({ kind: 'org' as const, lineage: p.lineage })

export function isStaff(v: ProblemViewer, p: Pick<ProblemRecord, 'lineage'>): boolean {
  return can(v.grants, 'problem.meet', target(p))
}

export function isDispatcher(v: ProblemViewer, p: Pick<ProblemRecord, 'lineage'>): boolean {
  return can(v.grants, 'problem.dispatch', target(p))
}

export function isAssignee(v: ProblemViewer, p: Pick<ProblemRecord, 'assignee' | 'lineage'>): boolean {
  const a = p.assignee
  if (!a) return false
  if (a.kind === 'member') return a.id === v.userId
  if (a.kind === 'unit') return v.grants.some((g) => g.kind === 'unit_admin' && g.scopeId === a.id)
  return isDispatcher(v, p)
}

/** Who may read a problem: its reporter, the staff of its place, its assignee. */
export function mayRead(v: ProblemViewer, p: ProblemRecord): boolean {
  return p.reporterId === v.userId || isStaff(v, p) || isDispatcher(v, p) || isAssignee(v, p) || can(v.grants, 'problem.overview', target(p))
}

function actsAs(v: ProblemViewer, p: ProblemRecord, actor: ProblemActor): boolean {
  switch (actor) {
    case 'staff':
      return isStaff(v, p)
    case 'dispatcher':
      return isDispatcher(v, p)
    case 'assignee':
      return isAssignee(v, p)
    case 'reporter':
      return p.reporterId === v.userId
  }
}

/** The write's pinned condition for an actor (the assignee and the reporter do not change on the record while it waits). */
function actorCondition(p: ProblemRecord, actor: ProblemActor): Condition[] {
  if (actor === 'reporter') return [{ reporterId: p.reporterId }]
  if (actor === 'assignee' && p.assignee) return [{ 'assignee.id': p.assignee.id }]
  return []
}

export function checkReason(reason: string | undefined): string {
  const r = (reason ?? '').trim()
  if (Array.from(r).length < 2) throw new DomainError('PROBLEM.REASON_REQUIRED')
  if (Array.from(r).length > 200) throw new DomainError('PROBLEM.REASON_TOO_LONG')
  return r
}

export interface ProblemArgs {
  now: Date
  op?: string
  reason?: string
  meeting?: { attendees: string[]; decision: string }
  assignee?: ProblemAssignee
  dueAt?: Date
  solution?: { note: string; photos: ProblemPhoto[] }
}

export function planProblem(p: ProblemRecord | null, v: ProblemViewer, verb: ProblemVerb, a: ProblemArgs): ProblemPlan {
  if (!p || !mayRead(v, p)) throw new DomainError('PROBLEM.NOT_FOUND')
  const t = PROBLEM_TRANSITIONS[verb]
  const actor = t.actors.find((x) => actsAs(v, p, x))
  if (!actor) throw new DomainError(verb === 'solve' ? 'PROBLEM.NOT_ASSIGNEE' : 'AUTH.FORBIDDEN')
  const to = nextProblemState(p.state, verb)
  const entry: ProblemHistoryEntry = { verb, from: p.state, to, by: v.userId, byName: v.name, at: a.now }
  if (a.op) entry.op = a.op
  const set: Record<string, unknown> = { state: to, stateSince: a.now, updatedAt: a.now, overdue: null }
  if (t.needsReason) set.reason = entry.reason = checkReason(a.reason)
  switch (verb) {
    case 'holdMeeting': {
      const m = a.meeting
      if (!m || m.attendees.filter((x) => x.trim()).length === 0) throw new DomainError('PROBLEM.MEETING_ATTENDEES')
      if (!m.decision || m.decision.trim().length < 2) throw new DomainError('PROBLEM.MEETING_DECISION')
      set.meeting = { attendees: m.attendees.map((x) => x.trim()).filter(Boolean), decision: m.decision.trim(), at: a.now }
      break
    }
    case 'assign': {
      if (!a.assignee) throw new DomainError('PROBLEM.NO_ASSIGNEE')
      if (!a.dueAt || a.dueAt <= a.now) throw new DomainError('PROBLEM.BAD_DEADLINE')
      set.assignee = a.assignee
      set.dueAt = a.dueAt
      entry.reason = `交由${a.assignee.name}处理`
      break
    }
    case 'solve': {
      const s = a.solution
      if (!s || s.photos.length === 0) throw new DomainError('PROBLEM.PHOTO_REQUIRED')
      set.solution = { note: (s.note ?? '').trim(), photos: s.photos, at: a.now }
      break
    }
    case 'reopen':
      // Back to the same assignee with a fresh deadline of the same length.
      if (p.dueAt && p.stateSince) set.dueAt = new Date(a.now.getTime() + Math.max(86_400_000, new Date(p.dueAt).getTime() - new Date(p.stateSince).getTime()))
      break
    default:
      break
  }
  return { from: p.state, to, set, entries: [entry], conditions: actorCondition(p, actor) }
}

/** The buttons: verbs whose move the table allows from here and whose actor the viewer is. */
export function availableProblemVerbs(p: ProblemRecord, v: ProblemViewer): ProblemVerb[] {
  return PROBLEM_VERBS.filter((verb) => PROBLEM_TRANSITIONS[verb].from.includes(p.state) && PROBLEM_TRANSITIONS[verb].actors.some((x) => actsAs(v, p, x)))
}

// ---- Escalation ---------------------------------------------------------------------------------

/** Hours a problem may wait in each open state before the community (then the street, the county) is told. */
export const PROBLEM_LIMIT_HOURS: Record<'reported' | 'meeting_held', number> = { reported: 48, meeting_held: 24 }

/** When the problem's current wait is over: the deadline of an assignment, else the state's limit. */
export function problemDeadline(p: Pick<ProblemRecord, 'state' | 'stateSince' | 'dueAt'>): Date | null {
  if (p.state === 'assigned') return p.dueAt ? new Date(p.dueAt) : null
  if (p.state === 'reported' || p.state === 'meeting_held') return new Date(new Date(p.stateSince).getTime() + PROBLEM_LIMIT_HOURS[p.state] * 3_600_000)
  return null
}

/**
 * The sweep's plan for a late problem: one level up from the last told (community, then street,
 * then county), at most once per level; conditional on the state and the level read.
 */
export function planEscalation(p: ProblemRecord, now: Date): (ProblemPlan & { level: EscalationLevel }) | null {
  if (!isProblemOpen(p.state)) return null
  const deadline = problemDeadline(p)
  if (!deadline || deadline >= now) return null
  const current = p.overdue?.level ?? null
  const next = current === null ? ESCALATION_LEVELS[0] : ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(current) + 1]
  if (!next) return null
  // A level is told a day after the one below it.
  if (p.overdue && now.getTime() - new Date(p.overdue.at).getTime() < 86_400_000) return null
  const entry: ProblemHistoryEntry = { verb: 'escalate', from: p.state, to: p.state, by: 'system', byName: '系统', at: now, level: next }
  return {
    level: next,
    from: p.state,
    to: p.state,
    set: { overdue: { level: next, at: now } },
    entries: [entry],
    conditions: [current === null ? { 'overdue.level': { $exists: false } } : { 'overdue.level': current }],
  }
}
