/**
 * The registration function as deployed: the built bundle, run by the runner, against the real
 * emulator seeded with the demo county. Round trips are the emulator's counts for each call.
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

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('registration', { action, ...input }, openid)
const db = () => stack.emulator.db
const LIVE = { $in: ['pending_unit', 'pending_community', 'registered'] }

const input = (over: Record<string, unknown> = {}) => ({
  name: '林晓',
  phone: '13912345678',
  unitId: 'unit-water-bureau',
  communityId: 'org-beimen',
  buildingId: 'org-beimen-b1',
  skills: ['教育辅导', '电脑网络'],
  skillNote: '可以辅导初中数学',
  freeTime: ['周末白天'],
  ...over,
})

/** Counts of what a refused call must not have touched. */
function snapshot(openid: string) {
  return {
    registrations: db().collection('registrations').count({}),
    users: db().collection('users').count({}),
    person: db().collection('users').find({ openid }),
  }
}

describe('the whole flow: register, unit confirms, community confirms', () => {
  let id: string

  test('demo-newcomer is not a user until they register', async () => {
    expect(db().collection('users').count({ openid: 'demo-newcomer' })).toBe(0)
    expect((await call('myCard', {}, 'demo-newcomer')).result).toEqual({ code: 0, data: null })
    expect(db().collection('users').count({ openid: 'demo-newcomer' })).toBe(0)
  })

  test('registering creates the person and a pending registration', async () => {
    const { result, roundTrips } = await call('register', input(), 'demo-newcomer')
    expect(result.code).toBe(0)
    const card = result.data
    id = card.id
    expect(card).toMatchObject({
      state: 'pending_unit',
      stateLabel: '待单位确认',
      name: '林晓',
      phoneMasked: '139****5678',
      unit: { id: 'unit-water-bureau', name: '县水利局' },
      community: { id: 'org-beimen', name: '北门社区' },
      building: { id: 'org-beimen-b1', name: '北门花园1栋' },
      skills: ['教育辅导', '电脑网络'],
      skillNote: '可以辅导初中数学',
      freeTime: ['周末白天'],
      missing: ['等待工作单位党组织确认', '等待社区党委确认'],
      reason: null,
      qrPayload: `reg:${id}`,
      history: [{ verb: 'submit', from: null, to: 'pending_unit', byName: '林晓' }],
    })
    expect(card.qrPayload.length).toBeLessThanOrEqual(32)
    // Reads of the person, the unit, the org nodes and imported registrations with this phone
    // (together); create the person; claim; insert.
    expect(roundTrips).toBe(7)

    const [person] = db().collection('users').find({ openid: 'demo-newcomer' })
    expect(person).toMatchObject({ name: '林晓', phone: '13912345678', liveRegistrationId: id })
    const stored = db().collection('registrations').findOne({ _id: id })!
    expect(stored).toMatchObject({
      userId: person._id,
      unitCountyId: 'org-longmen',
      communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'],
      buildingName: '北门花园1栋',
      state: 'pending_unit',
    })
    expect(stored.history[0]).toMatchObject({ verb: 'submit', by: person._id, byName: '林晓' })
  })

  test('myCard shows it with what is missing, in one round trip (the caller read joins the live registration)', async () => {
    const { result, roundTrips } = await call('myCard', {}, 'demo-newcomer')
    expect(result.data).toMatchObject({ id, state: 'pending_unit', missing: ['等待工作单位党组织确认', '等待社区党委确认'] })
    expect(roundTrips).toBe(1)
  })

  test('the unit admin sees them, with the full phone, and confirms in two round trips', async () => {
    const list = await call('listPending', { scope: 'unit', scopeId: 'unit-water-bureau' }, 'demo-unit-admin')
    // One aggregation: the caller, the unit, the page and the total.
    expect(list.roundTrips).toBe(1)
    const item = list.result.data.items.find((i: { id: string }) => i.id === id)
    expect(item).toMatchObject({ name: '林晓', phone: '13912345678', state: 'pending_unit', unitName: '县水利局', communityName: '北门社区', buildingName: '北门花园1栋' })
    expect(list.result.data.total).toBe(3)

    const { result, roundTrips } = await call('confirmUnit', { ids: [id] }, 'demo-unit-admin')
    expect(result).toEqual({ code: 0, data: { done: [id], failed: [] } })
    expect(roundTrips).toBeLessThanOrEqual(2)
    expect(roundTrips).toBe(2)
    expect((await call('myCard', {}, 'demo-newcomer')).result.data).toMatchObject({ state: 'pending_community', stateLabel: '待社区确认', missing: ['等待社区党委确认'] })
  })

  test('the community admin sees them and confirms in two round trips; the member role follows, derived', async () => {
    const before = await stack.call('users', { action: 'whoami' }, 'demo-newcomer')
    expect(before.result.data.roles.map((r: { kind: string }) => r.kind)).toEqual(['resident'])
    const list = await call('listPending', { scope: 'community', scopeId: 'org-beimen' }, 'demo-community-admin')
    expect(list.roundTrips).toBe(1)
    expect(list.result.data.items.map((i: { id: string }) => i.id)).toContain(id)
    expect(list.result.data.items.find((i: { id: string }) => i.id === id).phone).toBe('13912345678')

    const { result, roundTrips } = await call('confirmCommunity', { ids: [id] }, 'demo-community-admin')
    expect(result).toEqual({ code: 0, data: { done: [id], failed: [] } })
    // Read the caller, the conditional state change. No role is written.
    expect(roundTrips).toBe(2)
    expect(db().collection('users').findOne({ openid: 'demo-newcomer' })!.roles).toEqual([])

    const card = (await call('myCard', {}, 'demo-newcomer')).result.data
    expect(card).toMatchObject({ state: 'registered', stateLabel: '已报到', missing: [], reason: null })
    expect(card.history.map((h: { verb: string; byName: string; from: string | null; to: string }) => [h.verb, h.from, h.to, h.byName])).toEqual([
      ['submit', null, 'pending_unit', '林晓'],
      ['confirmUnit', 'pending_unit', 'pending_community', '刘洋'],
      ['confirmCommunity', 'pending_community', 'registered', '陈红'],
    ])
    for (const h of card.history) expect(new Date(h.at).toISOString()).toBe(h.at)

    const who = await stack.call('users', { action: 'whoami' }, 'demo-newcomer')
    expect(who.result.data).toMatchObject({ displayName: '林晓', phoneMasked: '139****5678', activeRole: 'member' })
    expect(who.result.data.roles).toContainEqual({ kind: 'member', scopeId: 'org-beimen', scopeName: '北门社区', label: '在职党员' })
    expect(who.roundTrips).toBe(1)
    // Held, so it can be switched to.
    expect((await stack.call('users', { action: 'switchRole', role: 'member' }, 'demo-newcomer')).result).toMatchObject({ code: 0, data: { activeRole: 'member' } })
  })

  test('confirming again is an invalid transition, and the role is not there twice', async () => {
    const { result } = await call('confirmCommunity', { ids: [id] }, 'demo-community-admin')
    expect(result.data).toEqual({ done: [], failed: [{ id, code: 'REGISTRATION.INVALID_TRANSITION', message: expect.stringContaining('已报到') }] })
    const again = await call('confirmUnit', { ids: [id] }, 'demo-unit-admin')
    expect(again.result.data.failed).toEqual([{ id, code: 'REGISTRATION.INVALID_TRANSITION', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }])
    const who = await stack.call('users', { action: 'whoami' }, 'demo-newcomer')
    expect(who.result.data.roles.filter((r: { kind: string }) => r.kind === 'member')).toHaveLength(1)
    expect(db().collection('registrations').findOne({ _id: id })!.history).toHaveLength(3)
  })

  test('registering twice is refused; still exactly one live registration', async () => {
    const before = snapshot('demo-newcomer')
    const { result, roundTrips } = await call('register', input({ communityId: 'org-chengnan', buildingId: undefined }), 'demo-newcomer')
    expect(result).toEqual({ code: 'REGISTRATION.ALREADY_REGISTERED', message: '您已有一份有效的报到，如需更换社区或单位请使用「迁移」' })
    // The caller (with the live registration), the unit, the org nodes and the phone's imported registrations, read together.
    expect(roundTrips).toBe(4)
    expect(snapshot('demo-newcomer')).toEqual(before)
    const [person] = before.person
    expect(db().collection('registrations').count({ userId: person._id, state: LIVE })).toBe(1)
  })

  test('withdrawing closes it, takes the member role back, and frees the person to register again', async () => {
    const { result, roundTrips } = await call('withdraw', {}, 'demo-newcomer')
    expect(result.data).toMatchObject({ id, state: 'withdrawn', stateLabel: '已撤回', missing: ['请重新报到'] })
    expect(result.data.history.at(-1)).toMatchObject({ verb: 'withdraw', from: 'registered', to: 'withdrawn', byName: '林晓' })
    // The caller with the live registration, the state change, the pointer cleared.
    expect(roundTrips).toBe(3)
    const [person] = db().collection('users').find({ openid: 'demo-newcomer' })
    expect(person.liveRegistrationId).toBeNull()
    const who = await stack.call('users', { action: 'whoami' }, 'demo-newcomer')
    expect(who.result.data.roles.map((r: { kind: string }) => r.kind)).toEqual(['resident'])
    // The active role chosen while a member is no longer held: the app opens as a resident.
    expect(who.result.data.activeRole).toBe('resident')

    expect((await call('withdraw', {}, 'demo-newcomer')).result).toMatchObject({ code: 'REGISTRATION.NOT_FOUND', message: expect.stringContaining('撤回') })
    expect((await call('myCard', {}, 'demo-newcomer')).result.data).toMatchObject({ id, state: 'withdrawn' })

    const again = await call('register', input({ buildingId: 'org-beimen-b2' }), 'demo-newcomer')
    expect(again.result.data).toMatchObject({ state: 'pending_unit', building: { name: '北门花园2栋' } })
    expect(again.roundTrips).toBe(6)
    expect(db().collection('registrations').count({ userId: person._id, state: LIVE })).toBe(1)
    expect((await call('myCard', {}, 'demo-newcomer')).result.data.id).toBe(again.result.data.id)
  })
})

