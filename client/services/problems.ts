import type { AssigneeKind, ProblemCategory, ProblemState } from '@domain/api/problems'
import { problemsArea } from '@domain/api/problems'
import type { WishPhoto } from '@domain/wishes'
import { areaCaller } from './transport'

const call = areaCaller(problemsArea)

/** Patrol problems (步巡问题): typed one-liners over the one transport. */

export type ProblemListView = 'mine' | 'community' | 'assigned'

export const reportProblem = (input: { category: ProblemCategory; description: string; placeNodeId: string | null; address: string; photos: WishPhoto[] }) =>
  call('problems', 'report', { ...input, photos: input.photos.map(photoOf) })
export const getProblem = (id: string) => call('problems', 'get', { id })
export const listProblems = (view: ProblemListView, state?: ProblemState) => call('problems', 'list', state ? { view, state } : { view })
export const holdMeeting = (id: string, attendees: string[], decision: string) => call('problems', 'holdMeeting', { id, attendees, decision })
export const assignProblem = (id: string, assignee: { kind: AssigneeKind; id: string }, dueAt: string) => call('problems', 'assign', { id, assignee, dueAt })
export const solveProblem = (id: string, note: string, photos: WishPhoto[]) => call('problems', 'solve', { id, note, photos: photos.map(photoOf) })
export const confirmProblem = (id: string) => call('problems', 'confirm', { id })
export const reopenProblem = (id: string, reason: string) => call('problems', 'reopen', { id, reason })
export const dismissProblem = (id: string, reason: string) => call('problems', 'dismiss', { id, reason })
export const problemAssignees = (id: string) => call('problems', 'assignees', { id })
export const problemPlaces = (parentId?: string) => call('problems', 'places', parentId ? { parentId } : {})

/** Only JPG and PNG are taken for a problem (the contract): the upload answers what the file is. */
function photoOf(p: WishPhoto): { fileId: string; mime: 'image/jpeg' | 'image/png'; bytes: number } {
  return { fileId: p.fileId, mime: p.mime === 'image/png' ? 'image/png' : 'image/jpeg', bytes: p.bytes }
}
