import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { OrderDetail } from '@domain/api/orders'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { orderDetail } from '@/test-support/orders'
import DetailPage from './detail/index'
import ItemsPage from './items/index'
import OrderPage from './order/index'
import SettingsPage from './settings/index'
import { timeChoices } from './order/times'

let backend: ReturnType<typeof stubFetch>
let redirectTo: jest.SpyInstance

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/orders/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })
const ordersSent = () => backend.calls.filter((c) => c.path === '/api/orders').map((c) => c.body as Record<string, unknown>)

const detail = orderDetail

test('time choices: 尽快 at least half an hour ahead, then only slots still ahead, in China time', () => {
  // 2026-11-20 16:10 China time: today's 3 pm has passed.
  const choices = timeChoices(new Date('2026-11-20T08:10:00.000Z'))
  expect(choices.map((c) => [c.id, c.at])).toEqual([
    ['soon', '2026-11-20T09:00:00.000Z'],
    ['tomorrow-am', '2026-11-21T01:00:00.000Z'],
    ['tomorrow-pm', '2026-11-21T07:00:00.000Z'],
    ['after-am', '2026-11-22T01:00:00.000Z'],
    ['after-pm', '2026-11-22T07:00:00.000Z'],
  ])
  expect(timeChoices(new Date('2026-11-20T01:00:00.000Z'))[1]).toEqual({ id: 'today-pm', label: '今天下午3点', at: '2026-11-20T07:00:00.000Z' })
})

test('the order form sends 其他 with its category, the building, the time chosen and urgency; a retry keeps the id', async () => {
  let fail = true
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-resident' })),
    '/api/registration': () => ok({ units: [], communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], buildings: [{ id: 'org-beimen-b1', name: '1栋', compoundName: '北门花园' }] }),
    '/api/orders': (req) => {
      const body = req.body as { action: string; id?: string }
      if (body.action === 'listItems') return ok({ items: [], canEdit: false })
      if (fail) return { networkError: true }
      return ok(detail({ id: body.id, state: 'ordered', stateLabel: '待接单' }))
    },
  })
  openWith({ communityId: 'org-beimen', itemId: 'other' })
  render(<OrderPage />)
  const page = screen.getByTestId('page-order-new')
  await within(page).findByTestId('order-description')
  fireEvent.click(screen.getByTestId('order-category'))
  fireEvent.click(within(screen.getByTestId('order-category-sheet')).getAllByTestId('select-option').find((o) => o.getAttribute('data-value') === '维修')!)
  fireEvent.input(screen.getByTestId('order-description'), { target: { value: ' 帮忙修水管 ' } })
  fireEvent.click(screen.getByTestId('order-building'))
  fireEvent.click(within(screen.getByTestId('order-building-sheet')).getAllByTestId('select-option').find((o) => o.getAttribute('data-value') === 'org-beimen-b1')!)
  const urgent = within(screen.getByTestId('order-urgency')).getAllByTestId('order-chip')[1]
  fireEvent.click(urgent)
  fireEvent.click(screen.getByTestId('order-submit'))
  expect((await screen.findByTestId('order-submit-error')).getAttribute('data-code')).toBe('NETWORK.UNAVAILABLE')
  fail = false
  fireEvent.click(screen.getByTestId('order-submit'))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  const sent = ordersSent().filter((b) => b.action === 'order')
  expect(sent).toHaveLength(2)
  expect(sent[0].id).toBe(sent[1].id)
  expect(sent[1]).toMatchObject({ communityId: 'org-beimen', buildingId: 'org-beimen-b1', itemId: null, category: '维修', description: '帮忙修水管', urgency: 'urgent' })
  expect(redirectTo).toHaveBeenCalledWith({ url: `/packages/orders/pages/detail/index?id=${sent[0].id}` })
})

