/**
 * The admins' member lists in Chromium against the real `npm start` (the members cloud function
 * on the local emulator, seeded demo county): 陈书记 opens 社区党员 (李建国 under 北门花园2栋,
 * 县水利局 among the paired units, search), 刘主任 opens 本单位党员 (已报到 / 未报到).
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
  return page.getByTestId('page-members')
}

test('陈书记: 社区党员 by building, paired units with counts, search', async () => {
  const { page } = suite.browser
  const members = await openTileAs('demo-community-admin', 'community-members')
  await members.getByTestId('members-title').filter({ hasText: '社区党员' }).waitFor()
  const group = members.getByTestId('members-group').filter({ hasText: '北门花园2栋' })
  await group.getByTestId('members-group-title').filter({ hasText: '北门花园2栋（1人）' }).waitFor()
  await group.getByTestId('member-item').filter({ hasText: '李建国' }).waitFor()
  await members.getByTestId('member-phone').filter({ hasText: '13800001002' }).first().waitFor()
  const unit = members.getByTestId('paired-unit').filter({ hasText: '县水利局' })
  await unit.getByTestId('paired-unit-count').filter({ hasText: '已报到 1 人' }).waitFor()
  await shot(page, 'members-community.png')

  await members.getByTestId('member-search-input').locator('input').fill('建国')
  await members.getByTestId('member-search-button').click()
  await members.getByTestId('member-search-results').getByTestId('member-item').filter({ hasText: '李建国' }).waitFor()
  await shot(page, 'members-community-search.png')
  expect(suite.problems).toEqual([])
})

test('刘主任: 本单位党员 with 已报到 and 未报到', async () => {
  const { page } = suite.browser
  const members = await openTileAs('demo-unit-admin', 'unit-members')
  await members.getByTestId('members-title').filter({ hasText: '本单位党员' }).waitFor()
  const list = members.getByTestId('unit-members')
  await list.getByTestId('member-item').filter({ hasText: '李建国' }).getByTestId('member-badge').filter({ hasText: '已报到' }).waitFor()
  for (const name of ['黄志明', '马晓东', '吴芳']) {
    await list.getByTestId('member-item').filter({ hasText: name }).getByTestId('member-badge').filter({ hasText: '未报到' }).waitFor()
  }
  await members.getByTestId('members-counts').filter({ hasText: '共 4 人 · 已报到 1 人 · 未报到 3 人' }).waitFor()
  await shot(page, 'members-unit.png')
  expect(suite.problems).toEqual([])
})
