/** Who may list a community's review queue, and which of its rows (docs/wishes.md "The review queue"). */
import { DomainError } from '../errors'
import { lineage, type OrgNode } from '../org'
import { reach, reachesAny } from '../permissions'
import type { RoleGrant } from '../roles'
import type { WishRecord } from './record'

/** All the queue, or the rows under these nodes (a grid worker's grids inside the community). */
export type QueueReach = { all: true } | { all: false; orgIds: string[] }

/**
 * Which waiting wishes of a community the caller may list (wish.verify): all of them when their
 * reach covers the community itself (its admin), those under the nodes of their reach inside it (a
 * grid worker: their grid's), otherwise none: AUTH.FORBIDDEN, never an empty list. `scopes` are the
 * org nodes the caller's grants name, read with the caller (to tell whether a grid is inside).
 */
export function reviewQueueReach(grants: readonly RoleGrant[], community: Pick<OrgNode, '_id' | 'path'> | null, scopes: readonly Pick<OrgNode, '_id' | 'path'>[]): QueueReach {
  const r = reach(grants, 'wish.verify')
  if (!reachesAny(r, 'org')) throw new DomainError('AUTH.FORBIDDEN')
  if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  const above = lineage(community)
  if (r.orgIds.some((id) => above.includes(id))) return { all: true }
  const inside = scopes.filter((n) => r.orgIds.includes(n._id) && lineage(n).includes(community._id)).map((n) => n._id)
  if (inside.length === 0) throw new DomainError('AUTH.FORBIDDEN')
  return { all: false, orgIds: inside }
}

/** Whether a row of the queue is within the caller's reach. */
export function inQueueReach(wish: Pick<WishRecord, 'lineage'>, r: QueueReach): boolean {
  return r.all || wish.lineage.some((id) => r.orgIds.includes(id))
}
