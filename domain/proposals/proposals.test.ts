import { DomainError } from '../errors'
import {
  nextProjectState,
  nextProposalState,
  planAnswer,
  planLateNotice,
  planProject,
  planSupport,
  PROJECT_STATES,
  PROJECT_TRANSITIONS,
  PROPOSAL_STATES,
  PROPOSAL_TRANSITIONS,
  type GridViewer,
  type ProjectRecord,
  type ProjectVerb,
  type ProposalRecord,
  type ProposalVerb,
} from '.'

const now = new Date('2026-05-01T02:00:00Z')
const LINEAGE = ['org-longmen', 'org-longcheng', 'org-beimen']
const resident: GridViewer = { userId: 'u-res', name: '王秀英', grants: [] }
const member: GridViewer = { userId: 'u-mem', name: '李建国', grants: [{ kind: 'member', scopeId: 'org-beimen' }] }
const admin: GridViewer = { userId: 'u-adm', name: '陈红', grants: [{ kind: 'community_admin', scopeId: 'org-beimen' }] }
const otherAdmin: GridViewer = { userId: 'u-oth', name: '周涛', grants: [{ kind: 'community_admin', scopeId: 'org-chengnan' }] }
const unitAdmin: GridViewer = { userId: 'u-unit', name: '刘洋', grants: [{ kind: 'unit_admin', scopeId: 'unit-water-bureau' }] }

const proposal = (over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  _id: 'p1', state: 'submitted', stateSince: now, communityId: 'org-beimen', lineage: LINEAGE, title: '充电桩', body: '增设充电桩',
  proposerId: resident.userId, proposerName: resident.name, supporterIds: [], supportCount: 0, answerDueAt: new Date(now.getTime() + 86400_000),
  lateToldAt: null, createdAt: now, updatedAt: now, history: [], ...over,
})

const project = (over: Partial<ProjectRecord> = {}): ProjectRecord => ({
  _id: 'j1', state: 'planned', stateSince: now, owner: { kind: 'community', id: 'org-beimen', name: '北门社区' }, communityId: 'org-beimen', lineage: LINEAGE,
  year: 2026, title: '楼道灯', description: '', plannedCost: 100, actualCost: null, beneficiaries: 10, proposalId: null, createdAt: now, updatedAt: now, history: [], ...over,
})

const codeOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
  return null
}

describe('proposal verbs from every state', () => {
  for (const from of PROPOSAL_STATES) {
    for (const verb of Object.keys(PROPOSAL_TRANSITIONS) as ProposalVerb[]) {
      const allowed = PROPOSAL_TRANSITIONS[verb].from.includes(from)
      test(`${verb} from ${from}: ${allowed ? PROPOSAL_TRANSITIONS[verb].to : 'PROPOSAL.ALREADY_ANSWERED'}`, () => {
        if (allowed) expect(nextProposalState(from, verb)).toBe(PROPOSAL_TRANSITIONS[verb].to)
        else expect(codeOf(() => nextProposalState(from, verb))).toBe('PROPOSAL.ALREADY_ANSWERED')
        const code = codeOf(() => planAnswer(proposal({ state: from }), admin, verb, { now, reason: '理由充分' }))
        expect(code).toBe(allowed ? null : 'PROPOSAL.ALREADY_ANSWERED')
      })
    }
  }
})

describe('project verbs from every state', () => {
  for (const from of PROJECT_STATES) {
    for (const verb of Object.keys(PROJECT_TRANSITIONS) as ProjectVerb[]) {
      const allowed = PROJECT_TRANSITIONS[verb].from.includes(from)
      test(`${verb} from ${from}: ${allowed ? PROJECT_TRANSITIONS[verb].to : 'PROJECT.INVALID_TRANSITION'}`, () => {
        if (allowed) expect(nextProjectState(from, verb)).toBe(PROJECT_TRANSITIONS[verb].to)
        else expect(codeOf(() => nextProjectState(from, verb))).toBe('PROJECT.INVALID_TRANSITION')
        const plan = () => planProject(project({ state: from }), admin, verb, { now, actualCost: 90 })
        if (allowed) expect(plan()).toMatchObject({ from, to: PROJECT_TRANSITIONS[verb].to, set: { state: PROJECT_TRANSITIONS[verb].to } })
        else expect(codeOf(plan)).toBe('PROJECT.INVALID_TRANSITION')
      })
    }
  }
})

