import type { ResidentTag, VisitInput, VisitRules } from '@domain/api/households'
import { householdsArea } from '@domain/api/households'
import { areaCaller } from './transport'

const call = areaCaller(householdsArea)

/** Households and visits (网格居民 · 楼栋居民 · 走访记录): typed one-liners over the one transport. */

/** One page of a place's households; `offset` from the previous page's `nextOffset`. */
export const listHouseholds = (placeId: string, filter: { overdue?: boolean; tag?: ResidentTag; offset?: number } = {}) => call('households', 'list', { placeId, ...filter })
export const householdPlaces = () => call('households', 'places', {})
export const getHousehold = (id: string) => call('households', 'get', { id })
type ResidentInput = { id?: string; name: string; tags: ResidentTag[]; phone?: string | null; birthYear?: number | null; note?: string }
export const createHousehold = (input: { buildingId: string; door: string; residents: ResidentInput[] }) => call('households', 'create', input)
export const updateHousehold = (id: string, residents: ResidentInput[]) => call('households', 'update', { id, residents })
export const recordVisit = (input: VisitInput) => call('households', 'recordVisit', input)
export const myVisits = (limit?: number) => call('households', 'myVisits', limit ? { limit } : {})
export const linkNeed = (visitId: string, index: number, kind: 'wish' | 'order', targetId: string) => call('households', 'linkNeed', { visitId, index, kind, targetId })
export const getVisitRules = (communityId: string) => call('households', 'getVisitRules', { communityId })
export const setVisitRules = (communityId: string, rules: VisitRules) => call('households', 'setVisitRules', { communityId, rules })
