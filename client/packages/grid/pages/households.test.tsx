import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { HouseholdDetail, HouseholdRow } from '@domain/api/households'
import { resetVisitQueue } from '@/hooks/useHouseholds'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { VISIT_QUEUE_STORAGE_KEY } from '@/services/offlineQueue'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import HouseholdPage from './household/index'
import HouseholdsPage from './households/index'
import VisitPage from './visit/index'

let backend: ReturnType<typeof stubFetch>
let navigateTo: jest.SpyInstance

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/grid/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  Taro.removeStorageSync(VISIT_QUEUE_STORAGE_KEY)
  resetVisitQueue()
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  resetVisitQueue()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })
const GRID = who({ id: 'u-zhang', displayName: '张敏', roles: [role('resident'), role('grid_worker', '北门第一网格')], activeRole: 'grid_worker' })
const MEMBER = who({ id: 'u-li', displayName: '李建国', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })
const sent = () => backend.to('/api/households').map((c) => c.body as Record<string, unknown>)

const row = (over: Partial<HouseholdRow> = {}): HouseholdRow => ({
  id: 'hh-1', buildingId: 'b1', buildingName: '北门花园1栋', door: '1单元101', residentCount: 1, headline: '王**', tags: ['elderly_alone'], tagLabels: ['独居老人'],
  lastVisitAt: '2026-10-01T02:00:00.000Z', visitDueAt: '2026-10-31T02:00:00.000Z', overdue: true, ...over,
})
const PLACES = { places: [{ id: 'grid-1', name: '北门第一网格', kind: 'grid', parentName: '北门花园小区' }, { id: 'b1', name: '北门花园1栋', kind: 'building', parentName: '北门第一网格' }] }

test('households: the grid worker sees masked rows with 逾期 in words; 只看逾期 asks the function for overdue ones; a tap opens the household', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/households': (req) => {
      const body = req.body as { action: string; overdue?: boolean }
      if (body.action === 'places') return ok(PLACES)
      const items = body.overdue ? [row()] : [row(), row({ id: 'hh-2', door: '1单元302', headline: '刘** 等2人', overdue: false, tags: [], tagLabels: [] })]
      return ok({ place: { id: 'grid-1', name: '北门第一网格', kind: 'grid' }, items, total: 2, overdueCount: 1, nextOffset: null })
    },
  })
  render(<HouseholdsPage />)
  const page = await screen.findByTestId('page-households')
  await waitFor(() => expect(within(page).getAllByTestId('household-row')).toHaveLength(2))
  const [first, second] = within(page).getAllByTestId('household-row')
  expect(first.textContent).toContain('王**')
  expect(first.textContent).toContain('已逾期')
  expect(first.getAttribute('data-overdue')).toBe('true')
  expect(second.textContent).not.toContain('逾期')
  expect(sent().find((b) => b.action === 'list')).toEqual({ action: 'list', placeId: 'grid-1' })
  expect(within(page).getByTestId('households-count').textContent).toBe('共 2 户 · 逾期 1 户')
  // One page holds them all: no 加载更多.
  expect(within(page).queryByTestId('households-more')).toBeNull()
  expect(within(page).getByTestId('households-shown').textContent).toBe('已显示全部 2 户')

  fireEvent.click(within(page).getByTestId('households-overdue'))
  await waitFor(() => expect(within(page).getAllByTestId('household-row')).toHaveLength(1))
  expect(sent().filter((b) => b.action === 'list').pop()).toEqual({ action: 'list', placeId: 'grid-1', overdue: true })

  fireEvent.click(within(page).getAllByTestId('household-row')[0])
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/grid/pages/household/index?id=hh-1' })

  // The grid worker adds a household (a grid is shown: the form asks which building); the visit rules are the community admin's.
  fireEvent.click(within(page).getByTestId('households-add'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grid/pages/household-edit/index' })
  expect(within(page).queryByTestId('households-rules')).toBeNull()
})

