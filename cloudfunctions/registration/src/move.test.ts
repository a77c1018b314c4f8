/**
 * 迁移 (move) as deployed: the built bundle, run by the runner, against the emulator seeded with
 * the demo county. 李建国 (demo-member) is registered with 县水利局 and 北门社区.
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

/** The form as the member sends it again, with the new place. */
const form = (over: Record<string, unknown> = {}) => ({
  name: '李建国',
  phone: '13800001002',
  unitId: 'unit-water-bureau',
  communityId: 'org-chengnan',
  buildingId: 'org-chengnan-b1',
  skills: ['水电维修', '驾驶'],
  skillNote: '会修水管、换灯泡',
  freeTime: ['周末白天'],
  ...over,
})

/** Everything a refused call must leave as it was. */
function snapshot() {
  return {
    registrations: db().collection('registrations').find({}),
    users: db().collection('users').find({}),
  }
}

/** A person registered with 县水利局 and 北门社区, written straight into the database. */
async function registeredPerson(openid: string, name: string) {
  const userId = `user-${openid}`
  const regId = `reg-${openid}`
  const at = new Date('2026-10-01T01:00:00Z')
  await db().collection('users').insertOne({ _id: userId, openid, name, phone: '13800002000', roles: [], liveRegistrationId: regId, createdAt: at, updatedAt: at })
  await db().collection('registrations').insertOne({
    _id: regId,
    userId,
    name,
    phone: '13800002000',
    unitId: 'unit-water-bureau',
    unitName: '县水利局',
    unitCountyId: 'org-longmen',
    communityId: 'org-beimen',
    communityName: '北门社区',
    communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'],
    skills: [],
    freeTime: [],
    state: 'registered',
    history: [
      { verb: 'submit', from: null, to: 'pending_unit', by: userId, byName: name, at },
      { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: 'user-demo-unit-admin', byName: '刘洋', at },
      { verb: 'confirmCommunity', from: 'pending_community', to: 'registered', by: 'user-demo-community-admin', byName: '陈红', at },
    ],
    createdAt: at,
    updatedAt: at,
  })
  return { userId, regId }
}

