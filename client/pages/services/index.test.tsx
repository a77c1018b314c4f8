import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { OrderRow, ServiceItemView } from '@domain/api/orders'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import ServicesPage from './index'

let backend: ReturnType<typeof stubFetch>

beforeEach(() => {
  whoAmIStore.reset()
  window.localStorage.clear()
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
})

const row = (id: string, over: Partial<OrderRow> = {}): OrderRow => ({
  id,
  state: 'ordered',
  stateLabel: '待接单',
  category: '维修',
  description: '帮忙修水管',
  skills: [],
  preferredAt: '2026-11-21T06:00:00.000Z',
  urgency: 'normal',
  urgencyLabel: '一般',
  residentName: '王秀英',
  communityName: '北门社区',
  buildingName: '北门花园1栋',
  assigneeName: null,
  overdue: null,
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  ...over,
})

const item: ServiceItemView = {
  id: 'item-light',
  communityId: 'org-beimen',
  category: '维修',
  title: '楼道灯维修',
  description: '',
  skills: [],
  expectedHours: 1,
  capacity: 1,
  standing: false,
  active: true,
  joined: 0,
  seatsLeft: 1,
  mine: false,
}

const ok = (data: unknown) => ({ json: { code: 0, data } })

test('a resident: the service list of their community plus 其他 opens the form; 我的服务单 lists their orders', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  const asked: string[] = []
  backend = stubFetch({
    '/api/users': usersBackend(who()),
    '/api/registration': () => ok({ units: [], communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], buildings: [] }),
    '/api/orders': (req) => {
      const body = req.body as { action: string; communityId?: string }
      asked.push(body.action)
      if (body.action === 'listItems') return ok({ items: [item], canEdit: false })
      if (body.action === 'mine') return ok({ items: [row('o1', { state: 'claimed', stateLabel: '待服务', assigneeName: '李建国' })] })
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  render(<ServicesPage />)
  const page = screen.getByTestId('page-services')
  const items = await within(page).findAllByTestId('service-item')
  expect(items.map((i) => i.getAttribute('data-id'))).toEqual(['item-light', 'other'])
  expect(page.getAttribute('data-view')).toBe('resident')
  const card = await within(page).findByTestId('order-card')
  expect(card.textContent).toContain('服务党员：李建国')
  fireEvent.click(items[1])
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/orders/pages/order/index?communityId=org-beimen&itemId=other' })
  fireEvent.click(card)
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/orders/pages/detail/index?id=o1' })
  expect(asked.sort()).toEqual(['listItems', 'mine'])
})

test('a member: their tasks and the pool', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })),
    '/api/registration': () => ok({ units: [], communities: [], buildings: [] }),
    '/api/orders': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'assigned') return ok({ items: [row('o2', { state: 'dispatched_member', stateLabel: '待党员接单' })] })
      if (body.action === 'poolList') return ok({ items: [] })
      if (body.action === 'listItems') return ok({ items: [{ ...item, standing: true, title: '楼道灯每月巡检' }], canEdit: false })
      return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
  render(<ServicesPage />)
  const assigned = await screen.findByTestId('assigned-orders')
  await waitFor(() => expect(within(assigned).getAllByTestId('order-card').map((c) => c.getAttribute('data-state'))).toEqual(['dispatched_member']))
  expect((await screen.findByTestId('pool-orders-empty')).textContent).toContain('领单池里暂时没有')
  // The member's community (their member role) lists its standing items to claim.
  expect((await screen.findByTestId('order-service-item')).textContent).toContain('楼道灯每月巡检')
  expect(backend.calls.some((c) => (c.body as { action?: string; communityId?: string })?.action === 'listItems' && (c.body as { communityId?: string }).communityId === 'scope-member')).toBe(true)
})

