/**
 * 微心愿 in Chromium against the real `npm start` (the wishes function on the local emulator, the
 * seeded demo county): 张敏 (grid worker) fills a wish card with the browser offline and sees it
 * wait on the phone, goes online and sees it submitted; 陈书记 verifies and publishes it; 李建国
 * lights it and marks it delivered with a photo; 张敏 confirms; the wall's counts move at each step.
 */
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(300_000)

const suite = browserSuite()

const TITLE = '想要一个小电暖器'
// A real 1×1 PNG: the function checks the stored file's type and size.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

async function as(page: Page, openid: string, route: string) {
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await openRoute(page, suite.app.url, route)
}

async function wallCounts(page: Page): Promise<[string, string, string]> {
  const counts = page.getByTestId('page-wishes').getByTestId('wall-counts')
  await counts.waitFor()
  return [(await counts.getAttribute('data-reviewed'))!, (await counts.getAttribute('data-lit'))!, (await counts.getAttribute('data-done'))!]
}

async function expectWall(page: Page, openid: string, expected: [number, number, number]) {
  await as(page, openid, '/pages/wishes/index')
  const counts = page.getByTestId('page-wishes').getByTestId('wall-counts')
  await counts.and(page.locator(`[data-reviewed="${expected[0]}"][data-lit="${expected[1]}"][data-done="${expected[2]}"]`)).waitFor()
  expect(await wallCounts(page)).toEqual(expected.map(String))
}

const fill = (page: Page, testId: string, value: string) => page.getByTestId(testId).locator('input, textarea').fill(value)

let wishId = ''

test('张敏 fills a wish card offline; it waits on the phone and is submitted when the network returns', async () => {
  const { page, context } = suite.browser
  await expectWall(page, 'demo-grid', [2, 1, 0])
  await openRoute(page, suite.app.url, '/packages/wishes/pages/intake/index')
  const intake = page.getByTestId('page-wish-intake')
  await intake.getByTestId('intake-form').waitFor()

  await context.setOffline(true)
  await intake.getByTestId('intake-building').click()
  await page.locator('[data-testid="intake-building-sheet"] [data-testid="select-option"][data-value="org-beimen-b1"]').click()
  await fill(page, 'intake-beneficiaryName', '孙秀珍')
  await fill(page, 'intake-room', '1单元301')
  await intake.getByTestId('intake-category').locator('[data-testid="wish-chip"][data-value="孤寡老人"]').click()
  await fill(page, 'intake-title', TITLE)
  await fill(page, 'intake-details', '冬天屋里冷，老人想要一个小电暖器取暖。')
  await fill(page, 'intake-estimatedValue', '150')
  await intake.locator('[data-testid="intake-consent"][data-value="verbal"]').click()
  await intake.getByTestId('intake-submit').click()

  await intake.getByTestId('intake-waiting').filter({ hasText: '待发送 1 条' }).waitFor()
  await intake.locator('[data-testid="intake-item"][data-status="waiting"]').filter({ hasText: TITLE }).waitFor()
  await shot(page, 'wishes-intake-offline.png')

  await context.setOffline(false)
  const sent = intake.locator('[data-testid="intake-item"][data-status="sent"]').filter({ hasText: TITLE })
  await sent.waitFor({ timeout: 30_000 })
  await sent.filter({ hasText: '已提交' }).waitFor()
  await shot(page, 'wishes-intake-sent.png')
  await sent.click()
  const detail = page.getByTestId('page-wish-detail')
  await detail.getByTestId('wish-state').filter({ hasText: '待核实' }).waitFor()
  wishId = (await detail.getAttribute('data-id'))!
  expect(wishId).toBeTruthy()
  expect(suite.problems).toEqual([])
})

test('陈书记 verifies and publishes it from 待审心愿; the wall counts it', async () => {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-community-admin')
  await page.getByTestId('page-home').locator('[data-testid="home-tile"][data-tile="review-wishes"]').click()
  const review = page.getByTestId('page-wish-review')
  await review.getByTestId('review-item').filter({ hasText: TITLE }).click()
  const detail = page.getByTestId('page-wish-detail')
  await detail.getByTestId('wish-private').filter({ hasText: '孙秀珍' }).waitFor()
  await detail.getByTestId('wish-verify').click()
  await fill(page, 'wish-form-text', '已入户，屋里确实没有取暖设备')
  await detail.getByTestId('wish-form-submit').click()
  await detail.getByTestId('wish-state').filter({ hasText: '待发布' }).waitFor()
  await detail.getByTestId('wish-publish').click()
  await detail.getByTestId('wish-state').filter({ hasText: '待点亮' }).waitFor()
  await expectWall(page, 'demo-community-admin', [3, 1, 0])
  expect(suite.problems).toEqual([])
})

