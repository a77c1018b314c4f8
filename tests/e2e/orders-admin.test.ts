/**
 * The community's side of service orders in Chromium against the real `npm start` (the seeded
 * demo county): 陈书记 keeps 北门社区's 服务清单 (adds a standing item, then raises its capacity;
 * 李建国 sees it on his 服务 tab) and its 时限设置 (a wrong value is named, a right one kept); an
 * order goes to the paired unit 县水利局, 刘主任 finds it on his 服务 tab and passes it to 李建国, who
 * accepts it (another sent there is recalled and leaves the unit's list); another goes into the
 * claim pool of 北门第一网格 and 李建国, who lives in 北门花园2栋 of that grid, claims it from the
 * 服务 tab, does the work, and the resident's complaint is settled by 陈书记; a duplicate is merged
 * and a withdrawn item disappears for residents. Every step is checked on the order's timeline.
 */
import type { Locator, Page } from 'playwright-core'
import { browserSuite, openRoute, shot } from './browser'
import { openFromList, servicesAs as servicesPageAs } from './orderSteps'

jest.setTimeout(300_000)

const suite = browserSuite()

const servicesAs = (page: Page, openid: string) => servicesPageAs(page, suite.app.url, openid)

/** 王秀英 orders 其他 with this description; answers the new order's id. */
async function residentOrders(page: Page, need: string): Promise<string> {
  const services = await servicesAs(page, 'demo-resident')
  await services.getByTestId('services-community').click()
  await page.locator('[data-testid="services-community-sheet"] [data-testid="select-option"][data-value="org-beimen"]').click()
  await services.locator('[data-testid="service-item"][data-id="other"]').click()
  const form = page.getByTestId('page-order-new')
  await form.getByTestId('order-description').locator('textarea').fill(need)
  await form.getByTestId('order-submit').click()
  const placed = page.getByTestId('page-order-detail')
  await placed.getByTestId('order-state').filter({ hasText: '待接单' }).waitFor()
  return (await placed.getAttribute('data-id'))!
}

/** 陈书记 accepts the order from the queue; answers the order page. */
async function communityAccepts(page: Page, id: string) {
  await servicesAs(page, 'demo-community-admin')
  const detail = await openFromList(page, 'queue-orders', id, '待接单')
  await detail.getByTestId('order-accept').click()
  await detail.getByTestId('order-state').filter({ hasText: '待派单' }).waitFor()
  return detail
}

/** Taro's h5 modal: the question, then the confirming button. */
async function confirmModal(page: Page, question: string, button: string) {
  await page.locator('.taro-modal__text').filter({ hasText: question }).waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').filter({ hasText: button }).click()
}

let itemId = ''
let poolOrderId = ''

const stepVerbs = (page: Page) => page.getByTestId('page-order-detail').getByTestId('order-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-verb')))

