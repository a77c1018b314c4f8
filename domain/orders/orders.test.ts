import { ERROR_MESSAGES, isDomainError } from '../errors'
import {
  assertOwner,
  awaitsUnit,
  availableVerbs,
  checkClaim,
  checkItemClaim,
  checkOrderInput,
  checkRating,
  checkReason,
  checkServiceItemInput,
  checkTimeSettings,
  checkWorkReport,
  countsAsLoad,
  deadlineOf,
  DEFAULT_ORDER_SETTINGS,
  describeEntry,
  escalationOf,
  ESCALATION_LEVELS,
  inOrderPool,
  isClaimable,
  isSettled,
  explainsState,
  isFinished,
  isOpen,
  isOverdue,
  newOrder,
  nextState,
  planTransition,
  ORDER_HISTORY_LABELS,
  ORDER_PERMISSION,
  ORDER_STATE_LABELS,
  ORDER_STATES,
  ORDER_TRANSITIONS,
  ORDER_URGENCY_LABELS,
  ORDER_VERBS,
  overdueQueries,
  poolFits,
  seatsLeft,
  SERVICE_CATEGORIES,
  STATE_LIMIT,
  type OrderClock,
  type OrderForVerbs,
  type OrderViewer,
  type OrderHistoryEntry,
  type OrderRecord,
  type OrderState,
  planOrder,
  poolTargetOf,
  type DuplicateTarget,
  type MemberTarget,
  type OrderCaller,
  type OrderRequest,
  type PoolScope,
  type TransitionArgs,
  type TransitionPlan,
  type OrderVerb,
  type ServiceItemInput,
} from '.'
import { PERMISSION_MATRIX } from '../permissions'

