import { isDomainError } from '../errors'
import { holds } from '../lifecycle'
import {
  availableVerbs,
  ORDER_TRANSITIONS,
  ORDER_VERBS,
  planClose,
  planOrder,
  type MemberTarget,
  type OrderCaller,
  type OrderRecord,
  type OrderRequest,
  type OrderState,
  type PersonVerb,
} from '.'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
  return undefined
}

const now = new Date('2026-11-22T10:00:00+08:00')
const base = {
  _id: 'o-1',
  communityId: 'm-1',
  lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-1', 'b-1'],
  state: 'ordered',
  residentId: 'u-res',
  placedById: 'u-res',
  assigneeId: null,
  unitId: null,
  pool: null,
  poolBuildingIds: null,
  history: [],
} as unknown as OrderRecord
const order = (state: OrderState, extra: Partial<OrderRecord> = {}): OrderRecord => ({ ...base, state, ...extra })

const caller = (userId: string, grants: OrderCaller['grants'] = [], member: OrderCaller['member'] = null): OrderCaller => ({ userId, name: userId, openid: `openid-${userId}`, grants, member })
const C = {
  resident: caller('u-res'),
  communityAdmin: caller('u-ca', [{ kind: 'community_admin', scopeId: 'm-1' }]),
  branch: caller('u-br', [{ kind: 'branch_admin', scopeId: 'p-1' }]),
  otherBranch: caller('u-br2', [{ kind: 'branch_admin', scopeId: 'p-2' }]),
  unitAdmin: caller('u-ua', [{ kind: 'unit_admin', scopeId: 'unit-1' }]),
  member: caller('u-mem', [{ kind: 'member', scopeId: 'm-1' }], { communityId: 'm-1', buildingId: 'b-2', registrationId: 'r-mem', unitId: 'unit-1' }),
  memberNoBuilding: caller('u-mem2', [{ kind: 'member', scopeId: 'm-1' }], { communityId: 'm-1', buildingId: null, registrationId: 'r-mem2', unitId: 'unit-2' }),
  stranger: caller('u-x'),
}
const memberTarget: MemberTarget = { registrationId: 'r-mem', userId: 'u-mem', name: '李建国', communityId: 'm-1', unitId: 'unit-1', openid: 'openid-u-mem' }
const plan = (o: OrderRecord | null, who: OrderCaller | null, req: Omit<OrderRequest, 'id' | 'now'>) => planOrder(o, who, { id: 'o-1', now, ...req })

