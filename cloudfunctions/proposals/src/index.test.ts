/**
 * 微提案 and 微实事 through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts: 北门社区 with 王秀英 the resident, 李建国 the member, 陈红 its admin,
 * 刘洋 of 县水利局): proposing, supports under contention, answers with and without a reason, the
 * adopted proposal becoming a project, the year's projects and their totals, the hourly timer.
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(180_000)

let stack: TestStack
const DAY = 24 * 3600_000

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('proposals', { action, ...input }, openid)
const db = () => stack.emulator.db
const proposal = (id: string) => db().collection('proposals').findOne({ _id: id }) as Record<string, any>
const year = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))

async function propose(title = '小区增设充电桩', openid = 'demo-resident') {
  const { result } = await call('submit', { title, body: '电动车充电难，希望在北门花园增设充电桩。' }, openid)
  expect(result.code).toBe(0)
  return result.data.id as string
}

/** Members of 北门社区 created straight in the store (registered live registrations). */
async function members(prefix: string, n: number): Promise<string[]> {
  const at = new Date()
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
  await db().collection('registrations').insertMany(
    ids.map((o) => ({
      _id: `reg-${o}`, userId: `user-${o}`, name: `党员${o}`, phone: '', unitId: 'unit-water-bureau', unitName: '县水利局', unitCountyId: 'org-longmen',
      communityId: 'org-beimen', communityName: '北门社区', communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'registered', history: [], createdAt: at, updatedAt: at,
    })),
  )
  await db().collection('users').insertMany(ids.map((o) => ({ _id: `user-${o}`, openid: o, name: `党员${o}`, roles: [], liveRegistrationId: `reg-${o}`, createdAt: at, updatedAt: at })))
  return ids
}

describe('proposing', () => {
  test('a resident proposes to the community of her home; it is due within the answer time; the member sees it', async () => {
    const { result, roundTrips } = await call('submit', { title: '楼道加装扶手', body: '老人上下楼不方便，希望加装扶手。' }, 'demo-resident')
    expect(result).toMatchObject({ code: 0, data: { state: 'submitted', stateLabel: '待答复', communityId: 'org-beimen', communityName: '北门社区', proposerName: '王秀英', supportCount: 0, mine: true, canSupport: false } })
    expect(roundTrips).toBe(2)
    expect(new Date(result.data.answerDueAt).getTime() - Date.now()).toBeGreaterThan(14 * DAY)
    const list = await call('list', {}, 'demo-member')
    expect(list.result.data.communityName).toBe('北门社区')
    expect(list.result.data.items.find((r: { id: string }) => r.id === result.data.id)).toMatchObject({ canSupport: true, mine: false })
  })

  test('an empty proposal, and someone of no community, are refused with their codes; nothing written', async () => {
    const before = db().collection('proposals').count({})
    expect((await call('submit', { title: ' ', body: '内容' }, 'demo-resident')).result.code).toBe('PROPOSAL.TEXT_EMPTY')
    expect((await call('submit', { title: '标题', body: '内容', communityId: 'org-chengnan' }, 'demo-resident')).result.code).toBe('AUTH.FORBIDDEN')
    const at = new Date()
    await db().collection('users').insertOne({ _id: 'user-stranger-no-home', openid: 'stranger-no-home', name: '路人', roles: [], createdAt: at, updatedAt: at })
    const stranger = await call('submit', { title: '标题', body: '内容' }, 'stranger-no-home')
    expect(stranger.result.code).toBe('PROPOSAL.NO_COMMUNITY')
    expect(stranger.result.message).toMatch(/社区/)
    expect(db().collection('proposals').count({})).toBe(before)
  })

  test('another community\'s admin neither lists nor opens 北门社区\'s proposals', async () => {
    const id = await propose('路灯维修')
    expect((await call('list', { communityId: 'org-beimen' }, 'demo-chengnan-admin')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('get', { id }, 'demo-chengnan-admin')).result.code).toBe('PROPOSAL.NOT_FOUND')
    expect((await call('support', { id }, 'demo-chengnan-admin')).result.code).toBe('PROPOSAL.NOT_FOUND')
  })
})

