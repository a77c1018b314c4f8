import type { WhoAmI } from '@domain/api'
import type { RoleKind } from '@domain/roles'
import * as problems from '@/services/problems'
import { useRemote } from './useRemote'
import { useWhoAmI } from './useWhoAmI'

/** Roles that see a community's problems (the meeting, the assignment) or read them from above. */
export const STAFF_ROLES: readonly RoleKind[] = ['grid_worker', 'branch_admin', 'community_admin', 'street_admin', 'county_admin']
/** Roles that may be assigned a problem on behalf of a place or unit (a member is assigned by name). */
export const ASSIGNEE_ROLES: readonly RoleKind[] = ['unit_admin', 'community_admin']

export const isProblemStaff = (who: Pick<WhoAmI, 'roles'> | null) => !!who?.roles.some((r) => STAFF_ROLES.includes(r.kind) && r.kind !== 'street_admin' && r.kind !== 'county_admin')
export const mayBeAssigned = (who: Pick<WhoAmI, 'roles'> | null) => !!who?.roles.some((r) => ASSIGNEE_ROLES.includes(r.kind) || r.kind === 'member')

function whoKey(who: WhoAmI | null): string | null {
  return who ? `${who.id}:${who.activeRole}` : null
}

/** `null`: not yet known which list (the person's roles decide). */
export function useProblemList(view: problems.ProblemListView | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => problems.listProblems(view!), key && view ? `${key}:${view}` : null)
}

/** One problem for its page; `get` answers the buttons (`can`) for this caller. */
export function useProblem(id: string | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => problems.getProblem(id!), id && key ? `${id}:${key}` : null)
}

/** The community admin's choices when assigning: asked only when the form is open. */
export function useAssignees(id: string | null, open: boolean) {
  return useRemote(() => problems.problemAssignees(id!), id && open ? id : null)
}

/** One level of the place picker: the communities, or what lies below the node chosen last. */
export function usePlaces(parentId: string | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => problems.problemPlaces(parentId ?? undefined), key ? `${key}:${parentId ?? '-'}` : null)
}
