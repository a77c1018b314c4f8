/**
 * 迁移 end to end, in Chromium against the real `npm start`: 李建国 (registered with 县水利局 and
 * 北门社区) moves home to 城南社区 from his 报到证; the new card waits for 城南社区 only (the unit's
 * confirmation carries over) and shows the old history; 周书记 (城南社区) confirms; 已报到 again.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(180_000)

const MEMBER = 'demo-member' // 李建国
const CHENGNAN_ADMIN = 'demo-chengnan-admin' // 周书记, 城南社区
const CARD_ROUTE = '/packages/registration/pages/card/index'

const suite = browserSuite()

async function asPerson(openid: string) {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
}

/** Taro's h5 router keeps earlier pages in the DOM, hidden: the page on screen is the visible one. */
const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`)

/** What the card's QR image encodes, read back from its pixels. */
async function scanQr(card: ReturnType<Page['locator']>): Promise<string | null> {
  const image = card.getByTestId('card-qr-image')
  await image.waitFor()
  const src = await image.evaluate((el) => el.getAttribute('src') ?? el.querySelector('img')?.getAttribute('src') ?? '')
  expect(src.startsWith('data:image/png;base64,')).toBe(true)
  const png = PNG.sync.read(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'))
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null
}

test('李建国 moves home from 北门社区 to 城南社区; 城南社区 confirms; 已报到 again', async () => {
  const { page } = suite.browser

  // 1. His card: 已报到 in 北门社区, with a QR image that scans as the registration id only.
  await asPerson(MEMBER)
  await openRoute(page, suite.app.url, CARD_ROUTE)
  const before = visible(page, 'page-card')
  await before.getByTestId('card-state').filter({ hasText: '已报到' }).waitFor()
  expect(await before.getByTestId('card-community').textContent()).toBe('北门社区')
  expect(await scanQr(before)).toBe('reg:reg-demo-member')
  await shot(page, 'move-0-card-registered.png')

  // 2. 迁移: the form comes filled in; choose 城南社区 and a building there.
  await before.getByTestId('card-move').click()
  const form = page.locator('[data-testid="page-register"][data-mode="move"]:visible')
  await form.getByTestId('register-change').filter({ hasText: '现在：北门社区 北门花园2栋 · 县水利局' }).waitFor()
  expect(await form.getByTestId('reg-name').locator('input').inputValue()).toBe('李建国')
  await form.locator('[data-testid="reg-unit"][data-value="unit-water-bureau"]').waitFor()
  await form.getByTestId('reg-community').click()
  await form.getByTestId('reg-community-sheet').getByText('城南社区', { exact: true }).click()
  await form.locator('[data-testid="reg-community"][data-value="org-chengnan"]').waitFor()
  await form.getByTestId('reg-building').click()
  await form.getByTestId('reg-building-sheet').getByText('城南雅苑1栋', { exact: true }).click()
  await form.locator('[data-testid="reg-building"][data-value="org-chengnan-b1"]').waitFor()
  await shot(page, 'move-1-form.png')
  await form.getByTestId('reg-submit').click()

  // The question first; then the move is sent.
  // (Taro's h5 modal: its outer element has no box of its own, the content does.)
  const modal = page.locator('.taro-modal__content')
  await modal.getByText('确定迁移吗', { exact: false }).waitFor()
  await shot(page, 'move-1-confirm.png')
  await modal.getByText('迁移', { exact: true }).click()

  // 3. The new card: waiting for 城南社区 only, 迁移自 北门社区, the old history below.
  const moved = visible(page, 'page-card')
  await moved.getByTestId('card-state').filter({ hasText: '待社区确认' }).waitFor()
  expect(await moved.getByTestId('card-community').textContent()).toBe('城南社区')
  expect(await moved.getByTestId('card-building').textContent()).toBe('城南雅苑1栋')
  expect(await moved.getByTestId('card-moved-from').textContent()).toBe('迁移自 北门社区 北门花园2栋 · 县水利局')
  expect(await moved.getByTestId('card-missing-item').allTextContents()).toEqual(['· 等待社区党委确认'])
  const now = await moved.getByTestId('card-history-item').allTextContents()
  expect(now.map((h) => h.replace(/（[^（]*）\d{4}.*$/, ''))).toEqual(['迁入', '单位确认（沿用原报到）'])
  const earlier = await moved.getByTestId('card-earlier-item').allTextContents()
  expect(earlier.map((h) => h.replace(/（.*$/, ''))).toEqual(['提交报到', '单位确认', '社区确认', '迁出'])
  expect(earlier[3]).toContain('迁往：城南社区 城南雅苑1栋 · 县水利局')
  const newQr = await scanQr(moved)
  expect(newQr).toMatch(/^reg:[0-9a-f]{20}$/)
  await shot(page, 'move-2-card-pending-community.png')

  // 4. 周书记 (城南社区) confirms from 待审核报到.
  await asPerson(CHENGNAN_ADMIN)
  await page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="review-registrations"]').click()
  const pending = page.getByTestId('page-pending')
  await pending.getByTestId('pending-title').filter({ hasText: '待本社区确认的报到' }).waitFor()
  const row = pending.getByTestId('pending-item').filter({ hasText: '李建国' })
  await row.waitFor()
  await row.getByTestId('pending-select').click()
  await pending.getByTestId('pending-count').filter({ hasText: '已选 1 人' }).waitFor()
  await pending.getByTestId('pending-confirm').click()
  await pending.getByTestId('pending-outcome-done').filter({ hasText: '已确认 1 人' }).waitFor()
  await shot(page, 'move-3-chengnan-confirmed.png')

  // 5. 李建国's card: 已报到 in 城南社区, confirmed by 周涛, the 北门社区 history still there.
  await asPerson(MEMBER)
  await openRoute(page, suite.app.url, CARD_ROUTE)
  const done = visible(page, 'page-card')
  await done.getByTestId('card-state').filter({ hasText: '已报到' }).waitFor()
  expect(await done.getByTestId('card-community').textContent()).toBe('城南社区')
  expect(await done.getByTestId('card-missing').count()).toBe(0)
  const history = await done.getByTestId('card-history-item').allTextContents()
  expect(history).toHaveLength(3)
  expect(history[2]).toMatch(/^社区确认（周涛）/)
  expect(await done.getByTestId('card-earlier').count()).toBe(1)
  expect(await scanQr(done)).toBe(newQr)
  await done.getByTestId('card-move').waitFor()
  await shot(page, 'move-4-card-registered-chengnan.png')

  expect(suite.problems).toEqual([])
})