test('the order page: the member it was dispatched to gets 接受派单, which sends the step and shows the order again', async () => {
  let state: OrderDetail = detail({ can: ['acceptDispatch', 'declineDispatch'] })
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-li', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })),
    '/api/orders': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(state)
      if (body.action === 'acceptDispatch') {
        state = detail({ state: 'claimed', stateLabel: '待服务', can: ['start', 'release'], timeline: [...state.timeline, { verb: 'acceptDispatch', label: '党员接单', text: '党员接单', from: 'dispatched_member', to: 'claimed', byName: '李建国', at: '2026-11-20T02:00:00.000Z' }] })
        return ok({ id: 'o-1', state: 'claimed', stateLabel: '待服务', entry: state.timeline[1] })
      }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  const actions = await screen.findByTestId('order-actions')
  expect(actions.getAttribute('data-verbs')).toBe('acceptDispatch declineDispatch')
  fireEvent.click(screen.getByTestId('order-acceptDispatch'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('待服务'))
  expect(screen.getByTestId('order-actions').getAttribute('data-verbs')).toBe('start release')
  expect(screen.getAllByTestId('order-step').map((s) => s.getAttribute('data-verb'))).toEqual(['order', 'acceptDispatch'])
  expect(ordersSent().some((b) => b.action === 'acceptDispatch' && b.id === 'o-1')).toBe(true)
})

test('the order page: a refused step shows the Chinese message and the order as it is now', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-li', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })),
    '/api/orders': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(detail({ state: 'pooled', stateLabel: '待领单', assigneeName: null, assigneeId: null, can: ['claim'] }))
      if (body.action === 'claim') return { status: 409, json: { code: 'ORDER.ALREADY_CLAIMED', message: '手慢了，这个服务单已经被其他党员领取' } }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-claim'))
  expect((await screen.findByTestId('order-error')).textContent).toBe('手慢了，这个服务单已经被其他党员领取')
})

test('the page shows exactly the buttons in can and asks for no lists; 放入领单池 offers the community and its grids and refreshes the timeline', async () => {
  let state: OrderDetail = detail({ state: 'accepted', stateLabel: '待派单', assigneeName: null, assigneeId: null, can: ['merge', 'dispatchToMember', 'dispatchToUnit', 'pool', 'cancel'] })
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-chen', roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })),
    '/api/org': (req) => {
      const { parentId } = req.body as { parentId: string }
      if (parentId === 'org-beimen')
        return ok({ parent: { id: 'org-beimen', kind: 'community', name: '北门社区', parentId: 'org-longcheng' }, children: [{ id: 'org-beimen-garden', kind: 'compound', name: '北门花园', parentId: 'org-beimen' }] })
      return ok({ parent: { id: parentId, kind: 'compound', name: '北门花园', parentId: 'org-beimen' }, children: [{ id: 'org-beimen-grid-1', kind: 'grid', name: '北门第一网格', parentId }] })
    },
    '/api/orders': (req) => {
      const body = req.body as { action: string; pool?: { kind: string; id: string } }
      if (body.action === 'get') return ok(state)
      if (body.action === 'pool') {
        const entry = { verb: 'pool', label: '放入领单池', text: '放入北门第一网格领单池', from: 'accepted' as const, to: 'pooled' as const, byName: '陈红', at: '2026-11-20T02:00:00.000Z' }
        state = { ...state, state: 'pooled', stateLabel: '待领单', can: ['dispatchToMember', 'dispatchToUnit', 'recall', 'cancel'], timeline: [...state.timeline, entry] }
        return ok({ id: 'o-1', state: 'pooled', stateLabel: '待领单', entry })
      }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  const actions = await screen.findByTestId('order-actions')
  expect(actions.getAttribute('data-verbs')).toBe('merge recommend dispatchToUnit pool cancel')
  fireEvent.click(screen.getByTestId('order-pool'))
  const options = await within(await screen.findByTestId('order-pick')).findAllByTestId('order-option')
  expect(options.map((o) => [o.getAttribute('data-value'), o.textContent])).toEqual([
    ['community:org-beimen', '北门社区领单池全社区的党员都可领'],
    ['grid:org-beimen-grid-1', '北门第一网格领单池北门花园的党员可领'],
  ])
  fireEvent.click(options[1])
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('待领单'))
  expect(screen.getByTestId('order-actions').getAttribute('data-verbs')).toBe('recommend dispatchToUnit recall cancel')
  expect(screen.getAllByTestId('order-step').map((s) => s.getAttribute('data-verb'))).toEqual(['order', 'pool'])
  const sent = ordersSent()
  expect(sent.find((b) => b.action === 'pool')).toEqual({ action: 'pool', id: 'o-1', seen: 'accepted', pool: { kind: 'grid', id: 'org-beimen-grid-1' } })
  // `can` says who may press what: the page no longer guesses from the caller's own lists.
  expect(sent.some((b) => b.action === 'mine' || b.action === 'assigned')).toBe(false)
})

