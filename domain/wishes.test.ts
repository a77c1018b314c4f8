import { validate } from './api/contract'
import { wishSettingsInput } from './api/wishes'
import { isDomainError } from './errors'
import { holds } from './lifecycle'
import { PERMISSION_MATRIX } from './permissions'
import { validCreditHours } from './requirements'
import type { RoleGrant } from './roles'
import {
  authorizeVerb,
  availableVerbs,
  awaitsDelivery,
  checkContent,
  checkPhoto,
  checkPhotos,
  checkRating,
  checkServiceHours,
  checkText,
  checkValue,
  claimDays,
  claimDeadline,
  DEFAULT_WISH_SETTINGS,
  intakeKey,
  isClaimable,
  isClaimOverdue,
  isClosed,
  isDone,
  isInReview,
  inQueueReach,
  isIntakeKey,
  isLitOrLater,
  isOnWall,
  newWish,
  overdueCondition,
  overdueSearches,
  planChange,
  nextState,
  PHOTO_MAX_BYTES,
  planEdit,
  planTransition,
  progressLabel,
  releaseCutoff,
  releaseDue,
  replayResult,
  reviewQueueReach,
  serviceHoursCredit,
  SYSTEM_CALLER,
  WALL_FILTERS,
  wallCounts,
  wallPlacement,
  wallTabOf,
  WISH_CATEGORIES,
  WISH_SETTING_BOUNDS,
  wishSettingsOf,
  WISH_HISTORY_LABELS,
  WISH_STATE_LABELS,
  WISH_STATES,
  WISH_TRANSITIONS,
  WISH_ACTIONS,
  WISH_VERB_PERMISSION,
  WISH_VERBS,
  wishCallerOf,
  wishIdFromScene,
  wishQrScene,
  wishShareCard,
  type VerbInput,
  type WishAction,
  type WishCaller,
  type WishIntake,
  type WishRecord,
  type WishState,
  type WishVerb,
} from './wishes'

/** Runs `fn` and returns the DomainError code it threw (or 'no error'). */
function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
  return 'no error'
}

function errorOf(fn: () => unknown): Error & { code?: string; details?: unknown } {
  try {
    fn()
  } catch (e) {
    return e as Error & { code?: string }
  }
  throw new Error('expected an error')
}

// The lifecycle written out by hand, independently of the table it checks: state → verb → next.
const EXPECTED: Record<WishState, Partial<Record<WishVerb, WishState>>> = {
  draft: { submit: 'submitted' },
  submitted: { verify: 'verified', reject: 'rejected' },
  verified: { publish: 'published', reject: 'rejected' },
  published: { light: 'lit', takeDown: 'taken_down' },
  rejected: { resubmit: 'submitted' },
  taken_down: {},
  lit: { deliver: 'delivered', giveUp: 'published', revokeClaim: 'published', autoRelease: 'published' },
  delivered: { confirm: 'confirmed', disputeDelivery: 'lit' },
  confirmed: { rate: 'rated' },
  rated: {},
}

/** The code of a forbidden pair: lighting says why precisely, everything else names the state. */
function refusal(state: WishState, verb: WishVerb): string {
  if (verb !== 'light') return 'WISH.INVALID_TRANSITION'
  return ['lit', 'delivered', 'confirmed', 'rated'].includes(state) ? 'WISH.ALREADY_CLAIMED' : 'WISH.NOT_PUBLISHED'
}

const pairs = WISH_STATES.flatMap((state) => WISH_VERBS.map((verb) => [state, verb] as const))

describe('wish lifecycle table', () => {
  test('the states and verbs are exactly these', () => {
    expect([...WISH_VERBS].sort()).toEqual(['autoRelease', 'confirm', 'deliver', 'disputeDelivery', 'giveUp', 'light', 'publish', 'rate', 'reject', 'resubmit', 'revokeClaim', 'submit', 'takeDown', 'verify'])
    expect(Object.keys(EXPECTED).sort()).toEqual([...WISH_STATES].sort())
  })

  test.each(pairs)('%s × %s', (state, verb) => {
    const expected = EXPECTED[state][verb]
    if (expected) {
      expect(nextState(state, verb)).toBe(expected)
      expect(WISH_TRANSITIONS[verb].to).toBe(expected)
      return
    }
    const e = errorOf(() => nextState(state, verb))
    expect(isDomainError(e)).toBe(true)
    expect(e.code).toBe(refusal(state, verb))
    // The message names the state in Chinese, except "someone was faster", which needs no state.
    if (e.code !== 'WISH.ALREADY_CLAIMED') expect(e.message).toContain(WISH_STATE_LABELS[state])
  })

  test('who performs each verb', () => {
    expect(Object.fromEntries(WISH_VERBS.map((v) => [v, [...WISH_TRANSITIONS[v].actors].sort()]))).toEqual({
      submit: ['beneficiary', 'grid_worker'],
      resubmit: ['beneficiary', 'grid_worker'],
      verify: ['community_admin', 'grid_worker'],
      publish: ['community_admin'],
      reject: ['community_admin'],
      takeDown: ['community_admin'],
      light: ['claimer'],
      giveUp: ['claimer'],
      revokeClaim: ['community_admin'],
      autoRelease: ['system'],
      deliver: ['claimer'],
      confirm: ['beneficiary', 'grid_worker'],
      disputeDelivery: ['beneficiary', 'grid_worker'],
      rate: ['beneficiary', 'grid_worker'],
    })
  })

  test('exactly rejecting, taking down, revoking a claim and disputing a delivery need a reason', () => {
    expect(WISH_VERBS.filter((v) => WISH_TRANSITIONS[v].needsReason).sort()).toEqual(['disputeDelivery', 'reject', 'revokeClaim', 'takeDown'])
  })

  test("the staff actors of each verb are exactly the roles of its permission in the matrix", () => {
    for (const verb of WISH_VERBS) {
      const staff = WISH_TRANSITIONS[verb].actors.filter((a) => a === 'grid_worker' || a === 'community_admin')
      const permission = WISH_VERB_PERMISSION[verb]
      if (staff.length === 0) {
        expect(permission).toBeUndefined()
        continue
      }
      expect([...PERMISSION_MATRIX[permission!]].sort()).toEqual([...staff].sort())
    }
  })

  test('the categories of a state are exactly these', () => {
    expect(WISH_STATES.filter(isInReview)).toEqual(['submitted', 'verified'])
    expect(WISH_STATES.filter(isClaimable)).toEqual(['published'])
    expect(WISH_STATES.filter(awaitsDelivery)).toEqual(['lit'])
    expect(WISH_STATES.filter(isOnWall)).toEqual(['published', 'lit', 'delivered', 'confirmed', 'rated'])
    expect(WISH_STATES.filter(isLitOrLater)).toEqual(['lit', 'delivered', 'confirmed', 'rated'])
    expect(WISH_STATES.filter(isDone)).toEqual(['confirmed', 'rated'])
    expect(WISH_STATES.filter(isClosed)).toEqual(['taken_down', 'rated'])
  })

  test('nothing leads out of a closed wish; only lighting leads out of published besides taking it down', () => {
    for (const state of WISH_STATES.filter(isClosed)) expect(WISH_VERBS.filter((v) => WISH_TRANSITIONS[v].from.includes(state))).toEqual([])
    expect(WISH_VERBS.filter((v) => WISH_TRANSITIONS[v].from.includes('published')).sort()).toEqual(['light', 'takeDown'])
  })

  test('every state, history verb and category has Chinese words', () => {
    for (const state of WISH_STATES) expect(WISH_STATE_LABELS[state]).toMatch(/^[\u4e00-\u9fa5]+$/)
    expect(new Set(Object.values(WISH_STATE_LABELS)).size).toBe(WISH_STATES.length)
    for (const verb of [...WISH_VERBS, 'edit' as const]) expect(WISH_HISTORY_LABELS[verb]).toMatch(/^[\u4e00-\u9fa5]+$/)
    expect([...WISH_CATEGORIES]).toEqual(['孤寡老人', '留守儿童', '低保户', '残疾家庭', '其他'])
  })
})

// ---------------------------------------------------------------------------------------------
// People and a wish in every state

const LINEAGE = ['c-1', 's-1', 'm-1', 'p-1', 'g-1', 'b-1']
const NOW = new Date('2026-11-22T10:00:00+08:00')
const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

const user = (userId: string, name: string, grants: RoleGrant[]): WishCaller => ({ kind: 'user', userId, name, grants })

const P = {
  gridWorker: user('u-grid', '张网格', [{ kind: 'grid_worker', scopeId: 'g-1' }]),
  otherGridWorker: user('u-grid2', '李网格', [{ kind: 'grid_worker', scopeId: 'g-2' }]),
  admin: user('u-admin', '刘书记', [{ kind: 'community_admin', scopeId: 'm-1' }]),
  otherAdmin: user('u-admin2', '陈书记', [{ kind: 'community_admin', scopeId: 'm-2' }]),
  streetAdmin: user('u-street', '赵主任', [{ kind: 'street_admin', scopeId: 's-1' }]),
  member: user('u-member', '周党员', [{ kind: 'member', scopeId: 'm-9' }]),
  secondMember: user('u-member2', '吴党员', [{ kind: 'member', scopeId: 'm-1' }]),
  citizen: user('u-citizen', '郑爱心', [{ kind: 'caring_citizen' }]),
  resident: user('u-resident', '孙居民', []),
  beneficiary: user('u-bene', '王秀英', []),
  system: SYSTEM_CALLER,
}

