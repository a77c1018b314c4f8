/**
 * The columns of each export and how a list row becomes a line of cells. The cells are what the
 * admin reads on the page (labels, not codes; China time, not ISO), so a file and a screen agree.
 */
import type { MemberRow } from '../api/members'
import type { PendingItem } from '../api/registration'
import type { ReviewItem } from '../api/wishes'
import type { OrderRow } from '../api/orders'
import { REGISTRATION_STATE_LABELS } from '../registration'
import type { ServiceSourceKind } from '../requirements'
import { chinaWallClock } from '../time'
import { exportPhone } from './masking'

export type ExportCell = string | number | null

export interface ExportColumn<R> {
  header: string
  width: number
  /** Excel number format: '@' keeps a phone number as text, '0.0' shows hours with one decimal. */
  numFmt?: string
  cell(row: R): ExportCell
}

/** 2026-12-04 09:30 in China time; '' for nothing. */
export function chinaDateTime(at: string | Date | null | undefined): string {
  if (!at) return ''
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return ''
  return chinaWallClock(d).toISOString().slice(0, 16).replace('T', ' ')
}

/** 20261204: the date part of an export's file name. */
export function chinaDay(at: Date): string {
  return chinaWallClock(at).toISOString().slice(0, 10).replace(/-/g, '')
}

const list = (xs: readonly string[] | undefined) => (xs ?? []).join('、')

/** 社区党员 and 本单位党员: the member lists' rows. `full`: whether phones stay whole (masking.ts). */
export function memberColumns(full: boolean): ExportColumn<MemberRow>[] {
  return [
    { header: '姓名', width: 12, cell: (r) => r.name },
    { header: '手机号', width: 15, numFmt: '@', cell: (r) => exportPhone(r.phone, full) },
    { header: '状态', width: 12, cell: (r) => r.stateLabel },
    { header: '工作单位', width: 20, cell: (r) => r.unitName },
    { header: '居住社区', width: 14, cell: (r) => r.communityName },
    { header: '小区', width: 14, cell: (r) => r.compoundName },
    { header: '楼栋', width: 12, cell: (r) => r.buildingName },
    { header: '特长', width: 24, cell: (r) => list(r.skills) },
    { header: '报到时间', width: 18, cell: (r) => chinaDateTime(r.createdAt) },
  ]
}

/** 报到审核: registrations waiting for the unit's or the community's decision. */
export function pendingColumns(full: boolean): ExportColumn<PendingItem>[] {
  return [
    { header: '姓名', width: 12, cell: (r) => r.name },
    { header: '手机号', width: 15, numFmt: '@', cell: (r) => exportPhone(r.phone, full) },
    { header: '状态', width: 14, cell: (r) => REGISTRATION_STATE_LABELS[r.state] ?? r.state },
    { header: '工作单位', width: 20, cell: (r) => r.unitName },
    { header: '居住社区', width: 14, cell: (r) => r.communityName },
    { header: '楼栋', width: 12, cell: (r) => r.buildingName },
    { header: '特长', width: 24, cell: (r) => list(r.skills) },
    { header: '提交时间', width: 18, cell: (r) => chinaDateTime(r.createdAt) },
  ]
}

/** 心愿审核: the beneficiary as the list shows them (masked for street and county). */
export const wishColumns: ExportColumn<ReviewItem>[] = [
  { header: '心愿', width: 28, cell: (r) => r.title },
  { header: '社区', width: 14, cell: (r) => r.communityName },
  { header: '受助人', width: 16, cell: (r) => r.beneficiaryName || r.beneficiary },
  { header: '楼栋', width: 12, cell: (r) => r.buildingName },
  { header: '状态', width: 10, cell: (r) => r.stateLabel },
  { header: '已走访', width: 8, cell: (r) => (r.hasVisit ? '是' : '否') },
  { header: '估值（元）', width: 10, cell: (r) => r.estimatedValue },
  { header: '登记人', width: 12, cell: (r) => r.authorName },
  { header: '登记时间', width: 18, cell: (r) => chinaDateTime(r.createdAt) },
]

/** 服务单: the open orders of a community, or those sent to a unit. */
export const orderColumns: ExportColumn<OrderRow>[] = [
  { header: '服务类别', width: 10, cell: (r) => r.category },
  { header: '需求描述', width: 32, cell: (r) => r.description },
  { header: '状态', width: 10, cell: (r) => r.stateLabel },
  { header: '紧急程度', width: 8, cell: (r) => r.urgencyLabel },
  { header: '居民', width: 12, cell: (r) => r.residentName },
  { header: '社区', width: 14, cell: (r) => r.communityName },
  { header: '楼栋', width: 12, cell: (r) => r.buildingName },
  { header: '服务人', width: 12, cell: (r) => r.assigneeName },
  { header: '期望时间', width: 18, cell: (r) => chinaDateTime(r.preferredAt) },
  { header: '超时', width: 14, cell: (r) => r.overdue?.label ?? '' },
  { header: '下单时间', width: 18, cell: (r) => chinaDateTime(r.createdAt) },
]

export const SOURCE_LABELS: Record<ServiceSourceKind, string> = { wish: '微心愿', order: '服务单', activity: '主题活动' }

/** One credit of the service-hours ledger with the member it belongs to. */
export interface HoursRow {
  name: string
  phone: string
  unitName: string
  communityName: string
  source: ServiceSourceKind
  hours: number
  at: string | Date
}

export function hoursColumns(full: boolean): ExportColumn<HoursRow>[] {
  return [
    { header: '姓名', width: 12, cell: (r) => r.name },
    { header: '手机号', width: 15, numFmt: '@', cell: (r) => exportPhone(r.phone, full) },
    { header: '工作单位', width: 20, cell: (r) => r.unitName },
    { header: '居住社区', width: 14, cell: (r) => r.communityName },
    { header: '来源', width: 10, cell: (r) => SOURCE_LABELS[r.source] ?? r.source },
    { header: '时长（小时）', width: 12, numFmt: '0.0', cell: (r) => r.hours },
    { header: '服务时间', width: 18, cell: (r) => chinaDateTime(r.at) },
  ]
}

/** The cells of one row in column order. */
export function cellsOf<R>(columns: readonly ExportColumn<R>[], row: R): ExportCell[] {
  return columns.map((c) => c.cell(row) ?? '')
}
