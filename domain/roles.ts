/**
 * Roles a person can hold. Every role except `resident` is scoped to one node of the
 * organisation tree (or to a unit); one person may hold several and switches between them.
 */
export const ROLE_KINDS = [
  'resident',
  'member',
  'caring_citizen',
  'building_head',
  'grid_worker',
  'branch_admin',
  'community_admin',
  'unit_admin',
  'street_admin',
  'county_admin',
] as const

export type RoleKind = (typeof ROLE_KINDS)[number]

export const ROLE_LABELS: Record<RoleKind, string> = {
  resident: '居民',
  member: '在职党员',
  caring_citizen: '爱心市民',
  building_head: '楼栋长',
  grid_worker: '网格员',
  branch_admin: '支部管理员',
  community_admin: '社区管理员',
  unit_admin: '单位管理员',
  street_admin: '街道管理员',
  county_admin: '县级管理员',
}

export const SCOPE_KINDS = ['county', 'street', 'community', 'compound', 'grid', 'building', 'unit'] as const
export type ScopeKind = (typeof SCOPE_KINDS)[number]

/** Which kind of node each role is scoped to; `null` means the role is not scoped. */
export const ROLE_SCOPE: Record<RoleKind, ScopeKind | null> = {
  resident: null,
  member: 'community',
  caring_citizen: null,
  building_head: 'building',
  grid_worker: 'grid',
  branch_admin: 'compound',
  community_admin: 'community',
  unit_admin: 'unit',
  street_admin: 'street',
  county_admin: 'county',
}

export interface RoleGrant {
  kind: RoleKind
  /** Id of the org node or unit the role applies to; absent for unscoped roles. */
  scopeId?: string
}

export interface ScopedRole extends RoleGrant {
  label: string
  scopeName?: string
}

/** Everyone is a resident; stored grants add to that. Duplicates collapse. */
export function effectiveRoles(grants: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>()
  const out: RoleGrant[] = []
  for (const g of [{ kind: 'resident' as const }, ...grants]) {
    const key = `${g.kind}:${g.scopeId ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(g.scopeId ? { kind: g.kind, scopeId: g.scopeId } : { kind: g.kind })
  }
  return out
}

/**
 * The role a person acts in when they open the app: the one they chose if they still hold
 * it, otherwise their most responsible role, so an admin lands on their work list.
 */
export function pickActiveRole(grants: readonly RoleGrant[], preferred?: RoleKind): RoleKind {
  const roles = effectiveRoles(grants)
  if (preferred && roles.some((r) => r.kind === preferred)) return preferred
  const rank = (k: RoleKind) => ROLE_KINDS.indexOf(k)
  return roles.reduce((best, r) => (rank(r.kind) > rank(best) ? r.kind : best), 'resident' as RoleKind)
}
