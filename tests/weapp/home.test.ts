import { assertBuilt, bootApp, cloudDouble, eventually, type CloudCall } from './harness'

const resident = {
  id: 'u1',
  displayName: '王秀英',
  phoneMasked: '138****1001',
  roles: [{ kind: 'resident', label: '居民' }],
  activeRole: 'resident',
  created: false,
  createdAt: '2026-11-01T01:00:00.000Z',
}

beforeAll(() => {
  // Fails (does not skip) when the build is missing: this suite is about the shipped bundle.
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

test('首页 renders through Taro base.wxml with the person from the users cloud function', async () => {
  const cloud = cloudDouble(() => ({ code: 0, data: resident }))
  const { openPage } = bootApp(cloud.api)

  const page = openPage('pages/home/index')

  await eventually(() => expect(page.dom.textContent).toContain('您好，王秀英'))
  const text = page.dom.textContent
  expect(text).toContain('当前身份：居民')
  for (const tile of ['我要点单', '我的心愿', '社区活动']) expect(text).toContain(tile)
  // Local-mode identity switching does not exist in the weapp build.
  expect(text).not.toContain('切换身份')
  expect(text).not.toContain('本地演示')

  expect(cloud.calls).toEqual<CloudCall[]>([{ name: 'users', data: { action: 'whoami' } }])
  expect(cloud.inits).toHaveLength(1)
  expect(cloud.inits[0]).toMatchObject({ traceUser: true, env: cloud.api.DYNAMIC_CURRENT_ENV })
})

test('a failure shows in Chinese; tapping 重试 goes through the transport to wx.cloud again', async () => {
  let attempt = 0
  const cloud = cloudDouble(() =>
    ++attempt === 1 ? { code: 'SYSTEM.BUSY', message: '系统繁忙，请稍后再试' } : { code: 0, data: resident },
  )
  const { openPage } = bootApp(cloud.api)
  const page = openPage('pages/home/index')

  await eventually(() => expect(page.dom.textContent).toContain('系统繁忙，请稍后再试'))
  const retry = page.querySelector('.load-panel__retry')
  expect(retry.dom.textContent).toBe('重试')

  retry.dispatchEvent('tap')

  await eventually(() => expect(page.dom.textContent).toContain('您好，王秀英'))
  expect(cloud.calls).toEqual([
    { name: 'users', data: { action: 'whoami' } },
    { name: 'users', data: { action: 'whoami' } },
  ])
})

test('when the cloud cannot be reached the page says so instead of hanging', async () => {
  const cloud = cloudDouble(() => Promise.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail network error' }))
  const { openPage } = bootApp(cloud.api)
  const page = openPage('pages/home/index')

  await eventually(() => expect(page.dom.textContent).toContain('网络不给力，请检查网络后重试'))
  expect(page.dom.textContent).toContain('重试')
})

test('我的 lists the roles; tapping one switches through the users cloud function', async () => {
  const member = {
    ...resident,
    roles: [
      { kind: 'resident', label: '居民' },
      { kind: 'member', label: '在职党员', scopeId: 'org-beimen', scopeName: '北门社区' },
    ],
  }
  const cloud = cloudDouble(({ data }) =>
    data.action === 'switchRole' ? { code: 0, data: { ...member, activeRole: data.role } } : { code: 0, data: member },
  )
  const { openPage } = bootApp(cloud.api)
  const page = openPage('pages/mine/index')

  await eventually(() => expect(page.dom.textContent).toContain('北门社区'))
  expect(page.dom.textContent).toContain('138****1001')
  const items = page.querySelectorAll('.role-list__item')
  expect(items.map((i: { dom: Element }) => i.dom.textContent)).toEqual(['居民当前身份', '在职党员北门社区切换'])

  items[1].dispatchEvent('tap')

  await eventually(() => expect(page.dom.textContent).toContain('在职党员北门社区当前身份'))
  expect(cloud.calls.map((c) => c.data)).toEqual([{ action: 'whoami' }, { action: 'switchRole', role: 'member' }])
})
