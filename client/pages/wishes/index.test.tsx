import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { WishWall } from '@domain/api/wishes'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { resetWishQueue } from '@/hooks/useWishQueue'
import { QUEUE_KEY, readQueueCounts } from '@/hooks/useWishQueueCounts'
import { QUEUE_STORAGE_KEY } from '@/services/offlineQueue'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import WishesPage from './index'

let backend: ReturnType<typeof stubFetch>
beforeEach(() => {
  whoAmIStore.reset()
  resetWishQueue()
  window.localStorage.clear()
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  document.body.innerHTML = ''
})

const admin = who({ displayName: '陈书记', roles: [role('resident'), { ...role('community_admin', '北门社区'), scopeId: 'org-beimen' }], activeRole: 'community_admin' })

function wall(filter: string): WishWall {
  const all = [
    { id: 'w1', title: '想要一台收音机', state: 'published' as const, progress: '待点亮' },
    { id: 'w2', title: '一床厚棉被', state: 'lit' as const, progress: '已点亮' },
  ]
  const items = all
    .filter((w) => filter === 'all' || (filter === 'open' ? w.state === 'published' : w.state === 'lit'))
    .map((w) => ({ ...w, category: '孤寡老人' as const, communityId: 'org-beimen', communityName: '北门社区', beneficiary: '王**（孤寡老人）', estimatedValue: 100, stateLabel: w.progress, updatedAt: '2026-11-20T02:00:00.000Z' }))
  return { community: { id: 'org-beimen', name: '北门社区' }, counts: { reviewed: 2, lit: 1, done: 0 }, items, next: null }
}

test('the wall: the community of the admin, counts at the top, filters ask again, a card opens the wish', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(admin),
    '/__local/identities': () => ({ json: [] }),
    '/api/registration': () => ({ json: { code: 0, data: { communities: [{ id: 'org-beimen', name: '北门社区', streetName: '城关街道' }, { id: 'org-chengnan', name: '城南社区', streetName: '城关街道' }], units: [], buildings: [], skills: [], freeTime: [] } } }),
    '/api/wishes': (req) => {
      const body = req.body as { action: string; communityId: string; filter: string }
      return { json: { code: 0, data: wall(body.filter) } }
    },
  })
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  render(<WishesPage />)
  const page = screen.getByTestId('page-wishes')
  await waitFor(() => expect(within(page).getAllByTestId('wish-card')).toHaveLength(2))
  expect(page.getAttribute('data-community')).toBe('org-beimen')
  const counts = within(page).getByTestId('wall-counts')
  expect([counts.getAttribute('data-reviewed'), counts.getAttribute('data-lit'), counts.getAttribute('data-done')]).toEqual(['2', '1', '0'])
  expect(within(page).getByTestId('wall-title').textContent).toBe('北门社区微心愿')
  expect(within(page).getByTestId('wall-review')).toBeTruthy()
  expect(within(page).queryByTestId('wall-intake')).toBeNull()

  fireEvent.click(within(within(page).getByTestId('wall-filter')).getAllByTestId('wish-chip').find((c) => c.getAttribute('data-value') === 'open')!)
  await waitFor(() => expect(within(page).getAllByTestId('wish-card')).toHaveLength(1))
  const asked = backend.to('/api/wishes').map((r) => r.body as { communityId: string; filter: string })
  expect(asked.map((a) => [a.communityId, a.filter])).toEqual([
    ['org-beimen', 'all'],
    ['org-beimen', 'open'],
  ])

  fireEvent.click(within(page).getByTestId('wish-card'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/wishes/pages/detail/index?id=w1' })
})

test('加载更多 asks for the next page with the cursor and appends it', async () => {
  const cursor = { at: '2026-11-19T02:00:00.000Z', id: 'w2' }
  backend = stubFetch({
    '/api/users': usersBackend(admin),
    '/__local/identities': () => ({ json: [] }),
    '/api/registration': () => ({ json: { code: 0, data: { communities: [{ id: 'org-beimen', name: '北门社区', streetName: '城关街道' }], units: [], buildings: [], skills: [], freeTime: [] } } }),
    '/api/wishes': (req) => {
      const body = req.body as { after?: unknown }
      const w = wall('all')
      return { json: { code: 0, data: body.after ? { ...w, items: [{ ...w.items[0], id: 'w3', title: '第二页的心愿' }], next: null } : { ...w, next: cursor } } }
    },
  })
  render(<WishesPage />)
  const page = screen.getByTestId('page-wishes')
  fireEvent.click(await within(page).findByTestId('wall-more'))
  await within(page).findByText('第二页的心愿')
  expect(within(page).getAllByTestId('wish-card')).toHaveLength(3)
  expect(within(page).queryByTestId('wall-more')).toBeNull()
  expect((backend.to('/api/wishes')[1].body as { after: unknown }).after).toEqual(cursor)
})

test('the wall reads 待发送 / 需修改 from the queue the intake page keeps', () => {
  expect(QUEUE_KEY).toBe(QUEUE_STORAGE_KEY)
  Taro.setStorageSync(QUEUE_STORAGE_KEY, JSON.stringify([{ key: 'a', status: 'waiting' }, { key: 'b', status: 'waiting' }, { key: 'c', status: 'failed' }]))
  expect(readQueueCounts()).toEqual({ waiting: 2, failed: 1 })
  backend = stubFetch({ '/api/users': usersBackend(who({ roles: [role('resident'), { ...role('grid_worker', '北门第一网格'), scopeId: 'org-beimen-grid-1' }], activeRole: 'grid_worker' })) })
  render(<WishesPage />)
  return waitFor(() => expect(screen.getByTestId('wall-queue').textContent).toBe('待发送 2 条 · 需修改 1 条'))
})

test('我点亮的: a member sees the wishes they lit (wishes.mine), and back to the wall', async () => {
  const member = who({ displayName: '李建国', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })
  backend = stubFetch({
    '/api/users': usersBackend(member),
    '/api/registration': (req) =>
      (req.body as { action: string }).action === 'myCard'
        ? { json: { code: 0, data: null } }
        : { json: { code: 0, data: { communities: [{ id: 'org-beimen', name: '北门社区', streetName: '城关街道' }], units: [], buildings: [], skills: [], freeTime: [] } } },
    '/api/wishes': (req) => {
      const body = req.body as { action: string; kind?: string }
      if (body.action === 'mine') return { json: { code: 0, data: { items: [{ ...wall('all').items[1], title: '我点亮的棉被' }], next: null } } }
      return { json: { code: 0, data: wall('all') } }
    },
  })
  render(<WishesPage />)
  const page = screen.getByTestId('page-wishes')
  await waitFor(() => expect(within(page).getAllByTestId('wish-card')).toHaveLength(2))
  const mineChips = within(within(page).getByTestId('wall-mine')).getAllByTestId('wish-chip')
  expect(mineChips.map((c) => c.textContent)).toEqual(['心愿墙', '我提交的', '我点亮的'])
  fireEvent.click(mineChips[2])
  await within(page).findByText('我点亮的棉被')
  expect(backend.to('/api/wishes').map((r) => r.body)).toContainEqual({ action: 'mine', kind: 'lit' })
  fireEvent.click(mineChips[0])
  await waitFor(() => expect(within(page).getAllByTestId('wish-card')).toHaveLength(2))
})
