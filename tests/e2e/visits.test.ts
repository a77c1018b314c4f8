/**
 * 走访记录 in Chromium against the real `npm start` (the households function on the local
 * emulator, the seeded demo county): 张敏 (grid worker) opens 网格居民, a household, and fills 10
 * visit records with the browser offline; they wait on the phone; the network returns and exactly
 * 10 reach the server, none lost, none twice (counted through the function's own `myVisits`).
 * A need found on a visit becomes a wish in one tap (转为心愿 → wish intake on the household,
 * prefilled → 提交) and the visit shows which wish; a household registered through the form shows in
 * the list, masked. 李建国 (member) opening the same list sees the
 * refusal and no household data.
 */
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(300_000)

const suite = browserSuite()
const RECORDS = 10
const MARK = '离线走访测试'

async function as(page: Page, openid: string, route: string) {
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await openRoute(page, suite.app.url, route)
}

/** The server's answer, asked as the person would (the local server takes the identity from x-wx-openid). */
async function api(openid: string, action: string, input: Record<string, unknown> = {}) {
  const res = await fetch(`${suite.app.url}/api/households`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, ...input }),
  })
  return (await res.json()) as { code: number | string; data?: any }
}

test('张敏 fills 10 visit records offline; on reconnect exactly 10 are stored, 0 lost, 0 duplicated', async () => {
  const { page, context } = suite.browser
  await as(page, 'demo-grid', '/packages/grid/pages/households/index')
  const list = page.getByTestId('page-households')
  const wang = list.locator('[data-testid="household-row"][data-id="hh-demo-b1-101"]')
  await wang.filter({ hasText: '王**' }).waitFor()
  expect(await wang.getAttribute('data-overdue')).toBe('true')
  expect(await list.textContent()).not.toContain('王秀英')
  // The demo grid is one page: its counts, every row, no 加载更多.
  const counted = await api('demo-grid', 'list', { placeId: 'org-beimen-grid-1' })
  expect(await list.getByTestId('households-count').textContent()).toBe(`共 ${counted.data.total} 户 · 逾期 ${counted.data.overdueCount} 户`)
  expect(await list.getByTestId('household-row').count()).toBe(counted.data.total)
  expect(await list.getByTestId('households-more').count()).toBe(0)
  await shot(page, 'grid-households.png')

  await wang.click()
  const household = page.getByTestId('page-household')
  await household.getByTestId('household-resident').filter({ hasText: '王秀英' }).waitFor()
  await household.getByTestId('household-visit').click()
  const visit = page.getByTestId('page-visit')
  await visit.getByTestId('visit-household').filter({ hasText: '1单元101' }).waitFor()
  const before = (await api('demo-grid', 'myVisits', { limit: 100 })).data.items.length as number

  await context.setOffline(true)
  for (let i = 1; i <= RECORDS; i++) {
    await visit.getByTestId('visit-seen').locator('textarea').fill(`${MARK}第${i}次：老人在家，身体还好。`)
    if (i === 1) {
      await visit.getByTestId('visit-add-need').click()
      await visit.locator('[data-testid="visit-need-kind"][data-value="order"]').click()
      await visit.getByTestId('visit-need-text').locator('textarea').fill('请人上门修水龙头')
    }
    await visit.getByTestId('visit-submit').click()
    await visit.locator(`[data-testid="visit-waiting"][data-count="${i}"]`).waitFor()
  }
  await visit.getByTestId('visit-waiting').filter({ hasText: `待发送 ${RECORDS} 条` }).waitFor()
  await shot(page, 'grid-visits-offline.png')

  await context.setOffline(false)
  await visit.locator('[data-testid="visit-waiting"][data-count="0"]').waitFor({ timeout: 60_000 })

  const after = (await api('demo-grid', 'myVisits', { limit: 100 })).data.items as { id: string; seen: string; needs: { kind: string }[] }[]
  const mine = after.filter((v) => v.seen.startsWith(MARK))
  expect(after.length - before).toBe(RECORDS)
  expect(mine).toHaveLength(RECORDS)
  expect(new Set(mine.map((v) => v.id)).size).toBe(RECORDS)
  expect(new Set(mine.map((v) => v.seen)).size).toBe(RECORDS)
  expect(mine.find((v) => v.seen.includes('第1次'))!.needs.map((n) => n.kind)).toEqual(['order'])

  // The household is visited now: no longer overdue, the visits on its page.
  await openRoute(page, suite.app.url, '/packages/grid/pages/household/index?id=hh-demo-b1-101')
  await page.getByTestId('page-household').getByTestId('household-visit-state').and(page.locator('[data-overdue="false"]')).waitFor()
  await openRoute(page, suite.app.url, '/packages/grid/pages/visits/index')
  await page.getByTestId('page-visits').getByTestId('visit-card').filter({ hasText: `${MARK}第${RECORDS}次` }).waitFor()
  await shot(page, 'grid-visits.png')
  expect(suite.problems).toEqual([])
})

