/**
 * Tree maintenance and role grants through the built org function, run by the runner against the
 * emulator seeded with the demo county (docs/org.md). Tests run in order and share one store.
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(60_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const org = (action: string, input: Record<string, unknown>, openid: string) => stack.call('org', { action, ...input }, openid)
const db = () => stack.emulator.db
const userByOpenid = (openid: string) => db().collection('users').findOne({ openid }) as { _id: string; roles: { kind: string; scopeId?: string; scopeName?: string }[] }
const audits = (entityId: string) => db().collection('audit').find({ entityId })
const snapshot = () => ({
  users: db().collection('users').find({}),
  nodes: db().collection('org_nodes').find({}),
  units: db().collection('units').find({}),
  audit: db().collection('audit').count({}),
})

describe('roles', () => {
  const grid = { kind: 'grid_worker', scopeId: 'org-beimen-grid-1' }

  test('陈书记 grants 李建国 the grid worker role on 北门第一网格; whoami shows it; audited', async () => {
    const member = userByOpenid('demo-member')
    const { result, roundTrips } = await org('grantRole', { userId: member._id, ...grid }, 'demo-community-admin')
    expect(result).toEqual({ code: 0, data: { userId: member._id, kind: 'grid_worker', scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格' } })
    expect(roundTrips).toBe(4)

    const who = await stack.call('users', { action: 'whoami' }, 'demo-member')
    expect(who.result.data.roles).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'grid_worker', scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格', label: '网格员' })]),
    )
    expect(audits(member._id)).toEqual([
      expect.objectContaining({
        entity: 'user',
        action: 'grantRole',
        from: null,
        to: 'grid_worker@org-beimen-grid-1',
        by: userByOpenid('demo-community-admin')._id,
        role: 'grid_worker',
        scopeId: 'org-beimen-grid-1',
        at: expect.any(Date),
      }),
    ])
  })

  test('granting twice is USER.ROLE_ALREADY_HELD and writes nothing', async () => {
    const member = userByOpenid('demo-member')
    const before = snapshot()
    const { result, roundTrips } = await org('grantRole', { userId: member._id, ...grid }, 'demo-community-admin')
    expect(result).toEqual({ code: 'USER.ROLE_ALREADY_HELD', message: '这个人已经有这个身份了' })
    expect(roundTrips).toBe(4)
    expect(snapshot()).toEqual(before)
  })

  test("陈书记 cannot grant on 城南社区's grid, nor an admin role; nothing changes", async () => {
    const member = userByOpenid('demo-member')
    const before = snapshot()
    for (const input of [
      { kind: 'grid_worker', scopeId: 'org-chengnan-grid-1' },
      { kind: 'community_admin', scopeId: 'org-beimen' },
      { kind: 'county_admin', scopeId: 'org-longmen' },
      { kind: 'unit_admin', scopeId: 'unit-water-bureau' },
    ]) {
      expect((await org('grantRole', { userId: member._id, ...input }, 'demo-community-admin')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    }
    expect(snapshot()).toEqual(before)
  })

  test('a member, a grid worker or a unit admin cannot grant anything', async () => {
    const resident = userByOpenid('demo-resident')
    const before = snapshot()
    for (const openid of ['demo-member', 'demo-grid', 'demo-unit-admin', 'demo-branch-admin', 'demo-newcomer']) {
      const { result } = await org('grantRole', { userId: resident._id, kind: 'building_head', scopeId: 'org-beimen-b1' }, openid)
      expect(result).toMatchObject({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' })
    }
    expect(snapshot()).toEqual(before)
  })

  test('street and county admins: 赵部长 grants a unit admin of the county', async () => {
    const resident = userByOpenid('demo-resident')
    const { result } = await org('grantRole', { userId: resident._id, kind: 'unit_admin', scopeId: 'unit-publicity' }, 'demo-county-admin')
    expect(result).toMatchObject({ code: 0, data: { scopeName: '县委宣传部' } })
    expect((await org('revokeRole', { userId: resident._id, kind: 'unit_admin', scopeId: 'unit-publicity' }, 'demo-county-admin')).result).toMatchObject({ code: 0 })
    expect(userByOpenid('demo-resident').roles).toEqual([])
  })

  test('revoke, then revoke again: USER.ROLE_NOT_HELD; audited once', async () => {
    const member = userByOpenid('demo-member')
    const first = await org('revokeRole', { userId: member._id, ...grid }, 'demo-community-admin')
    expect(first.result).toMatchObject({ code: 0, data: { kind: 'grid_worker', scopeId: 'org-beimen-grid-1' } })
    expect(first.roundTrips).toBe(4)
    expect(userByOpenid('demo-member').roles).toEqual([])

    const before = snapshot()
    const again = await org('revokeRole', { userId: member._id, ...grid }, 'demo-community-admin')
    expect(again.result).toEqual({ code: 'USER.ROLE_NOT_HELD', message: '这个人没有这个身份' })
    expect(snapshot()).toEqual(before)
    expect(audits(member._id).map((a) => [a.action, a.from, a.to])).toEqual([
      ['grantRole', null, 'grid_worker@org-beimen-grid-1'],
      ['revokeRole', 'grid_worker@org-beimen-grid-1', null],
    ])
  })

  test('bad input: unknown user, unknown scope, wrong kind of scope, unscoped role, bad shape; nothing written', async () => {
    const member = userByOpenid('demo-member')
    const before = snapshot()
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ userId: 'user-nobody', ...grid }, 'USER.NOT_FOUND'],
      [{ userId: member._id, kind: 'grid_worker', scopeId: 'org-nowhere' }, 'ORG.UNKNOWN_NODE', /找不到这个组织节点/],
      [{ userId: member._id, kind: 'grid_worker', scopeId: 'org-beimen-b1' }, 'REQUEST.INVALID', /「网格员」的范围必须是网格/],
      [{ userId: member._id, kind: 'resident', scopeId: 'org-beimen' }, 'REQUEST.INVALID', /不需要也不能由管理员授予/],
      [{ userId: member._id, kind: 'wizard', scopeId: 'org-beimen' }, 'REQUEST.INVALID', /未知的身份/],
      [{ userId: member._id, kind: 'grid_worker' }, 'REQUEST.INVALID'],
      [{ userId: '', ...grid }, 'REQUEST.INVALID', /编号格式不正确/],
    ]
    for (const [input, code, message] of cases) {
      const { result } = await org('grantRole', input, 'demo-community-admin')
      expect(result).toMatchObject({ code })
      if (message) expect(result.message).toMatch(message)
    }
    expect(snapshot()).toEqual(before)
  })
})

describe('tree', () => {
  let compoundId: string

  test('陈书记 creates a compound under 北门社区 (kind derived, name trimmed); audited', async () => {
    const { result, roundTrips } = await org('createNode', { parentId: 'org-beimen', name: '  北门新苑小区 ' }, 'demo-community-admin')
    expect(result).toMatchObject({ code: 0, data: { kind: 'compound', name: '北门新苑小区', parentId: 'org-beimen' } })
    expect(roundTrips).toBe(5)
    compoundId = result.data.id
    expect(db().collection('org_nodes').findOne({ _id: compoundId })).toMatchObject({
      kind: 'compound',
      path: ['org-longmen', 'org-longcheng', 'org-beimen'],
    })
    expect(audits(compoundId)).toEqual([expect.objectContaining({ entity: 'org_node', action: 'createNode', from: null, to: '北门新苑小区' })])

    const listed = await org('listChildren', { parentId: 'org-beimen' }, 'demo-community-admin')
    expect(listed.result.data.parent).toEqual({ id: 'org-beimen', kind: 'community', name: '北门社区', parentId: 'org-longcheng' })
    expect(listed.result.data.children.map((c: { name: string }) => c.name).sort()).toEqual(['北门新苑小区', '北门花园小区'].sort())
    expect(listed.roundTrips).toBe(2)
  })

  test('a duplicate sibling name is ORG.DUPLICATE_NAME; nothing written', async () => {
    const before = snapshot()
    const { result } = await org('createNode', { parentId: 'org-beimen', name: '北门花园小区' }, 'demo-community-admin')
    expect(result).toEqual({ code: 'ORG.DUPLICATE_NAME', message: '同一上级下已有同名的组织，请换一个名称' })
    const rename = await org('renameNode', { id: compoundId, name: '北门花园小区' }, 'demo-community-admin')
    expect(rename.result).toMatchObject({ code: 'ORG.DUPLICATE_NAME' })
    expect(snapshot()).toEqual(before)
  })

  test('renaming is audited with from and to', async () => {
    const { result, roundTrips } = await org('renameNode', { id: compoundId, name: '北门新苑' }, 'demo-community-admin')
    expect(result).toMatchObject({ code: 0, data: { id: compoundId, name: '北门新苑', kind: 'compound' } })
    expect(roundTrips).toBe(5)
    expect(audits(compoundId).map((a) => [a.action, a.from, a.to])).toEqual([
      ['createNode', null, '北门新苑小区'],
      ['renameNode', '北门新苑小区', '北门新苑'],
    ])
  })

  test('陈书记 cannot create a street under the county, nor touch 城南社区; a member nothing; 赵部长 no compounds', async () => {
    const before = snapshot()
    const refused: [Record<string, unknown>, string, string][] = [
      [{ parentId: 'org-longmen', name: '新街道' }, 'createNode', 'demo-community-admin'],
      [{ parentId: 'org-chengnan', name: '城南新苑' }, 'createNode', 'demo-community-admin'],
      [{ id: 'org-beimen', name: '北门' }, 'renameNode', 'demo-community-admin'],
      [{ parentId: 'org-beimen', name: '党员小区' }, 'createNode', 'demo-member'],
      [{ parentId: 'org-beimen', name: '县里建的小区' }, 'createNode', 'demo-county-admin'],
    ]
    for (const [input, action, openid] of refused) {
      expect((await org(action, input, openid)).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    }
    expect(snapshot()).toEqual(before)
  })

  test('赵部长 creates a community under a street (kind derived)', async () => {
    const { result } = await org('createNode', { parentId: 'org-pingling', name: '平陵新村' }, 'demo-county-admin')
    expect(result).toMatchObject({ code: 0, data: { kind: 'community', parentId: 'org-pingling' } })
  })

  test('bad input: empty or long name, unknown parent, a building as parent; nothing written', async () => {
    const before = snapshot()
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['createNode', { parentId: 'org-beimen', name: '   ' }, 'REQUEST.INVALID', /名称不能为空/],
      ['createNode', { parentId: 'org-beimen', name: '长'.repeat(31) }, 'REQUEST.INVALID', /名称不能超过30个字/],
      ['createNode', { parentId: 'org-nowhere', name: '某小区' }, 'ORG.UNKNOWN_NODE', /找不到这个组织节点/],
      ['createNode', { parentId: 'org-beimen-b1', name: '某单元' }, 'REQUEST.INVALID', /楼栋下不能再建下级组织/],
      ['renameNode', { id: 'org-nowhere', name: '某小区' }, 'ORG.UNKNOWN_NODE', /找不到这个组织节点/],
      ['listChildren', { parentId: 'org-nowhere' }, 'ORG.UNKNOWN_NODE', /找不到这个组织节点/],
      ['createNode', { parentId: 'org-beimen' }, 'REQUEST.INVALID', /缺少必填项|格式不正确/],
    ]
    for (const [action, input, code, message] of cases) {
      const { result } = await org(action, input, 'demo-community-admin')
      expect(result).toMatchObject({ code })
      expect(result.message).toMatch(message)
    }
    expect(snapshot()).toEqual(before)
  })
})

describe('a street admin, granted by the county', () => {
  test('赵部长 makes 王秀英 street admin of 龙城街道; she maintains its communities, not 平陵街道; she revokes her own role', async () => {
    const resident = userByOpenid('demo-resident')
    const street = { userId: resident._id, kind: 'street_admin', scopeId: 'org-longcheng' }
    expect((await org('grantRole', street, 'demo-county-admin')).result).toMatchObject({ code: 0, data: { scopeName: '龙城街道' } })

    expect((await org('createNode', { parentId: 'org-longcheng', name: '龙城新社区' }, 'demo-resident')).result).toMatchObject({
      code: 0,
      data: { kind: 'community' },
    })
    expect((await org('createNode', { parentId: 'org-pingling', name: '平陵二村' }, 'demo-resident')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    expect((await org('createNode', { parentId: 'org-longmen', name: '新街道' }, 'demo-resident')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    expect((await org('renameNode', { id: 'org-longcheng', name: '龙城' }, 'demo-resident')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    // Community admins of her street only; never a street admin.
    const member = userByOpenid('demo-member')
    expect((await org('grantRole', { userId: member._id, kind: 'community_admin', scopeId: 'org-pingling-sq' }, 'demo-resident')).result).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    })
    expect((await org('grantRole', { userId: member._id, kind: 'street_admin', scopeId: 'org-longcheng' }, 'demo-resident')).result).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    })
    // Pairing within her street.
    expect((await org('pairUnit', { unitId: 'unit-water-co', communityId: 'org-taipingmen' }, 'demo-resident')).result).toMatchObject({
      code: 0,
      data: { changed: true },
    })
    expect((await org('pairUnit', { unitId: 'unit-water-co', communityId: 'org-pingling-sq' }, 'demo-resident')).result).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    })

    // Revoking one's own (last) admin role is allowed: a county admin may revoke street admins, and holds that role here.
    await org('grantRole', { userId: userByOpenid('demo-county-admin')._id, kind: 'street_admin', scopeId: 'org-pingling' }, 'demo-county-admin')
    const own = await org('revokeRole', { userId: userByOpenid('demo-county-admin')._id, kind: 'street_admin', scopeId: 'org-pingling' }, 'demo-county-admin')
    expect(own.result).toMatchObject({ code: 0 })
    expect((await org('revokeRole', street, 'demo-county-admin')).result).toMatchObject({ code: 0 })
    expect(userByOpenid('demo-resident').roles).toEqual([])
  })
})

describe('pairing', () => {
  test('赵部长 pairs 县委宣传部 with 北门社区 and unpairs it; audited', async () => {
    const beimenPairsBefore = (db().collection('stats').findOne({ _id: 'org-beimen' }) as any).all.pairs ?? 0
    const paired = await org('pairUnit', { unitId: 'unit-publicity', communityId: 'org-beimen' }, 'demo-county-admin')
    expect(paired.result).toEqual({ code: 0, data: { unitId: 'unit-publicity', pairedCommunityIds: ['org-taipingmen', 'org-beimen'], changed: true } })
    // 5 as before, + the statistics: one update of the county, street, community and unit counters.
    expect(paired.roundTrips).toBe(6)
    const counters = db().collection('stats').findOne({ _id: 'unit-publicity' }) as any
    expect(counters.all.pairs).toBe(2)
    expect(db().collection('units').findOne({ _id: 'unit-publicity' })).toMatchObject({ pairedCommunityIds: ['org-taipingmen', 'org-beimen'] })

    const again = await org('pairUnit', { unitId: 'unit-publicity', communityId: 'org-beimen' }, 'demo-county-admin')
    expect(again.result).toMatchObject({ code: 0, data: { changed: false } })
    expect(again.roundTrips).toBe(3)

    const unpaired = await org('unpairUnit', { unitId: 'unit-publicity', communityId: 'org-beimen' }, 'demo-county-admin')
    expect(unpaired.result).toEqual({ code: 0, data: { unitId: 'unit-publicity', pairedCommunityIds: ['org-taipingmen'], changed: true } })
    expect(db().collection('units').findOne({ _id: 'unit-publicity' })).toMatchObject({ pairedCommunityIds: ['org-taipingmen'] })
    expect((db().collection('stats').findOne({ _id: 'org-beimen' }) as any).all.pairs ?? 0).toBe(beimenPairsBefore)
    expect(audits('unit-publicity').map((a) => [a.entity, a.action, a.from, a.to])).toEqual([
      ['unit', 'pairUnit', null, 'org-beimen'],
      ['unit', 'unpairUnit', 'org-beimen', null],
    ])
  })

  test('community and unit admins cannot pair; unknown ids are named; nothing written', async () => {
    const before = snapshot()
    for (const openid of ['demo-community-admin', 'demo-unit-admin', 'demo-member']) {
      expect((await org('pairUnit', { unitId: 'unit-publicity', communityId: 'org-beimen' }, openid)).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    }
    expect((await org('pairUnit', { unitId: 'unit-nowhere', communityId: 'org-beimen' }, 'demo-county-admin')).result).toMatchObject({ code: 'ORG.UNKNOWN_UNIT' })
    expect((await org('pairUnit', { unitId: 'unit-publicity', communityId: 'org-beimen-grid-1' }, 'demo-county-admin')).result).toMatchObject({
      code: 'ORG.UNKNOWN_COMMUNITY',
    })
    expect(snapshot()).toEqual(before)
  })
})
