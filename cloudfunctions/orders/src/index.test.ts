/**
 * The orders function through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts): 王秀英 (resident, 北门花园1栋) orders, 陈书记 (北门社区) accepts, 孙支书
 * (北门花园小区支部) dispatches, 李建国 (member, 北门花园2栋) does the work. Extra members are
 * inserted where a test needs a crowd (城南社区, so 北门's ranking stays as seeded).
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import type { SweepResult } from '../../../domain/api/orders'
import { DEFAULT_ORDER_SETTINGS } from '../../../domain/orders'
import { groupCommunities } from './sweep'

jest.setTimeout(120_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  const db = stack.emulator.db
  // A branch admin of another compound (城南雅苑), and a member registered in 城南社区.
  await db.collection('users').insertMany([
    { _id: 'user-cn-branch', openid: 'cn-branch', name: '吴支书', roles: [{ kind: 'branch_admin', scopeId: 'org-chengnan-court' }], createdAt: new Date(), updatedAt: new Date() },
  ])
  await insertMembers([{ openid: 'cn-member-0', name: '城南党员', communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: ['水电维修'] }])
}, 180_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('orders', { action, ...input }, openid)

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()

interface NewMember {
  openid: string
  name: string
  communityId: string
  buildingId?: string
  skills?: string[]
}

const COMMUNITY_NAMES: Record<string, { name: string; lineage: string[] }> = {
  'org-beimen': { name: '北门社区', lineage: ['org-longmen', 'org-longcheng', 'org-beimen'] },
  'org-chengnan': { name: '城南社区', lineage: ['org-longmen', 'org-longcheng', 'org-chengnan'] },
}

/** Registered members, as the registration function leaves them (users pointing at a registered live registration). */
async function insertMembers(members: NewMember[]) {
  const db = stack.emulator.db
  const at = new Date('2026-11-01T00:00:00Z')
  await db.collection('users').insertMany(
    members.map((m) => ({ _id: `user-${m.openid}`, openid: m.openid, name: m.name, roles: [], liveRegistrationId: `reg-${m.openid}`, createdAt: at, updatedAt: at })),
  )
  await db.collection('registrations').insertMany(
    members.map((m) => ({
      _id: `reg-${m.openid}`,
      userId: `user-${m.openid}`,
      name: m.name,
      phone: '13900000000',
      unitId: 'unit-water-co',
      unitName: '水务有限公司',
      unitCountyId: 'org-longmen',
      communityId: m.communityId,
      communityName: COMMUNITY_NAMES[m.communityId].name,
      communityLineage: COMMUNITY_NAMES[m.communityId].lineage,
      ...(m.buildingId ? { buildingId: m.buildingId, buildingName: '楼' } : {}),
      skills: m.skills ?? [],
      freeTime: ['周末白天'],
      state: 'registered',
      history: [],
      createdAt: at,
      updatedAt: at,
    })),
  )
}

async function readOrder(id: string) {
  const [doc] = await stack.emulator.db.collection('orders').find({ _id: id })
  return doc as Record<string, any>
}

async function placeOrder(openid = 'demo-resident', extra: Record<string, unknown> = {}) {
  const { result, roundTrips } = await call(
    'order',
    { communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, category: '维修', description: '帮忙修水管', preferredAt: inHours(3), urgency: 'normal', ...extra },
    openid,
  )
  expect(result.code).toBe(0)
  return { id: result.data.id as string, roundTrips, data: result.data }
}

