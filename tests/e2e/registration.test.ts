/**
 * 双报到 end to end, in Chromium against the real `npm start` (the registration cloud function
 * on the local emulator): a newcomer opens the 北门社区 invitation and registers; the unit admin
 * confirms; the community admin confirms; the newcomer's card says 已报到.
 */
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(180_000)

const NEWCOMER = 'demo-newcomer'
const UNIT_ADMIN = 'demo-unit-admin' // 刘主任, 县水利局
const COMMUNITY_ADMIN = 'demo-community-admin' // 陈书记, 北门社区
const INVITE_ROUTE = '/packages/registration/pages/register/index?scene=c%3Aorg-beimen'

const suite = browserSuite()

async function asPerson(openid: string) {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
}

/** As an admin: the home tile leads to the review list; tick the newcomer, 批量确认. */
async function confirmNewcomerFrom(tile: string, title: string, screenshot: string) {
  const { page } = suite.browser
  await page.getByTestId('page-home').locator(`[data-testid="home-tile"][data-tile="${tile}"]`).click()
  const pending = page.getByTestId('page-pending')
  await pending.getByTestId('pending-title').filter({ hasText: title }).waitFor()
  const row = pending.getByTestId('pending-item').filter({ hasText: '马小兵' })
  await row.waitFor()
  // Admins of the person's unit and community may call them: the full number.
  await row.getByTestId('pending-phone').filter({ hasText: '13912345678' }).waitFor()
  await row.getByTestId('pending-select').click()
  await pending.locator('[data-testid="pending-item"][data-selected="true"]').filter({ hasText: '马小兵' }).waitFor()
  await pending.getByTestId('pending-count').filter({ hasText: '已选 1 人' }).waitFor()
  await shot(page, `${screenshot}-selected.png`)

  await pending.getByTestId('pending-confirm').click()
  await pending.getByTestId('pending-outcome-done').filter({ hasText: '已确认 1 人' }).waitFor()
  // The list reloads without them.
  await expectGone(pending.getByTestId('pending-item').filter({ hasText: '马小兵' }))
  await shot(page, `${screenshot}-confirmed.png`)
}

async function expectGone(locator: ReturnType<Page['locator']>) {
  await locator.first().waitFor({ state: 'detached' })
}

test('invitation → 报到 → unit confirms → community confirms → 已报到', async () => {
  const { page } = suite.browser

  // 1. The newcomer opens the 北门社区 invitation (the same `scene` a QR code carries).
  await asPerson(NEWCOMER)
  await openRoute(page, suite.app.url, INVITE_ROUTE)
  const register = page.getByTestId('page-register')
  await register.getByTestId('register-invite').filter({ hasText: '邀请您到「北门社区」报到' }).waitFor()
  await register.locator('[data-testid="reg-community"][data-value="org-beimen"]').filter({ hasText: '北门社区' }).waitFor()
  await shot(page, 'registration-0-invitation.png')

  // The h5 build renders Input as the <taro-input-core> web component around a native <input>.
  await register.getByTestId('reg-name').locator('input').fill('马小兵')
  await register.getByTestId('reg-phone').locator('input').fill('13912345678')
  await register.getByTestId('reg-unit').click()
  await register.getByTestId('reg-unit-sheet').getByText('县水利局', { exact: true }).click()
  await register.locator('[data-testid="reg-unit"][data-value="unit-water-bureau"]').waitFor()
  await register.getByTestId('reg-building').click()
  await register.getByTestId('reg-building-sheet').getByText('北门花园2栋', { exact: true }).click()
  await register.locator('[data-testid="reg-building"][data-value="org-beimen-b2"]').waitFor()
  await register.getByTestId('reg-skills').locator('[data-testid="choice-tag"][data-value="水电维修"]').click()
  await register.getByTestId('reg-free-time').locator('[data-testid="choice-tag"][data-value="周末白天"]').click()
  await shot(page, 'registration-1-form.png')
  await register.getByTestId('reg-submit').click()

  // 2. The card: waiting for the unit.
  const card = page.getByTestId('page-card')
  await card.getByTestId('card-state').filter({ hasText: '待单位确认' }).waitFor()
  expect(await card.getByTestId('card-name').textContent()).toBe('马小兵')
  expect(await card.getByTestId('card-phone').textContent()).toBe('139****5678')
  expect(await card.getByTestId('card-unit').textContent()).toBe('县水利局')
  expect(await card.getByTestId('card-community').textContent()).toBe('北门社区')
  expect(await card.getByTestId('card-building').textContent()).toBe('北门花园2栋')
  expect(await card.getByTestId('card-skills').textContent()).toBe('水电维修')
  expect(await card.getByTestId('card-missing-item').allTextContents()).toEqual(['· 等待工作单位党组织确认', '· 等待社区党委确认'])
  expect(await card.getByTestId('card-history-item').first().textContent()).toMatch(/^提交报到（马小兵）\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  expect((await card.getByTestId('card-qr').textContent())?.length).toBeGreaterThan(0)
  await shot(page, 'registration-2-card-pending-unit.png')

  // 3. 刘主任 (县水利局) confirms from 报到情况.
  await asPerson(UNIT_ADMIN)
  await confirmNewcomerFrom('registration-status', '待本单位确认的报到', 'registration-3-unit')

  // 4. 陈书记 (北门社区) confirms from 待审核报到.
  await asPerson(COMMUNITY_ADMIN)
  await confirmNewcomerFrom('review-registrations', '待本社区确认的报到', 'registration-4-community')

  // 5. The newcomer, through 我的 → 我的报到证: 已报到, nothing missing, the whole history.
  await asPerson(NEWCOMER)
  await page.getByText('我的', { exact: true }).last().click()
  await page.getByTestId('page-mine').getByTestId('mine-registration').click()
  const done = page.getByTestId('page-card')
  await done.getByTestId('card-state').filter({ hasText: '已报到' }).waitFor()
  expect(await done.getByTestId('card-missing').count()).toBe(0)
  const history = await done.getByTestId('card-history-item').allTextContents()
  expect(history.map((h) => h.replace(/（.*$/, ''))).toEqual(['提交报到', '单位确认', '社区确认'])
  expect(history[1]).toContain('（刘洋）')
  expect(history[2]).toContain('（陈红）')
  await shot(page, 'registration-5-card-registered.png')

  expect(suite.problems).toEqual([])
})
