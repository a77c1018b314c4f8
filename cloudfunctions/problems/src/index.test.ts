/**
 * Patrol problems through the runner against the emulator, on the seeded demo county
 * (server/local/demo-grid.ts demoProblems): reporting with bad input (nothing written), the whole
 * lifecycle by the people of each step with their messages, refusals by the wrong people, the
 * lists and their scopes, and the escalation timer with a controlled clock.
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(180_000)

let stack: TestStack
const HOUR = 3600_000

/** A real PNG signature (the function reads the first bytes of every photo from storage). */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1192)])
const upload = (cloudPath: string, bytes: Buffer) => stack.emulator.storage.put(cloudPath, bytes, { contentType: 'image/png' }).fileID

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  photo.fileId = upload('problems/a.png', PNG)
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('problems', { action, ...input }, openid)
const db = () => stack.emulator.db
const problem = (id: string) => db().collection('problems').findOne({ _id: id }) as Record<string, any>
const count = () => db().collection('problems').count({})
const photo = { fileId: '', mime: 'image/png', bytes: 1200 }
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

const report = (over: Record<string, unknown> = {}, openid = 'demo-resident') =>
  call('report', { category: '环境卫生', description: '楼下垃圾桶满了没人清', placeNodeId: 'org-beimen-b1', address: '1栋东侧', photos: [photo], ...over }, openid)

async function reported(openid = 'demo-resident'): Promise<string> {
  const { result } = await report({}, openid)
  expect(result.code).toBe(0)
  return result.data.id
}

describe('reporting', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['no place', { placeNodeId: null }, 'PROBLEM.NO_PLACE'],
    ['a place that does not exist', { placeNodeId: 'org-nowhere' }, 'PROBLEM.NO_PLACE'],
    ['a place above a community', { placeNodeId: 'org-longcheng' }, 'PROBLEM.NO_PLACE'],
    ['no words', { description: '   ' }, 'PROBLEM.TEXT_EMPTY'],
    ['no photo', { photos: [] }, 'PROBLEM.PHOTO_REQUIRED'],
    // What the device declares does not count: storage is asked.
    ['a photo never uploaded', { photos: [{ fileId: 'never', mime: 'image/png', bytes: 1200 }] }, 'PROBLEM.BAD_PHOTO'],
    ['a PDF renamed .png', { photos: [{ fileId: 'pdf', mime: 'image/png', bytes: 40 }] }, 'PROBLEM.BAD_PHOTO'],
    ['a photo really over 5 MB', { photos: [{ fileId: 'huge', mime: 'image/png', bytes: 1200 }] }, 'PROBLEM.BAD_PHOTO'],
    ['a WebP (this list takes JPG and PNG)', { photos: [{ fileId: 'webp', mime: 'image/png', bytes: 1200 }] }, 'PROBLEM.BAD_PHOTO'],
  ])('%s is refused with its code and Chinese message, nothing written', async (_label, over, code) => {
    const before = count()
    const files: Record<string, () => string> = {
      never: () => photo.fileId.replace('a.png', 'never-uploaded.png'),
      pdf: () => upload('problems/fake.png', Buffer.from('%PDF-1.4 not an image at all')),
      huge: () => upload('problems/huge.png', Buffer.concat([PNG, Buffer.alloc(5_000_000)])),
      webp: () => upload('problems/photo.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(100)])),
    }
    const photos = (over.photos as typeof photo[] | undefined)?.map((p) => (files[p.fileId] ? { ...p, fileId: files[p.fileId]() } : p))
    const { result } = await report(photos ? { ...over, photos } : over)
    expect(result.code).toBe(code)
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(count()).toBe(before)
  })

  test('anyone with an identity reports; the record holds the place, its lineage and the history', async () => {
    const { result } = await report({}, 'demo-member')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({ state: 'reported', stateLabel: '已上报', placeName: '北门花园1栋', reporterName: '李建国', mine: true, can: [] })
    const stored = problem(result.data.id)
    // Stored as storage says the file is, not as declared (1,200 bytes declared, 1,200 real).
    expect(stored.photos).toEqual([{ fileId: photo.fileId, mime: 'image/png', bytes: PNG.length }])
    expect(stored.communityId).toBe('org-beimen')
    expect(stored.lineage).toEqual(['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden', 'org-beimen-grid-1', 'org-beimen-b1'])
    expect(stored.history).toHaveLength(1)
  })
})

