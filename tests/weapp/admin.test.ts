import { assertBuilt, bootApp, cloudDouble, COMMUNITY_ADMIN_WHOAMI, eventually } from './harness'

/** The admin subpackage as shipped: 组织架构 over wx.cloud, browsing down and adding a node. */

const who = COMMUNITY_ADMIN_WHOAMI

const node = (id: string, kind: string, name: string, parentId: string | null) => ({ id, kind, name, parentId })
const beimen = node('org-beimen', 'community', '北门社区', 'org-longcheng')
const garden = node('org-beimen-garden', 'compound', '北门花园小区', 'org-beimen')

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

test('组织架构: the community admin starts at their community, sees its compounds and pairings, and opens a compound', async () => {
  const cloud = cloudDouble(({ name, data }) => {
    if (name === 'users') return { code: 0, data: who }
    if (name === 'members' && data.action === 'pairedUnits') {
      return { code: 0, data: { community: { id: 'org-beimen', name: '北门社区' }, units: [{ id: 'unit-water-bureau', name: '县水利局', kind: '机关', registered: 1 }] } }
    }
    if (name === 'registration' && data.action === 'options') {
      return { code: 0, data: { communities: [], units: [{ id: 'unit-water-bureau', name: '县水利局', kind: '机关' }], buildings: [], skills: [], freeTime: [] } }
    }
    if (name === 'org' && data.action === 'listChildren') {
      if (data.parentId === 'org-beimen') return { code: 0, data: { parent: beimen, children: [garden] } }
      if (data.parentId === 'org-beimen-garden') return { code: 0, data: { parent: garden, children: [node('org-beimen-grid-1', 'grid', '北门第一网格', 'org-beimen-garden')] } }
    }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/admin/pages/tree/index')

  await eventually(() => expect(page.dom.textContent).toContain('北门花园小区'))
  await eventually(() => expect(page.dom.textContent).toContain('县水利局'))
  const text = page.dom.textContent
  for (const part of ['北门社区', '下级小区', '新增小区', '改名', '结对共建单位', '已报到 1 人']) expect(text).toContain(part)
  // A community admin looks at the pairings but does not change them.
  expect(text).not.toContain('解除结对')

  page.querySelector('.org-tree__node-main').dispatchEvent('tap')
  await eventually(() => expect(page.dom.textContent).toContain('北门第一网格'))
  expect(page.dom.textContent).toContain('新增网格')
  expect(cloud.calls.filter((c) => c.name === 'org').map((c) => c.data)).toEqual([
    { action: 'listChildren', parentId: 'org-beimen' },
    { action: 'listChildren', parentId: 'org-beimen-garden' },
  ])
})
