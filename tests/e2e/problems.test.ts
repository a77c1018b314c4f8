/**
 * 步巡问题 in Chromium against the real `npm start` (the problems function on the local emulator,
 * the seeded demo county): 王秀英 reports a problem at 北门花园1栋 with a photo; 张敏 (grid worker)
 * records the meeting on the spot; 陈书记 assigns it to 县水利局 with a deadline; 刘洋 solves it with
 * a photo; 王秀英 sees 已解决待确认 and confirms; the timeline shows every step. And a report without
 * a place: the Chinese message, nothing written.
 */
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(300_000)

const suite = browserSuite()

const LIST = '/packages/grid/pages/problems/index'
const REPORT = '/packages/grid/pages/report/index'
const DETAIL = '/packages/grid/pages/problem/index'
const TEXT = '1栋单元门口的路灯不亮了，晚上看不见台阶'
// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

async function as(page: Page, openid: string, route: string) {
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await openRoute(page, suite.app.url, route)
}

const fill = (page: Page, testId: string, value: string) => page.getByTestId(testId).locator('input, textarea').fill(value)

async function problemAs(page: Page, openid: string, id: string) {
  await as(page, openid, `${DETAIL}?id=${id}`)
  const detail = page.getByTestId('page-problem')
  await detail.getByTestId('problem-detail').waitFor()
  return detail
}

async function mineCount(page: Page): Promise<number> {
  await as(page, 'demo-resident', LIST)
  const list = page.getByTestId('page-problems')
  await list.getByTestId('problems-list').waitFor()
  return list.getByTestId('problem-card').count()
}

let problemId = ''

test('a report without a place: 请选择问题所在的位置, nothing written', async () => {
  const { page } = suite.browser
  const before = await mineCount(page)
  await as(page, 'demo-resident', REPORT)
  const report = page.getByTestId('page-report')
  await report.getByTestId('report-place-option').first().waitFor()
  await fill(page, 'report-text', TEXT)
  await report.getByTestId('report-submit').click()
  await report.getByTestId('report-error').filter({ hasText: '请选择问题所在的位置' }).waitFor()
  expect(await mineCount(page)).toBe(before)
  expect(suite.problems).toEqual([])
})

test('王秀英 reports a problem at 北门花园1栋 with a photo', async () => {
  const { page } = suite.browser
  await as(page, 'demo-resident', REPORT)
  const report = page.getByTestId('page-report')
  await report.locator('[data-testid="report-category"][data-value="公共设施"]').click()
  for (const id of ['org-beimen', 'org-beimen-garden', 'org-beimen-grid-1', 'org-beimen-b1']) {
    await report.locator(`[data-testid="report-place-option"][data-id="${id}"]`).click()
  }
  await report.locator('[data-testid="report-place"][data-id="org-beimen-b1"]').waitFor()
  await fill(page, 'report-address', '1单元门口')
  await fill(page, 'report-text', TEXT)
  const chooser = page.waitForEvent('filechooser')
  await report.getByTestId('report-add-photo').click()
  await (await chooser).setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG })
  await report.getByTestId('report-photo').first().waitFor()
  await shot(page, 'problems-report.png')
  await report.getByTestId('report-submit').click()

  const detail = page.getByTestId('page-problem')
  await detail.getByTestId('problem-state').filter({ hasText: '已上报' }).waitFor()
  await detail.getByTestId('problem-place').filter({ hasText: '北门花园1栋' }).waitFor()
  problemId = (await detail.getAttribute('data-id'))!
  expect(problemId).toBeTruthy()
  expect(suite.problems).toEqual([])
})

test('张敏 holds the meeting on the spot', async () => {
  const { page } = suite.browser
  const detail = await problemAs(page, 'demo-grid', problemId)
  await detail.getByTestId('problem-holdMeeting').click()
  await fill(page, 'problem-form-names', '张敏、王秀英、楼栋长')
  await fill(page, 'problem-form-text', '请县水利局三天内修好路灯')
  await detail.getByTestId('problem-form-submit').click()
  await detail.getByTestId('problem-state').filter({ hasText: '已现场议事' }).waitFor()
  await detail.getByTestId('problem-meeting').filter({ hasText: '请县水利局三天内修好路灯' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('陈书记 assigns it to 县水利局 with a deadline', async () => {
  const { page } = suite.browser
  const detail = await problemAs(page, 'demo-community-admin', problemId)
  await detail.getByTestId('problem-assign').click()
  await detail.locator('[data-testid="problem-assignee"][data-value="unit:unit-water-bureau"]').click()
  await detail.locator('[data-testid="problem-deadline"][data-value="3"]').click()
  await detail.getByTestId('problem-form-submit').click()
  await detail.getByTestId('problem-state').filter({ hasText: '处理中' }).waitFor()
  await detail.getByTestId('problem-assignee').filter({ hasText: '县水利局' }).filter({ hasText: '前办结' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('刘洋 solves it with a photo', async () => {
  const { page } = suite.browser
  await as(page, 'demo-unit-admin', LIST)
  const list = page.getByTestId('page-problems')
  await list.locator('[data-testid="problems-tab"][data-value="assigned"]').click()
  await list.locator(`[data-testid="problem-card"][data-id="${problemId}"]`).click()
  const detail = page.getByTestId('page-problem')
  await detail.getByTestId('problem-solve').click()
  const chooser = page.waitForEvent('filechooser')
  await detail.getByTestId('problem-solve-add-photo').click()
  await (await chooser).setFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: PNG })
  await detail.getByTestId('problem-solve-photo').first().waitFor()
  await fill(page, 'problem-form-text', '已更换路灯灯泡')
  await detail.getByTestId('problem-form-submit').click()
  await detail.getByTestId('problem-state').filter({ hasText: '已解决待确认' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('王秀英 sees 已解决待确认 and confirms; the timeline shows each step', async () => {
  const { page } = suite.browser
  await as(page, 'demo-resident', LIST)
  const list = page.getByTestId('page-problems')
  const card = list.locator(`[data-testid="problem-card"][data-id="${problemId}"]`)
  await card.getByTestId('problem-card-state').filter({ hasText: '已解决待确认' }).waitFor()
  await card.click()
  const detail = page.getByTestId('page-problem')
  await detail.getByTestId('problem-solution').filter({ hasText: '已更换路灯灯泡' }).waitFor()
  expect(await detail.getByTestId('problem-actions').getAttribute('data-verbs')).toBe('confirm reopen')
  await detail.getByTestId('problem-confirm').click()
  await detail.getByTestId('problem-state').filter({ hasText: '已办结' }).waitFor()
  expect(await detail.getByTestId('problem-step-label').allTextContents()).toEqual(['上报问题', '现场议事', '交办', '提交解决情况', '确认办结'])
  expect(await detail.getByTestId('problem-step-meta').allTextContents()).toEqual([
    expect.stringContaining('王秀英'),
    expect.stringContaining('张敏'),
    expect.stringContaining('陈红'),
    expect.stringContaining('刘洋'),
    expect.stringContaining('王秀英'),
  ])
  await shot(page, 'problems-confirmed.png')
  expect(suite.problems).toEqual([])
})
