import { effectiveRoles, pickActiveRole, ROLE_KINDS, ROLE_LABELS, ROLE_SCOPE } from './roles'

describe('roles', () => {
  test('every role has a Chinese label and a declared scope kind', () => {
    for (const kind of ROLE_KINDS) {
      expect(ROLE_LABELS[kind]).toMatch(/[\u4e00-\u9fa5]/)
      expect(kind in ROLE_SCOPE).toBe(true)
    }
  })

  test('everyone is a resident, and duplicate grants collapse', () => {
    expect(effectiveRoles([])).toEqual([{ kind: 'resident' }])
    expect(
      effectiveRoles([
        { kind: 'member', scopeId: 'org-beimen' },
        { kind: 'member', scopeId: 'org-beimen' },
        { kind: 'resident' },
      ]),
    ).toEqual([{ kind: 'resident' }, { kind: 'member', scopeId: 'org-beimen' }])
  })

  test.each([
    [[], undefined, 'resident'],
    [[{ kind: 'member' as const, scopeId: 'a' }], undefined, 'member'],
    [[{ kind: 'member' as const, scopeId: 'a' }, { kind: 'community_admin' as const, scopeId: 'a' }], undefined, 'community_admin'],
    [[{ kind: 'member' as const, scopeId: 'a' }, { kind: 'community_admin' as const, scopeId: 'a' }], 'member' as const, 'member'],
    // A preference for a role no longer held falls back to the most responsible one.
    [[{ kind: 'member' as const, scopeId: 'a' }], 'county_admin' as const, 'member'],
    [[{ kind: 'grid_worker' as const, scopeId: 'g' }], 'resident' as const, 'resident'],
  ])('active role of %j preferring %s is %s', (grants, preferred, expected) => {
    expect(pickActiveRole(grants, preferred)).toBe(expected)
  })
})