test('a refused pick shows the Chinese message (合并 into an order another admin just closed)', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-chen', roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })),
    '/api/orders': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(detail({ state: 'ordered', stateLabel: '待接单', can: ['accept', 'decline', 'merge'] }))
      if (body.action === 'queue') return ok({ items: [detail({ id: 'o-2', state: 'accepted', stateLabel: '待派单', description: '厨房水管漏水' }), detail({ id: 'o-1' })], total: 2 })
      if (body.action === 'merge') return { status: 409, json: { code: 'ORDER.DUPLICATE_CLOSED', message: '要合并到的服务单已经办结，请选择其他服务单' } }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok', content: '' }))
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-merge'))
  // The order itself is not offered as its own duplicate.
  const options = await screen.findAllByTestId('order-option')
  expect(options.map((o) => o.getAttribute('data-value'))).toEqual(['o-2'])
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  expect((await screen.findByTestId('order-error')).textContent).toBe('要合并到的服务单已经办结，请选择其他服务单')
  expect(ordersSent().find((b) => b.action === 'merge')).toEqual({ action: 'merge', id: 'o-1', seen: 'ordered', intoId: 'o-2' })
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '合并到重复的服务单？' }))
})

const admin = () => who({ id: 'u-chen', roles: [role('resident'), { kind: 'community_admin', label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }], activeRole: 'community_admin' })

