import type { ProblemCategory, ProblemState, ProblemVerb } from './lifecycle'

export type AssigneeKind = 'member' | 'unit' | 'community'

export interface ProblemAssignee {
  kind: AssigneeKind
  id: string
  name: string
}

export interface ProblemPhoto {
  fileId: string
  mime: string
  bytes: number
}

export interface ProblemHistoryEntry {
  verb: ProblemVerb | 'report' | 'escalate'
  from: ProblemState | null
  to: ProblemState
  by: string
  byName: string
  at: Date
  op?: string
  reason?: string
  /** escalate: who was told. */
  level?: EscalationLevel
}

export const ESCALATION_LEVELS = ['community', 'street', 'county'] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export const ESCALATION_LABELS: Record<EscalationLevel, string> = { community: '社区', street: '街道', county: '县' }

export interface ProblemRecord {
  _id: string
  state: ProblemState
  stateSince: Date
  category: ProblemCategory
  description: string
  /** Where: a node of the tree (a building, grid, compound or the community) and words. */
  placeNodeId: string
  placeName: string
  address: string
  lineage: string[]
  communityId: string
  photos: ProblemPhoto[]
  reporterId: string
  reporterName: string
  meeting?: { attendees: string[]; decision: string; at: Date }
  assignee?: ProblemAssignee | null
  dueAt?: Date | null
  solution?: { note: string; photos: ProblemPhoto[]; at: Date }
  reason?: string
  /** The highest level told that it is late (the sweep moves it up one level each time). */
  overdue?: { level: EscalationLevel; at: Date } | null
  createdAt: Date
  updatedAt: Date
  history: ProblemHistoryEntry[]
}
