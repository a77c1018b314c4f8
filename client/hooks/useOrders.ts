import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { WhoAmI } from '@domain/api'
import type { OrderDetail } from '@domain/api/orders'
import { isOpen, type OrderState } from '@domain/orders-labels'
import type { RoleKind } from '@domain/roles'
import type { PickOption, PickVerb } from '@/components/OrderActions/OrderActions'
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
export type ServicesView = 'resident' | 'member' | 'admin' | 'unit'

export function servicesViewOf(who: Pick<WhoAmI, 'activeRole'>): ServicesView {
  if (QUEUE_ROLES.includes(who.activeRole)) return 'admin'
  if (who.activeRole === 'member') return 'member'
  if (who.activeRole === 'unit_admin') return 'unit'
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

/**
 * The community a community admin keeps (服务清单, 时限设置): the page's `communityId`, else
 * their community_admin role's (the active one first).
 */
export function useAdminCommunity(param?: string): { id: string | null; name: string | null; ready: boolean } {
  const who = useWhoAmI()
  if (param) return { id: param, name: who.data?.roles.find((r) => r.scopeId === param)?.scopeName ?? null, ready: true }
  const admins = who.data?.roles.filter((r) => r.kind === 'community_admin' && r.scopeId) ?? []
  const role = admins.find((r) => r.kind === who.data?.activeRole) ?? admins[0]
  return { id: role?.scopeId ?? null, name: role?.scopeName ?? null, ready: !!who.data }
}

export const useOrderSettings = (communityId: string | null) => useRemote(() => orders.getSettings(communityId!), communityId)

export const useServiceItems = (communityId: string | null) => useRemote(() => orders.listItems(communityId!), communityId)
export const useMyOrders = (key: string | null) => useRemote(() => orders.myOrders(), key)
export const useAssignedOrders = (key: string | null) => useRemote(() => orders.assignedOrders(), key)
export const usePoolOrders = (key: string | null) => useRemote(() => orders.poolOrders(), key)
export const useUnitOrderQueue = (key: string | null) => useRemote(() => orders.unitOrderQueue(), key)
export const useOrderQueue = (communityId: string | null, state?: OrderState) =>
  useRemote(() => orders.orderQueue(communityId!, state), communityId ? `${communityId}:${state ?? ''}` : null)

/**
 * One order for its page. `get` answers what the caller may press (`can`) and the ids the
 * pickers need, so nothing about the caller is guessed from their own lists.
 */
export function useOrderView(id: string | null) {
  const who = useWhoAmI()
  return useRemote(() => orders.getOrder(id!), id && who.data ? `${id}:${who.data.id}:${who.data.activeRole}` : null)
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
export async function orderPickOptions(verb: PickVerb, order: OrderDetail): Promise<PickOption[]> {
  const communityId = order.communityId
  if (verb === 'passToMember') {
    if (!order.unitId) throw new PickUnavailable('这个服务单没有派给单位')
    const { items } = await unitMembers(order.unitId)
    const here = items.filter((m) => m.reported && m.communityName === order.communityName)
    // passToMember names the member's account; an imported member nobody has claimed has none yet:
    // shown, greyed, with why, rather than left out (the admin would wonder where they went).
    return [...here.filter((m) => m.userId), ...here.filter((m) => !m.userId)].map((m) =>
      m.userId
        ? { id: m.userId, name: m.name, hint: [m.buildingName ?? '未填楼栋', m.skills.join('、')].filter(Boolean).join(' · ') }
        : { id: `registration:${m.id}`, name: m.name, hint: '还没有登录过小程序，暂不能转派', disabled: true },
    )
  }
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
