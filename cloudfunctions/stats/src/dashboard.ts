/**
 * The dashboard of one scope: the caller, the scope (a node or a unit), its counters, the
 * counters and names one level down, the met tallies and the roll-up's watermark, all in ONE
 * aggregation (server/kit callerWith). Nothing here reads wishes, orders or hours: the cost is
 * the number of child scopes (streets, communities, units), never the data they hold.
 */
import { byId, callerWith, chinaYear, findCaller, type ActionContext } from '../../../server/kit'
import type { BreakdownRow, Dashboard, DashboardInput, ScopeCrumb } from '../../../domain/api/stats'
import { DomainError } from '../../../domain/errors'
import type { OrgNode, Unit } from '../../../domain/org'
import { can, authorize, type Target } from '../../../domain/permissions'
import type { RoleGrant } from '../../../domain/roles'
import { BREAKDOWN_KEYS, FIGURES, FIGURE_KEYS, LEVEL_LABELS, TREND_KEYS, figuresOf, lastMonths, notMetOf, unitsWithoutActivity, type FigureKey } from '../../../domain/stats/dashboard'
import { monthKey, monthLabel, PERIOD_LABELS, periodMonths, type PeriodKind, type ScopeLevel, type StatsDoc } from '../../../domain/stats/metrics'

const MAX_CHILDREN = 1000
const SCOPE_LEVEL: Record<string, ScopeLevel | undefined> = { county: 'county', street: 'street', community: 'community' }
/** The widest scope first: a person holding several roles opens the widest. */
const ADMIN_ORDER = ['county_admin', 'street_admin', 'community_admin', 'unit_admin'] as const

/** The scope a caller's dashboard opens on when none is named: their widest administered scope. */
export function defaultScopeOf(grants: readonly RoleGrant[]): string | null {
  for (const kind of ADMIN_ORDER) {
    const g = grants.find((r) => r.kind === kind && r.scopeId)
    if (g?.scopeId) return g.scopeId
  }
  return null
}

export interface ScopeRead {
  grants: RoleGrant[]
  scope: ScopeCrumb & { countyId: string | null; lineage: string[] }
  doc: Partial<StatsDoc> | null
  childDocs: Partial<StatsDoc>[]
  childNodes: Pick<OrgNode, '_id' | 'name' | 'kind'>[]
  units: Pick<Unit, '_id' | 'name'>[]
  pathNodes: Pick<OrgNode, '_id' | 'name' | 'kind' | 'path'>[]
  met: number
  asOf: Date | null
}

/** Reads everything a dashboard (or its export) shows, and checks the caller may view it. */
export async function readScope(ctx: ActionContext, scopeId: string | undefined): Promise<ScopeRead> {
  let id = scopeId
  if (!id) {
    // No scope named: the caller first (one more round trip), then their widest scope.
    const caller = await findCaller(ctx)
    id = defaultScopeOf(caller?.roles ?? []) ?? undefined
    if (!id) throw new DomainError('STATS.NO_SCOPE')
  }
  const year = chinaYear(ctx.now)
  const { caller, found } = await callerWith(ctx, {
    node: byId('org_nodes', id),
    unit: byId('units', id),
    doc: byId('stats', id),
    meta: byId('stats_meta', 'rollup'),
    childDocs: { from: 'stats', match: { parentId: id }, limit: MAX_CHILDREN },
    childNodes: { from: 'org_nodes', match: { parentId: id }, limit: MAX_CHILDREN, project: { name: true, kind: true } },
    units: { from: 'units', match: { countyId: id }, limit: MAX_CHILDREN, project: { name: true } },
    // Every county and street (tens of them): the names of the scope's ancestors, for the way back up.
    upper: { from: 'org_nodes', match: { kind: ctx.db.command.in(['county', 'street']) }, limit: MAX_CHILDREN, project: { name: true, kind: true, path: true } },
    countyMet: { from: 'tallies', match: { kind: 'member', countyId: id, year, met: true }, count: true },
    unitMet: { from: 'tallies', match: { kind: 'member', unitId: id, year, met: true }, count: true },
  })
  const grants = caller?.roles ?? []
  const node = found.node[0] as OrgNode | undefined
  const unit = found.unit[0] as Unit | undefined
  let scope: ScopeRead['scope']
  let target: Target
  if (node) {
    const level = SCOPE_LEVEL[node.kind]
    if (!level) throw new DomainError('STATS.NOT_A_SCOPE')
    const lineage = [...node.path, node._id]
    scope = { id: node._id, name: node.name, level, countyId: lineage[0] ?? null, lineage }
    target = { kind: 'org', lineage }
  } else if (unit) {
    scope = { id: unit._id, name: unit.name, level: 'unit', countyId: unit.countyId, lineage: [] }
    target = { kind: 'unit', unitId: unit._id, countyId: unit.countyId }
  } else throw new DomainError('STATS.UNKNOWN_SCOPE')
  authorize(grants, 'stats.view', target)
  const count = (rows: any[]) => (rows[0] as { n?: number } | undefined)?.n ?? 0
  const meta = found.meta[0] as { upTo?: Date | string } | undefined
  return {
    grants,
    scope,
    doc: (found.doc[0] as StatsDoc | undefined) ?? null,
    childDocs: found.childDocs as StatsDoc[],
    childNodes: found.childNodes,
    units: scope.level === 'county' ? found.units : [],
    pathNodes: found.upper,
    met: scope.level === 'county' ? count(found.countyMet) : scope.level === 'unit' ? count(found.unitMet) : 0,
    asOf: meta?.upTo ? new Date(meta.upTo) : null,
  }
}

