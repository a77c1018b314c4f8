/** What the proposals function answers: proposal rows and details, the year's projects with their totals. Dates travel as ISO text. */
import type { ProjectList, ProjectRow, ProposalDetail, ProposalRow, ProposalTimelineItem } from '../../../domain/api/proposals'
import { mayAnswer, mayKeepProjects, PROJECT_STATE_LABELS, PROPOSAL_STATE_LABELS, type GridViewer, type ProjectRecord, type ProposalRecord } from '../../../domain/proposals'

const iso = (d: Date | string) => new Date(d).toISOString()

const VERB_LABELS: Record<string, string> = {
  submit: '提交提案',
  adopt: '采纳提案',
  decline: '不予采纳',
  lateNotice: '超期未答复，已提醒街道',
  create: '列入微实事',
  start: '开始实施',
  finish: '完成项目',
}

/** Late: still waiting for its answer after the community's time limit. */
export const isLate = (p: Pick<ProposalRecord, 'state' | 'answerDueAt'>, now: Date) => p.state === 'submitted' && new Date(p.answerDueAt).getTime() < now.getTime()

export function toProposalRow(p: ProposalRecord, v: GridViewer, now: Date, mayPropose: boolean): ProposalRow {
  const supported = p.supporterIds.includes(v.userId)
  const mine = p.proposerId === v.userId
  return {
    id: p._id,
    state: p.state,
    stateLabel: PROPOSAL_STATE_LABELS[p.state],
    title: p.title,
    body: p.body,
    proposerName: p.proposerName,
    supportCount: p.supportCount,
    supported,
    canSupport: mayPropose && !mine && !supported && p.state === 'submitted',
    answerDueAt: iso(p.answerDueAt),
    late: isLate(p, now),
    answer: p.answer ? { reason: p.answer.reason, byName: p.answer.byName, at: iso(p.answer.at), projectId: p.answer.projectId ?? null } : null,
    createdAt: iso(p.createdAt),
    mine,
  }
}

export function timelineOf(history: readonly { verb: string; byName: string; at: Date | string; reason?: string }[]): ProposalTimelineItem[] {
  return history.map((h) => ({ verb: h.verb, label: VERB_LABELS[h.verb] ?? h.verb, byName: h.byName, at: iso(h.at), reason: h.reason ?? null }))
}

export function toProposalDetail(p: ProposalRecord, v: GridViewer, now: Date, mayPropose: boolean): ProposalDetail {
  return {
    ...toProposalRow(p, v, now, mayPropose),
    communityId: p.communityId,
    communityName: (p as ProposalRecord & { communityName?: string }).communityName ?? '',
    canAnswer: p.state === 'submitted' && mayAnswer(v, p),
    timeline: timelineOf(p.history ?? []),
  }
}

export function toProjectRow(p: ProjectRecord, v: GridViewer): ProjectRow {
  return {
    id: p._id,
    state: p.state,
    stateLabel: PROJECT_STATE_LABELS[p.state],
    ownerName: p.owner.name,
    ownerKind: p.owner.kind,
    year: p.year,
    title: p.title,
    description: p.description,
    plannedCost: p.plannedCost,
    actualCost: p.actualCost,
    beneficiaries: p.beneficiaries,
    proposalId: p.proposalId,
    canEdit: p.state !== 'done' && mayKeepProjects(v, p.owner, p.lineage, p.lineage[0]),
  }
}

/** Every project of the year counts as planned; in progress and done as they stand. */
export function totalsOf(items: readonly Pick<ProjectRecord, 'state'>[]): ProjectList['totals'] {
  return {
    planned: items.length,
    inProgress: items.filter((p) => p.state === 'in_progress').length,
    done: items.filter((p) => p.state === 'done').length,
  }
}
