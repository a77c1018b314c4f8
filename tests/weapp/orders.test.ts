/** The 服务 tab and an order page as shipped in dist/, over wx.cloud: lists render and buttons act. */
import { assertBuilt, bootApp, cloudDouble, COMMUNITY_ADMIN_WHOAMI, eventually, type CloudCall } from './harness'

const admin = COMMUNITY_ADMIN_WHOAMI

const row = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  state: 'ordered',
  stateLabel: '待接单',
  category: '维修',
  description: '帮忙修水管',
  skills: [],
  preferredAt: '2026-11-21T06:00:00.000Z',
  urgency: 'normal',
  urgencyLabel: '一般',
  residentName: '王秀英',
  communityName: '北门社区',
  buildingName: '北门花园1栋',
  assigneeName: null,
  overdue: null,
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  ...over,
})

const ordered = {
  ...row('o-1'),
  residentId: 'user-demo-resident',
  placedByName: '王秀英',
  pool: null,
  report: null,
  rating: null,
  reason: null,
  mergedInto: null,
  communityId: 'org-beimen',
  compoundId: 'org-beimen-garden',
  gridId: 'org-beimen-grid-1',
  buildingId: 'org-beimen-b1',
  unitId: null,
  assigneeId: null,
  can: ['accept', 'decline', 'merge'],
  timeline: [{ verb: 'order', label: '点单', text: '点单', from: null, to: 'ordered', byName: '王秀英', at: '2026-11-20T01:00:00.000Z' }],
}

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

test('服务 tab: the community admin’s queue with 超时 counted, the links to 服务清单 and 时限设置, and a filter that asks again', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    const action = c.data.action
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'orders' && action === 'queue') {
      const late = row('o-late', { description: '楼道灯不亮', overdue: { label: '超时未接单', level: 'street', levelLabel: '街道党工委', deadline: '2026-11-21T01:00:00.000Z' } })
      const items = c.data.state === 'accepted' ? [row('o-2', { state: 'accepted', stateLabel: '待派单', description: '帮忙搬衣柜' })] : [late, row('o-1')]
      return { code: 0, data: { items, total: items.length } }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('pages/services/index')

  await eventually(() => expect(page.dom.textContent).toContain('楼道灯不亮'))
  const text = page.dom.textContent
  for (const part of ['服务清单', '时限设置', '服务单办理', '共 2 单，超时 1 单', '帮忙修水管', '超时未接单']) expect(text).toContain(part)
  expect(cloud.calls.find((c) => c.name === 'orders')?.data).toEqual({ action: 'queue', communityId: 'org-beimen' })

  const chips = page.querySelectorAll('.services-page__chip')
  const accepted = chips.find((c: { dom: Element }) => c.dom.textContent === '待派单')
  accepted.dispatchEvent('tap')
  await eventually(() => expect(page.dom.textContent).toContain('帮忙搬衣柜'))
  expect(cloud.calls.filter((c) => c.name === 'orders').map((c) => c.data)).toContainEqual({ action: 'queue', communityId: 'org-beimen', state: 'accepted' })
})