test('households: the community admin has 新增住户 and 走访周期; a building head has neither', async () => {
  const ADMIN = who({ id: 'u-chen', displayName: '陈红', roles: [role('community_admin', '北门社区')], activeRole: 'community_admin' })
  const list = (placeId = 'grid-1') =>
    ok({ place: placeId === 'b1' ? { id: 'b1', name: '北门花园1栋', kind: 'building' } : { id: 'grid-1', name: '北门第一网格', kind: 'grid' }, items: [row()], total: 1, overdueCount: 1, nextOffset: null })
  backend = stubFetch({ '/api/users': usersBackend(ADMIN), '/api/households': (req) => ((req.body as { action: string; placeId?: string }).action === 'places' ? ok(PLACES) : list((req.body as { placeId?: string }).placeId)) })
  const { unmount } = render(<HouseholdsPage />)
  const page = await screen.findByTestId('page-households')
  await waitFor(() => expect(within(page).getAllByTestId('household-row')).toHaveLength(1))
  fireEvent.click(within(page).getByTestId('households-rules'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grid/pages/visit-rules/index' })
  // A building shown: the new household's building is preselected.
  fireEvent.click(within(page).getAllByTestId('households-place')[1])
  await waitFor(() => expect(screen.getByText('北门花园1栋', { selector: '.grid-page__title' })).toBeTruthy())
  fireEvent.click(within(page).getByTestId('households-add'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grid/pages/household-edit/index?placeId=b1' })
  unmount()
  backend.restore()
  whoAmIStore.reset()

  const HEAD = who({ id: 'u-wang', displayName: '王楼长', roles: [role('building_head', '北门花园1栋')], activeRole: 'building_head' })
  backend = stubFetch({ '/api/users': usersBackend(HEAD), '/api/households': (req) => ((req.body as { action: string }).action === 'places' ? ok(PLACES) : list()) })
  render(<HouseholdsPage />)
  const headPage = await screen.findByTestId('page-households')
  await waitFor(() => expect(within(headPage).getAllByTestId('household-row')).toHaveLength(1))
  expect(within(headPage).queryByTestId('households-add')).toBeNull()
  expect(within(headPage).queryByTestId('households-rules')).toBeNull()
})

test('households: 50 rows, then 加载更多 asks for the next offset and appends; the last page has no button; 只看逾期 pages the same way', async () => {
  const TOTAL = 120
  const page = (offset: number, overdue: boolean) => {
    const pool = overdue ? 30 : TOTAL
    const n = Math.max(0, Math.min(50, pool - offset))
    const items = Array.from({ length: n }, (_v, i) => row({ id: `hh-${overdue ? 'late' : 'all'}-${offset + i}`, door: `1单元${String(offset + i).padStart(3, '0')}`, overdue }))
    return { place: { id: 'grid-1', name: '北门第一网格', kind: 'grid' }, items, total: TOTAL, overdueCount: 30, nextOffset: offset + n < pool ? offset + n : null }
  }
  let release: (() => void) | null = null
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/households': async (req) => {
      const body = req.body as { action: string; overdue?: boolean; offset?: number }
      if (body.action === 'places') return ok(PLACES)
      // The second page waits until the test lets it go, to see the button while it loads.
      if (body.offset === 50 && !body.overdue) await new Promise<void>((r) => (release = r))
      return ok(page(body.offset ?? 0, !!body.overdue))
    },
  })
  render(<HouseholdsPage />)
  const screenPage = await screen.findByTestId('page-households')
  await waitFor(() => expect(within(screenPage).getAllByTestId('household-row')).toHaveLength(50))
  expect(within(screenPage).getByTestId('households-count').textContent).toBe('共 120 户 · 逾期 30 户')
  expect(within(screenPage).getByTestId('households-shown').textContent).toBe('已显示 50 户，共 120 户')

  const more = within(screenPage).getByTestId('households-more')
  expect(more.textContent).toBe('加载更多')
  expect(more.getAttribute('role')).toBe('button')
  fireEvent.click(more)
  await waitFor(() => expect(within(screenPage).getByTestId('households-more').textContent).toBe('正在加载…'))
  // A second tap while it loads asks nothing more.
  fireEvent.click(within(screenPage).getByTestId('households-more'))
  expect(sent().filter((b) => b.action === 'list' && b.offset === 50)).toHaveLength(1)
  release!()
  await waitFor(() => expect(within(screenPage).getAllByTestId('household-row')).toHaveLength(100))
  expect(sent().filter((b) => b.action === 'list').pop()).toEqual({ action: 'list', placeId: 'grid-1', offset: 50 })
  // Appended under the first page, in order.
  const ids = within(screenPage).getAllByTestId('household-row').map((r) => r.getAttribute('data-id'))
  expect(ids.slice(48, 52)).toEqual(['hh-all-48', 'hh-all-49', 'hh-all-50', 'hh-all-51'])

  fireEvent.click(within(screenPage).getByTestId('households-more'))
  await waitFor(() => expect(within(screenPage).getAllByTestId('household-row')).toHaveLength(120))
  expect(sent().filter((b) => b.action === 'list').pop()).toEqual({ action: 'list', placeId: 'grid-1', offset: 100 })
  expect(within(screenPage).queryByTestId('households-more')).toBeNull()
  expect(within(screenPage).getByTestId('households-shown').textContent).toBe('已显示全部 120 户')

  // 只看逾期 starts again from its first page, and pages with the filter.
  fireEvent.click(within(screenPage).getByTestId('households-overdue'))
  await waitFor(() => expect(within(screenPage).getAllByTestId('household-row')).toHaveLength(30))
  expect(within(screenPage).getAllByTestId('household-row').every((r) => r.getAttribute('data-id')!.startsWith('hh-late-'))).toBe(true)
  expect(within(screenPage).queryByTestId('households-more')).toBeNull()
  expect(within(screenPage).getByTestId('households-count').textContent).toBe('共 120 户 · 逾期 30 户')
})

test('households: a next page that fails says why under the list and keeps what is shown', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/households': (req) => {
      const body = req.body as { action: string; offset?: number }
      if (body.action === 'places') return ok(PLACES)
      if (body.offset) return { status: 500, json: { code: 'SYSTEM.INTERNAL', message: '系统繁忙，请稍后再试' } }
      return ok({ place: { id: 'grid-1', name: '北门第一网格', kind: 'grid' }, items: [row()], total: 60, overdueCount: 1, nextOffset: 50 })
    },
  })
  render(<HouseholdsPage />)
  fireEvent.click(await screen.findByTestId('households-more'))
  expect((await screen.findByTestId('households-more-error')).textContent).toBe('系统繁忙，请稍后再试')
  expect(screen.getAllByTestId('household-row')).toHaveLength(1)
  expect(screen.getByTestId('households-more').textContent).toBe('加载更多')
})