function pick(values: Record<FigureKey, number | null>, keys: readonly FigureKey[]): Partial<Record<FigureKey, number | null>> {
  return Object.fromEntries(keys.map((k) => [k, values[k]]))
}

/** What the dashboard shows, from what readScope read. */
export function dashboardOf(read: ScopeRead, period: PeriodKind, now: Date): Dashboard {
  const { scope } = read
  const months = periodMonths(period, now)
  const quarter = periodMonths('quarter', now)
  const docs = new Map(read.childDocs.map((d) => [d._id as string, d]))
  const unitDocs = read.units.map((u) => docs.get(u._id) ?? {})
  const members = figuresOf(read.doc, months).members ?? 0
  const extra =
    scope.level === 'county'
      ? { notMet: notMetOf(members, read.met), unitsNoActivity: unitsWithoutActivity(unitDocs, quarter) }
      : scope.level === 'unit'
        ? { notMet: notMetOf(members, read.met), unitsNoActivity: unitsWithoutActivity([read.doc ?? {}], quarter) }
        : {}
  const figures = figuresOf(read.doc, months, extra)
  const shown = FIGURE_KEYS.filter((k) => figures[k] !== null || k === 'notMet' || k === 'unitsNoActivity')

  const rowOf = (id: string, name: string, level: ScopeLevel): BreakdownRow => ({ id, name, level, drill: true, values: pick(figuresOf(docs.get(id), months), BREAKDOWN_KEYS) })
  const breakdowns: Dashboard['breakdowns'] = []
  const below = read.childNodes.filter((n) => (scope.level === 'county' && n.kind === 'street') || (scope.level === 'street' && n.kind === 'community'))
  if (below.length > 0) {
    const level: ScopeLevel = scope.level === 'county' ? 'street' : 'community'
    breakdowns.push({ title: `各${LEVEL_LABELS[level]}`, level, rows: below.map((n) => rowOf(n._id, n.name, level)) })
  }
  if (read.units.length > 0) breakdowns.push({ title: '各单位', level: 'unit', rows: read.units.map((u) => rowOf(u._id, u.name, 'unit')) })

  // The way back up: every ancestor the caller may view too (a community admin's path is their community).
  const path: ScopeCrumb[] = []
  const byIdNode = new Map(read.pathNodes.map((n) => [n._id, n]))
  const above = scope.level === 'unit' ? (scope.countyId ? [scope.countyId] : []) : scope.lineage.slice(0, -1)
  for (const ancestorId of above) {
    const n = byIdNode.get(ancestorId)
    const level = n ? SCOPE_LEVEL[n.kind] : undefined
    if (n && level && can(read.grants, 'stats.view', { kind: 'org', lineage: [...n.path, n._id] })) path.push({ id: n._id, name: n.name, level })
  }
  path.push({ id: scope.id, name: scope.name, level: scope.level })

  return {
    scope: { id: scope.id, name: scope.name, level: scope.level, levelLabel: LEVEL_LABELS[scope.level] },
    path,
    period,
    periodLabel: PERIOD_LABELS[period],
    months,
    asOf: read.asOf ? read.asOf.toISOString() : null,
    figures: shown.map((key) => ({ key, label: FIGURES[key].label, unit: FIGURES[key].unit, value: figures[key] })),
    columns: BREAKDOWN_KEYS.map((key) => ({ key, label: FIGURES[key].label, unit: FIGURES[key].unit })),
    breakdowns,
    trend: lastMonths(monthKey(now)).map((month) => ({ month, label: monthLabel(month).slice(5), values: pick(figuresOf(read.doc, [month]), TREND_KEYS) })),
  }
}

export async function dashboard(input: DashboardInput, ctx: ActionContext): Promise<Dashboard> {
  const read = await readScope(ctx, input.scopeId)
  return dashboardOf(read, input.period ?? 'month', ctx.now)
}
