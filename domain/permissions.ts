/**
 * Who may do what, where: role × action × scope. Cloud functions call `authorize` before
 * every write or scoped read; the UI may hide buttons, but this is the enforcement.
 * docs/permissions.md is this table in words.
 */
import { DomainError } from './errors'
import type { OrgKind } from './org'
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
  'org.maintainUpper',
  'org.maintainLower',
  'org.pairUnit',
  'org.grantRole',
  'org.import',
  'wish.submit',
  'wish.verify',
  'wish.review',
  'wish.confirmFor',
  'wish.viewPrivate',
  'wish.settings',
  'wish.overview',
  'requirements.setRules',
  'requirements.unitProgress',
  'order.placeFor',
  'order.accept',
  'order.dispatch',
  'order.passToMember',
  'order.claim',
  'order.list',
  'order.settings',
  'serviceList.maintain',
  'serviceList.claim',
  'activity.organize',
  'activity.themes',
  'household.view',
  'household.maintain',
  'visit.record',
  'grid.settings',
  'problem.meet',
  'problem.dispatch',
  'problem.overview',
  'proposal.answer',
  'project.maintain',
  'stats.view',
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
  // The tree (docs/org.md). Streets and communities: the county's and the street's admins, under
  // their scope. Compounds, grids and buildings: the community's admins. The target of a change is
  // the lineage of the node's parent, so nobody maintains the node that scopes their own role.
  'org.maintainUpper': ['county_admin', 'street_admin'],
  'org.maintainLower': ['community_admin'],
  // Pairing a unit with a community (结对共建): the target is the community's lineage.
  'org.pairUnit': ['county_admin', 'street_admin'],
  // Who grants roles at all; which role kinds each may grant is GRANTABLE_BY.
  'org.grantRole': ['community_admin', 'street_admin', 'county_admin'],
  // Bulk import (docs/import.md): every row is checked on its own target (a new community: its
  // street; a unit: the county; a member: their community), so a street admin imports within
  // their street and never units, which belong to the county.
  'org.import': ['county_admin', 'street_admin'],
  // Micro-wishes (docs/wishes.md); the target is the lineage of the household's building. The grid
  // worker at the door writes and verifies; the community decides what the public sees. Lighting,
  // delivering and the beneficiary's own steps are relations to one wish, not roles (wishes.ts).
  'wish.submit': ['grid_worker'],
  'wish.verify': ['grid_worker', 'community_admin'],
  // Edit, publish, reject, take down, revoke a claim, and the review queue.
  'wish.review': ['community_admin'],
  // Confirming and rating on behalf of a beneficiary who has no phone of their own.
  'wish.confirmFor': ['grid_worker'],
  // The beneficiary's name, phone, address and door photos: those who visit and those who review.
  'wish.viewPrivate': ['grid_worker', 'community_admin'],
  // A community's release days and hours per wish: the community, or the street and county above it.
  'wish.settings': ['community_admin', 'street_admin', 'county_admin'],
  // What waits for review in every community under a street or county: read-only, names masked.
  'wish.overview': ['street_admin', 'county_admin'],
  // Yearly requirements (docs/requirements.md) are the county's setting; the target is the county.
  'requirements.setRules': ['county_admin'],
  // A unit's progress: the unit itself, and the county that sets the rule (a unit target).
  'requirements.unitProgress': ['unit_admin', 'county_admin'],
  // Orders (docs/orders.md); the target is the order's lineage (its building, else its community).
  // Ordering for a resident who cannot: the grid worker or building head of their building.
  'order.placeFor': ['grid_worker', 'building_head'],
  // Accept, decline, merge, settle a complaint: the community (村党委接单).
  'order.accept': ['community_admin'],
  // Dispatch, pool, recall: the compound's branch (小区党支部派单) or the community itself.
  'order.dispatch': ['branch_admin', 'community_admin'],
  // A unit passes an order dispatched to it on to one of its members (a unit target).
  'order.passToMember': ['unit_admin'],
  // Claim from the pool: members registered in the order's community (the pool's grid is checked on the order).
  'order.claim': ['member'],
  'order.list': ['building_head', 'grid_worker', 'branch_admin', 'community_admin', 'street_admin', 'county_admin'],
  // Time limits of the community's orders; the target is the community.
  'order.settings': ['community_admin'],
  // The service list (服务清单): kept by the community, standing items claimed by its members.
  'serviceList.maintain': ['community_admin'],
  'serviceList.claim': ['member'],
  // Activities (docs/activities.md): a unit (target: the unit) with its paired community, a
  // community or a compound's branch (target: the organising node's lineage) organise them.
  'activity.organize': ['unit_admin', 'community_admin', 'branch_admin'],
  // The county's theme menu (主题月活动菜单), hours rounding rule and star thresholds.
  'activity.themes': ['county_admin'],
  // Grid work (docs/grid.md); the target is the household's building lineage. Residents' data is
  // seen only by those at the door and the community's staff.
  'household.view': ['grid_worker', 'building_head', 'community_admin'],
  'household.maintain': ['grid_worker', 'community_admin'],
  'visit.record': ['grid_worker', 'community_admin'],
  // How often households are visited, per tag: the community's setting.
  'grid.settings': ['community_admin'],
  // Patrol problems: the meeting on the spot (grid worker, branch, community), the assignment and
  // the dismissal (the community), the view from above (street, county).
  'problem.meet': ['grid_worker', 'branch_admin', 'community_admin'],
  'problem.dispatch': ['community_admin'],
  'problem.overview': ['street_admin', 'county_admin'],
  // 微提案 are answered by the community; 微实事 kept by the community or a unit (a unit target).
  'proposal.answer': ['community_admin'],
  'project.maintain': ['community_admin', 'unit_admin'],
  /** The figures (统计) of a place or a unit, and its monthly reports (进度通报). */
  'stats.view': ['community_admin', 'unit_admin', 'street_admin', 'county_admin'],
}

/** Which action maintaining (creating, renaming) a node of each kind needs; counties are not maintained in the app. */
export const MAINTAIN_ACTION: Record<OrgKind, PermissionAction | null> = {
  county: null,
  street: 'org.maintainUpper',
  community: 'org.maintainUpper',
  compound: 'org.maintainLower',
  grid: 'org.maintainLower',
  building: 'org.maintainLower',
}

/**
 * Which role kinds each role may grant and revoke, within its own scope (the scope node of the
 * granted role must lie under the granter's scope; for unit_admin, the unit must be in the
 * granter's county). Nobody grants county_admin, member (registration does) or unscoped roles.
 */
export const GRANTABLE_BY: Record<RoleKind, readonly RoleKind[]> = {
  resident: [],
  member: [],
  caring_citizen: [],
  building_head: [],
  grid_worker: [],
  branch_admin: [],
  community_admin: ['grid_worker', 'building_head', 'branch_admin'],
  unit_admin: [],
  street_admin: ['community_admin'],
  county_admin: ['street_admin', 'community_admin', 'unit_admin'],
}

/** True when one of the grants may grant (or revoke) `kind` on the scope described by `target`. */
export function canGrant(grants: readonly RoleGrant[], kind: RoleKind, target: Target): boolean {
  return grants.some((g) => GRANTABLE_BY[g.kind].includes(kind) && PERMISSION_MATRIX['org.grantRole'].includes(g.kind) && covers(g, target))
}

export function authorizeGrant(grants: readonly RoleGrant[], kind: RoleKind, target: Target): void {
  if (!canGrant(grants, kind, target)) throw new DomainError('AUTH.FORBIDDEN')
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