describe('one live registration per person, under fire', () => {
  test('ten simultaneous first registrations make one person and one registration', async () => {
    const before = db().collection('registrations').count({})
    const results = await Promise.all(Array.from({ length: 10 }, () => call('register', input({ name: '韩梅' }), 'racing-newcomer')))
    const codes = results.map((r) => r.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(1)
    expect(codes.filter((c) => c === 'REGISTRATION.ALREADY_REGISTERED')).toHaveLength(9)
    expect(db().collection('users').count({ openid: 'racing-newcomer' })).toBe(1)
    const [person] = db().collection('users').find({ openid: 'racing-newcomer' })
    expect(db().collection('registrations').count({ userId: person._id, state: LIVE })).toBe(1)
    // The losers never inserted anything: the claim comes before the insert.
    expect(db().collection('registrations').count({})).toBe(before + 1)
    expect(person.liveRegistrationId).toBe(results.find((r) => r.result.code === 0)!.result.data.id)
  })

  test('a pointer left by a registration that ended elsewhere does not block a new one', async () => {
    // As if a crash had come between closing a registration and clearing the pointer.
    await db().collection('users').insertOne({ _id: 'user-stale', openid: 'stale-pointer', roles: [], liveRegistrationId: 'reg-that-ended', createdAt: new Date(), updatedAt: new Date() })
    const { result } = await call('register', input({ name: '陶然' }), 'stale-pointer')
    expect(result.data).toMatchObject({ state: 'pending_unit', name: '陶然' })
    expect(db().collection('users').findOne({ _id: 'user-stale' })!.liveRegistrationId).toBe(result.data.id)
  })
})

describe('bad input: a precise code, a Chinese message, nothing written', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['malformed phone', input({ phone: '1391234' }), 'REQUEST.INVALID', /手机号/],
    ['phone with letters', input({ phone: '1391234567a' }), 'REQUEST.INVALID', /手机号/],
    ['empty name', input({ name: '' }), 'REQUEST.INVALID', /姓名/],
    ['blank name', input({ name: '   ' }), 'REQUEST.INVALID', /姓名/],
    ['unknown skill', input({ skills: ['开挖掘机'] }), 'REQUEST.INVALID', /特长/],
    ['an id with a query in it', input({ unitId: { $ne: null } }), 'REQUEST.INVALID', /编号/],
    ['an undeclared field', input({ state: 'registered' }), 'REQUEST.INVALID', /请求格式不正确/],
    ['unknown unit', input({ unitId: 'unit-nope' }), 'ORG.UNKNOWN_UNIT', /^找不到这个单位$/],
    ['unknown community', input({ communityId: 'org-nope', buildingId: undefined }), 'ORG.UNKNOWN_COMMUNITY', /^找不到这个社区$/],
    ['a street as the community', input({ communityId: 'org-longcheng', buildingId: undefined }), 'ORG.UNKNOWN_COMMUNITY', /^找不到这个社区$/],
    ['a building of another community', input({ buildingId: 'org-chengnan-b1' }), 'ORG.UNKNOWN_NODE', /^所选楼栋不在北门社区/],
    ['a compound as the building', input({ buildingId: 'org-beimen-garden' }), 'ORG.UNKNOWN_NODE', /楼栋/],
    ['unknown building', input({ buildingId: 'org-nope' }), 'ORG.UNKNOWN_NODE', /楼栋/],
  ]

  test.each(cases)('%s', async (_label, body, code, message) => {
    const before = snapshot('bad-input-person')
    const { result } = await call('register', body, 'bad-input-person')
    expect(result.code).toBe(code)
    expect(result.message).toMatch(message)
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(snapshot('bad-input-person')).toEqual(before)
    expect(before.person).toEqual([])
  })

  test.each([
    ['x:org-beimen', 'REQUEST.INVALID', /邀请码格式不正确/],
    ['c:', 'REQUEST.INVALID', /邀请码格式不正确/],
    ['c:org beimen', 'REQUEST.INVALID', /邀请码格式不正确/],
    ['c:org-gone', 'ORG.INVITE_EXPIRED', /邀请码已失效/],
    ['u:unit-gone', 'ORG.INVITE_EXPIRED', /邀请码已失效/],
    ['c:unit-water-bureau', 'ORG.INVITE_EXPIRED', /邀请码已失效/],
    ['c:org-beimen-b1', 'ORG.INVITE_EXPIRED', /邀请码已失效/],
    ['c:org-longcheng', 'ORG.INVITE_EXPIRED', /邀请码已失效/],
  ])('scene %s → %s', async (scene, code, message) => {
    const before = snapshot('scanner')
    const { result } = await call('resolveInvite', { scene }, 'scanner')
    expect(result).toMatchObject({ code, message: expect.stringMatching(message) })
    expect(snapshot('scanner')).toEqual(before)
  })

  test('a rejection needs a reason', async () => {
    const before = db().collection('registrations').findOne({ _id: 'reg-ma-xiaodong' })
    // A missing key is reported by the object schema of the contract (valibot's own words, with the field named).
    const missing = await call('rejectUnit', { id: 'reg-ma-xiaodong' }, 'demo-unit-admin')
    expect(missing.result).toMatchObject({ code: 'REQUEST.INVALID', message: expect.stringContaining('请求格式不正确（reason）') })
    for (const body of [{ id: 'reg-ma-xiaodong', reason: '' }, { id: 'reg-ma-xiaodong', reason: ' 否 ' }, { id: 'reg-ma-xiaodong', reason: 42 }]) {
      const { result } = await call('rejectUnit', body, 'demo-unit-admin')
      expect(result.code).toBe('REQUEST.INVALID')
      expect(result.message).toMatch(/原因/)
    }
    expect(db().collection('registrations').findOne({ _id: 'reg-ma-xiaodong' })).toEqual(before)
  })

  test('confirming nothing, or too many at once, is refused by the schema', async () => {
    expect((await call('confirmUnit', { ids: [] }, 'demo-unit-admin')).result.code).toBe('REQUEST.INVALID')
    const many = Array.from({ length: 101 }, (_, i) => `reg-${i}`)
    expect((await call('confirmUnit', { ids: many }, 'demo-unit-admin')).result).toMatchObject({ code: 'REQUEST.INVALID', message: expect.stringContaining('100') })
  })
})

