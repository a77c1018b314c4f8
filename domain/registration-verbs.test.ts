import { isDomainError } from './errors'
import { holds } from './lifecycle'
import type { OrgNode } from './org'
import { can } from './permissions'
import { REGISTRATION_STATES, type RegistrationRecord, type RegistrationState, type RegistrationVerb } from './registration'
import {
  availableVerbs,
  DECISIONS,
  movedInRegistration,
  pickImported,
  planBind,
  planDecision,
  planDecisions,
  planMove,
  planResubmit,
  planWithdraw,
  resolvePlace,
  scopeCondition,
  submittedRegistration,
  targetOf,
  type DecisionVerb,
  type FoundPlace,
  type RegistrationViewer,
} from './registration-verbs'
import { reach } from './permissions'

const now = new Date('2026-11-22T02:00:00Z')

function registration(state: RegistrationState, over: Partial<RegistrationRecord> = {}): RegistrationRecord {
  return {
    _id: 'reg-1',
    userId: 'u-self',
    name: '林晓',
    phone: '13912345678',
    unitId: 'unit-a',
    unitName: '县水利局',
    unitCountyId: 'county-1',
    communityId: 'comm-1',
    communityName: '北门社区',
    communityLineage: ['county-1', 'street-1', 'comm-1'],
    buildingId: 'b-1',
    buildingName: '北门花园1栋',
    skills: ['水电维修'],
    freeTime: ['周末白天'],
    state,
    history: [
      { verb: 'submit', from: null, to: 'pending_unit', by: 'u-self', byName: '林晓', at: now },
      { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: 'u-unit', byName: '刘洋', at: now, op: 'op-old' },
    ],
    createdAt: now,
    updatedAt: now,
    ...over,
  }
}

const viewer = (userId: string, name: string, grants: RegistrationViewer['grants'] = []): RegistrationViewer => ({ userId, name, grants })
const VIEWERS = {
  self: viewer('u-self', '林晓'),
  unitAdmin: viewer('u-unit', '刘洋', [{ kind: 'unit_admin', scopeId: 'unit-a' }]),
  otherUnitAdmin: viewer('u-unit-b', '王强', [{ kind: 'unit_admin', scopeId: 'unit-b' }]),
  communityAdmin: viewer('u-comm', '陈红', [{ kind: 'community_admin', scopeId: 'comm-1' }]),
  otherCommunityAdmin: viewer('u-comm-2', '周涛', [{ kind: 'community_admin', scopeId: 'comm-2' }]),
  countyAdmin: viewer('u-county', '赵县', [{ kind: 'county_admin', scopeId: 'county-1' }]),
  stranger: viewer('u-x', '路人'),
} as const
type Who = keyof typeof VIEWERS

// Written out by hand: state × viewer → the buttons. Admins decide only the side that is theirs,
// only while it waits for that side; the county lists but never decides; the owner withdraws
// what still counts, moves what is registered and corrects what was sent back.
const EXPECTED: Record<RegistrationState, Partial<Record<Who, RegistrationVerb[]>>> = {
  pending_unit: { self: ['withdraw'], unitAdmin: ['confirmUnit', 'rejectUnit'] },
  pending_community: { self: ['withdraw'], communityAdmin: ['confirmCommunity', 'rejectCommunity'] },
  registered: { self: ['withdraw', 'move'] },
  rejected: { self: ['resubmit'] },
  moved: {},
  withdrawn: {},
}

