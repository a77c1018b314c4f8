import * as v from 'valibot'
import { action, area } from './contract'
import { PROPOSAL_STATES, type ProjectState, type ProposalState } from '../proposals/lifecycle'
import type { ProjectOwnerKind } from '../proposals/record'

export type { ProjectState, ProposalState, ProjectOwnerKind }

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_:-]{1,64}$/, '编号格式不正确'))
const reason = v.optional(v.string('理由必须是文字'))
const year = v.pipe(v.number('年份必须是数字'), v.integer(), v.minValue(2020, '年份不正确'), v.maxValue(2100, '年份不正确'))

export interface ProposalRow {
  id: string
  state: ProposalState
  stateLabel: string
  title: string
  body: string
  proposerName: string
  supportCount: number
  /** Whether the caller supports it, and whether they may (not theirs, not yet, still open). */
  supported: boolean
  canSupport: boolean
  answerDueAt: string
  late: boolean
  answer: { reason: string; byName: string; at: string; projectId: string | null } | null
  createdAt: string
  mine: boolean
}

export interface ProposalTimelineItem {
  verb: string
  label: string
  byName: string
  at: string
  reason: string | null
}

export interface ProposalDetail extends ProposalRow {
  communityId: string
  communityName: string
  canAnswer: boolean
  /** The proposal's history: submitted, answered, told late. */
  timeline: ProposalTimelineItem[]
}

export interface ProjectRow {
  id: string
  state: ProjectState
  stateLabel: string
  ownerName: string
  ownerKind: ProjectOwnerKind
  year: number
  title: string
  description: string
  plannedCost: number
  actualCost: number | null
  beneficiaries: number
  proposalId: string | null
  canEdit: boolean
}

export interface ProjectList {
  owner: { kind: ProjectOwnerKind; id: string; name: string }
  /** The community a new project of this owner serves (a unit's: its first paired community). */
  communityId: string
  year: number
  items: ProjectRow[]
  /** The seed's "180 planned, 150 done": every project of the year is planned; done is done. */
  totals: { planned: number; inProgress: number; done: number }
  canCreate: boolean
}

export const proposalsArea = area('proposals', {
  /** A resident or member proposes to their community. */
  submit: action<{ communityId?: string; title: string; body: string }, ProposalDetail>(
    v.strictObject({
      communityId: v.optional(id),
      title: v.pipe(v.string('请填写标题'), v.maxLength(30, '标题不能超过30个字')),
      body: v.pipe(v.string('请填写内容'), v.maxLength(500, '内容不能超过500个字')),
    }),
  ),
  list: action<{ communityId?: string; state?: ProposalState }, { communityId: string; communityName: string; items: ProposalRow[]; canAnswer: boolean }>(
    v.strictObject({ communityId: v.optional(id), state: v.optional(v.picklist(PROPOSAL_STATES)) }),
  ),
  get: action<{ id: string }, ProposalDetail>(v.strictObject({ id })),
  /** One support per person, never one's own. */
  support: action<{ id: string }, ProposalDetail>(v.strictObject({ id })),
  /** Adopted: becomes a 微实事 of the community (planned cost and beneficiaries given here). */
  adopt: action<{ id: string; reason?: string; plannedCost: number; beneficiaries: number }, ProposalDetail>(
    v.strictObject({ id, reason, plannedCost: v.pipe(v.number('费用必须是数字'), v.integer('费用必须是整数'), v.minValue(0), v.maxValue(10_000_000)), beneficiaries: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)) }),
  ),
  decline: action<{ id: string; reason?: string }, ProposalDetail>(v.strictObject({ id, reason })),
  /** 微实事 of a community (or a unit) for a year. */
  projects: action<{ ownerId: string; year: number }, ProjectList>(v.strictObject({ ownerId: id, year })),
  createProject: action<{ owner: { kind: ProjectOwnerKind; id: string }; communityId: string; year: number; title: string; description: string; plannedCost: number; beneficiaries: number }, ProjectRow>(
    v.strictObject({
      owner: v.strictObject({ kind: v.picklist(['community', 'unit']), id }),
      communityId: id,
      year,
      title: v.pipe(v.string('请填写项目名称'), v.minLength(2, '项目名称至少2个字'), v.maxLength(30, '项目名称不能超过30个字')),
      description: v.pipe(v.string(), v.maxLength(300, '说明不能超过300个字')),
      plannedCost: v.pipe(v.number('费用必须是数字'), v.integer('费用必须是整数'), v.minValue(0, '费用不能为负'), v.maxValue(10_000_000, '费用太大了')),
      beneficiaries: v.pipe(v.number('受益人数必须是数字'), v.integer('受益人数必须是整数'), v.minValue(0), v.maxValue(1_000_000)),
    }),
  ),
  startProject: action<{ id: string }, ProjectRow>(v.strictObject({ id })),
  finishProject: action<{ id: string; actualCost: number; beneficiaries?: number }, ProjectRow>(
    v.strictObject({ id, actualCost: v.pipe(v.number('费用必须是数字'), v.integer('费用必须是整数'), v.minValue(0), v.maxValue(10_000_000)), beneficiaries: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))) }),
  ),
})
