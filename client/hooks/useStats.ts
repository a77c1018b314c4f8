import type { PeriodKind } from '@domain/stats/metrics'
import * as stats from '@/services/stats'
import { useRemote } from './useRemote'

/**
 * The dashboard of a scope (omitted: the caller's widest) for 本月 / 本季度 / 本年. A new period
 * or scope asks again; the figures already shown stay until the answer comes.
 */
export function useDashboard(scopeId: string | undefined, period: PeriodKind) {
  return useRemote(() => stats.dashboard(scopeId, period), `dashboard:${scopeId ?? ''}:${period}`)
}

/** The past 进度通报 of a county or street (omitted: the caller's widest), newest first. */
export function useReports(scopeId: string | undefined) {
  return useRemote(() => stats.reports(scopeId), `reports:${scopeId ?? ''}`)
}

/** One 进度通报; nothing to load until its id is known. */
export function useReport(id: string | null) {
  return useRemote(() => stats.report(id!), id ? `report:${id}` : null)
}