describe('the write carries exactly the guards judged on the read', () => {
  test.each<[string, OrderRecord, OrderCaller, Omit<OrderRequest, 'id' | 'now'>, unknown[]]>([
    ['a role verb: the caller’s reach', order('ordered'), C.communityAdmin, { verb: 'accept' }, [{ lineage: { $in: ['m-1'] } }]],
    ['a branch admin: their compound', order('dispatched_member', { assigneeId: 'u-mem' }), C.branch, { verb: 'recall', seen: 'dispatched_member' }, [{ lineage: { $in: ['p-1'] } }]],
    [
      'a dispatch: the reach, and the member’s community',
      order('accepted'),
      C.branch,
      { verb: 'dispatchToMember', seen: 'accepted', member: memberTarget },
      [{ lineage: { $in: ['p-1'] } }, { communityId: 'm-1' }],
    ],
    [
      'a dispatch to a unit: the unit is paired with the order’s community',
      order('accepted'),
      C.communityAdmin,
      { verb: 'dispatchToUnit', seen: 'accepted', unit: { id: 'unit-1', name: '县水利局', pairedCommunityIds: ['m-1', 'm-3'] } },
      [{ lineage: { $in: ['m-1'] } }, { communityId: { $in: ['m-1', 'm-3'] } }],
    ],
    [
      'a unit’s pass: their units, the member’s community and unit',
      order('dispatched_unit', { unitId: 'unit-1' }),
      C.unitAdmin,
      { verb: 'passToMember', member: memberTarget },
      [{ unitId: { $in: ['unit-1'] } }, { communityId: 'm-1' }, { unitId: 'unit-1' }],
    ],
    [
      'a claim: the member’s community and pool',
      order('pooled', { pool: { kind: 'grid', id: 'g-1' }, poolBuildingIds: ['b-1', 'b-2'] }),
      C.member,
      { verb: 'claim' },
      [{ communityId: 'm-1' }, { $or: [{ 'pool.kind': 'community' }, { poolBuildingIds: 'b-2' }] }],
    ],
    [
      'a claim by a member without a building: only a community pool',
      order('pooled', { pool: { kind: 'community', id: 'm-1' } }),
      C.memberNoBuilding,
      { verb: 'claim' },
      [{ communityId: 'm-1' }, { 'pool.kind': 'community' }],
    ],
    ['the requester: resident or placer', order('done', { assigneeId: 'u-mem' }), C.resident, { verb: 'confirm', rating: { stars: 5, comment: '' } }, [{ $or: [{ residentId: 'u-res' }, { placedById: 'u-res' }] }]],
    ['the assignee', order('claimed', { assigneeId: 'u-mem' }), C.member, { verb: 'start' }, [{ assigneeId: 'u-mem' }]],
  ])('%s', (_name, o, who, req, conditions) => {
    const p = plan(o, who, req)
    expect(p.conditions).toEqual(conditions)
    expect(p.from).toBe(o.state)
    // What the database will test, the read met.
    for (const c of p.conditions) expect(holds(o, c)).toBe(true)
  })

  test('a plan exists exactly for the verbs the person is offered, and its conditions hold on the order it was made from', () => {
    const orders = [
      order('ordered'),
      order('accepted'),
      order('pooled', { pool: { kind: 'grid', id: 'g-1' }, poolBuildingIds: ['b-1', 'b-2'] }),
      order('pooled', { pool: { kind: 'grid', id: 'g-1' }, poolBuildingIds: ['b-1'] }),
      order('dispatched_unit', { unitId: 'unit-1' }),
      order('dispatched_member', { assigneeId: 'u-mem' }),
      order('claimed', { assigneeId: 'u-mem' }),
      order('in_progress', { assigneeId: 'u-mem' }),
      order('done', { assigneeId: 'u-mem' }),
      order('complained', { assigneeId: 'u-mem' }),
      order('closed', { assigneeId: 'u-mem' }),
    ]
    const input: Partial<Record<PersonVerb, Partial<OrderRequest>>> = {
      merge: { duplicate: { _id: 'o-2', communityId: 'm-1', state: 'accepted' } },
      dispatchToMember: { member: memberTarget },
      passToMember: { member: memberTarget },
      dispatchToUnit: { unit: { id: 'unit-1', name: '县水利局', pairedCommunityIds: ['m-1'] } },
      pool: { pool: { kind: 'community', id: 'm-1', name: '北门社区', communityId: 'm-1', buildingIds: [] } },
      finish: { report: { note: '修好了', photos: [], hours: 1 } },
      confirm: { rating: { stars: 5, comment: '' } },
    }
    const reason = '情况有变，另行安排'
    let planned = 0
    for (const o of orders) {
      for (const who of Object.values(C)) {
        const offered = availableVerbs(o, who)
        for (const verb of ORDER_VERBS.filter((v): v is PersonVerb => v !== 'close')) {
          let p
          try {
            p = plan(o, who, { verb, seen: o.state, reason, ...input[verb] })
          } catch (e) {
            if (!isDomainError(e)) throw e
          }
          expect({ state: o.state, who: who.userId, verb, planned: !!p }).toEqual({ state: o.state, who: who.userId, verb, planned: offered.includes(verb) })
          if (!p) continue
          planned++
          for (const c of p.conditions) expect(holds(o, c)).toBe(true)
        }
      }
    }
    expect(planned).toBeGreaterThan(20)
  })
})

