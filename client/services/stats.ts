import { statsArea, type DashboardInput } from '@domain/api/stats'
import type { ExportAnswer } from '@domain/api/filtersOf'
import type { PeriodKind } from '@domain/stats/metrics'
import { areaCaller } from './transport'
import { openExportFile } from './exportFile'

const call = areaCaller(statsArea)

/** Statistics (全县统计 · 进度通报): typed one-liners over the one transport, used by the admin subpackage only. */

/** Only the keys that have a value: an omitted scope means the caller's widest (the function decides). */
function dashboardInput(scopeId: string | undefined, period: PeriodKind): DashboardInput {
  return scopeId ? { scopeId, period } : { period }
}

export const dashboard = (scopeId: string | undefined, period: PeriodKind) => call('stats', 'dashboard', dashboardInput(scopeId, period))

/** 导出 Excel of the dashboard's tables for this scope and period; the file is then opened or saved like every export. */
export async function exportDashboard(scopeId: string | undefined, period: PeriodKind): Promise<ExportAnswer> {
  const answer = await call('stats', 'exportDashboard', dashboardInput(scopeId, period))
  await openExportFile(answer)
  return answer
}

export const reports = (scopeId?: string) => call('stats', 'reports', scopeId ? { scopeId } : {})

export const report = (id: string) => call('stats', 'report', { id })
