/**
 * Statistics in Chromium against the real `npm start` (the stats function on the local emulator,
 * seeded demo county 龙门县 with its counters and last month's 进度通报): 赵部长 (county admin)
 * opens 全县统计 from the home tile, drills 龙城街道 → 北门社区 and back by the breadcrumbs,
 * exports the table (the saved .xlsx read back with exceljs), then opens 进度通报 and last
 * month's report. 陈书记 (community admin) opening the county by URL is refused in Chinese.
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import type { Dashboard } from '@domain/api/stats'
import { monthLabel, previousMonthKey } from '@domain/stats/metrics'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(240_000)

const suite = browserSuite()

/**
 * The stats page showing now: Taro's h5 router keeps the pages below in the DOM (hidden), and a
 * drill-down opens the same page again for another place.
 */
const statsPage = (page: Page) => page.locator('[data-testid="page-stats"]:visible')

/** Waits for the dashboard of `name` and answers what the function sent for it. */
async function dashboardOf(page: Page, name: string, act: () => Promise<void>): Promise<{ stats: Locator; data: Dashboard }> {
  const answered = page.waitForResponse(async (r) => {
    if (!r.url().endsWith('/api/stats') || r.request().method() !== 'POST') return false
    return (r.request().postDataJSON() as { action?: string }).action === 'dashboard'
  })
  await act()
  const envelope = await (await answered).json()
  expect(envelope.code).toBe(0)
  const stats = statsPage(page)
  await stats.getByTestId('stats-title').filter({ hasText: new RegExp(`^${name} · 统计$`) }).waitFor()
  return { stats, data: envelope.data as Dashboard }
}

const texts = (l: Locator) => l.evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()))

async function rowsOf(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: string[][] = []
  ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => String(row.getCell(i + 1).value ?? ''))))
  return rows
}

