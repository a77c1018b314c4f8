/**
 * The one write of each proposal and project verb (domain/lifecycle.ts Plan), for server/kit
 * changeState. A support is one conditional update: not the proposer, not already a supporter,
 * still waiting for its answer; it pushes the id and moves the count together, so 100 presses
 * by one person count once.
 */
import './errors'
import { DomainError } from '../errors'
import type { Plan } from '../lifecycle'
import { can } from '../permissions'
import type { RoleGrant } from '../roles'
import { nextProjectState, nextProposalState, type ProjectState, type ProjectVerb, type ProposalState, type ProposalVerb } from './lifecycle'
import type { HistoryEntry, ProjectRecord, ProposalRecord } from './record'

export interface GridViewer {
  userId: string
  name: string
  grants: readonly RoleGrant[]
}

export type ProposalPlan = Plan<ProposalState, HistoryEntry<ProposalState, string>>
export type ProjectPlan = Plan<ProjectState, HistoryEntry<ProjectState, string>>

export const mayAnswer = (v: GridViewer, p: Pick<ProposalRecord, 'lineage'>) => can(v.grants, 'proposal.answer', { kind: 'org', lineage: p.lineage })

export function checkAnswerReason(reason: string | undefined): string {
  const r = (reason ?? '').trim()
  if (Array.from(r).length < 2) throw new DomainError('PROPOSAL.REASON_REQUIRED')
  if (Array.from(r).length > 300) throw new DomainError('PROPOSAL.REASON_TOO_LONG')
  return r
}

export function planSupport(p: ProposalRecord | null, v: GridViewer, now: Date): ProposalPlan {
  if (!p) throw new DomainError('PROPOSAL.NOT_FOUND')
  if (p.proposerId === v.userId) throw new DomainError('PROPOSAL.OWN')
  if (p.state !== 'submitted') throw new DomainError('PROPOSAL.ALREADY_ANSWERED')
  if (p.supporterIds.includes(v.userId)) throw new DomainError('PROPOSAL.ALREADY_SUPPORTED')
  return {
    from: p.state,
    to: p.state,
    set: { updatedAt: now },
    inc: { supportCount: 1 },
    append: { supporterIds: v.userId },
    entries: [],
    conditions: [{ supporterIds: { $ne: v.userId } }, { proposerId: { $ne: v.userId } }],
  }
}

export interface AnswerArgs {
  now: Date
  op?: string
  reason?: string
  /** adopt: the project created for it, and what it is planned at (so a project lost after the answer can be made again). */
  projectId?: string
  project?: { plannedCost: number; beneficiaries: number }
}

export function planAnswer(p: ProposalRecord | null, v: GridViewer, verb: ProposalVerb, a: AnswerArgs): ProposalPlan {
  if (!p) throw new DomainError('PROPOSAL.NOT_FOUND')
  if (!mayAnswer(v, p)) throw new DomainError('AUTH.FORBIDDEN')
  const to = nextProposalState(p.state, verb)
  const reason = checkAnswerReason(a.reason)
  const entry: HistoryEntry<ProposalState, string> = { verb, from: p.state, to, by: v.userId, byName: v.name, at: a.now, reason }
  if (a.op) entry.op = a.op
  return {
    from: p.state,
    to,
    set: { state: to, stateSince: a.now, updatedAt: a.now, answer: { reason, byName: v.name, at: a.now, projectId: a.projectId ?? null, ...(a.project ? { plannedCost: a.project.plannedCost, beneficiaries: a.project.beneficiaries } : {}) } },
    entries: [entry],
    conditions: [],
  }
}

export const mayKeepProjects = (v: GridViewer, owner: ProjectRecord['owner'], lineage: readonly string[], countyId: string) =>
  owner.kind === 'unit' ? can(v.grants, 'project.maintain', { kind: 'unit', unitId: owner.id, countyId }) : can(v.grants, 'project.maintain', { kind: 'org', lineage })

export function planProject(p: ProjectRecord | null, v: GridViewer, verb: ProjectVerb, a: { now: Date; op?: string; actualCost?: number; beneficiaries?: number }): ProjectPlan {
  if (!p) throw new DomainError('PROJECT.NOT_FOUND')
  if (!mayKeepProjects(v, p.owner, p.lineage, p.lineage[0])) throw new DomainError('AUTH.FORBIDDEN')
  const to = nextProjectState(p.state, verb)
  const entry: HistoryEntry<ProjectState, string> = { verb, from: p.state, to, by: v.userId, byName: v.name, at: a.now }
  if (a.op) entry.op = a.op
  const set: Record<string, unknown> = { state: to, stateSince: a.now, updatedAt: a.now }
  if (verb === 'finish') {
    if (a.actualCost === undefined || !Number.isInteger(a.actualCost) || a.actualCost < 0 || a.actualCost > 10_000_000) throw new DomainError('PROJECT.BAD_COST')
    set.actualCost = a.actualCost
    if (a.beneficiaries !== undefined) set.beneficiaries = a.beneficiaries
  }
  return { from: p.state, to, set, entries: [entry], conditions: [] }
}

/**
 * The hourly timer, once a proposal is past its answer time: marks it told (once: conditional on
 * not told yet) with a history entry, so the lists show it late and two timers at once tell once.
 */
export function planLateNotice(p: ProposalRecord | null, now: Date): ProposalPlan | null {
  if (!p || p.state !== 'submitted' || p.lateToldAt || new Date(p.answerDueAt).getTime() >= now.getTime()) return null
  return {
    from: p.state,
    to: p.state,
    set: { lateToldAt: now },
    entries: [{ verb: 'lateNotice', from: p.state, to: p.state, by: 'system', byName: '系统', at: now }],
    conditions: [{ lateToldAt: null }],
  }
}
