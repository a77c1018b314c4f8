import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { WISH_TEMPLATE_DEFAULTS } from '@domain/notifications'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { resetWishQueue } from '@/hooks/useWishQueue'
import { QUEUE_STORAGE_KEY } from '@/services/offlineQueue'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import IntakePage from './index'

// The page as WeChat builds it: the weapp subscriber (subscribe.weapp.ts), with the platform's
// requestSubscribeMessage doubled; the backend is the h5 transport over a stubbed fetch.
jest.mock('@/services/subscribe', () => jest.requireActual('@/services/subscribe.weapp'))

type Api = { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<Record<string, unknown>> }
const platform = Taro as unknown as Api
const original = platform.requestSubscribeMessage

let backend: ReturnType<typeof stubFetch>
let events: string[]

beforeEach(() => {
  whoAmIStore.reset()
  resetWishQueue()
  window.localStorage.clear()
  events = []
  ;(Current as { router: unknown }).router = { params: {}, path: '/packages/wishes/pages/intake/index' }
})
afterEach(() => {
  resetWishQueue()
  backend?.restore()
  jest.restoreAllMocks()
  platform.requestSubscribeMessage = original
  ;(Current as { router: unknown }).router = null
})

const gridWorker = who({ displayName: '张敏', roles: [role('resident'), { ...role('grid_worker', '北门第一网格'), scopeId: 'org-beimen-g1' }], activeRole: 'grid_worker' })

function backendFor() {
  const node = (id: string, kind: string, name: string, parentId: string | null) => ({ id, kind, name, parentId })
  return stubFetch({
    '/api/users': usersBackend(gridWorker),
    '/__local/identities': () => ({ json: [] }),
    '/api/registration': () => ({ json: { code: 0, data: { communities: [{ id: 'org-beimen', name: '北门社区', streetName: '城关街道' }], units: [], buildings: [], skills: [], freeTime: [] } } }),
    '/api/org': (req) => {
      const { parentId } = req.body as { parentId: string }
      if (parentId === 'org-beimen-g1') return { json: { code: 0, data: { parent: node('org-beimen-g1', 'grid', '北门第一网格', 'org-beimen-c1'), children: [node('org-beimen-b1', 'building', '北门花园1栋', 'org-beimen-g1')] } } }
      return { json: { code: 0, data: { parent: node(parentId, 'compound', '北门花园', 'org-beimen'), children: [] } } }
    },
    '/api/wishes': (req) => {
      const { action, key } = req.body as { action: string; key: string }
      events.push(`wishes.${action}`)
      return { json: { code: 0, data: { id: 'w-new', state: 'submitted', replayed: false, key } } }
    },
  })
}

const inputOf = (testId: string) => screen.getByTestId(testId).querySelector('input, textarea') ?? screen.getByTestId(testId)
const type = (testId: string, value: string) => fireEvent.input(inputOf(testId), { target: { value } })

async function fillAndSubmit() {
  render(<IntakePage />)
  const page = screen.getByTestId('page-wish-intake')
  await within(page).findByTestId('intake-form')
  type('intake-beneficiaryName', '孙秀珍')
  fireEvent.click(within(page).getAllByTestId('wish-chip').find((c) => c.getAttribute('data-value') === '孤寡老人')!)
  type('intake-title', '想要一个小电暖器')
  type('intake-details', '冬天屋里冷，老人想要一个小电暖器取暖。')
  type('intake-estimatedValue', '150')
  fireEvent.click(within(page).getAllByTestId('intake-consent').find((c) => c.getAttribute('data-value') === 'verbal')!)
  fireEvent.click(within(page).getByTestId('intake-submit'))
  return page
}

test('提交心愿: the panel asks for publish, reject and lit BEFORE the card is queued and sent', async () => {
  backend = backendFor()
  platform.requestSubscribeMessage = jest.fn(async ({ tmplIds }) => {
    // Nothing is on the device yet while the person answers.
    events.push(`subscribe ${tmplIds.join(',')} queued=${Taro.getStorageSync(QUEUE_STORAGE_KEY) || '[]'}`)
    return Object.fromEntries(tmplIds.map((id) => [id, 'accept']))
  })
  const page = await fillAndSubmit()
  await waitFor(() => expect(events).toContain('wishes.submit'))
  expect(events).toEqual([`subscribe ${WISH_TEMPLATE_DEFAULTS.published},${WISH_TEMPLATE_DEFAULTS.rejected},${WISH_TEMPLATE_DEFAULTS.lit} queued=[]`, 'wishes.submit'])
  await within(page).findByText('已提交，等待社区审核 ›')
})

test('提交心愿 after refusing (or with the API failing) is queued and sent all the same', async () => {
  backend = backendFor()
  platform.requestSubscribeMessage = jest.fn(() => Promise.reject({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' }))
  const page = await fillAndSubmit()
  await waitFor(() => expect(events).toEqual(['wishes.submit']))
  await within(page).findByText('已提交，等待社区审核 ›')
  expect(platform.requestSubscribeMessage).toHaveBeenCalledTimes(1)
})
