/**
 * Excel exports (导出 Excel) of the admins' lists. Each action takes the filter input of the list
 * it exports, built from that list's own schema with only the paging fields left out, so a filter
 * added to a list is a filter of its export too and "the current filters" cannot drift apart.
 * Rules in words: docs/exports.md.
 */
import * as v from 'valibot'
import { action, area } from './contract'
import { membersArea } from './members'
import { registrationArea } from './registration'
import { wishesArea } from './wishes'
import { filtersOf, type ExportAnswer } from './filtersOf'
import { orderExportsArea } from './exportsOrders'

export { filtersOf, type ExportAnswer } from './filtersOf'
export { orderQueueFilters, unitOrderFilters, type OrderQueueFilters, type UnitOrderFilters } from './exportsOrders'

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
const year = v.pipe(v.number('年份必须是数字'), v.integer('年份必须是整数'), v.minValue(2020, '年份不能早于2020年'), v.maxValue(2100, '年份不正确'))

const L = membersArea.actions
export const communityMembersFilters = filtersOf(L.communityMembers, ['limit', 'offset'])
export const unitMembersFilters = filtersOf(L.unitMembers, ['limit', 'offset'])
export const compoundMembersFilters = filtersOf(L.compoundMembers, ['limit', 'offset'])
export const pendingRegistrationsFilters = filtersOf(registrationArea.actions.listPending, ['limit', 'afterCreatedAt'])
export const wishReviewFilters = filtersOf(wishesArea.actions.reviewQueue, ['limit', 'after'])

/**
 * The service-hours ledger (服务时长) of a community or a unit for one year (China time). There
 * is no admin list of single credits to borrow the filters from; these are the dashboard's.
 */
export const hoursFilters = v.strictObject({ scope: v.picklist(['community', 'unit'], '未知的范围'), scopeId: id, year })
export type HoursFilters = v.InferOutput<typeof hoursFilters>

export type CommunityMembersFilters = v.InferOutput<typeof communityMembersFilters>
export type UnitMembersFilters = v.InferOutput<typeof unitMembersFilters>
export type CompoundMembersFilters = v.InferOutput<typeof compoundMembersFilters>
export type PendingRegistrationsFilters = v.InferOutput<typeof pendingRegistrationsFilters>
export type WishReviewFilters = v.InferOutput<typeof wishReviewFilters>

export const exportsArea = area('exports', {
  /** 社区党员 (members.communityMembers without limit/offset). */
  communityMembers: action<CommunityMembersFilters, ExportAnswer>(communityMembersFilters),
  /** 本单位党员 (members.unitMembers without limit/offset). */
  unitMembers: action<UnitMembersFilters, ExportAnswer>(unitMembersFilters),
  /** 支部党员 (members.compoundMembers without limit/offset). */
  compoundMembers: action<CompoundMembersFilters, ExportAnswer>(compoundMembersFilters),
  /** 报到审核 (registration.listPending without limit/afterCreatedAt). */
  pendingRegistrations: action<PendingRegistrationsFilters, ExportAnswer>(pendingRegistrationsFilters),
  /** 心愿审核 (wishes.reviewQueue without limit/after). */
  wishes: action<WishReviewFilters, ExportAnswer>(wishReviewFilters),
  /** 社区服务单 (orders.queue without limit). */
  orders: orderExportsArea.actions.orders,
  /** 派给本单位的服务单 (orders.unitQueue without limit). */
  unitOrders: orderExportsArea.actions.unitOrders,
  /** 服务时长 of a community or unit for one year. */
  hours: action<HoursFilters, ExportAnswer>(hoursFilters),
})

export type ExportList = keyof typeof exportsArea.actions
