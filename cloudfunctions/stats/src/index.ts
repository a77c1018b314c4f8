/**
 * Statistics (全县统计 · 全街道统计 · 进度通报): dashboards read from the counters in one
 * aggregation, monthly reports, the dashboard as .xlsx; and the three timers that keep the
 * counters: `rollup` (every 5 minutes, server/kit/statsRollup.ts), `recount` (nightly at 02:30,
 * repairs and reports drift), `monthlyReport` (the 1st at 01:00). docs/statistics.md.
 */
import { addDoc, appendAudit, database, defineArea, findCaller, now as clockNow, recountStats, rollupStats, withTimers, type ActionContext } from '../../../server/kit'
import { writeXlsxExport } from '../../../server/kit/exportFile'
import { statsArea, type DashboardInput } from '../../../domain/api/stats'
import { chinaDay, exportAuditRecord } from '../../../domain/exports'
import { LEVEL_LABELS } from '../../../domain/stats/dashboard'
import type { UserRecord } from '../../../domain/users'
import { dashboard, dashboardOf, readScope } from './dashboard'
import { buildReports, getReport, listReports } from './reports'

/** The dashboard's tables as one sheet: the scope's own line (合计) first, then every breakdown row. */
async function exportDashboard(input: DashboardInput, ctx: ActionContext) {
  const read = await readScope(ctx, input.scopeId)
  const d = dashboardOf(read, input.period ?? 'month', ctx.now)
  const columns = [{ header: '名称', width: 18 }, { header: '层级', width: 8 }, ...d.columns.map((c) => ({ header: `${c.label}（${c.unit}）`, width: 14 }))]
  const own = Object.fromEntries(d.figures.map((f) => [f.key, f.value]))
  const rows = [
    [`${d.scope.name}（合计）`, d.scope.levelLabel, ...d.columns.map((c) => own[c.key] ?? '')],
    ...d.breakdowns.flatMap((b) => b.rows.map((r) => [r.name, LEVEL_LABELS[r.level], ...d.columns.map((c) => r.values[c.key] ?? '')])),
  ]
  const file = await writeXlsxExport(ctx, { name: `${d.scope.name}统计${d.periodLabel}_${chinaDay(ctx.now)}`, sheet: '统计', columns, rows })
  const caller = await findCaller<UserRecord>(ctx)
  await addDoc(
    ctx.db.collection('exports_audit'),
    exportAuditRecord({ by: caller?._id ?? ctx.identity.openid, byName: caller?.name ?? '', list: 'stats.dashboard', filters: input, rows: file.rows, fullPhones: false, fileId: file.fileId, name: file.name, at: ctx.now }),
  )
  return { fileId: file.fileId, url: file.url, rows: file.rows, name: file.name }
}

const requests = defineArea(statsArea, {
  /** 1 round trip with a scope named, 2 without (the caller first, for their widest scope). */
  dashboard,
  exportDashboard,
  reports: listReports,
  report: getReport,
})

export const main = withTimers<unknown>(requests, {
  rollup: () => rollupStats(database(), clockNow()),
  recount: async () => {
    const db = database()
    const result = await recountStats(db, { repair: true })
    // Drift means a roll-up was lost (a crash after its claim) or a write bypassed the history: on the audit trail, so it is seen.
    if (result.drift.length > 0) {
      const shown = result.drift.slice(0, 20).map((d) => `${d.id} ${d.metric}: ${d.stored}→${d.counted}`)
      await appendAudit(db, { entity: 'stats', entityId: 'recount', action: 'repair', by: 'system', from: null, to: `${result.repaired} documents`, at: clockNow(), reason: `${result.drift.length} counters drifted: ${shown.join('; ')}` })
      console.warn('[stats] recount repaired drift', result.drift.slice(0, 200))
    }
    return { documents: result.documents, drift: result.drift.length, repaired: result.repaired }
  },
  monthlyReport: () => buildReports(database(), clockNow()),
})