test('转为心愿: a need found on a visit opens wish intake on the household, prefilled; once sent, the visit shows the wish', async () => {
  const { page } = suite.browser
  // The seeded visit of 1单元302 found a wish: 想要几本适合三年级的课外书.
  await as(page, 'demo-grid', '/packages/grid/pages/household/index?id=hh-demo-b1-302')
  const household = page.getByTestId('page-household')
  const card = household.locator('[data-testid="visit-card"][data-id="demoseed-2"]')
  await card.locator('[data-testid="visit-follow-up"][data-kind="wish"]').click()

  const intake = page.getByTestId('page-wish-intake')
  const fixed = intake.getByTestId('intake-household')
  await fixed.filter({ hasText: '北门花园1栋 1单元302' }).waitFor()
  expect(await fixed.getAttribute('data-linked')).toBe('true')
  expect(await intake.getByTestId('intake-building').count()).toBe(0)
  expect(await intake.getByTestId('intake-details').locator('textarea').inputValue()).toBe('想要几本适合三年级的课外书')
  // The residents come from the household: one tap names the beneficiary.
  await intake.locator('[data-testid="intake-resident"] [data-value="刘小宇"]').click()
  expect(await intake.getByTestId('intake-beneficiaryName').locator('input').inputValue()).toBe('刘小宇')
  await intake.locator('[data-testid="intake-category"] [data-value="留守儿童"]').click()
  await intake.getByTestId('intake-title').locator('input').fill('想要几本课外书')
  await intake.getByTestId('intake-estimatedValue').locator('input').fill('80')
  await intake.locator('[data-testid="intake-consent"][data-value="verbal"]').click()
  await intake.getByTestId('intake-submit').click()
  await intake.getByText('已提交，等待社区审核 ›').waitFor({ timeout: 60_000 })
  await shot(page, 'grid-need-to-wish.png')

  // The visit remembers the wish: on the household page and in the function's own answer.
  const stored = (await api('demo-grid', 'get', { id: 'hh-demo-b1-302' })).data.visits.find((v: { id: string }) => v.id === 'demoseed-2')
  expect(stored.needs[0].followUp).toEqual({ kind: 'wish', id: expect.any(String) })
  await openRoute(page, suite.app.url, '/packages/grid/pages/household/index?id=hh-demo-b1-302')
  const need = page.getByTestId('page-household').locator('[data-testid="visit-card"][data-id="demoseed-2"] [data-testid="visit-card-need"]')
  await need.filter({ hasText: '已转为心愿' }).waitFor()
  expect(await need.getAttribute('data-follow-up')).toBe(`wish:${stored.needs[0].followUp.id}`)
  expect(await need.getByTestId('visit-follow-up').count()).toBe(0)
  expect(suite.problems).toEqual([])
})

test('新增住户: 张敏 registers a door with its residents through the form; it opens, and the list shows it masked', async () => {
  const { page } = suite.browser
  await as(page, 'demo-grid', '/packages/grid/pages/visits/index')
  await page.getByTestId('page-visits').getByTestId('visits-new-household').click()
  const form = page.getByTestId('page-household-edit')
  await form.getByTestId('household-form').waitFor()
  await form.getByTestId('household-form-building').click()
  await page.locator('[data-testid="household-form-building-sheet"] [data-testid="select-option"][data-value="org-beimen-b2"]').click()
  await form.getByTestId('household-form-door').locator('input').fill('3单元808')
  await form.getByTestId('resident-name').locator('input').fill('周桂芳')
  await form.getByTestId('resident-phone').locator('input').fill('13800008808')
  await form.locator('[data-testid="resident-tags"] [data-value="独居老人"]').click()
  await form.getByTestId('household-form-save').click()

  const household = page.getByTestId('page-household')
  await household.getByTestId('household-resident').filter({ hasText: '周桂芳' }).waitFor()
  expect(await household.textContent()).toContain('北门花园2栋 3单元808')
  const id = await household.getAttribute('data-id')
  await shot(page, 'grid-household-new.png')

  await openRoute(page, suite.app.url, '/packages/grid/pages/households/index?placeId=org-beimen-b2')
  const row = page.getByTestId('page-households').locator(`[data-testid="household-row"][data-id="${id}"]`)
  await row.filter({ hasText: '3单元808' }).waitFor()
  expect(await row.textContent()).toContain('周**')
  expect(await page.getByTestId('page-households').textContent()).not.toContain('周桂芳')
  expect(suite.problems).toEqual([])
})

test('李建国 (member) opening 网格居民 sees the refusal and no household data', async () => {
  const { page } = suite.browser
  await as(page, 'demo-member', '/packages/grid/pages/households/index')
  const list = page.getByTestId('page-households')
  await list.locator('[data-testid="load-error"][data-code="AUTH.FORBIDDEN"]').waitFor()
  expect(await list.getByTestId('household-row').count()).toBe(0)
  const text = (await list.textContent()) ?? ''
  for (const secret of ['王秀英', '王**', '1单元101', '13800001001']) expect(text).not.toContain(secret)
  await openRoute(page, suite.app.url, '/packages/grid/pages/household/index?id=hh-demo-b1-101')
  await page.getByTestId('page-household').locator('[data-testid="load-error"][data-code="AUTH.FORBIDDEN"]').waitFor()
  expect(await page.getByTestId('page-household').textContent()).not.toContain('王秀英')
  expect(suite.problems).toEqual([])
})
