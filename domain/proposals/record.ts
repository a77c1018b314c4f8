import type { ProjectState, ProjectVerb, ProposalState, ProposalVerb } from './lifecycle'

export interface HistoryEntry<S, V> {
  verb: V
  from: S | null
  to: S
  by: string
  byName: string
  at: Date
  op?: string
  reason?: string
}

export interface ProposalRecord {
  _id: string
  state: ProposalState
  stateSince: Date
  communityId: string
  communityName?: string
  lineage: string[]
  title: string
  body: string
  proposerId: string
  proposerName: string
  /** Who supports it; the count moves in the same conditional write. */
  supporterIds: string[]
  supportCount: number
  answerDueAt: Date
  answer?: { reason: string; byName: string; at: Date; projectId?: string | null; plannedCost?: number; beneficiaries?: number }
  /** Set once the sweep told the street it is late. */
  lateToldAt?: Date | null
  createdAt: Date
  updatedAt: Date
  history: HistoryEntry<ProposalState, ProposalVerb | 'submit' | 'lateNotice'>[]
}

export type ProjectOwnerKind = 'community' | 'unit'

export interface ProjectRecord {
  _id: string
  state: ProjectState
  stateSince: Date
  owner: { kind: ProjectOwnerKind; id: string; name: string }
  /** The community it serves (a unit's: the paired community it is for). */
  communityId: string
  lineage: string[]
  year: number
  title: string
  description: string
  /** Planned cost in yuan; the actual cost when done. */
  plannedCost: number
  actualCost: number | null
  beneficiaries: number
  proposalId: string | null
  createdAt: Date
  updatedAt: Date
  history: HistoryEntry<ProjectState, ProjectVerb | 'create'>[]
}
