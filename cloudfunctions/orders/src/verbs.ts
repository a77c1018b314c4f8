/** The verbs that name a target, and `confirm` with its hours booking. */
import type { ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { checkDispatchToMember, checkDispatchToUnit, checkMerge, checkPoolScope } from '../../../domain/orders'
import type { OrgNode, Unit } from '../../../domain/org'
import { ORDERS, type Live } from './common'
import type { Built, TargetRead } from './transition'
import type { StoredOrder } from './views'

/** A registered member with their openid (users joined), as a dispatch names them. */
export type MemberTarget = (Live & { openid: string | null }) | null

/**
 * The member's registered registration and their user record's openid (to notify them): two
 * joins of the first read, on the `user_state` index and on `_id`.
 */
export function memberRead(userId: string): TargetRead<MemberTarget> {
  return {
    joins: {
      memberReg: { from: 'registrations', match: { userId, state: 'registered' }, limit: 1 },
      memberUser: { from: 'users', match: { _id: userId }, limit: 1, project: { openid: 1 } },
    },
    pick: ({ memberReg, memberUser }) => (memberReg[0] ? { ...(memberReg[0] as Live), openid: (memberUser[0]?.openid as string | undefined) ?? null } : null),
  }
}

/** dispatchToMember / passToMember: the member must be registered in the order's community (and, for a pass, of the unit). */
export function memberSpec(verb: 'dispatchToMember' | 'passToMember') {
  return {
    build: ({ target }: { target: MemberTarget }): Built => {
      // Not registered anywhere (or not registered yet) is as far outside the community as it gets.
      if (!target || !target.userId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY', '这位党员没有在本社区报到，不能派单给他')
      const filter: Record<string, unknown> = { communityId: target.communityId }
      if (verb === 'passToMember') filter.unitId = target.unitId
      return {
        args: { assignee: { id: target.userId, name: target.name } },
        filter,
        set: { assigneeOpenid: target.openid, assigneeRegistrationId: target._id, assigneeUnitId: target.unitId, poolBuildingIds: null },
      }
    },
    explain: (order: StoredOrder, target: MemberTarget) => {
      checkDispatchToMember(order, { communityId: target!.communityId, lineage: target!.communityLineage })
      if (verb === 'passToMember' && order.unitId !== target!.unitId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY', '这位党员不是本单位的党员')
    },
  }
}

/** A unit a dispatch names, with the openids of its admins (to notify them after the write). */
export type UnitTarget = (Unit & { adminOpenids: string[] }) | null

/** How many admins of one unit are told of a dispatch (a unit has one or two). */
const UNIT_ADMINS_MAX = 20

/**
 * The unit, and its admins: `users` whose grants hold `{ kind: 'unit_admin', scopeId: <unit> }` in
 * one element (`$elemMatch`), which the multikey index `role_scope_kind` (roles.scopeId,
 * roles.kind) answers without scanning `users`. Both are joins of the first read.
 */
export function unitRead(ctx: ActionContext, id: string): TargetRead<UnitTarget> {
  return {
    joins: {
      unit: { from: 'units', match: { _id: id }, limit: 1 },
      unitAdmins: { from: 'users', match: { roles: ctx.db.command.elemMatch({ scopeId: id, kind: 'unit_admin' }) }, limit: UNIT_ADMINS_MAX, project: { openid: 1 } },
    },
    pick: ({ unit, unitAdmins }) => {
      const u = unit[0] as Unit | undefined
      return u ? { ...u, adminOpenids: unitAdmins.map((a) => a.openid as string).filter(Boolean) } : null
    },
  }
}

export function unitSpec(ctx: ActionContext) {
  return {
    build: ({ target }: { target: UnitTarget }): Built => {
      if (!target) throw new DomainError('ORG.UNKNOWN_UNIT')
      return {
        args: { unit: { id: target._id, name: target.name } },
        // Paired with the order's community, in the write itself.
        filter: { communityId: ctx.db.command.in(target.pairedCommunityIds) },
        set: { assigneeOpenid: null, assigneeRegistrationId: null, assigneeUnitId: null, poolBuildingIds: null },
      }
    },
    explain: (order: StoredOrder, target: UnitTarget) => checkDispatchToUnit(order, target!),
  }
}

export interface PoolTarget {
  kind: 'grid' | 'community'
  id: string
  name: string
  grid: OrgNode | null
  /** The community node for a community pool; the grid's buildings for a grid pool. */
  communityId: string | null
  buildingIds: string[]
}

/** A grid pool: the grid node and its buildings (parent_kind index); a community pool: the community. Joins of the first read. */
export function poolRead(pool: { kind: 'grid' | 'community'; id: string }): TargetRead<PoolTarget | null> {
  if (pool.kind === 'community') {
    return {
      joins: { community: { from: 'org_nodes', match: { _id: pool.id, kind: 'community' }, limit: 1 } },
      pick: ({ community }) => {
        const c = community[0] as OrgNode | undefined
        return c ? { kind: 'community', id: c._id, name: c.name, grid: null, communityId: c._id, buildingIds: [] } : null
      },
    }
  }
  return {
    joins: {
      grid: { from: 'org_nodes', match: { _id: pool.id, kind: 'grid' }, limit: 1 },
      gridBuildings: { from: 'org_nodes', match: { parentId: pool.id, kind: 'building' }, limit: 1000, project: { _id: 1 } },
    },
    pick: ({ grid, gridBuildings }) => {
      const g = grid[0] as OrgNode | undefined
      if (!g) return null
      return { kind: 'grid', id: g._id, name: g.name, grid: g, communityId: g.path[2] ?? null, buildingIds: gridBuildings.map((b) => b._id as string) }
    },
  }
}

/** merge: the duplicate order, a join of the first read. */
export function duplicateRead(id: string): TargetRead<StoredOrder | null> {
  return { joins: { duplicate: { from: ORDERS, match: { _id: id }, limit: 1 } }, pick: ({ duplicate }) => (duplicate[0] as StoredOrder | undefined) ?? null }
}

export const poolSpec = {
  build: ({ target }: { target: PoolTarget | null }): Built => {
    if (!target || !target.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY', '找不到这个领单范围')
    return {
      args: { pool: { kind: target.kind, id: target.id, name: target.name } },
      filter: { communityId: target.communityId },
      set: { poolBuildingIds: target.kind === 'grid' ? target.buildingIds : null, assigneeOpenid: null, assigneeRegistrationId: null, assigneeUnitId: null },
    }
  },
  explain: (order: StoredOrder, target: PoolTarget | null) => checkPoolScope(order, { kind: target!.kind, id: target!.id }, target!.grid),
}

export function mergeSpec(id: string) {
  return {
    build: ({ target }: { target: StoredOrder | null }): Built => {
      if (!target) throw new DomainError('ORDER.MERGE_TARGET_INVALID')
      checkMerge({ _id: id, communityId: target.communityId }, target)
      return { args: { duplicateId: target._id }, filter: { communityId: target.communityId } }
    },
    explain: (order: StoredOrder, target: StoredOrder | null) => checkMerge(order, target!),
  }
}

