import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { Dashboard, ScopeCrumb } from '@domain/api/stats'
import { BREAKDOWN_KEYS, FIGURES, FIGURE_KEYS, TREND_KEYS, type FigureKey } from '@domain/stats/dashboard'
import { stubFetch } from '@/test-support/fetchStub'
import StatsPage, { asOfText } from './index'

/** A dashboard as the stats function answers it, with the figures given (others 0). */
function dashboard(scope: ScopeCrumb & { levelLabel: string }, path: ScopeCrumb[], period: 'month' | 'quarter' | 'year', figures: Partial<Record<FigureKey, number | null>>, breakdowns: Dashboard['breakdowns'] = []): Dashboard {
  const periodLabel = { month: '本月', quarter: '本季度', year: '本年' }[period]
  return {
    scope,
    path,
    period,
    periodLabel,
    months: ['m2026-12'],
    asOf: '2026-12-05T06:05:00.000Z',
    figures: FIGURE_KEYS.map((key) => ({ key, label: FIGURES[key].label, unit: FIGURES[key].unit, value: key in figures ? figures[key]! : 0 })),
    columns: BREAKDOWN_KEYS.map((key) => ({ key, label: FIGURES[key].label, unit: FIGURES[key].unit })),
    breakdowns,
    trend: ['7月', '8月', '9月', '10月', '11月', '12月'].map((label, i) => ({
      month: `m2026-${String(i + 7).padStart(2, '0')}`,
      label,
      values: Object.fromEntries(TREND_KEYS.map((k) => [k, k === 'activitiesHeld' ? i * 2 : i])),
    })),
  }
}

const row = (id: string, name: string, level: 'street' | 'community' | 'unit', values: Partial<Record<FigureKey, number | null>>) => ({ id, name, level, drill: true, values })
const LONGMEN = { id: 'org-longmen', name: '龙门县', level: 'county' as const }
const LONGCHENG = { id: 'org-longcheng', name: '龙城街道', level: 'street' as const }
const BEIMEN = { id: 'org-beimen', name: '北门社区', level: 'community' as const }

const county = (period: 'month' | 'quarter' | 'year' = 'month') =>
  dashboard({ ...LONGMEN, levelLabel: '县' }, [LONGMEN], period, { members: period === 'year' ? 420 : 42, hours: 128.5, notMet: 12, unitsNoActivity: 1 }, [
    {
      title: '各街道',
      level: 'street',
      rows: [row('org-longcheng', '龙城街道', 'street', { members: 30, hours: 40.5, activitiesHeld: 3 }), row('org-pingling', '平陵街道', 'street', { members: 12, hours: 88, activitiesHeld: 5 })],
    },
    {
      title: '各单位',
      level: 'unit',
      rows: [row('unit-water-bureau', '县水利局', 'unit', { members: 20, hours: 60 }), row('unit-publicity', '县委宣传部', 'unit', { members: 5, hours: null })],
    },
  ])

const community = () => dashboard({ ...BEIMEN, levelLabel: '社区' }, [LONGMEN, LONGCHENG, BEIMEN], 'month', { members: 18, notMet: null, unitsNoActivity: null })

let backend: ReturnType<typeof stubFetch>
let navigateTo: jest.SpyInstance
let navigateBack: jest.SpyInstance
let redirectTo: jest.SpyInstance
/** Links the page clicked (an export's download); jsdom cannot navigate, so the click is cancelled. */
let clicked: HTMLAnchorElement[] = []
const onClick = (e: MouseEvent) => {
  if (e.target instanceof HTMLAnchorElement) {
    clicked.push(e.target)
    e.preventDefault()
  }
}

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/admin/pages/stats/index' }
}

function serve(answer: (body: { action: string; scopeId?: string; period?: string }) => unknown) {
  backend = stubFetch({
    '/api/stats': (req) => {
      const out = answer(req.body as { action: string; scopeId?: string; period?: string })
      return out && typeof out === 'object' && 'code' in out ? { json: out } : { json: { code: 0, data: out } }
    },
  })
}
const statsCalls = () => backend.to('/api/stats').map((c) => c.body as Record<string, unknown>)

