import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { OPENID_STORAGE_KEY } from '@/services/localIdentity'
import { stubFetch } from '@/test-support/fetchStub'
import { who } from '@/test-support/fixtures'
import { LocalIdentitySwitcher } from './LocalIdentitySwitcher.h5'

const identities = [
  { openid: 'demo-resident', label: '居民 李红梅', role: 'resident', description: '北门社区居民' },
  { openid: 'demo-member', label: '党员 陈志强', role: 'member', description: '县水利局，报到北门社区' },
  { openid: 'demo-county', label: '县委组织部 王建国', role: 'county_admin', description: '龙门县' },
]

let backend: ReturnType<typeof stubFetch>

beforeEach(() => {
  whoAmIStore.reset()
  window.localStorage.clear()
})
afterEach(() => backend?.restore())

test('lists the demo identities from the local server when opened', async () => {
  backend = stubFetch({ '/__local/identities': () => ({ json: identities }) })
  render(<LocalIdentitySwitcher />)

  expect(screen.getByTestId('identity-current').textContent).toBe('尚未选择演示身份')
  fireEvent.click(screen.getByText('切换身份（本地演示）'))

  const options = await screen.findAllByTestId('identity-option')
  expect(options.map((o) => o.getAttribute('data-openid'))).toEqual(['demo-resident', 'demo-member', 'demo-county'])
  expect(within(options[1]).getByText('县水利局，报到北门社区')).toBeTruthy()
  expect(backend.to('/__local/identities')[0].method).toBe('GET')
})

test('picking one stores it, closes the list, and reloads whoami as that person', async () => {
  backend = stubFetch({
    '/__local/identities': () => ({ json: identities }),
    '/api/users': () => ({ json: { code: 0, data: who({ displayName: '陈志强' }) } }),
  })
  render(<LocalIdentitySwitcher />)
  fireEvent.click(screen.getByTestId('identity-switcher-open'))
  fireEvent.click(await screen.findByText('党员 陈志强'))

  expect(window.localStorage.getItem(OPENID_STORAGE_KEY)).toBe('demo-member')
  expect(screen.queryByTestId('identity-sheet')).toBeNull()
  expect(screen.getByTestId('identity-current').textContent).toBe('演示身份：党员 陈志强')

  await waitFor(() => expect(whoAmIStore.getState().data?.displayName).toBe('陈志强'))
  const [request] = backend.to('/api/users')
  expect(request.headers['x-wx-openid']).toBe('demo-member')
  expect(request.body).toEqual({ action: 'whoami' })
})

test('if the local server cannot list identities it says so, and 重试 tries again', async () => {
  let up = false
  backend = stubFetch({ '/__local/identities': () => (up ? { json: identities } : { networkError: true }) })
  render(<LocalIdentitySwitcher />)
  fireEvent.click(screen.getByTestId('identity-switcher-open'))

  expect((await screen.findByTestId('identity-error')).textContent).toContain('无法获取演示身份列表')
  up = true
  await act(async () => {
    fireEvent.click(screen.getByTestId('identity-retry'))
  })
  expect(await screen.findAllByTestId('identity-option')).toHaveLength(3)
})

test('关闭 hides the list without changing anything', async () => {
  backend = stubFetch({ '/__local/identities': () => ({ json: identities }) })
  render(<LocalIdentitySwitcher />)
  fireEvent.click(screen.getByTestId('identity-switcher-open'))
  await screen.findAllByTestId('identity-option')
  fireEvent.click(screen.getByText('关闭'))
  expect(screen.queryByTestId('identity-sheet')).toBeNull()
  expect(window.localStorage.getItem(OPENID_STORAGE_KEY)).toBeNull()
})

// That the weapp build has no switcher at all is checked over the built output in
// tests/weapp (here `./LocalIdentitySwitcher` resolves to the .h5 file, as in the h5 build).