describe('the whole way: 帮忙修水管', () => {
  test('order → accept → recommend → dispatch → accept → start → finish → confirm (5 stars) → closed, with the timeline and the hours', async () => {
    const trips: Record<string, number> = {}
    const placed = await placeOrder()
    trips.order = placed.roundTrips
    expect(placed.data).toMatchObject({ state: 'ordered', stateLabel: '待接单', residentName: '王秀英', buildingName: '北门花园1栋', category: '维修' })
    const id = placed.id

    const step = async (action: string, input: Record<string, unknown>, openid: string, state: string) => {
      const { result, roundTrips } = await call(action, { id, ...input }, openid)
      expect(result).toMatchObject({ code: 0, data: { state } })
      trips[action] = roundTrips
      return result.data
    }
    await step('accept', {}, 'demo-community-admin', 'accepted')

    const rec = await call('recommend', { id }, 'demo-branch-admin')
    expect(rec.result.code).toBe(0)
    trips.recommend = rec.roundTrips
    const top = rec.result.data.candidates[0]
    expect(top).toMatchObject({ id: 'user-demo-member', name: '李建国' })
    expect(top.reasons).toContain('同一网格')

    const dispatched = await step('dispatchToMember', { seen: 'accepted', memberId: top.id }, 'demo-branch-admin', 'dispatched_member')
    expect(dispatched.entry.text).toBe('派单给李建国')
    await step('acceptDispatch', {}, 'demo-member', 'claimed')
    await step('start', {}, 'demo-member', 'in_progress')
    const finished = await step('finish', { note: '更换了水龙头阀门', hours: 1.5 }, 'demo-member', 'done')
    expect(finished.entry.text).toBe('完成服务，服务1.5小时')
    // Subscribe messages: the member on dispatch, the resident when the work is done.
    expect(stack.outbox({ touser: 'demo-member' })[0]).toMatchObject({ templateId: 'order-dispatch', page: `packages/orders/pages/detail/index?id=${id}` })
    expect(stack.outbox({ touser: 'demo-resident' })[0]).toMatchObject({ templateId: 'order-done', data: { phrase2: { value: '待确认' } } })
    const confirmed = await call('confirm', { id, stars: 5, comment: '很及时，谢谢' }, 'demo-resident')
    // What was written: confirm closes in the same write (issue 10, defect 6).
    expect(confirmed.result).toMatchObject({ code: 0, data: { state: 'closed', stateLabel: '已办结', hoursBooked: true } })
    trips.confirm = confirmed.roundTrips

    const order = await readOrder(id)
    expect(order.state).toBe('closed')
    const hours = await stack.emulator.db.collection('service_hours').find({ 'source.id': id })
    expect(hours).toEqual([expect.objectContaining({ userId: 'user-demo-member', hours: 1.5, communityId: 'org-beimen', source: { kind: 'order', id } })])

    const tl = await call('timeline', { id }, 'demo-resident')
    trips.timeline = tl.roundTrips
    expect(tl.result.data.timeline.map((e: { verb: string }) => e.verb)).toEqual(['order', 'accept', 'dispatchToMember', 'acceptDispatch', 'start', 'finish', 'confirm', 'close'])
    expect(tl.result.data.timeline.map((e: { text: string }) => e.text)).toEqual([
      '点单', '社区接单', '派单给李建国', '党员接单', '开始服务', '完成服务，服务1.5小时', '确认完成，评价5星：很及时，谢谢', '办结，服务时长已计入',
    ])
    expect(tl.result.data.timeline.map((e: { byName: string }) => e.byName)).toEqual(['王秀英', '陈红', '孙丽', '李建国', '李建国', '李建国', '王秀英', '系统'])

    // Each transition: ONE aggregation (the caller, the order, the member it names) and one
    // conditional update (2). dispatchToMember and finish then send one subscribe message (+1,
    // counted by the runner beside the database's). confirm: the read, one update that confirms
    // and closes (2); then the credit (server/kit ledger.ts): the county's rule, the member's
    // yearly tally (here the year's first credit: the update finds none, one read, one insert),
    // `met`, the ledger row (8; 6 once the tally exists).
    expect(trips).toMatchObject({ accept: 2, acceptDispatch: 2, start: 2, dispatchToMember: 3, finish: 3 })
    expect(trips.confirm).toBe(8)
    // order: the caller and the community with the building together (an item too, when one is ordered), the insert.
    expect(trips.order).toBe(3)
    // Confirming twice changes nothing and books nothing again.
    const again = await call('confirm', { id, stars: 5 }, 'demo-resident')
    expect(again.result.code).toBe('ORDER.INVALID_TRANSITION')
    expect(await stack.emulator.db.collection('service_hours').find({ 'source.id': id })).toHaveLength(1)
    console.log('orders round trips (happy path):', JSON.stringify(trips))
  })

  test('confirm answers what it wrote: the order is closed, as stored, with both entries on its timeline', async () => {
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    await call('dispatchToMember', { id, seen: 'accepted', memberId: 'user-demo-member' }, 'demo-community-admin')
    await call('acceptDispatch', { id }, 'demo-member')
    await call('start', { id }, 'demo-member')
    await call('finish', { id, note: '修好了', hours: 1 }, 'demo-member')
    const { result, roundTrips } = await call('confirm', { id, stars: 4 }, 'demo-resident')
    const stored = await readOrder(id)
    expect(stored.state).toBe('closed')
    expect(result).toMatchObject({ code: 0, data: { id, state: stored.state, stateLabel: '已办结', entry: { verb: 'confirm', from: 'done', to: 'confirmed' } } })
    expect(stored.history.slice(-2).map((h: { verb: string; from: string; to: string }) => [h.verb, h.from, h.to])).toEqual([
      ['confirm', 'done', 'confirmed'],
      ['close', 'confirmed', 'closed'],
    ])
    // The read, the write; the county's rule, the tally (it exists by now), `met`, the ledger row.
    expect(roundTrips).toBe(6)
    // The page shows the same: get answers the state written.
    expect((await call('get', { id }, 'demo-resident')).result.data.state).toBe(result.data.state)
  })

  test('an order sent twice under its id (a retry, a double tap) is placed once', async () => {
    const input = { id: 'retry-order-1', communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, description: '帮忙换灯泡', preferredAt: inHours(4), urgency: 'urgent' }
    const [a, b] = await Promise.all([call('order', input, 'demo-resident'), call('order', input, 'demo-resident')])
    expect(a.result.data.id).toBe('retry-order-1')
    expect(b.result.data.id).toBe('retry-order-1')
    expect(await stack.emulator.db.collection('orders').find({ _id: 'retry-order-1' })).toHaveLength(1)
    // Someone else cannot take that id over.
    expect((await call('order', input, 'demo-grid')).result.code).toBe('ORDER.CHANGED')
  })

  test('the resident sees it in 我的点单; the member in their assigned list', async () => {
    const mine = await call('mine', {}, 'demo-resident')
    expect(mine.result.data.items.some((o: { description: string }) => o.description === '帮忙修水管')).toBe(true)
    const assigned = await call('assigned', {}, 'demo-member')
    expect(assigned.result.data.items.some((o: { assigneeName: string }) => o.assigneeName === '李建国')).toBe(true)
  })
})

