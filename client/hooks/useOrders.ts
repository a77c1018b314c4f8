import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { MemberRow, WhoAmI } from '@domain/api'
import { isOpen, type OrderState } from '@domain/orders'
import type { RoleKind } from '@domain/roles'
import type { ActionableOrder, PickOption, PickVerb } from '@/components/OrderActions/OrderActions'
import { pairedUnits, unitMembers } from '@/services/members'
import { listChildren } from '@/services/org'
import * as orders from '@/services/orders'
import { options } from '@/services/registration'
import { useRemote } from './useRemote'
import { useWhoAmI } from './useWhoAmI'

export const ORDER_COMMUNITY_STORAGE_KEY = 'lianxin.orderCommunity'

/** Admin roles that see a community's queue on the 服务 tab. */
export const QUEUE_ROLES: readonly RoleKind[] = ['community_admin', 'branch_admin']

/** Which view of the 服务 tab the active role gets. */
export type ServicesView = 'resident' | 'member' | 'admin'

export function servicesViewOf(who: Pick<WhoAmI, 'activeRole'>): ServicesView {
  if (QUEUE_ROLES.includes(who.activeRole)) return 'admin'
  if (who.activeRole === 'member') return 'member'
  return 'resident'
}

function storedCommunity(): string | null {
  try {
    const v = Taro.getStorageSync(ORDER_COMMUNITY_STORAGE_KEY)
    return typeof v === 'string' && v ? v : null
  } catch {
    return null
  }
}

/**
 * The community a person orders in: the page's `communityId`, else the one picked before on
 * this device, else their member role's community, else the first. Residents have no scoped
 * role, so they choose once and the phone remembers.
 */
export function useOrderCommunity(param?: string) {
  const who = useWhoAmI()
  const [picked, setPicked] = useState<string | null>(() => param || storedCommunity())
  const remote = useRemote(async () => {
    const opts = await options()
    const member = who.data?.roles.find((r) => r.kind === 'member' && r.scopeId)?.scopeId ?? null
    return { communities: opts.communities.map((c) => ({ id: c.id, name: c.name })), fallback: member ?? opts.communities[0]?.id ?? null }
  }, who.data ? who.data.id : null)
  const choose = useCallback((id: string) => {
    setPicked(id)
    try {
      Taro.setStorageSync(ORDER_COMMUNITY_STORAGE_KEY, id)
    } catch {
      // Storage full or disabled: the choice lasts for this page only.
    }
  }, [])
  const communities = remote.data?.communities ?? []
  const id = picked ?? remote.data?.fallback ?? null
  return { id, name: communities.find((c) => c.id === id)?.name ?? null, communities, choose, error: remote.error, reload: remote.reload }
}

/** The community whose queue an admin works: theirs, or for a branch admin the community above the compound. */
export function useQueueCommunity() {
  const who = useWhoAmI()
  const role = who.data?.roles.find((r) => r.kind === who.data!.activeRole && r.scopeId)
  return useRemote(
    async () => {
      if (!role?.scopeId) return null
      if (role.kind === 'community_admin') return { id: role.scopeId, name: role.scopeName ?? '' }
      const compound = await listChildren(role.scopeId)
      return compound.parent.parentId ? { id: compound.parent.parentId, name: '' } : null
    },
    who.data ? `${who.data.id}:${who.data.activeRole}` : null,
  )
}

export const useServiceItems = (communityId: string | null) => useRemote(() => orders.listItems(communityId!), communityId)
export const useMyOrders = (key: string | null) => useRemote(() => orders.myOrders(), key)
export const useAssignedOrders = (key: string | null) => useRemote(() => orders.assignedOrders(), key)
export const usePoolOrders = (key: string | null) => useRemote(() => orders.poolOrders(), key)
export const useOrderQueue = (communityId: string | null, state?: OrderState) =>
  useRemote(() => orders.orderQueue(communityId!, state), communityId ? `${communityId}:${state ?? ''}` : null)

/**
 * How the caller stands to one order, for which buttons to show when the function does not say
 * (an order without `can`); the function checks again either way. Without `can` the contract
 * answers names, not ids, of the assignee and of whoever placed it, so the assignee and a proxy
 * requester are recognised by the order being in their own lists.
 */
export interface OrderRelation {
  requester: boolean
  assignee: boolean
  /** Holds community_admin (accept, decline, merge, resolve). */
  communityAdmin: boolean
  /** Holds branch_admin or community_admin (recommend, dispatch, pool, recall). */
  dispatcher: boolean
  /** A registered member (may claim from a pool). */
  member: boolean
  /** Holds unit_admin (passes an order dispatched to the unit to one of its members). */
  unitAdmin: boolean
  /** The order's community, known to its dispatchers (for the pickers). */
  poolCommunityId: string | null
}

/** The order as `get` answers it, with what the function adds for the buttons when it does (`can` and ids). */
export type OrderWithIds = ActionableOrder

export interface OrderView {
  order: OrderWithIds
  relation: OrderRelation
}