test('a community admin: the queue by state, overdue counted and flagged, filters ask again', async () => {
  const asked: unknown[] = []
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })),
    '/api/orders': (req) => {
      const body = req.body as { action: string; state?: string }
      asked.push(body)
      const late = row('o3', { overdue: { label: '超时未接单', level: 'street', levelLabel: '街道党工委', deadline: '2026-11-21T01:00:00.000Z' } })
      const items = body.state === 'accepted' ? [row('o4', { state: 'accepted', stateLabel: '待派单' })] : [late, row('o5')]
      return ok({ items, total: items.length })
    },
  })
  render(<ServicesPage />)
  expect((await screen.findByTestId('queue-count')).textContent).toBe('共 2 单，超时 1 单')
  expect(screen.getAllByTestId('order-card').map((c) => c.getAttribute('data-overdue'))).toEqual(['true', 'false'])
  expect(asked[0]).toEqual({ action: 'queue', communityId: 'scope-community_admin' })
  fireEvent.click(screen.getAllByTestId('queue-chip').find((c) => c.getAttribute('data-value') === 'overdue')!)
  await waitFor(() => expect(screen.getAllByTestId('order-card').map((c) => c.getAttribute('data-id'))).toEqual(['o3']))
  fireEvent.click(screen.getAllByTestId('queue-chip').find((c) => c.getAttribute('data-value') === 'accepted')!)
  await waitFor(() => expect(screen.getAllByTestId('order-card').map((c) => c.getAttribute('data-id'))).toEqual(['o4']))
  expect(asked).toContainEqual({ action: 'queue', communityId: 'scope-community_admin', state: 'accepted' })
})

test('a community admin reaches 服务清单 and 时限设置 from the tab', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })),
    '/api/orders': () => ok({ items: [], total: 0 }),
  })
  render(<ServicesPage />)
  fireEvent.click(await screen.findByTestId('services-edit-items'))
  fireEvent.click(screen.getByTestId('services-edit-settings'))
  expect(navigateTo.mock.calls.map((c) => c[0])).toEqual([
    { url: '/packages/orders/pages/items/index?communityId=scope-community_admin' },
    { url: '/packages/orders/pages/settings/index?communityId=scope-community_admin' },
  ])
})

test('a branch admin works the queue without the community’s list and limits', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('branch_admin', '北门花园小区党支部')], activeRole: 'branch_admin' })),
    '/api/org': () => ok({ parent: { id: 'scope-branch_admin', kind: 'compound', name: '北门花园', parentId: 'org-beimen' }, children: [] }),
    '/api/orders': () => ok({ items: [], total: 0 }),
  })
  render(<ServicesPage />)
  await screen.findByTestId('queue-count')
  expect(screen.queryByTestId('services-admin-links')).toBeNull()
})

test('a unit admin: 派给本单位的服务单, waiting ones and passed ones counted, late ones flagged, a row opens the order', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  const asked: unknown[] = []
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('unit_admin', '县水利局')], activeRole: 'unit_admin' })),
    '/api/orders': (req) => {
      asked.push(req.body)
      const late = row('o6', { state: 'dispatched_unit', stateLabel: '待单位分派', overdue: { label: '超时无人接单', level: 'branch', levelLabel: '小区党支部', deadline: '2026-11-21T01:00:00.000Z' } })
      const items = [late, row('o7', { state: 'claimed', stateLabel: '待服务', assigneeName: '李建国' })]
      return ok({ items, total: items.length })
    },
  })
  render(<ServicesPage />)
  const page = screen.getByTestId('page-services')
  expect((await within(page).findByTestId('unit-count')).textContent).toBe('待转派 1 单，已转派未办结 1 单，超时 1 单')
  expect(page.getAttribute('data-view')).toBe('unit')
  const list = screen.getByTestId('unit-orders')
  expect(within(list).getAllByTestId('order-card').map((c) => [c.getAttribute('data-id'), c.getAttribute('data-overdue')])).toEqual([
    ['o6', 'true'],
    ['o7', 'false'],
  ])
  expect(asked).toEqual([{ action: 'unitQueue' }])
  fireEvent.click(within(list).getAllByTestId('order-card')[0])
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/orders/pages/detail/index?id=o6' })
})

test('a unit admin with nothing sent to the unit: says so', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('unit_admin', '县水利局')], activeRole: 'unit_admin' })),
    '/api/orders': () => ok({ items: [], total: 0 }),
  })
  render(<ServicesPage />)
  expect((await screen.findByTestId('unit-orders-empty')).textContent).toBe('社区暂时没有派给本单位的服务单。')
})
