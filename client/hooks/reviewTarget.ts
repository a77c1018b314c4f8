import type { WhoAmI } from '@domain/api'
import type { PendingScope } from '@/services/registration'

export interface ReviewTarget {
  scope: PendingScope
  scopeId: string
  scopeName?: string
}

/**
 * Which list to review: `scope` and `scopeId` from the page URL (the home tile puts the active
 * role's there), else the active role itself: unit_admin → its unit, community_admin → its community.
 */
export function reviewTarget(params: Record<string, string>, who: WhoAmI | null): ReviewTarget | null {
  const fromRole = (kind: 'unit_admin' | 'community_admin', scopeId?: string) =>
    who?.roles.find((r) => r.kind === kind && (!scopeId || r.scopeId === scopeId))
  if ((params.scope === 'unit' || params.scope === 'community') && params.scopeId) {
    const role = fromRole(params.scope === 'unit' ? 'unit_admin' : 'community_admin', params.scopeId)
    return { scope: params.scope, scopeId: params.scopeId, scopeName: role?.scopeName }
  }
  const active = who?.roles.find((r) => r.kind === who.activeRole)
  if (!active?.scopeId) return null
  if (active.kind === 'unit_admin') return { scope: 'unit', scopeId: active.scopeId, scopeName: active.scopeName }
  if (active.kind === 'community_admin') return { scope: 'community', scopeId: active.scopeId, scopeName: active.scopeName }
  return null
}