/** The community id of an order for a dispatcher: their community admin role by name, else their branch's community. */
async function dispatcherCommunity(who: WhoAmI, communityName: string): Promise<string | null> {
  const admin = who.roles.find((r) => r.kind === 'community_admin' && r.scopeId && r.scopeName === communityName)
  if (admin?.scopeId) return admin.scopeId
  const branch = who.roles.find((r) => r.kind === 'branch_admin' && r.scopeId)
  if (!branch?.scopeId) return null
  return (await listChildren(branch.scopeId)).parent.parentId
}

async function loadOrder(id: string, who: WhoAmI): Promise<OrderView> {
  const kinds = new Set(who.roles.map((r) => r.kind))
  const member = kinds.has('member')
  const roles = {
    communityAdmin: kinds.has('community_admin'),
    dispatcher: kinds.has('community_admin') || kinds.has('branch_admin'),
    member,
    unitAdmin: kinds.has('unit_admin'),
  }
  const order: OrderWithIds = await orders.getOrder(id)
  if (Array.isArray(order.can)) {
    // The function says what this caller may press and which community the order is in: nothing to infer.
    const communityId = order.communityId ?? (roles.dispatcher ? await dispatcherCommunity(who, order.communityName).catch(() => null) : null)
    return { order, relation: { ...roles, requester: false, assignee: false, poolCommunityId: communityId } }
  }
  const [mine, assigned, poolCommunityId] = await Promise.all([
    orders.myOrders().catch(() => ({ items: [] })),
    member ? orders.assignedOrders().catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
    roles.dispatcher ? dispatcherCommunity(who, order.communityName).catch(() => null) : Promise.resolve(null),
  ])
  return {
    order,
    relation: {
      ...roles,
      poolCommunityId,
      requester: order.residentId === who.id || mine.items.some((o) => o.id === id),
      assignee: assigned.items.some((o) => o.id === id),
    },
  }
}

export function useOrderView(id: string | null) {
  const who = useWhoAmI()
  return useRemote(() => loadOrder(id!, who.data!), id && who.data ? `${id}:${who.data.id}:${who.data.activeRole}` : null)
}

/** A picker offers nothing it cannot send: say why instead of a list that would only be refused. */
export class PickUnavailable extends Error {}

/** The grids of a community, two levels down (community → compounds → grids), named with their compound. */
async function gridsOf(communityId: string): Promise<PickOption[]> {
  const compounds = (await listChildren(communityId)).children.filter((c) => c.kind === 'compound')
  const lists = await Promise.all(compounds.map((c) => listChildren(c.id).then((r) => ({ compound: c, grids: r.children.filter((g) => g.kind === 'grid') }))))
  return lists.flatMap(({ compound, grids }) => grids.map((g) => ({ id: `grid:${g.id}`, name: `${g.name}领单池`, hint: `${compound.name}的党员可领` })))
}

/**
 * What each picker on the order page offers, from existing reads: the community's paired units
 * (`members.pairedUnits`), its pools (the whole community and each grid, `org.listChildren`),
 * its other open orders to merge into (`orders.queue`), and the unit's registered members in the
 * order's community (`members.unitMembers`).
 */
export async function orderPickOptions(verb: PickVerb, view: OrderView, who: WhoAmI): Promise<PickOption[]> {
  const { order, relation } = view
  const communityId = order.communityId ?? relation.poolCommunityId
  if (verb === 'passToMember') {
    const unitId = order.unitId ?? who.roles.find((r) => r.kind === 'unit_admin' && r.scopeId)?.scopeId
    if (!unitId) throw new PickUnavailable('没有找到您管理的单位')
    const { items } = await unitMembers(unitId)
    const here = items.filter((m) => m.reported && m.communityName === order.communityName) as (MemberRow & { userId?: string })[]
    // passToMember names the member's user id; the member list answers registration rows, which
    // carry it only once the members function adds it (see client/README.md).
    if (here.length > 0 && here.every((m) => !m.userId)) throw new PickUnavailable('暂时无法列出本单位党员的账号，请联系社区直接派单')
    return here.filter((m) => m.userId).map((m) => ({ id: m.userId!, name: m.name, hint: [m.buildingName ?? '未填楼栋', m.skills.join('、')].filter(Boolean).join(' · ') }))
  }
  if (!communityId) throw new PickUnavailable('没有找到这个服务单所在的社区')
  if (verb === 'dispatchToUnit') {
    const { units } = await pairedUnits(communityId)
    return units.map((u) => ({ id: u.id, name: u.name, hint: `${u.kind} · 已报到党员 ${u.registered} 人` }))
  }
  if (verb === 'pool') {
    return [{ id: `community:${communityId}`, name: `${order.communityName}领单池`, hint: '全社区的党员都可领' }, ...(await gridsOf(communityId))]
  }
  const { items } = await orders.orderQueue(communityId)
  return items
    .filter((o) => o.id !== order.id && isOpen(o.state))
    .map((o) => ({ id: o.id, name: o.description, hint: `${o.residentName} · ${o.buildingName ?? o.communityName} · ${o.stateLabel}` }))
}
