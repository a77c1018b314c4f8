import { DomainError } from '../errors'
import { holds } from '../lifecycle'
import type { RoleGrant } from '../roles'
import {
  availableProblemVerbs,
  checkReason,
  isProblemClosed,
  isProblemOpen,
  nextProblemState,
  planEscalation,
  planProblem,
  problemDeadline,
  PROBLEM_STATES,
  PROBLEM_TRANSITIONS,
  PROBLEM_VERBS,
  type ProblemArgs,
  type ProblemRecord,
  type ProblemState,
  type ProblemVerb,
  type ProblemViewer,
} from '.'

const codeOf = (f: () => unknown): string | null => {
  try {
    f()
    return null
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
}

const HOUR = 3_600_000
const NOW = new Date('2026-11-20T10:00:00+08:00')
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR)
const LINEAGE = ['county', 'street', 'beimen', 'garden', 'grid-1', 'b1']

const viewer = (userId: string, grants: RoleGrant[] = [], memberUnitId: string | null = null): ProblemViewer => ({ userId, name: userId, grants, memberUnitId })
const REPORTER = viewer('u-reporter')
const GRID = viewer('u-grid', [{ kind: 'grid_worker', scopeId: 'grid-1' }])
const BRANCH = viewer('u-branch', [{ kind: 'branch_admin', scopeId: 'garden' }])
const ADMIN = viewer('u-admin', [{ kind: 'community_admin', scopeId: 'beimen' }])
const OTHER_ADMIN = viewer('u-other', [{ kind: 'community_admin', scopeId: 'chengnan' }])
const UNIT = viewer('u-unit', [{ kind: 'unit_admin', scopeId: 'unit-water' }])
const MEMBER = viewer('u-member', [], 'unit-water')
const STREET = viewer('u-street', [{ kind: 'street_admin', scopeId: 'street' }])
const STRANGER = viewer('u-stranger')

const photo = { fileId: 'cloud://x/a.jpg', mime: 'image/jpeg', bytes: 100 }

function record(state: ProblemState, over: Partial<ProblemRecord> = {}): ProblemRecord {
  const assigned = state === 'assigned' || state === 'solved' || state === 'confirmed'
  return {
    _id: 'p1',
    state,
    stateSince: ago(1),
    category: '环境卫生',
    description: '垃圾没人清',
    placeNodeId: 'b1',
    placeName: '1栋',
    address: '东侧',
    lineage: LINEAGE,
    communityId: 'beimen',
    photos: [photo],
    reporterId: REPORTER.userId,
    reporterName: REPORTER.name,
    assignee: assigned ? { kind: 'unit', id: 'unit-water', name: '县水利局' } : null,
    dueAt: assigned ? new Date(NOW.getTime() + 24 * HOUR) : null,
    overdue: null,
    createdAt: ago(10),
    updatedAt: ago(1),
    history: [],
    ...over,
  }
}

/** Arguments that satisfy every verb's own checks. */
const GOOD: ProblemArgs = {
  now: NOW,
  reason: '已经处理过了',
  meeting: { attendees: ['张敏'], decision: '请水利局处理' },
  assignee: { kind: 'unit', id: 'unit-water', name: '县水利局' },
  dueAt: new Date(NOW.getTime() + 48 * HOUR),
  solution: { note: '好了', photos: [photo] },
}

/** Who performs each verb in the table (the one that should succeed). */
const PERFORMER: Record<ProblemVerb, ProblemViewer> = {
  holdMeeting: GRID,
  assign: ADMIN,
  solve: UNIT,
  confirm: REPORTER,
  reopen: REPORTER,
  dismiss: ADMIN,
}

