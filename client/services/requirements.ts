import type { RequirementRules } from '@domain/requirements'
import { requirementsArea } from '@domain/api/requirements'
import { areaCaller } from './transport'

const call = areaCaller(requirementsArea)

/** Yearly requirements (年度要求): typed one-liners over the one transport. */

export const getRules = (countyId?: string) => call('requirements', 'getRules', countyId ? { countyId } : {})

export const setRules = (countyId: string, rules: RequirementRules) => call('requirements', 'setRules', { countyId, rules })

export const myProgress = () => call('requirements', 'myProgress', {})

export const unitProgress = (unitId: string) => call('requirements', 'unitProgress', { unitId })
