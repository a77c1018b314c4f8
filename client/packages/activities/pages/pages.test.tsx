import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { ActivityDetail, ActivityRow, CheckInCode, HoursListView } from '@domain/api/activities'
import { activityDetail as detail } from '@/components/ActivityInfo/fixture'
import { hoursView } from '@/components/ActivityHours/fixture'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import ConsolePage, { attendanceText } from './console/index'
import CreatePage from './create/index'
import DetailPage from './detail/index'
import HoursPage from './hours/index'
import ListPage from './list/index'

let backend: ReturnType<typeof stubFetch>
let toasts: string[]
let navigateTo: jest.SpyInstance
let redirectTo: jest.SpyInstance

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/activities/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  toasts = []
  jest.spyOn(Taro, 'showToast').mockImplementation(async (o) => {
    toasts.push(o?.title ?? '')
    return { errMsg: 'showToast:ok' }
  })
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }) as never)
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  jest.useRealTimers()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })
const refuse = (code: string, message: string, status = 409) => ({ status, json: { code, message } })
const unknown = refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
const sent = () => backend.to('/api/activities').map((c) => c.body as Record<string, unknown>)

const MEMBER = who({ id: 'u-li', displayName: '李建国', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })
const ADMIN = who({ id: 'u-chen', displayName: '陈红', roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })

const row = (over: Partial<ActivityRow> = {}): ActivityRow => {
  const { id, state, stateLabel, title, themeTitle, organiserName, placeName, startAt, endAt, hours, capacity, seatCount, waitCount, mine } = detail(over)
  return { id, state, stateLabel, title, themeTitle, organiserName, placeName, startAt, endAt, hours, capacity, seatCount, waitCount, mine }
}

test('list: a member sees 社区活动 and 我报名的, no 发布活动; a tap opens the activity', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/activities': (req) => {
      const body = req.body as { action: string; view: string }
      if (body.action !== 'list') return unknown
      return ok({ items: body.view === 'mine' ? [row({ id: 'act-running', title: '水利知识进社区', mine: 'seated', seatCount: 1 })] : [row({ id: 'act-upcoming' })] })
    },
  })
  openWith({})
  render(<ListPage />)
  const card = await screen.findByTestId('activity-card')
  expect(card.getAttribute('data-id')).toBe('act-upcoming')
  expect(screen.getAllByTestId('activities-tab').map((t) => t.textContent)).toEqual(['社区活动', '我报名的'])
  expect(screen.queryByTestId('activities-new')).toBeNull()
  fireEvent.click(screen.getAllByTestId('activities-tab')[1])
  await waitFor(() => expect(screen.getByTestId('activity-card').getAttribute('data-id')).toBe('act-running'))
  expect(screen.getByTestId('activity-card-mine').textContent).toBe('已报名')
  expect(screen.getAllByTestId('activities-tab')[1].getAttribute('data-selected')).toBe('true')
  fireEvent.click(screen.getByTestId('activity-card'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/detail/index?id=act-running' })
  expect(sent().map((b) => b.view)).toEqual(['community', 'mine'])
})

test('list: an organiser also gets 我组织的 and 发布活动; an empty list says so', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': () => ok({ items: [] }),
  })
  openWith({})
  render(<ListPage />)
  expect((await screen.findByTestId('activities-list-empty')).textContent).toContain('还没有社区活动')
  expect(screen.getAllByTestId('activities-tab').map((t) => t.getAttribute('data-value'))).toEqual(['community', 'mine', 'organising'])
  fireEvent.click(screen.getAllByTestId('activities-tab')[2])
  await waitFor(() => expect(screen.getByTestId('activities-list-empty').textContent).toContain('发布活动'))
  fireEvent.click(screen.getByTestId('activities-new'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/create/index' })
})

test('detail: 报名 with a full activity puts the member on the waiting list, with the toast and the position', async () => {
  let state: ActivityDetail = detail({ seatCount: 3, can: ['signUp'] })
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/activities': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(state)
      if (body.action === 'signUp') {
        state = { ...state, mine: 'waiting', waitCount: 1, waitPosition: 1, can: ['withdraw'] }
        return ok({ outcome: 'waitlist', detail: state })
      }
      return unknown
    },
  })
  openWith({ id: 'act-1' })
  render(<DetailPage />)
  expect((await screen.findByTestId('activity-actions')).getAttribute('data-verbs')).toBe('signUp')
  fireEvent.click(screen.getByTestId('activity-signUp'))
  await waitFor(() => expect(screen.getByTestId('activity-mine').textContent).toContain('候补名单第 1 位'))
  expect(toasts).toContain('已进入候补名单')
  expect(screen.getByTestId('activity-actions').getAttribute('data-verbs')).toBe('withdraw')
  expect(screen.getByTestId('activity-seats').textContent).toBe('已报名 3/3 · 候补 1 人')
})

