import type { MemberStateFilter } from '@domain/api'
import { membersArea } from '@domain/api/members'
import { areaCaller } from './transport'

const call = areaCaller(membersArea)

/** The admins' member lists (双报到 work lists): typed one-liners over the one transport. */

export const communityMembers = (communityId: string, state: MemberStateFilter = 'registered') =>
  call('members', 'communityMembers', { communityId, state })

/** 支部党员: the registered members of one compound (its branch, or whoever lists the community). */
export const compoundMembers = (compoundId: string) => call('members', 'compoundMembers', { compoundId })

export const unitMembers = (unitId: string) => call('members', 'unitMembers', { unitId })

export const pairedUnits = (communityId: string) => call('members', 'pairedUnits', { communityId })

export const searchMembers = (scope: 'community' | 'unit', scopeId: string, q: string) => call('members', 'search', { scope, scopeId, q })
