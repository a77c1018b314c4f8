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
  test('creates the caller on first use (2 round trips), then finds them (1)', async () => {
    const first = await stack.call('users', { action: 'whoami' }, 'fresh-openid-1')
    expect(first.result).toMatchObject({ code: 0, data: { created: true, activeRole: 'resident', roles: [{ kind: 'resident', label: '居民' }] } })
    // The read (one aggregation), then the insert.
    expect(first.roundTrips).toBe(2)
    const again = await stack.call('users', { action: 'whoami' }, 'fresh-openid-1')
    expect(again.result).toMatchObject({ code: 0, data: { created: false, id: first.result.data.id } })
    expect(again.roundTrips).toBe(1)
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

/**
 * The member role is derived from the person's live registration being `registered` in a
 * community (domain/users.ts, withDerivedRoles), not stored. Runs last: it moves and withdraws
 * the seeded member 李建国 (registered in 北门社区; the seed still stores a member grant for
 * 北门社区, which must count for nothing once the registration stops being his registered one).
 */
describe('the derived member role', () => {
  const registration = (action: string, input: Record<string, unknown>, openid: string) => stack.call('registration', { action, ...input }, openid)
  const whoami = async (openid: string) => {
    const { result, roundTrips } = await stack.call('users', { action: 'whoami' }, openid)
    expect(roundTrips).toBe(1)
    return result.data as { activeRole: string; roles: { kind: string; scopeId?: string; scopeName?: string }[] }
  }
  const members = (who: { roles: { kind: string; scopeId?: string; scopeName?: string }[] }) =>
    who.roles.filter((r) => r.kind === 'member').map((r) => `${r.scopeId}:${r.scopeName}`)

  test('a move ends it; the new community confirming brings it back there; a withdrawal ends it again', async () => {
    expect(members(await whoami('demo-member'))).toEqual(['org-beimen:北门社区'])

    const moved = await registration(
      'move',
      { name: '李建国', unitId: 'unit-water-bureau', communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: [], freeTime: [] },
      'demo-member',
    )
    expect(moved.result).toMatchObject({ code: 0, data: { state: 'pending_community' } })
    let who = await whoami('demo-member')
    expect(members(who)).toEqual([])
    // The role he had chosen is no longer held: he lands on the one he still holds.
    expect(who.activeRole).toBe('resident')
    const refused = await stack.call('users', { action: 'switchRole', role: 'member' }, 'demo-member')
    expect(refused.result).toEqual({ code: 'USER.ROLE_NOT_HELD', message: '您没有这个身份，无法切换' })
    // Nothing about membership is stored on the person: it comes from the registration alone.
    const [stored] = await stack.emulator.db.collection('users').find({ openid: 'demo-member' })
    expect(stored.roles.filter((r: { kind: string }) => r.kind === 'member')).toEqual([])

    const confirmed = await registration('confirmCommunity', { ids: [moved.result.data.id] }, 'demo-chengnan-admin')
    expect(confirmed.result).toEqual({ code: 0, data: { done: [moved.result.data.id], failed: [] } })
    expect(confirmed.roundTrips).toBe(2)
    who = await whoami('demo-member')
    expect(members(who)).toEqual(['org-chengnan:城南社区'])
    expect(who.activeRole).toBe('member')
    expect((await stack.call('users', { action: 'switchRole', role: 'member' }, 'demo-member')).result).toMatchObject({ code: 0 })

    expect((await registration('withdraw', {}, 'demo-member')).result).toMatchObject({ code: 0, data: { state: 'withdrawn' } })
    who = await whoami('demo-member')
    expect(members(who)).toEqual([])
    expect(who.roles.map((r) => r.kind)).toEqual(['resident'])
    expect(who.activeRole).toBe('resident')
  })

  test('nobody can grant it by hand', async () => {
    const [resident] = await stack.emulator.db.collection('users').find({ openid: 'demo-resident' })
    for (const openid of ['demo-community-admin', 'demo-county-admin']) {
      const { result } = await stack.call('org', { action: 'grantRole', userId: resident._id, kind: 'member', scopeId: 'org-beimen' }, openid)
      expect(result.code).toBe('AUTH.FORBIDDEN')
    }
    expect(members(await whoami('demo-resident'))).toEqual([])
  })
})
