/**
 * 导出 Excel in Chromium against the real `npm start` (the exports cloud function on the local
 * emulator, seeded demo county): 陈书记 exports 社区党员 from the members page and the file the
 * browser saved is read back with exceljs (header, 李建国's row with the full phone); 赵部长
 * (county) exports the same list of 北门社区 and gets the phone masked.
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(180_000)

const suite = browserSuite()

const HEADER = ['姓名', '手机号', '状态', '工作单位', '居住社区', '小区', '楼栋', '特长', '报到时间']

/** Presses 导出 Excel; answers what the function answered, the link the page made and the file the browser saved. */
async function pressExport(page: Page) {
  const members = page.getByTestId('page-members')
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/exports') && r.request().method() === 'POST')
  const downloaded = page.waitForEvent('download')
  await members.getByTestId('export-button').filter({ hasText: '导出 Excel' }).click()
  const response = await answered
  const envelope = await response.json()
  expect(envelope.code).toBe(0)
  await members.getByTestId('export-status').filter({ hasText: `已导出 ${envelope.data.rows} 行` }).waitFor()
  const link = page.getByTestId('export-link')
  expect(await link.getAttribute('href')).toBe(envelope.data.url)
  expect(await link.getAttribute('download')).toBe(envelope.data.name)
  const download = await downloaded
  expect(download.suggestedFilename()).toBe(envelope.data.name)
  const file = await download.path()
  return { data: envelope.data as { fileId: string; url: string; rows: number; name: string }, bytes: fs.readFileSync(file!) }
}

async function rowsOf(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: string[][] = []
  ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => String(row.getCell(i + 1).value ?? ''))))
  return rows
}

test('陈书记 exports 社区党员: the saved .xlsx has the header and 李建国 with his full phone', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-community-admin')
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="community-members"]').click()
  await page.getByTestId('page-members').getByTestId('members-counts').waitFor()

  const { data, bytes } = await pressExport(page)
  expect(data.name).toMatch(/^北门社区党员_\d{8}\.xlsx$/)
  const rows = await rowsOf(bytes)
  expect(rows[0]).toEqual(HEADER)
  expect(rows).toHaveLength(data.rows + 1)
  const li = rows.find((r) => r[0] === '李建国')
  expect(li?.slice(0, 7)).toEqual(['李建国', '13800001002', '已报到', '县水利局', '北门社区', '北门花园小区', '北门花园2栋'])
  // The URL the page got serves the same file.
  const again = Buffer.from(await (await page.request.get(data.url)).body())
  expect(again.equals(bytes)).toBe(true)
  await shot(page, 'exports-members.png')
  expect(suite.problems).toEqual([])
})

test('赵部长 (county) exports 北门社区 members: the same rows, the phone masked', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-county-admin')
  await openRoute(page, suite.app.url, '/packages/registration/pages/members/index?scope=community&scopeId=org-beimen')
  await page.getByTestId('page-members').getByTestId('members-counts').waitFor()
  const { bytes } = await pressExport(page)
  const rows = await rowsOf(bytes)
  expect(rows[0]).toEqual(HEADER)
  expect(rows.find((r) => r[0] === '李建国')?.slice(0, 2)).toEqual(['李建国', '138****1002'])
  expect(suite.problems).toEqual([])
})
