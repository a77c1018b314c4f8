/**
 * The statistics pages as shipped in dist/ (admin subpackage), over wx.cloud: the county's
 * dashboard with its figures, a header tap sorting the table and the bars, the period switch
 * asking again, a row opening the street's dashboard; and a 进度通报 with its rankings.
 */
import { assertBuilt, bootApp, cloudDouble, eventually, type CloudCall } from './harness'

const COUNTY_ADMIN_WHOAMI = {
  id: 'user-demo-county-admin',
  displayName: '赵志强',
  phoneMasked: '138****1006',
  roles: [
    { kind: 'resident', label: '居民' },
    { kind: 'county_admin', label: '县管理员', scopeId: 'org-longmen', scopeName: '龙门县' },
  ],
  activeRole: 'county_admin',
  created: false,
  createdAt: '2026-11-01T01:00:00.000Z',
}

const FIGURES: Array<[string, string, string, number | null]> = [
  ['pairs', '结对单位', '个', 3],
  ['members', '报到党员', '人', 42],
  ['activitiesHeld', '开展活动', '场', 6],
  ['hours', '服务时长', '小时', 128.5],
  ['notMet', '年度未达标党员', '人', 12],
  ['unitsNoActivity', '本季度未开展共建单位', '个', null],
]
const COLUMNS: Array<[string, string, string]> = [
  ['members', '报到党员', '人'],
  ['activitiesHeld', '开展活动', '场'],
  ['hours', '服务时长', '小时'],
]

function dashboard(period: string) {
  const factor = period === 'year' ? 10 : 1
  return {
    scope: { id: 'org-longmen', name: '龙门县', level: 'county', levelLabel: '县' },
    path: [{ id: 'org-longmen', name: '龙门县', level: 'county' }],
    period,
    periodLabel: { month: '本月', quarter: '本季度', year: '本年' }[period],
    months: ['m2026-12'],
    asOf: '2026-12-05T06:05:00.000Z',
    figures: FIGURES.map(([key, label, unit, value]) => ({ key, label, unit, value: value === null ? null : value * factor })),
    columns: COLUMNS.map(([key, label, unit]) => ({ key, label, unit })),
    breakdowns: [
      {
        title: '各街道',
        level: 'street',
        rows: [
          { id: 'org-longcheng', name: '龙城街道', level: 'street', drill: true, values: { members: 30, activitiesHeld: 1, hours: 40.5 } },
          { id: 'org-pingling', name: '平陵街道', level: 'street', drill: true, values: { members: 12, activitiesHeld: 5, hours: 88 } },
        ],
      },
    ],
    trend: ['7月', '8月', '9月', '10月', '11月', '12月'].map((label, i) => ({ month: `m2026-${7 + i}`, label, values: { activitiesHeld: i, wishesLit: 0, ordersDone: 0, hours: i * 2 } })),
  }
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
type Q = { dom: Element; dispatchEvent: (e: string, o?: unknown) => void }
type P = { dom: Element; querySelector: (s: string) => Q; querySelectorAll: (s: string) => Q[] }
const text = (page: P) => page.dom.textContent ?? ''
const labels = (page: P, selector: string) => page.querySelectorAll(selector).map((b) => b.dom.textContent)

test('全县统计: 龙门县\'s figures, a header tap sorts the table and the bars, 本年 asks again, a row opens 龙城街道', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: COUNTY_ADMIN_WHOAMI }
    if (c.name === 'stats' && c.data.action === 'dashboard') return { code: 0, data: dashboard(String(c.data.period)) }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  const titles: string[] = []
  const opened: string[] = []
  wx.setNavigationBarTitle = (o: { title: string; success?: (r: unknown) => void }) => {
    titles.push(o.title)
    o.success?.({ errMsg: 'setNavigationBarTitle:ok' })
  }
  wx.navigateTo = (o: { url: string; success?: (r: unknown) => void }) => {
    opened.push(o.url)
    o.success?.({ errMsg: 'navigateTo:ok' })
  }
  const page = openPage('packages/admin/pages/stats/index') as unknown as P

  await eventually(() => expect(text(page)).toContain('龙门县 · 统计'))
  expect(titles).toContain('龙门县 · 统计')
  expect(labels(page, '.figure-cards__card')).toEqual(['3个结对单位', '42人报到党员', '6场开展活动', '128.5小时服务时长', '12人年度未达标党员', '—本季度未开展共建单位按县、单位统计'])
  expect(text(page)).toContain('数据截至')
  expect(labels(page, '.stats-page__period')).toEqual(['本月', '本季度', '本年'])
  // Sorted by the first column at first (报到党员, most first), the bars in the same order.
  expect(labels(page, '.stats-table__row .stats-table__name').filter((n) => n !== '街道')).toEqual(['龙城街道 ›', '平陵街道 ›'])
  expect(labels(page, '.stats-bars__item')).toEqual(['龙城街道30 人', '平陵街道12 人'])

  // 服务时长's header: most first, said in words; the bars show hours now.
  const heads = page.querySelectorAll('.stats-table__head')
  expect(heads.map((h) => h.dom.textContent)).toEqual(['街道', '报到党员（人）▼ 从高到低', '开展活动（场）', '服务时长（小时）'])
  heads[3].dispatchEvent('tap')
  await eventually(() => expect(labels(page, '.stats-bars__item')).toEqual(['平陵街道88 小时', '龙城街道40.5 小时']))
  expect(labels(page, '.stats-table__head')[3]).toBe('服务时长（小时）▼ 从高到低')
  expect(text(page)).toContain('各街道服务时长')

  // 本年: asked again, its figures shown.
  page.querySelectorAll('.stats-page__period')[2].dispatchEvent('tap')
  await eventually(() => expect(labels(page, '.figure-cards__card')[1]).toBe('420人报到党员'))
  expect(cloud.calls.filter((c) => c.name === 'stats').map((c) => c.data)).toEqual([
    { action: 'dashboard', period: 'month' },
    { action: 'dashboard', period: 'year' },
  ])

  // A row opens the street's dashboard in the same period.
  const rows = page.querySelectorAll('.stats-table__row--open')
  expect(rows.map((r) => r.dom.textContent?.slice(0, 4))).toEqual(['平陵街道', '龙城街道'])
  rows[1].dispatchEvent('tap')
  await eventually(() => expect(opened).toEqual(['/packages/admin/pages/stats/index?scopeId=org-longcheng&period=year&depth=1']))
})

