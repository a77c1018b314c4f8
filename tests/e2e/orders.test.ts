/**
 * Service orders (点单 → 接单 → 派单 → 领单) in Chromium against the real `npm start` (the orders
 * function on the local emulator, the seeded demo county): 王秀英 orders "帮忙修水管" for
 * 北门花园1栋; 陈书记 accepts it from the 服务 tab's queue; 孙支书 (北门花园小区党支部) opens the
 * recommendations and dispatches to the top one, 李建国, with the reasons shown; 李建国 accepts,
 * starts and finishes with 1.5 hours; 王秀英 confirms with 5 stars; the timeline shows every step.
 */
import type { Page } from 'playwright-core'
import { browserSuite, shot } from './browser'
import { openFromList, servicesAs as servicesPageAs } from './orderSteps'

jest.setTimeout(300_000)

const suite = browserSuite()

const NEED = '帮忙修水管'

const servicesAs = (page: Page, openid: string) => servicesPageAs(page, suite.app.url, openid)

let orderId = ''

test('王秀英 orders 帮忙修水管 (其他 · 维修) for 北门花园1栋 and sees it waiting for the community', async () => {
  const { page } = suite.browser
  const services = await servicesAs(page, 'demo-resident')
  await services.getByTestId('services-community').click()
  await page.locator('[data-testid="services-community-sheet"] [data-testid="select-option"][data-value="org-beimen"]').click()
  await services.locator('[data-testid="service-item"][data-id="other"]').click()

  const form = page.getByTestId('page-order-new')
  await form.getByTestId('order-description').waitFor()
  await form.getByTestId('order-category').click()
  await page.locator('[data-testid="order-category-sheet"] [data-testid="select-option"][data-value="维修"]').click()
  await form.getByTestId('order-description').locator('textarea').fill(NEED)
  await form.getByTestId('order-building').click()
  await page.locator('[data-testid="order-building-sheet"] [data-testid="select-option"][data-value="org-beimen-b1"]').click()
  await form.locator('[data-testid="order-time"] [data-testid="order-chip"]').first().click()
  await shot(page, 'orders-form.png')
  await form.getByTestId('order-submit').click()

  const detail = page.getByTestId('page-order-detail')
  await detail.getByTestId('order-state').filter({ hasText: '待接单' }).waitFor()
  await detail.getByTestId('order-description-text').filter({ hasText: NEED }).waitFor()
  orderId = (await detail.getAttribute('data-id'))!
  expect(orderId).toMatch(/^o-/)
  await detail.locator('[data-testid="order-step"][data-verb="order"]').filter({ hasText: '王秀英' }).waitFor()
  // The resident may still cancel; nothing else is theirs to press yet.
  expect(await detail.getByTestId('order-actions').getAttribute('data-verbs')).toBe('cancel')

  const mine = await servicesAs(page, 'demo-resident')
  await mine.getByTestId('mine-orders').locator(`[data-testid="order-card"][data-id="${orderId}"]`).filter({ hasText: '待接单' }).waitFor()
  await shot(page, 'orders-mine.png')
  expect(suite.problems).toEqual([])
})