test('服务清单: the community admin sees every item, adds one and the list is read again', async () => {
  const items = [{ id: 'si-lamp', communityId: 'org-beimen', category: '维修', title: '楼道灯每月巡检', description: '', skills: [], expectedHours: 2, capacity: 3, standing: true, active: false, joined: 0, seatsLeft: 3, mine: false }]
  backend = stubFetch({
    '/api/users': usersBackend(admin()),
    '/api/orders': (req) => {
      const body = req.body as Record<string, unknown>
      if (body.action === 'listItems') return ok({ items, canEdit: true })
      if (body.action === 'saveItem') {
        const { action: _a, ...input } = body
        const item = { ...(input as object), joined: 0, seatsLeft: 1, mine: false, active: true } as (typeof items)[number]
        items.push(item)
        return ok(item)
      }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  openWith({})
  render(<ItemsPage />)
  const row = await screen.findByTestId('admin-item')
  expect([row.getAttribute('data-id'), row.getAttribute('data-active')]).toEqual(['si-lamp', 'false'])
  expect(screen.getByTestId('page-order-items').getAttribute('data-community')).toBe('org-beimen')
  fireEvent.click(screen.getByTestId('items-add'))
  fireEvent.click(screen.getByTestId('item-category'))
  fireEvent.click(within(screen.getByTestId('item-category-sheet')).getAllByTestId('select-option').find((o) => o.getAttribute('data-value') === '助老')!)
  fireEvent.input(screen.getByTestId('item-title'), { target: { value: '陪老人去医院' } })
  fireEvent.click(screen.getByTestId('item-save'))
  await waitFor(() => expect(screen.getAllByTestId('admin-item')).toHaveLength(2))
  const save = ordersSent().find((b) => b.action === 'saveItem')!
  expect(save).toMatchObject({ communityId: 'org-beimen', category: '助老', title: '陪老人去医院', capacity: 1, standing: false, active: true })
  expect(String(save.id)).toMatch(/^si-/)
  expect(ordersSent().filter((b) => b.action === 'listItems')).toHaveLength(2)
})

test('时限设置: reads the limits, saves the changed ones and shows what the function kept', async () => {
  let settings = { acceptHours: 24, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 }
  let isDefault = true
  backend = stubFetch({
    '/api/users': usersBackend(admin()),
    '/api/orders': (req) => {
      const body = req.body as { action: string; settings?: typeof settings }
      if (body.action === 'getSettings') return ok({ communityId: 'org-beimen', communityName: '北门社区', settings, isDefault })
      if (body.action === 'setSettings') {
        settings = body.settings!
        isDefault = false
        return ok({ communityId: 'org-beimen', communityName: '北门社区', settings, isDefault })
      }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  openWith({ communityId: 'org-beimen' })
  render(<SettingsPage />)
  expect((await screen.findByTestId('settings-form')).getAttribute('data-default')).toBe('true')
  fireEvent.input(screen.getByTestId('settings-claimHours'), { target: { value: '12' } })
  fireEvent.click(screen.getByTestId('settings-save'))
  await waitFor(() => expect(screen.getByTestId('settings-form').getAttribute('data-default')).toBe('false'))
  expect(ordersSent().find((b) => b.action === 'setSettings')).toEqual({ action: 'setSettings', communityId: 'org-beimen', settings: { acceptHours: 24, dispatchHours: 24, claimHours: 12, finishHours: 48, urgentScale: 0.5 } })
})

const unitAdmin = () => who({ id: 'u-liu', roles: [role('resident'), { kind: 'unit_admin', label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' }], activeRole: 'unit_admin' })

const memberRow = (over: Record<string, unknown>) => ({
  id: 'reg-li',
  name: '李建国',
  phone: '138****1002',
  state: 'registered',
  stateLabel: '已报到',
  reported: true,
  unitName: '县水利局',
  communityName: '北门社区',
  compoundId: null,
  compoundName: null,
  buildingId: 'org-beimen-b2',
  buildingName: '2栋',
  skills: ['水电维修'],
  createdAt: '2026-11-01T01:00:00.000Z',
  ...over,
})

function unitBackend(rows: Record<string, unknown>[]) {
  let state = detail({ state: 'dispatched_unit', stateLabel: '待单位分派', assigneeName: null, assigneeId: null, unitId: 'unit-water-bureau', can: ['passToMember'] })
  return stubFetch({
    '/api/users': usersBackend(unitAdmin()),
    '/api/members': () => ok({ unit: { id: 'unit-water-bureau', name: '县水利局' }, items: rows, counts: { total: rows.length, registered: rows.length, pending: 0 } }),
    '/api/orders': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(state)
      if (body.action === 'passToMember') {
        const entry = { verb: 'passToMember', label: '单位转派', text: '单位转派给李建国', from: 'dispatched_unit' as const, to: 'dispatched_member' as const, byName: '刘洋', at: '2026-11-20T03:00:00.000Z' }
        state = { ...state, state: 'dispatched_member', stateLabel: '待党员接单', assigneeName: '李建国', can: [], timeline: [...state.timeline, entry] }
        return ok({ id: 'o-1', state: 'dispatched_member', stateLabel: '待党员接单', entry })
      }
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
}

test('转派给本单位党员: the unit’s members reported in the order’s community, by user id; the pass shows on the timeline', async () => {
  backend = unitBackend([
    memberRow({ userId: 'user-li' }),
    memberRow({ id: 'reg-huang', name: '黄志明', userId: 'user-huang', reported: false, state: 'pending_unit' }),
    memberRow({ id: 'reg-ma', name: '马晓东', userId: 'user-ma', communityName: '城南社区' }),
  ])
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-passToMember'))
  const options = await screen.findAllByTestId('order-option')
  expect(options.map((o) => [o.getAttribute('data-value'), o.textContent])).toEqual([['user-li', '李建国2栋 · 水电维修']])
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('待党员接单'))
  expect(screen.getAllByTestId('order-step').map((s) => s.getAttribute('data-verb'))).toEqual(['order', 'passToMember'])
  expect(ordersSent().find((b) => b.action === 'passToMember')).toEqual({ action: 'passToMember', id: 'o-1', memberId: 'user-li' })
  expect(backend.to('/api/members').map((c) => c.body)).toEqual([{ action: 'unitMembers', unitId: 'unit-water-bureau' }])
})

test('转派给本单位党员: an imported member without an account is shown greyed with why, cannot be chosen, nothing is sent', async () => {
  backend = unitBackend([memberRow({ userId: null, id: 'reg-qian', name: '钱导入' })])
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-passToMember'))
  const [only] = await screen.findAllByTestId('order-option')
  expect(only.getAttribute('data-disabled')).toBe('true')
  expect(only.textContent).toBe('钱导入还没有登录过小程序，暂不能转派')
  fireEvent.click(only)
  expect(only.getAttribute('data-selected')).toBe('false')
  expect(screen.queryByTestId('order-pick-submit')).toBeNull()
  expect(ordersSent().some((b) => b.action === 'passToMember')).toBe(false)
})

test('转派给本单位党员: members with an account first and chosen when they are the only one; the one without is greyed', async () => {
  backend = unitBackend([memberRow({ userId: null, id: 'reg-qian', name: '钱导入' }), memberRow({ userId: 'user-li' })])
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-passToMember'))
  const options = await screen.findAllByTestId('order-option')
  expect(options.map((o) => [o.getAttribute('data-value'), o.getAttribute('data-disabled'), o.getAttribute('data-selected')])).toEqual([
    ['user-li', 'false', 'true'],
    ['registration:reg-qian', 'true', 'false'],
  ])
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('待党员接单'))
  expect(ordersSent().find((b) => b.action === 'passToMember')).toEqual({ action: 'passToMember', id: 'o-1', memberId: 'user-li' })
})

test('a merged order points to the one it joined', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-resident' })),
    '/api/orders': () => ok(detail({ state: 'merged', stateLabel: '已合并', assigneeName: null, mergedInto: 'o-2' })),
  })
  openWith({ id: 'o-1' })
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-merged-into'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/orders/pages/detail/index?id=o-2' })
  expect(screen.queryByTestId('order-actions')).toBeNull()
})
