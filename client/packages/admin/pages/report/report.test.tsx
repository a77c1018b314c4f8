import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { reportFixture } from '@/components/ReportImage/fixture'
import { renderReport } from '@/components/ReportImage/render'
import { stubFetch } from '@/test-support/fetchStub'
import ReportPage from './index'

jest.mock('@/components/ReportImage/render', () => ({ renderReport: jest.fn() }))
const renderMock = renderReport as jest.MockedFunction<typeof renderReport>

let backend: ReturnType<typeof stubFetch>
beforeEach(() => {
  jest.spyOn(Taro, 'setNavigationBarTitle').mockImplementation(async () => ({ errMsg: 'setNavigationBarTitle:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  renderMock.mockReset()
  ;(Current as { router: unknown }).router = null
})

const open = (params: Record<string, string>) => {
  ;(Current as { router: unknown }).router = { params, path: '/packages/admin/pages/report/index' }
}
const rowsOf = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByTestId('stats-row')
    .map((r) => [within(r).getByTestId('stats-rank').textContent, within(r).getByTestId('stats-row-name').textContent, ...within(r).getAllByTestId('stats-cell').map((c) => c.textContent)])

test('a report: its title, the totals, communities and units ranked with their figures, who is lagging and why', async () => {
  open({ id: 'org-longmen:m2026-11' })
  backend = stubFetch({ '/api/stats': () => ({ json: { code: 0, data: reportFixture() } }) })
  render(<ReportPage />)
  expect((await screen.findByTestId('report-title')).textContent).toBe('龙门县2026年11月党员双报到工作进度通报')
  expect(backend.to('/api/stats').map((c) => c.body)).toEqual([{ action: 'report', id: 'org-longmen:m2026-11' }])
  expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '龙门县2026年11月通报' })

  const totals = within(screen.getByTestId('report-totals')).getAllByTestId('figure')
  expect(totals.map((f) => f.textContent)).toEqual(['42人报到党员', '6场开展活动', '128.5小时服务时长', '—点单平均评价'])

  // Ranked by hours: rank, name, then 服务时长 · 开展活动 · 完成心愿 · 完成点单 · 解决问题; nothing to open.
  const heads = within(screen.getByTestId('report-communities')).getAllByTestId('stats-head').map((h) => h.textContent)
  expect(heads).toEqual(['社区', '服务时长（小时）', '开展活动（场）', '完成心愿（个）', '完成点单（单）', '解决问题（个）'])
  expect(rowsOf('report-communities')).toEqual([
    ['1', '北门社区', '60.5', '3', '1', '2', '0'],
    ['2', '城南社区', '40', '2', '1', '2', '0'],
    ['3', '太平门社区', '0', '0', '1', '2', '0'],
  ])
  expect(rowsOf('report-units').map((r) => r.slice(0, 3))).toEqual([
    ['1', '县水利局', '50'],
    ['2', '县委宣传部', '0'],
  ])
  expect(screen.getAllByTestId('stats-row').every((r) => r.getAttribute('data-drill') === 'false')).toBe(true)

  const lag = (kind: string) => within(screen.getByTestId(`lag-${kind}`))
  expect(lag('noActivity').getAllByTestId('lag-row').map((r) => r.textContent)).toEqual(['太平门社区本月未开展活动', '县委宣传部本月未开展共建活动'])
  expect(screen.getByTestId('lag-noActivity').textContent).toContain('本月未开展活动（2）')
  expect(lag('requirementNotMet').getAllByTestId('lag-why').map((r) => r.textContent)).toEqual(['12人未达年度要求'])
  expect(screen.getByTestId('lag-overdueOrders').textContent).toBe('点单超时未办（0）无')

  // 生成分享图 draws this very report.
  renderMock.mockResolvedValue('data:image/png;base64,AAAA')
  fireEvent.click(screen.getByTestId('report-image-make'))
  await waitFor(() => expect(screen.getByTestId('report-picture')).toBeTruthy())
  expect(renderMock).toHaveBeenCalledWith(expect.objectContaining({ id: 'org-longmen:m2026-11', title: '龙门县2026年11月党员双报到工作进度通报' }))
})

test('a street report has no unit ranking; a report not found is said in Chinese', async () => {
  open({ id: 'org-longcheng:m2026-11' })
  backend = stubFetch({ '/api/stats': () => ({ json: { code: 0, data: reportFixture({ id: 'org-longcheng:m2026-11', scopeName: '龙城街道', level: 'street', units: [] }) } }) })
  const { unmount } = render(<ReportPage />)
  await screen.findByTestId('report-communities')
  expect(screen.queryByTestId('report-units')).toBeNull()
  unmount()
  backend.restore()

  open({ id: 'org-longmen:m2020-01' })
  backend = stubFetch({ '/api/stats': () => ({ status: 404, json: { code: 'STATS.REPORT_NOT_FOUND', message: '找不到这份进度通报' } }) })
  render(<ReportPage />)
  expect((await screen.findByTestId('load-error')).textContent).toContain('找不到这份进度通报')
})