test('赵部长: 全县统计 from the tile, down to 龙城街道 and 北门社区, back up, 导出 Excel, then last month\'s 进度通报', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-county-admin')
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  const county = await dashboardOf(page, '龙门县', () => page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="county-stats"]').click())

  // The figures are the function's, each with its unit; the seeded county has members.
  const members = county.data.figures.find((f) => f.key === 'members')!
  expect(members.value).toBeGreaterThan(0)
  await county.stats.locator('[data-testid="figure"][data-key="members"]').filter({ hasText: `${members.value}人报到党员` }).waitFor()
  expect(await county.stats.getByTestId('figure').count()).toBe(county.data.figures.length)
  await county.stats.getByTestId('stats-as-of').filter({ hasText: /^数据截至 / }).waitFor()
  expect(await texts(county.stats.getByTestId('breakdown-table-street').getByTestId('stats-row-name'))).toEqual(
    expect.arrayContaining(['龙城街道 ›', '平陵街道 ›']),
  )
  await shot(page, 'stats-county.png')

  const street = await dashboardOf(page, '龙城街道', () => county.stats.getByTestId('breakdown-table-street').locator('[data-testid="stats-row"][data-id="org-longcheng"]').click())
  expect(await texts(street.stats.getByTestId('stats-crumb'))).toEqual(['龙门县', '龙城街道'])
  expect(await texts(street.stats.getByTestId('breakdown-table-community').getByTestId('stats-row-name'))).toEqual(
    expect.arrayContaining(['北门社区 ›', '城南社区 ›', '太平门社区 ›']),
  )

  const beimen = await dashboardOf(page, '北门社区', () => street.stats.getByTestId('breakdown-table-community').locator('[data-testid="stats-row"][data-id="org-beimen"]').click())
  expect(await texts(beimen.stats.getByTestId('stats-crumb'))).toEqual(['龙门县', '龙城街道', '北门社区'])
  expect(beimen.data.scope).toEqual({ id: 'org-beimen', name: '北门社区', level: 'community', levelLabel: '社区' })
  // A community cannot count these two: "—" and why.
  await beimen.stats.locator('[data-testid="figure"][data-key="notMet"]').filter({ hasText: '—年度未达标党员按县、单位统计' }).waitFor()
  await shot(page, 'stats-community.png')

  // Back to the county by its breadcrumb: the pages in between are left, the county's figures are there.
  await beimen.stats.getByTestId('stats-crumb').filter({ hasText: '龙门县' }).click()
  const back = statsPage(page)
  await back.getByTestId('stats-title').filter({ hasText: /^龙门县 · 统计$/ }).waitFor()
  await page.locator('[data-testid="page-stats"]').nth(1).waitFor({ state: 'detached' })
  expect(await page.locator('[data-testid="page-stats"]').count()).toBe(1)

  // 导出 Excel: the dashboard's table for this scope and period, saved by the browser, read back.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/stats') && (r.request().postDataJSON() as { action?: string }).action === 'exportDashboard')
  const downloaded = page.waitForEvent('download')
  await back.getByTestId('export-button').filter({ hasText: '导出 Excel' }).click()
  const envelope = await (await answered).json()
  expect(envelope.code).toBe(0)
  expect((await answered).request().postDataJSON()).toEqual({ action: 'exportDashboard', scopeId: 'org-longmen', period: 'month' })
  await back.getByTestId('export-status').filter({ hasText: `已导出 ${envelope.data.rows} 行` }).waitFor()
  const download = await downloaded
  expect(download.suggestedFilename()).toBe(envelope.data.name)
  expect(envelope.data.name).toMatch(/^龙门县统计本月_\d{8}\.xlsx$/)
  const rows = await rowsOf(fs.readFileSync((await download.path())!))
  expect(rows[0]).toEqual(['名称', '层级', ...county.data.columns.map((c) => `${c.label}（${c.unit}）`)])
  expect(rows[1].slice(0, 3)).toEqual(['龙门县（合计）', '县', String(members.value)])
  const names = rows.slice(1).map((r) => r[0])
  expect(names).toEqual(['龙门县（合计）', ...county.data.breakdowns.flatMap((b) => b.rows.map((r) => r.name))])
  expect(names).toEqual(expect.arrayContaining(['龙城街道', '平陵街道', '县水利局']))
  const longcheng = county.data.breakdowns[0].rows.find((r) => r.id === 'org-longcheng')!
  expect(rows.find((r) => r[0] === '龙城街道')!.slice(1, 3)).toEqual(['街道', String(longcheng.values.members)])

  // 进度通报: last month's report of 龙门县, as the timer published it on the 1st.
  await back.getByTestId('stats-reports').click()
  const reports = page.getByTestId('page-stats-reports')
  const lastMonth = monthLabel(previousMonthKey(new Date()))
  const item = reports.locator(`[data-testid="report-item"][data-id="org-longmen:${previousMonthKey(new Date())}"]`)
  await item.filter({ hasText: lastMonth }).waitFor()
  expect(await reports.getByTestId('report-item').first().getAttribute('data-id')).toBe(`org-longmen:${previousMonthKey(new Date())}`)
  await item.click()
  const report = page.getByTestId('page-stats-report')
  await report.getByTestId('report-title').filter({ hasText: `龙门县${lastMonth}党员双报到工作进度通报` }).waitFor()
  const communities = await texts(report.getByTestId('report-communities').getByTestId('stats-row-name'))
  expect([...communities].sort()).toEqual(['北门社区', '城南社区', '太平门社区', '平陵社区'].sort())
  expect(await texts(report.getByTestId('report-communities').getByTestId('stats-rank'))).toEqual(['1', '2', '3', '4'])
  expect(await texts(report.getByTestId('report-units').getByTestId('stats-row-name'))).toEqual(expect.arrayContaining(['县水利局', '水务有限公司', '县委宣传部']))
  for (const kind of ['noActivity', 'requirementNotMet', 'overdueOrders']) await report.getByTestId(`lag-${kind}`).waitFor()

  // 生成分享图: drawn on a canvas in the browser, shown as a picture.
  await report.getByTestId('report-image-make').click()
  await report.locator('[data-testid="report-image"][data-state="done"]').waitFor()
  const src = await report.getByTestId('report-picture').locator('img').getAttribute('src')
  expect(src).toMatch(/^data:image\/png;base64,/)
  await report.getByTestId('report-image-save').waitFor()
  await shot(page, 'stats-report.png')
  expect(suite.problems).toEqual([])
})

test('陈书记 (community admin) opening 龙门县 by its URL is refused in Chinese; her own tile opens 北门社区', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-community-admin')
  await openRoute(page, suite.app.url, '/packages/admin/pages/stats/index?scopeId=org-longmen')
  const refused = statsPage(page).getByTestId('load-error')
  await refused.filter({ hasText: '您没有权限进行这个操作' }).waitFor()
  expect(await refused.getAttribute('data-code')).toBe('AUTH.FORBIDDEN')
  expect(await statsPage(page).getByTestId('stats-board').count()).toBe(0)

  await openRoute(page, suite.app.url, '/pages/home/index')
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  const own = await dashboardOf(page, '北门社区', () => page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="community-stats"]').click())
  // Her community only: no way up to the street or county.
  expect(own.data.path.map((c) => c.id)).toEqual(['org-beimen'])
  expect(await own.stats.getByTestId('stats-breadcrumbs').count()).toBe(0)
  expect(suite.problems).toEqual([])
})