const photo = (n = 1) => ({ fileId: `cloud://env/wish/${n}.jpg`, mime: 'image/jpeg', bytes: 200_000 })

/** A wish in `state`, as the lifecycle would have left it; lit and later were lit by P.member. */
function wishIn(state: WishState, over: Partial<WishRecord> = {}): WishRecord {
  const reached = (s: WishState) => PATH.indexOf(state) >= PATH.indexOf(s)
  const claimed = isLitOrLater(state)
  return {
    _id: 'w-1',
    communityId: 'm-1',
    communityName: '北门社区',
    lineage: LINEAGE,
    beneficiary: { name: '王秀英', phone: '13812341234', category: '孤寡老人', userId: 'u-bene', buildingId: 'b-1', buildingName: '3栋', room: '2单元501' },
    title: '想要一台新轮椅',
    details: '老人腿脚不便，旧轮椅坏了，希望有一台新轮椅。',
    estimatedValue: 800,
    photos: [photo(1)],
    consent: { method: 'verbal', at: new Date(NOW.getTime() - 10 * DAY), recordedBy: 'u-grid' },
    visit: reached('verified') ? { at: new Date(NOW.getTime() - 9 * DAY), note: '入户查看，属实', by: 'u-grid', byName: '张网格' } : null,
    state,
    author: { userId: 'u-grid', name: '张网格', as: 'grid_worker' },
    contact: { userId: 'u-grid', name: '张网格', phone: '13900009999' },
    intakeKey: 'k3f9a2b1c-17',
    claim: claimed ? { userId: 'u-member', name: '周党员', kind: 'member', at: new Date(NOW.getTime() - 2 * DAY) } : null,
    delivery: reached('delivered') ? { photos: [photo(9)], at: new Date(NOW.getTime() - DAY) } : null,
    confirmation: reached('confirmed') ? { by: 'u-bene', byName: '王秀英', as: 'beneficiary', at: new Date(NOW.getTime() - HOUR) } : null,
    rating: state === 'rated' ? { stars: 5, by: 'u-bene', at: NOW } : null,
    history: [],
    createdAt: new Date(NOW.getTime() - 10 * DAY),
    updatedAt: new Date(NOW.getTime() - HOUR),
    ...over,
  }
}
// How far along the main path each state is; a rejected wish was never verified, a taken-down one was published.
const PATH: WishState[] = ['draft', 'rejected', 'submitted', 'verified', 'published', 'taken_down', 'lit', 'delivered', 'confirmed', 'rated']

/** The person who may do each verb on the fixture wish, and a valid input for it. */
const DOER: Record<WishVerb, [WishCaller, VerbInput]> = {
  submit: [P.gridWorker, {}],
  resubmit: [P.gridWorker, {}],
  verify: [P.gridWorker, { visit: { at: new Date(NOW.getTime() - HOUR), note: '入户查看，确有需要' } }],
  publish: [P.admin, {}],
  reject: [P.admin, { reason: '不属于微心愿范围' }],
  takeDown: [P.admin, { reason: '家属已经买了' }],
  light: [P.citizen, {}],
  giveUp: [P.member, {}],
  revokeClaim: [P.admin, { reason: '认领人联系不上' }],
  autoRelease: [P.system, {}],
  deliver: [P.member, { photos: [photo(5)] }],
  confirm: [P.beneficiary, {}],
  disputeDelivery: [P.beneficiary, { reason: '没有收到轮椅' }],
  rate: [P.beneficiary, { stars: 5, thanks: '谢谢你！' }],
}

describe('planning a change: every state × verb with the right person', () => {
  test.each(pairs)('%s × %s', (state, verb) => {
    const [caller, input] = DOER[verb]
    const wish = wishIn(state)
    const expected = EXPECTED[state][verb]
    if (!expected) {
      // Claimer verbs on a wish nobody holds: the caller is not its claimer, whatever the state.
      const code = WISH_TRANSITIONS[verb].actors[0] === 'claimer' && verb !== 'light' && !wish.claim ? 'WISH.NOT_CLAIMER' : refusal(state, verb)
      expect(codeOf(() => planTransition(wish, verb, caller, input, { now: NOW }))).toBe(code)
      return
    }
    const change = planTransition(wish, verb, caller, input, { now: NOW, op: 'op-1' })
    expect(change.from).toBe(state)
    expect(change.to).toBe(expected)
    expect(change.set.state).toBe(expected)
    expect(change.set.updatedAt).toBe(NOW)
    // The wall fields move with the state in the same write.
    expect({ onWall: change.set.onWall, wallTab: change.set.wallTab }).toEqual(wallPlacement(expected))
    // The audit record: who, from, to, when (and why, where a reason is needed).
    expect(change.entry).toMatchObject({ verb, from: state, to: expected, at: NOW, op: 'op-1', by: caller.kind === 'user' ? caller.userId : 'system' })
    if (WISH_TRANSITIONS[verb].needsReason) expect(change.entry.reason).toBe(input.reason)
    // Nobody is told about their own act.
    if (caller.kind === 'user') expect(change.notify).not.toContain(caller.userId)
  })

  test('what each verb writes besides the state', () => {
    const lit = planTransition(wishIn('published'), 'light', P.member, {}, { now: NOW })
    // The deadline is stamped on the claim from the community's days as they are now (default 7).
    expect(lit.set.claim).toEqual({ userId: 'u-member', name: '周党员', kind: 'member', at: NOW, releaseAt: new Date(NOW.getTime() + 7 * 24 * 3600 * 1000) })
    const litIn3 = planTransition(wishIn('published'), 'light', P.member, {}, { now: NOW, settings: { claimReleaseDays: 3, hoursPerWish: 2 } })
    expect(litIn3.set.claim?.releaseAt).toEqual(new Date(NOW.getTime() + 3 * 24 * 3600 * 1000))
    expect(lit.notify).toEqual(['u-grid'])
    expect(planTransition(wishIn('published'), 'light', P.citizen, {}, { now: NOW }).set.claim?.kind).toBe('caring_citizen')

    const verified = planTransition(wishIn('submitted'), 'verify', P.admin, DOER.verify[1], { now: NOW })
    expect(verified.set.visit).toEqual({ at: DOER.verify[1].visit!.at, note: '入户查看，确有需要', by: 'u-admin', byName: '刘书记' })

    const published = planTransition(wishIn('verified'), 'publish', P.admin, { serviceHours: 3.5 }, { now: NOW })
    expect(published.set.serviceHours).toBe(3.5)
    expect(published.notify).toEqual(['u-grid'])

    const rejected = planTransition(wishIn('verified'), 'reject', P.admin, { reason: '  重复提交  ' }, { now: NOW })
    expect(rejected.set.reason).toBe('重复提交')
    expect(rejected.entry.reason).toBe('重复提交')

    const delivered = planTransition(wishIn('lit'), 'deliver', P.member, { photos: [photo(5)], note: '已送到家' }, { now: NOW })
    expect(delivered.set.delivery).toEqual({ photos: [photo(5)], note: '已送到家', at: NOW })
    expect(delivered.notify.sort()).toEqual(['u-bene', 'u-grid'])

    const confirmedByWorker = planTransition(wishIn('delivered'), 'confirm', P.gridWorker, {}, { now: NOW })
    expect(confirmedByWorker.set.confirmation).toEqual({ by: 'u-grid', byName: '张网格', as: 'grid_worker', at: NOW })
    expect(confirmedByWorker.notify).toEqual(['u-member'])
    expect(planTransition(wishIn('delivered'), 'confirm', P.beneficiary, {}, { now: NOW }).set.confirmation?.as).toBe('beneficiary')

    const rated = planTransition(wishIn('confirmed'), 'rate', P.beneficiary, { stars: 4, thanks: '谢谢' }, { now: NOW })
    expect(rated.set.rating).toEqual({ stars: 4, thanks: '谢谢', by: 'u-bene', at: NOW })
  })

  test('releasing a claim clears it, names the claimer in the history and tells them (not on giving up)', () => {
    const revoked = planTransition(wishIn('lit'), 'revokeClaim', P.admin, { reason: '认领人联系不上' }, { now: NOW })
    expect(revoked.set.claim).toBeNull()
    expect(revoked.entry.claimerId).toBe('u-member')
    expect(revoked.notify).toEqual(['u-member'])
    // The wish is still there for someone else: the revoke reason is for the claimer, not the wish.
    expect(revoked.set.reason).toBeUndefined()

    const auto = planTransition(wishIn('lit'), 'autoRelease', P.system, {}, { now: NOW, settings: { claimReleaseDays: 5, hoursPerWish: 2 } })
    expect(auto.entry).toMatchObject({ by: 'system', byName: '系统', claimerId: 'u-member', reason: '超过5天未送达，系统自动释放' })
    expect(auto.notify).toEqual(['u-member'])

    const gaveUp = planTransition(wishIn('lit'), 'giveUp', P.member, { reason: '临时出差' }, { now: NOW })
    expect(gaveUp.set.claim).toBeNull()
    expect(gaveUp.entry.reason).toBe('临时出差')
    expect(gaveUp.notify).toEqual(['u-grid'])
  })
})

