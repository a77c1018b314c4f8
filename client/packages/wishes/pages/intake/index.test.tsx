import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { WISH_TEMPLATE_DEFAULTS } from '@domain/notifications'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { resetWishQueue, wishQueue } from '@/hooks/useWishQueue'
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

describe('转为心愿: opened from a need found on a visit', () => {
  const QUERY = { householdId: 'hh-1', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '1单元101', visitId: 'kdevice0001-3', need: '1', text: '冬天屋里冷，想要一个小电暖器' }
  const DETAIL = {
    id: 'hh-1', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '1单元101', communityId: 'org-beimen', canEdit: true, canVisit: true, visits: [],
    residents: [
      { id: 'r1', name: '王秀英', tags: ['elderly_alone'], tagLabels: ['独居老人'], phone: '13800001001', birthYear: 1946, note: '' },
      { id: 'r2', name: '王小明', tags: [], tagLabels: [], phone: null, birthYear: 2015, note: '' },
    ],
  }

  function linkBackend(link: (body: Record<string, unknown>) => { json: unknown } | { networkError: true }) {
    const wishes: Record<string, unknown>[] = []
    const households: Record<string, unknown>[] = []
    const node = (id: string, kind: string, name: string, parentId: string | null) => ({ id, kind, name, parentId })
    return {
      wishes,
      households,
      stub: stubFetch({
        '/api/users': usersBackend(gridWorker),
        '/__local/identities': () => ({ json: [] }),
        '/api/org': () => ({ json: { code: 0, data: { parent: node('org-beimen-g1', 'grid', '北门第一网格', 'org-beimen-c1'), children: [node('org-beimen-b1', 'building', '北门花园1栋', 'org-beimen-g1')] } } }),
        '/api/households': (req) => {
          const body = req.body as Record<string, unknown>
          households.push(body)
          if (body.action === 'get') return { json: { code: 0, data: DETAIL } }
          return link(body)
        },
        '/api/wishes': (req) => {
          const body = req.body as Record<string, unknown>
          wishes.push(body)
          return { json: { code: 0, data: { id: 'w-new', state: 'submitted', replayed: wishes.length > 1 } } }
        },
      }),
    }
  }

  async function fillRest(page: HTMLElement) {
    fireEvent.click(within(page).getAllByTestId('wish-chip').find((c) => c.getAttribute('data-value') === '孤寡老人')!)
    type('intake-title', '想要一个小电暖器')
    type('intake-estimatedValue', '150')
    fireEvent.click(within(page).getAllByTestId('intake-consent').find((c) => c.getAttribute('data-value') === 'verbal')!)
    fireEvent.click(within(page).getByTestId('intake-submit'))
  }

  beforeEach(() => {
    ;(Current as { router: unknown }).router = { params: QUERY, path: '/packages/wishes/pages/intake/index' }
    platform.requestSubscribeMessage = jest.fn(async () => ({}))
  })

  test('the household is shown, not chosen; the need is the details; a resident is picked; the wish is sent, then the visit learns its id', async () => {
    const b = linkBackend((body) => ({ json: { code: 0, data: { id: body.visitId, needs: [] } } }))
    backend = b.stub
    render(<IntakePage />)
    const page = screen.getByTestId('page-wish-intake')
    const fixed = await within(page).findByTestId('intake-household')
    expect(fixed.textContent).toContain('北门花园1栋 1单元101')
    expect(fixed.getAttribute('data-linked')).toBe('true')
    // Neither the building list nor the door field: nothing of the household is typed again.
    expect(within(page).queryByTestId('intake-building')).toBeNull()
    expect(within(page).queryByTestId('intake-room')).toBeNull()
    expect((inputOf('intake-details') as HTMLTextAreaElement).value).toBe('冬天屋里冷，想要一个小电暖器')

    // The household's residents, read from the function: one tap names the beneficiary (and their phone).
    const chips = await within(page).findByTestId('intake-resident')
    fireEvent.click(within(chips).getAllByTestId('wish-chip').find((c) => c.getAttribute('data-value') === '王秀英')!)
    expect((inputOf('intake-beneficiaryName') as HTMLInputElement).value).toBe('王秀英')
    expect((inputOf('intake-beneficiaryPhone') as HTMLInputElement).value).toBe('13800001001')
    await fillRest(page)

    await waitFor(() => expect(b.households.filter((h) => h.action === 'linkNeed')).toHaveLength(1))
    expect(b.wishes).toHaveLength(1)
    expect(b.wishes[0]).toMatchObject({ action: 'submit', for: 'household', buildingId: 'org-beimen-b1', room: '1单元101', beneficiaryName: '王秀英', beneficiaryPhone: '13800001001', details: '冬天屋里冷，想要一个小电暖器' })
    // The link rides with the card on the device, never inside the wish.
    expect(b.wishes[0]).not.toHaveProperty('followUp')
    expect(b.households.find((h) => h.action === 'linkNeed')).toEqual({ action: 'linkNeed', visitId: 'kdevice0001-3', index: 1, kind: 'wish', targetId: 'w-new' })
    await waitFor(() => expect(JSON.parse(Taro.getStorageSync(QUEUE_STORAGE_KEY) || '[]')).toEqual([]))
    // The same form's next card is not linked to the need again.
    expect(within(page).getByTestId('intake-household').getAttribute('data-linked')).toBe('false')
  })

  test('a link lost to the network keeps the card on the phone; the retry answers the same wish (same key) and links it', async () => {
    let linkTries = 0
    const b = linkBackend((body) => (++linkTries === 1 ? { networkError: true } : { json: { code: 0, data: { id: body.visitId, needs: [] } } }))
    backend = b.stub
    render(<IntakePage />)
    const page = screen.getByTestId('page-wish-intake')
    await within(page).findByTestId('intake-household')
    type('intake-beneficiaryName', '王秀英')
    await fillRest(page)

    await waitFor(() => expect(linkTries).toBe(1))
    await waitFor(() => expect(JSON.parse(Taro.getStorageSync(QUEUE_STORAGE_KEY) || '[]')).toHaveLength(1))
    const [card] = JSON.parse(Taro.getStorageSync(QUEUE_STORAGE_KEY))
    expect(card).toMatchObject({ status: 'waiting', intake: { followUp: { visitId: 'kdevice0001-3', index: 1 } } })

    await act(() => wishQueue().flush())
    await waitFor(() => expect(JSON.parse(Taro.getStorageSync(QUEUE_STORAGE_KEY) || '[]')).toEqual([]))
    expect(b.wishes.map((w) => w.key)).toEqual([card.key, card.key])
    expect(b.households.filter((h) => h.action === 'linkNeed').map((h) => h.targetId)).toEqual(['w-new', 'w-new'])
  })
})