describe('invitations and options', () => {
  test('a community scene and a unit scene, one round trip each', async () => {
    const c = await call('resolveInvite', { scene: 'c:org-beimen' }, 'scanner')
    expect(c.result).toEqual({ code: 0, data: { kind: 'community', id: 'org-beimen', name: '北门社区' } })
    expect(c.roundTrips).toBe(1)
    const u = await call('resolveInvite', { scene: 'u:unit-water-bureau' }, 'scanner')
    expect(u.result).toEqual({ code: 0, data: { kind: 'unit', id: 'unit-water-bureau', name: '县水利局' } })
    expect(u.roundTrips).toBe(1)
  })

  test('options list the county, and the buildings of the chosen community with their compound', async () => {
    const { result, roundTrips } = await call('options', { communityId: 'org-beimen' }, 'scanner')
    expect(roundTrips).toBe(2)
    const data = result.data
    expect(data.communities).toEqual(
      expect.arrayContaining([
        { id: 'org-beimen', name: '北门社区', streetName: '龙城街道' },
        { id: 'org-chengnan', name: '城南社区', streetName: '龙城街道' },
        { id: 'org-taipingmen', name: '太平门社区', streetName: '龙城街道' },
        { id: 'org-pingling-sq', name: '平陵社区', streetName: '平陵街道' },
      ]),
    )
    expect(data.communities).toHaveLength(4)
    expect(data.units.map((u: { name: string }) => u.name).sort()).toEqual(['县委宣传部', '县水利局', '水务有限公司'].sort())
    expect(data.units).toContainEqual({ id: 'unit-water-bureau', name: '县水利局', kind: '机关' })
    expect(data.buildings).toEqual([
      { id: 'org-beimen-b1', name: '北门花园1栋', compoundName: '北门花园小区' },
      { id: 'org-beimen-b2', name: '北门花园2栋', compoundName: '北门花园小区' },
    ])
    expect(data.skills).toContain('水电维修')
    expect(data.freeTime).toEqual(['工作日白天', '工作日晚上', '周末白天', '周末晚上'])
  })

  test('without a community there are no buildings; an unknown one is refused', async () => {
    const { result } = await call('options', {}, 'scanner')
    expect(result.data.buildings).toEqual([])
    expect(result.data.communities).toHaveLength(4)
    expect((await call('options', { communityId: 'org-nope' }, 'scanner')).result.code).toBe('ORG.UNKNOWN_COMMUNITY')
    expect((await call('options', { communityId: 'org-beimen-b1' }, 'scanner')).result.code).toBe('ORG.UNKNOWN_COMMUNITY')
  })
})

