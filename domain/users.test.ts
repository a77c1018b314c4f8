import { holdsRole, maskPhone, newUser, toWhoAmI, withDerivedRoles, type UserRecord } from './users'

const at = new Date('2026-11-22T08:00:00+08:00')

describe('users', () => {
  test.each([
    ['13812341234', '138****1234'],
    ['1381234', '*******'],
    ['', null],
    [undefined, null],
  ])('maskPhone(%s) = %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  test('a new user holds only the resident role', () => {
    const user: UserRecord = { _id: 'u1', ...newUser('openid-1', at) }
    expect(holdsRole(user, 'resident')).toBe(true)
    expect(holdsRole(user, 'member')).toBe(false)
    expect(toWhoAmI(user, true)).toEqual({
      id: 'u1',
      displayName: '微信用户',
      phoneMasked: null,
      roles: [{ kind: 'resident', label: '居民' }],
      activeRole: 'resident',
      created: true,
      createdAt: at.toISOString(),
    })
  })

  test('whoami never carries the openid or the full phone', () => {
    const user: UserRecord = {
      _id: 'u2',
      openid: 'secret-openid',
      name: '李建国',
      phone: '13800001002',
      roles: [{ kind: 'member', scopeId: 'org-beimen', scopeName: '北门社区' }],
      createdAt: at,
      updatedAt: at,
    }
    const view = toWhoAmI(user, false)
    expect(JSON.stringify(view)).not.toContain('secret-openid')
    expect(JSON.stringify(view)).not.toContain('13800001002')
    expect(view.phoneMasked).toBe('138****1002')
    expect(view.roles).toContainEqual({ kind: 'member', scopeId: 'org-beimen', scopeName: '北门社区', label: '在职党员' })
    expect(view.activeRole).toBe('member')
  })
})

describe('the derived member role', () => {
  const person = (roles: UserRecord['roles'], activeRole?: UserRecord['activeRole']): UserRecord => ({
    _id: 'u3',
    openid: 'o3',
    roles,
    ...(activeRole ? { activeRole } : {}),
    createdAt: at,
    updatedAt: at,
  })
  const grid = { kind: 'grid_worker' as const, scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格' }
  const beimen = { kind: 'member' as const, scopeId: 'org-beimen', scopeName: '北门社区' }
  const registeredIn = (communityId: string, communityName: string) => ({ state: 'registered' as const, communityId, communityName })

  test.each([
    ['registered: the role of its community', [grid], registeredIn('org-beimen', '北门社区'), [grid, beimen]],
    ['registered, a stale stored grant elsewhere: replaced, not added', [beimen, grid], registeredIn('org-chengnan', '城南社区'), [grid, { kind: 'member', scopeId: 'org-chengnan', scopeName: '城南社区' }]],
    ['registered, the same grant stored: once', [beimen], registeredIn('org-beimen', '北门社区'), [beimen]],
    ['pending at the community: none', [beimen], { state: 'pending_community', communityId: 'org-beimen' }, []],
    ['withdrawn: none', [grid, beimen], { state: 'withdrawn', communityId: 'org-beimen' }, [grid]],
    ['moved: none', [beimen], { state: 'moved', communityId: 'org-beimen' }, []],
    ['no live registration: none', [beimen, grid], null, [grid]],
  ] as const)('%s', (_name, stored, live, expected) => {
    expect(withDerivedRoles(person([...stored]), live).roles).toEqual(expected)
  })

  test('whoami and switching roles see the derived role; a role no longer held falls back to the most responsible one', () => {
    const member = withDerivedRoles(person([grid], 'member'), registeredIn('org-beimen', '北门社区'))
    expect(holdsRole(member, 'member')).toBe(true)
    expect(toWhoAmI(member, false)).toMatchObject({ activeRole: 'member' })
    expect(toWhoAmI(member, false).roles).toContainEqual({ kind: 'member', scopeId: 'org-beimen', scopeName: '北门社区', label: '在职党员' })

    const withdrawn = withDerivedRoles(person([grid, beimen], 'member'), { state: 'withdrawn', communityId: 'org-beimen' })
    expect(holdsRole(withdrawn, 'member')).toBe(false)
    expect(toWhoAmI(withdrawn, false)).toMatchObject({ activeRole: 'grid_worker' })
    expect(toWhoAmI(withDerivedRoles(person([beimen], 'member'), null), false)).toMatchObject({ activeRole: 'resident', roles: [{ kind: 'resident', label: '居民' }] })
  })

  test('the stored record is not changed', () => {
    const stored = person([beimen])
    withDerivedRoles(stored, null)
    expect(stored.roles).toEqual([beimen])
  })
})
