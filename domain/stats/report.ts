/**
 * The monthly progress report (定期通报进度) of a county or a street, built on the 1st of each
 * month for the month before from the counters alone: totals, the communities and units ranked,
 * and who is lagging (no activity held that month, members below the year's requirement, orders
 * overdue now). Stored once per scope and month (`stats_reports`), so past reports stay as they
 * were published even when later changes move the counters.
 */
import { FIGURES, figuresOf, notMetOf, type FigureKey } from './dashboard'
import { monthLabel, type ScopeLevel, type StatsDoc } from './metrics'

export const REPORT_TOTAL_KEYS: readonly FigureKey[] = ['members', 'registered', 'pairs', 'activitiesHeld', 'wishesReviewed', 'wishesLit', 'wishesDone', 'ordersDone', 'ordersOverdue', 'avgRating', 'hours', 'problemsSolved', 'projectsDone']
/** What a ranking row shows, the first being what it is ranked by. */
export const RANK_KEYS: readonly FigureKey[] = ['hours', 'activitiesHeld', 'wishesDone', 'ordersDone', 'problemsSolved']

export interface ReportFigure {
  key: FigureKey
  label: string
  value: number | null
  unit: string
}

export interface RankRow {
  rank: number
  id: string
  name: string
  values: Partial<Record<FigureKey, number | null>>
}

export interface LagRow {
  id: string
  name: string
  /** What is lagging, in words: `本月未开展活动`, `12人未达标`, `3单超时`. */
  why: string
}

export interface MonthlyReport {
  scopeId: string
  level: ScopeLevel
  month: string
  monthLabel: string
  title: string
  createdAt: Date | string
  totals: ReportFigure[]
  communities: RankRow[]
  units: RankRow[]
  lagging: { noActivity: LagRow[]; requirementNotMet: LagRow[]; overdueOrders: LagRow[] }
}

export interface ReportInput {
  scope: { id: string; name: string; level: ScopeLevel }
  month: string
  createdAt: Date
  doc: Partial<StatsDoc> | null
  communities: ReadonlyArray<{ id: string; name: string; doc: Partial<StatsDoc> | null }>
  /** The county's units with their members who met the year's requirement (tallies). */
  units: ReadonlyArray<{ id: string; name: string; doc: Partial<StatsDoc> | null; met: number }>
}

export const reportId = (scopeId: string, month: string) => `${scopeId}:${month}`

function ranked(rows: ReadonlyArray<{ id: string; name: string; doc: Partial<StatsDoc> | null }>, month: string): RankRow[] {
  const withValues = rows.map((r) => {
    const f = figuresOf(r.doc, [month])
    return { id: r.id, name: r.name, values: Object.fromEntries(RANK_KEYS.map((k) => [k, f[k]])) as RankRow['values'] }
  })
  withValues.sort((a, b) => (b.values.hours ?? 0) - (a.values.hours ?? 0) || (b.values.activitiesHeld ?? 0) - (a.values.activitiesHeld ?? 0) || a.name.localeCompare(b.name, 'zh-Hans-CN'))
  return withValues.map((r, i) => ({ rank: i + 1, ...r }))
}

export function buildMonthlyReport(input: ReportInput): MonthlyReport {
  const { scope, month } = input
  const totals = figuresOf(input.doc, [month])
  const held = (doc: Partial<StatsDoc> | null) => figuresOf(doc, [month]).activitiesHeld ?? 0
  const noActivity: LagRow[] = [
    ...input.communities.filter((c) => held(c.doc) === 0).map((c) => ({ id: c.id, name: c.name, why: '本月未开展活动' })),
    ...input.units.filter((u) => held(u.doc) === 0).map((u) => ({ id: u.id, name: u.name, why: '本月未开展共建活动' })),
  ]
  const requirementNotMet = input.units
    .map((u) => ({ u, n: notMetOf(figuresOf(u.doc, [month]).members ?? 0, u.met) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.u.name.localeCompare(b.u.name, 'zh-Hans-CN'))
    .map(({ u, n }) => ({ id: u.id, name: u.name, why: `${n}人未达年度要求` }))
  const overdueOrders = input.communities
    .map((c) => ({ c, n: figuresOf(c.doc, [month]).ordersOverdue ?? 0 }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .map(({ c, n }) => ({ id: c.id, name: c.name, why: `${n}单超时未办` }))
  return {
    scopeId: scope.id,
    level: scope.level,
    month,
    monthLabel: monthLabel(month),
    title: `${scope.name}${monthLabel(month)}党员双报到工作进度通报`,
    createdAt: input.createdAt,
    totals: REPORT_TOTAL_KEYS.map((key) => ({ key, label: FIGURES[key].label, unit: FIGURES[key].unit, value: totals[key] })),
    communities: ranked(input.communities, month),
    units: ranked(input.units, month),
    lagging: { noActivity, requirementNotMet, overdueOrders },
  }
}