describe('李建国 moves home from 北门社区 to 城南社区 (same unit)', () => {
  let newId: string

  test('the old registration is closed as moved, a new one waits for 城南社区 only', async () => {
    const { result, roundTrips } = await call('move', form(), 'demo-member')
    expect(result.code).toBe(0)
    const card = result.data
    newId = card.id
    expect(newId).not.toBe('reg-demo-member')
    expect(card).toMatchObject({
      state: 'pending_community',
      stateLabel: '待社区确认',
      community: { id: 'org-chengnan', name: '城南社区' },
      building: { id: 'org-chengnan-b1', name: '城南雅苑1栋' },
      unit: { id: 'unit-water-bureau', name: '县水利局' },
      missing: ['等待社区党委确认'],
      qrPayload: `reg:${newId}`,
    })
    // The move in, then the unit's confirmation carried over from the old registration.
    expect(card.history).toEqual([
      { verb: 'moveIn', from: null, to: 'pending_unit', byName: '李建国', at: expect.any(String), place: { unitName: '县水利局', communityName: '北门社区', buildingName: '北门花园2栋' } },
      { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', byName: '刘洋', at: '2026-10-09T02:00:00.000Z', carried: true },
    ])
    // The earlier registration with its whole history, ending in the move.
    expect(card.earlier).toHaveLength(1)
    expect(card.earlier[0]).toMatchObject({ id: 'reg-demo-member', communityName: '北门社区', unitName: '县水利局', buildingName: '北门花园2栋' })
    expect(card.earlier[0].history.map((h: { verb: string }) => h.verb)).toEqual(['submit', 'confirmUnit', 'confirmCommunity', 'move'])
    expect(card.earlier[0].history.at(-1)).toMatchObject({ from: 'registered', to: 'moved', byName: '李建国', place: { communityName: '城南社区', unitName: '县水利局', buildingName: '城南雅苑1栋' } })
    // The caller, the live registration and the new unit, community and building in one
    // aggregation; claim, close, insert (6 before the kit's changeState joined the reads).
    expect(roundTrips).toBe(4)

    const old = db().collection('registrations').findOne({ _id: 'reg-demo-member' })!
    expect(old).toMatchObject({ state: 'moved', movedToId: newId })
    expect(old.history.at(-1)).toMatchObject({ verb: 'move', from: 'registered', to: 'moved', by: 'user-demo-member', byName: '李建国' })
    const stored = db().collection('registrations').findOne({ _id: newId })!
    expect(stored).toMatchObject({ previousId: 'reg-demo-member', userId: 'user-demo-member', communityLineage: ['org-longmen', 'org-longcheng', 'org-chengnan'], state: 'pending_community' })
    expect(db().collection('users').findOne({ _id: 'user-demo-member' })!.liveRegistrationId).toBe(newId)
    expect(db().collection('registrations').count({ userId: 'user-demo-member', state: LIVE })).toBe(1)
  })

  test('myCard shows the new one; 北门社区 no longer sees it, 城南社区 confirms it', async () => {
    const card = (await call('myCard', {}, 'demo-member')).result.data
    expect(card).toMatchObject({ id: newId, state: 'pending_community', earlier: [{ id: 'reg-demo-member' }] })

    const beimen = await call('confirmCommunity', { ids: [newId] }, 'demo-community-admin')
    expect(beimen.result.data.failed).toEqual([{ id: newId, code: 'AUTH.FORBIDDEN', message: expect.any(String) }])
    const list = await call('listPending', { scope: 'community', scopeId: 'org-chengnan' }, 'demo-chengnan-admin')
    expect(list.result.data.items.map((i: { id: string }) => i.id)).toContain(newId)

    const ok = await call('confirmCommunity', { ids: [newId] }, 'demo-chengnan-admin')
    expect(ok.result.data).toEqual({ done: [newId], failed: [] })
    const after = (await call('myCard', {}, 'demo-member')).result.data
    expect(after).toMatchObject({ state: 'registered', stateLabel: '已报到', missing: [] })
    expect(after.history.map((h: { verb: string }) => h.verb)).toEqual(['moveIn', 'confirmUnit', 'confirmCommunity'])
    expect(after.history.at(-1).byName).toBe('周涛')
  })

  test('registering again while registered still fails, pointing to 迁移', async () => {
    const before = snapshot()
    const { result } = await call('register', form({ communityId: 'org-beimen', buildingId: undefined }), 'demo-member')
    expect(result).toEqual({ code: 'REGISTRATION.ALREADY_REGISTERED', message: expect.stringContaining('迁移') })
    expect(snapshot()).toEqual(before)
  })

  test('moving again keeps every earlier registration, newest first', async () => {
    // Without a phone the one on record stays (the form only knows it masked).
    const { result } = await call('move', form({ communityId: 'org-taipingmen', buildingId: undefined, phone: undefined }), 'demo-member')
    expect(result.data).toMatchObject({ state: 'pending_community', community: { name: '太平门社区' }, building: null, phoneMasked: '138****1002' })
    expect(db().collection('registrations').findOne({ _id: result.data.id })!.phone).toBe('13800001002')
    expect(result.data.earlier.map((e: { communityName: string }) => e.communityName)).toEqual(['城南社区', '北门社区'])
    expect(result.data.history[0].place).toEqual({ unitName: '县水利局', communityName: '城南社区', buildingName: '城南雅苑1栋' })
    expect(db().collection('registrations').count({ userId: 'user-demo-member', state: LIVE })).toBe(1)
    expect(db().collection('registrations').count({ userId: 'user-demo-member', state: 'moved' })).toBe(2)
  })

  test('a registration still waiting cannot move (withdraw it, or wait)', async () => {
    const before = snapshot()
    const { result } = await call('move', form({ communityId: 'org-beimen', buildingId: undefined }), 'demo-member')
    expect(result).toEqual({ code: 'REGISTRATION.INVALID_TRANSITION', message: '当前状态为「待社区确认」，不能进行这个操作' })
    expect(snapshot()).toEqual(before)
  })
})

describe('moving to another unit', () => {
  test('a new unit has to vouch again: 待单位确认, and its admins see it', async () => {
    const { regId } = await registeredPerson('mover-unit', '钱进')
    const { result, roundTrips } = await call('move', form({ name: '钱进', phone: '13800002000', unitId: 'unit-water-co', communityId: 'org-beimen', buildingId: 'org-beimen-b1' }), 'mover-unit')
    expect(result.data).toMatchObject({ state: 'pending_unit', unit: { id: 'unit-water-co', name: '水务有限公司' }, community: { name: '北门社区' }, missing: ['等待工作单位党组织确认', '等待社区党委确认'] })
    expect(result.data.history).toEqual([
      { verb: 'moveIn', from: null, to: 'pending_unit', byName: '钱进', at: expect.any(String), place: { unitName: '县水利局', communityName: '北门社区' } },
    ])
    expect(result.data.earlier[0].history.at(-1)).toMatchObject({ verb: 'move', place: { unitName: '水务有限公司', communityName: '北门社区', buildingName: '北门花园1栋' } })
    // One aggregation (caller, live registration, new unit and community); claim, close, insert (7 before).
    expect(roundTrips).toBe(4)
    expect(db().collection('registrations').findOne({ _id: regId })!.state).toBe('moved')

    const list = await call('listPending', { scope: 'unit', scopeId: 'unit-water-co' }, 'demo-county-admin')
    expect(list.result.data.items.map((i: { id: string }) => i.id)).toContain(result.data.id)
    const old = await call('listPending', { scope: 'unit', scopeId: 'unit-water-bureau' }, 'demo-unit-admin')
    expect(old.result.data.items.map((i: { id: string }) => i.id)).not.toContain(result.data.id)
  })
})

describe('refusals: a precise code, a Chinese message, nothing written', () => {
  beforeAll(async () => {
    await registeredPerson('mover-bad', '孙强')
  })

  const person = { name: '孙强', phone: '13800002000' }
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['the same community and unit', form({ ...person, communityId: 'org-beimen', buildingId: undefined }), 'REGISTRATION.SAME_PLACE', /^迁入的社区和工作单位与现在的相同，无需迁移$/],
    ['the same community and unit, another building', form({ ...person, communityId: 'org-beimen', buildingId: 'org-beimen-b2' }), 'REGISTRATION.SAME_PLACE', /无需迁移/],
    ['an unknown community', form({ ...person, communityId: 'org-nope', buildingId: undefined }), 'ORG.UNKNOWN_COMMUNITY', /^找不到这个社区$/],
    ['a street as the community', form({ ...person, communityId: 'org-longcheng', buildingId: undefined }), 'ORG.UNKNOWN_COMMUNITY', /社区/],
    ['an unknown unit', form({ ...person, unitId: 'unit-nope' }), 'ORG.UNKNOWN_UNIT', /^找不到这个单位$/],
    ['a building of another community', form({ ...person, buildingId: 'org-beimen-b1' }), 'ORG.UNKNOWN_NODE', /^所选楼栋不在城南社区/],
    ['a malformed phone', form({ ...person, phone: '1380000' }), 'REQUEST.INVALID', /手机号/],
    ['an empty name', form({ ...person, name: ' ' }), 'REQUEST.INVALID', /姓名/],
    ['an undeclared field', form({ ...person, state: 'registered' }), 'REQUEST.INVALID', /请求格式不正确/],
  ]

  test.each(cases)('%s', async (_label, body, code, message) => {
    const before = snapshot()
    const { result } = await call('move', body, 'mover-bad')
    expect(result.code).toBe(code)
    expect(result.message).toMatch(message)
    expect(snapshot()).toEqual(before)
  })

  test('someone without a registration, or never seen', async () => {
    const before = snapshot()
    for (const openid of ['demo-resident', 'never-seen-mover']) {
      const { result, roundTrips } = await call('move', form(), openid)
      expect(result).toEqual({ code: 'REGISTRATION.NOT_FOUND', message: '您还没有有效的报到，请先报到' })
      expect(roundTrips).toBe(1)
    }
    expect(snapshot()).toEqual(before)
  })
})