describe('permissions', () => {
  test('a member cannot accept or dispatch; refused before any write (1 round trip)', async () => {
    const { id } = await placeOrder()
    for (const [action, input] of [
      ['accept', {}],
      ['dispatchToMember', { seen: 'ordered', memberId: 'user-demo-member' }],
    ] as const) {
      const { result, roundTrips } = await call(action, { id, ...input }, 'demo-member')
      expect(result.code).toBe('AUTH.FORBIDDEN')
      expect(roundTrips).toBeLessThanOrEqual(2)
    }
    expect((await readOrder(id)).history).toHaveLength(1)
  })

  test('a branch admin of another compound, and another community admin, cannot touch the order', async () => {
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    for (const openid of ['cn-branch', 'demo-chengnan-admin']) {
      const d = await call('dispatchToMember', { id, seen: 'accepted', memberId: 'user-demo-member' }, openid)
      expect(d.result.code).toBe('AUTH.FORBIDDEN')
      const rec = await call('recommend', { id }, openid)
      expect(rec.result.code).toBe('AUTH.FORBIDDEN')
      const get = await call('get', { id }, openid)
      expect(get.result.code).toBe('AUTH.FORBIDDEN')
    }
    const o = await readOrder(id)
    expect(o.state).toBe('accepted')
    expect(o.history).toHaveLength(2)
  })

  test('the grid worker orders for a resident of their grid; not for a building elsewhere', async () => {
    const ok = await placeOrder('demo-grid', { forName: '刘大爷' })
    expect(ok.data).toMatchObject({ residentName: '刘大爷', placedByName: '张敏', residentId: null })
    const no = await call(
      'order',
      { communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', itemId: null, description: '帮忙修水管', preferredAt: inHours(3), urgency: 'normal', forName: '刘大爷' },
      'demo-grid',
    )
    expect(no.result.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('allowed and forbidden, per action (nothing written when refused)', () => {
  /** An order placed by 王秀英 and moved to `state` by the people allowed to. */
  async function orderIn(state: 'ordered' | 'accepted' | 'dispatched_member' | 'dispatched_unit' | 'in_progress' | 'done') {
    const { id } = await placeOrder()
    if (state === 'ordered') return id
    await call('accept', { id }, 'demo-community-admin')
    if (state === 'dispatched_unit') await call('dispatchToUnit', { id, seen: 'accepted', unitId: 'unit-water-bureau' }, 'demo-community-admin')
    if (['dispatched_member', 'in_progress', 'done'].includes(state)) await call('dispatchToMember', { id, seen: 'accepted', memberId: 'user-demo-member' }, 'demo-branch-admin')
    if (['in_progress', 'done'].includes(state)) {
      await call('acceptDispatch', { id }, 'demo-member')
      await call('start', { id }, 'demo-member')
    }
    if (state === 'done') await call('finish', { id, note: '修好了', hours: 1 }, 'demo-member')
    expect((await readOrder(id)).state).toBe(state)
    return id
  }

  const refusals: [string, Parameters<typeof orderIn>[0], Record<string, unknown>, string, string][] = [
    ['accept', 'ordered', {}, 'demo-branch-admin', 'AUTH.FORBIDDEN'],
    ['decline', 'ordered', { reason: '不受理' }, 'demo-member', 'AUTH.FORBIDDEN'],
    ['merge', 'ordered', { seen: 'ordered', intoId: 'retry-order-1' }, 'demo-grid', 'AUTH.FORBIDDEN'],
    ['dispatchToUnit', 'accepted', { seen: 'accepted', unitId: 'unit-water-bureau' }, 'demo-member', 'AUTH.FORBIDDEN'],
    ['dispatchToUnit', 'accepted', { seen: 'accepted', unitId: 'unit-water-co' }, 'demo-community-admin', 'ORDER.UNIT_NOT_PAIRED'],
    ['pool', 'accepted', { seen: 'accepted', pool: { kind: 'community', id: 'org-beimen' } }, 'demo-unit-admin', 'AUTH.FORBIDDEN'],
    ['pool', 'accepted', { seen: 'accepted', pool: { kind: 'grid', id: 'org-chengnan-grid-1' } }, 'demo-branch-admin', 'ORDER.OUTSIDE_COMMUNITY'],
    ['recall', 'dispatched_member', { seen: 'dispatched_member' }, 'demo-member', 'AUTH.FORBIDDEN'],
    ['passToMember', 'dispatched_unit', { memberId: 'user-demo-member' }, 'demo-community-admin', 'AUTH.FORBIDDEN'],
    ['acceptDispatch', 'dispatched_member', {}, 'cn-member-0', 'ORDER.NOT_OWNER'],
    ['declineDispatch', 'dispatched_member', { reason: '没空' }, 'demo-resident', 'ORDER.NOT_OWNER'],
    ['start', 'dispatched_member', {}, 'demo-member', 'ORDER.INVALID_TRANSITION'],
    ['finish', 'in_progress', { note: '修好了', hours: 1 }, 'demo-branch-admin', 'ORDER.NOT_OWNER'],
    ['release', 'in_progress', { reason: '有事' }, 'demo-member', 'ORDER.INVALID_TRANSITION'],
    ['confirm', 'done', { stars: 5 }, 'demo-member', 'ORDER.NOT_OWNER'],
    ['complain', 'done', { reason: '没修好' }, 'demo-community-admin', 'ORDER.NOT_OWNER'],
    ['cancel', 'done', { seen: 'done' }, 'demo-resident', 'ORDER.ALREADY_STARTED'],
    ['resolve', 'done', { reason: '已处理' }, 'demo-community-admin', 'ORDER.INVALID_TRANSITION'],
    ['claim', 'accepted', {}, 'demo-resident', 'AUTH.FORBIDDEN'],
    ['recommend', 'accepted', {}, 'demo-member', 'AUTH.FORBIDDEN'],
    ['get', 'ordered', {}, 'cn-member-0', 'AUTH.FORBIDDEN'],
    ['timeline', 'ordered', {}, 'demo-unit-admin', 'AUTH.FORBIDDEN'],
  ]
  test.each(refusals)('%s (from %s) %j by %s → %s', async (action, state, input, openid, code) => {
    const id = await orderIn(state)
    const before = await readOrder(id)
    const { result } = await call(action, { id, ...input }, openid)
    expect(result.code).toBe(code)
    expect(typeof result.message).toBe('string')
    const after = await readOrder(id)
    expect(after.state).toBe(before.state)
    expect(after.history).toHaveLength(before.history.length)
  })

  test('area-wide reads and the service list: who may and who may not', async () => {
    expect((await call('queue', { communityId: 'org-beimen' }, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('queue', { communityId: 'org-beimen' }, 'demo-street-admin')).result.code).toBe(0)
    // 孙支书 sees her compound's orders of 北门; 城南's queue is refused, not answered empty (issue 10, defect 4).
    const branch = await call('queue', { communityId: 'org-chengnan' }, 'demo-branch-admin')
    expect(branch.result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('poolList', {}, 'demo-resident')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('saveItem', { communityId: 'org-beimen', category: '助老', title: '陪老人聊天', skills: [], expectedHours: 1, capacity: 2, standing: true }, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('getSettings', { communityId: 'org-beimen' }, 'demo-resident')).result.code).toBe('AUTH.FORBIDDEN')
  })

  test('every list action: out of scope is refused (AUTH.FORBIDDEN), never answered empty; a person’s own lists are theirs', async () => {
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    const refused: [string, Record<string, unknown>, string][] = [
      // Another community's queue: its admin's neighbour, a branch admin and a grid worker of 北门, a member.
      ['queue', { communityId: 'org-beimen' }, 'demo-chengnan-admin'],
      ['queue', { communityId: 'org-chengnan' }, 'demo-branch-admin'],
      ['queue', { communityId: 'org-chengnan' }, 'demo-grid'],
      ['queue', { communityId: 'org-chengnan', overdueOnly: true }, 'demo-community-admin'],
      ['queue', { communityId: 'org-beimen' }, 'cn-branch'],
      ['queue', { communityId: 'org-beimen' }, 'demo-member'],
      ['queue', { communityId: 'org-beimen' }, 'never-seen-person'],
      // A unit that is not theirs; no unit at all.
      ['unitQueue', { unitId: 'unit-water-co' }, 'demo-unit-admin'],
      ['unitQueue', {}, 'demo-branch-admin'],
      // The pool of a community they are not a member of: not a member at all.
      ['poolList', {}, 'demo-community-admin'],
      // Another community's time limits.
      ['getSettings', { communityId: 'org-beimen' }, 'demo-chengnan-admin'],
    ]
    for (const [action, input, openid] of refused) {
      const { result } = await call(action, input, openid)
      expect({ action, input, openid, code: result.code }).toEqual({ action, input, openid, code: 'AUTH.FORBIDDEN' })
    }
    // In scope: the community's admin, the street above it, and those holding a place inside it see their part.
    const seen = async (openid: string) => (await call('queue', { communityId: 'org-beimen' }, openid)).result
    for (const openid of ['demo-community-admin', 'demo-street-admin', 'demo-county-admin', 'demo-branch-admin', 'demo-grid']) {
      const result = await seen(openid)
      expect({ openid, code: result.code }).toEqual({ openid, code: 0 })
      expect(result.data.items.map((o: { id: string }) => o.id)).toContain(id)
    }
    // An unknown community is said so.
    expect((await call('queue', { communityId: 'org-nowhere' }, 'demo-community-admin')).result.code).toBe('ORG.UNKNOWN_COMMUNITY')
    // A person's own lists are theirs, never scoped: empty when they have nothing.
    for (const action of ['mine', 'assigned']) expect((await call(action, {}, 'demo-newcomer')).result).toMatchObject({ code: 0, data: { items: [] } })
  })

  test('a stale page: the state seen is not the state now → ORDER.CHANGED, nothing written', async () => {
    const id = await orderIn('accepted')
    await call('pool', { id, seen: 'accepted', pool: { kind: 'community', id: 'org-beimen' } }, 'demo-community-admin')
    const { result } = await call('dispatchToMember', { id, seen: 'accepted', memberId: 'user-demo-member' }, 'demo-branch-admin')
    expect(result.code).toBe('ORDER.CHANGED')
    expect((await readOrder(id)).state).toBe('pooled')
  })

  test('a unit passes a dispatch to its member; a complaint comes back to the community, which redoes it', async () => {
    const id = await orderIn('dispatched_unit')
    const passed = await call('passToMember', { id, memberId: 'user-demo-member' }, 'demo-unit-admin')
    expect(passed.result).toMatchObject({ code: 0, data: { state: 'dispatched_member', entry: { text: '单位转派给李建国' } } })
    await call('acceptDispatch', { id }, 'demo-member')
    await call('start', { id }, 'demo-member')
    await call('finish', { id, note: '修好了', hours: 2 }, 'demo-member')
    expect((await call('complain', { id, reason: '水管还在漏' }, 'demo-resident')).result.data.state).toBe('complained')
    const redo = await call('dispatchToMember', { id, seen: 'complained', memberId: 'user-demo-member' }, 'demo-community-admin')
    expect(redo.result.data.state).toBe('dispatched_member')
    const tl = await call('timeline', { id }, 'demo-unit-admin')
    expect(tl.result.code).toBe('AUTH.FORBIDDEN')
    const mine = await call('timeline', { id }, 'demo-resident')
    expect(mine.result.data.timeline.map((e: { verb: string }) => e.verb)).toEqual(['order', 'accept', 'dispatchToUnit', 'passToMember', 'acceptDispatch', 'start', 'finish', 'complain', 'dispatchToMember'])
  })

  test("a dispatch to a unit tells each of the unit's admins, and nobody else", async () => {
    const at = new Date()
    // A second admin of 县水利局; someone holding unit_admin of another unit and some other grant naming 县水利局 (not one grant: not told).
    await stack.emulator.db.collection('users').insertMany([
      { _id: 'user-bureau-admin-2', openid: 'bureau-admin-2', name: '第二管理员', roles: [{ kind: 'unit_admin', scopeId: 'unit-water-bureau' }], createdAt: at, updatedAt: at },
      { _id: 'user-mixed-grants', openid: 'mixed-grants', name: '别的单位', roles: [{ kind: 'unit_admin', scopeId: 'unit-water-co' }, { kind: 'branch_admin', scopeId: 'unit-water-bureau' }], createdAt: at, updatedAt: at },
    ])
    const before = (who: string) => stack.outbox({ touser: who }).length
    const counts = { a: before('demo-unit-admin'), b: before('bureau-admin-2'), m: before('mixed-grants') }
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    const sent = await call('dispatchToUnit', { id, seen: 'accepted', unitId: 'unit-water-bureau' }, 'demo-community-admin')
    expect(sent.result).toMatchObject({ code: 0, data: { state: 'dispatched_unit' } })
    // One aggregation, one update, one message per admin.
    expect(sent.roundTrips).toBe(2 + 2)
    expect(stack.outbox({ touser: 'demo-unit-admin' })).toHaveLength(counts.a + 1)
    expect(stack.outbox({ touser: 'demo-unit-admin' }).find((m) => String(m.page).endsWith(id))).toMatchObject({ templateId: 'order-dispatch', page: `packages/orders/pages/detail/index?id=${id}`, data: { phrase2: { value: '待分派' } } })
    expect(stack.outbox({ touser: 'bureau-admin-2' })).toHaveLength(counts.b + 1)
    expect(stack.outbox({ touser: 'mixed-grants' })).toHaveLength(counts.m)
  })

  test('merge into a duplicate; a duplicate elsewhere is refused', async () => {
    const keep = await placeOrder()
    const dup = await placeOrder()
    const other = await call('order', { communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', itemId: null, description: '帮忙修水管', preferredAt: inHours(3), urgency: 'normal' }, 'demo-resident')
    expect((await call('merge', { id: dup.id, seen: 'ordered', intoId: other.result.data.id }, 'demo-community-admin')).result.code).toBe('ORDER.MERGE_TARGET_INVALID')
    expect((await call('merge', { id: dup.id, seen: 'ordered', intoId: dup.id }, 'demo-community-admin')).result.code).toBe('ORDER.MERGE_TARGET_INVALID')
    const merged = await call('merge', { id: dup.id, seen: 'ordered', intoId: keep.id }, 'demo-community-admin')
    expect(merged.result).toMatchObject({ code: 0, data: { state: 'merged' } })
    expect((await readOrder(dup.id)).mergedInto).toBe(keep.id)
  })
})

describe('recommend reads the members packed, one row of parallel arrays', () => {
  test('a registration missing fields or without a person keeps every other member aligned with their own place, skills and load', async () => {
    const at = new Date('2026-11-01T00:00:00Z')
    // 城南社区: cn-member-0 (城南1栋, 水电维修) is there already. An imported registration with no person and no
    // optional fields, then a member with no building and no skills, then one in 城南1栋 with a job on their plate.
    await stack.emulator.db.collection('registrations').insertMany([
      { _id: 'reg-cn-imported', name: '未认领', communityId: 'org-chengnan', state: 'registered', unitId: 'unit-water-co', history: [], createdAt: at, updatedAt: at },
    ])
    await insertMembers([
      { openid: 'cn-member-1', name: '城南无楼党员', communityId: 'org-chengnan' },
      { openid: 'cn-member-2', name: '城南一栋党员', communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: ['驾驶'] },
    ])
    await stack.emulator.db.collection('orders').insertMany([
      { _id: 'cn-load-1', communityId: 'org-chengnan', state: 'claimed', urgency: 'normal', assigneeId: 'user-cn-member-2', stateSince: at, preferredAt: at, lineage: ['org-longmen', 'org-longcheng', 'org-chengnan'], history: [] },
    ])
    const { id } = await placeOrder('demo-resident', { communityId: 'org-chengnan', buildingId: 'org-chengnan-b1' })
    expect((await call('accept', { id }, 'demo-chengnan-admin')).result.code).toBe(0)
    const { result, roundTrips } = await call('recommend', { id }, 'demo-chengnan-admin')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(2)
    const byId = Object.fromEntries(result.data.candidates.map((c: { id: string; reasons: string[] }) => [c.id, c.reasons]))
    // Nobody without a person behind the registration is suggested; everyone else is, with their own facts.
    expect(Object.keys(byId).sort()).toEqual(['user-cn-member-0', 'user-cn-member-1', 'user-cn-member-2'])
    expect(result.data.ranked).toBe(3)
    expect(byId['user-cn-member-0']).toEqual(expect.arrayContaining(['同一楼栋', '当前没有待办的服务单']))
    expect(byId['user-cn-member-1']).toEqual(expect.arrayContaining(['同一社区', '当前没有待办的服务单']))
    expect(byId['user-cn-member-2']).toEqual(expect.arrayContaining(['同一楼栋', '手上有 1 单未完成']))
  })
})

describe('bad input: a precise code and nothing written', () => {
  const count = async () => (await stack.emulator.db.collection('orders').find({})).length

  test('no description, a preferred time in the past', async () => {
    const before = await count()
    const base = { communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, preferredAt: inHours(3), urgency: 'normal' }
    const empty = await call('order', { ...base, description: ' ' }, 'demo-resident')
    expect(empty.result).toEqual({ code: 'ORDER.DESCRIPTION_REQUIRED', message: '请说明需要什么帮助（至少2个字）' })
    const past = await call('order', { ...base, description: '帮忙修水管', preferredAt: inHours(-5) }, 'demo-resident')
    expect(past.result).toEqual({ code: 'ORDER.TIME_IN_PAST', message: '期望时间已经过去了，请重新选择' })
    // Not even the person is created by a refused first order.
    const newcomer = await call('order', { ...base, description: '' }, 'never-seen-resident')
    expect(newcomer.result.code).toBe('ORDER.DESCRIPTION_REQUIRED')
    expect(await stack.emulator.db.collection('users').find({ openid: 'never-seen-resident' })).toHaveLength(0)
    expect(await count()).toBe(before)
  })

  test('dispatching to a member of another community', async () => {
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    const { result } = await call('dispatchToMember', { id, seen: 'accepted', memberId: 'user-cn-member-0' }, 'demo-branch-admin')
    expect(result.code).toBe('ORDER.OUTSIDE_COMMUNITY')
    const o = await readOrder(id)
    expect(o.state).toBe('accepted')
    expect(o.history).toHaveLength(2)
  })

  test('claiming an order that is not in the pool; confirming an order one did not place', async () => {
    const { id } = await placeOrder()
    const claim = await call('claim', { id }, 'demo-member')
    expect(claim.result).toEqual({ code: 'ORDER.NOT_IN_POOL', message: '这个服务单不在待领单列表中' })
    const confirm = await call('confirm', { id, stars: 5 }, 'demo-grid')
    expect(confirm.result.code).toBe('ORDER.NOT_OWNER')
    const o = await readOrder(id)
    expect(o.state).toBe('ordered')
    expect(o.history).toHaveLength(1)
  })

  test('a low rating needs a comment; a finish needs a note and half hours', async () => {
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    await call('dispatchToMember', { id, seen: 'accepted', memberId: 'user-demo-member' }, 'demo-community-admin')
    await call('acceptDispatch', { id }, 'demo-member')
    await call('start', { id }, 'demo-member')
    expect((await call('finish', { id, note: '好', hours: 1 }, 'demo-member')).result.code).toBe('ORDER.NOTE_REQUIRED')
    expect((await call('finish', { id, note: '修好了', hours: 1.2 }, 'demo-member')).result.code).toBe('ORDER.HOURS_INVALID')
    expect((await call('finish', { id, note: '修好了', hours: 1 }, 'demo-member')).result.code).toBe(0)
    expect((await call('confirm', { id, stars: 2 }, 'demo-resident')).result.code).toBe('ORDER.COMMENT_REQUIRED')
    expect((await readOrder(id)).state).toBe('done')
    const cancel = await call('cancel', { id }, 'demo-resident')
    expect(cancel.result.code).toBe('ORDER.ALREADY_STARTED')
  })
})

describe('the claim pool', () => {
  test('100 concurrent claims through the runner: one winner, 99 ORDER.ALREADY_CLAIMED', async () => {
    const crowd = Array.from({ length: 100 }, (_, i) => ({ openid: `cn-crowd-${i}`, name: `党员${i}`, communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: ['水电维修'] }))
    await insertMembers(crowd)
    const placed = await call(
      'order',
      { communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', itemId: null, description: '楼道灯坏了', preferredAt: inHours(5), urgency: 'normal' },
      'demo-resident',
    )
    const id = placed.result.data.id
    expect((await call('accept', { id }, 'demo-chengnan-admin')).result.code).toBe(0)
    const pooled = await call('pool', { id, seen: 'accepted', pool: { kind: 'grid', id: 'org-chengnan-grid-1' } }, 'demo-chengnan-admin')
    expect(pooled.result).toMatchObject({ code: 0, data: { state: 'pooled', entry: { text: '放入城南第一网格领单池' } } })

    const list = await call('poolList', {}, 'cn-crowd-7')
    expect(list.result.data.items.map((o: { id: string }) => o.id)).toContain(id)
    // 李建国 (北门) does not see 城南's pool and cannot claim from it.
    expect((await call('poolList', {}, 'demo-member')).result.data.items.map((o: { id: string }) => o.id)).not.toContain(id)

    const results = await Promise.all(crowd.map((m) => call('claim', { id }, m.openid)))
    const codes = results.map((r) => r.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(1)
    expect(codes.filter((c) => c === 'ORDER.ALREADY_CLAIMED')).toHaveLength(99)
    const winner = results.find((r) => r.result.code === 0)!
    const order = await readOrder(id)
    expect(order.state).toBe('claimed')
    expect(order.assigneeName).toBe(winner.result.data.entry.byName)
    expect(order.history.filter((h: { verb: string }) => h.verb === 'claim')).toHaveLength(1)
    // The resident hears once that someone took it.
    const told = stack.outbox({ touser: 'demo-resident' }).filter((m) => m.templateId === 'order-claim' && !!m.page?.endsWith(id))
    expect(told).toHaveLength(1)
    expect(told[0].data).toMatchObject({ thing1: { value: `${order.assigneeName}已领单` } })
    expect(Math.max(...results.map((r) => r.roundTrips))).toBeLessThanOrEqual(4)
    console.log(`claim round trips: winner ${winner.roundTrips}, losers max ${Math.max(...results.filter((r) => r.result.code !== 0).map((r) => r.roundTrips))}`)
    // The outsider gets their own answer.
    expect((await call('claim', { id }, 'demo-member')).result.code).toBe('ORDER.ALREADY_CLAIMED')
  })
})

describe('service list', () => {
  test('the community admin keeps it; members join a standing item up to its capacity, however many press at once', async () => {
    const saved = await call(
      'saveItem',
      { communityId: 'org-chengnan', category: '维修', title: '楼道灯每月巡检', description: '每月检查一次楼道灯', skills: ['水电维修'], expectedHours: 2, capacity: 3, standing: true },
      'demo-chengnan-admin',
    )
    expect(saved.result).toMatchObject({ code: 0, data: { title: '楼道灯每月巡检', seatsLeft: 3 } })
    const itemId = saved.result.data.id
    expect((await call('saveItem', { communityId: 'org-chengnan', category: '维修', title: '别人的', skills: [], expectedHours: 1, capacity: 1, standing: true }, 'demo-community-admin')).result.code).toBe('AUTH.FORBIDDEN')

    const joins = await Promise.all(Array.from({ length: 10 }, (_, i) => call('joinItem', { id: itemId }, `cn-crowd-${i}`)))
    const codes = joins.map((j) => j.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(3)
    expect(codes.filter((c) => c === 'ORDER.CAPACITY_FULL')).toHaveLength(7)
    const list = await call('listItems', { communityId: 'org-chengnan' }, 'cn-crowd-0')
    const item = list.result.data.items.find((i: { id: string }) => i.id === itemId)
    expect(item).toMatchObject({ joined: 3, seatsLeft: 0 })
    expect((await call('saveItem', { id: itemId, communityId: 'org-chengnan', category: '维修', title: '楼道灯每月巡检', skills: [], expectedHours: 2, capacity: 2, standing: true }, 'demo-chengnan-admin')).result.code).toBe('ORDER.CAPACITY_BELOW_CLAIMED')
    // A member of another community, and a second join.
    expect((await call('joinItem', { id: itemId }, 'demo-member')).result.code).toBe('ORDER.OUTSIDE_COMMUNITY')
  })
})

describe('time limits and escalation (controlled clock)', () => {
  let offset = 0
  const setOffset = (ms: number) => {
    offset = ms
    stack.setClockOffset(ms)
  }
  const sweepNow = async () => {
    const inv = await stack.fireTimer('orders', 'escalate')
    expect(inv.error).toBeUndefined()
    return { ...(inv.result as SweepResult), roundTrips: inv.roundTrips }
  }
  const callAt = async (action: string, input: Record<string, unknown>, openid: string) => (await call(action, input, openid)).result as { code: number | string; data: any }
  /** A preferred time `h` hours after the stack's clock. */
  const at = (h: number) => new Date(Date.now() + offset + h * 3_600_000).toISOString()

  afterAll(() => setOffset(0))

  test('settings: the community admin sets them; the street reads them; a branch admin cannot change them', async () => {
    const set = await callAt('setSettings', { communityId: 'org-beimen', settings: { acceptHours: 12, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 } }, 'demo-community-admin')
    expect(set).toMatchObject({ code: 0, data: { isDefault: false, settings: { acceptHours: 12 } } })
    expect((await callAt('setSettings', { communityId: 'org-beimen', settings: { acceptHours: 0, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 } }, 'demo-community-admin')).code).toBe('ORDER.SETTINGS_INVALID')
    expect((await callAt('setSettings', { communityId: 'org-beimen', settings: { acceptHours: 6, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 } }, 'demo-branch-admin')).code).toBe('AUTH.FORBIDDEN')
    expect((await callAt('getSettings', { communityId: 'org-beimen' }, 'demo-street-admin')).data.settings.acceptHours).toBe(12)
    expect((await callAt('getSettings', { communityId: 'org-beimen' }, 'demo-member')).code).toBe('AUTH.FORBIDDEN')
  })

  test('an order nobody accepts: overdue after 12 h, the street told, once; the queue flags it; a transition clears it', async () => {
    setOffset(0)
    const placed = await callAt('order', { communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, description: '家里停电了', preferredAt: at(1), urgency: 'normal' }, 'demo-resident')
    const id = placed.data.id
    const outboxBefore = stack.outbox({ touser: 'demo-street-admin' }).length
    const first = await sweepNow()
    expect((await readOrder(id)).overdue).toBeNull()

    setOffset(13 * 3_600_000)
    const second = await sweepNow()
    expect(second.escalated).toBeGreaterThanOrEqual(1)
    const late = await readOrder(id)
    expect(late.overdue).toMatchObject({ level: 'street', nextAt: null })
    expect(late.history.at(-1)).toMatchObject({ verb: 'escalate', level: 'street', reason: '超时未接单', by: 'system' })

    // 钱主任 (龙城街道) hears, once.
    const told = stack.outbox({ touser: 'demo-street-admin' })
    expect(told.length).toBe(outboxBefore + 1)
    expect(told[0].data).toMatchObject({ phrase2: { value: '超时督办' } })

    const third = await sweepNow()
    expect(third.escalated).toBe(0)
    expect(stack.outbox({ touser: 'demo-street-admin' }).length).toBe(outboxBefore + 1)
    expect((await readOrder(id)).history.filter((h: { verb: string }) => h.verb === 'escalate')).toHaveLength(1)

    const queue = await callAt('queue', { communityId: 'org-beimen', overdueOnly: true }, 'demo-community-admin')
    expect(queue.data.items.find((o: { id: string }) => o.id === id)).toMatchObject({ overdue: { label: '超时未接单', level: 'street', levelLabel: '街道党工委' } })
    // get reads the community's limits in the same aggregation (12 h here; the default 24 h would not be late yet).
    const shown = await call('get', { id }, 'demo-resident')
    expect(shown.roundTrips).toBe(1)
    expect(shown.result.data).toMatchObject({ overdue: { label: '超时未接单', level: 'street' }, can: ['cancel'] })

    expect((await callAt('accept', { id }, 'demo-community-admin')).code).toBe(0)
    expect((await readOrder(id)).overdue).toBeNull()
    console.log('sweep round trips:', first.roundTrips, second.roundTrips, third.roundTrips)
  })

  test('a person sending a timer-shaped event runs no sweep: refused, the late order not escalated', async () => {
    setOffset(0)
    const placed = await callAt('order', { communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, description: '楼道灯坏了', preferredAt: at(1), urgency: 'normal' }, 'demo-resident')
    setOffset(30 * 3_600_000)
    for (const openid of ['demo-resident', 'demo-county-admin']) {
      const { result, roundTrips } = await stack.call('orders', { Type: 'Timer', TriggerName: 'escalate' }, openid)
      expect(result).toMatchObject({ code: 'REQUEST.INVALID', message: '这个操作只能由系统定时任务执行' })
      expect(roundTrips).toBe(0)
    }
    expect((await readOrder(placed.data.id)).overdue).toBeNull()
    expect((await readOrder(placed.data.id)).history.some((h: { verb: string }) => h.verb === 'escalate')).toBe(false)
    // The platform's own timer does escalate it.
    await sweepNow()
    expect((await readOrder(placed.data.id)).overdue).not.toBeNull()
  })

  test('communities are grouped by identical limits, a group never over its size', () => {
    const custom = { ...DEFAULT_ORDER_SETTINGS, acceptHours: 12 }
    const communities = [
      ...Array.from({ length: 5 }, (_, i) => ({ _id: `d${i}` })),
      { _id: 'c0', orderSettings: custom },
      { _id: 'c1', orderSettings: custom },
      { _id: 'same-as-default', orderSettings: DEFAULT_ORDER_SETTINGS },
    ]
    const groups = groupCommunities(communities, 2)
    expect(groups.map((g) => g.communityIds).sort((a, b) => a[0].localeCompare(b[0]))).toEqual([['c0', 'c1'], ['d0', 'd1'], ['d2', 'd3'], ['d4', 'same-as-default']])
    expect(groups.find((g) => g.communityIds.includes('c0'))!.settings.acceptHours).toBe(12)
    expect(groups.flatMap((g) => g.communityIds).sort()).toEqual(communities.map((c) => c._id).sort())
  })

  test('a confirmed order whose booking never happened: the sweep books the hours once and closes it', async () => {
    setOffset(0)
    const at = new Date(Date.now() - 3_600_000)
    const finish = { verb: 'finish', from: 'in_progress', to: 'done', by: 'user-demo-member', byName: '李建国', at, hours: 3 }
    await stack.emulator.db.collection('orders').insertOne({
      _id: 'crashed-confirm', communityId: 'org-beimen', communityName: '北门社区', streetId: 'org-longcheng', compoundId: null, gridId: null, buildingId: null, buildingName: null,
      lineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'confirmed', stateSince: at, urgency: 'normal', preferredAt: at, claimedAt: at,
      residentId: 'user-demo-resident', residentName: '王秀英', placedById: 'user-demo-resident', placedByName: '王秀英',
      assigneeId: 'user-demo-member', assigneeName: '李建国', assigneeRegistrationId: 'reg-demo-member', assigneeUnitId: 'unit-water-bureau',
      report: { note: '修好了', photos: [], hours: 3 }, rating: { stars: 5, comment: '' }, overdue: null, history: [finish], itemId: null, category: '维修', skills: [], description: '修水管',
      createdAt: at, updatedAt: at,
    })
    await sweepNow()
    await sweepNow()
    expect((await readOrder('crashed-confirm')).state).toBe('closed')
    expect(await stack.emulator.db.collection('service_hours').find({ 'source.id': 'crashed-confirm' })).toEqual([expect.objectContaining({ hours: 3, userId: 'user-demo-member' })])
  })

  test('a confirm that died between closing the order and booking the hours: the sweep books them once', async () => {
    setOffset(0)
    const at = new Date(Date.now() - 3_600_000)
    const finish = { verb: 'finish', from: 'in_progress', to: 'done', by: 'user-demo-member', byName: '李建国', at, hours: 2.5 }
    const confirm = { verb: 'confirm', from: 'done', to: 'confirmed', by: 'user-demo-resident', byName: '王秀英', at, stars: 4 }
    const close = { verb: 'close', from: 'confirmed', to: 'closed', by: 'system', byName: '系统', at }
    await stack.emulator.db.collection('orders').insertOne({
      _id: 'crashed-booking', communityId: 'org-beimen', communityName: '北门社区', streetId: 'org-longcheng', compoundId: null, gridId: null, buildingId: null, buildingName: null,
      lineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'closed', stateSince: at, urgency: 'normal', preferredAt: at, claimedAt: at,
      residentId: 'user-demo-resident', residentName: '王秀英', placedById: 'user-demo-resident', placedByName: '王秀英',
      assigneeId: 'user-demo-member', assigneeName: '李建国', assigneeRegistrationId: 'reg-demo-member', assigneeUnitId: 'unit-water-bureau',
      report: { note: '修好了', photos: [], hours: 2.5 }, rating: { stars: 4, comment: '' }, overdue: null, history: [finish, confirm, close], itemId: null, category: '维修', skills: [], description: '修水管',
      createdAt: at, updatedAt: at,
    })
    const first = await sweepNow()
    expect(first.booked).toBeGreaterThanOrEqual(1)
    expect((await sweepNow()).booked).toBe(0)
    expect(await stack.emulator.db.collection('service_hours').find({ 'source.id': 'crashed-booking' })).toEqual([expect.objectContaining({ hours: 2.5, userId: 'user-demo-member', registrationId: 'reg-demo-member' })])
  })

  test('a dispatched order the member never takes: the branch first, then the community a limit later', async () => {
    setOffset(0)
    const placed = await callAt('order', { communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, description: '帮忙搬东西', preferredAt: at(1), urgency: 'normal' }, 'demo-resident')
    const id = placed.data.id
    await callAt('accept', { id }, 'demo-community-admin')
    await callAt('dispatchToMember', { id, seen: 'accepted', memberId: 'user-demo-member' }, 'demo-branch-admin')
    setOffset(49 * 3_600_000)
    await sweepNow()
    expect((await readOrder(id)).overdue).toMatchObject({ level: 'branch' })
    setOffset(97 * 3_600_000)
    await sweepNow()
    const o = await readOrder(id)
    expect(o.overdue).toMatchObject({ level: 'community' })
    expect(o.history.filter((h: { verb: string }) => h.verb === 'escalate').map((h: { level: string }) => h.level)).toEqual(['branch', 'community'])
  })
})

describe('the buttons (get → can) agree with what the actions allow', () => {
  const REASON = '情况有变，另行安排'
  /** What each verb needs besides the order, as the page would send it. */
  const inputOf = (verb: string, seen: string, intoId: string): Record<string, unknown> =>
    (({
      merge: { seen, intoId },
      dispatchToMember: { seen, memberId: 'user-demo-member' },
      dispatchToUnit: { seen, unitId: 'unit-water-bureau' },
      passToMember: { memberId: 'user-demo-member' },
      pool: { seen, pool: { kind: 'community', id: 'org-beimen' } },
      recall: { seen, reason: REASON },
      cancel: { seen, reason: REASON },
      decline: { reason: REASON },
      declineDispatch: { reason: REASON },
      release: { reason: REASON },
      complain: { reason: REASON },
      resolve: { reason: REASON },
      finish: { note: '修好了水管', hours: 1 },
      confirm: { stars: 5, comment: '' },
    }) as Record<string, Record<string, unknown>>)[verb] ?? {}

  const member = { assigneeId: 'user-demo-member', assigneeName: '李建国', assigneeRegistrationId: 'reg-demo-member', assigneeUnitId: 'unit-water-bureau' }
  // [state, what else the order holds, who looks]
  const scenarios: Array<[string, Record<string, unknown>, string[]]> = [
    ['ordered', {}, ['demo-resident', 'demo-community-admin', 'demo-branch-admin']],
    ['accepted', {}, ['demo-branch-admin', 'demo-community-admin', 'cn-branch', 'demo-member']],
    ['pooled', { pool: { kind: 'community', id: 'org-beimen' } }, ['demo-member', 'cn-member-0', 'demo-resident']],
    ['pooled', { pool: { kind: 'grid', id: 'org-beimen-grid-1' }, poolBuildingIds: ['org-beimen-b1'] }, ['demo-member', 'bm-b1-member', 'demo-branch-admin']],
    ['dispatched_unit', { unitId: 'unit-water-bureau' }, ['demo-unit-admin', 'demo-branch-admin']],
    ['dispatched_member', member, ['demo-member', 'demo-resident', 'demo-branch-admin']],
    ['done', { ...member, report: { note: '修好了', photos: [], hours: 1 } }, ['demo-resident', 'demo-member']],
    ['complained', member, ['demo-community-admin', 'demo-branch-admin']],
  ]
  const VERBS = ['accept', 'decline', 'merge', 'dispatchToMember', 'dispatchToUnit', 'passToMember', 'pool', 'recall', 'acceptDispatch', 'declineDispatch', 'claim', 'release', 'start', 'finish', 'confirm', 'complain', 'resolve', 'cancel']

  let template: Record<string, any>
  let intoId: string
  let n = 0
  beforeAll(async () => {
    // A member living in the grid pool's building (the demo member lives in 2栋, outside it).
    await insertMembers([{ openid: 'bm-b1-member', name: '北门一栋党员', communityId: 'org-beimen', buildingId: 'org-beimen-b1' }])
    template = await readOrder((await placeOrder()).id)
    intoId = (await placeOrder()).id
  })
  /** A copy of the template in `state`, under a fresh id. */
  async function orderIn(state: string, extra: Record<string, unknown>) {
    const id = `can-${state}-${++n}`
    await stack.emulator.db.collection('orders').insertMany([{ ...template, _id: id, state, stateSince: new Date(), ...extra }])
    return id
  }

  test.each(scenarios)('%s %j: every verb offered succeeds, every other verb is refused', async (state, extra, viewers) => {
    const offered = new Set<string>()
    for (const openid of viewers) {
      const shown = await call('get', { id: await orderIn(state, extra) }, openid)
      // Someone who may not read it gets no buttons either; they are refused everything below.
      const can: string[] = shown.result.code === 0 ? shown.result.data.can : []
      const outcomes = await Promise.all(
        VERBS.map(async (verb) => {
          const id = await orderIn(state, extra)
          const { result } = await call(verb, { id, ...inputOf(verb, state, intoId) }, openid)
          return [verb, result.code === 0 ? 'ok' : result.code] as const
        }),
      )
      const allowed = outcomes.filter(([, r]) => r === 'ok').map(([verb]) => verb)
      expect({ openid, allowed }).toEqual({ openid, allowed: can })
      can.forEach((v) => offered.add(v))
    }
    // Each scenario has someone with a button, so the agreement above is not only about refusals.
    expect(offered.size).toBeGreaterThan(0)
  })

  test('the ids the page needs come with the order', async () => {
    const id = await orderIn('dispatched_member', member)
    const { result } = await call('get', { id }, 'demo-member')
    expect(result.data).toMatchObject({
      can: ['acceptDispatch', 'declineDispatch'],
      communityId: 'org-beimen',
      buildingId: 'org-beimen-b1',
      assigneeId: 'user-demo-member',
      unitId: null,
      mergedInto: null,
    })
  })
})

describe('unitQueue: 派给本单位的服务单', () => {
  afterAll(() => stack.setClockOffset(0))

  test('刘主任 sees what was sent to 县水利局 and what it passed on while open; not after a recall; a member and another unit’s admin cannot', async () => {
    stack.setClockOffset(0)
    await stack.emulator.db.collection('users').insertOne({
      _id: 'user-co-unit-admin', openid: 'co-unit-admin', name: '水务管理员', roles: [{ kind: 'unit_admin', scopeId: 'unit-water-co' }], createdAt: new Date(), updatedAt: new Date(),
    })
    const sent = (await placeOrder()).id
    const passed = (await placeOrder()).id
    const recalled = (await placeOrder()).id
    const direct = (await placeOrder()).id
    for (const id of [sent, passed, recalled, direct]) await call('accept', { id }, 'demo-community-admin')
    for (const id of [sent, passed, recalled]) await call('dispatchToUnit', { id, seen: 'accepted', unitId: 'unit-water-bureau' }, 'demo-community-admin')
    await call('dispatchToMember', { id: direct, seen: 'accepted', memberId: 'user-demo-member' }, 'demo-community-admin')
    await call('passToMember', { id: passed, memberId: 'user-demo-member' }, 'demo-unit-admin')
    await call('acceptDispatch', { id: passed }, 'demo-member')
    await call('recall', { id: recalled, seen: 'dispatched_unit' }, 'demo-community-admin')

    const { result, roundTrips } = await call('unitQueue', {}, 'demo-unit-admin')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(2)
    const byId = new Map(result.data.items.map((o: { id: string }) => [o.id, o]))
    expect(byId.get(sent)).toMatchObject({ state: 'dispatched_unit', stateLabel: '待单位分派', communityName: '北门社区', overdue: null })
    expect(byId.get(passed)).toMatchObject({ state: 'claimed', assigneeName: '李建国' })
    expect(byId.has(recalled)).toBe(false)
    expect(byId.has(direct)).toBe(false)
    expect(result.data.total).toBe(result.data.items.length)
    // Longest waiting first.
    const since = await Promise.all(result.data.items.map(async (o: { id: string }) => new Date((await readOrder(o.id)).stateSince).getTime()))
    expect(since).toEqual([...since].sort((a, b) => a - b))
    expect((await call('unitQueue', { unitId: 'unit-water-bureau' }, 'demo-unit-admin')).result.data.items.map((o: { id: string }) => o.id)).toEqual(
      result.data.items.map((o: { id: string }) => o.id),
    )

    const refused = [
      await call('unitQueue', {}, 'demo-member'),
      await call('unitQueue', {}, 'demo-community-admin'),
      await call('unitQueue', { unitId: 'unit-water-bureau' }, 'co-unit-admin'),
      await call('unitQueue', { unitId: 'unit-water-co' }, 'demo-unit-admin'),
    ]
    expect(refused.map((r) => r.result.code)).toEqual(['AUTH.FORBIDDEN', 'AUTH.FORBIDDEN', 'AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'])
    // Another unit's admin asking for their own unit: none of 县水利局's orders.
    const other = await call('unitQueue', {}, 'co-unit-admin')
    expect(other.result).toMatchObject({ code: 0, data: { items: [], total: 0 } })
  })

  test('an order the unit leaves lying is flagged overdue against its community’s claim limit', async () => {
    stack.setClockOffset(0)
    const { id } = await placeOrder()
    await call('accept', { id }, 'demo-community-admin')
    await call('dispatchToUnit', { id, seen: 'accepted', unitId: 'unit-water-bureau' }, 'demo-community-admin')
    const limits = (await call('getSettings', { communityId: 'org-beimen' }, 'demo-community-admin')).result.data.settings
    const row = async () => (await call('unitQueue', {}, 'demo-unit-admin')).result.data.items.find((o: { id: string }) => o.id === id)
    stack.setClockOffset((limits.claimHours - 1) * 3_600_000)
    expect((await row()).overdue).toBeNull()
    stack.setClockOffset((limits.claimHours + 1) * 3_600_000)
    expect((await row()).overdue).toMatchObject({ label: '超时无人接单', level: null })
  })
})
