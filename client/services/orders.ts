import type { OrderInputPayload } from '@domain/api/orders'
import type { OrderState } from '@domain/orders'
import { call } from './transport'

/** Service orders (点单 → 接单 → 派单 → 领单): typed one-liners over the one transport. */

export const listItems = (communityId: string) => call('orders', 'listItems', { communityId })
export const joinItem = (id: string) => call('orders', 'joinItem', { id })

export const placeOrder = (input: OrderInputPayload) => call('orders', 'order', input)
export const getOrder = (id: string) => call('orders', 'get', { id })

export const myOrders = (limit?: number) => call('orders', 'mine', limit ? { limit } : {})
export const assignedOrders = (limit?: number) => call('orders', 'assigned', limit ? { limit } : {})
export const poolOrders = (limit?: number) => call('orders', 'poolList', limit ? { limit } : {})
export const orderQueue = (communityId: string, state?: OrderState, overdueOnly?: boolean) =>
  call('orders', 'queue', { communityId, ...(state ? { state } : {}), ...(overdueOnly ? { overdueOnly } : {}) })

// The requester
export const cancelOrder = (id: string, seen: OrderState, reason?: string) => call('orders', 'cancel', { id, seen, ...(reason ? { reason } : {}) })
export const confirmOrder = (id: string, stars: number, comment: string) => call('orders', 'confirm', { id, stars, comment })
export const complainOrder = (id: string, reason: string) => call('orders', 'complain', { id, reason })

// The community (接单)
export const acceptOrder = (id: string) => call('orders', 'accept', { id })
export const declineOrder = (id: string, reason: string) => call('orders', 'decline', { id, reason })
export const resolveOrder = (id: string, reason: string) => call('orders', 'resolve', { id, reason })

// Dispatching (派单)
export const recommend = (id: string, limit = 5) => call('orders', 'recommend', { id, limit })
export const dispatchToMember = (id: string, seen: OrderState, memberId: string) => call('orders', 'dispatchToMember', { id, seen, memberId })
export const poolOrder = (id: string, seen: OrderState, pool: { kind: 'grid' | 'community'; id: string }) => call('orders', 'pool', { id, seen, pool })
export const recallOrder = (id: string, seen: OrderState, reason?: string) => call('orders', 'recall', { id, seen, ...(reason ? { reason } : {}) })

// The member (领单)
export const acceptDispatch = (id: string) => call('orders', 'acceptDispatch', { id })
export const declineDispatch = (id: string, reason: string) => call('orders', 'declineDispatch', { id, reason })
export const claimOrder = (id: string) => call('orders', 'claim', { id })
export const releaseOrder = (id: string, reason: string) => call('orders', 'release', { id, reason })
export const startOrder = (id: string) => call('orders', 'start', { id })
export const finishOrder = (id: string, note: string, hours: number) => call('orders', 'finish', { id, note, hours })
