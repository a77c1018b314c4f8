/**
 * The admins' member lists through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts): 李建国 registered at 北门社区 (北门花园2栋) for 县水利局; 黄志明 and 马晓东
 * waiting for 县水利局; 吴芳 waiting for 北门社区; 郑磊 (水务有限公司) waiting for 城南社区.
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

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('members', { action, ...input }, openid)
const FORBIDDEN = { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }

describe('compoundMembers (支部党员)', () => {
  test('孙支书 (the branch of 北门花园小区) lists its registered members: 李建国 in 北门花园2栋, phone masked', async () => {
    const { result, roundTrips } = await call('compoundMembers', { compoundId: 'org-beimen-garden' }, 'demo-branch-admin')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(4)
    expect(result.data.compound).toEqual({ id: 'org-beimen-garden', name: '北门花园小区' })
    expect(result.data.community).toEqual({ id: 'org-beimen', name: '北门社区' })
    expect(result.data.total).toBe(1)
    expect(result.data.items).toEqual([expect.objectContaining({ id: 'reg-demo-member', name: '李建国', phone: '138****1002', reported: true, buildingName: '北门花园2栋', compoundName: '北门花园小区' })])
    expect(result.data.buildings).toEqual([{ compoundId: 'org-beimen-garden', compoundName: '北门花园小区', buildingId: 'org-beimen-b2', buildingName: '北门花园2栋', count: 1 }])
  })

  test('the community admin sees the same compound with whole phones; another compound or no such role is refused', async () => {
    const admin = await call('compoundMembers', { compoundId: 'org-beimen-garden' }, 'demo-community-admin')
    expect(admin.result.data.items).toEqual([expect.objectContaining({ name: '李建国', phone: '13800001002' })])
    expect((await call('compoundMembers', { compoundId: 'org-chengnan-court' }, 'demo-branch-admin')).result).toEqual(FORBIDDEN)
    const member = await call('compoundMembers', { compoundId: 'org-beimen-garden' }, 'demo-member')
    expect(member.result).toEqual(FORBIDDEN)
    expect(member.roundTrips).toBe(1)
    expect((await call('compoundMembers', { compoundId: 'org-nowhere' }, 'demo-branch-admin')).result.code).toBe('ORG.UNKNOWN_NODE')
  })
})

describe('communityMembers', () => {
  test('陈书记 lists 北门社区: 李建国 under 北门花园小区 / 北门花园2栋, counts per building, full phone', async () => {
    const { result, roundTrips } = await call('communityMembers', { communityId: 'org-beimen' }, 'demo-community-admin')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(3)
    expect(result.data.community).toEqual({ id: 'org-beimen', name: '北门社区' })
    expect(result.data.total).toBe(1)
    expect(result.data.items).toEqual([
      expect.objectContaining({
        id: 'reg-demo-member',
        name: '李建国',
        phone: '13800001002',
        reported: true,
        stateLabel: '已报到',
        unitName: '县水利局',
        compoundId: 'org-beimen-garden',
        compoundName: '北门花园小区',
        buildingId: 'org-beimen-b2',
        buildingName: '北门花园2栋',
      }),
    ])
    expect(result.data.buildings).toEqual([
      { compoundId: 'org-beimen-garden', compoundName: '北门花园小区', buildingId: 'org-beimen-b2', buildingName: '北门花园2栋', count: 1 },
    ])
  })

  test('state all, filtered by building and compound; no rows of 城南社区', async () => {
    const all = await call('communityMembers', { communityId: 'org-beimen', state: 'all' }, 'demo-community-admin')
    const names = all.result.data.items.map((i: { name: string }) => i.name)
    expect(names).toEqual(expect.arrayContaining(['李建国', '吴芳', '黄志明', '马晓东']))
    expect(names).not.toContain('郑磊')
    const b1 = await call('communityMembers', { communityId: 'org-beimen', state: 'all', buildingId: 'org-beimen-b1' }, 'demo-community-admin')
    expect(b1.result.data.items.map((i: { name: string }) => i.name)).toEqual(['黄志明'])
    const garden = await call('communityMembers', { communityId: 'org-beimen', state: 'pending', compoundId: 'org-beimen-garden' }, 'demo-community-admin')
    expect(garden.result.data.items.map((i: { name: string }) => i.name).sort()).toEqual(['吴芳', '黄志明'].sort())
    const page = await call('communityMembers', { communityId: 'org-beimen', state: 'all', limit: 1, offset: 1 }, 'demo-community-admin')
    expect(page.result.data.items).toHaveLength(1)
    expect(page.result.data.total).toBe(all.result.data.total)
  })

  test('the county admin reaches it too', async () => {
    const { result } = await call('communityMembers', { communityId: 'org-beimen' }, 'demo-county-admin')
    expect(result.data.items.map((i: { name: string }) => i.name)).toEqual(['李建国'])
  })

  test('陈书记 cannot list 城南社区; nothing leaked', async () => {
    const { result } = await call('communityMembers', { communityId: 'org-chengnan', state: 'all' }, 'demo-community-admin')
    expect(result).toEqual(FORBIDDEN)
  })

  test('刘主任 (a unit admin) and a member cannot list a community, in one round trip', async () => {
    for (const openid of ['demo-unit-admin', 'demo-member', 'never-seen']) {
      const { result, roundTrips } = await call('communityMembers', { communityId: 'org-beimen' }, openid)
      expect(result).toEqual(FORBIDDEN)
      expect(roundTrips).toBe(1)
    }
  })

  test('unknown community and bad input', async () => {
    expect((await call('communityMembers', { communityId: 'org-nope' }, 'demo-community-admin')).result).toEqual({ code: 'ORG.UNKNOWN_COMMUNITY', message: '找不到这个社区' })
    const bad = await call('communityMembers', { communityId: 'org-beimen', state: 'gone' }, 'demo-community-admin')
    expect(bad.result.code).toBe('REQUEST.INVALID')
    expect(bad.result.message).toContain('未知的状态筛选')
  })
})

describe('unitMembers', () => {
  test('刘主任 lists 县水利局: 李建国 reported, the pending ones not, with counts', async () => {
    const { result, roundTrips } = await call('unitMembers', { unitId: 'unit-water-bureau' }, 'demo-unit-admin')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(3)
    expect(result.data.unit).toEqual({ id: 'unit-water-bureau', name: '县水利局' })
    const byName = Object.fromEntries(result.data.items.map((i: { name: string }) => [i.name, i]))
    // The account orders.passToMember names: registered members only.
    expect(byName['李建国']).toMatchObject({ reported: true, communityName: '北门社区', phone: '13800001002', userId: 'user-demo-member' })
    expect(byName['黄志明']).toMatchObject({ reported: false, state: 'pending_unit', userId: null })
    expect(byName['吴芳']).toMatchObject({ reported: false, state: 'pending_community', userId: null })
    expect(byName['郑磊']).toBeUndefined()
    expect(result.data.counts).toEqual({ total: 4, registered: 1, pending: 3 })
  })

  test('刘主任 cannot list 水务有限公司; unknown unit', async () => {
    expect((await call('unitMembers', { unitId: 'unit-water-co' }, 'demo-unit-admin')).result).toEqual(FORBIDDEN)
    expect((await call('unitMembers', { unitId: 'unit-nope' }, 'demo-unit-admin')).result).toEqual({ code: 'ORG.UNKNOWN_UNIT', message: '找不到这个单位' })
    const { result, roundTrips } = await call('unitMembers', { unitId: 'unit-water-bureau' }, 'demo-community-admin')
    expect(result).toEqual(FORBIDDEN)
    expect(roundTrips).toBe(1)
  })

  test('the county admin lists any unit of the county', async () => {
    const { result } = await call('unitMembers', { unitId: 'unit-water-co' }, 'demo-county-admin')
    expect(result.data.items.map((i: { name: string }) => i.name)).toEqual(['郑磊'])
  })
})

describe('pairedUnits', () => {
  test('北门社区 is paired with 县水利局, 1 registered member there', async () => {
    const { result, roundTrips } = await call('pairedUnits', { communityId: 'org-beimen' }, 'demo-community-admin')
    expect(roundTrips).toBe(4)
    expect(result).toEqual({
      code: 0,
      data: { community: { id: 'org-beimen', name: '北门社区' }, units: [{ id: 'unit-water-bureau', name: '县水利局', kind: '机关', registered: 1 }] },
    })
  })

  test('out of scope and unknown', async () => {
    expect((await call('pairedUnits', { communityId: 'org-chengnan' }, 'demo-community-admin')).result).toEqual(FORBIDDEN)
    expect((await call('pairedUnits', { communityId: 'org-nope' }, 'demo-community-admin')).result.code).toBe('ORG.UNKNOWN_COMMUNITY')
  })
})

describe('search', () => {
  test('by a name fragment and by a phone fragment, in the community and in the unit', async () => {
    const byName = await call('search', { scope: 'community', scopeId: 'org-beimen', q: '建国' }, 'demo-community-admin')
    expect(byName.roundTrips).toBe(3)
    expect(byName.result.data.items.map((i: { name: string }) => i.name)).toEqual(['李建国'])
    expect(byName.result.data.items[0]).toMatchObject({ buildingName: '北门花园2栋', compoundName: '北门花园小区', phone: '13800001002' })
    const byPhone = await call('search', { scope: 'community', scopeId: 'org-beimen', q: '01002' }, 'demo-community-admin')
    expect(byPhone.result.data.items.map((i: { name: string }) => i.name)).toEqual(['李建国'])
    const unit = await call('search', { scope: 'unit', scopeId: 'unit-water-bureau', q: '建国' }, 'demo-unit-admin')
    expect(unit.roundTrips).toBe(3)
    expect(unit.result.data.items.map((i: { name: string }) => i.name)).toEqual(['李建国'])
  })

  test('regex metacharacters are literal: ".*" matches nobody', async () => {
    for (const q of ['.*', '^1', '[0-9]', '(', '\\d']) {
      const { result } = await call('search', { scope: 'community', scopeId: 'org-beimen', q }, 'demo-community-admin')
      expect(result).toEqual({ code: 0, data: { items: [] } })
    }
  })

  test('out of scope, no match leaked; bad queries', async () => {
    expect((await call('search', { scope: 'community', scopeId: 'org-chengnan', q: '郑' }, 'demo-community-admin')).result).toEqual(FORBIDDEN)
    expect((await call('search', { scope: 'unit', scopeId: 'unit-water-co', q: '郑' }, 'demo-unit-admin')).result).toEqual(FORBIDDEN)
    const empty = await call('search', { scope: 'community', scopeId: 'org-beimen', q: '  ' }, 'demo-community-admin')
    expect(empty.result).toMatchObject({ code: 'REQUEST.INVALID' })
    expect(empty.result.message).toContain('请输入姓名或手机号')
    const long = await call('search', { scope: 'community', scopeId: 'org-beimen', q: '一'.repeat(21) }, 'demo-community-admin')
    expect(long.result.message).toContain('搜索内容不能超过20个字')
  })
})

describe('phone masking', () => {
  test('full for the admins who may call (member.viewPhone), masked otherwise', async () => {
    const masked = (await import('../../../domain/users')).maskPhone('13800001002')
    expect(masked).toBe('138****1002')
    // Every role that may list may also call (member.viewPhone has the same scopes), so lists show full
    // numbers; the mask applies row by row where it does not (toMemberRow in rows.ts).
    const { toMemberRow } = await import('./rows')
    const row = { _id: 'x', state: 'registered', name: '李建国', phone: '13800001002', unitId: 'u', unitName: 'U', unitCountyId: 'c', communityId: 'm', communityName: 'M', communityLineage: [], skills: [], createdAt: new Date(0) } as never
    expect(toMemberRow(row, false).phone).toBe('138****1002')
    expect(toMemberRow(row, true).phone).toBe('13800001002')
  })
})

describe('member accounts (userId) on the rows', () => {
  test('an imported registered member nobody has claimed has no account: userId null; round trips unchanged', async () => {
    await stack.emulator.db.collection('registrations').insertOne({
      _id: 'reg-imported-qian',
      userId: null,
      state: 'registered',
      name: '钱导入',
      phone: '13800009999',
      unitId: 'unit-water-bureau',
      unitName: '县水利局',
      unitCountyId: 'org-longmen',
      communityId: 'org-beimen',
      communityName: '北门社区',
      communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'],
      buildingId: null,
      skills: [],
      createdAt: new Date('2026-11-02T00:00:00Z'),
    })
    const { result, roundTrips } = await call('unitMembers', { unitId: 'unit-water-bureau' }, 'demo-unit-admin')
    expect(roundTrips).toBe(3)
    const byName = Object.fromEntries(result.data.items.map((i: { name: string }) => [i.name, i]))
    expect(byName['钱导入']).toMatchObject({ reported: true, userId: null })
    expect(byName['李建国']).toMatchObject({ reported: true, userId: 'user-demo-member' })
    const community = await call('communityMembers', { communityId: 'org-beimen' }, 'demo-community-admin')
    expect(community.roundTrips).toBe(3)
    expect(community.result.data.items.map((i: { name: string; userId: string | null }) => [i.name, i.userId]).sort()).toEqual([
      ['李建国', 'user-demo-member'],
      ['钱导入', null],
    ])
  })
})

// Issue 10, defect 4: a list asked for a scope the caller does not hold is refused, never an
// empty page (an empty page would say "nobody here" about a place the caller cannot see).
describe('every list out of the caller\'s scope: AUTH.FORBIDDEN, not an empty list', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['communityMembers', { communityId: 'org-chengnan' }, 'demo-community-admin'],
    ['communityMembers', { communityId: 'org-chengnan', state: 'all', buildingId: 'org-chengnan-b1' }, 'demo-community-admin'],
    ['communityMembers', { communityId: 'org-pingling-sq' }, 'demo-street-admin'],
    ['communityMembers', { communityId: 'org-beimen' }, 'demo-unit-admin'],
    ['unitMembers', { unitId: 'unit-water-co' }, 'demo-unit-admin'],
    ['unitMembers', { unitId: 'unit-water-bureau' }, 'demo-community-admin'],
    ['pairedUnits', { communityId: 'org-chengnan' }, 'demo-community-admin'],
    ['pairedUnits', { communityId: 'org-pingling-sq' }, 'demo-street-admin'],
    ['search', { scope: 'community', scopeId: 'org-chengnan', q: '1' }, 'demo-community-admin'],
    ['search', { scope: 'unit', scopeId: 'unit-water-co', q: '1' }, 'demo-unit-admin'],
    ['search', { scope: 'community', scopeId: 'org-beimen', q: '1' }, 'demo-member'],
  ])('%s %j by %s', async (action, input, openid) => {
    const { result } = await call(action, input, openid)
    expect(result).toEqual(FORBIDDEN)
  })
})