describe('the plan is complete: what the write sets and the conditions that must still hold', () => {
  test.each<[WishVerb, WishState, keyof typeof P, object[]]>([
    // Nobody lights their own wish, even if it became theirs in between.
    ['light', 'published', 'citizen', [{ 'author.userId': { $ne: 'u-citizen' }, 'beneficiary.userId': { $ne: 'u-citizen' } }]],
    // The claimer's own verbs: the claim must still be theirs.
    ['giveUp', 'lit', 'member', [{ 'claim.userId': 'u-member' }]],
    ['deliver', 'lit', 'member', [{ 'claim.userId': 'u-member' }]],
    // The claim the plan was made for (the message and the ledger name this claimer).
    ['revokeClaim', 'lit', 'admin', [{ 'claim.userId': 'u-member' }]],
    ['confirm', 'delivered', 'beneficiary', [{ 'claim.userId': 'u-member' }]],
    ['disputeDelivery', 'delivered', 'gridWorker', [{ 'claim.userId': 'u-member' }]],
    ['rate', 'confirmed', 'beneficiary', [{ 'claim.userId': 'u-member' }]],
    // Staff verbs on a wish nobody holds: the state is the whole condition.
    ['verify', 'submitted', 'gridWorker', []],
    ['publish', 'verified', 'admin', []],
    ['reject', 'submitted', 'admin', []],
    ['takeDown', 'published', 'admin', []],
    ['resubmit', 'rejected', 'gridWorker', []],
  ])('%s on a %s wish by %s', (verb, state, who, conditions) => {
    const plan = planTransition(wishIn(state), verb, P[who], DOER[verb][1], { now: NOW })
    expect(plan.conditions).toEqual(conditions)
    // The history entry is the one the write pushes.
    expect(plan.entries).toEqual([plan.entry])
  })

  test('a release repeats the claimer and the overdue rule it was found by: the stamped deadline, else the old days', () => {
    const releaseAt = new Date(NOW.getTime() - HOUR)
    const stamped = wishIn('lit', { claim: { userId: 'u-member', name: '周党员', kind: 'member', at: new Date(NOW.getTime() - 3 * DAY), releaseAt } })
    expect(planTransition(stamped, 'autoRelease', SYSTEM_CALLER, {}, { now: NOW }).conditions).toEqual([{ 'claim.userId': 'u-member' }, { 'claim.releaseAt': { $lt: NOW } }])
    const unstamped = wishIn('lit', { claim: { userId: 'u-member', name: '周党员', kind: 'member', at: new Date(NOW.getTime() - 8 * DAY) } })
    expect(planTransition(unstamped, 'autoRelease', SYSTEM_CALLER, {}, { now: NOW }).conditions).toEqual([
      { 'claim.userId': 'u-member' },
      { 'claim.releaseAt': { $exists: false }, 'claim.at': { $lt: releaseCutoff(NOW) } },
    ])
  })

  test('the overdue condition holds on a wish exactly when isClaimOverdue does', () => {
    for (const releaseAt of [undefined, new Date(NOW.getTime() - 1), NOW, new Date(NOW.getTime() + 1)]) {
      for (const daysAgo of [1, 6, 7, 8, 30]) {
        const claim = { userId: 'u-member', name: '周党员', kind: 'member' as const, at: new Date(NOW.getTime() - daysAgo * DAY), ...(releaseAt ? { releaseAt } : {}) }
        const wish = wishIn('lit', { claim })
        expect({ releaseAt, daysAgo, holds: holds(wish, overdueCondition(claim, NOW)) }).toEqual({ releaseAt, daysAgo, holds: isClaimOverdue(wish, NOW) })
        // The timer's searches find exactly the overdue wishes, in any state.
        for (const state of WISH_STATES) {
          const any = wishIn(state, { claim })
          expect({ state, releaseAt, daysAgo, found: overdueSearches(NOW).some((s) => holds(any, s.where)) }).toEqual({ state, releaseAt, daysAgo, found: isClaimOverdue(any, NOW) })
        }
      }
    }
  })

  test('a claim keeps the claimer\'s openid and, for a member, their live registration: the plan needs nothing added', () => {
    const memberUser = { _id: 'u-member', name: '周党员', openid: 'o-member', roles: [{ kind: 'member' as const, scopeId: 'm-1' }] }
    const live = { _id: 'reg-1', communityId: 'm-1', unitId: 'unit-1' }
    const lit = planTransition(wishIn('published'), 'light', wishCallerOf(memberUser, live), {}, { now: NOW })
    expect(lit.set.claim).toEqual({ userId: 'u-member', name: '周党员', kind: 'member', at: NOW, releaseAt: new Date(NOW.getTime() + 7 * DAY), openid: 'o-member', registration: { id: 'reg-1', communityId: 'm-1', unitId: 'unit-1' } })
    // A caring citizen has no registration to keep, whatever registration record lies around.
    const citizen = wishCallerOf({ _id: 'u-citizen', name: '郑爱心', openid: 'o-citizen', roles: [{ kind: 'caring_citizen' }] }, live)
    expect(planTransition(wishIn('published'), 'light', citizen, {}, { now: NOW }).set.claim).toEqual({ userId: 'u-citizen', name: '郑爱心', kind: 'caring_citizen', at: NOW, releaseAt: new Date(NOW.getTime() + 7 * DAY), openid: 'o-citizen' })
    // No name on record: the one default every screen uses.
    expect(wishCallerOf({ _id: 'u-x', openid: 'o-x', roles: [] }, null)).toMatchObject({ name: '微信用户' })
  })

  test('a resubmission plans its corrected content itself, checked as the intake checks it', () => {
    const rejected = wishIn('rejected')
    const plan = planTransition(rejected, 'resubmit', P.gridWorker, { content: { title: ' 想要一台折叠轮椅 ', category: '残疾家庭' } }, { now: NOW })
    expect(plan.set).toMatchObject({ state: 'submitted', title: '想要一台折叠轮椅', details: rejected.details, estimatedValue: 800, beneficiary: { ...rejected.beneficiary, category: '残疾家庭' } })
    // Without a correction it goes back as it was; the category stays on the beneficiary untouched.
    const again = planTransition(rejected, 'resubmit', P.gridWorker, {}, { now: NOW })
    expect(again.set).toMatchObject({ title: rejected.title, details: rejected.details, estimatedValue: rejected.estimatedValue })
    expect('beneficiary' in again.set).toBe(false)
    expect(codeOf(() => planTransition(rejected, 'resubmit', P.gridWorker, { content: { title: '王秀英的轮椅' } }, { now: NOW }))).toBe('WISH.PRIVATE_INFO')
    expect(codeOf(() => planTransition(rejected, 'resubmit', P.gridWorker, { content: { estimatedValue: 5000 } }, { now: NOW }))).toBe('WISH.VALUE_OUT_OF_RANGE')
  })

  test('the function\'s one entry: someone never seen holds nothing; a wish not found is said so after the caller', () => {
    expect(codeOf(() => planChange(wishIn('published'), 'light', null, {}, { now: NOW }))).toBe('WISH.NOT_ELIGIBLE')
    expect(codeOf(() => planChange(wishIn('delivered'), 'confirm', null, {}, { now: NOW }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(() => planChange(null, 'light', null, {}, { now: NOW }))).toBe('WISH.NOT_ELIGIBLE')
    expect(codeOf(() => planChange(null, 'light', P.member, {}, { now: NOW }))).toBe('WISH.NOT_FOUND')
    expect(planChange(wishIn('verified'), 'edit', P.admin, { content: { title: '想要一台折叠轮椅' } }, { now: NOW }).set.title).toBe('想要一台折叠轮椅')
    expect(planChange(wishIn('published'), 'light', P.member, {}, { now: NOW }).to).toBe('lit')
  })
})

describe('what a person may press now (availableVerbs)', () => {
  const V = {
    anonymous: null,
    resident: P.resident,
    member: P.secondMember,
    citizen: P.citizen,
    authorGridWorker: P.gridWorker,
    // Covers the same grid but did not write the wish (the writer moved on, or a colleague stands in).
    colleagueGridWorker: user('u-grid3', '钱网格', [{ kind: 'grid_worker', scopeId: 'g-1' }]),
    // Wrote the wish but no longer covers the grid: the household is no longer theirs.
    formerAuthor: user('u-grid', '张网格', []),
    otherGridWorker: P.otherGridWorker,
    communityAdmin: P.admin,
    otherCommunityAdmin: P.otherAdmin,
    streetAdmin: P.streetAdmin,
    beneficiary: P.beneficiary,
    claimer: P.member,
  } satisfies Record<string, WishCaller | null>
  type Who = keyof typeof V
  // [state, the actions expected per viewer]; a viewer not named may do nothing. Written by hand.
  const table: Array<[WishState, Partial<Record<Who, WishAction[]>>]> = [
    ['submitted', { authorGridWorker: ['verify'], colleagueGridWorker: ['verify'], communityAdmin: ['verify', 'reject', 'edit'] }],
    ['verified', { communityAdmin: ['publish', 'reject', 'edit'] }],
    ['rejected', { authorGridWorker: ['resubmit'], colleagueGridWorker: ['resubmit'], beneficiary: ['resubmit'] }],
    // The fixture's published wish has no claim yet: its future claimer is just a member.
    ['published', { member: ['light'], citizen: ['light'], claimer: ['light'], communityAdmin: ['takeDown'] }],
    ['taken_down', {}],
    ['lit', { claimer: ['giveUp', 'deliver'], communityAdmin: ['revokeClaim'] }],
    ['delivered', { authorGridWorker: ['confirm', 'disputeDelivery'], colleagueGridWorker: ['confirm', 'disputeDelivery'], beneficiary: ['confirm', 'disputeDelivery'] }],
    ['confirmed', { authorGridWorker: ['rate'], colleagueGridWorker: ['rate'], beneficiary: ['rate'] }],
    ['rated', {}],
    ['draft', {}],
  ]
  const cases = table.flatMap(([state, expected]) => (Object.keys(V) as Who[]).map((who) => [state, who, expected[who] ?? []] as const))

  test.each(cases)('%s, %s → %j', (state, who, expected) => {
    expect(availableVerbs(wishIn(state), V[who])).toEqual(expected)
  })

  test('every state is in the table', () => {
    expect(table.map(([s]) => s).sort()).toEqual([...WISH_STATES].sort())
  })

  /** A valid input for each action, as the page would send it. */
  const INPUT: Record<WishAction, VerbInput> = {
    ...(Object.fromEntries(WISH_ACTIONS.filter((a) => a !== 'edit').map((a) => [a, DOER[a as WishVerb][1]])) as Record<WishAction, VerbInput>),
    edit: { content: { title: '想要一台折叠轮椅' } },
  }

  test('one rule: an action offered is one the planner plans, an action not offered is one it refuses', () => {
    for (const state of WISH_STATES) {
      for (const viewer of Object.values(V)) {
        const offered = availableVerbs(wishIn(state), viewer)
        for (const action of WISH_ACTIONS) {
          const refused = codeOf(() => planChange(wishIn(state), action, viewer, INPUT[action], { now: NOW }))
          expect({ state, viewer: viewer && viewer.kind === 'user' ? viewer.userId : null, action, planned: refused === 'no error' }).toEqual({
            state,
            viewer: viewer && viewer.kind === 'user' ? viewer.userId : null,
            action,
            planned: offered.includes(action),
          })
        }
      }
    }
  })

  test('the timer and the device are never offered anything; nobody is offered submit or autoRelease', () => {
    for (const state of WISH_STATES) expect(availableVerbs(wishIn(state), SYSTEM_CALLER)).toEqual([])
    expect(WISH_ACTIONS).not.toContain('submit')
    expect(WISH_ACTIONS).not.toContain('autoRelease')
  })
})

describe('who may list a community\'s review queue (reviewQueueReach)', () => {
  // County c-1 → street s-1 → community m-1 → compound p-1 → grid g-1; m-2 another community.
  const community = { _id: 'm-1', path: ['c-1', 's-1'] }
  const NODES = [
    { _id: 'g-1', path: ['c-1', 's-1', 'm-1', 'p-1'] },
    { _id: 'g-2', path: ['c-1', 's-1', 'm-2', 'p-2'] },
    { _id: 'm-1', path: ['c-1', 's-1'] },
    { _id: 'm-2', path: ['c-1', 's-1'] },
    { _id: 's-1', path: ['c-1'] },
  ]
  const scopesOf = (who: WishCaller) => (who.kind === 'user' ? NODES.filter((n) => who.grants.some((g) => g.scopeId === n._id)) : [])
  test.each<[keyof typeof P, string | object]>([
    ['admin', { all: true }],
    ['gridWorker', { all: false, orgIds: ['g-1'] }],
    // A grid worker of another community reaches none of this one: refused, never an empty list.
    ['otherGridWorker', 'AUTH.FORBIDDEN'],
    ['otherAdmin', 'AUTH.FORBIDDEN'],
    ['streetAdmin', 'AUTH.FORBIDDEN'],
    ['member', 'AUTH.FORBIDDEN'],
    ['resident', 'AUTH.FORBIDDEN'],
  ])('%s → %j', (who, expected) => {
    const caller = P[who] as Extract<WishCaller, { kind: 'user' }>
    const answer = () => reviewQueueReach(caller.grants, community, scopesOf(caller))
    if (typeof expected === 'string') expect(codeOf(answer)).toBe(expected)
    else expect(answer()).toEqual(expected)
  })

  test('an unknown community is said so only to someone who reviews somewhere; rows are kept to the reach', () => {
    expect(codeOf(() => reviewQueueReach(P.admin.kind === 'user' ? P.admin.grants : [], null, []))).toBe('ORG.UNKNOWN_COMMUNITY')
    expect(codeOf(() => reviewQueueReach([], null, []))).toBe('AUTH.FORBIDDEN')
    expect(inQueueReach(wishIn('submitted'), { all: false, orgIds: ['g-1'] })).toBe(true)
    expect(inQueueReach(wishIn('submitted', { lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-3', 'b-9'] }), { all: false, orgIds: ['g-1'] })).toBe(false)
    expect(inQueueReach(wishIn('submitted', { lineage: ['c-1', 's-1', 'm-1', 'p-1', 'g-3', 'b-9'] }), { all: true })).toBe(true)
  })
})

describe('没收到 (disputeDelivery)', () => {
  test('back to lit with the same claim and deadline, delivery cleared but kept in the history, claimer told', () => {
    const releaseAt = new Date(NOW.getTime() + 5 * DAY)
    const wish = wishIn('delivered', { claim: { userId: 'u-member', name: '周党员', kind: 'member', at: new Date(NOW.getTime() - 2 * DAY), releaseAt } })
    const disputed = planTransition(wish, 'disputeDelivery', P.gridWorker, { reason: '  老人说没有收到  ' }, { now: NOW })
    expect(disputed.to).toBe('lit')
    // The claim is not touched at all: the release deadline is not reset by a dispute.
    expect('claim' in disputed.set).toBe(false)
    expect(disputed.set.delivery).toBeNull()
    expect(disputed.entry).toMatchObject({ verb: 'disputeDelivery', reason: '老人说没有收到', disputed: wish.delivery })
    expect(disputed.set.reason).toBeUndefined()
    expect(disputed.notify).toEqual(['u-member'])
    expect(WISH_HISTORY_LABELS.disputeDelivery).toBe('未收到')
    // The claimer may deliver again; the timer still counts from the original deadline.
    const again = { ...wish, ...disputed.set, history: [disputed.entry] } as WishRecord
    expect(planTransition(again, 'deliver', P.member, { photos: [photo(6)] }, { now: NOW }).to).toBe('delivered')
    expect(claimDeadline(again.claim!)).toEqual(releaseAt)
  })

  test('needs a reason; a refusal names who may say it', () => {
    expect(codeOf(() => planTransition(wishIn('delivered'), 'disputeDelivery', P.beneficiary, { reason: ' ' }, { now: NOW }))).toBe('WISH.REASON_REQUIRED')
    expect(codeOf(() => planTransition(wishIn('delivered'), 'disputeDelivery', P.beneficiary, { reason: '没'.repeat(201) }, { now: NOW }))).toBe('WISH.TEXT_TOO_LONG')
    expect(errorOf(() => planTransition(wishIn('delivered'), 'disputeDelivery', P.member, { reason: '没有收到' }, { now: NOW })).message).toContain('没有收到')
  })
})

describe('who may act on a wish', () => {
  // verb, state, caller, expected code ('no error' = allowed). Written by hand.
  const cases: Array<[WishVerb, WishState, keyof typeof P, string]> = [
    ['light', 'published', 'member', 'no error'],
    ['light', 'published', 'citizen', 'no error'],
    ['light', 'published', 'resident', 'WISH.NOT_ELIGIBLE'],
    ['light', 'published', 'admin', 'WISH.NOT_ELIGIBLE'],
    ['light', 'published', 'system', 'WISH.NOT_ELIGIBLE'],
    ['light', 'lit', 'secondMember', 'WISH.ALREADY_CLAIMED'],
    ['light', 'verified', 'member', 'WISH.NOT_PUBLISHED'],
    ['light', 'taken_down', 'member', 'WISH.NOT_PUBLISHED'],
    ['deliver', 'lit', 'member', 'no error'],
    ['deliver', 'lit', 'secondMember', 'WISH.NOT_CLAIMER'],
    ['deliver', 'lit', 'admin', 'WISH.NOT_CLAIMER'],
    ['giveUp', 'lit', 'citizen', 'WISH.NOT_CLAIMER'],
    ['giveUp', 'delivered', 'member', 'WISH.INVALID_TRANSITION'],
    ['confirm', 'delivered', 'beneficiary', 'no error'],
    ['confirm', 'delivered', 'gridWorker', 'no error'],
    ['confirm', 'delivered', 'otherGridWorker', 'WISH.NOT_RELATED'],
    ['confirm', 'delivered', 'admin', 'WISH.NOT_RELATED'],
    ['confirm', 'delivered', 'member', 'WISH.NOT_RELATED'],
    ['confirm', 'delivered', 'resident', 'WISH.NOT_RELATED'],
    // Who before state: a stranger learns nothing about where the wish is.
    ['confirm', 'submitted', 'resident', 'WISH.NOT_RELATED'],
    ['rate', 'confirmed', 'citizen', 'WISH.NOT_RELATED'],
    ['disputeDelivery', 'delivered', 'beneficiary', 'no error'],
    ['disputeDelivery', 'delivered', 'gridWorker', 'no error'],
    ['disputeDelivery', 'delivered', 'member', 'WISH.NOT_RELATED'],
    ['disputeDelivery', 'delivered', 'otherGridWorker', 'WISH.NOT_RELATED'],
    ['disputeDelivery', 'delivered', 'admin', 'WISH.NOT_RELATED'],
    ['disputeDelivery', 'delivered', 'resident', 'WISH.NOT_RELATED'],
    ['disputeDelivery', 'confirmed', 'beneficiary', 'WISH.INVALID_TRANSITION'],
    ['disputeDelivery', 'lit', 'gridWorker', 'WISH.INVALID_TRANSITION'],
    ['publish', 'verified', 'admin', 'no error'],
    ['publish', 'verified', 'otherAdmin', 'AUTH.FORBIDDEN'],
    ['publish', 'verified', 'streetAdmin', 'AUTH.FORBIDDEN'],
    ['publish', 'verified', 'gridWorker', 'AUTH.FORBIDDEN'],
    ['publish', 'submitted', 'otherAdmin', 'AUTH.FORBIDDEN'],
    ['verify', 'submitted', 'gridWorker', 'no error'],
    ['verify', 'submitted', 'admin', 'no error'],
    ['verify', 'submitted', 'otherGridWorker', 'AUTH.FORBIDDEN'],
    ['verify', 'submitted', 'beneficiary', 'AUTH.FORBIDDEN'],
    ['revokeClaim', 'lit', 'gridWorker', 'AUTH.FORBIDDEN'],
    ['revokeClaim', 'lit', 'member', 'AUTH.FORBIDDEN'],
    ['autoRelease', 'lit', 'admin', 'AUTH.FORBIDDEN'],
    ['autoRelease', 'lit', 'system', 'no error'],
    ['submit', 'draft', 'beneficiary', 'no error'],
    ['submit', 'draft', 'otherGridWorker', 'AUTH.FORBIDDEN'],
    ['resubmit', 'rejected', 'resident', 'AUTH.FORBIDDEN'],
    ['takeDown', 'published', 'gridWorker', 'AUTH.FORBIDDEN'],
  ]
  test.each(cases)('%s on a %s wish by %s → %s', (verb, state, who, code) => {
    expect(codeOf(() => planTransition(wishIn(state), verb, P[who], DOER[verb][1], { now: NOW }))).toBe(code)
  })

  test('nobody lights their own wish: not its beneficiary, not its writer, whatever their roles', () => {
    const beneficiaryCitizen = user('u-bene', '王秀英', [{ kind: 'caring_citizen' }])
    const writerMember = user('u-grid', '张网格', [{ kind: 'grid_worker', scopeId: 'g-1' }, { kind: 'member', scopeId: 'm-1' }])
    expect(codeOf(() => authorizeVerb(wishIn('published'), 'light', beneficiaryCitizen))).toBe('WISH.OWN_WISH')
    expect(codeOf(() => authorizeVerb(wishIn('published'), 'light', writerMember))).toBe('WISH.OWN_WISH')
    // Own wish is checked before the state: it is never theirs to light.
    expect(codeOf(() => planTransition(wishIn('lit'), 'light', beneficiaryCitizen, {}, { now: NOW }))).toBe('WISH.OWN_WISH')
    const selfWritten = wishIn('published', { author: { userId: 'u-resident', name: '孙居民', as: 'beneficiary' } })
    expect(codeOf(() => authorizeVerb(selfWritten, 'light', user('u-resident', '孙居民', [{ kind: 'member', scopeId: 'm-1' }])))).toBe('WISH.OWN_WISH')
  })

  test('a beneficiary without an account is confirmed for only by the grid worker', () => {
    const noAccount = wishIn('delivered', { beneficiary: { ...wishIn('delivered').beneficiary, userId: undefined } })
    expect(codeOf(() => planTransition(noAccount, 'confirm', P.beneficiary, {}, { now: NOW }))).toBe('WISH.NOT_RELATED')
    expect(codeOf(() => planTransition(noAccount, 'confirm', P.gridWorker, {}, { now: NOW }))).toBe('no error')
  })
})

describe('input checks of the verbs', () => {
  test.each([
    [undefined, 'WISH.REASON_REQUIRED'],
    ['', 'WISH.REASON_REQUIRED'],
    ['  好 ', 'WISH.REASON_REQUIRED'],
    ['不符', 'no error'],
    ['很'.repeat(200), 'no error'],
    ['很'.repeat(201), 'WISH.TEXT_TOO_LONG'],
  ])('a reason of %p → %s', (reason, code) => {
    for (const [verb, state] of [['reject', 'submitted'], ['takeDown', 'published'], ['revokeClaim', 'lit']] as const) {
      expect(codeOf(() => planTransition(wishIn(state), verb, P.admin, { reason }, { now: NOW }))).toBe(code)
    }
  })

  test('verifying needs the visit: a note and a time not in the future', () => {
    const wish = wishIn('submitted')
    expect(codeOf(() => planTransition(wish, 'verify', P.gridWorker, {}, { now: NOW }))).toBe('WISH.VISIT_REQUIRED')
    expect(codeOf(() => planTransition(wish, 'verify', P.gridWorker, { visit: { at: NOW, note: '' } }, { now: NOW }))).toBe('WISH.TEXT_EMPTY')
    expect(codeOf(() => planTransition(wish, 'verify', P.gridWorker, { visit: { at: new Date(NOW.getTime() + 1), note: '属实' } }, { now: NOW }))).toBe('WISH.VISIT_REQUIRED')
    expect(codeOf(() => planTransition(wish, 'verify', P.gridWorker, { visit: { at: new Date('nonsense'), note: '属实' } }, { now: NOW }))).toBe('WISH.VISIT_REQUIRED')
    expect(codeOf(() => planTransition(wish, 'verify', P.gridWorker, { visit: { at: NOW, note: '属实' } }, { now: NOW }))).toBe('no error')
  })

  test('publishing needs the consent and the visit; service hours are half hours from 0.5 to 24', () => {
    expect(codeOf(() => planTransition(wishIn('verified', { consent: null }), 'publish', P.admin, {}, { now: NOW }))).toBe('WISH.CONSENT_REQUIRED')
    expect(codeOf(() => planTransition(wishIn('verified', { visit: null }), 'publish', P.admin, {}, { now: NOW }))).toBe('WISH.VISIT_REQUIRED')
    for (const [hours, code] of [[0.5, 'no error'], [24, 'no error'], [0, 'REQUEST.INVALID'], [0.3, 'REQUEST.INVALID'], [24.5, 'REQUEST.INVALID'], [Number.NaN, 'REQUEST.INVALID']] as const) {
      expect(codeOf(() => planTransition(wishIn('verified'), 'publish', P.admin, { serviceHours: hours }, { now: NOW }))).toBe(code)
    }
  })

  test('delivering needs one to three good photos', () => {
    const lit = wishIn('lit')
    const deliver = (photos: VerbInput['photos']) => codeOf(() => planTransition(lit, 'deliver', P.member, { photos }, { now: NOW }))
    expect(deliver(undefined)).toBe('WISH.PHOTO_REQUIRED')
    expect(deliver([])).toBe('WISH.PHOTO_REQUIRED')
    expect(deliver([photo(1), photo(2), photo(3)])).toBe('no error')
    expect(deliver([photo(1), photo(2), photo(3), photo(4)])).toBe('WISH.TOO_MANY_PHOTOS')
    expect(deliver([{ fileId: 'cloud://x.pdf', mime: 'application/pdf', bytes: 1000 }])).toBe('WISH.BAD_PHOTO')
    expect(codeOf(() => planTransition(lit, 'deliver', P.member, { photos: [photo(1)], note: '好'.repeat(201) }, { now: NOW }))).toBe('WISH.TEXT_TOO_LONG')
  })

  test.each([
    [1, 'no error'],
    [5, 'no error'],
    [3, 'no error'],
    [0, 'WISH.BAD_RATING'],
    [6, 'WISH.BAD_RATING'],
    [3.5, 'WISH.BAD_RATING'],
    ['5', 'WISH.BAD_RATING'],
    [undefined, 'WISH.BAD_RATING'],
  ])('a rating of %p → %s', (stars, code) => {
    expect(codeOf(() => checkRating(stars))).toBe(code)
    expect(codeOf(() => planTransition(wishIn('confirmed'), 'rate', P.beneficiary, { stars: stars as number }, { now: NOW }))).toBe(code)
  })

  test.each([
    ['image/jpeg', 1, 'no error'],
    ['image/png', PHOTO_MAX_BYTES, 'no error'],
    ['image/webp', 1000, 'no error'],
    ['image/jpeg', PHOTO_MAX_BYTES + 1, 'WISH.BAD_PHOTO'],
    ['image/jpeg', 0, 'WISH.BAD_PHOTO'],
    ['image/gif', 1000, 'WISH.BAD_PHOTO'],
    ['image/svg+xml', 1000, 'WISH.BAD_PHOTO'],
    ['application/pdf', 1000, 'WISH.BAD_PHOTO'],
    ['text/plain', 10, 'WISH.BAD_PHOTO'],
  ])('a photo of type %s and %d bytes → %s', (mime, bytes, code) => {
    expect(codeOf(() => checkPhoto({ mime, bytes }))).toBe(code)
  })

  test('the photo messages say what is wrong in Chinese', () => {
    expect(errorOf(() => checkPhoto({ mime: 'application/pdf', bytes: 10 })).message).toBe('只能上传 JPG、PNG 或 WebP 格式的照片')
    expect(errorOf(() => checkPhoto({ mime: 'image/jpeg', bytes: PHOTO_MAX_BYTES + 1 })).message).toBe('照片不能超过5MB')
    expect(errorOf(() => checkPhotos([photo(), photo(), photo(), photo(), photo(), photo(), photo()], 6, false)).message).toBe('照片最多6张')
  })
})

describe('the text of a wish', () => {
  const beneficiary = wishIn('submitted').beneficiary
  const ok = { title: '想要一台点读机', details: '孩子在家没人辅导功课，想要一台点读机。', estimatedValue: 300, category: '留守儿童' }

  test.each([
    ['title', '', 'WISH.TEXT_EMPTY', '请填写心愿标题'],
    ['title', '   ', 'WISH.TEXT_EMPTY', '请填写心愿标题'],
    ['title', '书', 'WISH.TEXT_EMPTY', '心愿标题至少写2个字'],
    ['title', '书包', 'no error', ''],
    ['title', '好'.repeat(30), 'no error', ''],
    ['title', '好'.repeat(31), 'WISH.TEXT_TOO_LONG', '心愿标题不能超过30个字'],
    // Characters as people count them: 30 emoji are 30, not 60.
    ['title', '🎁'.repeat(30), 'no error', ''],
    ['details', '想要', 'WISH.TEXT_EMPTY', '心愿详情至少写5个字'],
    ['details', '好'.repeat(500), 'no error', ''],
    ['details', '好'.repeat(501), 'WISH.TEXT_TOO_LONG', '心愿详情不能超过500个字'],
  ] as const)('%s %p → %s', (field, value, code, message) => {
    const input = { ...ok, [field]: value }
    expect(codeOf(() => checkContent(input, beneficiary))).toBe(code)
    if (code !== 'no error') {
      const e = errorOf(() => checkContent(input, beneficiary))
      expect(e.message).toBe(message)
      expect(e.details).toMatchObject({ field })
    }
  })

  test.each([
    [1, 'no error'],
    [2000, 'no error'],
    [0, 'WISH.VALUE_OUT_OF_RANGE'],
    [-5, 'WISH.VALUE_OUT_OF_RANGE'],
    [2001, 'WISH.VALUE_OUT_OF_RANGE'],
    [99.5, 'WISH.VALUE_OUT_OF_RANGE'],
    ['300', 'WISH.VALUE_OUT_OF_RANGE'],
    [Number.POSITIVE_INFINITY, 'WISH.VALUE_OUT_OF_RANGE'],
  ])('an estimated value of %p yuan → %s', (value, code) => {
    expect(codeOf(() => checkValue(value))).toBe(code)
  })

  test.each<[string | undefined, string]>([...WISH_CATEGORIES.map((c): [string, string] => [c, 'no error']), ['孤寡', 'WISH.BAD_CATEGORY'], ['', 'WISH.BAD_CATEGORY'], [undefined, 'WISH.BAD_CATEGORY']])('category %p → %s', (category, code) => {
    expect(codeOf(() => checkContent({ ...ok, category }, beneficiary))).toBe(code)
  })

  test.each([
    ['title', '王秀英想要轮椅', ['name']],
    ['title', '轮椅 13812341234', ['phone']],
    ['title', '轮椅 138-1234-1234', ['phone']],
    ['details', '有事打她电话13812341234或者座机0755-12345678', ['phone']],
    ['details', '请送到3栋2单元501，老人行动不便', ['address']],
    ['details', '联系人王秀英，电话13812341234', ['phone', 'name']],
  ] as const)('%s %p carries private data → WISH.PRIVATE_INFO', (field, text, kinds) => {
    const e = errorOf(() => checkContent({ ...ok, [field]: text }, beneficiary))
    expect(e.code).toBe('WISH.PRIVATE_INFO')
    expect(e.details).toEqual({ field, kinds })
    expect(e.message).toMatch(/不能写受助人的/)
  })

  test('a familiar form of address is fine: 王奶奶 is not a full name', () => {
    expect(codeOf(() => checkContent({ ...ok, title: '王奶奶想要一台收音机' }, beneficiary))).toBe('no error')
  })

  test('checkText trims and counts characters', () => {
    expect(checkText('title', '  点读机  ')).toBe('点读机')
    expect(codeOf(() => checkText('thanks', ''))).toBe('no error')
  })
})

describe('editing during review', () => {
  test('the community edits in review only, with the same checks, recorded as an edit', () => {
    const change = planEdit(wishIn('verified'), P.admin, { title: '想要一台折叠轮椅', category: '残疾家庭' }, { now: NOW })
    expect(change.set.title).toBe('想要一台折叠轮椅')
    expect(change.set.beneficiary?.category).toBe('残疾家庭')
    expect(change.entry).toMatchObject({ verb: 'edit', from: 'verified', to: 'verified', by: 'u-admin' })
    expect(codeOf(() => planEdit(wishIn('published'), P.admin, { title: '新标题' }, { now: NOW }))).toBe('WISH.INVALID_TRANSITION')
    expect(codeOf(() => planEdit(wishIn('verified'), P.gridWorker, { title: '新标题' }, { now: NOW }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(() => planEdit(wishIn('verified'), P.otherAdmin, { title: '新标题' }, { now: NOW }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(() => planEdit(wishIn('submitted'), P.admin, { title: '王秀英的轮椅' }, { now: NOW }))).toBe('WISH.PRIVATE_INFO')
  })
})

// ---------------------------------------------------------------------------------------------

describe('automatic release of overdue claims', () => {
  const litAt = new Date('2026-11-01T20:30:00+08:00')
  const lit = (state: WishState = 'lit') => wishIn(state, { claim: { userId: 'u-member', name: '周党员', kind: 'member', at: litAt } })
  const at = (ms: number) => new Date(litAt.getTime() + ms)

  test.each([
    ['just lit', 0, false],
    ['a day later', DAY, false],
    ['1 ms before the deadline', 7 * DAY - 1, false],
    ['at the deadline', 7 * DAY, false],
    ['1 ms after the deadline', 7 * DAY + 1, true],
    ['a month later', 30 * DAY, true],
  ])('default 7 days, %s', (_label, offset, overdue) => {
    expect(isClaimOverdue(lit(), at(offset), DEFAULT_WISH_SETTINGS)).toBe(overdue)
  })

  test('the deadline follows the setting; only lit wishes are ever overdue', () => {
    const three = { claimReleaseDays: 3, hoursPerWish: 2 }
    expect(claimDeadline(lit().claim!, three)).toEqual(at(3 * DAY))
    expect(isClaimOverdue(lit(), at(3 * DAY + 1), three)).toBe(true)
    expect(isClaimOverdue(lit(), at(3 * DAY + 1), DEFAULT_WISH_SETTINGS)).toBe(false)
    for (const state of WISH_STATES.filter((s) => s !== 'lit')) expect(isClaimOverdue(lit(state), at(365 * DAY))).toBe(false)
    expect(isClaimOverdue(wishIn('lit', { claim: null }), at(365 * DAY))).toBe(false)
  })

  test('the database cutoff is the same rule: overdue ⇔ lit and claim.at < cutoff', () => {
    for (const offset of [0, DAY, 7 * DAY - 1, 7 * DAY, 7 * DAY + 1, 8 * DAY]) {
      const now = at(offset)
      expect(isClaimOverdue(lit(), now)).toBe(litAt.getTime() < releaseCutoff(now).getTime())
    }
  })

  test('releaseDue picks the overdue ones, oldest first, each with its release and the claimer to tell', () => {
    const now = new Date('2026-11-22T10:00:00+08:00')
    const claimAt = (id: string, days: number, state: WishState = 'lit') =>
      wishIn(state, { _id: id, claim: { userId: `c-${id}`, name: '某人', kind: 'member', at: new Date(now.getTime() - days * DAY) } })
    const due = releaseDue([claimAt('a', 8), claimAt('b', 6), claimAt('c', 20), claimAt('d', 30, 'delivered'), claimAt('e', 7)], now, DEFAULT_WISH_SETTINGS, 'timer-1')
    expect(due.map((d) => d.id)).toEqual(['c', 'a'])
    expect(due[0].claimerId).toBe('c-c')
    expect(due[0].change).toMatchObject({ from: 'lit', to: 'published', set: { state: 'published', claim: null }, notify: ['c-c'] })
    expect(due[0].change.entry).toMatchObject({ verb: 'autoRelease', by: 'system', op: 'timer-1', claimerId: 'c-c' })
  })

  test('a stamped deadline wins over the setting: changing the setting does not move a claim already made', () => {
    const stamped = wishIn('lit', { claim: { userId: 'u-member', name: '周党员', kind: 'member', at: litAt, releaseAt: at(10 * DAY) } })
    const three = { claimReleaseDays: 3, hoursPerWish: 2 }
    expect(claimDeadline(stamped.claim!, three)).toEqual(at(10 * DAY))
    expect(isClaimOverdue(stamped, at(9 * DAY), three)).toBe(false)
    expect(isClaimOverdue(stamped, at(10 * DAY + 1), three)).toBe(true)
    expect(claimDays(stamped.claim!, three)).toBe(10)
    expect(claimDays(lit().claim!, three)).toBe(3)
    const auto = planTransition(stamped, 'autoRelease', SYSTEM_CALLER, {}, { now: at(11 * DAY), settings: three })
    expect(auto.entry.reason).toBe('超过10天未送达，系统自动释放')
  })

  test('a community\'s stored settings, else the defaults', () => {
    expect(wishSettingsOf(null)).toEqual(DEFAULT_WISH_SETTINGS)
    expect(wishSettingsOf({})).toEqual(DEFAULT_WISH_SETTINGS)
    expect(wishSettingsOf({ wishSettings: { claimReleaseDays: 3, hoursPerWish: 1.5 } })).toEqual({ claimReleaseDays: 3, hoursPerWish: 1.5 })
  })

  test.each([
    [{ claimReleaseDays: 1, hoursPerWish: 0.5 }, null],
    [{ claimReleaseDays: 90, hoursPerWish: 24 }, null],
    [{ claimReleaseDays: 0, hoursPerWish: 2 }, 'claimReleaseDays'],
    [{ claimReleaseDays: 91, hoursPerWish: 2 }, 'claimReleaseDays'],
    [{ claimReleaseDays: 2.5, hoursPerWish: 2 }, 'claimReleaseDays'],
    [{ claimReleaseDays: Number.NaN, hoursPerWish: 2 }, 'claimReleaseDays'],
    [{ claimReleaseDays: 7, hoursPerWish: 0 }, 'hoursPerWish'],
    [{ claimReleaseDays: 7, hoursPerWish: 1.25 }, 'hoursPerWish'],
    [{ claimReleaseDays: 7, hoursPerWish: 24.5 }, 'hoursPerWish'],
  ])('setting bounds: %j → %s', (settings, field) => {
    // Publishing's hours for one wish obey the same bounds as the community's hours per wish.
    expect(codeOf(() => checkServiceHours(settings.hoursPerWish))).toBe(field === 'hoursPerWish' ? 'REQUEST.INVALID' : 'no error')
    // The shared schema (what the page and the function check) refuses exactly these, naming the field.
    const checked = validate(wishSettingsInput, settings)
    expect(checked.ok).toBe(field === null)
    if (!checked.ok) expect(checked.issues[0]).toEqual({ path: field, message: WISH_SETTING_BOUNDS[field as 'hoursPerWish'].message })
  })
})

describe('the wall', () => {
  test.each([
    [[], { reviewed: 0, lit: 0, done: 0 }],
    [['draft', 'submitted', 'verified', 'rejected', 'taken_down'], { reviewed: 0, lit: 0, done: 0 }],
    [['published'], { reviewed: 1, lit: 0, done: 0 }],
    [['lit', 'delivered'], { reviewed: 2, lit: 2, done: 0 }],
    [['confirmed', 'rated'], { reviewed: 2, lit: 2, done: 2 }],
    [[...WISH_STATES], { reviewed: 5, lit: 4, done: 2 }],
  ] as Array<[WishState[], object]>)('%p → %p', (states, counts) => {
    expect(wallCounts(states.map((state) => ({ state })))).toEqual(counts)
  })

  test('a tally per state (one $group) gives the same counts as the wishes themselves', () => {
    const states: WishState[] = ['published', 'published', 'lit', 'rated', 'taken_down', 'confirmed', 'delivered', 'submitted']
    const tally = WISH_STATES.map((state) => ({ state, n: states.filter((s) => s === state).length }))
    expect(wallCounts(tally)).toEqual(wallCounts(states.map((state) => ({ state }))))
    expect(wallCounts(tally)).toEqual({ reviewed: 6, lit: 4, done: 2 })
  })

  test('the filters split the wall without overlap, and the progress words match them', () => {
    const filtered = Object.values(WALL_FILTERS).flatMap((f) => [...f.states])
    expect(filtered.sort()).toEqual(WISH_STATES.filter(isOnWall).sort())
    for (const f of Object.values(WALL_FILTERS)) for (const s of f.states) expect(progressLabel(s)).toBe(s === 'delivered' ? '已送达' : f.label)
  })
})

describe('wall placement', () => {
  test.each(WISH_STATES)('%s: on the wall exactly when isOnWall, in the tab whose filter lists it', (state) => {
    const placement = wallPlacement(state)
    expect(placement.onWall).toBe(isOnWall(state))
    const tabs = (Object.keys(WALL_FILTERS) as (keyof typeof WALL_FILTERS)[]).filter((t) => (WALL_FILTERS[t].states as readonly WishState[]).includes(state))
    expect(placement.wallTab).toBe(tabs[0] ?? null)
    expect(tabs.length).toBeLessThanOrEqual(1)
    // Every tab is on the wall; nothing off the wall has a tab.
    if (placement.wallTab) expect(placement.onWall).toBe(true)
    expect(wallTabOf(state)).toBe(placement.wallTab)
  })

  test('publishing stamps publishedAt once: a wish published again keeps its first time', () => {
    const first = planTransition(wishIn('verified'), 'publish', P.admin, {}, { now: NOW })
    expect(first.set.publishedAt).toBe(NOW)
    const earlier = new Date(NOW.getTime() - DAY)
    const again = planTransition(wishIn('verified', { publishedAt: earlier }), 'publish', P.admin, {}, { now: NOW })
    expect(again.set.publishedAt).toBe(earlier)
  })
})

describe('service hours', () => {
  test('a confirmed wish credits its member claimer once: hours from the review, else the setting', () => {
    expect(serviceHoursCredit(wishIn('confirmed'))).toEqual({
      userId: 'u-member',
      hours: 2,
      source: { kind: 'wish', id: 'w-1' },
      // When the service was given (delivery), not when it was confirmed.
      at: wishIn('confirmed').delivery!.at,
    })
    expect(serviceHoursCredit(wishIn('confirmed', { delivery: null }))?.at).toEqual(wishIn('confirmed').confirmation!.at)
    for (const hours of [0.5, 2, 24]) expect(validCreditHours(serviceHoursCredit(wishIn('confirmed', { serviceHours: hours }))!.hours)).toBe(true)
    expect(serviceHoursCredit(wishIn('confirmed'), { claimReleaseDays: 7, hoursPerWish: 1.5 })?.hours).toBe(1.5)
    expect(serviceHoursCredit(wishIn('confirmed', { serviceHours: 4 }), { claimReleaseDays: 7, hoursPerWish: 1.5 })?.hours).toBe(4)
    // Rating later changes nothing: the same source and person, which the ledger's unique index keeps to one row.
    expect(serviceHoursCredit(wishIn('rated'))).toEqual(serviceHoursCredit(wishIn('confirmed')))
  })

  test('no credit before confirmation, nor for a caring citizen', () => {
    for (const state of WISH_STATES.filter((s) => !isDone(s))) expect(serviceHoursCredit(wishIn(state))).toBeNull()
    expect(serviceHoursCredit(wishIn('confirmed', { claim: { userId: 'u-citizen', name: '郑爱心', kind: 'caring_citizen', at: NOW } }))).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------

describe('sharing a wish', () => {
  const secrets = {
    name: '王秀英',
    phone: '13812341234',
    contactPhone: '13900009999',
    room: '2单元501',
    building: '3栋',
    photo: 'cloud://env/wish/1.jpg',
    deliveryPhoto: 'cloud://env/wish/9.jpg',
    beneficiaryId: 'u-bene',
    openidLike: 'u-member',
  }

  /** Every field of a card, as the image and the chat would show it. */
  const flat = (card: ReturnType<typeof wishShareCard>) => JSON.stringify(card)

  function expectClean(card: ReturnType<typeof wishShareCard>) {
    const text = flat(card)
    for (const value of Object.values(secrets)) expect(text).not.toContain(value)
    // Not even part of the phone: any 7 consecutive digits of it.
    for (let i = 0; i + 7 <= secrets.phone.length; i++) expect(text).not.toContain(secrets.phone.slice(i, i + 7))
  }

  test('carries exactly the wish id, title, category, community, masked beneficiary and progress', () => {
    const card = wishShareCard(wishIn('published'), { name: '北门社区' })
    expect(card).toEqual({
      title: '点亮微心愿：想要一台新轮椅',
      path: '/packages/wishes/pages/detail/index?id=w-1&from=share',
      imageFields: { title: '想要一台新轮椅', category: '孤寡老人', communityName: '北门社区', beneficiary: '王**（孤寡老人）', progress: '待点亮', action: '点亮这个心愿' },
    })
    expectClean(card)
  })

  test.each(WISH_STATES.map((s) => [s]))('a %s wish shares nothing private', (state) => {
    const card = wishShareCard(wishIn(state), { name: '北门社区' })
    expectClean(card)
    expect(card.imageFields.progress).toBe(progressLabel(state))
  })

  // Smuggling attempts: a title written before the intake check, or edited around it.
  test.each([
    ['the full name in the title', '王秀英想要轮椅', '王**想要轮椅'],
    ['the phone in the title', '轮椅，电话13812341234', '轮椅，电话138****1234'],
    ['the phone spaced out', '轮椅 138 1234 1234', '轮椅 138****1234'],
    ['the phone in full-width digits', '轮椅１３８１２３４１２３４', '轮椅138****1234'],
    ['the address in the title', '3栋2单元501要轮椅', '******要轮椅'],
    ['everything at once', '王秀英3栋2单元501电话13812341234', '王********电话138****1234'],
  ])('%s is masked in the title and the image', (_what, title, shown) => {
    const card = wishShareCard(wishIn('published', { title }), { name: '北门社区' })
    expect(card.imageFields.title).toBe(shown)
    expect(card.title).toBe(`点亮微心愿：${shown}`)
    expectClean(card)
  })

  test('fields added to the record never reach the card: it is built from a list, not a spread', () => {
    const wish = { ...wishIn('published'), address: '龙城街道北门社区3栋2单元501', beneficiaryPhoto: 'cloud://env/face.jpg', idCard: '441324195001011234' } as WishRecord
    const text = flat(wishShareCard(wish, { name: '北门社区', phone: '13812341234' } as { name: string }))
    expect(text).not.toContain('face.jpg')
    expect(text).not.toContain('441324')
    expect(text).not.toContain('龙城街道北门社区3栋')
    expectClean(wishShareCard(wish, { name: '北门社区' }))
  })

  test('the path carries only the id, escaped; the action changes once lit', () => {
    expect(wishShareCard(wishIn('published', { _id: 'a&phone=13812341234' }), { name: '北门社区' }).path).toBe(
      '/packages/wishes/pages/detail/index?id=a%26phone%3D13812341234&from=share',
    )
    expect(wishShareCard(wishIn('lit'), { name: '北门社区' }).imageFields.action).toBe('查看这个心愿')
  })

  test.each([
    ['a database id (32 hex)', '188c49e8be0c66d3ab7cd9d0e8097edf'],
    ['all zeros', '00000000000000000000000000000000'],
    ['all f', 'ffffffffffffffffffffffffffffffff'],
    ['a demo id', 'wish-reading-pen'],
    ['30 characters', '0123456789abcdef0123456789abcd'],
  ])('the poster code encodes %s in at most 32 characters and reads back', (_name, id) => {
    const scene = wishQrScene(id)
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(scene).toMatch(/^[0-9A-Za-z:_-]+$/)
    expect(wishIdFromScene(scene)).toBe(id)
  })

  test('scenes that are not a wish\'s name nothing', () => {
    for (const scene of ['c:org-beimen', 'reg:abc', 'W:short', 'W:!!!!!!!!!!!!!!!!!!!!!!', 'w:', '']) expect(wishIdFromScene(scene)).toBeNull()
    expect(() => wishQrScene('x'.repeat(31))).toThrow()
  })
})

// ---------------------------------------------------------------------------------------------

describe('offline intake', () => {
  test.each([
    ['k3f9a2b1c-17', true],
    ['abcdEFGH-1', true],
    ['A'.repeat(32) + '-9999999999', true],
    ['0f8c1e2d-4b6a-4c3e-9a1b-2c3d4e5f6a7b', true],
    ['Vq3_x-9LmN2pRt7Z', true],
    ['k3f9a2b1c-0', false],
    ['k3f9a2b1c-01', false],
    ['short-1', false],
    ['k3f9 a2b1c-17', false],
    ['k3f9a2b1c-17;drop', false],
    ['短键值短键值短键值短键值短键值短键值', false],
    ['', false],
    [17, false],
    [null, false],
  ])('%p is a key: %p', (key, ok) => {
    expect(isIntakeKey(key)).toBe(ok)
  })

  test('keys are made from the device id and a counter', () => {
    expect(intakeKey('k3f9a2b1c', 17)).toBe('k3f9a2b1c-17')
    expect(codeOf(() => intakeKey('dev', 1))).toBe('WISH.BAD_KEY')
    expect(codeOf(() => intakeKey('k3f9a2b1c', 0))).toBe('WISH.BAD_KEY')
  })

  const intake: WishIntake = {
    title: ' 想要一台点读机 ',
    details: '孩子在家没人辅导功课，想要一台点读机。',
    estimatedValue: 300,
    category: '留守儿童',
    beneficiaryName: '李小明',
    beneficiaryPhone: '13700001111',
    buildingId: 'b-1',
    room: '1单元202',
    photos: [photo(1)],
    consent: { method: 'verbal', at: NOW },
  }
  const ctx = {
    key: 'k3f9a2b1c-17',
    author: { userId: 'u-grid', name: '张网格', as: 'grid_worker' as const },
    contact: { userId: 'u-grid', name: '张网格' },
    community: { id: 'm-1', name: '北门社区' },
    building: { id: 'b-1', name: '3栋', lineage: LINEAGE },
    now: NOW,
    op: 'op-9',
  }

  test('a submission becomes a submitted wish with its first history entry', () => {
    const wish = newWish(intake, ctx)
    expect(wish).toMatchObject({
      state: 'submitted',
      title: '想要一台点读机',
      lineage: LINEAGE,
      intakeKey: 'k3f9a2b1c-17',
      beneficiary: { name: '李小明', phone: '13700001111', category: '留守儿童', buildingId: 'b-1', buildingName: '3栋', room: '1单元202' },
      consent: { method: 'verbal', at: NOW, recordedBy: 'u-grid' },
      claim: null,
      visit: null,
    })
    expect(wish.history).toEqual([{ verb: 'submit', from: 'draft', to: 'submitted', by: 'u-grid', byName: '张网格', at: NOW, op: 'op-9' }])
  })

  test.each([
    [{ title: '' }, 'WISH.TEXT_EMPTY'],
    [{ details: '好'.repeat(501) }, 'WISH.TEXT_TOO_LONG'],
    [{ title: '李小明想要点读机' }, 'WISH.PRIVATE_INFO'],
    [{ details: '放学后打13700001111找他，在家里等' }, 'WISH.PRIVATE_INFO'],
    [{ estimatedValue: 5000 }, 'WISH.VALUE_OUT_OF_RANGE'],
    [{ category: '学生' }, 'WISH.BAD_CATEGORY'],
    [{ photos: [{ fileId: 'cloud://x', mime: 'video/mp4', bytes: 100 }] }, 'WISH.BAD_PHOTO'],
    [{ photos: Array.from({ length: 7 }, (_, i) => photo(i)) }, 'WISH.TOO_MANY_PHOTOS'],
    [{ consent: null }, 'WISH.CONSENT_REQUIRED'],
    [{ beneficiaryName: '李' }, 'WISH.TEXT_EMPTY'],
    [{ beneficiaryPhone: '12345' }, 'REQUEST.INVALID'],
  ] as Array<[Partial<WishIntake>, string]>)('%p → %s', (patch, code) => {
    expect(codeOf(() => newWish({ ...intake, ...patch }, ctx))).toBe(code)
  })

  test('a bad key is refused before anything else', () => {
    expect(codeOf(() => newWish({ ...intake, title: '' }, { ...ctx, key: 'nope' }))).toBe('WISH.BAD_KEY')
  })

  test('a replay gets the first result back; never another author’s wish', () => {
    const stored = { _id: 'w-77', state: 'published' as const, author: ctx.author, intakeKey: 'k3f9a2b1c-17' }
    expect(replayResult(stored, 'u-grid', 'k3f9a2b1c-17')).toEqual({ id: 'w-77', state: 'published', replayed: true })
    expect(codeOf(() => replayResult(stored, 'u-other', 'k3f9a2b1c-17'))).toBe('WISH.NOT_FOUND')
    expect(codeOf(() => replayResult(stored, 'u-grid', 'k3f9a2b1c-18'))).toBe('WISH.NOT_FOUND')
  })
})
