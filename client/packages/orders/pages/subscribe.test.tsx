import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { OrderDetail } from '@domain/api/orders'
import { ORDER_TEMPLATE_DEFAULTS } from '@domain/notifications'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { orderDetail } from '@/test-support/orders'
import DetailPage from './detail/index'
import OrderPage from './order/index'

// The pages as WeChat builds them: the weapp subscriber (subscribe.weapp.ts) with the platform's
// requestSubscribeMessage doubled; the backend is the h5 transport over a stubbed fetch.
jest.mock('@/services/subscribe', () => jest.requireActual('@/services/subscribe.weapp'))

type Api = { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<Record<string, unknown>> }
const platform = Taro as unknown as Api
const original = platform.requestSubscribeMessage

let backend: ReturnType<typeof stubFetch>
let events: string[]

beforeEach(() => {
  whoAmIStore.reset()
  events = []
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }) as never)
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  platform.requestSubscribeMessage = original
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })

const detail = orderDetail

/** The order page over a backend whose order answers `can` and moves to `after` on any step. */
function orderBackend(can: OrderDetail['can'], after: Partial<OrderDetail>, person = who({ id: 'u-li', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })) {
  let state = detail({ can })
  return stubFetch({
    '/api/users': usersBackend(person),
    '/api/orders': (req) => {
      const { action } = req.body as { action: string }
      events.push(`orders.${action}`)
      if (action === 'get') return ok(state)
      state = detail({ ...after, can: [] })
      return ok({ id: 'o-1', state: state.state, stateLabel: state.stateLabel, entry: state.timeline[0] })
    },
  })
}

function answering(answer: 'accept' | 'reject') {
  platform.requestSubscribeMessage = jest.fn(async ({ tmplIds }) => {
    events.push(`subscribe ${tmplIds.join(',')}`)
    return Object.fromEntries(tmplIds.map((id) => [id, answer]))
  })
}

test('接受派单: the panel asks for the next dispatch inside the tap, before the acceptDispatch request', async () => {
  backend = orderBackend(['acceptDispatch', 'declineDispatch'], { state: 'claimed', stateLabel: '待服务' })
  const ask = jest.fn((_: { tmplIds: string[] }) => new Promise<Record<string, unknown>>((resolve) => setTimeout(() => resolve({}), 0)))
  platform.requestSubscribeMessage = (o) => {
    events.push(`subscribe ${o.tmplIds.join(',')}`)
    return ask(o)
  }
  ;(Current as { router: unknown }).router = { params: { id: 'o-1' }, path: '/packages/orders/pages/detail/index' }
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-acceptDispatch'))
  // Within the tap itself (WeChat opens the panel only from a user gesture): asked, nothing sent yet.
  expect(ask).toHaveBeenCalledTimes(1)
  expect(events).toEqual(['orders.get', `subscribe ${ORDER_TEMPLATE_DEFAULTS.orderDispatch}`])
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('待服务'))
  expect(events).toEqual(['orders.get', `subscribe ${ORDER_TEMPLATE_DEFAULTS.orderDispatch}`, 'orders.acceptDispatch', 'orders.get'])
})

test('接单 (the community admin): asked for overdue reminders, then accepted, even when every message is refused', async () => {
  backend = orderBackend(['accept', 'decline', 'merge'], { state: 'accepted', stateLabel: '待派单' }, who({ id: 'u-chen', roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' }))
  answering('reject')
  ;(Current as { router: unknown }).router = { params: { id: 'o-1' }, path: '/packages/orders/pages/detail/index' }
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-accept'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('待派单'))
  expect(events.slice(0, 3)).toEqual(['orders.get', `subscribe ${ORDER_TEMPLATE_DEFAULTS.orderOverdue}`, 'orders.accept'])
  expect(screen.queryByTestId('order-error')).toBeNull()
})

test('不满意，投诉 (after the modal): the resident is asked for when the redone work is done, then the complaint goes', async () => {
  backend = orderBackend(['confirm', 'complain'], { state: 'complained', stateLabel: '投诉处理中' }, who({ id: 'u-resident' }))
  answering('accept')
  ;(Current as { router: unknown }).router = { params: { id: 'o-1' }, path: '/packages/orders/pages/detail/index' }
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-complain'))
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: '水管还在漏' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('投诉处理中'))
  expect(events.slice(0, 3)).toEqual(['orders.get', `subscribe ${ORDER_TEMPLATE_DEFAULTS.orderDone}`, 'orders.complain'])
})

test('a step after which nothing reaches the person asks nothing (开始服务)', async () => {
  backend = orderBackend(['start', 'release'], { state: 'in_progress', stateLabel: '服务中' })
  answering('accept')
  ;(Current as { router: unknown }).router = { params: { id: 'o-1' }, path: '/packages/orders/pages/detail/index' }
  render(<DetailPage />)
  fireEvent.click(await screen.findByTestId('order-start'))
  await waitFor(() => expect(screen.getByTestId('order-state').textContent).toBe('服务中'))
  expect(platform.requestSubscribeMessage).not.toHaveBeenCalled()
  expect(events).toEqual(['orders.get', 'orders.start', 'orders.get'])
})

test('提交点单: the resident is asked (taken, done) inside the tap, before the order is sent', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-resident' })),
    '/api/registration': () => ok({ units: [], communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], buildings: [] }),
    '/api/orders': (req) => {
      const body = req.body as { action: string; id?: string }
      if (body.action === 'listItems') return ok({ items: [], canEdit: false })
      events.push(`orders.${body.action}`)
      return ok(detail({ id: body.id, state: 'ordered', stateLabel: '待接单' }))
    },
  })
  answering('accept')
  ;(Current as { router: unknown }).router = { params: { communityId: 'org-beimen', itemId: 'other' }, path: '/packages/orders/pages/order/index' }
  render(<OrderPage />)
  const page = screen.getByTestId('page-order-new')
  fireEvent.input(await within(page).findByTestId('order-description'), { target: { value: '帮忙修水管' } })
  fireEvent.click(screen.getByTestId('order-submit'))
  expect(events).toEqual([`subscribe ${ORDER_TEMPLATE_DEFAULTS.orderClaim},${ORDER_TEMPLATE_DEFAULTS.orderDone}`])
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  expect(events).toEqual([`subscribe ${ORDER_TEMPLATE_DEFAULTS.orderClaim},${ORDER_TEMPLATE_DEFAULTS.orderDone}`, 'orders.order'])
})