describe('what the plan writes besides the transition', () => {
  test('confirm closes in the same write: two entries, the plan goes to closed', () => {
    const p = plan(order('done', { assigneeId: 'u-mem' }), C.resident, { verb: 'confirm', rating: { stars: 4, comment: '' }, op: 'op-9' })
    expect(p).toMatchObject({ from: 'done', to: 'closed', set: { state: 'closed', rating: { stars: 4, comment: '' } } })
    expect(p.entries.map((e) => [e.verb, e.from, e.to, e.by, e.op])).toEqual([
      ['confirm', 'done', 'confirmed', 'u-res', 'op-9'],
      ['close', 'confirmed', 'closed', 'system', 'op-9'],
    ])
  })

  test('the system closes an order left confirmed', () => {
    expect(planClose(now)).toMatchObject({ from: 'confirmed', to: 'closed', set: { state: 'closed' }, entries: [{ verb: 'close', by: 'system', byName: '系统' }], conditions: [] })
  })

  test('whom to tell and what to book: kept on the order by the verbs that change who holds it', () => {
    expect(plan(order('accepted'), C.branch, { verb: 'dispatchToMember', seen: 'accepted', member: memberTarget }).set).toMatchObject({
      assigneeId: 'u-mem',
      assigneeOpenid: 'openid-u-mem',
      assigneeRegistrationId: 'r-mem',
      assigneeUnitId: 'unit-1',
      poolBuildingIds: null,
    })
    expect(plan(order('dispatched_member', { assigneeId: 'u-mem' }), C.member, { verb: 'acceptDispatch' }).set).toMatchObject({
      assigneeOpenid: 'openid-u-mem',
      assigneeRegistrationId: 'r-mem',
      assigneeUnitId: 'unit-1',
    })
    expect(plan(order('pooled', { pool: { kind: 'community', id: 'm-1' } }), C.memberNoBuilding, { verb: 'claim' }).set).toMatchObject({
      assigneeId: 'u-mem2',
      assigneeOpenid: 'openid-u-mem2',
      assigneeRegistrationId: 'r-mem2',
      assigneeUnitId: 'unit-2',
    })
    for (const [o, who, verb] of [
      [order('dispatched_member', { assigneeId: 'u-mem' }), C.branch, 'recall'],
      [order('dispatched_member', { assigneeId: 'u-mem' }), C.member, 'declineDispatch'],
      [order('claimed', { assigneeId: 'u-mem' }), C.member, 'release'],
    ] as const) {
      expect(plan(o, who, { verb, seen: o.state, reason: '本周出差在外' }).set).toMatchObject({ assigneeId: null, assigneeOpenid: null })
    }
  })
})

