/**
 * Phone numbers in exports. A file leaves the app and can be forwarded, so it shows less than the
 * screen: only the community admin of the row's own community, who phones residents and members
 * in the course of the work, gets full numbers; street and county admins (overview, statistics)
 * and units (whose members' numbers the unit already holds elsewhere) get 138****1234.
 */
import type { RoleGrant } from '../roles'
import { maskPhone } from '../privacy'

/** Whether `grants` may see full phone numbers of the community `communityId` in an export. */
export function exportShowsFullPhone(grants: readonly RoleGrant[], communityId: string | null | undefined): boolean {
  if (!communityId) return false
  return grants.some((g) => g.kind === 'community_admin' && g.scopeId === communityId)
}

/** The phone as an export shows it; a number the list already masked stays as it is. */
export function exportPhone(phone: string | null | undefined, full: boolean): string {
  if (!phone) return ''
  if (phone.includes('*')) return phone
  return full ? phone : (maskPhone(phone) ?? '')
}
