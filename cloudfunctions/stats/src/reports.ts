/**
 * Monthly progress reports (进度通报): built by the `monthlyReport` timer on the 1st for the month
 * before, one per county and street, from counters only (domain/stats/report.ts), stored once in
 * `stats_reports` (`_id` = scope:month) so a report stays as it was published. A rerun of the
 * timer, or a second instance, adds nothing: the insert of an existing id is refused.
 */
import { addDoc, byId, callerWith, getDocs, isDuplicateKeyError, scanAll, type ActionContext, type Database } from '../../../server/kit'
import type { ReportSummary } from '../../../domain/api/stats'
import { DomainError } from '../../../domain/errors'
import type { OrgNode, Unit } from '../../../domain/org'
import { authorize } from '../../../domain/permissions'
import { monthLabel, previousMonthKey, type StatsDoc } from '../../../domain/stats/metrics'
import { buildMonthlyReport, reportId, type MonthlyReport } from '../../../domain/stats/report'
import { defaultScopeOf } from './dashboard'

export const REPORTS = 'stats_reports'

/** As stored: with the scope's name and lineage (county first), which the permission check reads. */
type StoredReport = MonthlyReport & { _id: string; scopeName: string; lineage: string[] }

/** Builds and stores the reports of `month` (default: the month before `now`) for every county and street. */
export async function buildReports(db: Database, now: Date, month = previousMonthKey(now)): Promise<{ month: string; written: string[]; existing: string[] }> {
  const nodes: OrgNode[] = []
  await scanAll<OrgNode>(db, 'org_nodes', (page) => nodes.push(...page), { kind: db.command.in(['county', 'street', 'community']) })
  const units: Unit[] = []
  await scanAll<Unit>(db, 'units', (page) => units.push(...page))
  const docs = new Map<string, StatsDoc>()
  await scanAll<StatsDoc>(db, 'stats', (page) => page.forEach((d) => docs.set(d._id, d)))
  const year = Number(month.slice(1, 5))
  const metByUnit = new Map<string, number>()
  const { list } = await (db.collection('tallies') as unknown as { aggregate(): any })
    .aggregate()
    .match({ kind: 'member', year, met: true })
    .group({ _id: '$unitId', n: { $sum: 1 } })
    // An aggregation without a limit answers 20 rows (CloudBase's default): one row per unit.
    .limit(10_000)
    .end()
  for (const g of list as { _id: string | null; n: number }[]) if (g._id) metByUnit.set(g._id, g.n)

  const written: string[] = []
  const existing: string[] = []
  for (const scope of nodes.filter((n) => n.kind === 'county' || n.kind === 'street')) {
    const communities = nodes.filter((n) => n.kind === 'community' && n.path.includes(scope._id))
    const ofCounty = scope.kind === 'county' ? units.filter((u) => u.countyId === scope._id) : []
    const report = buildMonthlyReport({
      scope: { id: scope._id, name: scope.name, level: scope.kind === 'county' ? 'county' : 'street' },
      month,
      createdAt: now,
      doc: docs.get(scope._id) ?? null,
      communities: communities.map((c) => ({ id: c._id, name: c.name, doc: docs.get(c._id) ?? null })),
      units: ofCounty.map((u) => ({ id: u._id, name: u.name, doc: docs.get(u._id) ?? null, met: metByUnit.get(u._id) ?? 0 })),
    })
    const id = reportId(scope._id, month)
    try {
      await addDoc(db.collection(REPORTS), { _id: id, scopeName: scope.name, lineage: [...scope.path, scope._id], ...report })
      written.push(id)
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
      existing.push(id)
    }
  }
  return { month, written, existing }
}

const summaryOf = (r: StoredReport): ReportSummary => ({
  id: r._id,
  scopeId: r.scopeId,
  scopeName: r.scopeName,
  level: r.level,
  month: r.month,
  monthLabel: monthLabel(r.month),
  createdAt: new Date(r.createdAt).toISOString(),
})

/** The reports of a county or street the caller may view (default: their widest), newest first: 2 round trips at most. */
export async function listReports(input: { scopeId?: string }, ctx: ActionContext): Promise<{ items: ReportSummary[] }> {
  let id = input.scopeId
  const { caller, found } = await callerWith(ctx, id ? { node: byId('org_nodes', id) } : ({} as Record<'node', never>))
  const grants = caller?.roles ?? []
  if (!id) {
    id = defaultScopeOf(grants.filter((g) => g.kind === 'county_admin' || g.kind === 'street_admin')) ?? undefined
    if (!id) throw new DomainError('STATS.NO_SCOPE')
    found.node = await getDocs(ctx.db.collection('org_nodes').where({ _id: id }).limit(1))
  }
  const node = found.node[0] as OrgNode | undefined
  if (!node) throw new DomainError('STATS.UNKNOWN_SCOPE')
  if (node.kind !== 'county' && node.kind !== 'street') throw new DomainError('STATS.NOT_A_SCOPE')
  authorize(grants, 'stats.view', { kind: 'org', lineage: [...node.path, node._id] })
  const docs = await getDocs<StoredReport>(ctx.db.collection(REPORTS).where({ scopeId: id }).orderBy('month', 'desc').limit(36))
  return { items: docs.map(summaryOf) }
}

/** One report, for whoever may view its scope: one round trip. */
export async function getReport({ id }: { id: string }, ctx: ActionContext): Promise<MonthlyReport & { id: string; scopeName: string }> {
  const { caller, found } = await callerWith(ctx, { report: byId(REPORTS, id) })
  const stored = found.report[0] as StoredReport | undefined
  if (!stored) throw new DomainError('STATS.REPORT_NOT_FOUND')
  authorize(caller?.roles ?? [], 'stats.view', { kind: 'org', lineage: stored.lineage })
  const { _id, lineage: _lineage, ...report } = stored
  return { ...report, id: _id, createdAt: new Date(stored.createdAt).toISOString() }
}
