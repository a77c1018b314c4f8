/**
 * The activities pages as shipped in dist/, over wx.cloud: the list, an activity's buttons from
 * `can` (报名 with its subscription request, the typed check-in code), the organiser's check-in
 * screen with 扫报到证签到 through wx.scanCode, and 时长核对.
 */
import { assertBuilt, bootApp, cloudDouble, COMMUNITY_ADMIN_WHOAMI, eventually, type CloudCall } from './harness'

const admin = COMMUNITY_ADMIN_WHOAMI
const member = {
  ...admin,
  id: 'user-demo-member',
  displayName: '李建国',
  roles: [
    { kind: 'resident', label: '居民' },
    { kind: 'member', label: '在职党员', scopeId: 'org-beimen', scopeName: '北门社区' },
  ],
  activeRole: 'member',
}

const row = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  state: 'published',
  stateLabel: '报名中',
  title: '周末社区清洁',
  themeTitle: null,
  organiserName: '北门社区',
  placeName: '北门社区',
  startAt: '2026-11-22T01:00:00.000Z',
  endAt: '2026-11-22T03:00:00.000Z',
  hours: 2,
  capacity: 3,
  seatCount: 0,
  waitCount: 0,
  mine: null,
  ...over,
})

const detail = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...row('act-upcoming'),
  description: '打扫楼道和花坛',
  address: '北门花园东门',
  skills: [],
  openToCitizens: true,
  organiserKind: 'community',
  reason: null,
  waitPosition: null,
  myAttendance: null,
  can: ['signUp'],
  isOrganiser: false,
  roster: null,
  booking: null,
  timeline: [{ verb: 'publish', label: '发布活动', byName: '陈红', at: '2026-11-20T01:00:00.000Z', reason: null }],
  checkInOpensAt: '2026-11-22T00:30:00.000Z',
  ...over,
})

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

const unknown = { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
const text = (page: { dom: Element }) => page.dom.textContent ?? ''
const labels = (page: { querySelectorAll: (s: string) => { dom: Element }[] }, selector: string) => page.querySelectorAll(selector).map((b) => b.dom.textContent)

test('社区活动: the community’s activities with seats and my place; a member has no 我组织的 and no 发布活动', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'activities' && c.data.action === 'list') return { code: 0, data: { items: [row('act-upcoming', { seatCount: 1, mine: 'seated' }), row('act-running', { title: '水利知识进社区', state: 'closed', stateLabel: '报名截止', waitCount: 2 })] } }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/activities/pages/list/index')
  await eventually(() => expect(text(page)).toContain('水利知识进社区'))
  for (const part of ['周末社区清洁', '已报名 1/3', '报名中', '报名截止', '候补 2 人', '已报名']) expect(text(page)).toContain(part)
  expect(labels(page, '.activities-page__tab')).toEqual(['社区活动', '我报名的'])
  expect(page.querySelectorAll('.activities-page__new')).toHaveLength(0)
  expect(cloud.calls.filter((c) => c.name === 'activities').map((c) => c.data)).toEqual([{ action: 'list', view: 'community' }])
})

test('an activity: 报名 asks for the activity messages in the tap, then signs up; a full one says 候补', async () => {
  const events: string[] = []
  let state: Record<string, unknown> = detail({ seatCount: 3 })
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'activities') {
      events.push(`activities.${c.data.action}`)
      if (c.data.action === 'get') return { code: 0, data: state }
      if (c.data.action === 'signUp') {
        state = { ...state, mine: 'waiting', waitCount: 1, waitPosition: 1, can: ['withdraw'] }
        return { code: 0, data: { outcome: 'waitlist', detail: state } }
      }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.requestSubscribeMessage = (o: { tmplIds: string[]; success?: (r: unknown) => void }) => {
    events.push(`subscribe ${o.tmplIds.join(',')}`)
    setTimeout(() => o.success?.({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])) }), 0)
  }
  const page = openPage('packages/activities/pages/detail/index', { id: 'act-upcoming' })
  await eventually(() => expect(labels(page, '.activity-actions__button')).toEqual(['报名']))
  expect(text(page)).toContain('已报名 3/3')
  page.querySelectorAll('.activity-actions__button')[0].dispatchEvent('tap')
  await Promise.resolve()
  expect(events).toEqual(['activities.get', 'subscribe activity-signup,activity-reminder,activity-cancelled'])
  await eventually(() => expect(text(page)).toContain('候补名单第 1 位'))
  expect(labels(page, '.activity-actions__button')).toEqual(['取消报名'])
  expect(events).toEqual(['activities.get', 'subscribe activity-signup,activity-reminder,activity-cancelled', 'activities.signUp'])
})

