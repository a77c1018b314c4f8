/**
 * Households and visits through the runner against the emulator, on the seeded demo county
 * (server/local/demo-grid.ts: five doors of 北门第一网格, 张敏's visits): who sees residents (and
 * who gets AUTH.FORBIDDEN), the masked list in one round trip, overdue households by the
 * community's rules, creating and editing households, visits stored once per device key, the
 * household's last visit moving only forward, a need linked to its wish, and bad input.
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(180_000)

let stack: TestStack
const DAY = 86_400_000

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  const at = new Date()
  // A building head of 北门花园1栋 and the grid worker of 城南第一网格: people the seed does not have.
  await stack.emulator.db.collection('users').insertMany([
    { _id: 'user-b1-head', openid: 'b1-head', name: '楼长老周', roles: [{ kind: 'building_head', scopeId: 'org-beimen-b1', scopeName: '北门花园1栋' }], createdAt: at, updatedAt: at },
    { _id: 'user-cn-grid', openid: 'cn-grid', name: '城南网格员', roles: [{ kind: 'grid_worker', scopeId: 'org-chengnan-grid-1', scopeName: '城南第一网格' }], createdAt: at, updatedAt: at },
  ])
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('households', { action, ...input }, openid)
const db = () => stack.emulator.db
const household = (id: string) => db().collection('households').findOne({ _id: id }) as Record<string, any>
let counter = 0
const key = () => `testdev01-${++counter}`
const visit = (over: Record<string, unknown> = {}) => ({
  key: key(),
  householdId: 'hh-demo-b1-501',
  visitedAt: new Date().toISOString(),
  seen: '老人在家，精神不错。',
  needs: [],
  photos: [],
  ...over,
})

describe('who sees households', () => {
  test('the grid worker lists the grid in one round trip, names masked, overdue marked', async () => {
    const { result, roundTrips } = await call('list', { placeId: 'org-beimen-grid-1' }, 'demo-grid')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(1)
    const items = result.data.items as Record<string, any>[]
    expect(items.map((h) => h.id)).toEqual(expect.arrayContaining(['hh-demo-b1-101', 'hh-demo-b1-302', 'hh-demo-b2-602']))
    const wang = items.find((h) => h.id === 'hh-demo-b1-101')!
    expect(wang.headline).toBe('王**')
    expect(wang.tagLabels).toEqual(['独居老人', '党员'])
    expect(wang.overdue).toBe(true)
    expect(JSON.stringify(result.data)).not.toMatch(/王秀英|13800001001/)
    expect(items.find((h) => h.id === 'hh-demo-b1-302')!.overdue).toBe(false)
    expect(result.data.overdueCount).toBeGreaterThanOrEqual(2)
  })

  test('overdue: only the households due a visit', async () => {
    const { result } = await call('list', { placeId: 'org-beimen-grid-1', overdue: true }, 'demo-grid')
    const ids = (result.data.items as { id: string; overdue: boolean }[]).map((h) => h.id)
    expect(ids).toEqual(expect.arrayContaining(['hh-demo-b1-101', 'hh-demo-b2-602']))
    expect(ids).not.toContain('hh-demo-b1-302')
    expect(result.data.items.every((h: { overdue: boolean }) => h.overdue)).toBe(true)
  })

  test('the household page shows names and phones whole to the grid worker, the building head and the community admin', async () => {
    for (const openid of ['demo-grid', 'b1-head', 'demo-community-admin']) {
      const { result } = await call('get', { id: 'hh-demo-b1-101' }, openid)
      expect(result.code).toBe(0)
      expect(result.data.residents[0]).toMatchObject({ name: '王秀英', phone: '13800001001' })
      expect(result.data.visits.length).toBeGreaterThanOrEqual(1)
    }
    expect((await call('get', { id: 'hh-demo-b1-101' }, 'b1-head')).result.data.canEdit).toBe(false)
    expect((await call('get', { id: 'hh-demo-b1-101' }, 'demo-grid')).result.data).toMatchObject({ canEdit: true, canVisit: true })
  })

  test('a member, a resident, another grid\'s worker, another community\'s admin: AUTH.FORBIDDEN, no data', async () => {
    for (const openid of ['demo-member', 'demo-resident', 'cn-grid', 'demo-chengnan-admin', 'demo-unit-admin']) {
      for (const [action, input] of [
        ['list', { placeId: 'org-beimen-grid-1' }],
        ['list', { placeId: 'org-beimen' }],
        ['get', { id: 'hh-demo-b1-101' }],
      ] as const) {
        const { result } = await call(action, input, openid)
        expect([openid, action, result.code]).toEqual([openid, action, 'AUTH.FORBIDDEN'])
        expect(result.data).toBeUndefined()
      }
    }
    // A building head sees their building, not the rest of the grid.
    expect((await call('list', { placeId: 'org-beimen-b1' }, 'b1-head')).result.code).toBe(0)
    expect((await call('list', { placeId: 'org-beimen-grid-1' }, 'b1-head')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('places', {}, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
  })

  test('places: the grid worker gets their grid and its buildings', async () => {
    const { result } = await call('places', {}, 'demo-grid')
    expect(result.code).toBe(0)
    expect(result.data.places.map((p: { id: string }) => p.id)).toEqual(['org-beimen-grid-1', 'org-beimen-b1', 'org-beimen-b2'])
  })
})

describe('households', () => {
  const residents = [{ name: '孙大爷', tags: ['elderly_alone'], phone: '138 0000 3001', birthYear: 1941 }]

  test('the grid worker adds a door; the same door again is refused; another grid\'s worker may not', async () => {
    const { result } = await call('create', { buildingId: 'org-beimen-b2', door: '3单元101', residents }, 'demo-grid')
    expect(result.code).toBe(0)
    expect(result.data.residents[0]).toMatchObject({ name: '孙大爷', phone: '13800003001', tagLabels: ['独居老人'] })
    const stored = household(result.data.id)
    expect(stored.lineage).toEqual(['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden', 'org-beimen-grid-1', 'org-beimen-b2'])
    expect(new Date(stored.visitDueAt).getTime() - new Date(stored.createdAt).getTime()).toBe(30 * DAY)
    const before = db().collection('households').count({})
    expect((await call('create', { buildingId: 'org-beimen-b2', door: '3单元101', residents }, 'demo-grid')).result.code).toBe('HOUSEHOLD.DUPLICATE_DOOR')
    expect((await call('create', { buildingId: 'org-beimen-b2', door: '3单元102', residents }, 'cn-grid')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('create', { buildingId: 'org-beimen-b2', door: '3单元102', residents }, 'b1-head')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('create', { buildingId: 'org-beimen-grid-1', door: '3单元102', residents }, 'demo-grid')).result.code).toBe('HOUSEHOLD.NOT_BUILDING')
    expect((await call('create', { buildingId: 'org-beimen-b2', door: '3单元 102!', residents }, 'demo-grid')).result.code).toBe('HOUSEHOLD.BAD_DOOR')
    expect((await call('create', { buildingId: 'org-beimen-b2', door: '3单元103', residents: [] }, 'demo-grid')).result.code).toBe('HOUSEHOLD.NO_RESIDENT')
    expect(db().collection('households').count({})).toBe(before)
  })

  test('editing the residents recomputes the tags; an edit on a stale read is refused', async () => {
    const { result } = await call('update', { id: 'hh-demo-b2-201', residents: [{ id: 'hh-demo-b2-201-r1', name: '李建国', tags: ['party_member', 'disabled'], phone: '13800001002' }] }, 'demo-grid')
    expect(result.code).toBe(0)
    expect(household('hh-demo-b2-201').tags).toEqual(['disabled', 'party_member'])
    expect((await call('update', { id: 'hh-demo-b2-201', residents: [{ name: '何芳', tags: [], phone: '12345' }] }, 'demo-grid')).result.code).toBe('HOUSEHOLD.BAD_PHONE')
    expect((await call('update', { id: 'hh-demo-b2-201', residents }, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect(household('hh-demo-b2-201').residents).toHaveLength(1)
  })
})

describe('visits', () => {
  test('a visit without a household: VISIT.NO_HOUSEHOLD in Chinese, nothing written', async () => {
    const before = db().collection('visits').count({})
    const at = household('hh-demo-b1-501').lastVisitAt
    for (const over of [{ householdId: null }, { householdId: undefined }]) {
      const { result } = await call('recordVisit', visit(over), 'demo-grid')
      expect(result.code).toBe('VISIT.NO_HOUSEHOLD')
      expect(result.message).toBe('请先选择走访的住户')
    }
    expect(db().collection('visits').count({})).toBe(before)
    expect(household('hh-demo-b1-501').lastVisitAt).toEqual(at)
  })

  test.each<[string, Record<string, unknown>, string]>([
    ['a time in the future', { visitedAt: new Date(Date.now() + 2 * DAY).toISOString() }, 'VISIT.BAD_TIME'],
    ['nothing seen', { seen: ' ' }, 'VISIT.SEEN_REQUIRED'],
    ['an empty need', { needs: [{ kind: 'wish', text: '' }] }, 'VISIT.NEED_EMPTY'],
    ['a malformed key', { key: 'x' }, 'VISIT.BAD_KEY'],
    ['an unknown household', { householdId: 'hh-nowhere' }, 'HOUSEHOLD.NOT_FOUND'],
  ])('%s is refused with its code, nothing written', async (_label, over, code) => {
    const before = db().collection('visits').count({})
    const { result } = await call('recordVisit', visit(over), 'demo-grid')
    expect(result.code).toBe(code)
    expect(db().collection('visits').count({})).toBe(before)
  })

  test('a member may not record a visit', async () => {
    expect((await call('recordVisit', visit(), 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('myVisits', {}, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
  })

  test('the same key sent 5 times at once and again later: one record, created once; the household moves forward only', async () => {
    const k = key()
    const input = visit({ key: k, householdId: 'hh-demo-b2-602', needs: [{ kind: 'wish', text: '想要一台收音机' }, { kind: 'order', text: '请人修一下水龙头' }] })
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('recordVisit', input, 'demo-grid')))
    expect(answers.map((a) => a.result.code)).toEqual(Array(5).fill(0))
    expect(answers.filter((a) => a.result.data.created).length).toBe(1)
    expect((await call('recordVisit', input, 'demo-grid')).result.data.created).toBe(false)
    expect(db().collection('visits').count({ _id: k })).toBe(1)
    const h = household('hh-demo-b2-602')
    expect(new Date(h.lastVisitAt).toISOString()).toBe(input.visitedAt)
    expect(new Date(h.visitDueAt).getTime()).toBe(new Date(input.visitedAt).getTime() + 30 * DAY)
    // Somebody else may not claim the key.
    expect((await call('recordVisit', input, 'demo-community-admin')).result.code).toBe('VISIT.BAD_KEY')

    // An older visit arriving late is stored but does not pull the last visit back.
    const older = visit({ householdId: 'hh-demo-b2-602', visitedAt: new Date(Date.now() - 3 * DAY).toISOString() })
    expect((await call('recordVisit', older, 'demo-grid')).result.data.created).toBe(true)
    expect(new Date(household('hh-demo-b2-602').lastVisitAt).toISOString()).toBe(input.visitedAt)

    // No longer overdue; in 张敏's list, newest first.
    const list = await call('list', { placeId: 'org-beimen-b2', overdue: true }, 'demo-grid')
    expect(list.result.data.items.map((r: { id: string }) => r.id)).not.toContain('hh-demo-b2-602')
    const mine = (await call('myVisits', {}, 'demo-grid')).result.data.items as { id: string; visitedAt: string }[]
    expect(mine[0].id).toBe(k)
    expect(mine.map((v) => v.id)).toContain(older.key)

    // A need becomes a wish: linked on the record.
    const linked = await call('linkNeed', { visitId: k, index: 0, kind: 'wish', targetId: 'wish-abc' }, 'demo-grid')
    expect(linked.result.data.needs[0].followUp).toEqual({ kind: 'wish', id: 'wish-abc' })
    expect(db().collection('visits').findOne({ _id: k })!.needs[0].followUp).toEqual({ kind: 'wish', id: 'wish-abc' })
    expect((await call('linkNeed', { visitId: k, index: 4, kind: 'order', targetId: 'o1' }, 'demo-grid')).result.code).toBe('VISIT.NOT_FOUND')
    expect((await call('linkNeed', { visitId: k, index: 1, kind: 'order', targetId: 'o1' }, 'cn-grid')).result.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('visit rules', () => {
  test('the community admin changes them; the lists follow at once; a grid worker may read, not change', async () => {
    const read = await call('getVisitRules', { communityId: 'org-beimen' }, 'demo-grid')
    expect(read.result.data).toMatchObject({ rules: { elderly_alone: 30 }, canEdit: false })
    expect((await call('setVisitRules', { communityId: 'org-beimen', rules: { elderly_alone: 7 } }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('setVisitRules', { communityId: 'org-beimen', rules: { elderly_alone: 0 } }, 'demo-community-admin')).result.code).toBe('REQUEST.INVALID')

    // 孙大爷-style: a 留守儿童 household visited 10 days ago is overdue once the rule is 7 days.
    const set = await call('setVisitRules', { communityId: 'org-beimen', rules: { left_behind_child: 7 } }, 'demo-community-admin')
    expect(set.result.data).toEqual({ rules: { left_behind_child: 7 }, canEdit: true })
    const overdue = await call('list', { placeId: 'org-beimen-grid-1', overdue: true }, 'demo-grid')
    const ids = overdue.result.data.items.map((r: { id: string }) => r.id)
    expect(ids).toContain('hh-demo-b1-302')
    // 独居老人 no longer has a rule.
    expect(ids).not.toContain('hh-demo-b1-101')
    await call('setVisitRules', { communityId: 'org-beimen', rules: { elderly_alone: 30, left_behind_child: 30, disabled: 60, subsistence: 90 } }, 'demo-community-admin')
  })
})