test('选择住户: the grid worker picks a door from the grid instead of typing it; the wish carries its building and door, nothing linked', async () => {
  platform.requestSubscribeMessage = jest.fn(async () => ({}))
  const node = (id: string, kind: string, name: string, parentId: string | null) => ({ id, kind, name, parentId })
  const wishes: Record<string, unknown>[] = []
  const households: Record<string, unknown>[] = []
  backend = stubFetch({
    '/api/users': usersBackend(gridWorker),
    '/__local/identities': () => ({ json: [] }),
    '/api/org': () => ({ json: { code: 0, data: { parent: node('org-beimen-g1', 'grid', '北门第一网格', 'org-beimen-c1'), children: [node('org-beimen-b1', 'building', '北门花园1栋', 'org-beimen-g1')] } } }),
    '/api/households': (req) => {
      const body = req.body as { action: string }
      households.push(body)
      if (body.action === 'places') return { json: { code: 0, data: { places: [{ id: 'org-beimen-g1', name: '北门第一网格', kind: 'grid', parentName: null }] } } }
      if (body.action === 'list')
        return { json: { code: 0, data: { place: { id: 'org-beimen-g1', name: '北门第一网格', kind: 'grid' }, total: 1, overdueCount: 0, nextOffset: null, items: [{ id: 'hh-7', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '2单元501', residentCount: 1, headline: '赵**', tags: [], tagLabels: [], lastVisitAt: null, visitDueAt: null, overdue: false }] } } }
      return { json: { code: 0, data: { id: 'hh-7', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '2单元501', communityId: 'org-beimen', canEdit: true, canVisit: true, visits: [], residents: [{ id: 'r1', name: '赵德明', tags: [], tagLabels: [], phone: '13800002003', birthYear: 1962, note: '' }] } } }
    },
    '/api/wishes': (req) => {
      wishes.push(req.body as Record<string, unknown>)
      return { json: { code: 0, data: { id: 'w-new', state: 'submitted', replayed: false } } }
    },
  })
  render(<IntakePage />)
  const page = screen.getByTestId('page-wish-intake')
  fireEvent.click(await within(page).findByTestId('intake-pick-household'))
  const row = await within(page).findByTestId('household-row')
  expect(row.textContent).toContain('赵**')
  fireEvent.click(row)
  const fixed = await within(page).findByTestId('intake-household')
  expect(fixed.textContent).toContain('北门花园1栋 2单元501')
  expect(fixed.getAttribute('data-linked')).toBe('false')
  expect(within(page).queryByTestId('household-picker')).toBeNull()
  // Its only resident, read from the household, names the beneficiary.
  await waitFor(() => expect((inputOf('intake-beneficiaryName') as HTMLInputElement).value).toBe('赵德明'))
  fireEvent.click(within(page).getAllByTestId('wish-chip').find((c) => c.getAttribute('data-value') === '低保户')!)
  type('intake-title', '想要一台收音机')
  type('intake-details', '老人一个人在家，想听听广播。')
  type('intake-estimatedValue', '100')
  fireEvent.click(within(page).getAllByTestId('intake-consent').find((c) => c.getAttribute('data-value') === 'verbal')!)
  fireEvent.click(within(page).getByTestId('intake-submit'))
  await waitFor(() => expect(wishes).toHaveLength(1))
  expect(wishes[0]).toMatchObject({ buildingId: 'org-beimen-b1', room: '2单元501', beneficiaryName: '赵德明', beneficiaryPhone: '13800002003' })
  await waitFor(() => expect(JSON.parse(Taro.getStorageSync(QUEUE_STORAGE_KEY) || '[]')).toEqual([]))
  expect(households.filter((h) => h.action === 'linkNeed')).toHaveLength(0)
})