test('签到 on a phone: 扫码签到 next to the typed 6 digits; the typed code goes to the function', async () => {
  let state: Record<string, unknown> = detail({ id: 'act-running', state: 'closed', stateLabel: '报名截止', mine: 'seated', seatCount: 1, can: ['withdraw', 'checkIn'] })
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'activities' && c.data.action === 'get') return { code: 0, data: state }
    if (c.name === 'activities' && c.data.action === 'checkIn') {
      state = { ...state, myAttendance: { checkInAt: '2026-11-22T01:02:00.000Z', checkOutAt: null }, can: ['checkOut'] }
      return { code: 0, data: { activityId: 'act-running', title: '水利知识进社区', name: '李建国', action: 'checkIn', already: false, at: '2026-11-22T01:02:00.000Z' } }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.requestSubscribeMessage = (o: { tmplIds: string[]; success?: (r: unknown) => void }) => setTimeout(() => o.success?.({ errMsg: 'requestSubscribeMessage:ok' }), 0)
  const page = openPage('packages/activities/pages/detail/index', { id: 'act-running' })
  await eventually(() => expect(labels(page, '.activity-actions__button')).toEqual(['扫码签到', '签到', '取消报名']))
  expect(text(page)).toContain('输入签到码')
  page.querySelector('.activity-actions__code').dispatchEvent('input', { detail: { value: '246810' } })
  await eventually(() => expect(page.querySelector('.activity-actions__code').dom.getAttribute('value') ?? '246810').toBe('246810'))
  page.querySelectorAll('.activity-actions__button')[1].dispatchEvent('tap')
  await eventually(() => expect(text(page)).toContain('签到时间：2026-11-22 09:02'))
  expect(cloud.calls.find((c) => c.data.action === 'checkIn')?.data).toEqual({ action: 'checkIn', id: 'act-running', code: '246810' })
  expect(labels(page, '.activity-actions__button')).toEqual(['扫码签退', '签退'])
})

test('活动签到: the code and its digits, 已签到 N 人, and 扫报到证签到 through wx.scanCode', async () => {
  let checkedIn = 0
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'activities' && c.data.action === 'checkInCode')
      return { code: 0, data: { code: '123456', scene: 'k:act-running:123456', page: 'packages/activities/pages/detail/index', imageBase64: 'iVBORw0KGgo=', contentType: 'image/png', refreshAt: new Date(Date.now() + 600_000).toISOString(), checkedIn } }
    if (c.name === 'activities' && c.data.action === 'scanCard') {
      checkedIn++
      return { code: 0, data: { activityId: 'act-running', title: '水利知识进社区', name: '李建国', action: 'checkIn', already: false, at: '2026-11-22T01:05:00.000Z' } }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.scanCode = (o: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
    const res = { errMsg: 'scanCode:ok', result: 'reg:r-li', scanType: 'QR_CODE', charSet: 'utf-8', path: '' }
    setTimeout(() => {
      o.success?.(res)
      o.complete?.(res)
    }, 0)
  }
  const page = openPage('packages/activities/pages/console/index', { id: 'act-running' })
  await eventually(() => expect(text(page)).toContain('123456'))
  expect(text(page)).toContain('已签到 0 人')
  expect(page.querySelectorAll('.console-page__image')).toHaveLength(1)
  // A phone scans the card: no paste box.
  expect(page.querySelectorAll('.console-page__input')).toHaveLength(0)
  page.querySelector('.console-page__button').dispatchEvent('tap')
  await eventually(() => expect(text(page)).toContain('李建国 已签到（09:05）'))
  await eventually(() => expect(text(page)).toContain('已签到 1 人'))
  expect(cloud.calls.find((c) => c.data.action === 'scanCard')?.data).toEqual({ action: 'scanCard', id: 'act-running', payload: 'reg:r-li' })
})

test('时长核对: each line, 修改时长 and 不予认定 while it may be edited, 确认入账 below', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'activities' && c.data.action === 'hoursList')
      return {
        code: 0,
        data: {
          activityId: 'act-held',
          title: '敬老院义务理发',
          state: 'held',
          stateLabel: '待核时长',
          plannedHours: 2,
          rounding: { zeroBelow: 15, halfBelow: 45 },
          lines: [{ userId: 'user-demo-member', name: '李建国', checkInAt: '2026-11-21T01:00:00.000Z', checkOutAt: '2026-11-21T03:10:00.000Z', computed: 2, hours: 2, adjustment: null }],
          totalHours: 2,
          canEdit: true,
          booking: null,
        },
      }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/activities/pages/hours/index', { id: 'act-held' })
  await eventually(() => expect(text(page)).toContain('李建国'))
  for (const part of ['敬老院义务理发', '待核时长', '签到 09:00 · 签退 11:10 · 按规则 2 小时', '2 小时', '合计 1 人 共 2 小时', '确认入账']) expect(text(page)).toContain(part)
  expect(labels(page, '.activity-hours__button')).toEqual(['修改时长', '不予认定'])
})
