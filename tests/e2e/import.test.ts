/**
 * 批量导入 end to end, in Chromium against the real `npm start`: 赵部长 (the county admin of
 * 龙门县) opens 批量导入 from 首页, downloads the template, chooses a workbook with three bad
 * rows (each listed, nothing imported), then a good one, checks it and imports it; 陈书记 then
 * finds the imported member in 北门社区's list, and imports her community's households (住户).
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'
import { BAD_BOOK, buildHouseholdWorkbook, buildWorkbook, GOOD_BOOK, GOOD_HOUSEHOLDS } from '../fixtures/importWorkbook'

jest.setTimeout(180_000)

const COUNTY_ADMIN = 'demo-county-admin'
const COMMUNITY_ADMIN = 'demo-community-admin'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const suite = browserSuite()

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-choose').click()])
  await chooser.setFiles({ name, mimeType: XLSX, buffer })
}

test('赵部长 downloads the template, sees three bad rows rejected, then imports a good workbook', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, COUNTY_ADMIN)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.locator('[data-testid="home-tile"][data-tile="bulk-import"]').click()
  const view = page.getByTestId('page-admin-import')
  await view.getByTestId('import-choose').waitFor()

  // The template: a real workbook with the three sheets.
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByTestId('import-template').click()])
  expect(download.suggestedFilename()).toBe('连心批量导入模板.xlsx')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile((await download.path())!)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['社区', '单位', '党员'])

  // Three bad rows: each listed with its sheet and row; nothing to confirm.
  await chooseFile(page, '党员名单-有错.xlsx', await buildWorkbook(BAD_BOOK))
  const result = view.getByTestId('import-result')
  await view.locator('[data-testid="import-result"][data-step="rejected"]').waitFor()
  expect(await view.getByTestId('import-file-name').textContent()).toBe('文件：党员名单-有错.xlsx')
  expect(await view.getByTestId('import-errors-message').textContent()).toBe('表格中有3行有错误，没有导入任何数据，请改正后重新导入')
  const rows = view.getByTestId('import-error')
  expect(await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-sheet')}${e.getAttribute('data-row')}`))).toEqual(['党员3', '党员5', '党员6'])
  expect(await rows.nth(1).textContent()).toContain('本县没有「县财政局」这个单位')
  expect(await result.getByTestId('import-confirm').count()).toBe(0)
  await shot(page, 'import-rejected.png')

  // The good workbook: checked, summarised, confirmed, imported.
  await chooseFile(page, '党员名单.xlsx', await buildWorkbook(GOOD_BOOK))
  await view.getByTestId('import-check-ok').waitFor()
  expect(await view.getByTestId('import-summary-members').textContent()).toBe('导入党员3 人')
  expect(await view.getByTestId('import-summary-communities').textContent()).toBe('新建社区1 个')
  await shot(page, 'import-ready.png')
  await view.getByTestId('import-confirm').click()
  await view.getByTestId('import-done').waitFor()
  expect(await view.getByTestId('import-summary').textContent()).toContain('导入党员3 人')
  await shot(page, 'import-done.png')

  expect(suite.problems).toEqual([])
})

test('陈书记 finds the imported member in 北门社区\'s list, registered', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, COMMUNITY_ADMIN)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  // Community admins have no tile for the county's workbook (theirs is 导入住户).
  expect(await page.locator('[data-testid="home-tile"][data-tile="bulk-import"]').count()).toBe(0)
  await page.locator('[data-testid="home-tile"][data-tile="community-members"]').click()
  const members = page.getByTestId('page-members')
  await members.getByTestId('members-counts').waitFor()
  await members.getByText('黄山').first().waitFor()
  expect(await members.textContent()).toContain('北门花园1栋')

  expect(suite.problems).toEqual([])
})

test('陈书记 imports households: 导入住户 offers the 住户 workbook only, its template, then a workbook checked and imported; the doors show in 网格居民', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, COMMUNITY_ADMIN)
  await page.locator('[data-testid="home-tile"][data-tile="household-import"]').click()
  const view = page.getByTestId('page-admin-import')
  const board = view.getByTestId('import-board')
  await board.getByTestId('import-choose').waitFor()
  expect(await board.getAttribute('data-kind')).toBe('households')
  expect(await view.getByTestId('import-board').count()).toBe(1)

  const [download] = await Promise.all([page.waitForEvent('download'), board.getByTestId('import-template').click()])
  expect(download.suggestedFilename()).toBe('连心住户导入模板.xlsx')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile((await download.path())!)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['住户'])

  await chooseFile(page, '住户.xlsx', await buildHouseholdWorkbook(GOOD_HOUSEHOLDS))
  await board.getByTestId('import-check-ok').waitFor()
  expect(await board.getByTestId('import-summary-households').textContent()).toBe('新增住户3 户')
  await board.getByTestId('import-confirm').click()
  await board.getByTestId('import-done').waitFor()
  await shot(page, 'import-households-done.png')

  await openRoute(page, suite.app.url, '/packages/grid/pages/households/index?placeId=org-beimen-b2')
  await page.getByTestId('page-households').locator('[data-testid="household-row"]').filter({ hasText: '4单元402' }).waitFor()
  expect(suite.problems).toEqual([])
})
