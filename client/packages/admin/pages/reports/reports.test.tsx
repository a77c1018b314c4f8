import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { stubFetch } from '@/test-support/fetchStub'
import ReportsPage from './index'

let backend: ReturnType<typeof stubFetch>
let navigateTo: jest.SpyInstance
beforeEach(() => {
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const summary = (month: string, label: string) => ({ id: `org-longmen:${month}`, scopeId: 'org-longmen', scopeName: '龙门县', level: 'county', month, monthLabel: label, createdAt: '2026-11-30T17:00:00.000Z' })

test('进度通报 lists the scope\'s reports newest first (as the function orders them); a tap opens one', async () => {
  ;(Current as { router: unknown }).router = { params: { scopeId: 'org-longmen' }, path: '/packages/admin/pages/reports/index' }
  backend = stubFetch({ '/api/stats': () => ({ json: { code: 0, data: { items: [summary('m2026-11', '2026年11月'), summary('m2026-10', '2026年10月')] } } }) })
  render(<ReportsPage />)
  const items = await screen.findAllByTestId('report-item')
  expect(items.map((i) => i.textContent)).toEqual(['2026年11月龙门县（县） · 12月1日发布查看 ›', '2026年10月龙门县（县） · 12月1日发布查看 ›'])
  expect(backend.to('/api/stats').map((c) => c.body)).toEqual([{ action: 'reports', scopeId: 'org-longmen' }])
  fireEvent.click(items[0])
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/report/index?id=org-longmen%3Am2026-11' })
})

test('no report yet: says when one comes; without a scope the function picks the caller\'s', async () => {
  ;(Current as { router: unknown }).router = { params: {}, path: '/packages/admin/pages/reports/index' }
  backend = stubFetch({ '/api/stats': () => ({ json: { code: 0, data: { items: [] } } }) })
  render(<ReportsPage />)
  expect((await screen.findByTestId('reports-empty')).textContent).toContain('每月1日会自动生成上个月的通报')
  expect(backend.to('/api/stats').map((c) => c.body)).toEqual([{ action: 'reports' }])
})

test('a community admin (no county or street) is told so in Chinese', async () => {
  ;(Current as { router: unknown }).router = { params: {}, path: '/packages/admin/pages/reports/index' }
  backend = stubFetch({ '/api/stats': () => ({ json: { code: 'STATS.NO_SCOPE', message: '您没有可查看统计的管理身份' } }) })
  render(<ReportsPage />)
  expect((await screen.findByTestId('load-error')).textContent).toContain('您没有可查看统计的管理身份')
})
