import { useCallback } from 'react'
import { pairedUnits } from '@/services/members'
import { pairUnit, unpairUnit } from '@/services/org'
import { options } from '@/services/registration'
import { useRemote } from './useRemote'

/**
 * A community's paired units (with their registered counts) and the units that could be paired
 * with it; `null` when the node shown is not a community.
 */
export function usePairings(communityId: string | null) {
  const paired = useRemote(() => pairedUnits(communityId!), communityId)
  const units = useRemote(async () => (await options(communityId!)).units, communityId)
  const pair = useCallback(
    async (unitId: string) => {
      await pairUnit(unitId, communityId!)
      await paired.reload()
    },
    [communityId, paired.reload],
  )
  const unpair = useCallback(
    async (unitId: string) => {
      await unpairUnit(unitId, communityId!)
      await paired.reload()
    },
    [communityId, paired.reload],
  )
  return { paired, units, pair, unpair }
}
