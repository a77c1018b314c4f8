/** What the problems function answers: rows, the detail with its buttons and timeline. Dates travel as ISO text. */
import type { ProblemDetail, ProblemRow } from '../../../domain/api/problems'
import {
  availableProblemVerbs,
  ESCALATION_LABELS,
  PROBLEM_STATE_LABELS,
  type ProblemHistoryEntry,
  type ProblemPhoto,
  type ProblemRecord,
  type ProblemViewer,
} from '../../../domain/problems'

const iso = (d: Date | string) => new Date(d).toISOString()

const VERB_LABELS: Record<ProblemHistoryEntry['verb'], string> = {
  report: '上报问题',
  holdMeeting: '现场议事',
  assign: '交办',
  solve: '提交解决情况',
  confirm: '确认办结',
  reopen: '退回重办',
  dismiss: '不予处理',
  escalate: '超时督办',
}

const photos = (list: readonly ProblemPhoto[] | undefined) => (list ?? []).map((p) => ({ fileId: p.fileId, mime: p.mime, bytes: p.bytes }))

export function toRow(p: ProblemRecord): ProblemRow {
  return {
    id: p._id,
    state: p.state,
    stateLabel: PROBLEM_STATE_LABELS[p.state],
    category: p.category,
    description: p.description,
    placeName: p.placeName,
    reporterName: p.reporterName,
    assigneeName: p.assignee?.name ?? null,
    dueAt: p.dueAt ? iso(p.dueAt) : null,
    overdue: p.overdue ? { level: p.overdue.level, levelLabel: ESCALATION_LABELS[p.overdue.level] } : null,
    createdAt: iso(p.createdAt),
  }
}

function timelineReason(h: ProblemHistoryEntry): string | null {
  if (h.verb === 'escalate' && h.level) return `已超时，提醒${ESCALATION_LABELS[h.level]}督办`
  return h.reason ?? null
}

export function toDetail(p: ProblemRecord, v: ProblemViewer): ProblemDetail {
  return {
    ...toRow(p),
    address: p.address,
    communityId: p.communityId,
    photos: photos(p.photos),
    meeting: p.meeting ? { attendees: p.meeting.attendees, decision: p.meeting.decision, at: iso(p.meeting.at) } : null,
    assignee: p.assignee ? { kind: p.assignee.kind, id: p.assignee.id, name: p.assignee.name } : null,
    solution: p.solution ? { note: p.solution.note, photos: photos(p.solution.photos), at: iso(p.solution.at) } : null,
    reason: p.reason ?? null,
    can: availableProblemVerbs(p, v),
    mine: p.reporterId === v.userId,
    timeline: (p.history ?? []).map((h) => ({ verb: h.verb, label: VERB_LABELS[h.verb] ?? h.verb, byName: h.byName, at: iso(h.at), reason: timelineReason(h) })),
  }
}
