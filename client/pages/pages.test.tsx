import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import HomePage from './home/index'
import MinePage from './mine/index'

let backend: ReturnType<typeof stubFetch>

beforeEach(() => {
  whoAmIStore.reset()
  window.localStorage.clear()
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
})

const member = who({
  displayName: '陈志强',
  phoneMasked: '138****5678',
  roles: [role('resident'), role('member', '北门社区'), role('grid_worker', '北门社区第三网格')],
  activeRole: 'member',
})

test('首页 loads the person and shows their role home', async () => {
  backend = stubFetch({ '/api/users': usersBackend(member), '/__local/identities': () => ({ json: [] }) })
  render(<HomePage />)
  const home = screen.getByTestId('page-home')
  expect(within(home).getByTestId('loading')).toBeTruthy()
  expect((await within(home).findByTestId('home-greeting')).textContent).toBe('您好，陈志强')
  expect(within(home).getByText('认领心愿')).toBeTruthy()
  // Local mode: the identity switcher is on the page.
  expect(within(home).getByText('切换身份（本地演示）')).toBeTruthy()
})

test('首页 shows a failure in Chinese with 重试, which recovers', async () => {
  let fail = true
  const ok = usersBackend(member)
  backend = stubFetch({
    '/api/users': (req) => (fail ? { status: 500, json: { code: 'SYSTEM.BUSY', message: '系统繁忙，请稍后再试' } } : ok(req)),
    '/__local/identities': () => ({ json: [] }),
  })
  render(<HomePage />)
  expect((await screen.findByTestId('load-error')).textContent).toContain('系统繁忙，请稍后再试')
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect((await screen.findByTestId('home-role')).textContent).toBe('当前身份：在职党员（北门社区）')
})

test('switching role on 我的 changes what 首页 shows', async () => {
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  backend = stubFetch({ '/api/users': usersBackend(member), '/__local/identities': () => ({ json: [] }) })
  render(
    <>
      <HomePage />
      <MinePage />
    </>,
  )
  const home = screen.getByTestId('page-home')
  const mine = screen.getByTestId('page-mine')
  await within(home).findByText('认领心愿')
  expect(within(mine).getByTestId('mine-name').textContent).toBe('陈志强')
  expect(within(mine).getByTestId('mine-phone').textContent).toBe('手机：138****5678')

  fireEvent.click(within(mine).getByText('网格员'))

  await waitFor(() => expect(within(home).getByTestId('home-role').textContent).toBe('当前身份：网格员（北门社区第三网格）'))
  expect(within(home).getByText('录入心愿')).toBeTruthy()
  expect(within(home).queryByText('认领心愿')).toBeNull()
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已切换为网格员' }))
  expect(backend.to('/api/users').map((c) => c.body)).toEqual([{ action: 'whoami' }, { action: 'switchRole', role: 'grid_worker' }])
})

test('a refused switch is explained and nothing changes', async () => {
  const showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  const ok = usersBackend(member)
  backend = stubFetch({
    '/api/users': (req) =>
      (req.body as { action: string }).action === 'switchRole'
        ? { status: 403, json: { code: 'USER.ROLE_NOT_HELD', message: '您没有这个身份，无法切换' } }
        : ok(req),
    '/__local/identities': () => ({ json: [] }),
  })
  render(<MinePage />)
  fireEvent.click(await screen.findByText('居民'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '您没有这个身份，无法切换' })))
  expect(screen.getByTestId('role-list').querySelector('[data-active="true"]')?.getAttribute('data-role')).toBe('member')
})

test('我的 has a 我的报到证 row that opens the card page', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  backend = stubFetch({ '/api/users': usersBackend(member), '/__local/identities': () => ({ json: [] }) })
  render(<MinePage />)
  fireEvent.click(await screen.findByText('我的报到证'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/card/index' })
})

test('我的 has a 隐私保护指引 row that opens the privacy page, even while the backend is away', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  backend = stubFetch({ '/api/users': () => ({ status: 502, json: { code: 'SYSTEM.INTERNAL', message: '系统繁忙' } }), '/__local/identities': () => ({ json: [] }) })
  render(<MinePage />)
  fireEvent.click(await screen.findByText('隐私保护指引'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/privacy/pages/index/index' })
})

// 心愿 is the wish wall now (its test: pages/wishes/index.test.tsx); 服务 lists orders (pages/services/index.test.tsx).
