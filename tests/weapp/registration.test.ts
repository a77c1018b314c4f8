import { assertBuilt, bootApp, cloudDouble, eventually, type CloudCall } from './harness'

/** The registration subpackage as shipped: its pages, its sub-vendors chunk, wx.cloud underneath. */

const options = {
  communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }],
  units: [{ id: 'unit-water-bureau', name: '县水利局', kind: '机关' }],
  buildings: [{ id: 'org-beimen-b1', name: '北门花园1栋', compoundName: '北门花园小区' }],
  skills: ['水电维修', '医疗护理'],
  freeTime: ['周末白天'],
}

const card = {
  id: 'reg-1',
  state: 'registered',
  // What the function says the owner may do now: the card's buttons.
  can: ['withdraw', 'move'],
  stateLabel: '已报到',
  name: '马小兵',
  phoneMasked: '139****5678',
  unit: { id: 'unit-water-bureau', name: '县水利局' },
  community: { id: 'org-beimen', name: '北门社区' },
  building: { id: 'org-beimen-b1', name: '北门花园1栋' },
  skills: ['水电维修'],
  skillNote: null,
  freeTime: ['周末白天'],
  missing: [],
  reason: null,
  qrPayload: 'LXREG:reg-1',
  history: [
    { verb: 'submit', from: null, to: 'pending_unit', byName: '马小兵', at: '2026-11-22T02:30:00.000Z' },
    { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', byName: '刘洋', at: '2026-11-22T03:00:00.000Z' },
    { verb: 'confirmCommunity', from: 'pending_community', to: 'registered', byName: '陈红', at: '2026-11-22T16:10:00.000Z' },
  ],
  earlier: [
    {
      id: 'reg-0',
      unitName: '县水利局',
      communityName: '城南社区',
      buildingName: null,
      history: [{ verb: 'move', from: 'registered', to: 'moved', byName: '马小兵', at: '2026-11-22T02:30:00.000Z', place: { unitName: '县水利局', communityName: '北门社区' } }],
    },
  ],
  createdAt: '2026-11-22T02:30:00.000Z',
}

/** A real 1×1 PNG standing in for the QR code the cloud function draws. */
const QR_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

test('报到 opened from a QR code: the URL-encoded scene reaches resolveInvite decoded and prefills the community', async () => {
  const cloud = cloudDouble(({ data }) => {
    if (data.action === 'resolveInvite') return { code: 0, data: { kind: 'community', id: 'org-beimen', name: '北门社区' } }
    if (data.action === 'options') return { code: 0, data: options }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)

  const page = openPage('packages/registration/pages/register/index', { scene: 'c%3Aorg-beimen' })

  await eventually(() => expect(page.dom.textContent).toContain('邀请您到「北门社区」报到'))
  const text = page.dom.textContent
  for (const label of ['姓名', '手机号', '工作单位', '居住社区', '楼栋', '特长', '空闲时间', '提交报到', '水电维修', '周末白天']) {
    expect(text).toContain(label)
  }
  expect(cloud.calls).toEqual<CloudCall[]>([
    { name: 'registration', data: { action: 'resolveInvite', scene: 'c:org-beimen' } },
    { name: 'registration', data: { action: 'options', communityId: 'org-beimen' } },
  ])
})

test('报到证 renders the card from the registration cloud function, times in China time, with its QR image and 迁移', async () => {
  const cloud = cloudDouble(({ name, data }) => {
    if (name !== 'registration') return { code: 'REQUEST.UNKNOWN_FUNCTION', message: '没有这个服务接口' }
    if (data.action === 'myCard') return { code: 0, data: card }
    if (data.action === 'cardQr') return { code: 0, data: { payload: 'reg:reg-1', imageBase64: QR_PNG, contentType: 'image/png' } }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/registration/pages/card/index')

  await eventually(() => expect(page.dom.textContent).toContain('已报到'))
  // The simulator renders <image> without its src attribute: the image element replaces the
  // waiting placeholder once cardQr has answered.
  await eventually(() => expect(page.dom.innerHTML).toMatch(/<wx-image class="[^"]*reg-card__qr-image/))
  expect(page.dom.textContent).not.toContain('二维码加载中')
  const text = page.dom.textContent
  for (const part of ['马小兵', '139****5678', '县水利局', '北门社区', '北门花园1栋', 'LXREG:reg-1', '撤回报到', '迁移（换社区或单位）']) expect(text).toContain(part)
  expect(text).toContain('社区确认（陈红）2026-11-23 00:10')
  expect(text).toContain('迁移自 城南社区 · 县水利局')
  expect(text).toContain('迁出（马小兵）2026-11-22 10:30迁往：北门社区 · 县水利局')
  // (The card page also shows the yearly requirements, from the requirements function.)
  expect(cloud.calls.filter((c) => c.name === 'registration')).toEqual<CloudCall[]>([
    { name: 'registration', data: { action: 'myCard' } },
    { name: 'registration', data: { action: 'cardQr', id: 'reg-1' } },
  ])
})

test('待审核: the list for the unit in the page query; ticking and 批量确认 go to confirmUnit', async () => {
  const who = {
    id: 'u5',
    displayName: '刘洋',
    phoneMasked: '138****1005',
    roles: [
      { kind: 'resident', label: '居民' },
      { kind: 'unit_admin', label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' },
    ],
    activeRole: 'unit_admin',
    created: false,
    createdAt: '2026-11-01T01:00:00.000Z',
  }
  const item = {
    id: 'reg-1', state: 'pending_unit', can: ['confirmUnit', 'rejectUnit'], name: '马小兵', phone: '13912345678', unitName: '县水利局',
    communityName: '北门社区', buildingName: null, skills: [], createdAt: '2026-11-22T02:30:00.000Z',
  }
  let confirmed = false
  const cloud = cloudDouble(({ name, data }) => {
    if (name === 'users') return { code: 0, data: who }
    if (data.action === 'listPending') return { code: 0, data: confirmed ? { items: [], total: 0 } : { items: [item], total: 1 } }
    if (data.action === 'confirmUnit') {
      confirmed = true
      return { code: 0, data: { done: ['reg-1'], failed: [] } }
    }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/registration/pages/pending/index', { scope: 'unit', scopeId: 'unit-water-bureau' })

  await eventually(() => expect(page.dom.textContent).toContain('马小兵'))
  expect(page.dom.textContent).toContain('待本单位确认的报到')

  page.querySelector('.pending__select').dispatchEvent('tap')
  await eventually(() => expect(page.dom.textContent).toContain('已选 1 人'))
  page.querySelector('.pending__confirm').dispatchEvent('tap')

  await eventually(() => expect(page.dom.textContent).toContain('已确认 1 人'))
  await eventually(() => expect(page.dom.textContent).toContain('暂无待审核的报到'))
  expect(cloud.calls.filter((c) => c.name === 'registration').map((c) => c.data)).toEqual([
    { action: 'listPending', scope: 'unit', scopeId: 'unit-water-bureau' },
    { action: 'confirmUnit', ids: ['reg-1'] },
    { action: 'listPending', scope: 'unit', scopeId: 'unit-water-bureau' },
  ])
})
