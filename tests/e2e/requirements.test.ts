/**
 * Yearly requirements in Chromium against the real `npm start` (the requirements function on the
 * local emulator, seeded demo county 龙门县: 2 activities and 40 hours a year per member; 李建国's
 * tally of the year: 3 activities, 30 hours). 赵部长 (county admin) raises the member hours rule on
 * 年度要求; 李建国 (member) then sees the new target on his 报到证 against what he did; 刘主任 (unit
 * admin) sees his unit's progress on 本单位党员.
 */
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(180_000)

const suite = browserSuite()

async function openTileAs(openid: string, tile: string) {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.getByTestId('page-home').locator(`[data-testid="home-tile"][data-tile="${tile}"]`).click()
}

test('赵部长 changes the member hours rule; 李建国\'s card shows the new target against his 30 hours', async () => {
  const { page } = suite.browser
  await openTileAs('demo-county-admin', 'requirements')
  const req = page.getByTestId('page-admin-requirements')
  await req.getByTestId('requirements-county').filter({ hasText: '龙门县' }).waitFor()
  const hours = req.getByTestId('rule-memberHoursPerYear-input').locator('input')
  await expectValue(hours, '40')

  // A value out of bounds is named in Chinese and not saved.
  await hours.fill('600')
  await req.getByTestId('rules-save').click()
  await req.getByTestId('rule-memberHoursPerYear-error').filter({ hasText: '党员每年服务时长不能超过500小时' }).waitFor()
  await shot(page, 'requirements-invalid.png')

  // 48 hours: typed 46, then two taps on ＋.
  await hours.fill('46')
  await req.getByTestId('rule-memberHoursPerYear-plus').click()
  await req.getByTestId('rule-memberHoursPerYear-plus').click()
  await expectValue(hours, '48')
  await req.getByTestId('rules-save').click()
  await page.getByText('已保存').first().waitFor()
  await req.getByTestId('requirements-source').filter({ hasText: '赵志强' }).waitFor()
  await shot(page, 'requirements-saved.png')

  await openTileAs('demo-member', 'my-registration')
  const card = page.getByTestId('page-card')
  await card.getByTestId('progress-line').filter({ hasText: '本年度参加活动 3 / 2 次 · 服务时长 30 / 48 小时' }).waitFor()
  await card.getByTestId('progress-summary').filter({ hasText: '还差 18 小时服务' }).waitFor()
  expect(await card.getByTestId('progress-hours-fill').getAttribute('data-percent')).toBe('63')
  await card.getByTestId('progress-member').scrollIntoViewIfNeeded()
  await shot(page, 'requirements-card.png')
  expect(suite.problems).toEqual([])
})

test('李建国 reads the rules without editing; 刘主任 sees 县水利局\'s progress on 本单位党员', async () => {
  const { page } = suite.browser
  await openTileAs('demo-member', 'my-registration')
  await page.getByTestId('page-card').getByTestId('progress-rules-link').click()
  const req = page.getByTestId('page-admin-requirements')
  await req.getByTestId('rules-member').filter({ hasText: '党员每年参加活动不少于2次、服务时长不少于48小时' }).waitFor()
  expect(await req.getByTestId('rules-save').count()).toBe(0)

  await openTileAs('demo-unit-admin', 'unit-members')
  const members = page.getByTestId('page-members')
  await members.getByTestId('progress-unit-activities-count').filter({ hasText: '0 / 1 次' }).waitFor()
  await members.getByTestId('progress-unit-members-line').filter({ hasText: '已报到党员 1 人 · 达到要求 0 人 · 未达到 1 人' }).waitFor()
  await members.getByTestId('progress-unit').scrollIntoViewIfNeeded()
  await shot(page, 'requirements-unit.png')
  expect(suite.problems).toEqual([])
})

async function expectValue(input: import('playwright-core').Locator, value: string) {
  for (let i = 0; i < 50; i++) {
    if ((await input.inputValue()) === value) return
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(await input.inputValue()).toBe(value)
}