test('陈书记 adds a standing item to 北门社区’s 服务清单 and raises its capacity; 李建国 sees it with its seats', async () => {
  const { page } = suite.browser
  const services = await servicesAs(page, 'demo-community-admin')
  await services.getByTestId('services-edit-items').click()
  const items = page.getByTestId('page-order-items')
  await items.getByTestId('items-empty').waitFor()
  await items.getByTestId('items-add').click()

  const form = items.getByTestId('item-form')
  await form.getByTestId('item-category').click()
  await page.locator('[data-testid="item-category-sheet"] [data-testid="select-option"][data-value="维修"]').click()
  // Too short a title: the domain's own message under the field, nothing saved.
  await form.getByTestId('item-title').locator('input').fill('灯')
  await form.getByTestId('item-save').click()
  await form.getByTestId('item-title-error').filter({ hasText: '请填写服务项目名称（2到30个字）' }).waitFor()
  await form.getByTestId('item-title').locator('input').fill('楼道灯每月巡检')
  await form.getByTestId('item-description').locator('textarea').fill('每月第一个周六检查北门花园各楼道的灯')
  await form.locator('[data-testid="item-skills"] [data-testid="choice-tag"][data-value="水电维修"]').click()
  await form.getByTestId('item-hours-more').click()
  await form.getByTestId('item-hours').filter({ hasText: '1.5小时' }).waitFor()
  await form.getByTestId('item-capacity').locator('input').fill('2')
  await form.locator('[data-testid="item-standing"] [data-testid="item-chip"][data-value="true"]').click()
  await shot(page, 'orders-item-form.png')
  await form.getByTestId('item-save').click()

  const row = items.getByTestId('admin-item').filter({ hasText: '楼道灯每月巡检' })
  await row.waitFor()
  expect(await row.getAttribute('data-standing')).toBe('true')
  await row.getByTestId('admin-item-meta').filter({ hasText: '维修 · 约1.5小时 · 名额2人（已认领0人）' }).waitFor()
  itemId = (await row.getAttribute('data-id'))!

  await row.getByTestId('admin-item-edit').click()
  const edit = items.getByTestId('item-form')
  expect(await edit.getAttribute('data-mode')).toBe('edit')
  await edit.getByTestId('item-capacity').locator('input').fill('3')
  await edit.getByTestId('item-save').click()
  await items.locator(`[data-testid="admin-item"][data-id="${itemId}"] [data-testid="admin-item-meta"]`).filter({ hasText: '名额3人' }).waitFor()
  await shot(page, 'orders-items.png')

  const member = await servicesAs(page, 'demo-member')
  const standing = member.getByTestId('services-items').locator(`[data-testid="order-service-item"][data-id="${itemId}"]`)
  await standing.filter({ hasText: '楼道灯每月巡检' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('王秀英 orders 楼道灯每月巡检 twice; 陈书记 merges the second into the first, then withdraws the item', async () => {
  const { page } = suite.browser
  const ids: string[] = []
  for (const need of ['3单元楼道灯不亮了', '楼道灯还是不亮']) {
    const services = await servicesAs(page, 'demo-resident')
    await services.getByTestId('services-community').click()
    await page.locator('[data-testid="services-community-sheet"] [data-testid="select-option"][data-value="org-beimen"]').click()
    await services.locator(`[data-testid="service-item"][data-id="${itemId}"]`).filter({ hasText: '楼道灯每月巡检' }).click()
    const form = page.getByTestId('page-order-new')
    await form.getByTestId('order-description').locator('textarea').fill(need)
    await form.getByTestId('order-submit').click()
    const placed = page.getByTestId('page-order-detail')
    await placed.getByTestId('order-state').filter({ hasText: '待接单' }).waitFor()
    ids.push((await placed.getAttribute('data-id'))!)
  }

  await servicesAs(page, 'demo-community-admin')
  const second = await openFromList(page, 'queue-orders', ids[1], '待接单')
  expect(await second.getByTestId('order-actions').getAttribute('data-verbs')).toBe('accept decline merge')
  await second.getByTestId('order-merge').click()
  const into = second.locator(`[data-testid="order-option"][data-value="${ids[0]}"]`)
  await into.filter({ hasText: '3单元楼道灯不亮了' }).click()
  // The order itself is never offered as its own duplicate.
  expect(await second.locator(`[data-testid="order-option"][data-value="${ids[1]}"]`).count()).toBe(0)
  await second.getByTestId('order-pick-submit').click()
  await confirmModal(page, '合并后本单不再单独办理', '合并')
  await second.getByTestId('order-state').filter({ hasText: '已合并' }).waitFor()
  expect(await stepVerbs(page)).toEqual(['order', 'merge'])
  await second.locator(`[data-testid="order-merged-into"][data-id="${ids[0]}"]`).click()
  await page.locator(`[data-testid="page-order-detail"][data-id="${ids[0]}"] [data-testid="order-description-text"]`).filter({ hasText: '3单元楼道灯不亮了' }).waitFor()

  // 停用: residents no longer see the item; the admin still does, marked.
  const services = await servicesAs(page, 'demo-community-admin')
  await services.getByTestId('services-edit-items').click()
  const items = page.getByTestId('page-order-items')
  await items.locator(`[data-testid="admin-item"][data-id="${itemId}"] [data-testid="admin-item-edit"]`).click()
  await items.locator('[data-testid="item-active"] [data-testid="item-chip"][data-value="false"]').click()
  await items.getByTestId('item-save').click()
  await items.locator(`[data-testid="admin-item"][data-id="${itemId}"][data-active="false"]`).waitFor()
  const resident = await servicesAs(page, 'demo-resident')
  await resident.locator('[data-testid="service-item"][data-id="other"]').waitFor()
  expect(await resident.locator(`[data-testid="service-item"][data-id="${itemId}"]`).count()).toBe(0)
  expect(suite.problems).toEqual([])
})

test('陈书记 sets 北门社区’s 时限: an impossible value is named, a right one is kept', async () => {
  const { page } = suite.browser
  const services = await servicesAs(page, 'demo-community-admin')
  await services.getByTestId('services-edit-settings').click()
  const settings = page.getByTestId('page-order-settings')
  const form = settings.getByTestId('settings-form')
  await form.waitFor()
  expect(await form.getAttribute('data-default')).toBe('true')
  expect(await form.getByTestId('settings-acceptHours').locator('input').inputValue()).toBe('24')

  await form.getByTestId('settings-acceptHours').locator('input').fill('0')
  await form.getByTestId('settings-urgentScale').locator('input').fill('3')
  await form.getByTestId('settings-save').click()
  await form.getByTestId('settings-acceptHours-error').filter({ hasText: '接单时限应在1到720小时之间' }).waitFor()
  await form.getByTestId('settings-urgentScale-error').filter({ hasText: '紧急单系数应在0.1到1之间' }).waitFor()
  await shot(page, 'orders-settings-error.png')

  await form.getByTestId('settings-acceptHours').locator('input').fill('12')
  await form.getByTestId('settings-urgentScale').locator('input').fill('0.5')
  await form.getByTestId('settings-claimHours').locator('input').fill('24')
  await form.getByTestId('settings-save').click()
  await settings.locator('[data-testid="settings-form"][data-default="false"]').waitFor()

  // Read again from the function: the community's own limits now.
  await openRoute(page, suite.app.url, '/packages/orders/pages/settings/index?communityId=org-beimen')
  const again = page.getByTestId('page-order-settings').locator('[data-testid="settings-form"][data-default="false"]')
  await again.waitFor()
  expect(await again.getByTestId('settings-acceptHours').locator('input').inputValue()).toBe('12')
  expect(await again.getByTestId('settings-claimHours').locator('input').inputValue()).toBe('24')
  expect(await again.getByTestId('settings-dispatchHours').locator('input').inputValue()).toBe('24')
  expect(suite.problems).toEqual([])
})

/** 陈书记 dispatches the accepted order to 县水利局, 北门社区's only paired unit (already chosen). */
async function dispatchToWaterBureau(detail: Locator) {
  await detail.getByTestId('order-dispatchToUnit').click()
  const unit = detail.locator('[data-testid="order-option"][data-value="unit-water-bureau"]')
  await unit.filter({ hasText: '县水利局' }).waitFor()
  expect(await unit.getAttribute('data-selected')).toBe('true')
  await detail.getByTestId('order-pick-submit').click()
  await detail.getByTestId('order-state').filter({ hasText: '待单位分派' }).waitFor()
  await detail.locator('[data-testid="order-step"][data-verb="dispatchToUnit"]').filter({ hasText: '县水利局' }).filter({ hasText: '陈红' }).waitFor()
}

test('an order goes to the paired unit 县水利局; 刘主任 finds it on the 服务 tab and passes it to 李建国, who accepts it', async () => {
  const { page } = suite.browser
  const id = await residentOrders(page, '帮忙检查家里的水表')
  await dispatchToWaterBureau(await communityAccepts(page, id))

  // The unit admin: 派给本单位的服务单 on the 服务 tab, the order theirs to pass on, and only that.
  const unitTab = await servicesAs(page, 'demo-unit-admin')
  // The view is chosen once whoami has answered ('' until then): wait for it, then check it is the unit's.
  await page.locator('[data-testid="page-services"]:not([data-view=""])').waitFor()
  expect(await unitTab.getAttribute('data-view')).toBe('unit')
  await unitTab.getByTestId('services-unit').filter({ hasText: '派给本单位的服务单' }).waitFor()
  await shot(page, 'orders-unit-queue.png')
  const unitView = await openFromList(page, 'unit-orders', id, '待单位分派')
  expect(await unitView.getByTestId('order-actions').getAttribute('data-verbs')).toBe('passToMember')
  await unitView.getByTestId('order-passToMember').click()
  // 李建国 is 县水利局's one member registered in 北门社区, with an account: already chosen.
  const li = unitView.locator('[data-testid="order-option"][data-value="user-demo-member"]')
  await li.filter({ hasText: '李建国' }).waitFor()
  expect(await li.getAttribute('data-selected')).toBe('true')
  await shot(page, 'orders-unit.png')
  await unitView.getByTestId('order-pick-submit').click()
  await unitView.getByTestId('order-state').filter({ hasText: '待党员接单' }).waitFor()
  await unitView.locator('[data-testid="order-step"][data-verb="passToMember"]').filter({ hasText: '单位转派给李建国' }).filter({ hasText: '刘洋' }).waitFor()
  // Passed on and still open: it stays on the unit's list, with who has it now.
  const again = await servicesAs(page, 'demo-unit-admin')
  await again.getByTestId('unit-orders').locator(`[data-testid="order-card"][data-id="${id}"][data-state="dispatched_member"]`).waitFor()

  // 李建国: on his 服务 tab, accepts it.
  await servicesAs(page, 'demo-member')
  const work = await openFromList(page, 'assigned-orders', id, '待党员接单')
  expect(await work.getByTestId('order-actions').getAttribute('data-verbs')).toBe('acceptDispatch declineDispatch')
  await work.getByTestId('order-acceptDispatch').click()
  await work.getByTestId('order-state').filter({ hasText: '待服务' }).waitFor()
  await work.getByTestId('order-assignee').filter({ hasText: '李建国' }).waitFor()
  // Every step on the timeline, each with who did it.
  expect(await stepVerbs(page)).toEqual(['order', 'accept', 'dispatchToUnit', 'passToMember', 'acceptDispatch'])
  await work.locator('[data-testid="order-step"][data-verb="order"]').filter({ hasText: '王秀英' }).waitFor()
  await work.locator('[data-testid="order-step"][data-verb="accept"]').filter({ hasText: '陈红' }).waitFor()
  await work.locator('[data-testid="order-step"][data-verb="acceptDispatch"]').filter({ hasText: '李建国' }).waitFor()
  await shot(page, 'orders-unit-passed.png')
  expect(suite.problems).toEqual([])
})

test('another order sent to 县水利局 is recalled by 陈书记: gone from the unit’s list', async () => {
  const { page } = suite.browser
  const id = await residentOrders(page, '帮忙看看楼道水管')
  await dispatchToWaterBureau(await communityAccepts(page, id))
  const unitTab = await servicesAs(page, 'demo-unit-admin')
  await unitTab.getByTestId('unit-orders').locator(`[data-testid="order-card"][data-id="${id}"]`).waitFor()

  await servicesAs(page, 'demo-community-admin')
  const back = await openFromList(page, 'queue-orders', id, '待单位分派')
  await back.getByTestId('order-recall').click()
  await back.getByTestId('order-form-text').locator('textarea').fill('单位暂时无人可派')
  await back.getByTestId('order-form-submit').click()
  await back.getByTestId('order-state').filter({ hasText: '待派单' }).waitFor()
  expect(await stepVerbs(page)).toEqual(['order', 'accept', 'dispatchToUnit', 'recall'])

  const after = await servicesAs(page, 'demo-unit-admin')
  await after.getByTestId('unit-count').waitFor()
  expect(await after.getByTestId('unit-orders').locator(`[data-testid="order-card"][data-id="${id}"]`).count()).toBe(0)
  expect(suite.problems).toEqual([])
})

test('an order goes into 北门第一网格’s pool; 李建国 (北门花园2栋) claims it from the 服务 tab', async () => {
  const { page } = suite.browser
  const id = (poolOrderId = await residentOrders(page, '帮忙把旧衣柜搬下楼'))
  const detail = await communityAccepts(page, id)
  await detail.getByTestId('order-pool').click()
  const grid = detail.locator('[data-testid="order-option"][data-value="grid:org-beimen-grid-1"]')
  await grid.filter({ hasText: '北门第一网格领单池' }).waitFor()
  await detail.locator('[data-testid="order-option"][data-value="community:org-beimen"]').filter({ hasText: '北门社区领单池' }).waitFor()
  await grid.click()
  await shot(page, 'orders-pool-pick.png')
  await detail.getByTestId('order-pick-submit').click()
  await detail.getByTestId('order-state').filter({ hasText: '待领单' }).waitFor()
  await detail.locator('[data-testid="order-step"][data-verb="pool"]').filter({ hasText: '北门第一网格' }).waitFor()

  const member = await servicesAs(page, 'demo-member')
  await member.getByTestId('pool-orders').locator(`[data-testid="order-card"][data-id="${id}"]`).waitFor()
  const claim = await openFromList(page, 'pool-orders', id, '待领单')
  expect(await claim.getByTestId('order-actions').getAttribute('data-verbs')).toBe('claim')
  await claim.getByTestId('order-claim').click()
  await claim.getByTestId('order-state').filter({ hasText: '待服务' }).waitFor()
  await claim.getByTestId('order-assignee').filter({ hasText: '李建国' }).waitFor()
  expect(await claim.getByTestId('order-actions').getAttribute('data-verbs')).toBe('start release')
  expect(await stepVerbs(page)).toEqual(['order', 'accept', 'pool', 'claim'])
  expect(suite.problems).toEqual([])
})

test('李建国 does the work; 王秀英 complains instead of confirming; 陈书记 settles the complaint', async () => {
  const { page } = suite.browser
  await servicesAs(page, 'demo-member')
  const work = await openFromList(page, 'assigned-orders', poolOrderId, '待服务')
  await work.getByTestId('order-start').click()
  await work.getByTestId('order-state').filter({ hasText: '服务中' }).waitFor()
  await work.getByTestId('order-finish').click()
  await work.getByTestId('order-form-text').locator('textarea').fill('衣柜已搬到楼下')
  await work.getByTestId('order-form-submit').click()
  await work.getByTestId('order-state').filter({ hasText: '待确认' }).waitFor()

  await servicesAs(page, 'demo-resident')
  const mine = await openFromList(page, 'mine-orders', poolOrderId, '待确认')
  expect(await mine.getByTestId('order-actions').getAttribute('data-verbs')).toBe('confirm complain')
  await mine.getByTestId('order-complain').click()
  await mine.getByTestId('order-form-text').locator('textarea').fill('衣柜门被磕坏了')
  await mine.getByTestId('order-form-submit').click()
  await confirmModal(page, '服务单会退回社区重新处理', '提交投诉')
  await mine.getByTestId('order-state').filter({ hasText: '投诉处理中' }).waitFor()
  await mine.getByTestId('order-reason').filter({ hasText: '衣柜门被磕坏了' }).waitFor()

  await servicesAs(page, 'demo-community-admin')
  const admin = await openFromList(page, 'queue-orders', poolOrderId, '投诉处理中')
  expect(await admin.getByTestId('order-actions').getAttribute('data-verbs')).toBe('recommend dispatchToUnit pool resolve')
  await admin.getByTestId('order-resolve').click()
  await admin.getByTestId('order-form-text').locator('textarea').fill('已与居民沟通，照价赔偿')
  await admin.getByTestId('order-form-submit').click()
  await confirmModal(page, '办结后服务单结束', '办结')
  await admin.getByTestId('order-state').filter({ hasText: '已办结' }).waitFor()
  expect(await stepVerbs(page)).toEqual(['order', 'accept', 'pool', 'claim', 'start', 'finish', 'complain', 'resolve'])
  await admin.locator('[data-testid="order-step"][data-verb="resolve"]').filter({ hasText: '陈红' }).waitFor()
  expect(await admin.locator('[data-testid="order-actions"]').count()).toBe(0)
  await shot(page, 'orders-resolved.png')
  expect(suite.problems).toEqual([])
})
