/**
 * The county's figures (统计) as counters: what each figure counts, its label, and the periods
 * they are kept for. A counter document is one scope (county, street, community, unit) for one
 * period: a China-time month (`m2026-12`) or everything since the start (`all`). Every change of
 * a counted record moves the month of the change and `all` by the same amounts, so "this
 * quarter" is three month documents added up and "now" (members registered, orders overdue) is
 * the `all` document. Nothing here reads wishes, orders or hours: docs/statistics.md.
 */
import { chinaWallClock } from '../time'

/** Counted when something happens (in the month it happened). */
export const FLOW_METRICS = [
  'registered',
  'wishesSubmitted',
  'wishesReviewed',
  'wishesLit',
  'wishesDone',
  'ordersPlaced',
  'ordersDone',
  'ordersEscalated',
  'ratingCount',
  'ratingSum',
  'activitiesHeld',
  'hoursTenths',
  'problemsReported',
  'problemsSolved',
  'proposals',
  'proposalsAdopted',
  'projects',
  'projectsDone',
] as const

/** Counted while something is so (members registered now): their month figure is the net change of that month. */
export const GAUGE_METRICS = ['members', 'membersPending', 'ordersOverdue', 'pairs'] as const

export type FlowMetric = (typeof FLOW_METRICS)[number]
export type GaugeMetric = (typeof GAUGE_METRICS)[number]
export type Metric = FlowMetric | GaugeMetric
export const METRICS: readonly Metric[] = [...FLOW_METRICS, ...GAUGE_METRICS]

export type Metrics = Partial<Record<Metric, number>>

export const METRIC_LABELS: Record<Metric, string> = {
  registered: '新报到党员',
  wishesSubmitted: '收集心愿',
  wishesReviewed: '审核心愿',
  wishesLit: '点亮心愿',
  wishesDone: '完成心愿',
  ordersPlaced: '居民点单',
  ordersDone: '完成点单',
  ordersEscalated: '超时点单',
  ratingCount: '评价数',
  ratingSum: '评价星数',
  activitiesHeld: '开展活动',
  hoursTenths: '服务时长',
  problemsReported: '发现问题',
  problemsSolved: '解决问题',
  proposals: '微提案',
  proposalsAdopted: '采纳提案',
  projects: '微实事计划',
  projectsDone: '微实事完成',
  members: '报到党员',
  membersPending: '待审核报到',
  ordersOverdue: '当前超时点单',
  pairs: '结对单位',
}

export const SCOPE_LEVELS = ['county', 'street', 'community', 'unit'] as const
export type ScopeLevel = (typeof SCOPE_LEVELS)[number]

/** Where a counted record counts: its county, street and community (lineage order), and a unit. */
export interface ScopeRef {
  id: string
  level: ScopeLevel
  /** The scope one level up (a unit's: its county); null for a county. */
  parentId: string | null
}

/**
 * A scope's counter document (`stats`, `_id` = the scope's id): `all` since the start, and per
 * year per month (`y2026.m12`). One document per scope, so one change is one update of the few
 * scopes it counts in, and a dashboard reads one document per scope it shows.
 */
export interface StatsDoc {
  _id: string
  level: ScopeLevel
  parentId: string | null
  all?: Metrics
  [year: `y${number}`]: Partial<Record<`m${string}`, Metrics>> | undefined
}

export const ALL_TIME = 'all'

/** Where a period's counters sit in a scope's document: `all`, or `y2026.m12` for `m2026-12`. */
export function periodPath(period: string): string {
  if (period === ALL_TIME) return ALL_TIME
  const [y, m] = period.slice(1).split('-')
  return `y${y}.m${m}`
}

/** A period's counters read from a scope's document. */
export function periodMetrics(doc: Partial<StatsDoc> | undefined | null, period: string): Metrics {
  if (!doc) return {}
  if (period === ALL_TIME) return metricsOf(doc.all)
  const [y, m] = period.slice(1).split('-')
  const year = (doc as Record<string, Record<string, Metrics> | undefined>)[`y${y}`]
  return metricsOf(year?.[`m${m}`])
}

/** The counters of several months added up (a quarter, a year). */
export function sumPeriods(doc: Partial<StatsDoc> | undefined | null, periods: readonly string[]): Metrics {
  const out: Metrics = {}
  for (const p of periods) addMetrics(out, periodMetrics(doc, p))
  return out
}

/** The month (China time) an instant counts in: `m2026-12`. */
export function monthKey(at: Date): string {
  const local = chinaWallClock(at)
  return `m${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`
}

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]
export const PERIOD_LABELS: Record<PeriodKind, string> = { month: '本月', quarter: '本季度', year: '本年' }

/** The months of the month, quarter or year holding `at` (China time) so far, oldest first. */
export function periodMonths(kind: PeriodKind, at: Date): string[] {
  const local = chinaWallClock(at)
  const year = local.getUTCFullYear()
  const month = local.getUTCMonth() // 0-based
  // Up to the month holding `at`: the months still to come have nothing counted yet.
  const first = kind === 'month' ? month : kind === 'quarter' ? month - (month % 3) : 0
  const out: string[] = []
  for (let m = first; m <= month; m++) out.push(`m${year}-${String(m + 1).padStart(2, '0')}`)
  return out
}

/** The month before `at`'s month, e.g. the report the 1st of December builds is for November. */
export function previousMonthKey(at: Date): string {
  const local = chinaWallClock(at)
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth() // 0-based current month
  return m === 0 ? `m${y - 1}-12` : `m${y}-${String(m).padStart(2, '0')}`
}

/** `m2026-11` → `2026年11月`. */
export function monthLabel(key: string): string {
  const [y, m] = key.slice(1).split('-')
  return `${y}年${Number(m)}月`
}

/** Adds b into a (in place); zero entries are dropped. */
export function addMetrics(a: Metrics, b: Metrics, sign = 1): Metrics {
  for (const [k, v] of Object.entries(b) as [Metric, number][]) {
    const next = (a[k] ?? 0) + sign * v
    if (next === 0) delete a[k]
    else a[k] = next
  }
  return a
}

/** The counters of a stored object (or none) as plain metrics. */
export function metricsOf(doc: Metrics | undefined | null): Metrics {
  const out: Metrics = {}
  if (!doc) return out
  for (const m of METRICS) {
    const v = doc[m]
    if (typeof v === 'number' && v !== 0) out[m] = v
  }
  return out
}