describe('availableVerbs: state × viewer', () => {
  const cases = REGISTRATION_STATES.flatMap((state) => (Object.keys(VIEWERS) as Who[]).map((who) => [state, who] as const))
  test.each(cases)('%s, seen by %s', (state, who) => {
    expect(availableVerbs(registration(state), VIEWERS[who])).toEqual(EXPECTED[state][who] ?? [])
  })

  test('someone the backend does not know may do nothing', () => {
    for (const state of REGISTRATION_STATES) expect(availableVerbs(registration(state), null)).toEqual([])
  })

  test('an imported registration nobody has bound belongs to no one: no button, and bind is never one', () => {
    const imported = registration('registered', { userId: null, source: 'import' })
    for (const who of Object.keys(VIEWERS) as Who[]) expect(availableVerbs(imported, VIEWERS[who])).toEqual([])
  })

  test('a street admin above the community lists, but the community decides', () => {
    const street = viewer('u-street', '钱街道', [{ kind: 'street_admin', scopeId: 'street-1' }])
    expect(availableVerbs(registration('pending_community'), street)).toEqual([])
  })

  // What is listed, the planner lets through; what is not, it refuses: one rule, two uses.
  const decisions = Object.keys(DECISIONS) as DecisionVerb[]
  test.each(cases)('the planners agree with the buttons: %s, %s', (state, who) => {
    const reg = registration(state)
    const listed = availableVerbs(reg, VIEWERS[who])
    for (const verb of decisions) {
      const plan = () => planDecision(verb, reg, VIEWERS[who], { now, reason: '原因写清楚' })
      if (listed.includes(verb)) expect(plan).not.toThrow()
      else expect(plan).toThrow()
    }
    const withdraw = () => planWithdraw(reg, VIEWERS[who], { now })
    if (listed.includes('withdraw')) expect(withdraw).not.toThrow()
    else expect(withdraw).toThrow()
  })
})

describe('the scope condition is `can` in the database\'s words', () => {
  const records = [
    registration('pending_unit'),
    registration('pending_unit', { unitId: 'unit-b' }),
    registration('pending_unit', { unitId: 'unit-c', unitCountyId: 'county-2' }),
    registration('pending_community', { communityLineage: ['county-1', 'street-1', 'comm-2'] }),
    registration('pending_community', { communityLineage: ['county-2', 'street-9', 'comm-9'] }),
  ]
  const grantsList = [
    [{ kind: 'unit_admin' as const, scopeId: 'unit-a' }],
    [{ kind: 'unit_admin' as const, scopeId: 'unit-a' }, { kind: 'unit_admin' as const, scopeId: 'unit-b' }],
    [{ kind: 'county_admin' as const, scopeId: 'county-1' }],
    [{ kind: 'community_admin' as const, scopeId: 'comm-1' }],
    [{ kind: 'community_admin' as const, scopeId: 'comm-2' }, { kind: 'street_admin' as const, scopeId: 'street-1' }],
  ]
  test.each(['confirmUnit', 'confirmCommunity'] as const)('%s', (verb) => {
    const { action, side } = DECISIONS[verb]
    for (const grants of grantsList) {
      const r = reach(grants, action)
      if (r.orgIds.length + r.unitIds.length + r.countyIds.length === 0) continue
      for (const doc of records) expect(holds(doc, scopeCondition(r, side))).toBe(can(grants, action, targetOf(doc, side)))
    }
  })
})

function refusal(f: () => unknown): { code: string; message: string } | null {
  try {
    f()
  } catch (e) {
    if (!isDomainError(e)) throw e
    return { code: e.code, message: e.message }
  }
  return null
}

