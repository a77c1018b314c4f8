/**
 * Service hours, the 服务证明 and the county's theme menu in Chromium against the real `npm start`
 * (the activities function on the local emulator, the seeded demo county 龙门县). 李建国 (member)
 * opens 服务时长 from his tile, reads his hours and stars and issues a certificate; 王秀英 (a
 * resident) and a brand-new WeChat user verify it by its number and see only the masked name and
 * the hours; a wrong number is not found. 赵部长 (county admin) sets this month's theme and tries
 * star thresholds that do not increase.
 */
import type { Page } from 'playwright-core'
import { chinaWallClock } from '../../domain/time'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(240_000)

const suite = browserSuite()

const VERIFY = '/packages/activities/pages/verify/index'

async function openTileAs(page: Page, openid: string, tile: string) {
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.getByTestId('page-home').locator(`[data-testid="home-tile"][data-tile="${tile}"]`).click()
}

const issued = { number: '', totalHours: '' }

test('李建国 opens 服务时长 from his tile, sees his hours and stars, and issues a 服务证明', async () => {
  const { page } = suite.browser
  await openTileAs(page, 'demo-member', 'service-hours')
  const hours = page.getByTestId('page-my-hours')
  await hours.getByTestId('hours-total').waitFor()
  issued.totalHours = (await hours.getByTestId('hours-total').getAttribute('data-value'))!
  expect(Number(issued.totalHours)).toBeGreaterThan(0)
  expect(await hours.getByTestId('hours-year').textContent()).toContain('今年服务时长')
  // The stars in glyphs and in words, and what the next one takes.
  const stars = Number(await hours.getByTestId('star-level').getAttribute('data-stars'))
  expect(await hours.getByTestId('star-glyphs').textContent()).toBe('★'.repeat(stars) + '☆'.repeat(5 - stars))
  expect(await hours.getByTestId('star-text').textContent()).toBe(`${stars} 星`)
  expect(await hours.getByTestId('star-next').textContent()).toMatch(/^(再服务 [\d.]+ 小时可达 \d 星|已达到最高星级 5 星)$/)
  expect(await hours.getByTestId('star-threshold').count()).toBe(5)
  await shot(page, 'certificate-my-hours.png')

  await hours.getByTestId('certificate-issue').click()
  const image = hours.getByTestId('certificate-image')
  await hours.locator('[data-testid="certificate-image"][data-drawn="true"]').waitFor()
  issued.number = (await image.getAttribute('data-number'))!
  expect(issued.number).toMatch(/^LX\d{4}-[0-9A-F]{8}$/)
  expect(await hours.getByTestId('certificate-number').textContent()).toBe(`证明编号：${issued.number}`)
  // The picture is a real PNG drawn on the canvas, with the facts in its alt text.
  const img = hours.getByTestId('certificate-picture').locator('img')
  expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  expect(await img.getAttribute('alt')).toContain(`编号${issued.number}，李**`)
  expect(await hours.getByTestId('certificate-save').textContent()).toBe('保存图片')
  await image.scrollIntoViewIfNeeded()
  await shot(page, 'certificate-issued.png')
  expect(suite.problems).toEqual([])
})

test('王秀英 verifies it by its number: the masked name and the hours, never the full name', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-resident')
  await openRoute(page, suite.app.url, `${VERIFY}?number=${issued.number}`)
  const verify = page.getByTestId('page-certificate-verify')
  const result = verify.getByTestId('verify-result')
  await result.waitFor()
  expect(await result.getByTestId('certificate-name-value').textContent()).toBe('李**')
  expect(await result.getByTestId('certificate-total-value').textContent()).toBe(`${issued.totalHours} 小时`)
  expect(await result.getByTestId('certificate-number-value').textContent()).toBe(issued.number)
  expect(await verify.textContent()).not.toContain('李建国')
  await shot(page, 'certificate-verified.png')

  // A wrong number, typed: said plainly.
  const wrong = issued.number.replace(/.$/, (c) => (c === '0' ? '1' : '0'))
  await verify.getByTestId('verify-input').locator('input').fill(wrong.toLowerCase())
  await verify.getByTestId('verify-submit').click()
  const missing = verify.getByTestId('verify-not-found')
  await missing.filter({ hasText: '找不到这份服务证明，请核对编号' }).waitFor()
  expect(await missing.textContent()).toContain(wrong)
  expect(await verify.getByTestId('verify-result').count()).toBe(0)
  await shot(page, 'certificate-not-found.png')
  expect(suite.problems).toEqual([])
})

test('a brand-new WeChat user scans the code (scene v:<number>) and sees the same', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await page.evaluate(() => localStorage.setItem('lianxin.openid', 'e2e-stranger-verifies'))
  await openRoute(page, suite.app.url, `${VERIFY}?scene=${encodeURIComponent(`v:${issued.number}`)}`)
  const result = page.getByTestId('page-certificate-verify').getByTestId('verify-result')
  await result.waitFor()
  expect(await result.getByTestId('certificate-name-value').textContent()).toBe('李**')
  expect(await result.getByTestId('certificate-total-value').textContent()).toBe(`${issued.totalHours} 小时`)
  expect(suite.problems).toEqual([])
})

test('赵部长 sets this month\'s theme and sees it listed; stars that do not increase are refused in Chinese, nothing saved', async () => {
  const { page } = suite.browser
  const wall = chinaWallClock(new Date())
  const month = String(wall.getUTCMonth() + 1)
  const title = '邻里互助服务月'
  await openTileAs(page, 'demo-county-admin', 'activity-themes')
  const themes = page.getByTestId('page-activity-themes')
  await themes.getByTestId('themes-county').filter({ hasText: '龙门县' }).waitFor()
  expect(await themes.getByTestId('theme-menu').getAttribute('data-year')).toBe(String(wall.getUTCFullYear()))
  const row = themes.locator(`[data-testid="theme-month"][data-month="${month}"]`)
  expect(await row.textContent()).toContain('（本月）')
  await row.getByTestId('theme-edit').click()
  await row.getByTestId('theme-title').locator('input').fill(title)
  await row.getByTestId('theme-description').locator('textarea').fill('上门看望独居老人，帮忙做些家务')
  await row.getByTestId('theme-save').click()
  await row.getByTestId('theme-month-title').filter({ hasText: title }).waitFor()
  expect(await row.getAttribute('data-set')).toBe('true')
  await shot(page, 'certificate-themes.png')

  // Read back from the function, not from the page's memory.
  await openRoute(page, suite.app.url, '/packages/activities/pages/themes/index')
  const again = page.getByTestId('page-activity-themes')
  await again.locator(`[data-testid="theme-month"][data-month="${month}"]`).getByTestId('theme-month-title').filter({ hasText: title }).waitFor()

  const star2 = again.getByTestId('act-setting-star-2').locator('input')
  const before = await star2.inputValue()
  await star2.fill('50')
  await again.getByTestId('act-settings-save').click()
  await again.getByTestId('act-settings-stars-error').filter({ hasText: '五个星级的时长需为递增的正整数' }).waitFor()
  await again.getByTestId('act-settings-stars-error').scrollIntoViewIfNeeded()
  await shot(page, 'certificate-settings-refused.png')

  await openRoute(page, suite.app.url, '/packages/activities/pages/themes/index')
  const fresh = page.getByTestId('page-activity-themes').getByTestId('act-setting-star-2').locator('input')
  await fresh.waitFor()
  expect(await fresh.inputValue()).toBe(before)
  expect(suite.problems).toEqual([])
})
