import { SKILL_TAGS, FREE_TIME_SLOTS } from './registration'
import {
  freeTimeSlotOf,
  LOAD_CAP,
  PER_OPEN_ORDER,
  rankCandidates,
  WEIGHT_BALANCE,
  WEIGHT_FREE_TIME,
  WEIGHT_IDLE,
  WEIGHT_SAME_BUILDING,
  WEIGHT_SAME_COMPOUND,
  WEIGHT_SAME_GRID,
  WEIGHT_SKILL,
  type Candidate,
  type RankedOrder,
} from './recommend'

describe('free-time slot of the preferred time (China time)', () => {
  test.each([
    ['Monday 09:00', '2026-11-23T09:00:00+08:00', '工作日白天'],
    ['Monday 08:00, the first minute of the day', '2026-11-23T08:00:00+08:00', '工作日白天'],
    ['Monday 07:59', '2026-11-23T07:59:00+08:00', null],
    ['Monday 17:59', '2026-11-23T17:59:00+08:00', '工作日白天'],
    ['Monday 18:00', '2026-11-23T18:00:00+08:00', '工作日晚上'],
    ['Friday 21:59', '2026-11-27T21:59:00+08:00', '工作日晚上'],
    ['Friday 22:00', '2026-11-27T22:00:00+08:00', null],
    ['Saturday 10:00', '2026-11-28T10:00:00+08:00', '周末白天'],
    ['Sunday 20:00', '2026-11-22T20:00:00+08:00', '周末晚上'],
    ['Sunday 23:30', '2026-11-22T23:30:00+08:00', null],
    // 01:00 UTC is 09:00 in China: the UTC hour alone would call it night.
    ['Monday 01:00 UTC', '2026-11-23T01:00:00Z', '工作日白天'],
    // Friday 16:30 UTC is already Saturday 00:30 in China.
    ['Saturday 00:30 (Friday in UTC)', '2026-11-27T16:30:00Z', null],
    ['Saturday 08:30 (Saturday 00:30 UTC)', '2026-11-28T00:30:00Z', '周末白天'],
  ])('%s', (_name, iso, slot) => {
    expect(freeTimeSlotOf(new Date(iso))).toBe(slot)
  })

  test('every slot it names is one of registration\'s', () => {
    for (let hour = 0; hour < 24 * 7; hour++) {
      const slot = freeTimeSlotOf(new Date(Date.UTC(2026, 10, 22, hour)))
      if (slot) expect(FREE_TIME_SLOTS).toContain(slot)
    }
  })
})

const member = (id: string, over: Partial<Candidate>): Candidate => ({
  id,
  name: id,
  communityId: 'm-1',
  compoundId: null,
  gridId: null,
  buildingId: null,
  skills: [],
  freeTime: [],
  openOrders: 0,
  hoursThisYear: 0,
  ...over,
})

// A leaking pipe in building b-1 (grid g-1, compound p-1), wanted on Saturday morning (周末白天).
const pipe: RankedOrder = {
  communityId: 'm-1',
  compoundId: 'p-1',
  gridId: 'g-1',
  buildingId: 'b-1',
  skills: ['水电维修'],
  preferredAt: new Date('2026-11-28T10:00:00+08:00'),
}
const inB1 = { buildingId: 'b-1', gridId: 'g-1', compoundId: 'p-1' }

// The members, and (worked out by hand below) why each lands where it does. Mean hours = 150 / 6 = 25.
const MEMBERS: Candidate[] = [
  member('b-li', { buildingId: 'b-2', gridId: 'g-1', compoundId: 'p-1', skills: ['水电维修', '家电维修'], openOrders: 1, hoursThisYear: 30 }),
  member('e-sun', { buildingId: 'b-5', gridId: 'g-2', compoundId: 'p-1', skills: ['水电维修'], freeTime: ['工作日晚上'], openOrders: 4, hoursThisYear: 80 }),
  member('a-wang', { ...inB1, skills: ['水电维修'], freeTime: ['周末白天'], hoursThisYear: 10 }),
  member('d-chen', { ...inB1, freeTime: ['周末白天', '周末晚上'], hoursThisYear: 5 }),
  member('c-zhao', { buildingId: 'b-9', gridId: 'g-3', compoundId: 'p-2', skills: ['水电维修'], freeTime: ['周末白天'], hoursThisYear: 0 }),
  member('f-zhou', { skills: ['水电维修'], freeTime: ['周末白天'], hoursThisYear: 25 }),
  // Best on paper, but registered in another community: never suggested.
  member('g-wu', { ...inB1, communityId: 'm-2', skills: ['水电维修'], freeTime: ['周末白天'] }),
]

