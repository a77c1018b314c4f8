/** The 心愿 tab (the wish wall) and a wish page as shipped in dist/, over wx.cloud. */
import { assertBuilt, bootApp, cloudDouble, eventually, type CloudCall } from './harness'

const admin = {
  id: 'user-demo-community-admin',
  displayName: '陈红',
  phoneMasked: '138****1004',
  roles: [
    { kind: 'resident', label: '居民' },
    { kind: 'community_admin', label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' },
  ],
  activeRole: 'community_admin',
  created: false,
  createdAt: '2026-11-01T01:00:00.000Z',
}

const card = {
  id: 'wish-reading-pen',
  title: '想要一台点读机',
  category: '留守儿童',
  communityId: 'org-beimen',
  communityName: '北门社区',
  beneficiary: '刘**（留守儿童）',
  estimatedValue: 200,
  state: 'published',
  stateLabel: '待点亮',
  progress: '待点亮',
  updatedAt: '2026-11-20T02:00:00.000Z',
}

const options = { communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], units: [], buildings: [], skills: [], freeTime: [] }

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

test('the wall: the admin’s community, 已审核 · 已点亮 · 已完成, the cards and 待审心愿', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    const action = (c.data as { action: string }).action
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'registration' && action === 'options') return { code: 0, data: options }
    if (c.name === 'wishes' && action === 'wall') return { code: 0, data: { community: { id: 'org-beimen', name: '北门社区' }, counts: { reviewed: 2, lit: 1, done: 0 }, items: [card], next: null } }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('pages/wishes/index')

  await eventually(() => expect(page.dom.textContent).toContain('想要一台点读机'))
  const text = page.dom.textContent
  expect(text).toContain('北门社区微心愿')
  expect(text).toContain('2已审核')
  expect(text).toContain('1已点亮')
  expect(text).toContain('0已完成')
  expect(text).toContain('刘**（留守儿童）')
  expect(text).toContain('待审心愿')
  // The local outbox link exists only in the h5 build.
  expect(text).not.toContain('本地演示')
  const wall = cloud.calls.find((c) => c.name === 'wishes')
  expect(wall?.data).toEqual({ action: 'wall', communityId: 'org-beimen', filter: 'all' })
})

test('a shared card opens the wish page with 点亮这个心愿', async () => {
  const member = { ...admin, id: 'user-demo-member', displayName: '李建国', roles: [{ kind: 'resident', label: '居民' }, { kind: 'member', label: '在职党员' }], activeRole: 'member' }
  const detail = {
    ...card,
    view: 'public',
    details: '孩子父母在外打工，希望有台点读机帮助学英语。',
    contact: null,
    claim: null,
    delivery: null,
    confirmation: null,
    rating: null,
    reason: null,
    serviceHours: null,
    private: null,
    history: [],
    claimDeadline: null,
    can: { light: true, giveUp: false, deliver: false, confirm: false, rate: false, edit: false, resubmit: false, verify: false, publish: false, reject: false, takeDown: false, revokeClaim: false },
    share: {
      title: '点亮微心愿：想要一台点读机',
      path: '/packages/wishes/pages/detail/index?id=wish-reading-pen&from=share',
      imageFields: { title: '想要一台点读机', category: '留守儿童', communityName: '北门社区', beneficiary: '刘**（留守儿童）', progress: '待点亮', action: '点亮这个心愿' },
    },
  }
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'wishes') return { code: 0, data: detail }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/wishes/pages/detail/index', { id: 'wish-reading-pen', from: 'share' })
  await eventually(() => expect(page.dom.textContent).toContain('点亮这个心愿'))
  expect(page.dom.textContent).toContain('刘**（留守儿童）')
  expect(cloud.calls.find((c) => c.name === 'wishes')?.data).toEqual({ action: 'get', id: 'wish-reading-pen' })
})