describe('the table', () => {
  test.each(PROBLEM_VERBS.flatMap((verb) => PROBLEM_STATES.map((state) => [verb, state] as const)))('%s from %s: allowed exactly where the table says', (verb, state) => {
    const t = PROBLEM_TRANSITIONS[verb]
    // The unit's admin reads it in every state (an assignee kept from before), so only the table decides.
    const p = record(state, { assignee: { kind: 'unit', id: 'unit-water', name: '县水利局' } })
    const code = codeOf(() => planProblem(p, PERFORMER[verb], verb, GOOD))
    if (t.from.includes(state)) {
      expect(code).toBeNull()
      const plan = planProblem(p, PERFORMER[verb], verb, GOOD)
      expect(plan).toMatchObject({ from: state, to: t.to, set: { state: t.to, stateSince: NOW, overdue: null } })
      expect(plan.entries).toEqual([expect.objectContaining({ verb, from: state, to: t.to, by: PERFORMER[verb].userId, at: NOW })])
      expect(nextProblemState(state, verb)).toBe(t.to)
    } else {
      expect(code).toBe('PROBLEM.INVALID_TRANSITION')
      expect(codeOf(() => nextProblemState(state, verb))).toBe('PROBLEM.INVALID_TRANSITION')
    }
  })

  test('open and closed states', () => {
    expect(PROBLEM_STATES.filter(isProblemOpen)).toEqual(['reported', 'meeting_held', 'assigned'])
    expect(PROBLEM_STATES.filter(isProblemClosed)).toEqual(['confirmed', 'dismissed'])
  })
})

describe('who does what', () => {
  test.each<[ProblemVerb, ProblemState, ProblemViewer, string | null]>([
    ['holdMeeting', 'reported', GRID, null],
    ['holdMeeting', 'reported', BRANCH, null],
    ['holdMeeting', 'reported', ADMIN, null],
    ['holdMeeting', 'reported', REPORTER, 'AUTH.FORBIDDEN'],
    ['holdMeeting', 'reported', STREET, 'AUTH.FORBIDDEN'],
    ['holdMeeting', 'reported', OTHER_ADMIN, 'PROBLEM.NOT_FOUND'],
    ['holdMeeting', 'reported', STRANGER, 'PROBLEM.NOT_FOUND'],
    ['assign', 'meeting_held', GRID, 'AUTH.FORBIDDEN'],
    ['assign', 'meeting_held', BRANCH, 'AUTH.FORBIDDEN'],
    ['solve', 'assigned', ADMIN, 'PROBLEM.NOT_ASSIGNEE'],
    ['solve', 'assigned', MEMBER, 'PROBLEM.NOT_FOUND'],
    ['confirm', 'solved', ADMIN, null],
    ['confirm', 'solved', UNIT, 'AUTH.FORBIDDEN'],
    ['reopen', 'solved', ADMIN, null],
    ['reopen', 'solved', GRID, 'AUTH.FORBIDDEN'],
    ['dismiss', 'reported', GRID, 'AUTH.FORBIDDEN'],
    ['dismiss', 'meeting_held', REPORTER, 'AUTH.FORBIDDEN'],
  ])('%s from %s by %o', (verb, state, v, code) => {
    expect(codeOf(() => planProblem(record(state), v, verb, GOOD))).toBe(code)
  })

  test('no such problem is PROBLEM.NOT_FOUND', () => {
    expect(codeOf(() => planProblem(null, ADMIN, 'dismiss', GOOD))).toBe('PROBLEM.NOT_FOUND')
  })

  test('a member assignee solves; a community assignee is its admin', () => {
    const toMember = record('assigned', { assignee: { kind: 'member', id: MEMBER.userId, name: '李建国' } })
    expect(codeOf(() => planProblem(toMember, MEMBER, 'solve', GOOD))).toBeNull()
    expect(codeOf(() => planProblem(toMember, UNIT, 'solve', GOOD))).toBe('PROBLEM.NOT_FOUND')
    const toCommunity = record('assigned', { assignee: { kind: 'community', id: 'beimen', name: '北门社区' } })
    expect(codeOf(() => planProblem(toCommunity, ADMIN, 'solve', GOOD))).toBeNull()
  })

  test('the buttons: the verbs the viewer may do from here', () => {
    expect(availableProblemVerbs(record('reported'), GRID)).toEqual(['holdMeeting'])
    expect(availableProblemVerbs(record('reported'), ADMIN)).toEqual(['holdMeeting', 'dismiss'])
    expect(availableProblemVerbs(record('meeting_held'), ADMIN)).toEqual(['assign', 'dismiss'])
    expect(availableProblemVerbs(record('assigned'), UNIT)).toEqual(['solve'])
    expect(availableProblemVerbs(record('solved'), REPORTER)).toEqual(['confirm', 'reopen'])
    expect(availableProblemVerbs(record('confirmed'), ADMIN)).toEqual([])
    expect(availableProblemVerbs(record('reported'), REPORTER)).toEqual([])
  })

  test('the reporter and the assignee are pinned in the write', () => {
    const confirm = planProblem(record('solved'), REPORTER, 'confirm', GOOD)
    expect(confirm.conditions).toEqual([{ reporterId: REPORTER.userId }])
    const solve = planProblem(record('assigned'), UNIT, 'solve', GOOD)
    expect(solve.conditions).toEqual([{ 'assignee.id': 'unit-water' }])
    expect(holds(record('assigned', { assignee: { kind: 'unit', id: 'other', name: 'x' } }), solve.conditions[0])).toBe(false)
  })
})

