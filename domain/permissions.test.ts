import { isDomainError } from './errors'
import { authorize, authorizeGrant, can, canGrant, GRANTABLE_BY, MAINTAIN_ACTION, PERMISSION_ACTIONS, PERMISSION_MATRIX, reach, reaches, reachesAny, type PermissionAction, type Target } from './permissions'
import { ROLE_KINDS, ROLE_SCOPE, type RoleGrant, type RoleKind, type ScopeKind } from './roles'

// Who may do what, written out by hand, independently of the matrix it checks.
const EXPECTED: Record<PermissionAction, RoleKind[]> = {
  'registration.confirmUnit': ['unit_admin'],
  'registration.confirmCommunity': ['community_admin'],
  'registration.listUnit': ['unit_admin', 'county_admin'],
  'registration.listCommunity': ['community_admin', 'street_admin', 'county_admin'],
  'member.viewPhone': ['community_admin', 'unit_admin', 'street_admin', 'county_admin'],
  'org.inviteCommunity': ['community_admin', 'street_admin', 'county_admin'],
  'org.inviteUnit': ['unit_admin'],
  'org.maintainUpper': ['county_admin', 'street_admin'],
  'org.maintainLower': ['community_admin'],
  'org.pairUnit': ['county_admin', 'street_admin'],
  'org.grantRole': ['community_admin', 'street_admin', 'county_admin'],
  'org.import': ['county_admin', 'street_admin'],
  'wish.submit': ['grid_worker'],
  'wish.verify': ['grid_worker', 'community_admin'],
  'wish.review': ['community_admin'],
  'wish.confirmFor': ['grid_worker'],
  'wish.viewPrivate': ['grid_worker', 'community_admin'],
  'wish.settings': ['community_admin', 'street_admin', 'county_admin'],
  'wish.overview': ['street_admin', 'county_admin'],
  'requirements.setRules': ['county_admin'],
  'requirements.unitProgress': ['unit_admin', 'county_admin'],
  'order.placeFor': ['grid_worker', 'building_head'],
  'order.accept': ['community_admin'],
  'order.dispatch': ['branch_admin', 'community_admin'],
  'order.passToMember': ['unit_admin'],
  'order.claim': ['member'],
  'order.list': ['building_head', 'grid_worker', 'branch_admin', 'community_admin', 'street_admin', 'county_admin'],
  'order.settings': ['community_admin'],
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
  'stats.view': ['community_admin', 'unit_admin', 'street_admin', 'county_admin'],
}

