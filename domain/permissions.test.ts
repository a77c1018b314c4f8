import { isDomainError } from './errors'
import { authorize, can, PERMISSION_ACTIONS, PERMISSION_MATRIX, reach, reaches, reachesAny, type PermissionAction, type Target } from './permissions'
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
