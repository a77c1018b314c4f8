import { useCallback } from 'react'
import type { RoleHolder } from '@domain/api'
import type { RoleKind } from '@domain/roles'
import { findPeople, grantRole, listRoleHolders, revokeRole } from '@/services/org'
import { useRemote } from './useRemote'

/** Who holds which roles at a node and below, with grant and revoke that reload the list. */
export function useRoleHolders(nodeId: string | null) {
  const holders = useRemote(() => listRoleHolders(nodeId!), nodeId)
  const grant = useCallback(
    async (userId: string, kind: RoleKind) => {
      const change = await grantRole({ userId, kind, scopeId: nodeId! })
      await holders.reload()
      return change
    },
    [nodeId, holders.reload],
  )
  const revoke = useCallback(
    async (holder: RoleHolder) => {
      const change = await revokeRole({ userId: holder.userId, kind: holder.kind, scopeId: holder.scopeId })
      await holders.reload()
      return change
    },
    [holders.reload],
  )
  const search = useCallback((q: string) => findPeople(nodeId!, q), [nodeId])
  /** 单位管理员 of a unit of the county shown: found among the unit's members, granted on the unit. */
  const searchUnit = useCallback((unitId: string, q: string) => findPeople(unitId, q, 'unit'), [])
  const grantUnitAdmin = useCallback(
    async (unitId: string, userId: string) => {
      const change = await grantRole({ userId, kind: 'unit_admin', scopeId: unitId })
      await holders.reload()
      return change
    },
    [holders.reload],
  )
  return { holders, grant, revoke, search, searchUnit, grantUnitAdmin }
}
