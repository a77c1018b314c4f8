/**
 * The two order exports on their own: the 服务 tab is in the mini-program's main package and
 * needs only these, not the member, registration and wish schemas the other exports are built from
 * (domain/api/exports.ts takes its `orders` and `unitOrders` from here).
 */
import * as v from 'valibot'
import { action, area } from './contract'
import { ordersArea } from './orders'
import { filtersOf, type ExportAnswer } from './filtersOf'

export const orderQueueFilters = filtersOf(ordersArea.actions.queue, ['limit'])
export const unitOrderFilters = filtersOf(ordersArea.actions.unitQueue, ['limit'])
export type OrderQueueFilters = v.InferOutput<typeof orderQueueFilters>
export type UnitOrderFilters = v.InferOutput<typeof unitOrderFilters>

/** A part of the `exports` area: the same function and action names, two of its actions. */
export const orderExportsArea = area('exports', {
  /** 社区服务单 (orders.queue without limit). */
  orders: action<OrderQueueFilters, ExportAnswer>(orderQueueFilters),
  /** 派给本单位的服务单 (orders.unitQueue without limit). */
  unitOrders: action<UnitOrderFilters, ExportAnswer>(unitOrderFilters),
})