beforeEach(() => {
  clicked = []
  document.addEventListener('click', onClick)
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockImplementation(async () => ({ errMsg: 'navigateBack:ok' }))
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
  jest.spyOn(Taro, 'setNavigationBarTitle').mockImplementation(async () => ({ errMsg: 'setNavigationBarTitle:ok' }))
})
afterEach(() => {
  document.removeEventListener('click', onClick)
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
  document.body.innerHTML = ''
})

const names = (level: string) => within(screen.getByTestId(`breakdown-table-${level}`)).getAllByTestId('stats-row-name').map((n) => n.textContent)
const bars = (level: string) => within(screen.getByTestId(`breakdown-bars-${level}`)).getAllByTestId('bar').map((b) => b.textContent)
const head = (level: string, key: string) => within(screen.getByTestId(`breakdown-table-${level}`)).getAllByTestId('stats-head').find((h) => h.getAttribute('data-key') === key)!

test('the county admin sees 龙门县 · 统计: figures with units, 数据截至, each breakdown, the title of the page', async () => {
  openWith({})
  serve(() => county())
  render(<StatsPage />)
  expect((await screen.findByTestId('stats-title')).textContent).toBe('龙门县 · 统计')
  expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '龙门县 · 统计' })
  // No scope named: the function opens the caller's widest.
  expect(statsCalls()).toEqual([{ action: 'dashboard', period: 'month' }])
  const members = screen.getAllByTestId('figure').find((f) => f.getAttribute('data-key') === 'members')!
  expect(members.textContent).toBe('42人报到党员')
  const hours = screen.getAllByTestId('figure').find((f) => f.getAttribute('data-key') === 'hours')!
  expect(hours.textContent).toBe('128.5小时服务时长')
  expect(screen.getByTestId('stats-as-of').textContent).toMatch(/^数据截至 /)
  expect(screen.getAllByTestId('breakdown').map((b) => b.getAttribute('data-level'))).toEqual(['street', 'unit'])
  // One scope only on the path: no breadcrumbs to go up by.
  expect(screen.queryByTestId('stats-breadcrumbs')).toBeNull()
  // A county has its 进度通报.
  fireEvent.click(screen.getByTestId('stats-reports'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/reports/index?scopeId=org-longmen' })
})

test('a tap on a column header sorts the table by it (▼ most first, again ▲), the bars follow the column', async () => {
  openWith({})
  serve(() => county())
  render(<StatsPage />)
  await screen.findByTestId('breakdown-table-street')
  // At first by the first column (报到党员), most first: its ▼ in sight.
  expect(names('street')).toEqual(['龙城街道 ›', '平陵街道 ›'])
  expect(head('street', 'members').getAttribute('data-sorted')).toBe('desc')
  expect(head('street', 'members').getAttribute('aria-sort')).toBe('descending')
  expect(within(head('street', 'members')).getByTestId('stats-sort-dir').textContent).toBe('▼ 从高到低')
  expect(within(screen.getByTestId('breakdown-bars-street')).getByTestId('bars-title').textContent).toBe('各街道报到党员')
  expect(bars('street')).toEqual(['龙城街道30 人', '平陵街道12 人'])
  // The longest bar is the largest value.
  const percents = within(screen.getByTestId('breakdown-bars-street')).getAllByTestId('bar').map((b) => b.getAttribute('data-percent'))
  expect(percents).toEqual(['100', '40'])

  fireEvent.click(head('street', 'hours'))
  expect(names('street')).toEqual(['平陵街道 ›', '龙城街道 ›'])
  expect(head('street', 'hours').getAttribute('data-sorted')).toBe('desc')
  expect(head('street', 'members').getAttribute('data-sorted')).toBe('')
  expect(head('street', 'members').getAttribute('aria-sort')).toBeNull()
  expect(within(screen.getByTestId('breakdown-bars-street')).getByTestId('bars-title').textContent).toBe('各街道服务时长')
  expect(bars('street')).toEqual(['平陵街道88 小时', '龙城街道40.5 小时'])

  fireEvent.click(head('street', 'hours'))
  expect(names('street')).toEqual(['龙城街道 ›', '平陵街道 ›'])
  expect(head('street', 'hours').getAttribute('aria-sort')).toBe('ascending')
  expect(within(head('street', 'hours')).getByTestId('stats-sort-dir').textContent).toBe('▲ 从低到高')
  expect(bars('street')).toEqual(['龙城街道40.5 小时', '平陵街道88 小时'])

  // By name: the bars keep the figure chosen before. The other table keeps its own order.
  fireEvent.click(head('street', 'name'))
  expect(head('street', 'name').getAttribute('data-sorted')).toBe('asc')
  expect(within(screen.getByTestId('breakdown-bars-street')).getByTestId('bars-title').textContent).toBe('各街道服务时长')
  // A value not counted shows "—" and sorts last.
  fireEvent.click(head('unit', 'hours'))
  expect(names('unit')).toEqual(['县水利局 ›', '县委宣传部 ›'])
  fireEvent.click(head('unit', 'hours'))
  expect(names('unit')).toEqual(['县水利局 ›', '县委宣传部 ›'])
  const publicity = within(screen.getByTestId('breakdown-table-unit')).getAllByTestId('stats-row')[1]
  expect(within(publicity).getAllByTestId('stats-cell').find((c) => c.getAttribute('data-key') === 'hours')!.textContent).toBe('—')
})