describe('decisions', () => {
  test('a batch plan: the state it must be in, the admin\'s scope as the condition, one entry with the op', () => {
    expect(planDecisions('confirmUnit', VIEWERS.unitAdmin, { now, op: 'op-1' })).toEqual({
      from: 'pending_unit',
      to: 'pending_community',
      set: { state: 'pending_community', updatedAt: now },
      entries: [{ verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: 'u-unit', byName: '刘洋', at: now, op: 'op-1' }],
      conditions: [{ unitId: { $in: ['unit-a'] } }],
    })
    expect(planDecisions('confirmCommunity', VIEWERS.communityAdmin, { now }).conditions).toEqual([{ communityLineage: { $in: ['comm-1'] } }])
  })

  test('a rejection carries its reason, trimmed, on the record and the entry', () => {
    const plan = planDecision('rejectCommunity', registration('pending_community'), VIEWERS.communityAdmin, { now, reason: '  不住在本社区 ' })
    expect(plan.set).toEqual({ state: 'rejected', updatedAt: now, reason: '不住在本社区' })
    expect(plan.entries[0]).toMatchObject({ verb: 'rejectCommunity', from: 'pending_community', to: 'rejected', reason: '不住在本社区' })
    expect(refusal(() => planDecisions('rejectUnit', VIEWERS.unitAdmin, { now, reason: '  ' }))?.code).toBe('REGISTRATION.REASON_REQUIRED')
  })

  test('refusals, in order: reaches nothing on that side, no such registration, out of scope, wrong state', () => {
    expect(refusal(() => planDecision('confirmUnit', null, VIEWERS.countyAdmin, { now }))?.code).toBe('AUTH.FORBIDDEN')
    expect(refusal(() => planDecision('confirmUnit', registration('pending_unit'), null, { now }))?.code).toBe('AUTH.FORBIDDEN')
    expect(refusal(() => planDecision('confirmUnit', null, VIEWERS.unitAdmin, { now }))?.code).toBe('REGISTRATION.NOT_FOUND')
    expect(refusal(() => planDecision('confirmUnit', registration('registered'), VIEWERS.otherUnitAdmin, { now }))?.code).toBe('AUTH.FORBIDDEN')
    expect(refusal(() => planDecision('confirmUnit', registration('registered'), VIEWERS.unitAdmin, { now }))).toEqual({
      code: 'REGISTRATION.INVALID_TRANSITION',
      message: '当前状态为「已报到」，不能进行这个操作',
    })
  })
})

