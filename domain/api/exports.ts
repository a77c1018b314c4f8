/**
 * Excel exports (导出 Excel) of the admins' lists. Each action takes the filter input of the list
 * it exports, built from that list's own schema with only the paging fields left out, so a filter
 * added to a list is a filter of its export too and "the current filters" cannot drift apart.
 * Rules in words: docs/exports.md.
 */
import * as v from 'valibot'
import { action, area, type ActionContract, type InputOf } from './contract'
import { membersArea } from './members'
import { registrationArea } from './registration'
import { wishesArea } from './wishes'
import { ordersArea } from './orders'

/**
 * A list's input schema without its paging fields: the same strict object, the same messages.
 * Only a strict object can be narrowed this way; anything else is a programming error.
 */
export function filtersOf<C extends ActionContract<any, any>, K extends keyof InputOf<C> & string>(
  contract: C,
  paging: readonly K[],
): v.GenericSchema<unknown, Omit<InputOf<C>, K>> {
  const schema = contract.input as unknown as v.StrictObjectSchema<v.ObjectEntries, undefined>
  if (schema.type !== 'strict_object') throw new Error('filtersOf: the list schema is not a strict object')
  return v.omit(schema, paging as unknown as [string, ...string[]]) as unknown as v.GenericSchema<unknown, Omit<InputOf<C>, K>>
}

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
const year = v.pipe(v.number('年份必须是数字'), v.integer('年份必须是整数'), v.minValue(2020, '年份不能早于2020年'), v.maxValue(2100, '年份不正确'))

/** What every export answers: the uploaded file, a temporary URL to download it, its row count and name. */
export interface ExportAnswer {
  fileId: string
  /** A temporary download URL (about an hour). */
  url: string
  /** Data rows in the file (the header not counted). */
  rows: number
  /** The file name to save as, e.g. 北门社区党员_20261204.xlsx. */
  name: string
}

const L = membersArea.actions
export const communityMembersFilters = filtersOf(L.communityMembers, ['limit', 'offset'])
export const unitMembersFilters = filtersOf(L.unitMembers, ['limit', 'offset'])
export const pendingRegistrationsFilters = filtersOf(registrationArea.actions.listPending, ['limit', 'afterCreatedAt'])
export const wishReviewFilters = filtersOf(wishesArea.actions.reviewQueue, ['limit', 'after'])
export const orderQueueFilters = filtersOf(ordersArea.actions.queue, ['limit'])
export const unitOrderFilters = filtersOf(ordersArea.actions.unitQueue, ['limit'])

/**
 * The service-hours ledger (服务时长) of a community or a unit for one year (China time). There
 * is no admin list of single credits to borrow the filters from; these are the dashboard's.
 */
export const hoursFilters = v.strictObject({ scope: v.picklist(['community', 'unit'], '未知的范围'), scopeId: id, year })
export type HoursFilters = v.InferOutput<typeof hoursFilters>

export type CommunityMembersFilters = v.InferOutput<typeof communityMembersFilters>
export type UnitMembersFilters = v.InferOutput<typeof unitMembersFilters>
export type PendingRegistrationsFilters = v.InferOutput<typeof pendingRegistrationsFilters>
export type WishReviewFilters = v.InferOutput<typeof wishReviewFilters>
export type OrderQueueFilters = v.InferOutput<typeof orderQueueFilters>
export type UnitOrderFilters = v.InferOutput<typeof unitOrderFilters>

export const exportsArea = area('exports', {
  /** 社区党员 (members.communityMembers without limit/offset). */
  communityMembers: action<CommunityMembersFilters, ExportAnswer>(communityMembersFilters),
  /** 本单位党员 (members.unitMembers without limit/offset). */
  unitMembers: action<UnitMembersFilters, ExportAnswer>(unitMembersFilters),
  /** 报到审核 (registration.listPending without limit/afterCreatedAt). */
  pendingRegistrations: action<PendingRegistrationsFilters, ExportAnswer>(pendingRegistrationsFilters),
  /** 心愿审核 (wishes.reviewQueue without limit/after). */
  wishes: action<WishReviewFilters, ExportAnswer>(wishReviewFilters),
  /** 社区服务单 (orders.queue without limit). */
  orders: action<OrderQueueFilters, ExportAnswer>(orderQueueFilters),
  /** 派给本单位的服务单 (orders.unitQueue without limit). */
  unitOrders: action<UnitOrderFilters, ExportAnswer>(unitOrderFilters),
  /** 服务时长 of a community or unit for one year. */
  hours: action<HoursFilters, ExportAnswer>(hoursFilters),
})

export type ExportList = keyof typeof exportsArea.actions