test('陈书记 accepts it from the queue', async () => {
  const { page } = suite.browser
  const services = await servicesAs(page, 'demo-community-admin')
  await services.getByTestId('queue-orders').locator(`[data-testid="order-card"][data-id="${orderId}"]`).waitFor()
  await shot(page, 'orders-queue.png')
  const detail = await openFromList(page, 'queue-orders', orderId, '待接单')
  await detail.getByTestId('order-accept').click()
  await detail.getByTestId('order-state').filter({ hasText: '待派单' }).waitFor()
  await detail.locator('[data-testid="order-step"][data-verb="accept"]').filter({ hasText: '陈红' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('孙支书 dispatches it to the top recommendation, 李建国, with the reasons shown', async () => {
  const { page } = suite.browser
  await servicesAs(page, 'demo-branch-admin')
  const detail = await openFromList(page, 'queue-orders', orderId, '待派单')
  await detail.getByTestId('order-recommend').click()
  const top = detail.locator('[data-testid="order-candidate"][data-rank="1"]')
  await top.getByTestId('order-candidate-name').filter({ hasText: '推荐 李建国' }).waitFor()
  expect((await top.getByTestId('order-candidate-reason').allTextContents()).length).toBeGreaterThan(0)
  await shot(page, 'orders-recommend.png')
  await top.getByTestId('order-candidate-dispatch').click()
  await detail.getByTestId('order-state').filter({ hasText: '待党员接单' }).waitFor()
  await detail.getByTestId('order-assignee').filter({ hasText: '李建国' }).waitFor()
  await detail.locator('[data-testid="order-step"][data-verb="dispatchToMember"]').filter({ hasText: '孙丽' }).filter({ hasText: '李建国' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('李建国 accepts the dispatch, starts, and finishes with 1.5 hours', async () => {
  const { page } = suite.browser
  await servicesAs(page, 'demo-member')
  const detail = await openFromList(page, 'assigned-orders', orderId, '待党员接单')
  await detail.getByTestId('order-acceptDispatch').click()
  await detail.getByTestId('order-state').filter({ hasText: '待服务' }).waitFor()
  await detail.getByTestId('order-start').click()
  await detail.getByTestId('order-state').filter({ hasText: '服务中' }).waitFor()
  await detail.getByTestId('order-finish').click()
  await detail.getByTestId('order-hours-more').click()
  await detail.getByTestId('order-hours').filter({ hasText: '1.5小时' }).waitFor()
  await detail.getByTestId('order-form-text').locator('textarea').fill('已更换厨房水管接头，不再漏水')
  await detail.getByTestId('order-form-submit').click()
  await detail.getByTestId('order-state').filter({ hasText: '待确认' }).waitFor()
  await detail.getByTestId('order-report').filter({ hasText: '1.5小时' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('王秀英 confirms with 5 stars, and the timeline shows every step with who did it', async () => {
  const { page } = suite.browser
  await servicesAs(page, 'demo-resident')
  const detail = await openFromList(page, 'mine-orders', orderId, '待确认')
  await detail.getByTestId('order-confirm').click()
  await detail.locator('[data-testid="order-star"][data-value="5"]').click()
  await detail.getByTestId('order-stars').filter({ hasText: '5星' }).waitFor()
  await detail.getByTestId('order-form-text').locator('input').fill('很及时，谢谢')
  await detail.getByTestId('order-form-submit').click()
  // Confirming ends the order for good: Taro's modal asks once more.
  await page.locator('.taro-modal__text').filter({ hasText: '确认后服务单办结' }).waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').filter({ hasText: '确认' }).click()
  await detail.locator('[data-testid="order-detail"][data-state="closed"], [data-testid="order-detail"][data-state="confirmed"]').waitFor()
  await detail.locator('[data-testid="order-rating"] [data-stars="5"]').waitFor()

  const steps = detail.getByTestId('order-step')
  const verbs = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-verb')))
  expect(verbs.slice(0, 7)).toEqual(['order', 'accept', 'dispatchToMember', 'acceptDispatch', 'start', 'finish', 'confirm'])
  const who = await detail.getByTestId('order-step-meta').allTextContents()
  expect(who.slice(0, 7).map((m) => m.split(' · ')[0])).toEqual(['王秀英', '陈红', '孙丽', '李建国', '李建国', '李建国', '王秀英'])
  // What each step says (its own line, or the label when the line would only repeat it).
  const texts = await steps.evaluateAll((els) =>
    els.map((e) => (e.querySelector('[data-testid="order-step-text"]') ?? e.querySelector('[data-testid="order-step-label"]'))?.textContent ?? ''),
  )
  expect(texts[2]).toContain('李建国')
  expect(texts[5]).toContain('1.5')
  expect(texts[6]).toContain('5星')
  await shot(page, 'orders-timeline.png')
  expect(suite.problems).toEqual([])
})

test('the pool: 陈书记 accepts a second order and puts it in the community pool; 李建国 claims it from 可领的服务单', async () => {
  const { page } = suite.browser
  const services = await servicesAs(page, 'demo-resident')
  await services.locator('[data-testid="service-item"][data-id="other"]').click()
  const form = page.getByTestId('page-order-new')
  await form.getByTestId('order-description').locator('textarea').fill('帮忙把旧衣柜搬下楼')
  await form.getByTestId('order-submit').click()
  const placed = page.getByTestId('page-order-detail')
  await placed.getByTestId('order-state').filter({ hasText: '待接单' }).waitFor()
  const secondId = (await placed.getAttribute('data-id'))!

  await servicesAs(page, 'demo-community-admin')
  const detail = await openFromList(page, 'queue-orders', secondId, '待接单')
  await detail.getByTestId('order-accept').click()
  await detail.getByTestId('order-state').filter({ hasText: '待派单' }).waitFor()
  await detail.getByTestId('order-pool').click()
  await detail.locator('[data-testid="order-option"][data-value="community:org-beimen"]').click()
  await detail.getByTestId('order-pick-submit').click()
  await detail.getByTestId('order-state').filter({ hasText: '待领单' }).waitFor()

  const member = await servicesAs(page, 'demo-member')
  // No standing items are seeded: the 服务清单 section says so rather than staying empty.
  await member.getByTestId('services-items').getByTestId('order-items-empty').waitFor()
  await member.getByTestId('pool-orders').locator(`[data-testid="order-card"][data-id="${secondId}"]`).waitFor()
  await shot(page, 'orders-member.png')
  const claim = await openFromList(page, 'pool-orders', secondId, '待领单')
  await claim.getByTestId('order-claim').click()
  await claim.getByTestId('order-state').filter({ hasText: '待服务' }).waitFor()
  await claim.getByTestId('order-assignee').filter({ hasText: '李建国' }).waitFor()
  const verbs = await claim.getByTestId('order-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-verb')))
  expect(verbs).toEqual(['order', 'accept', 'pool', 'claim'])
  expect(suite.problems).toEqual([])
})