describe('rejection', () => {
  test('the unit sends one back with a reason; the person sees why and may submit again', async () => {
    const { result, roundTrips } = await call('rejectUnit', { id: 'reg-ma-xiaodong', reason: '  本单位没有这位党员的组织关系  ' }, 'demo-unit-admin')
    expect(result.data).toMatchObject({
      id: 'reg-ma-xiaodong',
      state: 'rejected',
      stateLabel: '已退回',
      reason: '本单位没有这位党员的组织关系',
      missing: ['报到被退回，请按原因修改后重新提交'],
    })
    expect(result.data.history.at(-1)).toEqual({
      verb: 'rejectUnit', from: 'pending_unit', to: 'rejected', byName: '刘洋', reason: '本单位没有这位党员的组织关系', at: expect.any(String),
    })
    // The caller with the registration (one aggregation), the conditional update, the pointer cleared;
    // the card is what was read with the plan applied (4 before: it was read back).
    expect(roundTrips).toBe(3)
    expect(db().collection('users').findOne({ _id: 'user-seed-ma-xiaodong' })!.liveRegistrationId).toBeNull()
    expect((await call('myCard', {}, 'seed-ma-xiaodong')).result.data).toMatchObject({ state: 'rejected', reason: '本单位没有这位党员的组织关系' })

    const again = await call('rejectUnit', { id: 'reg-ma-xiaodong', reason: '再退一次' }, 'demo-unit-admin')
    expect(again.result).toMatchObject({ code: 'REGISTRATION.INVALID_TRANSITION', message: expect.stringContaining('已退回') })
    expect((await call('rejectUnit', { id: 'reg-nope', reason: '没有这个人' }, 'demo-unit-admin')).result.code).toBe('REGISTRATION.NOT_FOUND')

    const resubmitted = await call('register', input({ name: '马晓东', phone: '13800001012' }), 'seed-ma-xiaodong')
    expect(resubmitted.result.data).toMatchObject({ state: 'pending_unit', name: '马晓东' })
  })

  test('the community sends one back; the unit can no longer act on it', async () => {
    const { result } = await call('rejectCommunity', { id: 'reg-wu-fang', reason: '不住在本社区' }, 'demo-community-admin')
    expect(result.data).toMatchObject({ state: 'rejected', reason: '不住在本社区' })
    expect(db().collection('users').findOne({ _id: 'user-seed-wu-fang' })!.liveRegistrationId).toBeNull()
    expect(db().collection('users').findOne({ _id: 'user-seed-wu-fang' })!.roles).toEqual([])
  })
})

describe('paging the pending list', () => {
  test('oldest first, after a cursor, with the total', async () => {
    const first = await call('listPending', { scope: 'unit', scopeId: 'unit-water-bureau', limit: 1 }, 'demo-unit-admin')
    const [a] = first.result.data.items
    const total = first.result.data.total
    expect(total).toBeGreaterThanOrEqual(2)
    expect(first.result.data.items).toHaveLength(1)
    const next = await call('listPending', { scope: 'unit', scopeId: 'unit-water-bureau', limit: 100, afterCreatedAt: a.createdAt }, 'demo-unit-admin')
    expect(next.result.data.total).toBe(total)
    expect(next.result.data.items).toHaveLength(total - 1)
    for (const item of next.result.data.items) expect(item.createdAt > a.createdAt).toBe(true)
    expect(next.result.data.items.map((i: { createdAt: string }) => i.createdAt)).toEqual(next.result.data.items.map((i: { createdAt: string }) => i.createdAt).sort())
  })
})
