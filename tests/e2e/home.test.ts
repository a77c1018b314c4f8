import fs from 'node:fs'
import path from 'node:path'
import { launchBrowser, RESULTS_DIR, startApp, type RunningApp } from './browser'

jest.setTimeout(180_000)

let app: RunningApp
let browser: Awaited<ReturnType<typeof launchBrowser>>

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

async function actAs(label: string) {
  const { page } = browser
  await page.locator('[data-testid="identity-switcher-open"]').click()
  await page.locator('[data-testid="identity-option"]', { hasText: label }).click()
  await page.locator('[data-testid="identity-sheet"]').waitFor({ state: 'detached' })
}

test('open the app, switch identity, and see that role\'s home page', async () => {
  const { page } = browser
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(String(e)))

  await page.goto(app.url)
  // No identity chosen yet: the local server acts as the demo resident.
  await page.locator('[data-testid="home-greeting"]', { hasText: '您好，王秀英' }).waitFor()
  await page.locator('[data-testid="home-role"]', { hasText: '居民' }).waitFor()
  await page.locator('[data-testid="home-tile"]', { hasText: '我要点单' }).waitFor()

  await actAs('陈书记')
  await page.locator('[data-testid="home-greeting"]', { hasText: '您好，陈红' }).waitFor()
  await page.locator('[data-testid="home-role"]', { hasText: '社区管理员（北门社区）' }).waitFor()
  for (const tile of ['待审核报到', '待审心愿', '待接订单', '服务清单']) {
    await page.locator('[data-testid="home-tile"]', { hasText: tile }).waitFor()
  }
  await page.screenshot({ path: path.join(RESULTS_DIR, 'home-community-admin.png'), fullPage: true })

  await actAs('赵部长')
  await page.locator('[data-testid="home-role"]', { hasText: '县级管理员（龙门县）' }).waitFor()
  await page.locator('[data-testid="home-tile"]', { hasText: '全县统计' }).waitFor()
  // The resident's tiles are gone: the page really follows the identity.
  expect(await page.locator('[data-testid="home-tile"]', { hasText: '我要点单' }).count()).toBe(0)

  // The choice survives a reload (kept in localStorage, sent as x-wx-openid).
  await page.reload()
  await page.locator('[data-testid="home-greeting"]', { hasText: '您好，赵志强' }).waitFor()
  await page.screenshot({ path: path.join(RESULTS_DIR, 'home-county-admin.png'), fullPage: true })

  expect(problems).toEqual([])
})

test('the tab bar reaches 我的, where a member switches role and 首页 follows', async () => {
  const { page } = browser
  await page.goto(app.url)
  await actAs('李建国')
  await page.locator('[data-testid="home-role"]', { hasText: '在职党员（北门社区）' }).waitFor()

  await page.getByText('我的', { exact: true }).last().click()
  const mine = page.getByTestId('page-mine')
  await mine.getByTestId('mine-name').filter({ hasText: '李建国' }).waitFor()
  await mine.getByTestId('mine-phone').filter({ hasText: '138****1002' }).waitFor()
  await mine.locator('[data-testid="role-option"][data-role="member"][data-active="true"]').waitFor()
  await page.screenshot({ path: path.join(RESULTS_DIR, 'mine-member.png'), fullPage: true })

  await mine.locator('[data-testid="role-option"][data-role="resident"]').click()
  await mine.locator('[data-testid="role-option"][data-role="resident"][data-active="true"]').waitFor()

  await page.getByText('首页', { exact: true }).last().click()
  await page.getByTestId('page-home').getByTestId('home-role').filter({ hasText: '当前身份：居民' }).waitFor()
  await page.getByTestId('page-home').locator('[data-testid="home-tile"]', { hasText: '我要点单' }).waitFor()
})
