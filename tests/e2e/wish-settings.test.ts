/**
 * Wish settings in Chromium against the real `npm start` (the wishes function on the local
 * emulator, seeded demo county). 陈书记 (北门社区 admin) opens 心愿设置 from her home tile, is told
 * of a value out of bounds, sets 3 days and 1.5 hours, reloads the page and sees them kept; the
 * review page leads to the same settings. 李建国 (a member) is refused. 钱主任 (龙城街道) sees what
 * waits for review in each of the street's communities, read-only, and opens a community's settings.
 */
import type { Locator } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(180_000)

const suite = browserSuite()

async function expectValue(input: Locator, value: string) {
  for (let i = 0; i < 50; i++) {
    if ((await input.inputValue()) === value) return
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(await input.inputValue()).toBe(value)
}

test('陈书记 changes the release days and the hours per wish, reloads and sees them', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-community-admin')
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="wish-settings"]').click()

  const settings = page.getByTestId('page-wish-settings')
  await settings.getByTestId('wish-settings-community').filter({ hasText: '北门社区' }).waitFor()
  await settings.getByTestId('wish-settings-source').filter({ hasText: '尚未设置，使用默认设置' }).waitFor()
  const days = settings.getByTestId('wish-setting-claimReleaseDays-input').locator('input')
  const hours = settings.getByTestId('wish-setting-hoursPerWish-input').locator('input')
  await expectValue(days, '7')
  await expectValue(hours, '2')

  // Out of bounds: named in Chinese beside the field, nothing saved.
  await days.fill('120')
  await settings.getByTestId('wish-settings-save').click()
  await settings.getByTestId('wish-setting-claimReleaseDays-error').filter({ hasText: '自动释放天数需为1到90的整数' }).waitFor()
  await shot(page, 'wish-settings-invalid.png')

  // 3 days typed; 1.5 hours by one tap on − (half an hour).
  await days.fill('3')
  await settings.getByTestId('wish-setting-hoursPerWish-minus').click()
  await expectValue(hours, '1.5')
  await settings.getByTestId('wish-settings-save').click()
  await page.getByText('已保存').first().waitFor()
  await settings.getByTestId('wish-settings-source').filter({ hasText: '陈红' }).waitFor()

  // A fresh load of the page reads them back from the function.
  await page.reload()
  const again = page.getByTestId('page-wish-settings')
  await again.getByTestId('wish-settings-source').filter({ hasText: '北门社区 · 陈红' }).waitFor()
  await expectValue(again.getByTestId('wish-setting-claimReleaseDays-input').locator('input'), '3')
  await expectValue(again.getByTestId('wish-setting-hoursPerWish-input').locator('input'), '1.5')
  await shot(page, 'wish-settings-saved.png')

  // The review page leads to the same settings.
  await openRoute(page, suite.app.url, '/packages/wishes/pages/review/index')
  await page.getByTestId('page-wish-review').getByTestId('review-open-settings').click()
  const fromReview = page.getByTestId('page-wish-settings').last()
  await expectValue(fromReview.getByTestId('wish-setting-claimReleaseDays-input').locator('input'), '3')
  expect(suite.problems).toEqual([])
})

test('a member opening the page is refused by the function, in Chinese', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-member')
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await openRoute(page, suite.app.url, '/packages/wishes/pages/settings/index?communityId=org-beimen')
  const settings = page.getByTestId('page-wish-settings')
  await settings.locator('[data-testid="load-error"][data-code="AUTH.FORBIDDEN"]').filter({ hasText: '您没有权限进行这个操作' }).waitFor()
  expect(await settings.getByTestId('wish-settings-save').count()).toBe(0)
  expect(suite.problems).toEqual([])
})

test('钱主任 sees what waits in each community of 龙城街道, with the community named, and opens 北门\'s settings', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-street-admin')
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="review-wishes"]').click()
  const review = page.getByTestId('page-wish-review')
  await review.getByTestId('review-scope').filter({ hasText: '龙城街道' }).waitFor()
  await review.getByTestId('overview-hint').waitFor()
  const rows = review.getByTestId('overview-item')
  await rows.first().waitFor()
  // The seeded waiting wishes of 北门社区, each row naming its community; no way to publish from here.
  const communities = await rows.getByTestId('overview-item-community').allTextContents()
  expect(communities.length).toBeGreaterThanOrEqual(2)
  expect(new Set(communities)).toEqual(new Set(['北门社区']))
  expect(await review.getByTestId('review-item').count()).toBe(0)
  await shot(page, 'wish-review-street.png')

  await rows.first().getByTestId('overview-item-settings').click()
  const settings = page.getByTestId('page-wish-settings').last()
  await settings.getByTestId('wish-settings-community').filter({ hasText: '北门社区' }).waitFor()
  await expectValue(settings.getByTestId('wish-setting-claimReleaseDays-input').locator('input'), '3')
  expect(suite.problems).toEqual([])
})
