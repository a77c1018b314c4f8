import type { ProblemViewer } from '../../../domain/problems'
import { DomainError } from '../../../domain/errors'
import { isRegistered, type RegistrationRecord } from '../../../domain/registration'
import { displayName, type UserRecord } from '../../../domain/users'

export const PROBLEMS = 'problems'
export const DETAIL_PAGE = 'packages/grid/pages/problem/index'

export type Caller = UserRecord
export type Live = RegistrationRecord

/** The name on the timeline: the person's, else their registration's. */
export function nameOf(caller: Caller | null, live: Live | null): string {
  return displayName({ name: caller?.name || live?.name })
}

/** The caller as the planner sees them; a registered live registration gives their unit. */
export function viewerOf(caller: Caller | null, live: Live | null): ProblemViewer {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  const m = live && isRegistered(live.state) && live.userId === caller._id ? live : null
  return { userId: caller._id, name: nameOf(caller, live), grants: caller.roles ?? [], memberUnitId: m ? m.unitId : null }
}
