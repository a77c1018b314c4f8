/**
 * Who may do what, where: role × action × scope. Cloud functions call `authorize` before
 * every write or scoped read; the UI may hide buttons, but this is the enforcement.
 * docs/permissions.md is this table in words.
 */
import { DomainError } from './errors'
import type { RoleGrant, RoleKind } from './roles'

/** What an action is about: a place in the org tree (with its ancestors) or a unit. */
export type Target =
  | { kind: 'org'; lineage: readonly string[] }
  | { kind: 'unit'; unitId: string; countyId: string }

export const PERMISSION_ACTIONS = [
  'registration.confirmUnit',
  'registration.confirmCommunity',
  'registration.listUnit',
  'registration.listCommunity',
  'member.viewPhone',
  'org.inviteCommunity',
  'org.inviteUnit',
] as const
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number]

/** For each action, the roles allowed; each role acts only within the scope it was granted. */
export const PERMISSION_MATRIX: Record<PermissionAction, readonly RoleKind[]> = {
  // The unit vouches that the person is its Party member; only that unit can.
  'registration.confirmUnit': ['unit_admin'],
  // The community accepts the report of someone living there; only that community can.
  'registration.confirmCommunity': ['community_admin'],
  'registration.listUnit': ['unit_admin', 'county_admin'],
  'registration.listCommunity': ['community_admin', 'street_admin', 'county_admin'],
  // Phones go to those who must call the person: their community's and unit's admins.
  'member.viewPhone': ['community_admin', 'unit_admin', 'street_admin', 'county_admin'],
  // Invitation codes (小程序码): whoever runs the community, or the unit itself.
  'org.inviteCommunity': ['community_admin', 'street_admin', 'county_admin'],
  'org.inviteUnit': ['unit_admin'],
}

function covers(grant: RoleGrant, target: Target): boolean {
  if (!grant.scopeId) return false
  if (target.kind === 'org') return grant.kind !== 'unit_admin' && target.lineage.includes(grant.scopeId)
  if (grant.kind === 'unit_admin') return grant.scopeId === target.unitId
  if (grant.kind === 'county_admin') return grant.scopeId === target.countyId
  return false
}

export function can(grants: readonly RoleGrant[], action: PermissionAction, target: Target): boolean {
  const allowed = PERMISSION_MATRIX[action]
  return grants.some((g) => allowed.includes(g.kind) && covers(g, target))
}

export function authorize(grants: readonly RoleGrant[], action: PermissionAction, target: Target): void {
  if (!can(grants, action, target)) throw new DomainError('AUTH.FORBIDDEN')
}

/**
 * Everything a person's grants reach for one action, as plain id sets: what a database filter
 * needs to enforce the scope inside a conditional write instead of checking it beforehand.
 * `reaches(reach(g, a), t)` equals `can(g, a, t)` for every target (domain/permissions.test.ts).
 */
export interface Reach {
  /** Org nodes whose subtree is covered: an org target is reached when its lineage contains one. */
  orgIds: string[]
  /** Units covered directly (unit admins). */
  unitIds: string[]
  /** Counties whose units are covered (county admins, for unit targets). */
  countyIds: string[]
}

export function reach(grants: readonly RoleGrant[], action: PermissionAction): Reach {
  const allowed = PERMISSION_MATRIX[action]
  const out: Reach = { orgIds: [], unitIds: [], countyIds: [] }
  const add = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id)
  }
  for (const g of grants) {
    if (!g.scopeId || !allowed.includes(g.kind)) continue
    if (g.kind === 'unit_admin') add(out.unitIds, g.scopeId)
    else add(out.orgIds, g.scopeId)
    if (g.kind === 'county_admin') add(out.countyIds, g.scopeId)
  }
  return out
}

export function reaches(r: Reach, target: Target): boolean {
  if (target.kind === 'org') return r.orgIds.some((id) => target.lineage.includes(id))
  return r.unitIds.includes(target.unitId) || r.countyIds.includes(target.countyId)
}

/** True when the grants could reach some target of this kind at all (else: forbidden before any read). */
export function reachesAny(r: Reach, kind: Target['kind']): boolean {
  return kind === 'org' ? r.orgIds.length > 0 : r.unitIds.length + r.countyIds.length > 0
}