test('a tap on a row opens the same page for that place, one level deeper, in the same period', async () => {
  openWith({})
  serve((b) => county((b.period as 'month') ?? 'month'))
  render(<StatsPage />)
  await screen.findByTestId('breakdown-table-street')
  fireEvent.click(screen.getAllByTestId('stats-period').find((p) => p.getAttribute('data-period') === 'quarter')!)
  await waitFor(() => expect(screen.getByTestId('stats-board').getAttribute('data-period')).toBe('quarter'))
  const longcheng = within(screen.getByTestId('breakdown-table-street')).getAllByTestId('stats-row').find((r) => r.getAttribute('data-id') === 'org-longcheng')!
  expect(longcheng.getAttribute('data-drill')).toBe('true')
  fireEvent.click(longcheng)
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index?scopeId=org-longcheng&period=quarter&depth=1' })
  fireEvent.click(within(screen.getByTestId('breakdown-table-unit')).getAllByTestId('stats-row')[0])
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index?scopeId=unit-water-bureau&period=quarter&depth=1' })
})

test('the period switch asks again for 本季度 and 本年 and shows their figures; the tab chosen is marked in words too', async () => {
  openWith({ scopeId: 'org-longmen' })
  serve((b) => county((b.period as 'month') ?? 'month'))
  render(<StatsPage />)
  await screen.findByTestId('stats-board')
  const tab = (p: string) => screen.getAllByTestId('stats-period').find((t) => t.getAttribute('data-period') === p)!
  expect(tab('month').getAttribute('aria-selected')).toBe('true')
  fireEvent.click(tab('year'))
  await waitFor(() => expect(screen.getByTestId('stats-board').getAttribute('data-period')).toBe('year'))
  expect(tab('year').getAttribute('aria-selected')).toBe('true')
  expect(tab('month').getAttribute('aria-selected')).toBe('false')
  expect(screen.getAllByTestId('figure').find((f) => f.getAttribute('data-key') === 'members')!.textContent).toBe('420人报到党员')
  expect(statsCalls()).toEqual([
    { action: 'dashboard', scopeId: 'org-longmen', period: 'month' },
    { action: 'dashboard', scopeId: 'org-longmen', period: 'year' },
  ])
})