describe("each verb's own input", () => {
  test.each<[ProblemVerb, ProblemState, Partial<ProblemArgs>, string]>([
    ['holdMeeting', 'reported', { meeting: undefined }, 'PROBLEM.MEETING_ATTENDEES'],
    ['holdMeeting', 'reported', { meeting: { attendees: ['  '], decision: '清理掉' } }, 'PROBLEM.MEETING_ATTENDEES'],
    ['holdMeeting', 'reported', { meeting: { attendees: ['张敏'], decision: ' ' } }, 'PROBLEM.MEETING_DECISION'],
    ['assign', 'meeting_held', { assignee: undefined }, 'PROBLEM.NO_ASSIGNEE'],
    ['assign', 'meeting_held', { dueAt: undefined }, 'PROBLEM.BAD_DEADLINE'],
    ['assign', 'meeting_held', { dueAt: ago(1) }, 'PROBLEM.BAD_DEADLINE'],
    ['solve', 'assigned', { solution: { note: '好了', photos: [] } }, 'PROBLEM.PHOTO_REQUIRED'],
    ['reopen', 'solved', { reason: ' 不' }, 'PROBLEM.REASON_REQUIRED'],
    ['dismiss', 'reported', { reason: undefined }, 'PROBLEM.REASON_REQUIRED'],
    ['dismiss', 'reported', { reason: '长'.repeat(201) }, 'PROBLEM.REASON_TOO_LONG'],
  ])('%s from %s with %o → %s', (verb, state, over, code) => {
    expect(codeOf(() => planProblem(record(state), PERFORMER[verb], verb, { ...GOOD, ...over }))).toBe(code)
  })

  test('what each verb writes', () => {
    const meeting = planProblem(record('reported'), GRID, 'holdMeeting', { ...GOOD, meeting: { attendees: [' 张敏 ', '', '孙丽'], decision: ' 请水利局处理 ' } })
    expect(meeting.set.meeting).toEqual({ attendees: ['张敏', '孙丽'], decision: '请水利局处理', at: NOW })
    const assign = planProblem(record('meeting_held'), ADMIN, 'assign', GOOD)
    expect(assign.set).toMatchObject({ assignee: GOOD.assignee, dueAt: GOOD.dueAt })
    expect(assign.entries[0].reason).toBe('交由县水利局处理')
    const solve = planProblem(record('assigned'), UNIT, 'solve', GOOD)
    expect(solve.set.solution).toEqual({ note: '好了', photos: [photo], at: NOW })
    const dismiss = planProblem(record('reported'), ADMIN, 'dismiss', { ...GOOD, reason: ' 重复上报 ' })
    expect(dismiss.set.reason).toBe('重复上报')
    expect(checkReason('  好的 ')).toBe('好的')
  })

  test('reopen gives the assignee a fresh deadline of the same length (at least a day)', () => {
    const solved = record('solved', { stateSince: ago(10), dueAt: new Date(ago(10).getTime() + 72 * HOUR) })
    const plan = planProblem(solved, REPORTER, 'reopen', GOOD)
    expect(plan.set.dueAt).toEqual(new Date(NOW.getTime() + 72 * HOUR))
    const short = record('solved', { stateSince: ago(1), dueAt: ago(0.5) })
    expect(planProblem(short, REPORTER, 'reopen', GOOD).set.dueAt).toEqual(new Date(NOW.getTime() + 24 * HOUR))
  })
})

