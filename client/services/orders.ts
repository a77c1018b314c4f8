import type { OrderInputPayload, OrderTimeSettings, ServiceItemSaveInput } from '@domain/api/orders'
import type { OrderState } from '@domain/orders'
import { ordersArea } from '@domain/api/orders'
import { areaCaller } from './transport'

const call = areaCaller(ordersArea)

/** Service orders (点单 → 接单 → 派单 → 领单): typed one-liners over the one transport. */

export const listItems = (communityId: string) => call('orders', 'listItems', { communityId })
export const joinItem = (id: string) => call('orders', 'joinItem', { id })
/** Creates the item under `id` when it is new (made when the form opens, so a retried save makes one item), else changes it. */
export const saveItem = (input: ServiceItemSaveInput) => call('orders', 'saveItem', input)

// Time limits (时限)
export const getSettings = (communityId: string) => call('orders', 'getSettings', { communityId })
export const setSettings = (communityId: string, settings: OrderTimeSettings) => call('orders', 'setSettings', { communityId, settings })

export const placeOrder = (input: OrderInputPayload) => call('orders', 'order', input)
export const getOrder = (id: string) => call('orders', 'get', { id })

export const myOrders = (limit?: number) => call('orders', 'mine', limit ? { limit } : {})
export const assignedOrders = (limit?: number) => call('orders', 'assigned', limit ? { limit } : {})
export const poolOrders = (limit?: number) => call('orders', 'poolList', limit ? { limit } : {})
export const orderQueue = (communityId: string, state?: OrderState, overdueOnly?: boolean) =>
  call('orders', 'queue', { communityId, ...(state ? { state } : {}), ...(overdueOnly ? { overdueOnly } : {}) })
/** 派给本单位的服务单: a unit admin's orders sent to their units, and those passed on still open. */
export const unitOrderQueue = (limit?: number) => call('orders', 'unitQueue', limit ? { limit } : {})

// The requester
export const cancelOrder = (id: string, seen: OrderState, reason?: string) => call('orders', 'cancel', { id, seen, ...(reason ? { reason } : {}) })
export const confirmOrder = (id: string, stars: number, comment: string) => call('orders', 'confirm', { id, stars, comment })
export const complainOrder = (id: string, reason: string) => call('orders', 'complain', { id, reason })

// The community (接单)
export const acceptOrder = (id: string) => call('orders', 'accept', { id })
export const declineOrder = (id: string, reason: string) => call('orders', 'decline', { id, reason })
export const resolveOrder = (id: string, reason: string) => call('orders', 'resolve', { id, reason })
export const mergeOrder = (id: string, seen: OrderState, intoId: string) => call('orders', 'merge', { id, seen, intoId })

// Dispatching (派单)
export const recommend = (id: string, limit = 5) => call('orders', 'recommend', { id, limit })
export const dispatchToMember = (id: string, seen: OrderState, memberId: string) => call('orders', 'dispatchToMember', { id, seen, memberId })
export const dispatchToUnit = (id: string, seen: OrderState, unitId: string) => call('orders', 'dispatchToUnit', { id, seen, unitId })
export const passToMember = (id: string, memberId: string) => call('orders', 'passToMember', { id, memberId })
export const poolOrder = (id: string, seen: OrderState, pool: { kind: 'grid' | 'community'; id: string }) => call('orders', 'pool', { id, seen, pool })
export const recallOrder = (id: string, seen: OrderState, reason?: string) => call('orders', 'recall', { id, seen, ...(reason ? { reason } : {}) })

// The member (领单)
export const acceptDispatch = (id: string) => call('orders', 'acceptDispatch', { id })
export const declineDispatch = (id: string, reason: string) => call('orders', 'declineDispatch', { id, reason })
export const claimOrder = (id: string) => call('orders', 'claim', { id })
export const releaseOrder = (id: string, reason: string) => call('orders', 'release', { id, reason })
export const startOrder = (id: string) => call('orders', 'start', { id })
export const finishOrder = (id: string, note: string, hours: number) => call('orders', 'finish', { id, note, hours })