/** The code a call throws, or undefined when it does not throw. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
  return undefined
}

// The lifecycle written out by hand, independently of the table it checks: state → verb → next.
const EXPECTED: Record<OrderState, Partial<Record<OrderVerb, OrderState>>> = {
  ordered: { accept: 'accepted', decline: 'declined', merge: 'merged', cancel: 'cancelled' },
  accepted: { merge: 'merged', dispatchToMember: 'dispatched_member', dispatchToUnit: 'dispatched_unit', pool: 'pooled', cancel: 'cancelled' },
  declined: {},
  merged: {},
  dispatched_member: { recall: 'accepted', acceptDispatch: 'claimed', declineDispatch: 'accepted', cancel: 'cancelled' },
  dispatched_unit: { passToMember: 'dispatched_member', recall: 'accepted', cancel: 'cancelled' },
  pooled: { dispatchToMember: 'dispatched_member', dispatchToUnit: 'dispatched_unit', recall: 'accepted', claim: 'claimed', cancel: 'cancelled' },
  claimed: { release: 'accepted', start: 'in_progress', cancel: 'cancelled' },
  in_progress: { finish: 'done' },
  done: { confirm: 'confirmed', complain: 'complained' },
  complained: { dispatchToMember: 'dispatched_member', dispatchToUnit: 'dispatched_unit', pool: 'pooled', resolve: 'closed' },
  confirmed: { close: 'closed' },
  closed: {},
  cancelled: {},
}

// The code each refused pair answers, by hand: a late claim lost the race or the order is not in
// the pool; a cancel after the work began says so; everything else is the generic refusal.
const TAKEN: OrderState[] = ['claimed', 'in_progress', 'done', 'confirmed', 'closed']
const STARTED: OrderState[] = ['in_progress', 'done', 'complained', 'confirmed', 'closed']
function expectedRefusal(state: OrderState, verb: OrderVerb): string {
  if (verb === 'claim') return TAKEN.includes(state) ? 'ORDER.ALREADY_CLAIMED' : 'ORDER.NOT_IN_POOL'
  if (verb === 'cancel' && STARTED.includes(state)) return 'ORDER.ALREADY_STARTED'
  return 'ORDER.INVALID_TRANSITION'
}

describe('order lifecycle', () => {
  test('the states and verbs are exactly these', () => {
    expect([...ORDER_VERBS].sort()).toEqual(
      [
        'accept', 'acceptDispatch', 'cancel', 'claim', 'close', 'complain', 'confirm', 'decline', 'declineDispatch', 'dispatchToMember',
        'dispatchToUnit', 'finish', 'merge', 'passToMember', 'pool', 'recall', 'release', 'resolve', 'start',
      ].sort(),
    )
    expect(Object.keys(EXPECTED).sort()).toEqual([...ORDER_STATES].sort())
  })

  const pairs = ORDER_STATES.flatMap((state) => ORDER_VERBS.map((verb) => [state, verb] as const))
  test.each(pairs)('%s × %s', (state, verb) => {
    const expected = EXPECTED[state][verb]
    if (expected) {
      expect(nextState(state, verb)).toBe(expected)
      expect(ORDER_TRANSITIONS[verb].to).toBe(expected)
      return
    }
    let thrown: unknown
    try {
      nextState(state, verb)
    } catch (e) {
      thrown = e
    }
    expect(isDomainError(thrown)).toBe(true)
    const code = expectedRefusal(state, verb)
    expect(thrown).toMatchObject({ code })
    // The generic refusal names the current state in Chinese, so the person knows why.
    if (code === 'ORDER.INVALID_TRANSITION') expect((thrown as Error).message).toContain(ORDER_STATE_LABELS[state])
    else expect((thrown as Error).message).toBe(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES])
  })

  test('who performs each verb', () => {
    expect(Object.fromEntries(ORDER_VERBS.map((v) => [v, ORDER_TRANSITIONS[v].actor]))).toEqual({
      accept: 'community_admin',
      decline: 'community_admin',
      merge: 'community_admin',
      resolve: 'community_admin',
      dispatchToMember: 'dispatcher',
      dispatchToUnit: 'dispatcher',
      pool: 'dispatcher',
      recall: 'dispatcher',
      passToMember: 'unit_admin',
      acceptDispatch: 'assignee',
      declineDispatch: 'assignee',
      release: 'assignee',
      start: 'assignee',
      finish: 'assignee',
      claim: 'member',
      confirm: 'requester',
      complain: 'requester',
      cancel: 'requester',
      close: 'system',
    })
  })

  test('which verbs need a reason, and which need more input', () => {
    expect(ORDER_VERBS.filter((v) => ORDER_TRANSITIONS[v].needsReason).sort()).toEqual(['complain', 'decline', 'declineDispatch', 'release', 'resolve'])
    expect(Object.fromEntries(ORDER_VERBS.filter((v) => ORDER_TRANSITIONS[v].input).map((v) => [v, ORDER_TRANSITIONS[v].input]))).toEqual({
      merge: 'duplicate',
      dispatchToMember: 'member',
      dispatchToUnit: 'unit',
      passToMember: 'member',
      pool: 'pool',
      finish: 'report',
      confirm: 'rating',
    })
  })

  test('role verbs name a permission held by exactly the role of their actor; the others are checked by ownership', () => {
    const roleOf = { community_admin: ['community_admin'], dispatcher: ['branch_admin', 'community_admin'], unit_admin: ['unit_admin'], member: ['member'] } as const
    for (const verb of ORDER_VERBS) {
      const actor = ORDER_TRANSITIONS[verb].actor
      const permission = ORDER_PERMISSION[verb]
      if (actor === 'requester' || actor === 'assignee' || actor === 'system') {
        expect(permission).toBeNull()
        continue
      }
      expect(permission).not.toBeNull()
      expect([...PERMISSION_MATRIX[permission!]].sort()).toEqual([...roleOf[actor]].sort())
    }
  })

  test('the categories are exactly these states', () => {
    expect(ORDER_STATES.filter(isOpen)).toEqual(['ordered', 'accepted', 'dispatched_member', 'dispatched_unit', 'pooled', 'claimed', 'in_progress', 'done', 'complained'])
    expect(ORDER_STATES.filter(isFinished)).toEqual(['declined', 'merged', 'confirmed', 'closed', 'cancelled'])
    expect(ORDER_STATES.filter(isClaimable)).toEqual(['pooled'])
    expect(ORDER_STATES.filter(isSettled)).toEqual(['declined', 'merged', 'closed', 'cancelled'])
    expect(ORDER_STATES.filter(awaitsUnit)).toEqual(['dispatched_unit'])
    expect(ORDER_STATES.filter(explainsState)).toEqual(['declined', 'complained', 'cancelled'])
    expect(ORDER_STATES.filter(countsAsLoad)).toEqual(['dispatched_member', 'claimed', 'in_progress'])
  })

  test('nothing leads out of a finished order except booking the hours of a confirmed one', () => {
    for (const state of ORDER_STATES.filter(isFinished)) {
      expect(ORDER_VERBS.filter((v) => ORDER_TRANSITIONS[v].from.includes(state))).toEqual(state === 'confirmed' ? ['close'] : [])
    }
    // Every open state has a way forward, and none is a dead end the community cannot leave.
    for (const state of ORDER_STATES.filter(isOpen)) expect(ORDER_VERBS.some((v) => ORDER_TRANSITIONS[v].from.includes(state))).toBe(true)
  })

  test('every state, urgency and timeline verb has a Chinese label', () => {
    for (const state of ORDER_STATES) expect(ORDER_STATE_LABELS[state]).toMatch(/^[\u4e00-\u9fa5]+$/)
    expect(new Set(Object.values(ORDER_STATE_LABELS)).size).toBe(ORDER_STATES.length)
    for (const verb of [...ORDER_VERBS, 'order' as const, 'escalate' as const]) expect(ORDER_HISTORY_LABELS[verb]).toMatch(/^[\u4e00-\u9fa5]+$/)
    expect(Object.values(ORDER_URGENCY_LABELS)).toEqual(['一般', '紧急'])
  })

  test('every ORDER code has a Chinese message', () => {
    const codes = Object.keys(ERROR_MESSAGES).filter((c) => c.startsWith('ORDER.'))
    expect(codes.length).toBeGreaterThan(20)
    for (const c of codes) expect(ERROR_MESSAGES[c as keyof typeof ERROR_MESSAGES]).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('ownership', () => {
  const byResident = { residentId: 'u-res', placedById: 'u-res', assigneeId: 'u-mem' }
  const byGridWorker = { residentId: null, placedById: 'u-grid', assigneeId: null }

  test.each([
    ['the resident confirms their own order', byResident, 'confirm', 'u-res', undefined],
    ['a stranger cannot confirm it', byResident, 'confirm', 'u-other', 'ORDER.NOT_OWNER'],
    ['the assignee cannot confirm their own work', byResident, 'confirm', 'u-mem', 'ORDER.NOT_OWNER'],
    ['the grid worker who ordered for a resident confirms for them', byGridWorker, 'confirm', 'u-grid', undefined],
    ['the resident cancels', byResident, 'cancel', 'u-res', undefined],
    ['the assignee starts', byResident, 'start', 'u-mem', undefined],
    ['someone else cannot start it', byResident, 'start', 'u-other', 'ORDER.NOT_OWNER'],
    ['the resident cannot finish it', byResident, 'finish', 'u-res', 'ORDER.NOT_OWNER'],
    ['nobody is the assignee of an unassigned order', byGridWorker, 'acceptDispatch', 'u-grid', 'ORDER.NOT_OWNER'],
    ['role verbs are left to the permission check', byResident, 'accept', 'u-other', undefined],
  ] as const)('%s', (_name, order, verb, userId, code) => {
    expect(codeOf(() => assertOwner(order, verb, userId))).toBe(code)
  })
})

describe('input guards', () => {
  const now = new Date('2026-11-22T10:00:00+08:00')
  const good = { itemId: null, description: '帮忙修水管', preferredAt: new Date('2026-11-23T09:00:00+08:00'), urgency: 'normal' as const }

  test.each([
    ['a plain order', good, undefined],
    ['no description', { ...good, description: '' }, 'ORDER.DESCRIPTION_REQUIRED'],
    ['only spaces', { ...good, description: '   \n ' }, 'ORDER.DESCRIPTION_REQUIRED'],
    ['one character', { ...good, description: '修' }, 'ORDER.DESCRIPTION_REQUIRED'],
    ['500 characters', { ...good, description: '修'.repeat(500) }, undefined],
    ['501 characters', { ...good, description: '修'.repeat(501) }, 'ORDER.DESCRIPTION_TOO_LONG'],
    ['yesterday', { ...good, preferredAt: new Date('2026-11-21T10:00:00+08:00') }, 'ORDER.TIME_IN_PAST'],
    ['eleven minutes ago', { ...good, preferredAt: new Date(now.getTime() - 11 * 60_000) }, 'ORDER.TIME_IN_PAST'],
    ['"now", sent five minutes later', { ...good, preferredAt: new Date(now.getTime() - 5 * 60_000) }, undefined],
    ['not a time', { ...good, preferredAt: new Date('nonsense') }, 'ORDER.TIME_IN_PAST'],
    ['in 90 days', { ...good, preferredAt: new Date(now.getTime() + 90 * 86_400_000) }, undefined],
    ['in 91 days', { ...good, preferredAt: new Date(now.getTime() + 91 * 86_400_000) }, 'ORDER.TIME_TOO_FAR'],
  ])('ordering: %s', (_name, input, code) => {
    expect(codeOf(() => checkOrderInput(input, now))).toBe(code)
  })

  test('ordering trims the description and keeps the rest', () => {
    expect(checkOrderInput({ ...good, description: '  帮忙修水管 \n' }, now)).toEqual(good)
  })

  test.each([
    ['a report', { note: '换了水龙头', photos: ['cloud://a.jpg'], hours: 2 }, undefined],
    ['no photo is fine', { note: '换了水龙头', photos: [], hours: 0.5 }, undefined],
    ['no note', { note: ' ', photos: [], hours: 2 }, 'ORDER.NOTE_REQUIRED'],
    ['a note too long', { note: '好'.repeat(501), photos: [], hours: 2 }, 'ORDER.NOTE_TOO_LONG'],
    ['ten photos', { note: '换了水龙头', photos: Array.from({ length: 10 }, (_, i) => `p${i}`), hours: 2 }, 'ORDER.TOO_MANY_PHOTOS'],
    ['zero hours', { note: '换了水龙头', photos: [], hours: 0 }, 'ORDER.HOURS_INVALID'],
    ['a quarter hour', { note: '换了水龙头', photos: [], hours: 1.25 }, 'ORDER.HOURS_INVALID'],
    ['25 hours', { note: '换了水龙头', photos: [], hours: 25 }, 'ORDER.HOURS_INVALID'],
    ['24 hours', { note: '换了水龙头', photos: [], hours: 24 }, undefined],
    ['not a number', { note: '换了水龙头', photos: [], hours: Number.NaN }, 'ORDER.HOURS_INVALID'],
  ])('finishing: %s', (_name, report, code) => {
    expect(codeOf(() => checkWorkReport(report))).toBe(code)
  })

  test.each([
    ['5 stars, no words', { stars: 5, comment: '' }, undefined],
    ['3 stars, no words', { stars: 3, comment: '' }, undefined],
    ['2 stars, no words', { stars: 2, comment: '' }, 'ORDER.COMMENT_REQUIRED'],
    ['1 star with a reason', { stars: 1, comment: '来晚了两个小时' }, undefined],
    ['0 stars', { stars: 0, comment: '' }, 'ORDER.RATING_INVALID'],
    ['6 stars', { stars: 6, comment: '' }, 'ORDER.RATING_INVALID'],
    ['4.5 stars', { stars: 4.5, comment: '' }, 'ORDER.RATING_INVALID'],
    ['200 characters', { stars: 5, comment: '好'.repeat(200) }, undefined],
    ['201 characters', { stars: 5, comment: '好'.repeat(201) }, 'ORDER.COMMENT_TOO_LONG'],
  ])('rating: %s', (_name, rating, code) => {
    expect(codeOf(() => checkRating(rating))).toBe(code)
  })

  test('reasons: required (2–200) where the table says so, optional elsewhere', () => {
    expect(codeOf(() => checkReason('decline', undefined))).toBe('ORDER.REASON_REQUIRED')
    expect(codeOf(() => checkReason('complain', ' 差 '))).toBe('ORDER.REASON_REQUIRED')
    expect(codeOf(() => checkReason('release', '好'.repeat(201)))).toBe('ORDER.REASON_TOO_LONG')
    expect(checkReason('declineDispatch', '  本周出差  ')).toBe('本周出差')
    expect(checkReason('accept', undefined)).toBeUndefined()
    expect(checkReason('cancel', '  不需要了 ')).toBe('不需要了')
    expect(checkReason('cancel', '   ')).toBeUndefined()
    // An optional reason is still bounded.
    expect(codeOf(() => checkReason('cancel', '好'.repeat(201)))).toBe('ORDER.REASON_TOO_LONG')
  })
})

describe('where work may go', () => {
  const now = new Date('2026-11-22T10:00:00+08:00')
  const order = { _id: 'o-1', communityId: 'm-1', lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-1', 'b-1'] }
  // Members as the function knows them: their community and building (grid g-1 holds b-1 and b-2).
  const neighbour = { communityId: 'm-1', buildingId: 'b-2' }
  const otherGrid = { communityId: 'm-1', buildingId: 'b-7' }
  const noBuilding = { communityId: 'm-1', buildingId: null }
  const outsider = { communityId: 'm-2', buildingId: 'b-9' }
  const G1_BUILDINGS = ['b-1', 'b-2']
  const admin: OrderCaller = { userId: 'u-adm', name: '王书记', openid: null, grants: [{ kind: 'community_admin', scopeId: 'm-1' }], member: null }
  const stored = (extra: Partial<OrderRecord> = {}): OrderRecord =>
    ({ ...order, state: 'accepted', residentId: 'u-res', placedById: 'u-res', assigneeId: null, unitId: null, pool: null, poolBuildingIds: null, history: [], ...extra }) as OrderRecord
  const plan = (req: Omit<OrderRequest, 'id' | 'now'>, o: OrderRecord = stored()) => planOrder(o, admin, { id: 'o-1', now, ...req })
  const memberTarget = (communityId: string): MemberTarget => ({ registrationId: 'r-1', userId: 'u-m', name: '张华', communityId, unitId: 'unit-1', openid: null })

  test('dispatch to a member of the community only, to a unit paired with it only', () => {
    expect(codeOf(() => plan({ verb: 'dispatchToMember', seen: 'accepted', member: memberTarget(neighbour.communityId) }))).toBeUndefined()
    expect(codeOf(() => plan({ verb: 'dispatchToMember', seen: 'accepted', member: memberTarget(outsider.communityId) }))).toBe('ORDER.OUTSIDE_COMMUNITY')
    const unit = (pairedCommunityIds: string[]) => ({ id: 'unit-1', name: '县水利局', pairedCommunityIds })
    expect(codeOf(() => plan({ verb: 'dispatchToUnit', seen: 'accepted', unit: unit(['m-3', 'm-1']) }))).toBeUndefined()
    expect(codeOf(() => plan({ verb: 'dispatchToUnit', seen: 'accepted', unit: unit(['m-2']) }))).toBe('ORDER.UNIT_NOT_PAIRED')
  })

  test('a pool is the community or one of its grids', () => {
    const node = (id: string, path: string[], kind: 'grid' | 'building' | 'community' = 'grid') => ({ _id: id, kind, name: id, path })
    const pool = (scope: PoolScope, n: ReturnType<typeof node> | null) => codeOf(() => plan({ verb: 'pool', seen: 'accepted', pool: poolTargetOf(scope, n, G1_BUILDINGS) }))
    expect(pool({ kind: 'community', id: 'm-1' }, node('m-1', ['c-1', 's-1'], 'community'))).toBeUndefined()
    expect(pool({ kind: 'community', id: 'm-2' }, node('m-2', ['c-1', 's-1'], 'community'))).toBe('ORDER.OUTSIDE_COMMUNITY')
    expect(pool({ kind: 'grid', id: 'g-2' }, node('g-2', ['c-1', 's-1', 'm-1', 'p-1']))).toBeUndefined()
    expect(pool({ kind: 'grid', id: 'g-9' }, node('g-9', ['c-1', 's-1', 'm-2', 'p-9']))).toBe('ORDER.OUTSIDE_COMMUNITY')
    // The node read must be that grid, and a grid: not another node, not a building, not missing.
    expect(pool({ kind: 'grid', id: 'g-1' }, node('g-2', ['c-1', 's-1', 'm-1', 'p-1']))).toBe('ORDER.OUTSIDE_COMMUNITY')
    expect(pool({ kind: 'grid', id: 'b-1' }, node('b-1', ['c-1', 's-1', 'm-1', 'p-1', 'g-1'], 'building'))).toBe('ORDER.OUTSIDE_COMMUNITY')
    expect(pool({ kind: 'grid', id: 'g-1' }, null)).toBe('ORDER.OUTSIDE_COMMUNITY')
    // A grid pool keeps the grid's buildings: who may claim.
    expect(plan({ verb: 'pool', seen: 'accepted', pool: poolTargetOf({ kind: 'grid', id: 'g-1' }, node('g-1', ['c-1', 's-1', 'm-1', 'p-1']), G1_BUILDINGS) }).set).toMatchObject({
      pool: { kind: 'grid', id: 'g-1' },
      poolBuildingIds: G1_BUILDINGS,
    })
  })

  const poolOf = (pool: PoolScope | null) => ({ pool, poolBuildingIds: pool?.kind === 'grid' ? G1_BUILDINGS : null })
  test.each([
    ['a neighbour claims from the community pool', 'pooled', { kind: 'community', id: 'm-1' }, neighbour, undefined],
    ['a member without a building claims from the community pool', 'pooled', { kind: 'community', id: 'm-1' }, noBuilding, undefined],
    ['a neighbour claims from their grid pool', 'pooled', { kind: 'grid', id: 'g-1' }, neighbour, undefined],
    ['another grid cannot claim from a grid pool', 'pooled', { kind: 'grid', id: 'g-1' }, otherGrid, 'ORDER.OUTSIDE_POOL'],
    ['a member without a building cannot claim from a grid pool', 'pooled', { kind: 'grid', id: 'g-1' }, noBuilding, 'ORDER.OUTSIDE_POOL'],
    ['another community cannot claim', 'pooled', { kind: 'community', id: 'm-1' }, outsider, 'ORDER.OUTSIDE_COMMUNITY'],
    ['too late: someone claimed it', 'claimed', { kind: 'community', id: 'm-1' }, neighbour, 'ORDER.ALREADY_CLAIMED'],
    ['not in the pool', 'accepted', null, neighbour, 'ORDER.NOT_IN_POOL'],
    ['dispatched to someone', 'dispatched_member', null, neighbour, 'ORDER.NOT_IN_POOL'],
  ] as const)('claiming: %s', (_name, state, pool, member, code) => {
    expect(codeOf(() => checkClaim({ ...order, state, ...poolOf(pool) }, member))).toBe(code)
  })

  test('the pool list shows orders of the member places, matching their skills when some are wanted', () => {
    const member = { ...neighbour, skills: ['水电维修'] }
    const grid = (id: string) => ({ communityId: 'm-1', pool: { kind: 'grid' as const, id }, poolBuildingIds: id === 'g-1' ? G1_BUILDINGS : ['b-7'] })
    expect(poolFits({ ...grid('g-1'), skills: ['水电维修', '家电维修'] }, member)).toBe(true)
    expect(poolFits({ ...grid('g-1'), skills: [] }, member)).toBe(true)
    expect(poolFits({ ...grid('g-1'), skills: ['医疗护理'] }, member)).toBe(false)
    expect(poolFits({ ...grid('g-2'), skills: [] }, member)).toBe(false)
    expect(poolFits({ communityId: 'm-1', pool: null, poolBuildingIds: null, skills: [] }, member)).toBe(false)
    expect(inOrderPool({ communityId: 'm-1', pool: { kind: 'community', id: 'm-1' } }, outsider)).toBe(false)
  })

  test('merging: into another open order of the same community', () => {
    const merge = (duplicate: DuplicateTarget) => codeOf(() => plan({ verb: 'merge', seen: 'accepted', duplicate }))
    expect(merge({ _id: 'o-2', communityId: 'm-1', state: 'accepted' })).toBeUndefined()
    expect(merge({ _id: 'o-1', communityId: 'm-1', state: 'accepted' })).toBe('ORDER.MERGE_TARGET_INVALID')
    expect(merge({ _id: 'o-3', communityId: 'm-2', state: 'accepted' })).toBe('ORDER.MERGE_TARGET_INVALID')
    expect(merge({ _id: 'o-4', communityId: 'm-1', state: 'merged' })).toBe('ORDER.MERGE_TARGET_INVALID')
    expect(merge({ _id: 'o-5', communityId: 'm-1', state: 'cancelled' })).toBe('ORDER.MERGE_TARGET_INVALID')
  })
})

describe('service list', () => {
  const item: ServiceItemInput = { category: '维修', title: '楼道灯维修', description: '每月检查一次楼道灯', skills: ['水电维修'], expectedHours: 2, capacity: 3, standing: true }

  test('the categories of the seeds are there, distinct', () => {
    for (const c of ['环境整治', '加装电梯', '出租屋管理', '无物业楼宇', '助老', '助学', '维修', '义诊']) expect(SERVICE_CATEGORIES).toContain(c)
    expect(new Set(SERVICE_CATEGORIES).size).toBe(SERVICE_CATEGORIES.length)
  })

  test.each([
    ['a good item', item, 0, undefined],
    ['an unknown category', { ...item, category: '跑腿' }, 0, 'ORDER.CATEGORY_UNKNOWN'],
    ['no title', { ...item, title: ' ' }, 0, 'ORDER.ITEM_TITLE_REQUIRED'],
    ['a title too long', { ...item, title: '灯'.repeat(31) }, 0, 'ORDER.ITEM_TITLE_REQUIRED'],
    ['a skill not in the list', { ...item, skills: ['飞行'] }, 0, 'ORDER.SKILL_UNKNOWN'],
    ['no expected hours', { ...item, expectedHours: 0 }, 0, 'ORDER.EXPECTED_HOURS_INVALID'],
    ['no capacity', { ...item, capacity: 0 }, 0, 'ORDER.CAPACITY_INVALID'],
    ['a fractional capacity', { ...item, capacity: 2.5 }, 0, 'ORDER.CAPACITY_INVALID'],
    ['capacity below those who already claimed', { ...item, capacity: 3 }, 4, 'ORDER.CAPACITY_BELOW_CLAIMED'],
    ['capacity equal to those who claimed', { ...item, capacity: 3 }, 3, undefined],
  ])('%s', (_name, input, claimed, code) => {
    expect(codeOf(() => checkServiceItemInput(input, claimed))).toBe(code)
  })

  test('cleaning trims and drops repeated skills', () => {
    expect(checkServiceItemInput({ ...item, title: ' 楼道灯维修 ', skills: ['水电维修', '水电维修'] })).toEqual(item)
  })

  const stored = { ...item, communityId: 'm-1', claimants: ['u-1'], active: true }
  const plumber = { userId: 'u-2', communityId: 'm-1', skills: ['水电维修', '驾驶'] }
  test.each([
    ['a member whose skills fit', stored, plumber, undefined],
    ['the last seat', { ...stored, claimants: ['u-1', 'u-3'] }, plumber, undefined],
    ['no seat left', { ...stored, claimants: ['u-1', 'u-3', 'u-4'] }, plumber, 'ORDER.CAPACITY_FULL'],
    ['twice', { ...stored, claimants: ['u-2'] }, plumber, 'ORDER.ITEM_ALREADY_JOINED'],
    ['skills that do not fit', stored, { ...plumber, skills: ['理发'] }, 'ORDER.SKILL_MISMATCH'],
    ['an item wanting no skill', { ...stored, skills: [] }, { ...plumber, skills: [] }, undefined],
    ['another community', stored, { ...plumber, communityId: 'm-2' }, 'ORDER.OUTSIDE_COMMUNITY'],
    ['an item only residents order', { ...stored, standing: false }, plumber, 'ORDER.ITEM_CLOSED'],
    ['a withdrawn item', { ...stored, active: false }, plumber, 'ORDER.ITEM_CLOSED'],
  ])('claiming a standing item: %s', (_name, it, member, code) => {
    expect(codeOf(() => checkItemClaim(it, member))).toBe(code)
  })

  test('seats left never go below zero', () => {
    expect(seatsLeft({ capacity: 3, claimants: ['a'] })).toBe(2)
    expect(seatsLeft({ capacity: 1, claimants: ['a', 'b'] })).toBe(0)
  })
})

describe('the timeline in words', () => {
  const base: Omit<OrderHistoryEntry, 'verb'> = { from: 'accepted', to: 'dispatched_member', by: 'u-1', byName: '王书记', at: new Date('2026-11-22T10:00:00+08:00') }
  test.each([
    [{ ...base, verb: 'order' }, '点单'],
    [{ ...base, verb: 'accept' }, '社区接单'],
    [{ ...base, verb: 'decline', reason: '不属于服务范围' }, '社区未受理：不属于服务范围'],
    [{ ...base, verb: 'dispatchToMember', assigneeName: '李明' }, '派单给李明'],
    [{ ...base, verb: 'passToMember', assigneeName: '张华' }, '单位转派给张华'],
    [{ ...base, verb: 'dispatchToUnit', unitName: '县水利局' }, '派单给县水利局'],
    [{ ...base, verb: 'pool', poolName: '第一网格' }, '放入第一网格领单池'],
    [{ ...base, verb: 'finish', hours: 1.5 }, '完成服务，服务1.5小时'],
    [{ ...base, verb: 'confirm', stars: 5 }, '确认完成，评价5星'],
    [{ ...base, verb: 'complain', reason: '水管还在漏' }, '提出投诉：水管还在漏'],
    [{ ...base, verb: 'escalate', level: 'street' }, '超时督办，已通知街道党工委'],
    [{ ...base, verb: 'close' }, '办结，服务时长已计入'],
  ] as [OrderHistoryEntry, string][])('%#: %j', (entry, words) => {
    expect(describeEntry(entry)).toBe(words)
  })
})

describe('time limits and escalation', () => {
  const s = DEFAULT_ORDER_SETTINGS // accept 24 h, dispatch 24 h, claim 48 h, finish 48 h; urgent × 0.5
  const T0 = new Date('2026-11-20T08:00:00+08:00')
  const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000)
  const scope = { streetId: 's-1', communityId: 'm-1', compoundId: 'p-1' as string | null }
  const noCompound = { ...scope, compoundId: null }
  const clock = (state: OrderState, extra: Partial<OrderClock> = {}): OrderClock => ({ state, stateSince: T0, preferredAt: h(72), urgency: 'normal', claimedAt: null, ...extra })

  test('which limit runs in which state', () => {
    expect(STATE_LIMIT).toEqual({
      ordered: 'accept',
      accepted: 'dispatch',
      complained: 'complaint',
      dispatched_member: 'claim',
      dispatched_unit: 'claim',
      pooled: 'claim',
      claimed: 'finish',
      in_progress: 'finish',
      done: null,
      confirmed: null,
      declined: null,
      merged: null,
      closed: null,
      cancelled: null,
    })
  })

  test.each([
    ['ordered', {}, 24],
    ['ordered, urgent', { urgency: 'urgent' }, 12],
    ['accepted', { state: 'accepted' }, 24],
    ['pooled', { state: 'pooled' }, 48],
    ['claimed before the preferred time: from the preferred time', { state: 'claimed', claimedAt: h(10) }, 120],
    ['in progress, claimed after the preferred time: from the claim', { state: 'in_progress', preferredAt: h(1), claimedAt: h(50), stateSince: h(51) }, 98],
    ['urgent work: half the finish limit', { state: 'claimed', urgency: 'urgent', claimedAt: h(10) }, 96],
  ] as const)('deadline: %s', (_name, extra, hours) => {
    expect(deadlineOf(clock('ordered', extra as Partial<OrderClock>), s)).toEqual(h(hours))
  })

  test('no deadline where nobody the community answers for is waiting', () => {
    for (const state of ['done', 'confirmed', 'declined', 'merged', 'closed', 'cancelled'] as const) {
      expect(deadlineOf(clock(state), s)).toBeNull()
      expect(isOverdue(clock(state), h(10_000), s)).toBe(false)
      expect(escalationOf({ ...clock(state), ...scope }, h(10_000), s)).toBeNull()
    }
  })

  test('overdue only after the deadline', () => {
    expect(isOverdue(clock('ordered'), h(23.99), s)).toBe(false)
    expect(isOverdue(clock('ordered'), h(24), s)).toBe(false)
    expect(isOverdue(clock('ordered'), h(24.01), s)).toBe(true)
  })

  test.each([
    ['the community is late to accept: the street hears', 'ordered', {}, scope, 25, { level: 'street', orgId: 's-1', limit: 'accept', label: '超时未接单', overdueHours: 1 }],
    ['an urgent order is late sooner', 'ordered', { urgency: 'urgent' }, scope, 13, { level: 'street', orgId: 's-1', overdueHours: 1 }],
    ['the branch is late to dispatch: the community hears', 'accepted', {}, scope, 25, { level: 'community', orgId: 'm-1', label: '超时未派单', nextAt: h(48) }],
    ['a full dispatch limit later: the street hears', 'accepted', {}, scope, 48.5, { level: 'street', orgId: 's-1', overdueHours: 24 }],
    ['no compound, so the community dispatches: the street hears', 'accepted', {}, noCompound, 25, { level: 'street', orgId: 's-1' }],
    ['a complaint back at the community for longer than its accept limit: the street hears', 'complained', {}, scope, 30, { level: 'street', orgId: 's-1', label: '投诉超时未处理', nextAt: null }],
    ['nobody claims from the pool: the branch hears', 'pooled', {}, scope, 49, { level: 'branch', orgId: 'p-1', label: '超时无人接单', nextAt: h(96) }],
    ['still nobody a full claim limit later: the community', 'pooled', {}, scope, 97, { level: 'community', orgId: 'm-1', nextAt: h(144) }],
    ['and never above the street', 'pooled', {}, scope, 1000, { level: 'street', orgId: 's-1', nextAt: null }],
    ['a unit sits on it, no compound: the community hears', 'dispatched_unit', {}, noCompound, 49, { level: 'community', orgId: 'm-1' }],
    ['a member sits on a dispatch: the branch hears', 'dispatched_member', {}, scope, 49, { level: 'branch', orgId: 'p-1' }],
    ['the work is late: the branch hears', 'claimed', { claimedAt: h(10) }, scope, 121, { level: 'branch', orgId: 'p-1', label: '超时未完成', deadline: h(120) }],
  ] as const)('%s', (_name, state, extra, where, at, expected) => {
    const order = { ...clock(state, extra as Partial<OrderClock>), ...where }
    expect(escalationOf(order, h(at), s)).toMatchObject(expected)
    // Just before the deadline nobody is told anything.
    const deadline = deadlineOf(order, s)!
    expect(escalationOf(order, new Date(deadline.getTime() - 1), s)).toBeNull()
  })

  test('nextAt is exactly when the next level is told', () => {
    for (const [state, where] of [['pooled', scope], ['accepted', scope], ['dispatched_member', noCompound], ['claimed', scope]] as const) {
      const order = { ...clock(state), ...where }
      let e = escalationOf(order, new Date(deadlineOf(order, s)!.getTime() + 1), s)!
      const seen = [e.level]
      while (e.nextAt) {
        expect(escalationOf(order, new Date(e.nextAt.getTime() - 1), s)!.level).toBe(e.level)
        e = escalationOf(order, e.nextAt, s)!
        seen.push(e.level)
      }
      // Each step climbs exactly one level, ending at the street.
      expect(seen[seen.length - 1]).toBe('street')
      for (let i = 1; i < seen.length; i++) expect(ESCALATION_LEVELS.indexOf(seen[i])).toBe(ESCALATION_LEVELS.indexOf(seen[i - 1]) + 1)
    }
  })

  test('the settings are checked', () => {
    expect(checkTimeSettings(s)).toEqual(s)
    expect(codeOf(() => checkTimeSettings({ ...s, acceptHours: 0 }))).toBe('ORDER.SETTINGS_INVALID')
    expect(codeOf(() => checkTimeSettings({ ...s, finishHours: 721 }))).toBe('ORDER.SETTINGS_INVALID')
    expect(codeOf(() => checkTimeSettings({ ...s, urgentScale: 0 }))).toBe('ORDER.SETTINGS_INVALID')
    expect(codeOf(() => checkTimeSettings({ ...s, urgentScale: 1.5 }))).toBe('ORDER.SETTINGS_INVALID')
  })

  test('the sweep queries: one per settings group, timed state and urgency, each a range on one date', () => {
    const fast = { ...s, acceptHours: 2 }
    const now = h(100)
    const queries = overdueQueries([{ communityIds: ['m-1', 'm-2'], settings: s }, { communityIds: ['m-3'], settings: fast }], now)
    expect(queries).toHaveLength(2 * 8 * 2)
    expect(queries[0]).toEqual({ communityIds: ['m-1', 'm-2'], state: 'ordered', urgency: 'normal', field: 'stateSince', before: h(76) })
    expect(queries.find((q) => q.communityIds[0] === 'm-3' && q.state === 'ordered' && q.urgency === 'urgent')?.before).toEqual(h(99))
    expect(queries.find((q) => q.state === 'in_progress' && q.urgency === 'normal')).toMatchObject({ field: 'preferredAt', before: h(52) })
  })

  test('the sweep finds exactly the overdue orders (claimed no later than their preferred time)', () => {
    const queries = overdueQueries([{ communityIds: ['m-1'], settings: s }], h(0))
    const timed = ORDER_STATES.filter((st) => STATE_LIMIT[st])
    for (const state of timed) {
      for (const urgency of ['normal', 'urgent'] as const) {
        for (const ago of [0, 11, 13, 23, 25, 47, 49, 95, 97]) {
          const since = h(-ago)
          const order = clock(state, { urgency, stateSince: since, preferredAt: since, claimedAt: since })
          const q = queries.find((x) => x.state === state && x.urgency === urgency)!
          const matched = (q.field === 'stateSince' ? order.stateSince : order.preferredAt).getTime() < q.before.getTime()
          expect([state, urgency, ago, matched]).toEqual([state, urgency, ago, isOverdue(order, h(0), s)])
        }
      }
    }
  })
})

describe('what a transition writes', () => {
  const now = new Date('2026-11-22T10:00:00+08:00')
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000)
  const place = {
    streetId: 's-1', communityId: 'm-1', communityName: '北门社区', compoundId: 'p-1', gridId: 'g-1', buildingId: 'b-1', buildingName: '北门花园2栋',
    lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-1', 'b-1'],
  }
  const placed = () =>
    newOrder({
      id: 'o-1',
      input: { itemId: null, description: ' 帮忙修水管 ', preferredAt: new Date('2026-11-23T09:00:00+08:00'), urgency: 'normal' },
      item: null,
      category: '维修',
      resident: { id: 'u-res', name: '赵奶奶' },
      placedBy: { id: 'u-res', name: '赵奶奶' },
      place,
      now,
      op: 'op-1',
    })
  /** What the conditional update does to the stored order, refusing exactly when its filter would not match. */
  const apply = (order: OrderRecord, plan: TransitionPlan): OrderRecord => {
    expect(order.state).toBe(plan.from)
    return { ...order, ...plan.set, history: [...order.history, plan.entry] }
  }

  test('a new order: ordered, cleaned, its first timeline entry, nobody on it', () => {
    const o = placed()
    expect(o).toMatchObject({ state: 'ordered', stateSince: now, description: '帮忙修水管', category: '维修', skills: [], assigneeId: null, pool: null, overdue: null, lineage: place.lineage })
    expect(o.history).toEqual([{ verb: 'order', from: null, to: 'ordered', by: 'u-res', byName: '赵奶奶', at: now, op: 'op-1' }])
    expect(newOrder({ ...placedArgs(), item: { _id: 'i-1', category: '维修', skills: ['水电维修'] }, input: { ...placedArgs().input, itemId: 'i-1' } })).toMatchObject({ itemId: 'i-1', category: '维修', skills: ['水电维修'] })
    // The item named in the input must be the item given.
    expect(codeOf(() => newOrder({ ...placedArgs(), input: { ...placedArgs().input, itemId: 'i-2' } }))).toBe('REQUEST.INVALID')
    expect(codeOf(() => newOrder({ ...placedArgs(), input: { ...placedArgs().input, description: '' } }))).toBe('ORDER.DESCRIPTION_REQUIRED')
  })
  const placedArgs = () => ({
    id: 'o-1',
    input: { itemId: null as string | null, description: '帮忙修水管', preferredAt: new Date('2026-11-23T09:00:00+08:00'), urgency: 'normal' as const },
    item: null,
    resident: { id: 'u-res', name: '赵奶奶' },
    placedBy: { id: 'u-res', name: '赵奶奶' },
    place,
    now,
  })

  test('the issue\'s walk: ordered, accepted, dispatched, accepted by the member, done with hours, confirmed with 5 stars, closed', () => {
    const admin = { id: 'u-adm', name: '王书记' }
    const branch = { id: 'u-br', name: '陈支书' }
    const liming = { id: 'u-mem', name: '李明' }
    let o = placed()
    o = apply(o, planTransition(o.state, 'accept', { by: admin, now: later(10) }))
    o = apply(o, planTransition(o.state, 'dispatchToMember', { by: branch, now: later(20), assignee: liming }))
    expect(o).toMatchObject({ assigneeId: 'u-mem', assigneeName: '李明', unitId: null, pool: null })
    o = apply(o, planTransition(o.state, 'acceptDispatch', { by: liming, now: later(30) }))
    expect(o.claimedAt).toEqual(later(30))
    o = apply(o, planTransition(o.state, 'start', { by: liming, now: later(60) }))
    o = apply(o, planTransition(o.state, 'finish', { by: liming, now: later(120), report: { note: ' 换了水龙头的垫圈 ', photos: [], hours: 1.5 } }))
    expect(o.report).toEqual({ note: '换了水龙头的垫圈', photos: [], hours: 1.5 })
    o = apply(o, planTransition(o.state, 'confirm', { by: { id: 'u-res', name: '赵奶奶' }, now: later(180), rating: { stars: 5, comment: '很及时，谢谢' } }))
    o = apply(o, planTransition(o.state, 'close', { by: { id: 'system', name: '系统' }, now: later(181) }))
    expect(o).toMatchObject({ state: 'closed', stateSince: later(181), rating: { stars: 5, comment: '很及时，谢谢' }, assigneeId: 'u-mem' })
    expect(o.history.map((e) => [e.byName, e.from, e.to, describeEntry(e)])).toEqual([
      ['赵奶奶', null, 'ordered', '点单'],
      ['王书记', 'ordered', 'accepted', '社区接单'],
      ['陈支书', 'accepted', 'dispatched_member', '派单给李明'],
      ['李明', 'dispatched_member', 'claimed', '党员接单'],
      ['李明', 'claimed', 'in_progress', '开始服务'],
      ['李明', 'in_progress', 'done', '完成服务，服务1.5小时'],
      ['赵奶奶', 'done', 'confirmed', '确认完成，评价5星：很及时，谢谢'],
      ['系统', 'confirmed', 'closed', '办结，服务时长已计入'],
    ])
  })

  test('a unit passes it on, a pool claim, a decline, a recall: who holds the order after each', () => {
    const by = { id: 'u-x', name: '某人' }
    const holder = (from: OrderState, verb: OrderVerb, extra: Partial<TransitionArgs> = {}) => {
      const { set } = planTransition(from, verb, { by, now, ...extra })
      return [set.state, set.assigneeId, set.unitId, set.pool]
    }
    expect(holder('accepted', 'dispatchToUnit', { unit: { id: 'unit-1', name: '县水利局' } })).toEqual(['dispatched_unit', null, 'unit-1', null])
    // The unit stays on record when its admin passes the order to one of its members.
    expect(holder('dispatched_unit', 'passToMember', { assignee: { id: 'u-m', name: '张华' } })).toEqual(['dispatched_member', 'u-m', undefined, null])
    expect(holder('accepted', 'pool', { pool: { kind: 'grid', id: 'g-1', name: '第一网格' } })).toEqual(['pooled', null, null, { kind: 'grid', id: 'g-1' }])
    expect(holder('pooled', 'claim')).toEqual(['claimed', 'u-x', undefined, undefined])
    expect(planTransition('pooled', 'claim', { by, now }).set.claimedAt).toEqual(now)
    for (const [from, verb] of [['dispatched_member', 'recall'], ['dispatched_member', 'declineDispatch'], ['claimed', 'release']] as const) {
      expect(holder(from, verb, { reason: '本周出差在外' })).toEqual(['accepted', null, null, null])
    }
  })

  test('every plan clears the overdue mark and restarts the clock; the owner the filter carries follows the actor', () => {
    const args: TransitionArgs = {
      by: { id: 'u-x', name: '某人' },
      now,
      reason: '情况说明一下',
      assignee: { id: 'u-m', name: '张华' },
      unit: { id: 'unit-1', name: '县水利局' },
      pool: { kind: 'community', id: 'm-1', name: '北门社区' },
      duplicateId: 'o-0',
      report: { note: '已完成', photos: [], hours: 1 },
      rating: { stars: 4, comment: '' },
    }
    for (const verb of ORDER_VERBS) {
      const from = ORDER_TRANSITIONS[verb].from[0]
      const plan = planTransition(from, verb, args)
      expect(plan).toMatchObject({ from, to: ORDER_TRANSITIONS[verb].to, set: { state: ORDER_TRANSITIONS[verb].to, stateSince: now, updatedAt: now, overdue: null } })
      expect(plan.entry).toMatchObject({ verb, from, to: plan.to, by: 'u-x', byName: '某人', at: now })
      const actor = ORDER_TRANSITIONS[verb].actor
      expect(plan.owner).toBe(actor === 'requester' || actor === 'assignee' ? actor : null)
    }
  })

  test('a plan refuses what the table refuses, and missing or bad input, before anything is written', () => {
    const by = { id: 'u-x', name: '某人' }
    expect(codeOf(() => planTransition('claimed', 'claim', { by, now }))).toBe('ORDER.ALREADY_CLAIMED')
    expect(codeOf(() => planTransition('in_progress', 'cancel', { by, now }))).toBe('ORDER.ALREADY_STARTED')
    expect(codeOf(() => planTransition('done', 'accept', { by, now }))).toBe('ORDER.INVALID_TRANSITION')
    expect(codeOf(() => planTransition('ordered', 'decline', { by, now }))).toBe('ORDER.REASON_REQUIRED')
    expect(codeOf(() => planTransition('accepted', 'dispatchToMember', { by, now }))).toBe('REQUEST.INVALID')
    expect(codeOf(() => planTransition('accepted', 'pool', { by, now }))).toBe('REQUEST.INVALID')
    expect(codeOf(() => planTransition('ordered', 'merge', { by, now }))).toBe('REQUEST.INVALID')
    expect(codeOf(() => planTransition('in_progress', 'finish', { by, now, report: { note: '好了', photos: [], hours: 0 } }))).toBe('ORDER.HOURS_INVALID')
    expect(codeOf(() => planTransition('done', 'confirm', { by, now, rating: { stars: 1, comment: '' } }))).toBe('ORDER.COMMENT_REQUIRED')
    expect(planTransition('ordered', 'merge', { by, now, duplicateId: 'o-0' }).set.mergedInto).toBe('o-0')
  })
})