describe('support', () => {
  test('one conditional write: not a supporter yet, not the proposer; pushes and counts together', () => {
    expect(planSupport(proposal(), member, now)).toEqual({
      from: 'submitted', to: 'submitted', set: { updatedAt: now }, inc: { supportCount: 1 }, append: { supporterIds: 'u-mem' }, entries: [],
      conditions: [{ supporterIds: { $ne: 'u-mem' } }, { proposerId: { $ne: 'u-mem' } }],
    })
  })
  test.each<[string, ProposalRecord | null, GridViewer, string]>([
    ['the proposer\'s own', proposal(), resident, 'PROPOSAL.OWN'],
    ['twice', proposal({ supporterIds: ['u-mem'], supportCount: 1 }), member, 'PROPOSAL.ALREADY_SUPPORTED'],
    ['an adopted one', proposal({ state: 'adopted' }), member, 'PROPOSAL.ALREADY_ANSWERED'],
    ['a declined one', proposal({ state: 'not_adopted' }), member, 'PROPOSAL.ALREADY_ANSWERED'],
    ['no such proposal', null, member, 'PROPOSAL.NOT_FOUND'],
  ])('%s is refused', (_l, p, v, code) => {
    expect(codeOf(() => planSupport(p, v, now))).toBe(code)
  })
})

describe('answers', () => {
  test.each<[string, string | undefined, string]>([
    ['no reason', undefined, 'PROPOSAL.REASON_REQUIRED'],
    ['blank', '   ', 'PROPOSAL.REASON_REQUIRED'],
    ['one character', '否', 'PROPOSAL.REASON_REQUIRED'],
    ['over 300 characters', '长'.repeat(301), 'PROPOSAL.REASON_TOO_LONG'],
  ])('%s: %s', (_l, reason, code) => {
    for (const verb of ['adopt', 'decline'] as const) expect(codeOf(() => planAnswer(proposal(), admin, verb, { now, reason }))).toBe(code)
  })
  test('only the community\'s own admin answers', () => {
    for (const v of [resident, member, otherAdmin, unitAdmin]) expect(codeOf(() => planAnswer(proposal(), v, 'decline', { now, reason: '理由充分' }))).toBe('AUTH.FORBIDDEN')
  })
  test('adopted: the answer records the project made of it, with its cost and beneficiaries', () => {
    const plan = planAnswer(proposal(), admin, 'adopt', { now, reason: ' 列入微实事 ', projectId: 'j9', project: { plannedCost: 3000, beneficiaries: 20 }, op: 'op1' })
    expect(plan.set).toMatchObject({ state: 'adopted', answer: { reason: '列入微实事', byName: '陈红', at: now, projectId: 'j9', plannedCost: 3000, beneficiaries: 20 } })
    expect(plan.entries).toEqual([{ verb: 'adopt', from: 'submitted', to: 'adopted', by: 'u-adm', byName: '陈红', at: now, reason: '列入微实事', op: 'op1' }])
  })
})

describe('projects', () => {
  test('the community\'s admin and the unit\'s admin keep their own; nobody else', () => {
    expect(codeOf(() => planProject(project(), member, 'start', { now }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(() => planProject(project(), otherAdmin, 'start', { now }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(() => planProject(project(), unitAdmin, 'start', { now }))).toBe('AUTH.FORBIDDEN')
    const unitProject = project({ owner: { kind: 'unit', id: 'unit-water-bureau', name: '县水利局' } })
    expect(planProject(unitProject, unitAdmin, 'start', { now }).to).toBe('in_progress')
    expect(codeOf(() => planProject(null, admin, 'start', { now }))).toBe('PROJECT.NOT_FOUND')
  })
  test('finishing needs the actual cost; the beneficiaries may be corrected', () => {
    expect(codeOf(() => planProject(project(), admin, 'finish', { now }))).toBe('PROJECT.BAD_COST')
    expect(codeOf(() => planProject(project(), admin, 'finish', { now, actualCost: -5 }))).toBe('PROJECT.BAD_COST')
    expect(planProject(project({ state: 'in_progress' }), admin, 'finish', { now, actualCost: 80, beneficiaries: 12 }).set).toMatchObject({ state: 'done', actualCost: 80, beneficiaries: 12 })
  })
})

describe('late notice', () => {
  const later = new Date(now.getTime() + 2 * 86400_000)
  test('once past the answer time, told once (conditional on not told yet)', () => {
    expect(planLateNotice(proposal(), later)).toMatchObject({ set: { lateToldAt: later }, conditions: [{ lateToldAt: null }], entries: [{ verb: 'lateNotice' }] })
  })
  test('not before it is due, not twice, not once answered', () => {
    expect(planLateNotice(proposal(), now)).toBeNull()
    expect(planLateNotice(proposal({ lateToldAt: later }), later)).toBeNull()
    expect(planLateNotice(proposal({ state: 'adopted' }), later)).toBeNull()
  })
})
