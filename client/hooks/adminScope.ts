import type { WhoAmI } from '@domain/api'
import type { ScopedRole } from '@domain/roles'

/** The roles that run part of the tree, most responsible last (the order of ROLE_KINDS). */
export const TREE_ADMIN_ROLES = ['community_admin', 'street_admin', 'county_admin'] as const

/**
 * The node the admin pages start from: the active role's scope when it is a county, street or
 * community admin, else the first such role the person holds; null for everyone else.
 */
export function adminScope(who: WhoAmI | null): ScopedRole | null {
  if (!who) return null
  const admin = (r: ScopedRole) => !!r.scopeId && (TREE_ADMIN_ROLES as readonly string[]).includes(r.kind)
  return who.roles.find((r) => admin(r) && r.kind === who.activeRole) ?? who.roles.find(admin) ?? null
}
