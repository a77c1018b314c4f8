import type { WhoAmI } from '@domain/api'
import { reviewTarget, type ReviewTarget } from './reviewTarget'

/**
 * Whose invitation to show: `kind` (community | unit) and `id` from the page URL, or `scope` and
 * `scopeId` as the home tile passes them, else the active role (unit_admin → its unit,
 * community_admin → its community). Same rules as the review list (reviewTarget).
 */
export function inviteTarget(params: Record<string, string>, who: WhoAmI | null): ReviewTarget | null {
  if ((params.kind === 'community' || params.kind === 'unit') && params.id) {
    return reviewTarget({ scope: params.kind, scopeId: params.id }, who)
  }
  return reviewTarget(params, who)
}
