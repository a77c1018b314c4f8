import * as v from 'valibot'
import { action, area } from './contract'
import { PROBLEM_CATEGORIES, PROBLEM_STATES, type ProblemCategory, type ProblemState, type ProblemVerb } from '../problems/lifecycle'
import type { AssigneeKind, EscalationLevel } from '../problems/record'

export type { ProblemCategory, ProblemState, ProblemVerb, AssigneeKind, EscalationLevel }

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_:-]{1,64}$/, '编号格式不正确'))
const reason = v.optional(v.string('原因必须是文字'))
const photo = v.strictObject({ fileId: v.pipe(v.string(), v.maxLength(300)), mime: v.picklist(['image/jpeg', 'image/png'], '照片格式只能是 JPG 或 PNG'), bytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5_000_000, '照片不能超过5MB')) })

export interface ProblemRow {
  id: string
  state: ProblemState
  stateLabel: string
  category: ProblemCategory
  description: string
  placeName: string
  reporterName: string
  assigneeName: string | null
  dueAt: string | null
  overdue: { level: EscalationLevel; levelLabel: string } | null
  createdAt: string
}

export interface ProblemDetail extends ProblemRow {
  address: string
  communityId: string
  photos: { fileId: string; mime: string; bytes: number }[]
  meeting: { attendees: string[]; decision: string; at: string } | null
  assignee: { kind: AssigneeKind; id: string; name: string } | null
  solution: { note: string; photos: { fileId: string; mime: string; bytes: number }[]; at: string } | null
  reason: string | null
  can: ProblemVerb[]
  mine: boolean
  timeline: { verb: string; label: string; byName: string; at: string; reason: string | null }[]
}

export const problemsArea = area('problems', {
  /** Anyone on a patrol: what, where (a node of the tree and words), a photo. */
  report: action<{ category: ProblemCategory; description: string; placeNodeId?: string | null; address: string; photos: v.InferOutput<typeof photo>[] }, ProblemDetail>(
    v.strictObject({
      category: v.picklist(PROBLEM_CATEGORIES, '请选择问题类别'),
      description: v.pipe(v.string('请描述问题'), v.maxLength(300, '描述不能超过300个字')),
      placeNodeId: v.optional(v.nullable(id)),
      address: v.pipe(v.string('请填写具体位置'), v.maxLength(60, '位置不能超过60个字')),
      photos: v.pipe(v.array(photo), v.maxLength(3, '最多3张照片')),
    }),
  ),
  get: action<{ id: string }, ProblemDetail>(v.strictObject({ id })),
  /** `mine`: what I reported (and follow); `community`: a community's problems for its staff. */
  list: action<{ view: 'mine' | 'community' | 'assigned'; communityId?: string; state?: ProblemState }, { items: ProblemRow[] }>(
    v.strictObject({ view: v.picklist(['mine', 'community', 'assigned']), communityId: v.optional(id), state: v.optional(v.picklist(PROBLEM_STATES)) }),
  ),
  holdMeeting: action<{ id: string; attendees: string[]; decision: string }, ProblemDetail>(
    v.strictObject({ id, attendees: v.pipe(v.array(v.pipe(v.string(), v.maxLength(20))), v.maxLength(30)), decision: v.pipe(v.string('请填写议定的办法'), v.maxLength(300, '不能超过300个字')) }),
  ),
  assign: action<{ id: string; assignee: { kind: AssigneeKind; id: string }; dueAt: string }, ProblemDetail>(
    v.strictObject({ id, assignee: v.strictObject({ kind: v.picklist(['member', 'unit', 'community'], '请选择负责方'), id }), dueAt: v.pipe(v.string('请选择期限'), v.isoTimestamp('期限格式不正确')) }),
  ),
  solve: action<{ id: string; note: string; photos: v.InferOutput<typeof photo>[] }, ProblemDetail>(
    v.strictObject({ id, note: v.pipe(v.string(), v.maxLength(300, '不能超过300个字')), photos: v.pipe(v.array(photo), v.maxLength(3, '最多3张照片')) }),
  ),
  confirm: action<{ id: string }, ProblemDetail>(v.strictObject({ id })),
  reopen: action<{ id: string; reason?: string }, ProblemDetail>(v.strictObject({ id, reason })),
  dismiss: action<{ id: string; reason?: string }, ProblemDetail>(v.strictObject({ id, reason })),
  /** Who a problem may be assigned to: the community, its paired units, its registered members. */
  assignees: action<{ id: string }, { options: { kind: AssigneeKind; id: string; name: string }[] }>(v.strictObject({ id })),
  /**
   * Where a problem can be, one level at a time for the reporter's picker: the communities (no
   * parent), then a node's compounds, grids and buildings. Anyone with an identity.
   */
  places: action<{ parentId?: string }, { items: ProblemPlace[] }>(v.strictObject({ parentId: v.optional(id) })),
})

export interface ProblemPlace {
  id: string
  name: string
  kind: 'community' | 'compound' | 'grid' | 'building'
  /** Whether it has places below it to choose from. */
  more: boolean
}