test('李建国 lights it from the wall and marks it delivered with a photo; 张敏 confirms; the counts move', async () => {
  const { page } = suite.browser
  await expectWall(page, 'demo-member', [3, 1, 0])
  const wall = page.getByTestId('page-wishes')
  await wall.locator(`[data-testid="wish-card"][data-id="${wishId}"]`).filter({ hasText: '孙**（孤寡老人）' }).click()
  const detail = page.getByTestId('page-wish-detail')
  await detail.getByTestId('wish-beneficiary').filter({ hasText: '孙**（孤寡老人）' }).waitFor()
  expect(await detail.textContent()).not.toContain('孙秀珍')
  const image = detail.getByTestId('wish-share-image')
  await image.waitFor()
  const drawMs = Number(await image.getAttribute('data-draw-ms'))
  console.log(`share image drawn in ${drawMs} ms (h5 build, 1000×800 canvas, toDataURL included)`)
  expect(drawMs).toBeLessThanOrEqual(500)

  await detail.getByTestId('wish-light').click()
  await detail.getByTestId('wish-state').filter({ hasText: '已点亮' }).waitFor()
  await detail.getByTestId('wish-contact').filter({ hasText: '张敏' }).waitFor()
  await shot(page, 'wishes-lit.png')
  await expectWall(page, 'demo-member', [3, 2, 0])

  await openRoute(page, suite.app.url, `/packages/wishes/pages/detail/index?id=${wishId}`)
  await detail.getByTestId('wish-deliver').click()
  await fill(page, 'wish-form-text', '电暖器已送到老人家里')
  const chooser = page.waitForEvent('filechooser')
  await detail.getByTestId('wish-form-submit').click()
  await (await chooser).setFiles({ name: 'delivered.png', mimeType: 'image/png', buffer: PNG })
  await detail.getByTestId('wish-state').filter({ hasText: '已送达' }).waitFor()
  await detail.getByTestId('wish-delivery-photo').first().waitFor()

  await as(page, 'demo-grid', `/packages/wishes/pages/detail/index?id=${wishId}`)
  await detail.getByTestId('wish-confirm').click()
  await detail.getByTestId('wish-state').filter({ hasText: '已完成' }).waitFor()
  await shot(page, 'wishes-confirmed.png')
  await expectWall(page, 'demo-grid', [3, 2, 1])
  expect(suite.problems).toEqual([])
})

test('张敏 reads the subscription messages she was sent in the local outbox (消息)', async () => {
  const { page } = suite.browser
  await as(page, 'demo-grid', '/pages/wishes/index')
  await page.getByTestId('page-wishes').getByTestId('wall-outbox').click()
  const outbox = page.getByTestId('page-wish-outbox')
  const mine = outbox.locator('[data-testid="outbox-item"][data-touser="demo-grid"]').filter({ hasText: TITLE })
  await mine.first().waitFor()
  // Published (she wrote it), lit and delivered (she is the contact).
  expect(await mine.count()).toBeGreaterThanOrEqual(3)
  expect(await outbox.locator('[data-testid="outbox-item"]:not([data-touser="demo-grid"])').count()).toBe(0)
  await shot(page, 'wishes-outbox.png')
  expect(suite.problems).toEqual([])
})

test('没收到: 李建国 marks the wheelchair delivered; 张敏 says it did not arrive, with a reason; 李建国 sees why and may deliver again', async () => {
  const { page } = suite.browser
  const detail = page.getByTestId('page-wish-detail')
  await as(page, 'demo-member', '/packages/wishes/pages/detail/index?id=wish-wheelchair')
  await detail.getByTestId('wish-deliver').click()
  await fill(page, 'wish-form-text', '轮椅放在楼下了')
  const chooser = page.waitForEvent('filechooser')
  await detail.getByTestId('wish-form-submit').click()
  await (await chooser).setFiles({ name: 'wheelchair.png', mimeType: 'image/png', buffer: PNG })
  await detail.getByTestId('wish-state').filter({ hasText: '已送达' }).waitFor()

  await as(page, 'demo-grid', '/packages/wishes/pages/detail/index?id=wish-wheelchair')
  await detail.getByTestId('wish-confirm').waitFor()
  await detail.getByTestId('wish-dispute').filter({ hasText: '没收到' }).click()
  await fill(page, 'wish-form-text', '老人说楼下没有看到轮椅')
  await detail.getByTestId('wish-form-submit').click()
  // Taro's h5 modal asks once more before the wish goes back to the claimer.
  await page.locator('.taro-modal__text').filter({ hasText: '确定没有收到吗？' }).waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').filter({ hasText: '没收到' }).click()
  await detail.getByTestId('wish-state').filter({ hasText: '已点亮' }).waitFor()
  await detail.locator('[data-testid="wish-history-item"][data-verb="disputeDelivery"]').filter({ hasText: '未收到' }).filter({ hasText: '老人说楼下没有看到轮椅' }).waitFor()
  expect(await detail.getByTestId('wish-confirm').count()).toBe(0)
  expect(await detail.getByTestId('wish-delivery').count()).toBe(0)
  await shot(page, 'wishes-disputed.png')

  await as(page, 'demo-member', '/packages/wishes/pages/detail/index?id=wish-wheelchair')
  await detail.locator('[data-testid="wish-history-item"][data-verb="disputeDelivery"]').filter({ hasText: '老人说楼下没有看到轮椅' }).waitFor()
  await detail.getByTestId('wish-deliver').waitFor()
  expect(suite.problems).toEqual([])
})