describe('concurrent moves', () => {
  test('five at once to different places: one wins, the others change nothing', async () => {
    const { userId, regId } = await registeredPerson('mover-race', '周全')
    const before = db().collection('registrations').count({})
    const targets = ['org-chengnan', 'org-taipingmen', 'org-pingling-sq', 'org-chengnan', 'org-taipingmen']
    const results = await Promise.all(
      targets.map((communityId) => call('move', form({ name: '周全', phone: '13800002000', communityId, buildingId: undefined }), 'mover-race')),
    )
    const codes = results.map((r) => r.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(1)
    // A loser either lost the claim (CHANGED) or already read the winner's new registration,
    // which cannot move yet (INVALID_TRANSITION): which one depends on timing, never a second move.
    expect(codes.filter((c) => c === 'REGISTRATION.CHANGED' || c === 'REGISTRATION.INVALID_TRANSITION')).toHaveLength(4)
    for (const r of results.filter((x) => x.result.code !== 0)) expect(r.result.message).toMatch(/[\u4e00-\u9fa5]/)
    const winner = results.find((r) => r.result.code === 0)!.result.data

    expect(db().collection('registrations').count({})).toBe(before + 1)
    expect(db().collection('registrations').count({ userId, state: LIVE })).toBe(1)
    expect(db().collection('users').findOne({ _id: userId })!.liveRegistrationId).toBe(winner.id)
    const old = db().collection('registrations').findOne({ _id: regId })!
    expect(old.state).toBe('moved')
    expect(old.movedToId).toBe(winner.id)
    expect(old.history.filter((h: { verb: string }) => h.verb === 'move')).toHaveLength(1)
  })

  test('a move racing a withdrawal: never two live registrations', async () => {
    const { userId } = await registeredPerson('mover-withdraw', '吴越')
    const [moved, withdrawn] = await Promise.all([
      call('move', form({ name: '吴越', phone: '13800002000' }), 'mover-withdraw'),
      call('withdraw', {}, 'mover-withdraw'),
    ])
    expect([moved.result.code, withdrawn.result.code].filter((c) => c === 0).length).toBeGreaterThanOrEqual(1)
    expect(db().collection('registrations').count({ userId, state: LIVE })).toBeLessThanOrEqual(1)
    const person = db().collection('users').findOne({ _id: userId })!
    const live = db().collection('registrations').find({ userId, state: LIVE })
    expect(person.liveRegistrationId ?? null).toBe(live[0]?._id ?? null)
  })
})
