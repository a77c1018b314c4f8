import { holdsRole, maskPhone, newUser, toWhoAmI, type UserRecord } from './users'

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