test('detail: signing up twice shows the Chinese message as a toast and on the page', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/activities': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(detail({ can: ['signUp'] }))
      if (body.action === 'signUp') return refuse('ACTIVITY.ALREADY_SIGNED_UP', '您已经报名了这个活动')
      return unknown
    },
  })
  openWith({ id: 'act-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('activity-signUp'))
  expect((await screen.findByTestId('activity-error')).textContent).toBe('您已经报名了这个活动')
  expect(toasts).toContain('您已经报名了这个活动')
})

test('detail: the typed code checks in; the page reads the activity again and shows the time', async () => {
  let state: ActivityDetail = detail({ id: 'act-running', state: 'closed', stateLabel: '报名截止', mine: 'seated', seatCount: 1, can: ['withdraw', 'checkIn'] })
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/activities': (req) => {
      const body = req.body as { action: string; code?: string }
      if (body.action === 'get') return ok(state)
      if (body.action === 'checkIn') {
        if (body.code !== '246810') return refuse('ACTIVITY.BAD_CODE', '这不是本活动的签到码')
        state = { ...state, myAttendance: { checkInAt: '2026-11-22T01:02:00.000Z', checkOutAt: null }, can: ['checkOut'] }
        return ok({ activityId: 'act-running', title: '水利知识进社区', name: '李建国', action: 'checkIn', already: false, at: '2026-11-22T01:02:00.000Z' })
      }
      return unknown
    },
  })
  openWith({ id: 'act-running' })
  render(<DetailPage />)
  await screen.findByTestId('activity-checkin')
  fireEvent.input(screen.getByTestId('activity-code'), { target: { value: '111111' } })
  fireEvent.click(screen.getByTestId('activity-code-submit'))
  expect((await screen.findByTestId('activity-error')).textContent).toBe('这不是本活动的签到码')
  fireEvent.input(screen.getByTestId('activity-code'), { target: { value: '246810' } })
  fireEvent.click(screen.getByTestId('activity-code-submit'))
  expect((await screen.findByTestId('activity-checkin-at')).textContent).toBe('签到时间：2026-11-22 09:02')
  expect(toasts).toContain('签到成功')
  expect(screen.getByTestId('activity-checkin').getAttribute('data-verb')).toBe('checkOut')
  expect(sent().filter((b) => b.action === 'checkIn').map((b) => b.code)).toEqual(['111111', '246810'])
})

test('detail: opened by WeChat’s scan of the check-in code, it checks in once by itself', async () => {
  let state: ActivityDetail = detail({ id: 'act-running', mine: 'seated', can: ['checkIn'] })
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/activities': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(state)
      if (body.action === 'checkIn') {
        state = { ...state, myAttendance: { checkInAt: '2026-11-22T01:02:00.000Z', checkOutAt: null }, can: [] }
        return ok({ activityId: 'act-running', title: 't', name: '李建国', action: 'checkIn', already: false, at: '2026-11-22T01:02:00.000Z' })
      }
      return unknown
    },
  })
  openWith({ scene: 'k%3Aact-running%3A135790' })
  render(<DetailPage />)
  await screen.findByTestId('activity-checkin-at')
  expect(screen.getByTestId('page-activity-detail').getAttribute('data-id')).toBe('act-running')
  expect(sent().filter((b) => b.action === 'checkIn')).toEqual([{ action: 'checkIn', id: 'act-running', code: '135790' }])
})