describe('supports', () => {
  test('100 presses at once by the same person count once', async () => {
    const id = await propose('增设快递柜')
    const answers = await Promise.all(Array.from({ length: 100 }, () => call('support', { id }, 'demo-member')))
    expect(answers.filter((a) => a.result.code === 0)).toHaveLength(1)
    expect(new Set(answers.filter((a) => a.result.code !== 0).map((a) => a.result.code))).toEqual(new Set(['PROPOSAL.ALREADY_SUPPORTED']))
    const p = proposal(id)
    expect(p.supportCount).toBe(1)
    expect(p.supporterIds).toEqual(['user-demo-member'])
  })

  test('50 different people at once: 50', async () => {
    const id = await propose('社区食堂')
    const people = await members('fans', 50)
    const answers = await Promise.all(people.map((o) => call('support', { id }, o)))
    expect(answers.filter((a) => a.result.code !== 0)).toEqual([])
    const p = proposal(id)
    expect(p.supportCount).toBe(50)
    expect(new Set(p.supporterIds).size).toBe(50)
  })

  test('the proposer may not support her own: PROPOSAL.OWN, nothing changed', async () => {
    const id = await propose('健身器材更新')
    const before = proposal(id)
    const { result } = await call('support', { id }, 'demo-resident')
    expect(result).toMatchObject({ code: 'PROPOSAL.OWN', message: '不能为自己的提案点赞支持' })
    expect(proposal(id)).toEqual(before)
  })
})

