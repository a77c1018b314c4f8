import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { WhoAmI } from '@domain/api'
import type { OrderDetail } from '@domain/api/orders'
import type { OrderState } from '@domain/orders'
import type { RoleKind } from '@domain/roles'
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
 * How the caller stands to one order, for which buttons to show (the function checks again).
 * The contract answers names, not ids, of the assignee and of whoever placed it, so the
 * assignee and a proxy requester are recognised by the order being in their own lists.
 */
export interface OrderRelation {
  requester: boolean
  assignee: boolean
  /** Holds community_admin (accept, decline, resolve). */
  communityAdmin: boolean
  /** Holds branch_admin or community_admin (recommend, dispatch, recall). */
  dispatcher: boolean
  /** A registered member (may claim from a pool). */
  member: boolean
  /** The order's community, known to its dispatchers (the contract answers only its name). */
  poolCommunityId: string | null
}

export interface OrderView {
  order: OrderDetail
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
  const [order, mine, assigned] = await Promise.all([
    orders.getOrder(id),
    orders.myOrders().catch(() => ({ items: [] })),
    member ? orders.assignedOrders().catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
  ])
  return {
    order,
    relation: {
      poolCommunityId: await dispatcherCommunity(who, order.communityName).catch(() => null),
      requester: order.residentId === who.id || mine.items.some((o) => o.id === id),
      assignee: assigned.items.some((o) => o.id === id),
      communityAdmin: kinds.has('community_admin'),
      dispatcher: kinds.has('community_admin') || kinds.has('branch_admin'),
      member,
    },
  }
}

export function useOrderView(id: string | null) {
  const who = useWhoAmI()
  return useRemote(() => loadOrder(id!, who.data!), id && who.data ? `${id}:${who.data.id}:${who.data.activeRole}` : null)
}