// One branch of a county, deepest node first in the org target; a unit of the same county.
const HERE: Record<ScopeKind, string> = {
  county: 'c-1', street: 's-1', community: 'm-1', compound: 'p-1', grid: 'g-1', building: 'b-1', unit: 'u-1',
}
const ELSEWHERE: Record<ScopeKind, string> = {
  county: 'c-2', street: 's-2', community: 'm-2', compound: 'p-2', grid: 'g-2', building: 'b-2', unit: 'u-2',
}
const ORG_TARGET: Target = { kind: 'org', lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-1', 'b-1'] }
const UNIT_TARGET: Target = { kind: 'unit', unitId: 'u-1', countyId: 'c-1' }

/** Whether a role scoped to HERE covers the target: org roles cover the branch, unit and county admins the unit. */
function inScope(role: RoleKind, target: Target): boolean {
  const scope = ROLE_SCOPE[role]
  if (!scope) return false
  if (target.kind === 'org') return scope !== 'unit'
  return role === 'unit_admin' || role === 'county_admin'
}

const grantOf = (role: RoleKind, where: Record<ScopeKind, string>): RoleGrant[] => {
  const scope = ROLE_SCOPE[role]
  return [scope ? { kind: role, scopeId: where[scope] } : { kind: role }]
}

describe('permission matrix', () => {
  test('is exactly the expected table', () => {
    expect([...PERMISSION_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort())
    for (const action of PERMISSION_ACTIONS) expect([...PERMISSION_MATRIX[action]].sort()).toEqual([...EXPECTED[action]].sort())
  })

  const cases = PERMISSION_ACTIONS.flatMap((action) =>
    ROLE_KINDS.flatMap((role) => [
      [role, action, 'org'] as const,
      [role, action, 'unit'] as const,
    ]),
  )

  test.each(cases)('%s × %s on an %s target: in scope only if allowed, never out of scope', (role, action, kind) => {
    const target = kind === 'org' ? ORG_TARGET : UNIT_TARGET
    const allowed = EXPECTED[action].includes(role) && inScope(role, target)
    expect(can(grantOf(role, HERE), action, target)).toBe(allowed)
    expect(can(grantOf(role, ELSEWHERE), action, target)).toBe(false)
    // A grant without a scope never covers anything, whatever the role.
    expect(can([{ kind: role }], action, target)).toBe(false)
    // The database form of the same rule (used inside conditional updates) agrees.
    expect(reaches(reach(grantOf(role, HERE), action), target)).toBe(allowed)
    expect(reaches(reach(grantOf(role, ELSEWHERE), action), target)).toBe(false)
    if (allowed) expect(reachesAny(reach(grantOf(role, HERE), action), kind)).toBe(true)

    let thrown: unknown
    try {
      authorize(grantOf(role, HERE), action, target)
    } catch (e) {
      thrown = e
    }
    if (allowed) expect(thrown).toBeUndefined()
    else expect(isDomainError(thrown) && (thrown as { code: string }).code).toBe('AUTH.FORBIDDEN')
  })

  test('a community admin covers their community and below, not a sibling nor the street above', () => {
    const admin: RoleGrant[] = [{ kind: 'community_admin', scopeId: 'm-1' }]
    expect(can(admin, 'registration.confirmCommunity', { kind: 'org', lineage: ['c-1', 's-1', 'm-1'] })).toBe(true)
    expect(can(admin, 'registration.confirmCommunity', { kind: 'org', lineage: ['c-1', 's-1', 'm-2'] })).toBe(false)
    expect(can(admin, 'registration.confirmCommunity', { kind: 'org', lineage: ['c-1', 's-1'] })).toBe(false)
  })

  test('a unit admin reaches only their unit, even for a unit whose id appears in an org lineage', () => {
    const admin: RoleGrant[] = [{ kind: 'unit_admin', scopeId: 'u-1' }]
    expect(can(admin, 'registration.confirmUnit', { kind: 'unit', unitId: 'u-2', countyId: 'c-1' })).toBe(false)
    expect(can(admin, 'registration.confirmUnit', { kind: 'org', lineage: ['u-1'] })).toBe(false)
  })

  test('several grants: any one that covers is enough; reach collects them all', () => {
    const grants: RoleGrant[] = [
      { kind: 'member', scopeId: 'm-1' },
      { kind: 'community_admin', scopeId: 'm-2' },
      { kind: 'county_admin', scopeId: 'c-1' },
    ]
    expect(reach(grants, 'registration.listCommunity')).toEqual({ orgIds: ['m-2', 'c-1'], unitIds: [], countyIds: ['c-1'] })
    expect(reach(grants, 'registration.confirmCommunity')).toEqual({ orgIds: ['m-2'], unitIds: [], countyIds: [] })
    expect(reach(grants, 'registration.confirmUnit')).toEqual({ orgIds: [], unitIds: [], countyIds: [] })
    expect(reachesAny(reach(grants, 'registration.confirmUnit'), 'unit')).toBe(false)
    expect(can(grants, 'registration.listUnit', UNIT_TARGET)).toBe(true)
    expect(can(grants, 'registration.listUnit', { kind: 'unit', unitId: 'u-9', countyId: 'c-2' })).toBe(false)
  })
})

// Who may grant which role kind, written out by hand: granter → grantable kinds.
const EXPECTED_GRANTS: Partial<Record<RoleKind, RoleKind[]>> = {
  community_admin: ['grid_worker', 'building_head', 'branch_admin'],
  street_admin: ['community_admin'],
  county_admin: ['street_admin', 'community_admin', 'unit_admin'],
}

/** The target of a grant of `kind` whose scope node is HERE's (or ELSEWHERE's) node of that kind. */
function scopeTarget(kind: RoleKind, where: Record<ScopeKind, string>): Target | null {
  const scope = ROLE_SCOPE[kind]
  if (!scope) return null
  if (scope === 'unit') return { kind: 'unit', unitId: where.unit, countyId: where.county }
  const order: ScopeKind[] = ['county', 'street', 'community', 'compound', 'grid', 'building']
  return { kind: 'org', lineage: order.slice(0, order.indexOf(scope) + 1).map((k) => where[k]) }
}

describe('role grants', () => {
  test('GRANTABLE_BY is exactly the expected table; nobody grants county_admin or member', () => {
    for (const role of ROLE_KINDS) expect([...GRANTABLE_BY[role]].sort()).toEqual([...(EXPECTED_GRANTS[role] ?? [])].sort())
    for (const role of ROLE_KINDS) {
      expect(GRANTABLE_BY[role]).not.toContain('county_admin')
      expect(GRANTABLE_BY[role]).not.toContain('member')
    }
  })

  const cases = ROLE_KINDS.flatMap((granter) => ROLE_KINDS.map((granted) => [granter, granted] as const))
  test.each(cases)('%s granting %s: allowed within scope only if in the table', (granter, granted) => {
    const here = scopeTarget(granted, HERE)
    const elsewhere = scopeTarget(granted, ELSEWHERE)
    if (!here || !elsewhere) {
      // Unscoped roles have no target; nothing could be granted on one.
      expect(EXPECTED_GRANTS[granter] ?? []).not.toContain(granted)
      return
    }
    const allowed = (EXPECTED_GRANTS[granter] ?? []).includes(granted)
    expect(canGrant(grantOf(granter, HERE), granted, here)).toBe(allowed)
    // Never outside the granter's scope, never with an unscoped grant.
    expect(canGrant(grantOf(granter, ELSEWHERE), granted, here)).toBe(false)
    expect(canGrant([{ kind: granter }], granted, here)).toBe(false)
    let thrown: unknown
    try {
      authorizeGrant(grantOf(granter, HERE), granted, here)
    } catch (e) {
      thrown = e
    }
    if (allowed) expect(thrown).toBeUndefined()
    else expect(isDomainError(thrown) && (thrown as { code: string }).code).toBe('AUTH.FORBIDDEN')
  })

  test("a community admin grants in their community's grids, not a sibling community's", () => {
    const admin: RoleGrant[] = [{ kind: 'community_admin', scopeId: 'm-1' }]
    expect(canGrant(admin, 'grid_worker', { kind: 'org', lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-1'] })).toBe(true)
    expect(canGrant(admin, 'grid_worker', { kind: 'org', lineage: ['c-1', 's-1', 'm-2', 'p-2', 'g-2'] })).toBe(false)
    // Not even the admin role of their own community.
    expect(canGrant(admin, 'community_admin', { kind: 'org', lineage: ['c-1', 's-1', 'm-1'] })).toBe(false)
  })

  test('a street admin grants community admins of their street only; a county admin unit admins of their county only', () => {
    expect(canGrant([{ kind: 'street_admin', scopeId: 's-1' }], 'community_admin', { kind: 'org', lineage: ['c-1', 's-2', 'm-2'] })).toBe(false)
    expect(canGrant([{ kind: 'county_admin', scopeId: 'c-1' }], 'unit_admin', { kind: 'unit', unitId: 'u-9', countyId: 'c-1' })).toBe(true)
    expect(canGrant([{ kind: 'county_admin', scopeId: 'c-1' }], 'unit_admin', { kind: 'unit', unitId: 'u-9', countyId: 'c-2' })).toBe(false)
  })
})

describe('tree maintenance', () => {
  test('streets and communities by county and street admins, the rest by community admins, counties by nobody', () => {
    expect(MAINTAIN_ACTION).toEqual({
      county: null,
      street: 'org.maintainUpper',
      community: 'org.maintainUpper',
      compound: 'org.maintainLower',
      grid: 'org.maintainLower',
      building: 'org.maintainLower',
    })
  })

  test("the target is the parent's lineage: a street admin cannot create a street beside theirs, a community admin no community", () => {
    const street: RoleGrant[] = [{ kind: 'street_admin', scopeId: 's-1' }]
    expect(can(street, 'org.maintainUpper', { kind: 'org', lineage: ['c-1'] })).toBe(false)
    expect(can(street, 'org.maintainUpper', { kind: 'org', lineage: ['c-1', 's-1'] })).toBe(true)
    const community: RoleGrant[] = [{ kind: 'community_admin', scopeId: 'm-1' }]
    expect(can(community, 'org.maintainUpper', { kind: 'org', lineage: ['c-1', 's-1'] })).toBe(false)
    expect(can(community, 'org.maintainLower', { kind: 'org', lineage: ['c-1', 's-1', 'm-1'] })).toBe(true)
    expect(can([{ kind: 'county_admin', scopeId: 'c-1' }], 'org.maintainLower', { kind: 'org', lineage: ['c-1', 's-1', 'm-1'] })).toBe(false)
  })
})
