import { isDomainError } from './errors'
import {
  FREE_TIME_SLOTS,
  HISTORY_VERB_LABELS,
  isLive,
  isPending,
  isRegistered,
  isRejected,
  LIVE_STATES,
  missingSteps,
  PENDING_STATES,
  nextState,
  placeLabel,
  stateAfterMove,
  REGISTRATION_STATE_LABELS,
  REGISTRATION_STATES,
  REGISTRATION_TRANSITIONS,
  registrationQrPayload,
  SKILL_TAGS,
  type RegistrationState,
  type RegistrationVerb,
} from './registration'

const VERBS = Object.keys(REGISTRATION_TRANSITIONS) as RegistrationVerb[]

// The lifecycle written out by hand, independently of the table it checks: state → verb → next.
const EXPECTED: Record<RegistrationState, Partial<Record<RegistrationVerb, RegistrationState>>> = {
  pending_unit: { confirmUnit: 'pending_community', rejectUnit: 'rejected', withdraw: 'withdrawn' },
  pending_community: { confirmCommunity: 'registered', rejectCommunity: 'rejected', withdraw: 'withdrawn' },
  // bind claims an imported registration: a step that keeps the state, and only from registered.
  registered: { withdraw: 'withdrawn', move: 'moved', bind: 'registered' },
  rejected: { resubmit: 'pending_unit' },
  moved: {},
  withdrawn: {},
}