describe('the member\'s own steps', () => {
  const beimen: OrgNode = { _id: 'comm-1', kind: 'community', name: '北门社区', parentId: 'street-1', path: ['county-1', 'street-1'] }
  const chengnan: OrgNode = { _id: 'comm-2', kind: 'community', name: '城南社区', parentId: 'street-1', path: ['county-1', 'street-1'] }
  const chengnanB1: OrgNode = { _id: 'b-9', kind: 'building', name: '城南雅苑1栋', parentId: 'g-9', path: ['county-1', 'street-1', 'comm-2', 'c-9', 'g-9'] }
  const unitB = { _id: 'unit-b', name: '水务有限公司', countyId: 'county-1' }
  const found = (over: Partial<FoundPlace> = {}): FoundPlace => ({ unit: null, community: chengnan, building: null, ...over })
  const form = { name: '林晓', phone: '13912345678', skills: ['水电维修', '水电维修'], freeTime: ['周末白天'] }

  test('withdraw: the owner\'s live registration, on condition it is still theirs', () => {
    expect(planWithdraw(registration('registered'), VIEWERS.self, { now })).toEqual({
      from: 'registered',
      to: 'withdrawn',
      set: { state: 'withdrawn', updatedAt: now },
      entries: [{ verb: 'withdraw', from: 'registered', to: 'withdrawn', by: 'u-self', byName: '林晓', at: now }],
      conditions: [{ userId: 'u-self' }],
    })
    for (const [reg, who] of [[null, VIEWERS.self], [registration('moved'), VIEWERS.self], [registration('registered'), VIEWERS.stranger]] as const) {
      expect(refusal(() => planWithdraw(reg, who, { now }))).toEqual({ code: 'REGISTRATION.NOT_FOUND', message: '您没有进行中的报到，无需撤回' })
    }
  })

  test('move: closes as moved naming the new one; the same place is refused before the new place is judged', () => {
    const plan = planMove(registration('registered'), VIEWERS.self, { now, newId: 'reg-2', input: { unitId: 'unit-a', communityId: 'comm-2' }, found: found() })
    expect(plan).toMatchObject({ from: 'registered', to: 'moved', set: { state: 'moved', movedToId: 'reg-2', updatedAt: now }, conditions: [{ userId: 'u-self' }], startAt: 'pending_community' })
    expect(plan.entries).toEqual([{ verb: 'move', from: 'registered', to: 'moved', by: 'u-self', byName: '林晓', at: now, place: { unitName: '县水利局', communityName: '城南社区' } }])
    expect(plan.place).toMatchObject({ unitId: 'unit-a', unitName: '县水利局', communityId: 'comm-2', communityLineage: ['county-1', 'street-1', 'comm-2'] })
    expect(plan.place.buildingId).toBeUndefined()

    const same = () => planMove(registration('registered'), VIEWERS.self, { now, newId: 'x', input: { unitId: 'unit-a', communityId: 'comm-1' }, found: found({ community: null }) })
    expect(refusal(same)?.code).toBe('REGISTRATION.SAME_PLACE')
    expect(refusal(() => planMove(registration('pending_unit'), VIEWERS.self, { now, newId: 'x', input: { unitId: 'unit-a', communityId: 'comm-1' }, found: found() }))?.code).toBe('REGISTRATION.INVALID_TRANSITION')
    expect(refusal(() => planMove(registration('registered'), VIEWERS.stranger, { now, newId: 'x', input: { unitId: 'unit-a', communityId: 'comm-2' }, found: found() }))).toEqual({
      code: 'REGISTRATION.NOT_FOUND',
      message: '您还没有有效的报到，请先报到',
    })
    expect(refusal(() => planMove(registration('registered'), VIEWERS.self, { now, newId: 'x', input: { unitId: 'unit-b', communityId: 'comm-1' }, found: found() }))?.code).toBe('ORG.UNKNOWN_UNIT')
  })

  test('the registration a move starts: moved in, the unit\'s confirmation carried over only when the unit stays', () => {
    const old = registration('registered')
    const home = planMove(old, VIEWERS.self, { now, newId: 'reg-2', input: { unitId: 'unit-a', communityId: 'comm-2', buildingId: 'b-9' }, found: found({ building: chengnanB1 }) })
    const moved = movedInRegistration(old, home, { now, id: 'reg-2', by: VIEWERS.self, form })
    expect(moved).toMatchObject({ _id: 'reg-2', userId: 'u-self', state: 'pending_community', previousId: 'reg-1', buildingId: 'b-9', skills: ['水电维修'] })
    expect(moved.history).toEqual([
      { verb: 'moveIn', from: null, to: 'pending_unit', by: 'u-self', byName: '林晓', at: now, place: { unitName: '县水利局', communityName: '北门社区', buildingName: '北门花园1栋' } },
      { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: 'u-unit', byName: '刘洋', at: now, carried: true },
    ])
    expect(moved.earlier).toEqual([{ id: 'reg-1', unitName: '县水利局', communityName: '北门社区', buildingName: '北门花园1栋', history: [...old.history, ...home.entries] }])

    const unit = planMove(old, VIEWERS.self, { now, newId: 'reg-3', input: { unitId: 'unit-b', communityId: 'comm-1' }, found: found({ unit: unitB, community: beimen }) })
    expect(unit.startAt).toBe('pending_unit')
    expect(movedInRegistration(old, unit, { now, id: 'reg-3', by: VIEWERS.self, form }).history.map((h) => h.verb)).toEqual(['moveIn'])
  })

  test('resubmit: the owner, from rejected, nothing else live; what the correction drops is removed', () => {
    const rejected = registration('rejected', { reason: '请填写楼栋', skillNote: '旧说明' })
    const a = { now, form, input: { unitId: 'unit-a', communityId: 'comm-2' }, found: found(), current: null }
    const plan = planResubmit(rejected, VIEWERS.self, a)
    expect(plan).toMatchObject({
      from: 'rejected',
      to: 'pending_unit',
      set: { state: 'pending_unit', name: '林晓', phone: '13912345678', skills: ['水电维修'], communityId: 'comm-2', updatedAt: now },
      unset: ['buildingId', 'buildingName', 'skillNote', 'reason'],
      conditions: [{ userId: 'u-self' }],
    })
    expect(plan.entries).toEqual([{ verb: 'resubmit', from: 'rejected', to: 'pending_unit', by: 'u-self', byName: '林晓', at: now }])

    expect(refusal(() => planResubmit(rejected, null, a))).toEqual({ code: 'AUTH.FORBIDDEN', message: '只能重新提交您本人的报到' })
    expect(refusal(() => planResubmit(null, VIEWERS.self, a))?.code).toBe('REGISTRATION.NOT_FOUND')
    expect(refusal(() => planResubmit(rejected, VIEWERS.stranger, a))?.code).toBe('AUTH.FORBIDDEN')
    expect(refusal(() => planResubmit(registration('pending_unit'), VIEWERS.self, a))?.code).toBe('REGISTRATION.INVALID_TRANSITION')
    expect(refusal(() => planResubmit(rejected, VIEWERS.self, { ...a, found: found({ community: null }) }))?.code).toBe('ORG.UNKNOWN_COMMUNITY')
    expect(refusal(() => planResubmit(rejected, VIEWERS.self, { ...a, current: { state: 'pending_unit' } }))?.code).toBe('REGISTRATION.ALREADY_REGISTERED')
    // A pointer left at something closed is no obstacle.
    expect(refusal(() => planResubmit(rejected, VIEWERS.self, { ...a, current: { state: 'withdrawn' } }))).toBeNull()
  })

  test('bind: the imported one with the person\'s name, on condition nobody took it meanwhile', () => {
    const imported = registration('registered', { _id: 'imp-1', userId: null, name: '孙立', source: 'import' })
    expect(pickImported([imported], '孙立', null)).toBe(imported)
    expect(refusal(() => pickImported([imported], '孙丽', null))?.code).toBe('REGISTRATION.PHONE_TAKEN')
    expect(refusal(() => pickImported([{ ...imported, userId: 'u-other' }], '孙立', 'u-sun'))?.code).toBe('REGISTRATION.ALREADY_CLAIMED')
    // Their own second tap, which read the registration after their first bound it.
    expect(refusal(() => pickImported([{ ...imported, userId: 'u-sun' }], '孙立', 'u-sun'))?.code).toBe('REGISTRATION.ALREADY_REGISTERED')
    const plan = planBind(imported, viewer('u-sun', '孙立'), { now, form: { skills: ['驾驶'], freeTime: ['周末晚上'], skillNote: '有车' } })
    expect(plan).toEqual({
      from: 'registered',
      to: 'registered',
      set: { userId: 'u-sun', skills: ['水电维修', '驾驶'], freeTime: ['周末晚上'], skillNote: '有车', updatedAt: now },
      entries: [{ verb: 'bind', from: 'registered', to: 'registered', by: 'u-sun', byName: '孙立', at: now }],
      conditions: [{ userId: null }],
    })
  })

  test('places: unknown unit, not a community, a building elsewhere', () => {
    expect(refusal(() => resolvePlace({ unitId: 'unit-z', communityId: 'comm-2' }, found()))?.code).toBe('ORG.UNKNOWN_UNIT')
    expect(refusal(() => resolvePlace({ unitId: 'unit-b', communityId: 'street-1' }, found({ unit: unitB, community: { ...chengnan, _id: 'street-1', kind: 'street' } })))?.code).toBe('ORG.UNKNOWN_COMMUNITY')
    expect(refusal(() => resolvePlace({ unitId: 'unit-b', communityId: 'comm-1', buildingId: 'b-9' }, found({ unit: unitB, community: beimen, building: chengnanB1 })))).toEqual({
      code: 'ORG.UNKNOWN_NODE',
      message: '所选楼栋不在北门社区，请重新选择',
    })
  })

  test('a first submission waits for the unit, with its submit entry', () => {
    const place = resolvePlace({ unitId: 'unit-b', communityId: 'comm-2', buildingId: 'b-9' }, found({ unit: unitB, building: chengnanB1 }))
    const record = submittedRegistration({ now, id: 'reg-9', by: VIEWERS.self, form: { ...form, skillNote: '' }, place })
    expect(record).toMatchObject({ _id: 'reg-9', userId: 'u-self', state: 'pending_unit', unitCountyId: 'county-1', buildingName: '城南雅苑1栋', skills: ['水电维修'] })
    expect(record.skillNote).toBeUndefined()
    expect(record.history).toEqual([{ verb: 'submit', from: null, to: 'pending_unit', by: 'u-self', byName: '林晓', at: now }])
  })
})