describe('which refusal comes first (the codes a person sees)', () => {
  test('nobody the backend knows: refused before anything, even a missing order', () => {
    expect(codeOf(() => plan(null, null, { verb: 'accept' }))).toBe('AUTH.FORBIDDEN')
  })

  test('a role verb: no reach at all is refused before the order is looked at; then a missing order, then out of scope', () => {
    expect(codeOf(() => plan(null, C.member, { verb: 'accept' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(() => plan(null, C.communityAdmin, { verb: 'accept' }))).toBe('ORDER.NOT_FOUND')
    expect(codeOf(() => plan(order('ordered'), C.otherBranch, { verb: 'recall', seen: 'dispatched_member' }))).toBe('AUTH.FORBIDDEN')
  })

  test('claim works with the order itself: a missing order first, then whether the caller is a member', () => {
    expect(codeOf(() => plan(null, C.resident, { verb: 'claim' }))).toBe('ORDER.NOT_FOUND')
    expect(codeOf(() => plan(order('pooled', { pool: { kind: 'community', id: 'm-1' } }), C.resident, { verb: 'claim' }))).toBe('AUTH.FORBIDDEN')
    // The state before the pool: a late claim lost the race, wherever the member lives.
    expect(codeOf(() => plan(order('claimed', { assigneeId: 'u-mem2', pool: { kind: 'grid', id: 'g-1' }, poolBuildingIds: ['b-1'] }), C.member, { verb: 'claim' }))).toBe('ORDER.ALREADY_CLAIMED')
    expect(codeOf(() => plan(order('pooled', { pool: { kind: 'grid', id: 'g-1' }, poolBuildingIds: ['b-1'] }), C.member, { verb: 'claim' }))).toBe('ORDER.OUTSIDE_POOL')
  })

  test('the input of most verbs is checked before the order; finish and confirm answer for the order first', () => {
    expect(codeOf(() => plan(order('done'), C.communityAdmin, { verb: 'decline', reason: '' }))).toBe('ORDER.REASON_REQUIRED')
    expect(codeOf(() => plan(order('in_progress', { assigneeId: 'u-mem' }), C.branch, { verb: 'finish', report: { note: '', photos: [], hours: 1 } }))).toBe('ORDER.NOT_OWNER')
    expect(codeOf(() => plan(order('in_progress', { assigneeId: 'u-mem' }), C.member, { verb: 'finish', report: { note: '', photos: [], hours: 1 } }))).toBe('ORDER.NOTE_REQUIRED')
    expect(codeOf(() => plan(order('done'), C.member, { verb: 'confirm', rating: { stars: 1, comment: '' } }))).toBe('ORDER.NOT_OWNER')
  })

  test('the target is checked on its own before the order, its place on the order after the state', () => {
    const elsewhere = { ...memberTarget, communityId: 'm-2' }
    expect(codeOf(() => plan(order('accepted'), C.branch, { verb: 'dispatchToMember', seen: 'accepted', member: null }))).toBe('ORDER.OUTSIDE_COMMUNITY')
    expect(codeOf(() => plan(order('accepted'), C.branch, { verb: 'dispatchToMember', seen: 'accepted', member: { ...memberTarget, userId: null } }))).toBe('ORDER.OUTSIDE_COMMUNITY')
    expect(codeOf(() => plan(order('done'), C.branch, { verb: 'dispatchToMember', seen: 'accepted', member: elsewhere }))).toBe('ORDER.INVALID_TRANSITION')
    expect(codeOf(() => plan(order('accepted'), C.branch, { verb: 'dispatchToMember', seen: 'accepted', member: elsewhere }))).toBe('ORDER.OUTSIDE_COMMUNITY')
    expect(codeOf(() => plan(order('accepted'), C.branch, { verb: 'dispatchToMember', seen: 'accepted' }))).toBe('REQUEST.INVALID')
  })

  test('a stale page: the state seen is not the state now and nothing else explains it → ORDER.CHANGED', () => {
    const pooled = order('pooled', { pool: { kind: 'community', id: 'm-1' } })
    expect(codeOf(() => plan(pooled, C.branch, { verb: 'dispatchToMember', seen: 'accepted', member: memberTarget }))).toBe('ORDER.CHANGED')
    // Without `seen`, a verb with several starting states plans from the state read.
    expect(plan(pooled, C.branch, { verb: 'dispatchToMember', member: memberTarget }).from).toBe('pooled')
  })

  test('a write that lost a race is explained by planning again on the order read afresh', () => {
    const pooled = order('pooled', { pool: { kind: 'community', id: 'm-1' } })
    const req = { verb: 'claim' as const }
    expect(plan(pooled, C.member, req).from).toBe('pooled')
    const taken = { ...pooled, state: 'claimed' as const, assigneeId: 'u-mem2' }
    expect(codeOf(() => plan(taken, C.member, req))).toBe('ORDER.ALREADY_CLAIMED')
    expect(codeOf(() => plan(null, C.member, req))).toBe('ORDER.NOT_FOUND')
    // Every verb's refusal of a state it cannot leave names it, as the table says.
    for (const verb of ['start', 'finish'] as const) expect(ORDER_TRANSITIONS[verb].from).not.toContain('done')
  })
})