describe('registration lifecycle', () => {
  test('the verbs are exactly these eight', () => {
    expect(VERBS.sort()).toEqual(['bind', 'confirmCommunity', 'confirmUnit', 'move', 'rejectCommunity', 'rejectUnit', 'resubmit', 'withdraw'])
    expect(Object.keys(EXPECTED).sort()).toEqual([...REGISTRATION_STATES].sort())
  })

  const pairs = REGISTRATION_STATES.flatMap((state) => VERBS.map((verb) => [state, verb] as const))
  test.each(pairs)('%s × %s', (state, verb) => {
    const expected = EXPECTED[state][verb]
    if (expected) {
      expect(nextState(state, verb)).toBe(expected)
      expect(REGISTRATION_TRANSITIONS[verb].to).toBe(expected)
      return
    }
    let thrown: unknown
    try {
      nextState(state, verb)
    } catch (e) {
      thrown = e
    }
    expect(isDomainError(thrown)).toBe(true)
    expect(thrown).toMatchObject({ code: 'REGISTRATION.INVALID_TRANSITION' })
    // The message names the current state in Chinese, so the person knows why.
    expect((thrown as Error).message).toContain(REGISTRATION_STATE_LABELS[state])
  })

  test('who performs each verb', () => {
    expect(Object.fromEntries(VERBS.map((v) => [v, REGISTRATION_TRANSITIONS[v].actor]))).toEqual({
      confirmUnit: 'unit_admin',
      rejectUnit: 'unit_admin',
      confirmCommunity: 'community_admin',
      rejectCommunity: 'community_admin',
      resubmit: 'self',
      withdraw: 'self',
      move: 'self',
      bind: 'self',
    })
  })

  test('only rejections need a reason', () => {
    expect(VERBS.filter((v) => REGISTRATION_TRANSITIONS[v].needsReason).sort()).toEqual(['rejectCommunity', 'rejectUnit'])
  })

  test('live and pending are exactly these states', () => {
    expect(REGISTRATION_STATES.filter(isLive)).toEqual(['pending_unit', 'pending_community', 'registered'])
    expect(REGISTRATION_STATES.filter(isPending)).toEqual(['pending_unit', 'pending_community'])
    expect(LIVE_STATES).toEqual(['pending_unit', 'pending_community', 'registered'])
    expect(PENDING_STATES).toEqual(['pending_unit', 'pending_community'])
    expect(REGISTRATION_STATES.filter(isRegistered)).toEqual(['registered'])
    expect(REGISTRATION_STATES.filter(isRejected)).toEqual(['rejected'])
  })

  test('nothing leads out of a closed registration, and every live one can be withdrawn', () => {
    for (const state of REGISTRATION_STATES.filter((s) => !isLive(s) && s !== 'rejected')) {
      expect(VERBS.filter((v) => REGISTRATION_TRANSITIONS[v].from.includes(state))).toEqual([])
    }
    for (const state of REGISTRATION_STATES.filter(isLive)) expect(nextState(state, 'withdraw')).toBe('withdrawn')
  })

  test('every state has a Chinese label and words for what is missing', () => {
    for (const state of REGISTRATION_STATES) {
      expect(REGISTRATION_STATE_LABELS[state]).toMatch(/^[\u4e00-\u9fa5]+$/)
      const missing = missingSteps(state)
      if (state === 'registered') expect(missing).toEqual([])
      else expect(missing.length).toBeGreaterThan(0)
      for (const step of missing) expect(step).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(missingSteps('pending_unit')).toEqual(['等待工作单位党组织确认', '等待社区党委确认'])
    expect(missingSteps('pending_community')).toEqual(['等待社区党委确认'])
    expect(REGISTRATION_STATE_LABELS.registered).toBe('已报到')
  })

  test('history verbs have labels', () => {
    for (const verb of [...VERBS, 'submit' as const, 'moveIn' as const, 'import' as const]) expect(HISTORY_VERB_LABELS[verb]).toMatch(/^[\u4e00-\u9fa5]+$/)
    expect(Object.keys(HISTORY_VERB_LABELS).sort()).toEqual([...VERBS, 'submit', 'moveIn', 'import'].sort())
    expect(HISTORY_VERB_LABELS.bind).toBe('本人认领导入的报到')
    expect(HISTORY_VERB_LABELS.import).toBe('批量导入')
  })

  test('bind is the only verb that keeps the state', () => {
    expect(VERBS.filter((v) => REGISTRATION_TRANSITIONS[v].from.includes(REGISTRATION_TRANSITIONS[v].to))).toEqual(['bind'])
  })

  describe('where a move starts the new registration', () => {
    const here = { unitId: 'unit-water-bureau', communityId: 'org-beimen' }
    test.each([
      ['a new home, same unit: the unit confirmed already', { unitId: 'unit-water-bureau', communityId: 'org-chengnan' }, 'pending_community'],
      ['a new unit, same home: the new unit vouches', { unitId: 'unit-water-co', communityId: 'org-beimen' }, 'pending_unit'],
      ['both new', { unitId: 'unit-water-co', communityId: 'org-chengnan' }, 'pending_unit'],
    ] as const)('%s', (_label, to, expected) => {
      expect(stateAfterMove(here, to)).toBe(expected)
    })

    test('the same unit and community is no move', () => {
      let thrown: unknown
      try {
        stateAfterMove(here, { ...here })
      } catch (e) {
        thrown = e
      }
      expect(isDomainError(thrown)).toBe(true)
      expect(thrown).toMatchObject({ code: 'REGISTRATION.SAME_PLACE', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    })

    test('a place reads community, building, unit', () => {
      expect(placeLabel({ unitName: '县水利局', communityName: '北门社区', buildingName: '北门花园2栋' })).toBe('北门社区 北门花园2栋 · 县水利局')
      expect(placeLabel({ unitName: '县水利局', communityName: '城南社区' })).toBe('城南社区 · 县水利局')
    })
  })

  test('the QR payload is the id and fits a mini-program code scene', () => {
    expect(registrationQrPayload('0123456789abcdef0123')).toBe('reg:0123456789abcdef0123')
    expect(registrationQrPayload('0123456789abcdef0123').length).toBeLessThanOrEqual(32)
  })

  test('skills and free-time slots are distinct Chinese words', () => {
    for (const list of [SKILL_TAGS, FREE_TIME_SLOTS]) {
      expect(new Set(list).size).toBe(list.length)
      for (const word of list) expect(word).toMatch(/^[\u4e00-\u9fa5]+$/)
    }
  })
})