test('a figure this scope cannot count shows "—" and why; the breadcrumbs go back up through the pages drilled', async () => {
  openWith({ scopeId: 'org-beimen', period: 'month', depth: '2' })
  serve(() => community())
  render(<StatsPage />)
  expect((await screen.findByTestId('stats-title')).textContent).toBe('北门社区 · 统计')
  const notMet = screen.getAllByTestId('figure').find((f) => f.getAttribute('data-key') === 'notMet')!
  expect(within(notMet).getByTestId('figure-value').textContent).toBe('—')
  expect(within(notMet).getByTestId('figure-note').textContent).toBe('按县、单位统计')
  const unitsNoActivity = screen.getAllByTestId('figure').find((f) => f.getAttribute('data-key') === 'unitsNoActivity')!
  expect(unitsNoActivity.textContent).toBe('—本季度未开展共建单位按县、单位统计')
  // A community has no breakdown and no 进度通报 of its own.
  expect(screen.queryAllByTestId('breakdown')).toEqual([])
  expect(screen.queryByTestId('stats-reports')).toBeNull()

  expect(screen.getAllByTestId('stats-crumb').map((c) => c.textContent)).toEqual(['龙门县', '龙城街道', '北门社区'])
  fireEvent.click(screen.getAllByTestId('stats-crumb')[1])
  expect(navigateBack).toHaveBeenLastCalledWith({ delta: 1 })
  // Two pages up: on h5 one page at a time (Taro's h5 router cannot skip back over pages of one
  // route), the page shown next taking the second step; WeChat goes back 2 at once (tests/weapp/stats.test.ts).
  fireEvent.click(screen.getAllByTestId('stats-crumb')[0])
  expect(navigateBack).toHaveBeenLastCalledWith({ delta: 1 })
  // The current place is not a link.
  fireEvent.click(screen.getAllByTestId('stats-crumb')[2])
  expect(navigateBack).toHaveBeenCalledTimes(2)
  expect(redirectTo).not.toHaveBeenCalled()
})

test('opened straight at a community (a link, not drilled), a breadcrumb opens that scope instead of going back', async () => {
  openWith({ scopeId: 'org-beimen' })
  serve(() => community())
  render(<StatsPage />)
  await screen.findByTestId('stats-breadcrumbs')
  fireEvent.click(screen.getAllByTestId('stats-crumb')[0])
  expect(navigateBack).not.toHaveBeenCalled()
  expect(redirectTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index?scopeId=org-longmen&period=month' })
})

test('导出 Excel sends this scope and period and hands over the file', async () => {
  const FILE = { fileId: 'cloud://env.bucket/exports/x.xlsx', url: 'http://localhost/cos/exports/x.xlsx?sign=1', rows: 5, name: '龙门县统计本季度_20261205.xlsx' }
  openWith({ period: 'quarter' })
  serve((b) => (b.action === 'exportDashboard' ? FILE : county('quarter')))
  render(<StatsPage />)
  await screen.findByTestId('stats-board')
  fireEvent.click(screen.getByTestId('export-button'))
  await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('已导出 5 行'))
  expect(statsCalls()[1]).toEqual({ action: 'exportDashboard', scopeId: 'org-longmen', period: 'quarter' })
  expect(clicked.map((a) => [a.href, a.download])).toEqual([[FILE.url, FILE.name]])
})

test('someone who may not view the scope is told so in Chinese, with 重试', async () => {
  openWith({ scopeId: 'org-longmen' })
  serve(() => ({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }))
  render(<StatsPage />)
  const error = await screen.findByTestId('load-error')
  expect(error.getAttribute('data-code')).toBe('AUTH.FORBIDDEN')
  expect(error.textContent).toContain('您没有权限进行这个操作')
  expect(screen.queryByTestId('stats-board')).toBeNull()
})

test('the 6-month trend: a column per month with its value, the figure chosen by a tap', async () => {
  openWith({})
  serve(() => county())
  render(<StatsPage />)
  const trend = await screen.findByTestId('trend')
  const columns = () => within(trend).getAllByTestId('column').map((c) => c.textContent)
  expect(within(trend).getByTestId('columns-title').textContent).toBe('近6个月开展活动（场）')
  expect(columns()).toEqual(['0 场7月', '2 场8月', '4 场9月', '6 场10月', '8 场11月', '10 场12月'])
  expect(within(trend).getAllByTestId('column').map((c) => c.getAttribute('data-percent'))).toEqual(['0', '20', '40', '60', '80', '100'])
  fireEvent.click(within(trend).getAllByTestId('trend-figure').find((c) => c.getAttribute('data-key') === 'hours')!)
  expect(within(trend).getByTestId('columns-title').textContent).toBe('近6个月服务时长（小时）')
  expect(columns()[5]).toBe('5 小时12月')
})

test('数据截至: the time today, the day and time before', () => {
  const now = new Date('2026-12-05T08:00:00.000Z')
  expect(asOfText('2026-12-05T06:05:00.000Z', now)).toBe('数据截至 14:05')
  expect(asOfText('2026-11-30T15:55:00.000Z', now)).toBe('数据截至 11月30日 23:55')
  expect(asOfText(null, now)).toBe('数据尚未汇总')
})