test('detail: the organiser’s roster, 签到管理 and 核对时长 open their pages; 取消活动 sends the reason', async () => {
  let state: ActivityDetail = detail({
    isOrganiser: true,
    seatCount: 1,
    roster: { seated: [{ userId: 'u-li', name: '李建国' }], waiting: [] },
    can: ['closeSignup', 'cancel', 'showCode', 'scanCard', 'adjust', 'book'],
  })
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': (req) => {
      const body = req.body as { action: string; verb?: string; reason?: string }
      if (body.action === 'get') return ok(state)
      if (body.action === 'transition' && body.verb === 'cancel') {
        state = { ...state, state: 'cancelled', stateLabel: '已取消', reason: body.reason!, can: [], timeline: [{ verb: 'cancel', label: '取消活动', byName: '陈红', at: '2026-11-21T01:00:00.000Z', reason: body.reason! }] }
        return ok(state)
      }
      return unknown
    },
  })
  openWith({ id: 'act-1' })
  render(<DetailPage />)
  expect((await screen.findByTestId('activity-roster-seated')).textContent).toBe('已报名（1）：李建国')
  fireEvent.click(screen.getByTestId('activity-console'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/activities/pages/console/index?id=act-1' })
  fireEvent.click(screen.getByTestId('activity-hours'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/activities/pages/hours/index?id=act-1' })
  fireEvent.click(screen.getByTestId('activity-cancel'))
  fireEvent.input(screen.getByTestId('activity-form-text'), { target: { value: '天气原因改期' } })
  fireEvent.click(screen.getByTestId('activity-form-submit'))
  await waitFor(() => expect(screen.getByTestId('activity-state').textContent).toBe('已取消'))
  expect(screen.getByTestId('activity-reason').textContent).toContain('天气原因改期')
  expect(screen.getByTestId('activity-step-reason').textContent).toBe('原因：天气原因改期')
  expect(sent().find((b) => b.action === 'transition')).toEqual({ action: 'transition', id: 'act-1', verb: 'cancel', reason: '天气原因改期' })
})

test('create: the function’s ENDS_BEFORE_START sits under 结束时间; once saved the page is replaced by the activity', async () => {
  let answer: 'refuse' | 'ok' = 'refuse'
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'organiserOptions') return ok([{ kind: 'community', id: 'org-beimen', name: '北门社区', places: [{ id: 'org-beimen', name: '北门社区' }] }])
      if (body.action === 'themes') return ok({ county: { id: 'org-longmen', name: '龙门县' }, year: 2026, months: [], canEdit: false })
      if (body.action === 'create') return answer === 'refuse' ? refuse('ACTIVITY.ENDS_BEFORE_START', '结束时间必须晚于开始时间', 400) : ok(detail({ id: 'act-new', state: 'draft', stateLabel: '草稿' }))
      return unknown
    },
  })
  openWith({})
  render(<CreatePage />)
  fireEvent.input(await screen.findByTestId('new-title'), { target: { value: '周末社区清洁' } })
  fireEvent.input(screen.getByTestId('new-address'), { target: { value: '北门花园东门' } })
  fireEvent.click(screen.getByTestId('new-draft'))
  expect((await screen.findByTestId('new-endAt-error')).textContent).toBe('结束时间必须晚于开始时间')
  answer = 'ok'
  fireEvent.click(screen.getByTestId('new-draft'))
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/detail/index?id=act-new' }))
  const created = sent().filter((b) => b.action === 'create')
  expect(created[1]).toMatchObject({ organiser: { kind: 'community', id: 'org-beimen' }, placeNodeId: 'org-beimen', title: '周末社区清洁', publish: false })
  expect(toasts).toContain('已保存草稿')
})

test('create: someone who may organise nowhere is told so', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/activities': (req) => ((req.body as { action: string }).action === 'organiserOptions' ? ok([]) : ok({ county: { id: 'c', name: '龙门县' }, year: 2026, months: [], canEdit: false })),
  })
  openWith({})
  render(<CreatePage />)
  expect((await screen.findByTestId('activity-new-none')).textContent).toContain('不能组织活动')
})

const codeAnswer = (over: Partial<CheckInCode> = {}): CheckInCode => ({
  code: '123456',
  scene: 'k:act-running:123456',
  page: 'packages/activities/pages/detail/index',
  imageBase64: 'iVBORw0KGgo=',
  contentType: 'image/png',
  refreshAt: new Date(Date.now() + 30_000).toISOString(),
  checkedIn: 0,
  ...over,
})

test('console: the code, its 6 digits and the count; asked again at refreshAt, and no more once the page is gone', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
  let n = 0
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': (req) => {
      if ((req.body as { action: string }).action !== 'checkInCode') return unknown
      n++
      return ok(codeAnswer({ code: n === 1 ? '123456' : '654321', checkedIn: n - 1 }))
    },
  })
  openWith({ id: 'act-running' })
  const page = render(<ConsolePage />)
  await act(async () => {
    await jest.advanceTimersByTimeAsync(10)
  })
  await waitFor(() => expect(screen.getByTestId('checkin-code').textContent).toBe('123456'))
  expect(screen.getByTestId('checkin-image').getAttribute('src') ?? screen.getByTestId('checkin-image').innerHTML).toContain('data:image/png;base64,iVBORw0KGgo=')
  expect(screen.getByTestId('checkin-count').textContent).toBe('已签到 0 人')
  await act(async () => {
    await jest.advanceTimersByTimeAsync(31_000)
  })
  await waitFor(() => expect(screen.getByTestId('checkin-code').textContent).toBe('654321'))
  expect(screen.getByTestId('checkin-count').textContent).toBe('已签到 1 人')
  page.unmount()
  const asked = n
  await act(async () => {
    await jest.advanceTimersByTimeAsync(120_000)
  })
  expect(n).toBe(asked)
})

