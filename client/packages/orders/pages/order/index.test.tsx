import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { orderDetail } from '@/test-support/orders'
import OrderPage from './index'

// 转为点单 on a visit's need: the order form opened with the household, the visit and the need.
let backend: ReturnType<typeof stubFetch>
let redirectTo: jest.SpyInstance

const QUERY = { communityId: 'org-beimen', householdId: 'hh-1', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '1单元101', visitId: 'kdevice0001-3', need: '0', text: '厨房灯泡坏了，请人上门换一下' }
const GRID = who({ id: 'u-zhang', displayName: '张敏', roles: [role('resident'), role('grid_worker', '北门第一网格')], activeRole: 'grid_worker' })
const ok = (data: unknown) => ({ json: { code: 0, data } })
const DETAIL = {
  id: 'hh-1', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '1单元101', communityId: 'org-beimen', canEdit: true, canVisit: true, visits: [],
  residents: [
    { id: 'r1', name: '王秀英', tags: ['elderly_alone'], tagLabels: ['独居老人'], phone: '13800001001', birthYear: 1946, note: '' },
    { id: 'r2', name: '王建华', tags: [], tagLabels: [], phone: null, birthYear: 1975, note: '' },
  ],
}

beforeEach(() => {
  whoAmIStore.reset()
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
  ;(Current as { router: unknown }).router = { params: QUERY, path: '/packages/orders/pages/order/index' }
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

test('the household is shown, the need is the description, a resident is one tap; placed, then the visit learns the order (a lost link is retried with the same order)', async () => {
  let linkFails = true
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/registration': () => ok({ units: [], communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], buildings: [{ id: 'org-beimen-b1', name: '1栋', compoundName: '北门花园' }] }),
    '/api/households': (req) => {
      const body = req.body as { action: string; visitId?: string }
      if (body.action === 'get') return ok(DETAIL)
      if (linkFails) return { networkError: true }
      return ok({ id: body.visitId, needs: [] })
    },
    '/api/orders': (req) => {
      const body = req.body as { action: string; id?: string }
      if (body.action === 'listItems') return ok({ items: [], canEdit: false })
      return ok(orderDetail({ id: body.id, state: 'ordered', stateLabel: '待接单' }))
    },
  })
  render(<OrderPage />)
  const page = screen.getByTestId('page-order-new')
  const household = await within(page).findByTestId('order-household')
  expect(household.textContent).toContain('北门花园1栋 1单元101')
  expect(household.getAttribute('data-linked')).toBe('true')
  expect(within(page).queryByTestId('order-building')).toBeNull()
  expect((screen.getByTestId('order-description').querySelector('textarea') ?? screen.getByTestId('order-description')) as HTMLTextAreaElement).toHaveProperty('value', '厨房灯泡坏了，请人上门换一下')

  const residents = await within(page).findByTestId('order-resident')
  fireEvent.click(within(residents).getAllByTestId('order-chip').find((c) => c.getAttribute('data-value') === '王秀英')!)
  fireEvent.click(screen.getByTestId('order-submit'))
  expect((await screen.findByTestId('order-submit-error')).getAttribute('data-code')).toBe('NETWORK.UNAVAILABLE')
  expect(redirectTo).not.toHaveBeenCalled()

  linkFails = false
  fireEvent.click(screen.getByTestId('order-submit'))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  const orders = backend.to('/api/orders').map((c) => c.body as Record<string, unknown>).filter((b) => b.action === 'order')
  expect(orders).toHaveLength(2)
  expect(orders[1].id).toBe(orders[0].id)
  expect(orders[0]).toMatchObject({ communityId: 'org-beimen', buildingId: 'org-beimen-b1', description: '厨房灯泡坏了，请人上门换一下', forName: '王秀英' })
  const links = backend.to('/api/households').map((c) => c.body as Record<string, unknown>).filter((b) => b.action === 'linkNeed')
  expect(links).toEqual([
    { action: 'linkNeed', visitId: 'kdevice0001-3', index: 0, kind: 'order', targetId: orders[0].id },
    { action: 'linkNeed', visitId: 'kdevice0001-3', index: 0, kind: 'order', targetId: orders[0].id },
  ])
  expect(redirectTo).toHaveBeenCalledWith({ url: `/packages/orders/pages/detail/index?id=${orders[0].id}` })
})

test('without a household the form is as before: the building is a choice and nothing is linked', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-resident' })),
    '/api/registration': () => ok({ units: [], communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], buildings: [{ id: 'org-beimen-b1', name: '1栋', compoundName: '北门花园' }] }),
    '/api/orders': () => ok({ items: [], canEdit: false }),
  })
  ;(Current as { router: unknown }).router = { params: { communityId: 'org-beimen' }, path: '/packages/orders/pages/order/index' }
  render(<OrderPage />)
  await screen.findByTestId('order-building')
  expect(screen.queryByTestId('order-household')).toBeNull()
  expect(backend.to('/api/households')).toHaveLength(0)
})

test('a grid worker ordering for a resident picks the household from the grid: its building is sent, its resident one tap', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/registration': () => ok({ units: [], communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], buildings: [{ id: 'org-beimen-b1', name: '1栋', compoundName: '北门花园' }] }),
    '/api/households': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'places') return ok({ places: [{ id: 'grid-1', name: '北门第一网格', kind: 'grid', parentName: null }] })
      if (body.action === 'list')
        return ok({ place: { id: 'grid-1', name: '北门第一网格', kind: 'grid' }, total: 1, overdueCount: 0, nextOffset: null, items: [{ id: 'hh-1', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '1单元101', residentCount: 2, headline: '王** 等2人', tags: [], tagLabels: [], lastVisitAt: null, visitDueAt: null, overdue: false }] })
      return ok(DETAIL)
    },
    '/api/orders': (req) => {
      const body = req.body as { action: string; id?: string }
      if (body.action === 'listItems') return ok({ items: [], canEdit: false })
      return ok(orderDetail({ id: body.id, state: 'ordered', stateLabel: '待接单' }))
    },
  })
  ;(Current as { router: unknown }).router = { params: { communityId: 'org-beimen' }, path: '/packages/orders/pages/order/index' }
  render(<OrderPage />)
  fireEvent.click(await screen.findByTestId('order-pick-household'))
  fireEvent.click(await screen.findByTestId('household-row'))
  const household = await screen.findByTestId('order-household')
  expect(household.textContent).toContain('北门花园1栋 1单元101')
  expect(screen.queryByTestId('order-building')).toBeNull()
  const residents = await screen.findByTestId('order-resident')
  fireEvent.click(within(residents).getAllByTestId('order-chip').find((c) => c.getAttribute('data-value') === '王建华')!)
  fireEvent.input(screen.getByTestId('order-description'), { target: { value: '帮忙修一下水管' } })
  fireEvent.click(screen.getByTestId('order-submit'))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  const order = backend.to('/api/orders').map((c) => c.body as Record<string, unknown>).find((b) => b.action === 'order')
  expect(order).toMatchObject({ buildingId: 'org-beimen-b1', forName: '王建华', description: '帮忙修一下水管' })
  expect(backend.to('/api/households').map((c) => (c.body as { action: string }).action)).not.toContain('linkNeed')
})
