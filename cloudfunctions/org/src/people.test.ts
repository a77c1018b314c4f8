/**
 * The role page's reads (listRoleHolders, findPeople) through the built org function against the
 * emulator seeded with the demo county: visibility follows GRANTABLE_BY, phones member.viewPhone,
 * and reads write nothing. Tests run in order and share one store.
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
const userId = (openid: string) => (db().collection('users').findOne({ openid }) as { _id: string })._id
const snapshot = () => ({ users: db().collection('users').find({}), audit: db().collection('audit').count({}) })

describe('listRoleHolders', () => {
  test('陈书记 at 北门社区: the grid worker and the branch admin below it, full phones; grantable roles at the community: none', async () => {
    const { result, roundTrips } = await org('listRoleHolders', { scopeId: 'org-beimen' }, 'demo-community-admin')
    expect(result.code).toBe(0)
    expect(result.data.node).toEqual({ id: 'org-beimen', kind: 'community', name: '北门社区', parentId: 'org-longcheng' })
    expect(result.data.grantable).toEqual([])
    // Not 陈书记 herself: a community admin cannot grant community_admin, so does not see it.
    expect(result.data.items).toEqual([
      { userId: userId('demo-branch-admin'), name: '孙丽', phone: '13800001007', kind: 'branch_admin', label: '支部管理员', scopeId: 'org-beimen-garden', scopeName: '北门花园小区', scopeKind: 'compound' },
      { userId: userId('demo-grid'), name: '张敏', phone: '13800001003', kind: 'grid_worker', label: '网格员', scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格', scopeKind: 'grid' },
    ])
    expect(roundTrips).toBe(4)
  })

  test('at a grid the form offers 网格员; at a building 楼栋长', async () => {
    const grid = await org('listRoleHolders', { scopeId: 'org-beimen-grid-1' }, 'demo-community-admin')
    expect(grid.result.data.grantable).toEqual(['grid_worker'])
    expect(grid.result.data.items.map((h: { name: string }) => h.name)).toEqual(['张敏'])
    const building = await org('listRoleHolders', { scopeId: 'org-beimen-b1' }, 'demo-community-admin')
    expect(building.result.data).toMatchObject({ grantable: ['building_head'], items: [] })
  })

  test('钱主任 at 龙城街道 sees the community admins of its communities (not the grid workers); 赵部长 at the county sees them too', async () => {
    const street = await org('listRoleHolders', { scopeId: 'org-longcheng' }, 'demo-street-admin')
    expect(street.result.data.items.map((h: { name: string; kind: string; scopeName: string }) => [h.name, h.kind, h.scopeName])).toEqual([
      ['陈红', 'community_admin', '北门社区'],
      ['周涛', 'community_admin', '城南社区'],
    ])
    expect(street.result.data.grantable).toEqual([])
    const community = await org('listRoleHolders', { scopeId: 'org-beimen' }, 'demo-street-admin')
    expect(community.result.data.grantable).toEqual(['community_admin'])

    const county = await org('listRoleHolders', { scopeId: 'org-longmen' }, 'demo-county-admin')
    expect(county.result.data.grantable).toEqual([])
    expect(county.result.data.items.map((h: { name: string; kind: string }) => [h.name, h.kind])).toEqual(
      expect.arrayContaining([
        ['钱伟', 'street_admin'],
        ['陈红', 'community_admin'],
      ]),
    )
  })

  test("赵部长 at 龙门县 also sees the county's unit admins and may grant 单位管理员 on its units; the street admin gets no units", async () => {
    const { result, roundTrips } = await org('listRoleHolders', { scopeId: 'org-longmen' }, 'demo-county-admin')
    expect(result.data.grantableUnits).toEqual([
      { id: 'unit-water-co', name: '水务有限公司' },
      { id: 'unit-publicity', name: '县委宣传部' },
      { id: 'unit-water-bureau', name: '县水利局' },
    ].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')))
    expect(result.data.items).toContainEqual({
      userId: userId('demo-unit-admin'), name: '刘洋', phone: '13800001005', kind: 'unit_admin', label: '单位管理员',
      scopeId: 'unit-water-bureau', scopeName: '县水利局', scopeKind: 'unit',
    })
    expect(roundTrips).toBe(5)
    const street = await org('listRoleHolders', { scopeId: 'org-longcheng' }, 'demo-street-admin')
    expect(street.result.data.grantableUnits).toEqual([])
    expect(street.roundTrips).toBe(4)
  })

  test('forbidden out of scope or without a granting role; unknown node; bad input; nothing written', async () => {
    const before = snapshot()
    for (const [input, openid, code] of [
      [{ scopeId: 'org-chengnan' }, 'demo-community-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-longcheng' }, 'demo-community-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-pingling' }, 'demo-street-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-beimen' }, 'demo-grid', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-beimen' }, 'demo-unit-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-beimen' }, 'demo-resident', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-nowhere' }, 'demo-community-admin', 'ORG.UNKNOWN_NODE'],
      [{ scopeId: 'org beimen' }, 'demo-community-admin', 'REQUEST.INVALID'],
      [{}, 'demo-community-admin', 'REQUEST.INVALID'],
      [{ scopeId: 'org-beimen', extra: 1 }, 'demo-community-admin', 'REQUEST.INVALID'],
    ] as const) {
      expect([input, openid, (await org('listRoleHolders', input, openid)).result.code]).toEqual([input, openid, code])
    }
    expect(snapshot()).toEqual(before)
  })

  test('a grant shows at once; a revoke removes it', async () => {
    const member = userId('demo-member')
    const role = { userId: member, kind: 'building_head', scopeId: 'org-beimen-b2' }
    expect((await org('grantRole', role, 'demo-community-admin')).result.code).toBe(0)
    const after = await org('listRoleHolders', { scopeId: 'org-beimen-b2' }, 'demo-community-admin')
    expect(after.result.data.items).toEqual([expect.objectContaining({ userId: member, name: '李建国', kind: 'building_head', label: '楼栋长', scopeName: '北门花园2栋' })])
    expect((await org('revokeRole', role, 'demo-community-admin')).result.code).toBe(0)
    expect((await org('listRoleHolders', { scopeId: 'org-beimen-b2' }, 'demo-community-admin')).result.data.items).toEqual([])
  })
})

describe('findPeople', () => {
  test('陈书记 finds 李建国 by a name fragment at a grid of 北门社区, with his full phone and where he is from', async () => {
    const { result, roundTrips } = await org('findPeople', { scopeId: 'org-beimen-grid-1', q: '建国' }, 'demo-community-admin')
    expect(result).toEqual({ code: 0, data: { items: [{ userId: userId('demo-member'), name: '李建国', phone: '13800001002', place: '县水利局 · 北门社区' }] } })
    expect(roundTrips).toBe(3)
  })

  test('a phone fragment finds the people of the community only (郑磊 is in 城南社区)', async () => {
    const { result } = await org('findPeople', { scopeId: 'org-beimen', q: '1380000101' }, 'demo-community-admin')
    expect(result.data.items.map((p: { name: string }) => p.name).sort()).toEqual(['吴芳', '马晓东', '黄志明'].sort())
    const other = await org('findPeople', { scopeId: 'org-beimen', q: '郑磊' }, 'demo-community-admin')
    expect(other.result.data.items).toEqual([])
  })

  test('a full phone number finds anyone, with the phone masked and no place (王秀英 has no registration)', async () => {
    const { result, roundTrips } = await org('findPeople', { scopeId: 'org-beimen-grid-1', q: '13800001001' }, 'demo-community-admin')
    expect(result.data.items).toEqual([{ userId: userId('demo-resident'), name: '王秀英', phone: '138****1001', place: '' }])
    expect(roundTrips).toBe(4)
  })

  test("with scope 'unit', 赵部长 finds a unit's own members (for 单位管理员); 陈书记 may not", async () => {
    const { result, roundTrips } = await org('findPeople', { scopeId: 'unit-water-bureau', scope: 'unit', q: '黄' }, 'demo-county-admin')
    expect(result.data.items).toEqual([{ userId: userId('seed-huang-zhiming'), name: '黄志明', phone: '13800001011', place: '县水利局 · 北门社区' }])
    expect(roundTrips).toBe(3)
    expect((await org('findPeople', { scopeId: 'unit-water-co', scope: 'unit', q: '黄' }, 'demo-county-admin')).result.data.items).toEqual([])
    for (const [input, openid, code] of [
      [{ scopeId: 'unit-water-bureau', scope: 'unit', q: '黄' }, 'demo-community-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'unit-water-bureau', scope: 'unit', q: '黄' }, 'demo-street-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'unit-nowhere', scope: 'unit', q: '黄' }, 'demo-county-admin', 'ORG.UNKNOWN_UNIT'],
      [{ scopeId: 'unit-water-bureau', scope: 'county', q: '黄' }, 'demo-county-admin', 'REQUEST.INVALID'],
    ] as const) {
      expect([input, openid, (await org('findPeople', input, openid)).result.code]).toEqual([input, openid, code])
    }
  })

  test('regex metacharacters are literal', async () => {
    expect((await org('findPeople', { scopeId: 'org-beimen', q: '.*' }, 'demo-community-admin')).result.data.items).toEqual([])
  })

  test('forbidden, unknown, bad input; nothing written', async () => {
    const before = snapshot()
    for (const [input, openid, code] of [
      [{ scopeId: 'org-chengnan', q: '郑磊' }, 'demo-community-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-beimen', q: '建国' }, 'demo-member', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-beimen', q: '建国' }, 'demo-unit-admin', 'AUTH.FORBIDDEN'],
      [{ scopeId: 'org-nowhere', q: '建国' }, 'demo-community-admin', 'ORG.UNKNOWN_NODE'],
      [{ scopeId: 'org-beimen', q: '   ' }, 'demo-community-admin', 'REQUEST.INVALID'],
      [{ scopeId: 'org-beimen', q: '一二三四五六七八九十一二三四五六七八九十一' }, 'demo-community-admin', 'REQUEST.INVALID'],
      [{ scopeId: 'org-beimen' }, 'demo-community-admin', 'REQUEST.INVALID'],
    ] as const) {
      expect([input, openid, (await org('findPeople', input, openid)).result.code]).toEqual([input, openid, code])
    }
    const { result } = await org('findPeople', { scopeId: 'org-beimen', q: '' }, 'demo-community-admin')
    expect(result).toMatchObject({ code: 'REQUEST.INVALID', details: [{ path: 'q', message: '请输入姓名或手机号' }] })
    expect(snapshot()).toEqual(before)
  })
})

// The users and org_nodes reads go through indexes (users.role_scope_kind over the roles array,
// users.phone, org_nodes.path_kind over the path array): a county's worth of other people is
// never read. Last in the file: it adds people the tests above do not expect.
describe('reads by index', () => {
  test('listRoleHolders and findPeople read only the people they answer about, with 3,000 others in the database', async () => {
    const others = Array.from({ length: 3_000 }, (_v, i) => ({
      _id: `user-other-${i}`,
      openid: `other-${i}`,
      name: `其他人${i}`,
      phone: `139${String(i).padStart(8, '0')}`,
      roles: i % 3 === 0 ? [] : [{ kind: i % 2 ? 'grid_worker' : 'community_admin', scopeId: `org-far-${i % 40}`, scopeName: '别处' }, ...(i % 5 === 0 ? [{ kind: 'building_head', scopeId: `org-far-b${i}`, scopeName: '别处楼栋' }] : [])],
    }))
    await db().collection('users').insertMany(others)
    const users = db().collection('users').count({})
    const nodes = db().collection('org_nodes').count({})

    db().resetStats()
    const { result } = await org('listRoleHolders', { scopeId: 'org-beimen' }, 'demo-community-admin')
    expect(result.data.items.map((h: { name: string }) => h.name)).toEqual(['孙丽', '张敏'])
    const holders = db().stats()
    // The caller (with its registration), the node, the nodes under it, the role holders: every read on an index.
    expect(holders.indexedQueries).toBe(holders.queries)
    // At most the caller and their registration, the node, the nodes under it and the people holding a role there.
    const under = db().collection('org_nodes').count({ path: 'org-beimen' })
    const holding = db().collection('users').count({ 'roles.scopeId': { $in: ['org-beimen', ...db().collection('org_nodes').find({ path: 'org-beimen' }).map((n) => n._id)] } })
    expect(holders.docsScanned).toBeLessThanOrEqual(2 + 1 + under + holding)
    expect(holders.docsScanned).toBeLessThan(nodes)
    expect(users).toBeGreaterThan(3_000)

    db().resetStats()
    const byPhone = await org('findPeople', { scopeId: 'org-beimen', q: '13900001234' }, 'demo-community-admin')
    expect(byPhone.result.data.items).toEqual([{ userId: 'user-other-1234', name: '其他人1234', phone: '139****1234', place: '' }])
    expect(db().collection('users').explain({ phone: '13900001234' })).toMatchObject({ index: 'phone', docsScanned: 1 })
  })
})

// Issue 10, defect 4: a list asked for a scope the caller does not hold is refused, never an empty list.
describe('every list out of the caller\'s scope: AUTH.FORBIDDEN, not an empty list', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['listRoleHolders', { scopeId: 'org-chengnan' }, 'demo-community-admin'],
    ['listRoleHolders', { scopeId: 'org-pingling-sq' }, 'demo-street-admin'],
    ['listRoleHolders', { scopeId: 'org-longmen' }, 'demo-street-admin'],
    ['findPeople', { scopeId: 'org-chengnan', q: '1' }, 'demo-community-admin'],
    ['findPeople', { scopeId: 'org-pingling-sq', q: '1' }, 'demo-street-admin'],
    ['findPeople', { scopeId: 'unit-water-bureau', scope: 'unit', q: '1' }, 'demo-community-admin'],
  ])('%s %j by %s', async (action, input, openid) => {
    expect((await org(action, input, openid)).result).toEqual({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' })
  })
})
