/**
 * 网格居民 and 入户走访 as shipped in dist/, over wx.cloud: the grid worker's list with masked
 * names and 逾期 in words, a member's refusal, and a visit record saved through the device queue
 * and sent with its key (the wx.cloud call carries `recordVisit` and the device key).
 */
import { assertBuilt, bootApp, cloudDouble, COMMUNITY_ADMIN_WHOAMI, eventually, type CloudCall } from './harness'

const grid = {
  ...COMMUNITY_ADMIN_WHOAMI,
  id: 'user-demo-grid',
  displayName: '张敏',
  roles: [
    { kind: 'resident', label: '居民' },
    { kind: 'grid_worker', label: '网格员', scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格' },
  ],
  activeRole: 'grid_worker',
}
const member = { ...grid, id: 'user-demo-member', displayName: '李建国', roles: [{ kind: 'resident', label: '居民' }, { kind: 'member', label: '在职党员' }], activeRole: 'member' }

const row = (id: string, over: Record<string, unknown> = {}) => ({
  id, buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', door: '1单元101', residentCount: 1, headline: '王**', tags: ['elderly_alone'], tagLabels: ['独居老人'],
  lastVisitAt: '2026-10-01T02:00:00.000Z', visitDueAt: '2026-10-31T02:00:00.000Z', overdue: true, ...over,
})

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

const unknown = { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
const text = (page: { dom: Element }) => page.dom.textContent ?? ''

test('网格居民: the grid worker sees masked rows, 逾期 in words, the grid and its buildings to choose', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    const action = (c.data as { action: string }).action
    if (c.name === 'users') return { code: 0, data: grid }
    if (c.name === 'households' && action === 'places') return { code: 0, data: { places: [{ id: 'org-beimen-grid-1', name: '北门第一网格', kind: 'grid', parentName: null }, { id: 'org-beimen-b1', name: '北门花园1栋', kind: 'building', parentName: '北门第一网格' }] } }
    if (c.name === 'households' && action === 'list') {
      return { code: 0, data: { place: { id: 'org-beimen-grid-1', name: '北门第一网格', kind: 'grid' }, items: [row('hh-1'), row('hh-2', { door: '1单元302', headline: '刘** 等2人', overdue: false, tags: [], tagLabels: [] })], total: 2, overdueCount: 1, nextOffset: null } }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/grid/pages/households/index')
  await eventually(() => expect(text(page)).toContain('刘** 等2人'))
  expect(text(page)).toContain('王**')
  expect(text(page)).toContain('已逾期')
  expect(text(page)).toContain('共 2 户 · 逾期 1 户')
  expect(text(page)).toContain('已显示全部 2 户')
  expect(text(page)).not.toContain('加载更多')
  expect(text(page)).toContain('北门花园1栋')
  expect(cloud.calls.find((c) => c.name === 'households' && (c.data as { action: string }).action === 'list')?.data).toEqual({ action: 'list', placeId: 'org-beimen-grid-1' })
})

test('网格居民: 加载更多 under the first 50 appends the next page from its offset', async () => {
  const pageOf = (offset: number) => {
    const n = Math.min(50, 70 - offset)
    return { place: { id: 'org-beimen-grid-1', name: '北门第一网格', kind: 'grid' }, items: Array.from({ length: n }, (_v, i) => row(`hh-${offset + i}`, { door: `2单元${offset + i}` })), total: 70, overdueCount: 70, nextOffset: offset + n < 70 ? offset + n : null }
  }
  const cloud = cloudDouble((c: CloudCall) => {
    const data = c.data as { action: string; offset?: number }
    if (c.name === 'users') return { code: 0, data: grid }
    if (c.name === 'households' && data.action === 'places') return { code: 0, data: { places: [{ id: 'org-beimen-grid-1', name: '北门第一网格', kind: 'grid', parentName: null }] } }
    if (c.name === 'households' && data.action === 'list') return { code: 0, data: pageOf(data.offset ?? 0) }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/grid/pages/households/index')
  await eventually(() => expect(page.querySelectorAll('.household-row')).toHaveLength(50))
  expect(text(page)).toContain('共 70 户 · 逾期 70 户')
  expect(text(page)).toContain('已显示 50 户，共 70 户')
  const more = page.querySelector('.households-page__more')
  expect(more.dom.textContent).toBe('加载更多')
  more.dispatchEvent('tap')
  await eventually(() => expect(page.querySelectorAll('.household-row')).toHaveLength(70))
  expect(cloud.calls.filter((c) => c.name === 'households' && (c.data as { action: string }).action === 'list').pop()?.data).toEqual({ action: 'list', placeId: 'org-beimen-grid-1', offset: 50 })
  expect(text(page)).toContain('已显示全部 70 户')
  expect(page.querySelectorAll('.households-page__more')).toHaveLength(0)
})

test('网格居民: a member gets the refusal, no household', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'households') return { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/grid/pages/households/index')
  await eventually(() => expect(text(page)).toContain('您没有权限进行这个操作'))
  expect(page.querySelectorAll('.household-row')).toHaveLength(0)
})

test('入户走访: a record is kept on the phone and sent with its device key through wx.cloud', async () => {
  // The phone's storage, which the queue lives in (miniprogram-simulate's storage API keeps nothing).
  const storage = new Map<string, unknown>()
  require('miniprogram-simulate')
  Object.assign((globalThis as unknown as { wx: Record<string, unknown> }).wx, {
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    removeStorageSync: (key: string) => storage.delete(key),
  })
  const cloud = cloudDouble((c: CloudCall) => {
    const data = c.data as { action: string; key?: string; householdId?: string; seen?: string }
    if (c.name === 'users') return { code: 0, data: grid }
    if (c.name === 'households' && data.action === 'recordVisit') return { code: 0, data: { visit: { id: data.key, householdId: data.householdId, seen: data.seen }, created: true } }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/grid/pages/visit/index', { householdId: 'hh-1', label: encodeURIComponent('北门花园1栋 1单元101') })
  await eventually(() => expect(text(page)).toContain('北门花园1栋 1单元101'))
  page.querySelector('.visit-form__textarea').dispatchEvent('input', { detail: { value: '老人在家，精神不错' } })
  await eventually(() => expect(page.querySelector('.visit-form__textarea').dom.getAttribute('value') ?? '老人在家，精神不错').toBe('老人在家，精神不错'))
  page.querySelector('.visit-form__submit').dispatchEvent('tap')
  const sent = await eventually(() => {
    const call = cloud.calls.find((c) => c.name === 'households' && (c.data as { action: string }).action === 'recordVisit')
    expect(call).toBeTruthy()
    return call!.data as Record<string, unknown>
  })
  expect(sent).toMatchObject({ action: 'recordVisit', householdId: 'hh-1', seen: '老人在家，精神不错', needs: [], photos: [] })
  expect(String(sent.key)).toMatch(/^[A-Za-z0-9]+-\d+$/)
  await eventually(() => expect(text(page)).toContain('走访记录都已发送'))
  expect(JSON.parse(String(storage.get('lianxin.visitQueue')))).toEqual([])
})