describe('the lifecycle', () => {
  test('reported → meeting → assigned → solved → confirmed, each by its people, with messages', async () => {
    const id = await reported()
    // The reporter cannot hold the meeting; another community's admin does not even see it.
    expect((await call('holdMeeting', { id, attendees: ['王秀英'], decision: '我们自己来' }, 'demo-resident')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('get', { id }, 'demo-chengnan-admin')).result.code).toBe('PROBLEM.NOT_FOUND')
    expect((await call('holdMeeting', { id, attendees: [], decision: '清走' }, 'demo-grid')).result.code).toBe('PROBLEM.MEETING_ATTENDEES')
    const met = await call('holdMeeting', { id, attendees: ['张敏', '王秀英'], decision: '请县水利局清理' }, 'demo-grid')
    expect(met.result.data).toMatchObject({ state: 'meeting_held', meeting: { attendees: ['张敏', '王秀英'], decision: '请县水利局清理' } })

    // Only the community's admin assigns; to a unit paired with the community, with a deadline ahead.
    expect((await call('assign', { id, assignee: { kind: 'unit', id: 'unit-water-bureau' }, dueAt: inHours(48) }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('assign', { id, assignee: { kind: 'unit', id: 'unit-water-co' }, dueAt: inHours(48) }, 'demo-community-admin')).result.code).toBe('PROBLEM.NO_ASSIGNEE')
    expect((await call('assign', { id, assignee: { kind: 'unit', id: 'unit-water-bureau' }, dueAt: inHours(-1) }, 'demo-community-admin')).result.code).toBe('PROBLEM.BAD_DEADLINE')
    expect(problem(id).state).toBe('meeting_held')
    const options = await call('assignees', { id }, 'demo-community-admin')
    expect(options.result.data.options).toEqual(expect.arrayContaining([{ kind: 'community', id: 'org-beimen', name: '北门社区' }, { kind: 'unit', id: 'unit-water-bureau', name: '县水利局' }]))
    expect(options.result.data.options.some((o: { kind: string }) => o.kind === 'member')).toBe(true)
    expect((await call('assignees', { id }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')
    const assigned = await call('assign', { id, assignee: { kind: 'unit', id: 'unit-water-bureau' }, dueAt: inHours(48) }, 'demo-community-admin')
    expect(assigned.result.data).toMatchObject({ state: 'assigned', assigneeName: '县水利局' })
    expect(stack.outbox({ touser: 'demo-unit-admin' }).filter((m) => m.templateId === 'problem-assigned' && m.page?.endsWith(id))).toHaveLength(1)

    // Only the assignee solves, with a photo; the reporter is told.
    expect((await call('solve', { id, note: '已清理', photos: [photo] }, 'demo-member')).result.code).toBe('PROBLEM.NOT_FOUND')
    expect((await call('solve', { id, note: '已清理', photos: [photo] }, 'demo-grid')).result.code).toBe('PROBLEM.NOT_ASSIGNEE')
    expect((await call('solve', { id, note: '已清理', photos: [] }, 'demo-unit-admin')).result.code).toBe('PROBLEM.PHOTO_REQUIRED')
    // A solution photo storage does not have: refused, the problem stays assigned.
    const missing = await call('solve', { id, note: '已清理', photos: [{ ...photo, fileId: photo.fileId.replace('a.png', 'gone.png') }] }, 'demo-unit-admin')
    expect([missing.result.code, missing.result.message]).toEqual(['PROBLEM.BAD_PHOTO', '照片没有上传成功，请重新上传'])
    expect(problem(id)).toMatchObject({ state: 'assigned' })
    expect(problem(id).solution).toBeUndefined()
    const solved = await call('solve', { id, note: '已清理', photos: [photo] }, 'demo-unit-admin')
    expect(solved.result.data).toMatchObject({ state: 'solved', stateLabel: '已解决待确认' })
    expect(stack.outbox({ touser: 'demo-resident' }).filter((m) => m.templateId === 'problem-solved' && m.page?.endsWith(id))).toHaveLength(1)

    // The reporter sees it in their list and confirms.
    const mine = await call('list', { view: 'mine' }, 'demo-resident')
    expect(mine.result.data.items.find((r: { id: string }) => r.id === id)).toMatchObject({ state: 'solved' })
    const got = await call('get', { id }, 'demo-resident')
    expect(got.result.data.can).toEqual(['confirm', 'reopen'])
    const confirmed = await call('confirm', { id }, 'demo-resident')
    expect(confirmed.result.data.state).toBe('confirmed')
    expect(confirmed.result.data.timeline.map((t: { verb: string }) => t.verb)).toEqual(['report', 'holdMeeting', 'assign', 'solve', 'confirm'])
    // A second confirmation changes nothing.
    expect((await call('confirm', { id }, 'demo-resident')).result.code).toBe('PROBLEM.INVALID_TRANSITION')
    expect(problem(id).history).toHaveLength(5)
  })

  test('reopen needs a reason and goes back to the assignee; dismiss needs a reason', async () => {
    const id = await reported()
    expect((await call('dismiss', { id, reason: '' }, 'demo-community-admin')).result.code).toBe('PROBLEM.REASON_REQUIRED')
    const dismissed = await call('dismiss', { id, reason: '已由物业处理' }, 'demo-community-admin')
    expect(dismissed.result.data).toMatchObject({ state: 'dismissed', reason: '已由物业处理' })

    const other = await reported()
    await call('holdMeeting', { id: other, attendees: ['张敏'], decision: '社区自己处理' }, 'demo-grid')
    await call('assign', { id: other, assignee: { kind: 'community', id: 'org-beimen' }, dueAt: inHours(24) }, 'demo-community-admin')
    await call('solve', { id: other, note: '处理好了', photos: [photo] }, 'demo-community-admin')
    expect((await call('reopen', { id: other }, 'demo-resident')).result.code).toBe('PROBLEM.REASON_REQUIRED')
    const reopened = await call('reopen', { id: other, reason: '垃圾又堆起来了' }, 'demo-resident')
    expect(reopened.result.data).toMatchObject({ state: 'assigned', assigneeName: '北门社区', reason: '垃圾又堆起来了' })
  })

  test('two meetings at once: one wins, the other is told precisely', async () => {
    const id = await reported()
    const [a, b] = await Promise.all([
      call('holdMeeting', { id, attendees: ['张敏'], decision: '清理' }, 'demo-grid'),
      call('holdMeeting', { id, attendees: ['陈红'], decision: '清理' }, 'demo-community-admin'),
    ])
    expect([a.result.code, b.result.code].sort()).toEqual([0, 'PROBLEM.INVALID_TRANSITION'])
    expect(problem(id).history).toHaveLength(2)
  })
})

describe('lists', () => {
  test('each view answers its own; out of scope is AUTH.FORBIDDEN', async () => {
    const community = await call('list', { view: 'community' }, 'demo-community-admin')
    expect(community.result.data.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['prob-demo-reported', 'prob-demo-assigned', 'prob-demo-confirmed']))
    const grid = await call('list', { view: 'community' }, 'demo-grid')
    expect(grid.result.data.items.length).toBeGreaterThan(0)
    const street = await call('list', { view: 'community', communityId: 'org-beimen' }, 'demo-street-admin')
    expect(street.result.code).toBe(0)
    expect((await call('list', { view: 'community', communityId: 'org-beimen' }, 'demo-chengnan-admin')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('list', { view: 'community' }, 'demo-resident')).result.code).toBe('AUTH.FORBIDDEN')
    const assigned = await call('list', { view: 'assigned' }, 'demo-unit-admin')
    expect(assigned.result.data.items.map((r: { id: string }) => r.id)).toContain('prob-demo-assigned')
    const mine = await call('list', { view: 'mine' }, 'demo-resident')
    expect(mine.result.data.items.every((r: { reporterName: string }) => r.reporterName === '王秀英')).toBe(true)
    // The county reads (overview) but holds no meeting.
    const got = await call('get', { id: 'prob-demo-reported' }, 'demo-county-admin')
    expect(got.result.data.can).toEqual([])
  })
})

describe('the timer', () => {
  test('a person sending a timer-shaped event runs nothing', async () => {
    const { result } = await stack.call('problems', { Type: 'Timer', TriggerName: 'escalate' }, 'demo-community-admin')
    expect(result.code).toBe('REQUEST.INVALID')
  })

  test('a late problem is told to the community, a day later the street, then the county; never twice a level', async () => {
    const id = await reported()
    const told = (openid: string) => stack.outbox({ touser: openid }).filter((m) => m.templateId === 'problem-overdue').length
    const before = { community: told('demo-community-admin'), street: told('demo-street-admin'), county: told('demo-county-admin') }
    await stack.fireTimer('problems', 'escalate')
    expect(problem(id).overdue ?? null).toBeNull()

    stack.setClockOffset(49 * HOUR)
    await stack.fireTimer('problems', 'escalate')
    await stack.fireTimer('problems', 'escalate')
    expect(problem(id).overdue.level).toBe('community')
    expect(told('demo-community-admin')).toBe(before.community + 1)

    stack.setClockOffset(74 * HOUR)
    await stack.fireTimer('problems', 'escalate')
    expect(problem(id).overdue.level).toBe('street')
    expect(told('demo-street-admin')).toBe(before.street + 1)

    stack.setClockOffset(99 * HOUR)
    await stack.fireTimer('problems', 'escalate')
    await stack.fireTimer('problems', 'escalate')
    expect(problem(id).overdue.level).toBe('county')
    expect(told('demo-county-admin')).toBe(before.county + 1)
    expect(problem(id).history.filter((h: { verb: string }) => h.verb === 'escalate')).toHaveLength(3)
    stack.setClockOffset(0)

    // Acting on it clears the mark: the meeting starts a new wait.
    const met = await call('holdMeeting', { id, attendees: ['张敏'], decision: '马上清理' }, 'demo-grid')
    expect(met.result.data.overdue).toBeNull()
    const got = await call('get', { id }, 'demo-resident')
    expect(got.result.data.timeline.filter((t: { verb: string }) => t.verb === 'escalate').map((t: { reason: string }) => t.reason)).toEqual([
      '已超时，提醒社区督办',
      '已超时，提醒街道督办',
      '已超时，提醒县督办',
    ])
  })

  test('an assignment past its deadline is escalated', async () => {
    const id = await reported()
    await call('holdMeeting', { id, attendees: ['张敏'], decision: '交水利局' }, 'demo-grid')
    await call('assign', { id, assignee: { kind: 'unit', id: 'unit-water-bureau' }, dueAt: inHours(2) }, 'demo-community-admin')
    stack.setClockOffset(3 * HOUR)
    await stack.fireTimer('problems', 'escalate')
    stack.setClockOffset(0)
    expect(problem(id).overdue.level).toBe('community')
  })
})
