/**
 * The figures a dashboard shows, each computed from a scope's counter document (metrics.ts) for
 * the months of a period. Flows (activities held, wishes lit) add up the months; gauges (members,
 * orders overdue now, pairings) are what holds now, from `all`. Two figures are not counters:
 * members who have not met the year's requirement (members − tallies `met`, where tallies are
 * kept per county and unit) and units without a co-building activity this quarter (the units'
 * own counters); a scope that cannot count one shows null ("—").
 */
import { ALL_TIME, periodMetrics, sumPeriods, type Metrics, type ScopeLevel, type StatsDoc } from './metrics'

export const FIGURE_KEYS = [
  'pairs',
  'members',
  'membersPending',
  'registered',
  'activitiesHeld',
  'wishesReviewed',
  'wishesLit',
  'wishesDone',
  'ordersDone',
  'ordersOverdue',
  'avgRating',
  'hours',
  'problemsSolved',
  'projects',
  'projectsDone',
  'notMet',
  'unitsNoActivity',
] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

export const FIGURES: Record<FigureKey, { label: string; unit: string }> = {
  pairs: { label: '结对单位', unit: '个' },
  members: { label: '报到党员', unit: '人' },
  membersPending: { label: '待审核报到', unit: '人' },
  registered: { label: '新报到党员', unit: '人' },
  activitiesHeld: { label: '开展活动', unit: '场' },
  wishesReviewed: { label: '审核心愿', unit: '个' },
  wishesLit: { label: '点亮心愿', unit: '个' },
  wishesDone: { label: '完成心愿', unit: '个' },
  ordersDone: { label: '完成点单', unit: '单' },
  ordersOverdue: { label: '当前超时点单', unit: '单' },
  avgRating: { label: '点单平均评价', unit: '星' },
  hours: { label: '服务时长', unit: '小时' },
  problemsSolved: { label: '解决问题', unit: '个' },
  projects: { label: '微实事计划', unit: '项' },
  projectsDone: { label: '微实事完成', unit: '项' },
  notMet: { label: '年度未达标党员', unit: '人' },
  unitsNoActivity: { label: '本季度未开展共建单位', unit: '个' },
}

/** The columns of a breakdown table (one level down), in order. */
export const BREAKDOWN_KEYS: readonly FigureKey[] = ['members', 'registered', 'activitiesHeld', 'wishesLit', 'wishesDone', 'ordersDone', 'ordersOverdue', 'avgRating', 'hours', 'problemsSolved']

/** The figures a trend bar shows per month. */
export const TREND_KEYS: readonly FigureKey[] = ['activitiesHeld', 'wishesLit', 'ordersDone', 'hours']

export const LEVEL_LABELS: Record<ScopeLevel, string> = { county: '县', street: '街道', community: '社区', unit: '单位' }

const round1 = (n: number) => Math.round(n * 10) / 10

/** The figures of one counter document for some months. `extra`: the two figures that are not counters, where known. */
export function figuresOf(doc: Partial<StatsDoc> | null | undefined, months: readonly string[], extra: { notMet?: number | null; unitsNoActivity?: number | null } = {}): Record<FigureKey, number | null> {
  const flow: Metrics = sumPeriods(doc, months)
  const now: Metrics = periodMetrics(doc, ALL_TIME)
  const n = (v: number | undefined) => v ?? 0
  return {
    pairs: n(now.pairs),
    members: n(now.members),
    membersPending: n(now.membersPending),
    registered: n(flow.registered),
    activitiesHeld: n(flow.activitiesHeld),
    wishesReviewed: n(flow.wishesReviewed),
    wishesLit: n(flow.wishesLit),
    wishesDone: n(flow.wishesDone),
    ordersDone: n(flow.ordersDone),
    ordersOverdue: n(now.ordersOverdue),
    avgRating: flow.ratingCount ? round1(n(flow.ratingSum) / flow.ratingCount) : null,
    hours: round1(n(flow.hoursTenths) / 10),
    problemsSolved: n(flow.problemsSolved),
    projects: n(flow.projects),
    projectsDone: n(flow.projectsDone),
    notMet: extra.notMet ?? null,
    unitsNoActivity: extra.unitsNoActivity ?? null,
  }
}

/** Members who have not met the year's requirement: registered members without a `met` tally (never below 0). */
export function notMetOf(members: number, met: number): number {
  return Math.max(0, members - met)
}

/** How many of these unit counter documents show no activity held in the months (a quarter). */
export function unitsWithoutActivity(units: readonly Partial<StatsDoc>[], quarterMonths: readonly string[]): number {
  return units.filter((u) => !sumPeriods(u, quarterMonths).activitiesHeld).length
}

/** Sorts breakdown rows by one figure (nulls last), ties by name: what a tap on a column header does. */
export function sortRows<R extends { name: string; values: Partial<Record<FigureKey, number | null>> }>(rows: readonly R[], key: FigureKey | 'name', dir: 'asc' | 'desc'): R[] {
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * a.name.localeCompare(b.name, 'zh-Hans-CN')
    const x = a.values[key]
    const y = b.values[key]
    if (x == null && y == null) return a.name.localeCompare(b.name, 'zh-Hans-CN')
    if (x == null) return 1
    if (y == null) return -1
    return x === y ? a.name.localeCompare(b.name, 'zh-Hans-CN') : sign * (x - y)
  })
}

/** The six months up to and including `month` (`m2026-12`), oldest first. */
export function lastMonths(month: string, count = 6): string[] {
  const [y, m] = month.slice(1).split('-').map(Number)
  const out: string[] = []
  for (let i = count - 1; i >= 0; i--) {
    const total = y * 12 + (m - 1) - i
    out.push(`m${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`)
  }
  return out
}
