/**
 * 报到邀请码 end to end, in Chromium against the real `npm start`: the org cloud function on the
 * local emulator, whose wxacode.getUnlimited draws a real PNG. 陈书记 shows 北门社区's code from
 * her home tile; 刘主任 shows 县水利局's.
 */
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(180_000)

const COMMUNITY_ADMIN = 'demo-community-admin' // 陈书记, 北门社区
const UNIT_ADMIN = 'demo-unit-admin' // 刘主任, 县水利局

const suite = browserSuite()

/** From 首页 as this person, tap 报到邀请码 and wait until the code has loaded and decoded. */
async function openInviteAs(openid: string) {
  const { page } = suite.browser
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  const home = page.getByTestId('page-home')
  await home.getByTestId('home-greeting').waitFor()
  await home.locator('[data-testid="home-tile"][data-tile="invite-code"]').click()
  const invite = page.getByTestId('page-invite')
  // Taro's h5 Image is a box around a plain <img>.
  const img = invite.getByTestId('invite-image').locator('img')
  await img.waitFor()
  await page.waitForFunction(
    (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
    await img.elementHandle(),
  )
  return { invite, img }
}

test('陈书记 opens 北门社区\'s invitation code from 首页', async () => {
  const { page } = suite.browser
  const { invite, img } = await openInviteAs(COMMUNITY_ADMIN)

  expect(await invite.getAttribute('data-kind')).toBe('community')
  expect(await invite.getByTestId('invite-title').textContent()).toBe('北门社区 报到邀请码')
  expect(await invite.getByTestId('invite-tip').textContent()).toBe('用微信扫一扫，到「北门社区」报到')
  expect(await invite.getByTestId('invite-scene').textContent()).toBe('c:org-beimen')
  expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  // Shown large: at least half the width of a phone screen.
  expect((await img.boundingBox())!.width).toBeGreaterThan(200)
  expect(await invite.getByTestId('invite-save').textContent()).toBe('保存图片')
  await shot(page, 'invite-community-admin.png')

  expect(suite.problems).toEqual([])
})

test('刘主任 gets 县水利局\'s code', async () => {
  const { page } = suite.browser
  const { invite, img } = await openInviteAs(UNIT_ADMIN)

  expect(await invite.getAttribute('data-kind')).toBe('unit')
  expect(await invite.getByTestId('invite-title').textContent()).toBe('县水利局 报到邀请码')
  expect(await invite.getByTestId('invite-scene').textContent()).toBe('u:unit-water-bureau')
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  await shot(page, 'invite-unit-admin.png')

  expect(suite.problems).toEqual([])
})
