/**
 * The admin pages in Chromium against the real `npm start` (the org function on the local
 * emulator, seeded demo county): 钱主任 (龙城街道) adds a community, renames it and pairs a unit
 * with it; 陈书记 (北门社区) adds a building under a grid and makes 李建国 the grid worker of
 * 北门第一网格, and 李建国 then finds 网格员 among his roles on 我的; 陈书记 revokes it again after
 * confirming. Tests run in order on one seeded county.
 */
import type { Locator } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(240_000)

const suite = browserSuite()

async function openTileAs(openid: string, tile: string, pageTestId: string) {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await page.getByTestId('page-home').getByTestId('home-greeting').waitFor()
  await page.getByTestId('page-home').locator(`[data-testid="home-tile"][data-tile="${tile}"]`).click()
  return page.getByTestId(pageTestId)
}

const row = (scope: Locator, name: string) => scope.getByTestId('org-node').filter({ has: scope.page().getByTestId('org-node-name').filter({ hasText: new RegExp(`^${name}$`) }) })

async function openNode(scope: Locator, name: string) {
  await row(scope, name).getByTestId('org-node-open').click()
  await scope.getByTestId('org-current').filter({ hasText: new RegExp(`^${name}$`) }).waitFor()
}

test('钱主任 adds a community under 龙城街道, renames it and pairs 县委宣传部 with it', async () => {
  const { page } = suite.browser
  const tree = await openTileAs('demo-street-admin', 'org-tree', 'page-admin-tree')
  await tree.getByTestId('org-current').filter({ hasText: '龙城街道' }).waitFor()
  await row(tree, '北门社区').waitFor()

  await tree.getByTestId('org-add').click()
  await tree.getByTestId('org-add-form-input').locator('input').fill('龙湖社区')
  await tree.getByTestId('org-add-form-submit').click()
  await row(tree, '龙湖社区').waitFor()

  // A name already used under the street is refused with the API's Chinese message.
  await row(tree, '龙湖社区').getByTestId('org-node-rename').click()
  await tree.getByTestId('org-rename-form-input').locator('input').fill('北门社区')
  await tree.getByTestId('org-rename-form-submit').click()
  await tree.getByTestId('org-rename-form-error').filter({ hasText: '同名' }).waitFor()
  await tree.getByTestId('org-rename-form-input').locator('input').fill('龙湖新区社区')
  await tree.getByTestId('org-rename-form-submit').click()
  await row(tree, '龙湖新区社区').waitFor()
  await shot(page, 'admin-tree-street.png')

  await openNode(tree, '龙湖新区社区')
  await tree.getByTestId('pairing-none').waitFor()
  await tree.getByTestId('pairing-pick').click()
  await tree.getByTestId('pairing-pick-sheet').locator('[data-testid="select-option"][data-value="unit-publicity"]').click()
  await tree.getByTestId('pairing-pair').click()
  await tree.locator('[data-testid="pairing-unit"][data-id="unit-publicity"]').filter({ hasText: '县委宣传部' }).waitFor()
  await shot(page, 'admin-tree-pairing.png')

  // 解除结对 asks first; 取消 keeps the pairing.
  await tree.locator('[data-testid="pairing-unit"][data-id="unit-publicity"]').getByTestId('pairing-unpair').click()
  // Taro's h5 modal: the question in .taro-modal__text, the buttons in .taro-modal__foot.
  const question = page.locator('.taro-modal__text').filter({ hasText: '确定解除「县委宣传部」与「龙湖新区社区」的结对吗？' })
  await question.waitFor()
  await page.locator('.taro-modal__foot .taro-model__cancel').filter({ hasText: '取消' }).click()
  await question.waitFor({ state: 'hidden' })
  await tree.locator('[data-testid="pairing-unit"][data-id="unit-publicity"]').waitFor()

  // Back up by the breadcrumbs: the renamed community is there.
  await tree.getByTestId('org-crumb').filter({ hasText: '龙城街道' }).click()
  await tree.getByTestId('org-current').filter({ hasText: '龙城街道' }).waitFor()
  await row(tree, '龙湖新区社区').waitFor()
  expect(suite.problems).toEqual([])
})

test('陈书记 adds a building under 北门第一网格 and makes 李建国 its grid worker; 李建国 sees 网格员 on 我的', async () => {
  const { page } = suite.browser
  const tree = await openTileAs('demo-community-admin', 'org-tree', 'page-admin-tree')
  await tree.getByTestId('org-current').filter({ hasText: '北门社区' }).waitFor()
  await openNode(tree, '北门花园小区')
  await openNode(tree, '北门第一网格')
  await tree.getByTestId('org-add').filter({ hasText: '新增楼栋' }).click()
  await tree.getByTestId('org-add-form-input').locator('input').fill('北门花园3栋')
  await tree.getByTestId('org-add-form-submit').click()
  await row(tree, '北门花园3栋').waitFor()
  await shot(page, 'admin-tree-community.png')

  const roles = await openTileAs('demo-community-admin', 'role-grants', 'page-admin-roles')
  await roles.getByTestId('org-current').filter({ hasText: '北门社区' }).waitFor()
  await roles.locator('[data-testid="role-holder"][data-kind="grid_worker"]').filter({ hasText: '张敏' }).waitFor()
  await openNode(roles, '北门花园小区')
  await openNode(roles, '北门第一网格')
  const form = roles.getByTestId('grant-form')
  await form.locator('[data-testid="grant-kind"][data-kind="grid_worker"]').waitFor()
  await shot(page, 'admin-roles-grid.png')
  await form.getByTestId('grant-search-input').locator('input').fill('建国')
  await form.getByTestId('grant-search-button').click()
  await form.locator('[data-testid="grant-person"][data-user="user-demo-member"]').click()
  await form.getByTestId('grant-submit').filter({ hasText: '授予李建国「网格员」' }).click()
  await roles.locator('[data-testid="role-holder"][data-user="user-demo-member"][data-kind="grid_worker"]').waitFor()
  await shot(page, 'admin-roles-granted.png')

  await openRoute(page, suite.app.url, '/pages/mine/index')
  await actAs(page, 'demo-member')
  const mine = page.getByTestId('page-mine')
  await mine.getByTestId('mine-name').filter({ hasText: '李建国' }).waitFor()
  await mine.locator('[data-testid="role-option"][data-role="grid_worker"]').filter({ hasText: '北门第一网格' }).waitFor()
  await shot(page, 'admin-roles-mine.png')
  expect(suite.problems).toEqual([])
})

test('陈书记 revokes the grid worker role after confirming; 李建国 no longer holds it', async () => {
  const { page } = suite.browser
  const roles = await openTileAs('demo-community-admin', 'role-grants', 'page-admin-roles')
  const granted = roles.locator('[data-testid="role-holder"][data-user="user-demo-member"][data-kind="grid_worker"]')
  await granted.getByTestId('role-revoke').click()
  await page.locator('.taro-modal__text').filter({ hasText: '确定撤销李建国在「北门第一网格」的网格员身份吗？' }).waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').filter({ hasText: '撤销' }).click()
  await granted.waitFor({ state: 'detached' })
  await roles.locator('[data-testid="role-holder"][data-kind="grid_worker"]').filter({ hasText: '张敏' }).waitFor()

  await openRoute(page, suite.app.url, '/pages/mine/index')
  await actAs(page, 'demo-member')
  const mine = page.getByTestId('page-mine')
  await mine.locator('[data-testid="role-option"][data-role="member"]').waitFor()
  expect(await mine.locator('[data-testid="role-option"][data-role="grid_worker"]').count()).toBe(0)
  expect(suite.problems).toEqual([])
})
