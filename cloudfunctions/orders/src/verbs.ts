/** The verbs that name a target, and `confirm` with its hours booking. */
import { getDocs, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { checkDispatchToMember, checkDispatchToUnit, checkMerge, checkPoolScope } from '../../../domain/orders'
import type { OrgNode, Unit } from '../../../domain/org'
import { findCommunity, findOrder, type Live } from './common'
import type { Built } from './transition'
import type { StoredOrder } from './views'

/** A registered member with their openid (users joined), as a dispatch names them. */
export type MemberTarget = (Live & { openid: string | null }) | null

/** The member's registered registration, joined with their user record for the openid: one aggregation. */
export async function readMember(ctx: ActionContext, userId: string): Promise<MemberTarget> {
  const regs = ctx.db.collection('registrations') as unknown as {
    aggregate(): { match(q: object): any }
  }
  const { list } = (await regs
    .aggregate()
    .match({ userId, state: 'registered' })
    .limit(1)
    .lookup({ from: 'users', localField: 'userId', foreignField: '_id', as: 'user' })
    .end()) as { list: (Live & { user?: { openid?: string }[] })[] }
  const doc = list[0]
  if (!doc) return null
  const { user, ...reg } = doc
  return { ...(reg as Live), openid: user?.[0]?.openid ?? null }
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

export async function readUnit(ctx: ActionContext, id: string): Promise<Unit | null> {
  const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: id }).limit(1))
  return unit ?? null
}

export function unitSpec(ctx: ActionContext) {
  return {
    build: ({ target }: { target: Unit | null }): Built => {
      if (!target) throw new DomainError('ORG.UNKNOWN_UNIT')
      return {
        args: { unit: { id: target._id, name: target.name } },
        // Paired with the order's community, in the write itself.
        filter: { communityId: ctx.db.command.in(target.pairedCommunityIds) },
        set: { assigneeOpenid: null, assigneeRegistrationId: null, assigneeUnitId: null, poolBuildingIds: null },
      }
    },
    explain: (order: StoredOrder, target: Unit | null) => checkDispatchToUnit(order, target!),
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

/** A grid pool: the grid node and its buildings (parent_kind index), read together; a community pool: the community. */
export async function readPool(ctx: ActionContext, pool: { kind: 'grid' | 'community'; id: string }): Promise<PoolTarget | null> {
  if (pool.kind === 'community') {
    const c = await findCommunity(ctx, pool.id)
    return c ? { kind: 'community', id: c._id, name: c.name, grid: null, communityId: c._id, buildingIds: [] } : null
  }
  const nodes = ctx.db.collection('org_nodes')
  const [[grid], buildings] = await Promise.all([
    getDocs<OrgNode>(nodes.where({ _id: pool.id, kind: 'grid' }).limit(1)),
    getDocs<OrgNode>(nodes.where({ parentId: pool.id, kind: 'building' }).field({ _id: true }).limit(1000)),
  ])
  if (!grid) return null
  return { kind: 'grid', id: grid._id, name: grid.name, grid, communityId: grid.path[2] ?? null, buildingIds: buildings.map((b) => b._id) }
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

export { findOrder }