test('进度通报: the report\'s title, totals, the communities ranked and who is lagging', async () => {
  const rank = (n: number, id: string, name: string, hours: number) => ({ rank: n, id, name, values: { hours, activitiesHeld: 1, wishesDone: 0, ordersDone: 0, problemsSolved: 0 } })
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: COUNTY_ADMIN_WHOAMI }
    if (c.name === 'stats' && c.data.action === 'report' && c.data.id === 'org-longmen:m2026-11') {
      return {
        code: 0,
        data: {
          id: 'org-longmen:m2026-11',
          scopeId: 'org-longmen',
          scopeName: '龙门县',
          level: 'county',
          month: 'm2026-11',
          monthLabel: '2026年11月',
          title: '龙门县2026年11月党员双报到工作进度通报',
          createdAt: '2026-11-30T17:00:00.000Z',
          totals: [{ key: 'hours', label: '服务时长', value: 128.5, unit: '小时' }],
          communities: [rank(1, 'org-beimen', '北门社区', 60.5), rank(2, 'org-chengnan', '城南社区', 40)],
          units: [rank(1, 'unit-water-bureau', '县水利局', 50)],
          lagging: { noActivity: [{ id: 'org-taipingmen', name: '太平门社区', why: '本月未开展活动' }], requirementNotMet: [], overdueOrders: [] },
        },
      }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/admin/pages/report/index', { id: 'org-longmen%3Am2026-11' }) as unknown as P
  await eventually(() => expect(text(page)).toContain('龙门县2026年11月党员双报到工作进度通报'))
  expect(labels(page, '.figure-cards__card')).toEqual(['128.5小时服务时长'])
  expect(labels(page, '.stats-table__rank').filter((r) => r !== '名次')).toEqual(['1', '2', '1'])
  for (const part of ['北门社区', '60.5', '城南社区', '县水利局', '本月未开展活动（1）', '太平门社区', '党员未达年度要求（0）', '生成分享图']) expect(text(page)).toContain(part)
})

test('北门社区 drilled to from the county: its breadcrumbs, 龙门县 goes back 2 pages in one call', async () => {
  const crumb = (id: string, name: string, level: string) => ({ id, name, level })
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: COUNTY_ADMIN_WHOAMI }
    if (c.name === 'stats' && c.data.action === 'dashboard' && c.data.scopeId === 'org-beimen') {
      return {
        code: 0,
        data: {
          ...dashboard('month'),
          scope: { id: 'org-beimen', name: '北门社区', level: 'community', levelLabel: '社区' },
          path: [crumb('org-longmen', '龙门县', 'county'), crumb('org-longcheng', '龙城街道', 'street'), crumb('org-beimen', '北门社区', 'community')],
          breakdowns: [],
        },
      }
    }
    return unknown
  })
  const { openPage } = bootApp(cloud.api)
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  const back: unknown[] = []
  wx.navigateBack = (o: { delta: number; success?: (r: unknown) => void }) => {
    back.push(o.delta)
    o.success?.({ errMsg: 'navigateBack:ok' })
  }
  const page = openPage('packages/admin/pages/stats/index', { scopeId: 'org-beimen', period: 'month', depth: '2' }) as unknown as P
  await eventually(() => expect(text(page)).toContain('北门社区 · 统计'))
  expect(labels(page, '.stats-page__crumb')).toEqual(['龙门县', '龙城街道', '北门社区'])
  // A community has no 进度通报 of its own.
  expect(text(page)).not.toContain('进度通报')
  page.querySelectorAll('.stats-page__crumb')[0].dispatchEvent('tap')
  await eventually(() => expect(back).toEqual([2]))
})
