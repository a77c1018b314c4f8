/**
 * Patrol problems (步巡: 发现问题 → 现场开会 → 现场解决), docs/grid.md: the lifecycle table, who
 * performs each verb, and the category questions. The planner is plan.ts.
 */
import './errors'
import { DomainError } from '../errors'

export const PROBLEM_STATES = ['reported', 'meeting_held', 'assigned', 'solved', 'confirmed', 'dismissed'] as const
export type ProblemState = (typeof PROBLEM_STATES)[number]

export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  reported: '已上报',
  meeting_held: '已现场议事',
  assigned: '处理中',
  solved: '已解决待确认',
  confirmed: '已办结',
  dismissed: '不予处理',
}

export const PROBLEM_CATEGORIES = ['环境卫生', '公共设施', '安全隐患', '邻里纠纷', '停车交通', '其他'] as const
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number]

export type ProblemVerb = 'holdMeeting' | 'assign' | 'solve' | 'confirm' | 'reopen' | 'dismiss'

/**
 * `staff`: the community's admin, or the grid worker or branch admin of the place (they run the
 * meeting on the spot). `dispatcher`: the community's admin. `assignee`: whom it was assigned to
 * (the member, an admin of the unit, or the community's admin for the community). `reporter`:
 * who reported it (the community's admin may confirm for them).
 */
export type ProblemActor = 'staff' | 'dispatcher' | 'assignee' | 'reporter'

export interface ProblemTransition {
  from: readonly ProblemState[]
  to: ProblemState
  actors: readonly ProblemActor[]
  needsReason?: boolean
}

export const PROBLEM_TRANSITIONS: Record<ProblemVerb, ProblemTransition> = {
  holdMeeting: { from: ['reported'], to: 'meeting_held', actors: ['staff'] },
  // Decided on the spot: who does it and by when.
  assign: { from: ['meeting_held'], to: 'assigned', actors: ['dispatcher'] },
  solve: { from: ['assigned'], to: 'solved', actors: ['assignee'] },
  confirm: { from: ['solved'], to: 'confirmed', actors: ['reporter', 'dispatcher'] },
  // Not solved after all: back to whoever had it, with why.
  reopen: { from: ['solved'], to: 'assigned', actors: ['reporter', 'dispatcher'], needsReason: true },
  dismiss: { from: ['reported', 'meeting_held'], to: 'dismissed', actors: ['dispatcher'], needsReason: true },
}

export const PROBLEM_VERBS = Object.keys(PROBLEM_TRANSITIONS) as ProblemVerb[]

export function nextProblemState(from: ProblemState, verb: ProblemVerb): ProblemState {
  const t = PROBLEM_TRANSITIONS[verb]
  if (!t.from.includes(from)) throw new DomainError('PROBLEM.INVALID_TRANSITION', `${PROBLEM_STATE_LABELS[from]}的问题不能进行这个操作`)
  return t.to
}

/** Waiting on someone (the escalation sweep watches these). */
export const isProblemOpen = (s: ProblemState) => s === 'reported' || s === 'meeting_held' || s === 'assigned'
export const isProblemClosed = (s: ProblemState) => s === 'confirmed' || s === 'dismissed'