describe('what a person may press now (availableVerbs)', () => {
  // Lineage county → street → community → compound → grid → building, as the function stores it.
  const base: OrderForVerbs = {
    state: 'ordered',
    residentId: 'u-res',
    placedById: 'u-res',
    assigneeId: null,
    unitId: null,
    communityId: 'c1',
    lineage: ['county', 'street', 'c1', 'compound1', 'grid1', 'b1'],
    pool: null,
    poolBuildingIds: null,
  }
  const viewer = (userId: string, grants: OrderViewer['grants'] = [], member: OrderViewer['member'] = null): OrderViewer => ({ userId, grants, member })
  const V = {
    requester: viewer('u-res'),
    gridWorkerWhoPlacedIt: viewer('u-grid', [{ kind: 'grid_worker', scopeId: 'grid1' }]),
    assignee: viewer('u-mem', [{ kind: 'member', scopeId: 'c1' }], { communityId: 'c1', buildingId: 'b2' }),
    communityAdmin: viewer('u-ca', [{ kind: 'community_admin', scopeId: 'c1' }]),
    otherCommunityAdmin: viewer('u-ca2', [{ kind: 'community_admin', scopeId: 'c2' }]),
    branchInScope: viewer('u-br', [{ kind: 'branch_admin', scopeId: 'compound1' }]),
    branchOutOfScope: viewer('u-br2', [{ kind: 'branch_admin', scopeId: 'compound2' }]),
    unitAdmin: viewer('u-ua', [{ kind: 'unit_admin', scopeId: 'unit1' }]),
    otherUnitAdmin: viewer('u-ua2', [{ kind: 'unit_admin', scopeId: 'unit2' }]),
    poolMemberFits: viewer('u-pm', [{ kind: 'member', scopeId: 'c1' }], { communityId: 'c1', buildingId: 'b1' }),
    poolMemberOtherGrid: viewer('u-pm2', [{ kind: 'member', scopeId: 'c1' }], { communityId: 'c1', buildingId: 'b9' }),
    memberWithoutBuilding: viewer('u-pm3', [{ kind: 'member', scopeId: 'c1' }], { communityId: 'c1', buildingId: null }),
    memberElsewhere: viewer('u-pm4', [{ kind: 'member', scopeId: 'c2' }], { communityId: 'c2', buildingId: 'b1' }),
    streetAdmin: viewer('u-st', [{ kind: 'street_admin', scopeId: 'street' }]),
    stranger: viewer('u-x'),
  }
  type Who = keyof typeof V
  const ORDERS: Record<string, OrderForVerbs> = {
    ordered: base,
    orderedForSomeone: { ...base, residentId: null, placedById: 'u-grid' },
    accepted: { ...base, state: 'accepted' },
    dispatched_unit: { ...base, state: 'dispatched_unit', unitId: 'unit1' },
    gridPool: { ...base, state: 'pooled', pool: { kind: 'grid', id: 'grid1' }, poolBuildingIds: ['b1', 'b3'] },
    communityPool: { ...base, state: 'pooled', pool: { kind: 'community', id: 'c1' } },
    dispatched_member: { ...base, state: 'dispatched_member', assigneeId: 'u-mem', unitId: 'unit1' },
    claimed: { ...base, state: 'claimed', assigneeId: 'u-mem' },
    in_progress: { ...base, state: 'in_progress', assigneeId: 'u-mem' },
    done: { ...base, state: 'done', assigneeId: 'u-mem' },
    complained: { ...base, state: 'complained', assigneeId: 'u-mem' },
    confirmed: { ...base, state: 'confirmed', assigneeId: 'u-mem' },
    closed: { ...base, state: 'closed', assigneeId: 'u-mem' },
    cancelled: { ...base, state: 'cancelled' },
    declined: { ...base, state: 'declined' },
  }
  const DISPATCH = ['dispatchToMember', 'dispatchToUnit', 'pool'] as const
  // [order, viewer, the verbs expected]; a viewer not named for an order may press nothing.
  const table: Array<[string, Partial<Record<Who, readonly OrderVerb[]>>]> = [
    ['ordered', { requester: ['cancel'], communityAdmin: ['accept', 'decline', 'merge'] }],
    ['orderedForSomeone', { gridWorkerWhoPlacedIt: ['cancel'], communityAdmin: ['accept', 'decline', 'merge'] }],
    ['accepted', { requester: ['cancel'], communityAdmin: ['merge', ...DISPATCH], branchInScope: DISPATCH }],
    ['dispatched_unit', { requester: ['cancel'], unitAdmin: ['passToMember'], communityAdmin: ['recall'], branchInScope: ['recall'] }],
    ['gridPool', { requester: ['cancel'], poolMemberFits: ['claim'], communityAdmin: ['dispatchToMember', 'dispatchToUnit', 'recall'], branchInScope: ['dispatchToMember', 'dispatchToUnit', 'recall'] }],
    [
      'communityPool',
      {
        requester: ['cancel'],
        poolMemberFits: ['claim'],
        poolMemberOtherGrid: ['claim'],
        memberWithoutBuilding: ['claim'],
        assignee: ['claim'],
        communityAdmin: ['dispatchToMember', 'dispatchToUnit', 'recall'],
        branchInScope: ['dispatchToMember', 'dispatchToUnit', 'recall'],
      },
    ],
    ['dispatched_member', { requester: ['cancel'], assignee: ['acceptDispatch', 'declineDispatch'], communityAdmin: ['recall'], branchInScope: ['recall'] }],
    ['claimed', { requester: ['cancel'], assignee: ['release', 'start'] }],
    ['in_progress', { assignee: ['finish'] }],
    ['done', { requester: ['confirm', 'complain'] }],
    ['complained', { communityAdmin: [...DISPATCH, 'resolve'], branchInScope: DISPATCH }],
    ['confirmed', {}],
    ['closed', {}],
    ['cancelled', {}],
    ['declined', {}],
  ]
  const cases = table.flatMap(([o, expected]) => (Object.keys(V) as Who[]).map((who) => [o, who, expected[who] ?? []] as const))

  test.each(cases)('%s, %s → %j', (o, who, expected) => {
    expect(availableVerbs(ORDERS[o], V[who])).toEqual(expected)
  })

  test('every verb offered is one the table and the ownership check allow; nobody is offered close; nobody unknown is offered anything', () => {
    for (const order of Object.values(ORDERS)) {
      expect(availableVerbs(order, null)).toEqual([])
      for (const v of Object.values(V)) {
        for (const verb of availableVerbs(order, v)) {
          expect(verb).not.toBe('close')
          expect(nextState(order.state, verb)).toBe(ORDER_TRANSITIONS[verb].to)
          expect(codeOf(() => assertOwner(order, verb, v.userId))).toBeUndefined()
        }
      }
    }
  })
})
