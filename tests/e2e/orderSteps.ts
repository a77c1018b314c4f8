/** Steps the service-order browser tests share: the 服务 tab as someone, an order opened from one of its lists. */
import type { Page } from 'playwright-core'
import { actAs, openRoute } from './browser'

/** The 服务 tab, freshly loaded, as the demo identity `openid`. */
export async function servicesAs(page: Page, appUrl: string, openid: string) {
  await openRoute(page, appUrl, '/pages/home/index')
  await actAs(page, openid)
  await openRoute(page, appUrl, '/pages/services/index')
  return page.getByTestId('page-services')
}

/** Opens the order from a list on the 服务 tab and waits for its page in the expected state. */
export async function openFromList(page: Page, list: string, id: string, stateLabel: string) {
  await page.getByTestId('page-services').getByTestId(list).locator(`[data-testid="order-card"][data-id="${id}"]`).click()
  const detail = page.getByTestId('page-order-detail')
  await detail.getByTestId('order-state').filter({ hasText: stateLabel }).waitFor()
  return detail
}