test('an order: exactly the buttons in can; 接单 goes to the function and the page shows the order and timeline again', async () => {
  let order: Record<string, unknown> = ordered
  const cloud = cloudDouble((c: CloudCall) => {
    const action = c.data.action
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'orders' && action === 'get') return { code: 0, data: order }
    if (c.name === 'orders' && action === 'accept') {
      const entry = { verb: 'accept', label: '社区接单', text: '社区接单', from: 'ordered', to: 'accepted', byName: '陈红', at: '2026-11-20T02:00:00.000Z' }
      order = { ...ordered, state: 'accepted', stateLabel: '待派单', can: ['merge', 'dispatchToMember', 'dispatchToUnit', 'pool'], timeline: [...ordered.timeline, entry] }
      return { code: 0, data: { id: 'o-1', state: 'accepted', stateLabel: '待派单', entry } }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/orders/pages/detail/index', { id: 'o-1' })

  await eventually(() => expect(page.dom.textContent).toContain('帮忙修水管'))
  const labels = () => page.querySelectorAll('.order-actions__button').map((b: { dom: Element }) => b.dom.textContent)
  await eventually(() => expect(labels()).toEqual(['接单', '不受理', '合并到重复的服务单']))

  page.querySelectorAll('.order-actions__button')[0].dispatchEvent('tap')
  await eventually(() => expect(labels()).toEqual(['合并到重复的服务单', '推荐党员并派单', '派给结对单位', '放入领单池']))
  expect(page.dom.textContent).toContain('待派单')
  expect(page.dom.textContent).toContain('陈红')
  expect(cloud.calls.filter((c) => c.name === 'orders').map((c) => c.data)).toEqual([
    { action: 'get', id: 'o-1' },
    { action: 'accept', id: 'o-1' },
    { action: 'get', id: 'o-1' },
  ])
})

test('放入领单池 on weapp: the community and its grid are offered; the grid chosen is what the function gets', async () => {
  let order: Record<string, unknown> = { ...ordered, state: 'accepted', stateLabel: '待派单', can: ['dispatchToMember', 'pool'] }
  const cloud = cloudDouble((c: CloudCall) => {
    const action = c.data.action
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'orders' && action === 'get') return { code: 0, data: order }
    if (c.name === 'org' && action === 'listChildren') {
      if (c.data.parentId === 'org-beimen') return { code: 0, data: { parent: { id: 'org-beimen', kind: 'community', name: '北门社区', parentId: 'org-longcheng' }, children: [{ id: 'org-beimen-garden', kind: 'compound', name: '北门花园', parentId: 'org-beimen' }] } }
      return { code: 0, data: { parent: { id: 'org-beimen-garden', kind: 'compound', name: '北门花园', parentId: 'org-beimen' }, children: [{ id: 'org-beimen-grid-1', kind: 'grid', name: '北门第一网格', parentId: 'org-beimen-garden' }] } }
    }
    if (c.name === 'orders' && action === 'pool') {
      const entry = { verb: 'pool', label: '放入领单池', text: '放入北门第一网格领单池', from: 'accepted', to: 'pooled', byName: '陈红', at: '2026-11-20T02:00:00.000Z' }
      order = { ...order, state: 'pooled', stateLabel: '待领单', can: ['dispatchToMember', 'recall'], timeline: [...ordered.timeline, entry] }
      return { code: 0, data: { id: 'o-1', state: 'pooled', stateLabel: '待领单', entry } }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/orders/pages/detail/index', { id: 'o-1' })
  await eventually(() => expect(page.querySelectorAll('.order-actions__button').length).toBe(2))
  page.querySelectorAll('.order-actions__button')[1].dispatchEvent('tap')
  await eventually(() => expect(page.querySelectorAll('.order-actions__option').length).toBe(2))
  expect(page.dom.textContent).toContain('北门社区领单池')
  expect(page.dom.textContent).toContain('北门第一网格领单池')
  page.querySelectorAll('.order-actions__option')[1].dispatchEvent('tap')
  // The option turns red; then the button below sends it.
  await eventually(() => expect(page.querySelectorAll('.order-actions__option--on').length).toBe(1))
  const send = page.querySelectorAll('.order-actions__button').find((b: { dom: Element }) => b.dom.textContent === '放入领单池')
  send.dispatchEvent('tap')
  await eventually(() => expect(page.dom.textContent).toContain('放入北门第一网格领单池'))
  expect(cloud.calls.find((c) => c.data.action === 'pool')?.data).toEqual({ action: 'pool', id: 'o-1', seen: 'accepted', pool: { kind: 'grid', id: 'org-beimen-grid-1' } })
})

test('tapping 接受派单 in the built app calls wx.requestSubscribeMessage (the next dispatch) before the acceptDispatch request', async () => {
  const member = { ...admin, id: 'user-demo-member', displayName: '李建国', roles: [{ kind: 'resident', label: '居民' }, { kind: 'member', label: '在职党员' }], activeRole: 'member' }
  const events: string[] = []
  let order: Record<string, unknown> = { ...ordered, state: 'dispatched_member', stateLabel: '待党员接单', assigneeId: 'user-demo-member', assigneeName: '李建国', can: ['acceptDispatch', 'declineDispatch'] }
  const cloud = cloudDouble((c: CloudCall) => {
    const action = c.data.action
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'orders') {
      events.push(`orders.${action}`)
      if (action === 'get') return { code: 0, data: order }
      if (action === 'acceptDispatch') {
        const entry = { verb: 'acceptDispatch', label: '党员接单', text: '党员接单', from: 'dispatched_member', to: 'claimed', byName: '李建国', at: '2026-11-20T02:00:00.000Z' }
        order = { ...order, state: 'claimed', stateLabel: '待服务', can: ['start', 'release'], timeline: [...ordered.timeline, entry] }
        return { code: 0, data: { id: 'o-1', state: 'claimed', stateLabel: '待服务', entry } }
      }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.requestSubscribeMessage = (o: { tmplIds: string[]; success?: (r: unknown) => void }) => {
    events.push(`subscribe ${o.tmplIds.join(',')}`)
    setTimeout(() => o.success?.({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])) }), 0)
  }
  const page = openPage('packages/orders/pages/detail/index', { id: 'o-1' })
  const labels = () => page.querySelectorAll('.order-actions__button').map((b: { dom: Element }) => b.dom.textContent)
  await eventually(() => expect(labels()).toEqual(['接受派单', '婉拒派单']))
  page.querySelectorAll('.order-actions__button')[0].dispatchEvent('tap')
  // j-component delivers the tap in the next microtask; the panel is asked for within that same
  // turn (WeChat opens it only from a user gesture), nothing awaited before it.
  await Promise.resolve()
  expect(events).toEqual(['orders.get', 'subscribe order-dispatch'])
  await eventually(() => expect(labels()).toEqual(['开始服务', '退回此单']))
  expect(events).toEqual(['orders.get', 'subscribe order-dispatch', 'orders.acceptDispatch', 'orders.get'])
})
