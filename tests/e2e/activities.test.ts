/**
 * Activities (社区活动) in Chromium against the real `npm start` (the activities function on the
 * local emulator, the seeded demo activities): 李建国 signs up for 周末社区清洁 (act-upcoming) and
 * sees his seat; 刘洋 (县水利局) opens the check-in screen of 水利知识进社区 (act-running) and reads
 * the 6 digits; 李建国 types a wrong code (the Chinese message), then the right one: 已签到; the
 * same code sent again from a second tab still leaves one attendance; 陈书记 corrects 李建国's
 * hours at 敬老院义务理发 (act-held) to 1.5 with a reason and books them: 已入账.
 */
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(300_000)

const suite = browserSuite()

const DETAIL = '/packages/activities/pages/detail/index'

/** A fresh load of `route` as the demo identity `openid`. */
async function as(page: Page, openid: string, route: string) {
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await openRoute(page, suite.app.url, route)
}

async function activityAs(page: Page, openid: string, id: string) {
  await as(page, openid, `${DETAIL}?id=${id}`)
  const detail = page.getByTestId('page-activity-detail')
  await detail.getByTestId('activity-detail').waitFor()
  return detail
}

/** The organiser's current 6 digits, read from the check-in screen opened from the activity's page. */
async function currentCode(page: Page): Promise<string> {
  const detail = await activityAs(page, 'demo-unit-admin', 'act-running')
  await detail.getByTestId('activity-console').click()
  const console_ = page.getByTestId('page-activity-console')
  const code = console_.getByTestId('checkin-code')
  await code.waitFor()
  return (await code.textContent())!.trim()
}

test('李建国 signs up for 周末社区清洁 from 社区活动 and holds a seat: 已报名 1/3', async () => {
  const { page } = suite.browser
  await as(page, 'demo-member', '/packages/activities/pages/list/index')
  const list = page.getByTestId('page-activities')
  const card = list.locator('[data-testid="activity-card"][data-id="act-upcoming"]')
  await card.filter({ hasText: '周末社区清洁' }).filter({ hasText: '已报名 0/3' }).waitFor()
  // A member organises nothing: no 我组织的, no 发布活动.
  expect(await list.getByTestId('activities-tab').allTextContents()).toEqual(['社区活动', '我报名的'])
  expect(await list.getByTestId('activities-new').count()).toBe(0)
  await shot(page, 'activities-list.png')
  await card.click()

  const detail = page.getByTestId('page-activity-detail')
  await detail.getByTestId('activity-title').filter({ hasText: '周末社区清洁' }).waitFor()
  expect(await detail.getByTestId('activity-actions').getAttribute('data-verbs')).toBe('signUp')
  await detail.getByTestId('activity-signUp').click()
  await detail.getByTestId('activity-mine').filter({ hasText: '您已报名' }).waitFor()
  await detail.getByTestId('activity-seats').filter({ hasText: '已报名 1/3' }).waitFor()
  expect(await detail.getByTestId('activity-actions').getAttribute('data-verbs')).toBe('withdraw')
  await shot(page, 'activities-signed-up.png')

  // 我报名的 lists it now.
  await as(page, 'demo-member', '/packages/activities/pages/list/index')
  await list.locator('[data-testid="activities-tab"][data-value="mine"]').click()
  await list.locator('[data-testid="activity-card"][data-id="act-upcoming"]').getByTestId('activity-card-mine').filter({ hasText: '已报名' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('刘洋 opens the check-in screen of 水利知识进社区: a code image, 6 digits, 已签到 0 人', async () => {
  const { page } = suite.browser
  const code = await currentCode(page)
  expect(code).toMatch(/^\d{6}$/)
  const console_ = page.getByTestId('page-activity-console')
  await console_.getByTestId('checkin-image').waitFor()
  await console_.getByTestId('checkin-count').filter({ hasText: '已签到 0 人' }).waitFor()
  await shot(page, 'activities-console.png')
  expect(suite.problems).toEqual([])
})

test('李建国 types a wrong code (the Chinese message), then the right one: 已签到; the same code again from a second tab leaves one attendance', async () => {
  const { page, context } = suite.browser
  const code = await currentCode(page)

  const detail = await activityAs(page, 'demo-member', 'act-running')
  // A second tab opened before checking in still offers 签到: the replay of a double tap.
  const other = await context.newPage()
  other.on('pageerror', (e) => suite.problems.push(String(e)))
  await openRoute(other, suite.app.url, `${DETAIL}?id=act-running`)
  const stale = other.getByTestId('page-activity-detail')
  await stale.locator('[data-testid="activity-checkin"][data-verb="checkIn"]').waitFor()

  await detail.locator('[data-testid="activity-checkin"][data-verb="checkIn"]').waitFor()
  const wrong = code === '000000' ? '111111' : '000000'
  await detail.getByTestId('activity-code').locator('input').fill(wrong)
  await detail.getByTestId('activity-code-submit').click()
  await detail.getByTestId('activity-error').filter({ hasText: '签到码已过期，请扫描组织者手机上最新的签到码' }).waitFor()
  await detail.getByTestId('activity-code').locator('input').fill(code)
  await detail.getByTestId('activity-code-submit').click()
  const checkedIn = detail.getByTestId('activity-checkin-at')
  await checkedIn.waitFor()
  const at = await checkedIn.textContent()
  await detail.locator('[data-testid="activity-checkin"][data-verb="checkOut"]').waitFor()
  await shot(page, 'activities-checked-in.png')

  await stale.getByTestId('activity-code').locator('input').fill(code)
  await stale.getByTestId('activity-code-submit').click()
  // The function answers the attendance already there: the same check-in time, nothing new.
  await stale.getByTestId('activity-checkin-at').filter({ hasText: at! }).waitFor()
  await other.close()

  await currentCode(page)
  await page.getByTestId('page-activity-console').getByTestId('checkin-count').filter({ hasText: '已签到 1 人' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('陈书记 corrects 李建国 at 敬老院义务理发 to 1.5 hours with a reason and books the list: 已入账', async () => {
  const { page } = suite.browser
  const detail = await activityAs(page, 'demo-community-admin', 'act-held')
  await detail.getByTestId('activity-hours').click()
  const hours = page.getByTestId('page-activity-hours')
  const line = hours.locator('[data-testid="hours-line"]').filter({ hasText: '李建国' })
  await line.getByTestId('hours-line-hours').filter({ hasText: '2 小时' }).waitFor()
  await line.getByTestId('hours-adjust').click()
  await line.getByTestId('hours-form-hours-minus').click()
  await line.getByTestId('hours-form-reason').locator('textarea').fill('中途离开半小时')
  await line.getByTestId('hours-form-submit').click()
  await line.getByTestId('hours-line-hours').filter({ hasText: '1.5 小时' }).waitFor()
  await line.getByTestId('hours-line-note').filter({ hasText: '改为 1.5 小时（中途离开半小时）' }).waitFor()
  await shot(page, 'activities-hours.png')

  await hours.getByTestId('hours-book').click()
  await page.locator('.taro-modal__text').filter({ hasText: '1 人 共 1.5 小时' }).waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').filter({ hasText: '确认入账' }).click()
  await hours.getByTestId('hours-booked').filter({ hasText: '已入账：1 人 共 1.5 小时' }).waitFor()
  expect(await hours.getByTestId('hours-book').count()).toBe(0)
  expect(await hours.getByTestId('hours-adjust').count()).toBe(0)
  await hours.getByTestId('hours-state').filter({ hasText: '时长已入账' }).waitFor()
  await shot(page, 'activities-booked.png')
  expect(suite.problems).toEqual([])
})
