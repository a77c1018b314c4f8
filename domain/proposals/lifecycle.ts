/**
 * 微提案 (proposals) and 微实事 (small public projects), docs/grid.md. A resident or member proposes;
 * others support it (one support each, never the proposer's own); the community answers within its
 * time limit: adopted (it becomes a 微实事 on the community's list) or not adopted, always with a
 * reason. 微实事 are a community's or unit's list of the year: planned → in progress → done.
 */
import './errors'
import { DomainError } from '../errors'

export const PROPOSAL_STATES = ['submitted', 'adopted', 'not_adopted'] as const
export type ProposalState = (typeof PROPOSAL_STATES)[number]
export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = { submitted: '待答复', adopted: '已采纳', not_adopted: '未采纳' }

export type ProposalVerb = 'adopt' | 'decline'

export const PROPOSAL_TRANSITIONS: Record<ProposalVerb, { from: readonly ProposalState[]; to: ProposalState }> = {
  adopt: { from: ['submitted'], to: 'adopted' },
  decline: { from: ['submitted'], to: 'not_adopted' },
}

export const PROJECT_STATES = ['planned', 'in_progress', 'done'] as const
export type ProjectState = (typeof PROJECT_STATES)[number]
export const PROJECT_STATE_LABELS: Record<ProjectState, string> = { planned: '计划中', in_progress: '实施中', done: '已完成' }

export type ProjectVerb = 'start' | 'finish'

export const PROJECT_TRANSITIONS: Record<ProjectVerb, { from: readonly ProjectState[]; to: ProjectState }> = {
  start: { from: ['planned'], to: 'in_progress' },
  finish: { from: ['planned', 'in_progress'], to: 'done' },
}

export function nextProposalState(from: ProposalState, verb: ProposalVerb): ProposalState {
  if (!PROPOSAL_TRANSITIONS[verb].from.includes(from)) throw new DomainError('PROPOSAL.ALREADY_ANSWERED')
  return PROPOSAL_TRANSITIONS[verb].to
}

export function nextProjectState(from: ProjectState, verb: ProjectVerb): ProjectState {
  if (!PROJECT_TRANSITIONS[verb].from.includes(from)) throw new DomainError('PROJECT.INVALID_TRANSITION')
  return PROJECT_TRANSITIONS[verb].to
}

/** Days a community has to answer a proposal; the sweep tells the street once it is late. */
export const ANSWER_DAYS = 15
