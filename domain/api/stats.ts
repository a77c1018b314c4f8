/**
 * Statistics (全县统计 · 全街道统计 · 进度通报): the dashboard of a scope for a period, read from
 * the counters (domain/stats) in one aggregation; the monthly progress reports the timer builds;
 * the dashboard's tables as .xlsx. Rules in words: docs/statistics.md.
 */
import * as v from 'valibot'
import { action, area } from './contract'
import type { ExportAnswer } from './filtersOf'
import type { PeriodKind, ScopeLevel } from '../stats/metrics'
import type { FigureKey } from '../stats/dashboard'
import type { MonthlyReport } from '../stats/report'

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
const period = v.picklist(['month', 'quarter', 'year'], '统计周期只能是本月、本季度或本年')

export const dashboardInput = v.strictObject({
  /** The county, street, community or unit; omitted: the widest scope the caller administers. */
  scopeId: v.optional(id),
  period: v.optional(period, 'month'),
})
export type DashboardInput = v.InferInput<typeof dashboardInput>

export interface ScopeCrumb {
  id: string
  name: string
  level: ScopeLevel
}

export interface FigureCard {
  key: FigureKey
  label: string
  /** Shown as is: `4.6`, `128.5`; null when this scope cannot count it (docs/statistics.md). */
  value: number | null
  unit: string
}

export interface BreakdownRow {
  id: string
  name: string
  level: ScopeLevel
  /** Has a dashboard of its own the caller may open (a street or community; a unit). */
  drill: boolean
  values: Partial<Record<FigureKey, number | null>>
}

export interface Breakdown {
  title: string
  level: ScopeLevel
  rows: BreakdownRow[]
}

export interface TrendPoint {
  month: string
  label: string
  values: Partial<Record<FigureKey, number | null>>
}

export interface Dashboard {
  scope: ScopeCrumb & { levelLabel: string }
  /** From the widest scope the caller may view down to this one (the way back up). */
  path: ScopeCrumb[]
  period: PeriodKind
  periodLabel: string
  /** `m2026-10` … the months the figures add up. */
  months: string[]
  /** The counters include everything up to this instant (the last roll-up); null before the first. */
  asOf: string | null
  figures: FigureCard[]
  /** The columns of the breakdown tables, in order. */
  columns: { key: FigureKey; label: string; unit: string }[]
  /** One level down: streets (county), communities (street); and the county's units. */
  breakdowns: Breakdown[]
  /** The last 6 months, oldest first. */
  trend: TrendPoint[]
}

export interface ReportSummary {
  id: string
  scopeId: string
  scopeName: string
  level: ScopeLevel
  month: string
  monthLabel: string
  createdAt: string
}

export const statsArea = area('stats', {
  /** The figures of a scope for this month, quarter or year, one level down, the trend. */
  dashboard: action<DashboardInput, Dashboard>(dashboardInput),
  /** The dashboard's tables (figures and breakdowns) as an .xlsx, audited like every export. */
  exportDashboard: action<DashboardInput, ExportAnswer>(dashboardInput),
  /** Past monthly progress reports (进度通报) of a county or street the caller may view, newest first. */
  reports: action<{ scopeId?: string }, { items: ReportSummary[] }>(v.strictObject({ scopeId: v.optional(id) })),
  /** One monthly report. */
  report: action<{ id: string }, MonthlyReport & { id: string; scopeName: string }>(v.strictObject({ id: v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_:-]{1,80}$/, '编号格式不正确')) })),
})