describe('answers', () => {
  test('an answer without a reason is refused, nothing written; a member may not answer', async () => {
    const id = await propose('绿化补种')
    const before = proposal(id)
    expect((await call('decline', { id }, 'demo-community-admin')).result.code).toBe('PROPOSAL.REASON_REQUIRED')
    expect((await call('decline', { id, reason: ' ' }, 'demo-community-admin')).result.code).toBe('PROPOSAL.REASON_REQUIRED')
    expect((await call('adopt', { id, plannedCost: 100, beneficiaries: 10 }, 'demo-community-admin')).result.code).toBe('PROPOSAL.REASON_REQUIRED')
    expect((await call('decline', { id, reason: '不行' }, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect(proposal(id)).toEqual(before)
    expect(db().collection('projects').count({ proposalId: id })).toBe(0)
  })

  test('declined with its reason; the proposer is told; a second answer and a late support are refused', async () => {
    const id = await propose('建游泳池')
    const { result } = await call('decline', { id, reason: '场地不足，暂不具备条件' }, 'demo-community-admin')
    expect(result).toMatchObject({ code: 0, data: { state: 'not_adopted', stateLabel: '未采纳', answer: { reason: '场地不足，暂不具备条件', byName: '陈红', projectId: null } } })
    expect(stack.outbox({ touser: 'demo-resident' }).filter((m) => m.templateId === 'proposal-answered').length).toBeGreaterThanOrEqual(1)
    expect((await call('adopt', { id, reason: '采纳', plannedCost: 1, beneficiaries: 1 }, 'demo-community-admin')).result.code).toBe('PROPOSAL.ALREADY_ANSWERED')
    expect((await call('support', { id }, 'demo-member')).result.code).toBe('PROPOSAL.ALREADY_ANSWERED')
  })

  test('adopted: it becomes a planned 微实事 of the community this year, once, even when two admins press at once', async () => {
    const id = await propose('小区增设充电桩')
    const both = await Promise.all([1, 2].map(() => call('adopt', { id, reason: '列入今年微实事', plannedCost: 30000, beneficiaries: 200 }, 'demo-community-admin')))
    expect(both.map((a) => a.result.code).sort()).toEqual([0, 'PROPOSAL.ALREADY_ANSWERED'].sort())
    const won = both.find((a) => a.result.code === 0)!.result.data
    expect(won).toMatchObject({ state: 'adopted', stateLabel: '已采纳' })
    const projects = db().collection('projects').find({ proposalId: id }) as Record<string, any>[]
    expect(projects).toHaveLength(1)
    expect(projects[0]).toMatchObject({ _id: won.answer.projectId, state: 'planned', owner: { kind: 'community', id: 'org-beimen', name: '北门社区' }, plannedCost: 30000, beneficiaries: 200, year: year() })
    const list = await call('projects', { ownerId: 'org-beimen', year: year() }, 'demo-community-admin')
    expect(list.result.data.items.find((r: { id: string }) => r.id === won.answer.projectId)).toMatchObject({ stateLabel: '计划中', canEdit: true })
  })
})

describe('projects', () => {
  test('planned → in progress → done with its actual cost; the totals follow; 1 round trip for the list', async () => {
    const before = (await call('projects', { ownerId: 'org-beimen', year: year() }, 'demo-community-admin')).result.data.totals
    const created = await call('createProject', { owner: { kind: 'community', id: 'org-beimen' }, communityId: 'org-beimen', year: year(), title: '楼道灯更换', description: '更换1栋楼道灯', plannedCost: 5000, beneficiaries: 60 }, 'demo-community-admin')
    expect(created.result).toMatchObject({ code: 0, data: { state: 'planned', ownerName: '北门社区' } })
    const id = created.result.data.id
    expect((await call('finishProject', { id, actualCost: -1 }, 'demo-community-admin')).result.code).toBe('REQUEST.INVALID')
    expect((await call('startProject', { id }, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('startProject', { id }, 'demo-community-admin')).result.data).toMatchObject({ state: 'in_progress', stateLabel: '实施中' })
    expect((await call('startProject', { id }, 'demo-community-admin')).result.code).toBe('PROJECT.INVALID_TRANSITION')
    const mid = await call('projects', { ownerId: 'org-beimen', year: year() }, 'demo-community-admin')
    expect(mid.roundTrips).toBe(1)
    expect(mid.result.data.totals).toEqual({ planned: before.planned + 1, inProgress: before.inProgress + 1, done: before.done })
    expect((await call('finishProject', { id, actualCost: 4800, beneficiaries: 64 }, 'demo-community-admin')).result.data).toMatchObject({ state: 'done', actualCost: 4800, beneficiaries: 64, canEdit: false })
    const after = (await call('projects', { ownerId: 'org-beimen', year: year() }, 'demo-community-admin')).result.data.totals
    expect(after).toEqual({ planned: before.planned + 1, inProgress: before.inProgress, done: before.done + 1 })
    const history = (db().collection('projects').findOne({ _id: id }) as Record<string, any>).history.map((h: { verb: string }) => h.verb)
    expect(history).toEqual(['create', 'start', 'finish'])
  })

  test('a unit keeps its own list for its paired community; others may not see or add to it', async () => {
    const input = { owner: { kind: 'unit', id: 'unit-water-bureau' }, communityId: 'org-beimen', year: year(), title: '河道清理', description: '', plannedCost: 2000, beneficiaries: 300 }
    expect((await call('createProject', input, 'demo-unit-admin')).result.data).toMatchObject({ ownerName: '县水利局', ownerKind: 'unit' })
    expect((await call('createProject', { ...input, communityId: 'org-chengnan' }, 'demo-unit-admin')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('createProject', input, 'demo-community-admin')).result.code).toBe('AUTH.FORBIDDEN')
    const list = await call('projects', { ownerId: 'unit-water-bureau', year: year() }, 'demo-unit-admin')
    expect(list.result.data).toMatchObject({ owner: { kind: 'unit', name: '县水利局' }, canCreate: true })
    expect(list.result.data.totals.planned).toBeGreaterThanOrEqual(1)
    expect((await call('projects', { ownerId: 'unit-water-bureau', year: year() }, 'demo-member')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('projects', { ownerId: 'org-beimen', year: year() }, 'demo-chengnan-admin')).result.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('the hourly timer', () => {
  test('a proposal past its answer time is told once and listed late; a person cannot run the timer', async () => {
    const id = await propose('垃圾分类亭')
    const { result } = await stack.call('proposals', { Type: 'Timer', TriggerName: 'lateAnswers' }, 'demo-member')
    expect(result.code).toBe('REQUEST.INVALID')
    expect(proposal(id).lateToldAt).toBeNull()
    stack.setClockOffset(16 * DAY)
    try {
      await stack.fireTimer('proposals', 'lateAnswers')
      await stack.fireTimer('proposals', 'lateAnswers')
      const p = proposal(id)
      expect(p.lateToldAt).toBeTruthy()
      expect(p.history.filter((h: { verb: string }) => h.verb === 'lateNotice')).toHaveLength(1)
      const row = (await call('list', {}, 'demo-community-admin')).result.data.items.find((r: { id: string }) => r.id === id)
      expect(row.late).toBe(true)
    } finally {
      stack.setClockOffset(0)
    }
  })

  test('an adopted proposal whose project was lost (the call died after the answer) gets it made again, once', async () => {
    const at = new Date()
    const lineage = ['org-longmen', 'org-longcheng', 'org-beimen']
    await db().collection('proposals').insertOne({
      _id: 'prop-lost-project', state: 'adopted', stateSince: at, communityId: 'org-beimen', communityName: '北门社区', lineage, title: '社区图书角', body: '建一个图书角',
      proposerId: 'user-demo-resident', proposerName: '王秀英', supporterIds: [], supportCount: 0, answerDueAt: new Date(at.getTime() + 15 * DAY), lateToldAt: null,
      answer: { reason: '采纳', byName: '陈红', at, projectId: 'proj-lost', plannedCost: 800, beneficiaries: 40 },
      createdAt: at, updatedAt: at,
      history: [{ verb: 'adopt', from: 'submitted', to: 'adopted', by: 'user-demo-community-admin', byName: '陈红', at, reason: '采纳' }],
    })
    await stack.fireTimer('proposals', 'lateAnswers')
    await stack.fireTimer('proposals', 'lateAnswers')
    expect(db().collection('projects').find({ _id: 'proj-lost' })).toMatchObject([{ plannedCost: 800, beneficiaries: 40, proposalId: 'prop-lost-project', state: 'planned', history: [{ verb: 'create', byName: '陈红' }] }])
  })
})