test('households: a member gets the refusal and no row', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/households': () => ({ status: 403, json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' } }),
  })
  render(<HouseholdsPage />)
  const error = await screen.findByTestId('load-error')
  expect(error.getAttribute('data-code')).toBe('AUTH.FORBIDDEN')
  expect(screen.queryAllByTestId('household-row')).toHaveLength(0)
})

test('household: residents whole, 记录这次走访 opens the visit form for this door, a need turns into an order for this household', async () => {
  const detail: HouseholdDetail = {
    ...row(), communityId: 'org-beimen', canEdit: true, canVisit: true,
    residents: [{ id: 'r1', name: '王秀英', tags: ['elderly_alone'], tagLabels: ['独居老人'], phone: '13800001001', birthYear: 1946, note: '' }],
    visits: [{ id: 'v1', householdId: 'hh-1', door: '1单元101', buildingName: '北门花园1栋', visitedAt: '2026-10-01T02:00:00.000Z', byName: '张敏', seen: '灯泡坏了', needs: [{ kind: 'order', kindLabel: '上门服务', text: '换灯泡', followUp: null }], photos: [] }],
  }
  backend = stubFetch({ '/api/users': usersBackend(GRID), '/api/households': () => ok(detail) })
  openWith({ id: 'hh-1' })
  render(<HouseholdPage />)
  const resident = await screen.findByTestId('household-resident')
  expect(resident.textContent).toContain('王秀英')
  expect(resident.textContent).toContain('13800001001')
  fireEvent.click(screen.getByTestId('household-visit'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/grid/pages/visit/index?householdId=hh-1&label=${encodeURIComponent('北门花园1栋 1单元101')}` })
  // 转为点单: the order form opens on this household, the need's words and where they came from.
  fireEvent.click(screen.getByTestId('visit-follow-up'))
  const url = new URL(`http://x${(navigateTo.mock.calls.at(-1)![0] as { url: string }).url}`)
  expect(url.pathname).toBe('/packages/orders/pages/order/index')
  expect(Object.fromEntries(url.searchParams)).toEqual({ communityId: 'org-beimen', householdId: 'hh-1', buildingId: 'b1', buildingName: '北门花园1栋', door: '1单元101', visitId: 'v1', need: '0', text: '换灯泡' })
})

test('visit: a record without enough words is refused on the phone; a good one is kept with its key and sent', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/households': (req) => {
      const body = req.body as { key: string; householdId: string; seen: string }
      return ok({ visit: { id: body.key, householdId: body.householdId, seen: body.seen }, created: true })
    },
  })
  openWith({ householdId: 'hh-1', label: '北门花园1栋 1单元101' })
  render(<VisitPage />)
  const seen = (await screen.findByTestId('visit-seen')).querySelector('textarea') ?? screen.getByTestId('visit-seen')
  fireEvent.input(seen, { target: { value: '好' } })
  fireEvent.click(screen.getByTestId('visit-submit'))
  expect(screen.getByTestId('visit-error').textContent).toBe('请填写走访看到的情况（至少两个字）')
  expect(sent()).toHaveLength(0)

  fireEvent.input(seen, { target: { value: '老人在家，精神不错' } })
  fireEvent.click(screen.getByTestId('visit-submit'))
  await waitFor(() => expect(sent()).toHaveLength(1))
  const body = sent()[0]
  expect(body).toMatchObject({ action: 'recordVisit', householdId: 'hh-1', seen: '老人在家，精神不错', needs: [], photos: [] })
  expect(String(body.key)).toMatch(/^[a-z0-9]+-\d+$/)
  await waitFor(() => expect(screen.getByTestId('visit-waiting').getAttribute('data-count')).toBe('0'))
})

test('visit: without a household the form says so and sends nothing', async () => {
  backend = stubFetch({ '/api/users': usersBackend(GRID), '/api/households': () => ok({}) })
  openWith({})
  render(<VisitPage />)
  fireEvent.input((await screen.findByTestId('visit-seen')).querySelector('textarea') ?? screen.getByTestId('visit-seen'), { target: { value: '老人在家' } })
  fireEvent.click(screen.getByTestId('visit-submit'))
  expect(screen.getByTestId('visit-error').textContent).toBe('请先选择走访的住户')
  expect(sent()).toHaveLength(0)
})
