import { startTestStack, type TestStack } from '../../../server/testing/stack'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 60_000)

afterAll(async () => {
  await stack?.close()
})

const usersWith = (openid: string) => stack.emulator.db.collection('users').count({ openid })

describe('users.whoami', () => {
  test('creates the caller on first use, then finds them', async () => {
    const first = await stack.call('users', { action: 'whoami' }, 'fresh-openid-1')
    expect(first.result).toMatchObject({ code: 0, data: { created: true, activeRole: 'resident', roles: [{ kind: 'resident', label: '居民' }] } })
    const again = await stack.call('users', { action: 'whoami' }, 'fresh-openid-1')
    expect(again.result).toMatchObject({ code: 0, data: { created: false, id: first.result.data.id } })
    expect(await usersWith('fresh-openid-1')).toBe(1)
  })

  test('an existing user costs one database round trip', async () => {
    const { result, roundTrips } = await stack.call('users', { action: 'whoami' }, 'demo-member')
    expect(result.data).toMatchObject({
      displayName: '李建国',
      phoneMasked: '138****1002',
      activeRole: 'member',
      roles: expect.arrayContaining([{ kind: 'member', scopeId: 'org-beimen', scopeName: '北门社区', label: '在职党员' }]),
    })
    expect(roundTrips).toBe(1)
  })

  test('ten simultaneous first calls make exactly one person', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => stack.call('users', { action: 'whoami' }, 'racing-openid')))
    const ids = new Set(results.map((r) => r.result.data.id))
    expect(ids.size).toBe(1)
    expect(results.filter((r) => r.result.data.created)).toHaveLength(1)
    expect(await usersWith('racing-openid')).toBe(1)
  })

  test('an identity in the body is refused, never used', async () => {
    const { result } = await stack.call('users', { action: 'whoami', openid: 'demo-county-admin' }, 'demo-resident')
    expect(result).toMatchObject({ code: 'REQUEST.INVALID', message: expect.stringMatching(/请求格式不正确/) })
  })

  test('no platform identity: AUTH.UNAUTHENTICATED and no record', async () => {
    const before = await stack.emulator.db.collection('users').count({})
    const { result } = await stack.call('users', { action: 'whoami' }, {})
    expect(result).toEqual({ code: 'AUTH.UNAUTHENTICATED', message: expect.stringMatching(/身份/) })
    expect(await stack.emulator.db.collection('users').count({})).toBe(before)
  })
})

describe('users.switchRole', () => {
  test('switches to a held role and whoami follows', async () => {
    const { result } = await stack.call('users', { action: 'switchRole', role: 'resident' }, 'demo-member')
    expect(result).toMatchObject({ code: 0, data: { activeRole: 'resident' } })
    const after = await stack.call('users', { action: 'whoami' }, 'demo-member')
    expect(after.result.data.activeRole).toBe('resident')
    await stack.call('users', { action: 'switchRole', role: 'member' }, 'demo-member')
  })

  test('a role not held is refused and nothing changes', async () => {
    const { result } = await stack.call('users', { action: 'switchRole', role: 'county_admin' }, 'demo-member')
    expect(result).toEqual({ code: 'USER.ROLE_NOT_HELD', message: '您没有这个身份，无法切换' })
    const [member] = await stack.emulator.db.collection('users').find({ openid: 'demo-member' })
    expect(member.activeRole).toBe('member')
  })
})

describe('bad requests', () => {
  test.each([
    [{ action: 'nope' }, 'REQUEST.UNKNOWN_ACTION'],
    [{}, 'REQUEST.INVALID'],
    [{ action: 42 }, 'REQUEST.INVALID'],
    [{ action: 'switchRole', role: 'root' }, 'REQUEST.INVALID'],
    [{ action: 'switchRole', role: { $ne: null } }, 'REQUEST.INVALID'],
    [['whoami'], 'REQUEST.INVALID'],
    ['whoami', 'REQUEST.INVALID'],
  ])('%j → %s with a Chinese message', async (event, code) => {
    const { result } = await stack.call('users', event, 'demo-resident')
    expect(result.code).toBe(code)
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
  })
})