describe('ranking members for an order', () => {
  test('the weights are the documented ones', () => {
    expect({ WEIGHT_SKILL, WEIGHT_SAME_BUILDING, WEIGHT_SAME_GRID, WEIGHT_SAME_COMPOUND, WEIGHT_FREE_TIME, WEIGHT_IDLE, PER_OPEN_ORDER, LOAD_CAP, WEIGHT_BALANCE }).toEqual({
      WEIGHT_SKILL: 60,
      WEIGHT_SAME_BUILDING: 30,
      WEIGHT_SAME_GRID: 20,
      WEIGHT_SAME_COMPOUND: 12,
      WEIGHT_FREE_TIME: 15,
      WEIGHT_IDLE: 15,
      PER_OPEN_ORDER: 8,
      LOAD_CAP: 4,
      WEIGHT_BALANCE: 20,
    })
    // A full skill match outweighs the best place and free time together.
    expect(WEIGHT_SKILL).toBeGreaterThan(WEIGHT_SAME_BUILDING + WEIGHT_FREE_TIME)
  })

  test('a leaking pipe: the plumber next door first, then plumbers by place and balance, the non-plumber neighbour after them', () => {
    const ranked = rankCandidates(pipe, MEMBERS)
    // skill + near + free time + load + balance, balance = 20 × (25 − hours) / 25 clamped to ±20.
    expect(ranked.map((r) => [r.id, r.score, r.parts])).toEqual([
      ['a-wang', 132, { skill: 60, near: 30, freeTime: 15, load: 15, balance: 12 }],
      ['c-zhao', 110, { skill: 60, near: 0, freeTime: 15, load: 15, balance: 20 }],
      ['f-zhou', 90, { skill: 60, near: 0, freeTime: 15, load: 15, balance: 0 }],
      ['b-li', 83, { skill: 60, near: 20, freeTime: 0, load: 7, balance: -4 }],
      ['d-chen', 76, { skill: 0, near: 30, freeTime: 15, load: 15, balance: 16 }],
      ['e-sun', 35, { skill: 60, near: 12, freeTime: 0, load: -17, balance: -20 }],
    ])
    expect(Object.fromEntries(ranked.map((r) => [r.id, r.reasons]))).toEqual({
      'a-wang': ['擅长水电维修', '同一楼栋', '周末白天有空', '当前没有待办的服务单', '本年服务 10 小时，较少'],
      'c-zhao': ['擅长水电维修', '同一社区', '周末白天有空', '当前没有待办的服务单', '本年服务 0 小时，较少'],
      'f-zhou': ['擅长水电维修', '同一社区', '周末白天有空', '当前没有待办的服务单', '本年服务 25 小时，居中'],
      'b-li': ['擅长水电维修', '同一网格', '手上有 1 单未完成', '本年服务 30 小时，较多'],
      'd-chen': ['未登记水电维修特长', '同一楼栋', '周末白天有空', '当前没有待办的服务单', '本年服务 5 小时，较少'],
      'e-sun': ['擅长水电维修', '同一小区', '手上有 4 单未完成', '本年服务 80 小时，较多'],
    })
  })

  test('two skills wanted: each counts half; the reasons list what matched, in the order asked', () => {
    const ranked = rankCandidates({ ...pipe, skills: ['家电维修', '水电维修', '家电维修'] }, MEMBERS)
    const byId = Object.fromEntries(ranked.map((r) => [r.id, r]))
    expect(byId['b-li'].parts.skill).toBe(60)
    expect(byId['b-li'].reasons[0]).toBe('擅长家电维修、水电维修')
    expect(byId['a-wang'].parts.skill).toBe(30)
    expect(byId['d-chen'].reasons[0]).toBe('未登记家电维修、水电维修特长')
    expect(ranked.map((r) => r.id)).toEqual(['a-wang', 'b-li', 'c-zhao', 'd-chen', 'f-zhou', 'e-sun'])
  })

  test('no skill wanted, at night: place, load and balance decide; no skill or free-time reason', () => {
    const ranked = rankCandidates({ ...pipe, skills: [], preferredAt: new Date('2026-11-28T23:00:00+08:00') }, MEMBERS)
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['d-chen', 61],
      ['a-wang', 57],
      ['c-zhao', 35],
      ['b-li', 23],
      ['f-zhou', 15],
      ['e-sun', -25],
    ])
    for (const r of ranked) {
      expect(r.parts.skill).toBe(0)
      expect(r.parts.freeTime).toBe(0)
      expect(r.reasons.some((w) => w.includes('特长') || w.includes('擅长') || w.includes('有空'))).toBe(false)
    }
  })

  test('equal scores are ordered by id, whatever the input order', () => {
    const twins = [member('x-2', inB1), member('x-10', inB1), member('x-1', inB1)]
    expect(rankCandidates(pipe, twins).map((r) => r.id)).toEqual(['x-1', 'x-10', 'x-2'])
    expect(rankCandidates(pipe, [...twins].reverse()).map((r) => r.id)).toEqual(['x-1', 'x-10', 'x-2'])
  })

  test('limit, exclusions, other communities, nobody', () => {
    expect(rankCandidates(pipe, MEMBERS, { limit: 3 }).map((r) => r.id)).toEqual(['a-wang', 'c-zhao', 'f-zhou'])
    // Excluding the best one also takes their hours out of the mean (now 140 / 5 = 28).
    const without = rankCandidates(pipe, MEMBERS, { limit: 2, exclude: new Set(['a-wang']) })
    expect(without.map((r) => [r.id, r.parts.balance])).toEqual([
      ['c-zhao', 20],
      ['f-zhou', 2.143],
    ])
    expect(rankCandidates(pipe, MEMBERS, { limit: 0 })).toEqual([])
    expect(rankCandidates(pipe, [])).toEqual([])
    expect(rankCandidates({ ...pipe, communityId: 'm-9' }, MEMBERS)).toEqual([])
    expect(rankCandidates(pipe, MEMBERS, { limit: 100 }).map((r) => r.id)).not.toContain('g-wu')
  })

  test('load is capped: the fifth open order costs nothing more', () => {
    const busy = rankCandidates(pipe, [member('p-4', { openOrders: 4 }), member('p-9', { openOrders: 9 })])
    expect(busy.map((r) => [r.id, r.parts.load])).toEqual([
      ['p-4', WEIGHT_IDLE - LOAD_CAP * PER_OPEN_ORDER],
      ['p-9', WEIGHT_IDLE - LOAD_CAP * PER_OPEN_ORDER],
    ])
    expect(busy[1].reasons).toContain('手上有 9 单未完成')
  })

  test('a small community with few hours is not called unbalanced over an hour or two', () => {
    const ranked = rankCandidates(pipe, [member('q-1', { hoursThisYear: 1 }), member('q-2', { hoursThisYear: 3 })])
    // mean 2, but the floor of 10 hours keeps the difference small: 20 × ±1 / 10.
    expect(ranked.map((r) => [r.id, r.parts.balance])).toEqual([
      ['q-1', 2],
      ['q-2', -2],
    ])
  })
})

