import * as requirements from '@/services/requirements'
import { useRemote } from './useRemote'

/** The rules of the caller's county (or `countyId`'s). */
export function useRules(countyId?: string) {
  return useRemote(() => requirements.getRules(countyId), `rules:${countyId ?? ''}`)
}

/** The caller's own progress this year; a person without a registration gets a plain answer. */
export function useMyProgress() {
  return useRemote(() => requirements.myProgress(), 'my-progress')
}

/** One unit's progress; nothing to load until the unit is known. */
export function useUnitProgress(unitId: string | null) {
  return useRemote(() => requirements.unitProgress(unitId!), unitId ? `unit-progress:${unitId}` : null)
}
