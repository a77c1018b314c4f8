import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { WISH_TEMPLATE_DEFAULTS } from '@domain/notifications'
import { wishDetail } from '@/components/WishDetail/fixture'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import DetailPage from './index'

// The page as WeChat builds it: the weapp subscriber (subscribe.weapp.ts), with the platform's
// requestSubscribeMessage doubled; the backend is the h5 transport over a stubbed fetch.
jest.mock('@/services/subscribe', () => jest.requireActual('@/services/subscribe.weapp'))
// The jest Taro shim (test-support/taro.js) carries useShareAppMessage on its default export only.
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  // Read lazily: Taro's own modules import this one while it is still loading.
  return new Proxy(actual, { get: (target, key) => (key === 'useShareAppMessage' ? target.default.useShareAppMessage : target[key]) })
})

type Api = { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<Record<string, unknown>> }
const platform = Taro as unknown as Api
const original = platform.requestSubscribeMessage

let backend: ReturnType<typeof stubFetch>
let events: string[]

beforeEach(() => {
  whoAmIStore.reset()
  events = []
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  ;(Current as { router: unknown }).router = { params: { id: 'w1' }, path: '/packages/wishes/pages/detail/index' }
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  platform.requestSubscribeMessage = original
  ;(Current as { router: unknown }).router = null
})

const member = who({ displayName: '李建国', roles: [role('resident'), role('member')], activeRole: 'member' })

function wishBackend() {
  return stubFetch({
    '/api/users': usersBackend(member),
    '/__local/identities': () => ({ json: [] }),
    '/api/wishes': (req) => {
      const { action } = req.body as { action: string }
      events.push(`wishes.${action}`)
      if (action === 'get') return { json: { code: 0, data: wishDetail({}, { light: true }) } }
      if (action === 'light') return { json: { code: 0, data: wishDetail({ state: 'lit', stateLabel: '已点亮', progress: '已点亮' }) } }
      return { json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    },
  })
}

test('点亮: the subscription panel (release, confirmation) opens before the light call', async () => {
  backend = wishBackend()
  platform.requestSubscribeMessage = jest.fn(async ({ tmplIds }) => {
    events.push(`subscribe ${tmplIds.join(',')}`)
    return Object.fromEntries(tmplIds.map((id) => [id, 'accept']))
  })
  render(<DetailPage />)
  const page = screen.getByTestId('page-wish-detail')
  fireEvent.click(await within(page).findByTestId('wish-light'))
  await waitFor(() => expect(within(page).getByTestId('wish-state').textContent).toContain('已点亮'))
  expect(events).toEqual(['wishes.get', `subscribe ${WISH_TEMPLATE_DEFAULTS.released},${WISH_TEMPLATE_DEFAULTS.confirmed}`, 'wishes.light'])
})

test('点亮 after refusing every message (or with no API) still lights the wish', async () => {
  backend = wishBackend()
  platform.requestSubscribeMessage = jest.fn(async ({ tmplIds }) => {
    events.push('subscribe')
    return Object.fromEntries(tmplIds.map((id) => [id, 'reject']))
  })
  render(<DetailPage />)
  const page = screen.getByTestId('page-wish-detail')
  fireEvent.click(await within(page).findByTestId('wish-light'))
  await waitFor(() => expect(within(page).getByTestId('wish-state').textContent).toContain('已点亮'))
  expect(events).toEqual(['wishes.get', 'subscribe', 'wishes.light'])
  expect(within(page).queryByTestId('wish-error')).toBeNull()
})

test('an old WeChat without requestSubscribeMessage lights the wish all the same', async () => {
  backend = wishBackend()
  delete platform.requestSubscribeMessage
  render(<DetailPage />)
  const page = screen.getByTestId('page-wish-detail')
  fireEvent.click(await within(page).findByTestId('wish-light'))
  await waitFor(() => expect(within(page).getByTestId('wish-state').textContent).toContain('已点亮'))
  expect(events).toEqual(['wishes.get', 'wishes.light'])
})