test('console: on h5 the 报到证 payload is pasted; the answer is said with the name', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': (req) => {
      const body = req.body as { action: string; payload?: string }
      if (body.action === 'checkInCode') return ok(codeAnswer({ refreshAt: new Date(Date.now() + 600_000).toISOString() }))
      if (body.action === 'scanCard') {
        if (body.payload !== 'reg:r-li') return refuse('ACTIVITY.BAD_CARD', '这不是有效的报到证二维码', 400)
        return ok({ activityId: 'act-running', title: '水利知识进社区', name: '李建国', action: 'checkIn', already: false, at: '2026-11-22T01:05:00.000Z' })
      }
      return unknown
    },
  })
  openWith({ id: 'act-running' })
  render(<ConsolePage />)
  fireEvent.input(await screen.findByTestId('console-card-input'), { target: { value: 'hello' } })
  fireEvent.click(screen.getByTestId('console-card-submit'))
  expect((await screen.findByTestId('console-last')).textContent).toBe('这不是有效的报到证二维码')
  fireEvent.input(screen.getByTestId('console-card-input'), { target: { value: ' reg:r-li ' } })
  fireEvent.click(screen.getByTestId('console-card-submit'))
  await waitFor(() => expect(screen.getByTestId('console-last').textContent).toBe('李建国 已签到（09:05）'))
  expect(toasts).toContain('李建国 已签到')
  expect(sent().filter((b) => b.action === 'scanCard').map((b) => b.payload)).toEqual(['hello', 'reg:r-li'])
})

test('console words: check-out, and a card scanned twice', () => {
  expect(attendanceText({ name: '李建国', action: 'checkOut', already: false })).toBe('李建国 已签退')
  expect(attendanceText({ name: '李建国', action: 'checkIn', already: true })).toBe('李建国 已签到过了')
})

test('hours: correct 李建国 to 1.5 h with a reason, then 确认入账; the booked list only reads', async () => {
  let state: HoursListView = hoursView({ lines: hoursView().lines.slice(0, 1) })
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': (req) => {
      const body = req.body as { action: string; hours?: number; reason?: string }
      if (body.action === 'hoursList') return ok(state)
      if (body.action === 'adjust') {
        const line = { ...state.lines[0], hours: body.hours!, adjustment: { hours: body.hours!, declined: false, reason: body.reason!, byName: '陈红', at: '2026-11-22T02:00:00.000Z' } }
        state = { ...state, lines: [line], totalHours: body.hours! }
        return ok(state)
      }
      if (body.action === 'book') {
        state = { ...state, state: 'booked', stateLabel: '时长已入账', canEdit: false, booking: { people: 1, hours: state.totalHours, at: '2026-11-22T03:00:00.000Z' } }
        return ok(state)
      }
      return unknown
    },
  })
  openWith({ id: 'act-held' })
  render(<HoursPage />)
  fireEvent.click(await screen.findByTestId('hours-adjust'))
  fireEvent.click(screen.getByTestId('hours-form-hours-minus'))
  fireEvent.input(screen.getByTestId('hours-form-reason'), { target: { value: '中途离开半小时' } })
  fireEvent.click(screen.getByTestId('hours-form-submit'))
  await waitFor(() => expect(screen.getByTestId('hours-line-hours').textContent).toBe('1.5 小时'))
  expect(screen.getByTestId('hours-line-note').textContent).toContain('改为 1.5 小时（中途离开半小时）')
  fireEvent.click(screen.getByTestId('hours-book'))
  await waitFor(() => expect(screen.getByTestId('hours-booked').textContent).toContain('已入账：1 人 共 1.5 小时'))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认入账？', content: '1 人 共 1.5 小时，入账后不能再修改。' }))
  expect(screen.queryByTestId('hours-adjust')).toBeNull()
  expect(screen.getByTestId('hours-state').textContent).toBe('时长已入账')
  expect(sent().filter((b) => b.action !== 'hoursList')).toEqual([
    { action: 'adjust', id: 'act-held', userId: 'u-li', reason: '中途离开半小时', hours: 1.5 },
    { action: 'book', id: 'act-held' },
  ])
})

test('hours: a refusal is said on the page', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/activities': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'hoursList') return ok(hoursView())
      if (body.action === 'book') return refuse('ACTIVITY.ALREADY_BOOKED', '这个活动的时长已经入账了')
      return unknown
    },
  })
  openWith({ id: 'act-held' })
  render(<HoursPage />)
  fireEvent.click(await screen.findByTestId('hours-book'))
  expect((await screen.findByTestId('hours-error')).textContent).toBe('这个活动的时长已经入账了')
  expect(within(screen.getByTestId('page-activity-hours')).getAllByTestId('hours-line')).toHaveLength(2)
})