describe('ranking many members', () => {
  // Deterministic members (a fixed linear congruential sequence), so a failure reproduces.
  let seed = 42
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
  const many: Candidate[] = Array.from({ length: 3000 }, (_, i) => {
    const b = Math.floor(next() * 40)
    return member(`n-${i}`, {
      communityId: next() < 0.95 ? 'm-1' : 'm-2',
      buildingId: `b-${b}`,
      gridId: `g-${b % 8}`,
      compoundId: `p-${b % 3}`,
      skills: [pick(SKILL_TAGS), pick(SKILL_TAGS)],
      freeTime: [pick(FREE_TIME_SLOTS)],
      openOrders: Math.floor(next() * 6),
      hoursThisYear: Math.floor(next() * 100),
    })
  })
  const order: RankedOrder = { ...pipe, buildingId: 'b-7', gridId: 'g-7', compoundId: 'p-1' }

  test('the top k is the first k of the full ranking, sorted by score then id, with parts that add up', () => {
    const all = rankCandidates(order, many, { limit: many.length })
    expect(all.length).toBe(many.filter((c) => c.communityId === 'm-1').length)
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]]
      expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true)
    }
    for (const r of all) {
      const sum = r.parts.skill + r.parts.near + r.parts.freeTime + r.parts.load + r.parts.balance
      expect(Math.abs(sum - r.score)).toBeLessThan(0.002)
    }
    for (const k of [1, 7, 50, 333]) expect(rankCandidates(order, many, { limit: k })).toEqual(all.slice(0, k))
  })

  test('the same input gives the same answer', () => {
    expect(rankCandidates(order, many, { limit: 20 })).toEqual(rankCandidates(order, [...many].reverse(), { limit: 20 }))
  })
})
