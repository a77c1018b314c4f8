/**
 * What a verb names, read in the same aggregation as the caller and the order (server/kit
 * changeState joins), and made into the domain's targets (domain/orders/plan.ts). Each join is a
 * `$lookup` with a constant `$match` on an index.
 */
import type { ActionContext, Join } from '../../../server/kit'
import { poolTargetOf, type DuplicateTarget, type MemberTarget, type OrderRequest, type PoolScope, type UnitTarget } from '../../../domain/orders'
import type { OrgNode, Unit } from '../../../domain/org'
import { ORDERS, type Live } from './common'

/** Joins of the first read, and the part of the domain's request they make. */
export interface TargetRead<K extends string = string> {
  joins: Record<K, Join>
  pick(found: Record<K, any[]>): Partial<OrderRequest>
}

/**
 * dispatchToMember / passToMember: the member's registered registration (index `user_state`) and
 * their user record's openid (to tell them), two joins.
 */
export function memberRead(userId: string): TargetRead {
  return {
    joins: {
      memberReg: { from: 'registrations', match: { userId, state: 'registered' }, limit: 1 },
      memberUser: { from: 'users', match: { _id: userId }, limit: 1, project: { openid: 1 } },
    },
    pick: ({ memberReg, memberUser }) => {
      const r = memberReg[0] as Live | undefined
      const member: MemberTarget | null = r
        ? { registrationId: r._id, userId: r.userId, name: r.name, communityId: r.communityId, unitId: r.unitId, openid: (memberUser[0]?.openid as string | undefined) ?? null }
        : null
      return { member }
    },
  }
}

/** How many admins of one unit are told of a dispatch (a unit has one or two). */
const UNIT_ADMINS_MAX = 20

/**
 * The unit, and its admins: `users` whose grants hold `{ kind: 'unit_admin', scopeId: <unit> }` in
 * one element (`$elemMatch`), which the multikey index `role_scope_kind` (roles.scopeId,
 * roles.kind) answers without scanning `users`. The admins' openids are for the message after
 * the write (`unitAdminOpenids`).
 */
export function unitRead(ctx: ActionContext, id: string): TargetRead {
  return {
    joins: {
      unit: { from: 'units', match: { _id: id }, limit: 1 },
      unitAdmins: { from: 'users', match: { roles: ctx.db.command.elemMatch({ scopeId: id, kind: 'unit_admin' }) }, limit: UNIT_ADMINS_MAX, project: { openid: 1 } },
    },
    pick: ({ unit }) => {
      const u = unit[0] as Unit | undefined
      const target: UnitTarget | null = u ? { id: u._id, name: u.name, pairedCommunityIds: u.pairedCommunityIds ?? [] } : null
      return { unit: target }
    },
  }
}

/** The openids of the unit's admins, as unitRead found them. */
export function unitAdminOpenids(found: Record<string, any[]>): string[] {
  return (found.unitAdmins ?? []).map((a) => a.openid as string).filter(Boolean)
}

/** A grid pool: the grid node and its buildings (parent_kind index); a community pool: the community node. */
export function poolRead(pool: PoolScope): TargetRead {
  return {
    joins: {
      poolNode: { from: 'org_nodes', match: { _id: pool.id, kind: pool.kind }, limit: 1 },
      ...(pool.kind === 'grid' ? { poolBuildings: { from: 'org_nodes', match: { parentId: pool.id, kind: 'building' }, limit: 1000, project: { _id: 1 } } } : {}),
    },
    pick: ({ poolNode, poolBuildings }) => ({
      pool: poolTargetOf(pool, (poolNode[0] as OrgNode | undefined) ?? null, (poolBuildings ?? []).map((b) => b._id as string)),
    }),
  }
}

/** merge: the duplicate order. */
export function duplicateRead(id: string): TargetRead {
  return {
    joins: { duplicate: { from: ORDERS, match: { _id: id }, limit: 1 } },
    pick: ({ duplicate }) => ({ duplicate: (duplicate[0] as DuplicateTarget | undefined) ?? null }),
  }
}