describe('escalation', () => {
  test('the deadline of each state', () => {
    expect(problemDeadline(record('reported', { stateSince: ago(0) }))).toEqual(new Date(NOW.getTime() + 48 * HOUR))
    expect(problemDeadline(record('meeting_held', { stateSince: ago(0) }))).toEqual(new Date(NOW.getTime() + 24 * HOUR))
    expect(problemDeadline(record('assigned'))).toEqual(new Date(NOW.getTime() + 24 * HOUR))
    expect(problemDeadline(record('solved'))).toBeNull()
  })

  test('nothing before the limit, nothing for a closed or solved problem', () => {
    expect(planEscalation(record('reported', { stateSince: ago(47) }), NOW)).toBeNull()
    expect(planEscalation(record('meeting_held', { stateSince: ago(23) }), NOW)).toBeNull()
    expect(planEscalation(record('assigned', { dueAt: new Date(NOW.getTime() + 1) }), NOW)).toBeNull()
    for (const s of ['solved', 'confirmed', 'dismissed'] as const) expect(planEscalation(record(s, { stateSince: ago(1000), dueAt: ago(1000) }), NOW)).toBeNull()
  })

  test('community first, then street a day later, then county, then nothing', () => {
    const late = record('reported', { stateSince: ago(49) })
    const first = planEscalation(late, NOW)!
    expect(first).toMatchObject({ level: 'community', from: 'reported', to: 'reported', set: { overdue: { level: 'community', at: NOW } } })
    expect(first.conditions).toEqual([{ 'overdue.level': { $exists: false } }])
    expect(first.entries[0]).toMatchObject({ verb: 'escalate', by: 'system', level: 'community' })

    // The same level is never told twice; the next waits a day.
    expect(planEscalation({ ...late, overdue: { level: 'community', at: ago(23) } }, NOW)).toBeNull()
    const second = planEscalation({ ...late, overdue: { level: 'community', at: ago(25) } }, NOW)!
    expect(second.level).toBe('street')
    expect(second.conditions).toEqual([{ 'overdue.level': 'community' }])
    expect(planEscalation({ ...late, overdue: { level: 'street', at: ago(25) } }, NOW)!.level).toBe('county')
    expect(planEscalation({ ...late, overdue: { level: 'county', at: ago(100) } }, NOW)).toBeNull()
  })

  test('an assignment past its deadline, and the meeting held too long ago', () => {
    expect(planEscalation(record('assigned', { dueAt: ago(1) }), NOW)!.level).toBe('community')
    expect(planEscalation(record('meeting_held', { stateSince: ago(25) }), NOW)!.level).toBe('community')
  })

  test('a transition clears the mark, so a new wait starts from the community again', () => {
    const marked = record('reported', { stateSince: ago(60), overdue: { level: 'street', at: ago(2) } })
    expect(planProblem(marked, GRID, 'holdMeeting', GOOD).set.overdue).toBeNull()
  })
})
