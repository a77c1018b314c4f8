/**
 * Accessibility and care mode (关怀模式) on every h5 page, in Chromium against the real `npm start`:
 * each page of client/app.config.ts is opened as a demo identity that really sees it (records
 * from the seeded county, an order placed through the form), axe-core runs on it, and no
 * violation may be serious or critical. Then the switch on 我的 turns care mode on, once, and
 * every page is checked again: drawn 1.25× larger in the care palette, the same axe rules, its
 * tappable things at least 88 design px tall, a screenshot in test-results/care-mode/<page>.png.
 */
import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Result } from 'axe-core'
import type { Page } from 'playwright-core'
import { actAs, appPageRoutes, browserSuite, openRoute, RESULTS_DIR, settle } from './browser'
import { previousMonthKey } from '@domain/stats/metrics'

jest.setTimeout(900_000)

const suite = browserSuite()
const CARE_DIR = path.join(RESULTS_DIR, 'care-mode')

/** Found while the test runs: a published wish from the seeded wall, an order placed through the form. */
const records = { wishId: '', orderId: '' }

interface PageCheck {
  /** The demo identity that sees this page (docs/demo-identities.md). */
  as: string
  /** Query string, with the records found above. */
  query?: () => string
  /** data-testid of the page's root. */
  root: string
  /** data-testid of what shows once the page has its data. */
  ready: string
}

/** One entry per page of app.config.ts: the test fails if a page is added without one. */
const PAGES: Record<string, PageCheck> = {
  'pages/home/index': { as: 'demo-community-admin', root: 'page-home', ready: 'home-tile' },
  'pages/wishes/index': { as: 'demo-grid', root: 'page-wishes', ready: 'wish-card' },
  'pages/services/index': { as: 'demo-community-admin', root: 'page-services', ready: 'queue-count' },
  'pages/mine/index': { as: 'demo-member', root: 'page-mine', ready: 'role-option' },
  'packages/registration/pages/register/index': { as: 'demo-newcomer', query: () => 'scene=c%3Aorg-beimen', root: 'page-register', ready: 'register-invite' },
  'packages/registration/pages/card/index': { as: 'demo-member', root: 'page-card', ready: 'card-state' },
  'packages/registration/pages/pending/index': { as: 'demo-community-admin', root: 'page-pending', ready: 'pending-item' },
  'packages/registration/pages/invite/index': { as: 'demo-community-admin', root: 'page-invite', ready: 'invite-scene' },
  'packages/registration/pages/members/index': { as: 'demo-community-admin', root: 'page-members', ready: 'member-item' },
  'packages/admin/pages/tree/index': { as: 'demo-county-admin', root: 'page-admin-tree', ready: 'org-node' },
  'packages/admin/pages/stats/index': { as: 'demo-county-admin', root: 'page-stats', ready: 'breakdown' },
  'packages/admin/pages/reports/index': { as: 'demo-county-admin', root: 'page-stats-reports', ready: 'report-item' },
  'packages/admin/pages/report/index': { as: 'demo-county-admin', query: () => `id=org-longmen%3A${previousMonthKey(new Date())}`, root: 'page-stats-report', ready: 'report-communities' },
  'packages/admin/pages/roles/index': { as: 'demo-county-admin', root: 'page-admin-roles', ready: 'role-holder' },
  'packages/admin/pages/import/index': { as: 'demo-county-admin', root: 'page-admin-import', ready: 'import-choose' },
  'packages/admin/pages/requirements/index': { as: 'demo-county-admin', root: 'page-admin-requirements', ready: 'rules-save' },
  'packages/wishes/pages/intake/index': { as: 'demo-grid', root: 'page-wish-intake', ready: 'intake-form' },
  'packages/wishes/pages/review/index': { as: 'demo-community-admin', root: 'page-wish-review', ready: 'review-item' },
  'packages/wishes/pages/detail/index': { as: 'demo-member', query: () => `id=${records.wishId}`, root: 'page-wish-detail', ready: 'wish-light' },
  'packages/wishes/pages/poster/index': { as: 'demo-member', query: () => `id=${records.wishId}`, root: 'page-wish-poster', ready: 'poster-image' },
  'packages/wishes/pages/outbox/index': { as: 'demo-member', root: 'page-wish-outbox', ready: 'outbox' },
  'packages/wishes/pages/settings/index': { as: 'demo-community-admin', root: 'page-wish-settings', ready: 'wish-settings-form' },
  'packages/orders/pages/order/index': { as: 'demo-resident', query: () => 'communityId=org-beimen&itemId=other', root: 'page-order-new', ready: 'order-submit' },
  'packages/orders/pages/detail/index': { as: 'demo-community-admin', query: () => `id=${records.orderId}`, root: 'page-order-detail', ready: 'order-accept' },
  'packages/orders/pages/items/index': { as: 'demo-community-admin', root: 'page-order-items', ready: 'items-add' },
  'packages/orders/pages/settings/index': { as: 'demo-community-admin', root: 'page-order-settings', ready: 'settings-form' },
  'packages/privacy/pages/index/index': { as: 'demo-member', root: 'page-privacy', ready: 'privacy-item' },
  'packages/grid/pages/problems/index': { as: 'demo-community-admin', root: 'page-problems', ready: 'problem-card' },
  'packages/grid/pages/problem/index': { as: 'demo-community-admin', query: () => 'id=prob-demo-reported', root: 'page-problem', ready: 'problem-holdMeeting' },
  'packages/grid/pages/report/index': { as: 'demo-resident', root: 'page-report', ready: 'report-place-option' },
  'packages/activities/pages/list/index': { as: 'demo-member', root: 'page-activities', ready: 'activity-card' },
  'packages/activities/pages/detail/index': { as: 'demo-member', query: () => 'id=act-upcoming', root: 'page-activity-detail', ready: 'activity-detail' },
  'packages/activities/pages/create/index': { as: 'demo-community-admin', root: 'page-activity-new', ready: 'activity-new-form' },
  'packages/activities/pages/console/index': { as: 'demo-unit-admin', query: () => 'id=act-running', root: 'page-activity-console', ready: 'checkin-code' },
  'packages/activities/pages/hours/index': { as: 'demo-community-admin', query: () => 'id=act-held', root: 'page-activity-hours', ready: 'hours-line' },
  'packages/activities/pages/myhours/index': { as: 'demo-member', root: 'page-my-hours', ready: 'star-level' },
  // The demo seed's certificate of 李建国, verified by someone who is not him.
  'packages/activities/pages/verify/index': { as: 'demo-resident', query: () => 'number=LX2026-0000DE30', root: 'page-certificate-verify', ready: 'verify-result' },
  'packages/activities/pages/themes/index': { as: 'demo-county-admin', root: 'page-activity-themes', ready: 'act-settings-form' },
  'packages/grid/pages/households/index': { as: 'demo-grid', root: 'page-households', ready: 'household-row' },
  'packages/grid/pages/household/index': { as: 'demo-grid', query: () => 'id=hh-demo-b1-302', root: 'page-household', ready: 'household-resident' },
  'packages/grid/pages/visit/index': { as: 'demo-grid', query: () => 'householdId=hh-demo-b1-302&label=%E5%8C%97%E9%97%A8%E8%8A%B1%E5%9B%AD1%E6%A0%8B%201%E5%8D%95%E5%85%83302', root: 'page-visit', ready: 'visit-form' },
  'packages/grid/pages/visits/index': { as: 'demo-grid', root: 'page-visits', ready: 'visit-card' },
  'packages/grid/pages/proposals/index': { as: 'demo-resident', root: 'page-proposals', ready: 'proposal-card' },
  // The seeded proposal waiting for its answer: the answer form is part of what is checked.
  'packages/grid/pages/proposal/index': { as: 'demo-community-admin', query: () => 'id=prop-demo-lights', root: 'page-proposal', ready: 'proposal-answer' },
  'packages/grid/pages/projects/index': { as: 'demo-community-admin', root: 'page-projects', ready: 'project-card' },
  'packages/grid/pages/household-edit/index': { as: 'demo-grid', query: () => 'id=hh-demo-b1-302', root: 'page-household-edit', ready: 'resident-block' },
  'packages/grid/pages/visit-rules/index': { as: 'demo-community-admin', root: 'page-visit-rules', ready: 'visit-rules-save' },
  'packages/grid/pages/project-new/index': { as: 'demo-community-admin', query: () => 'ownerKind=community&ownerId=org-beimen&communityId=org-beimen', root: 'page-project-new', ready: 'project-save' },
}

/** Visited grouped by identity, so the switcher is used once per person and mode. */
function visitOrder(): string[] {
  const routes = appPageRoutes()
  const people = [...new Set(routes.map((r) => PAGES[r]?.as))]
  return people.flatMap((who) => routes.filter((r) => PAGES[r]?.as === who))
}

const shortName = (route: string) => route.replace(/^packages\//, '').replace(/\/index$/, '').replace(/pages\//g, '').replace(/\//g, '-')

let current = ''
async function actAsOnce(page: Page, openid: string) {
  if (current === openid) return
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  current = openid
}

/** Opens a page fresh, as its identity, and waits for its data and for transitions to end. */
async function open(page: Page, route: string) {
  const check = PAGES[route]
  await actAsOnce(page, check.as)
  const query = check.query?.()
  await openRoute(page, suite.app.url, `/${route}${query ? `?${query}` : ''}`)
  const root = page.getByTestId(check.root)
  try {
    await root.getByTestId(check.ready).first().waitFor()
    await root.getByTestId('loading').waitFor({ state: 'detached' })
  } catch (e) {
    // What the page showed instead, for whoever reads the failure.
    await page.screenshot({ path: path.join(RESULTS_DIR, `a11y-not-ready-${shortName(route)}.png`), fullPage: true })
    throw e
  }
  await settle(page)
  return root
}

function report(violations: Result[]): string {
  return violations
    .map((v) => [`${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.replace(/\n/g, ' / ') ?? ''}`)].join('\n'))
    .join('\n')
}

async function seriousViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/**
 * Everything a finger can tap on the page and the tab bar, and those less than 88 design px tall
 * (1rem = 40 design px, at the page's current root size). Taro's h5 components keep their event
 * handlers on the element (`__events`), so a tappable View is found even without a role.
 */
async function tapTargets(page: Page, rootTestId: string) {
  return page.evaluate((rootId) => {
    const root = document.querySelector(`[data-testid="${rootId}"]`)
    const tabBar = document.querySelector('[data-testid="tab-bar"]')
    const designPx = 40 / parseFloat(getComputedStyle(document.documentElement).fontSize)
    const tappable = (el: Element) => {
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events
      return !!events && ('click' in events || 'tap' in events)
    }
    let count = 0
    const small: string[] = []
    for (const scope of [root, tabBar]) {
      for (const el of Array.from(scope?.querySelectorAll('*') ?? [])) {
        if (!tappable(el)) continue
        const box = el.getBoundingClientRect()
        if (box.width === 0 && box.height === 0) continue
        count++
        const height = Math.round(box.height * designPx)
        if (height < 88) small.push(`${el.getAttribute('data-testid') ?? el.className} "${(el.textContent ?? '').trim().slice(0, 20)}": ${height}px tall`)
      }
    }
    return { count, small }
  }, rootTestId)
}

/** Every page has something to tap, none of it too small for an old finger. */
async function checkTaps(page: Page, route: string, smallTaps: string[]) {
  const taps = await tapTargets(page, PAGES[route].root)
  expect(`${route}: ${taps.count > 0}`).toBe(`${route}: true`)
  if (taps.small.length > 0) smallTaps.push(`${route}: ${taps.small.join('; ')}`)
}

/**
 * The whole page in one picture: Taro's h5 page scrolls inside its own container, so Playwright's
 * fullPage sees only the window; the window is made as tall as the page for the shot.
 */
async function wholePageShot(page: Page, rootTestId: string, file: string) {
  const viewport = page.viewportSize()!
  const height = await page.evaluate((rootId) => {
    const container = document.querySelector(`[data-testid="${rootId}"]`)?.closest('.taro_page')
    return Math.ceil(Math.max(container?.scrollHeight ?? 0, window.innerHeight))
  }, rootTestId)
  await page.setViewportSize({ width: viewport.width, height })
  await settle(page)
  await page.screenshot({ path: file, fullPage: true })
  await page.setViewportSize(viewport)
}

async function rootFontSize(page: Page): Promise<number> {
  return page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
}

test('every page of app.config.ts has a check here', () => {
  expect(appPageRoutes().filter((r) => !PAGES[r])).toEqual([])
  expect(Object.keys(PAGES).filter((r) => !appPageRoutes().includes(r))).toEqual([])
})

test('real records to open: a published wish from the wall, an order placed through the form', async () => {
  const { page } = suite.browser
  await actAsOnce(page, 'demo-member')
  await openRoute(page, suite.app.url, '/pages/wishes/index')
  const wall = page.getByTestId('page-wishes')
  const published = wall.locator('[data-testid="wish-card"][data-state="published"]').first()
  await published.waitFor()
  records.wishId = (await published.getAttribute('data-id'))!

  await actAsOnce(page, 'demo-resident')
  await openRoute(page, suite.app.url, '/packages/orders/pages/order/index?communityId=org-beimen&itemId=other')
  const form = page.getByTestId('page-order-new')
  await form.getByTestId('order-category').click()
  await page.locator('[data-testid="order-category-sheet"] [data-testid="select-option"][data-value="维修"]').click()
  await form.getByTestId('order-description').locator('textarea').fill('楼道灯不亮，请帮忙看看')
  await form.getByTestId('order-building').click()
  await page.locator('[data-testid="order-building-sheet"] [data-testid="select-option"][data-value="org-beimen-b1"]').click()
  await form.locator('[data-testid="order-time"] [data-testid="order-chip"]').first().click()
  await form.getByTestId('order-submit').click()
  const detail = page.getByTestId('page-order-detail')
  await detail.getByTestId('order-state').filter({ hasText: '待接单' }).waitFor()
  records.orderId = (await detail.getAttribute('data-id'))!

  expect(records.wishId).not.toBe('')
  expect(records.orderId).toMatch(/^o-/)
})

test('normal mode: axe finds no serious or critical violation on any page; taps ≥ 88 design px', async () => {
  const { page } = suite.browser
  const failures: string[] = []
  const smallTaps: string[] = []
  for (const route of visitOrder()) {
    await open(page, route)
    const found = await seriousViolations(page)
    if (found.length > 0) failures.push(`${route} as ${PAGES[route].as}:\n${report(found)}`)
    await checkTaps(page, route, smallTaps)
  }
  expect(failures.join('\n\n')).toBe('')
  expect(smallTaps.join('\n')).toBe('')
  expect(suite.problems).toEqual([])
})

test('care mode, switched on once on 我的: every page 1.25× larger in the care palette, axe clean, taps ≥ 88 design px, screenshots saved', async () => {
  const { page } = suite.browser
  fs.rmSync(CARE_DIR, { recursive: true, force: true })
  fs.mkdirSync(CARE_DIR, { recursive: true })

  await actAsOnce(page, 'demo-member')
  await openRoute(page, suite.app.url, '/pages/mine/index')
  const mine = page.getByTestId('page-mine')
  const standard = await rootFontSize(page)
  await mine.locator('[data-testid="care-mode-switch"][data-on="false"]').click()
  await mine.locator('[data-testid="care-mode-switch"][data-on="true"]').getByText('已开启').waitFor()
  expect(await rootFontSize(page)).toBeCloseTo(standard * 1.25, 1)

  const failures: string[] = []
  const smallTaps: string[] = []
  for (const route of visitOrder()) {
    const root = await open(page, route)
    // Kept on the device: a fresh load of every page is still in care mode.
    expect(`${route}: ${await root.getAttribute('data-care')}`).toBe(`${route}: on`)
    expect(await rootFontSize(page)).toBeCloseTo(standard * 1.25, 1)
    const found = await seriousViolations(page)
    if (found.length > 0) failures.push(`${route} as ${PAGES[route].as}:\n${report(found)}`)
    await checkTaps(page, route, smallTaps)
    await wholePageShot(page, PAGES[route].root, path.join(CARE_DIR, `${shortName(route)}.png`))
  }
  expect(failures.join('\n\n')).toBe('')
  expect(smallTaps.join('\n')).toBe('')
  expect(fs.readdirSync(CARE_DIR).sort()).toEqual(appPageRoutes().map((r) => `${shortName(r)}.png`).sort())
  expect(suite.problems).toEqual([])
})

test('the tab bar tells the selected tab by weight and an underline, not by colour alone', async () => {
  const { page } = suite.browser
  await open(page, 'pages/services/index')
  const styles = await page.locator('[data-testid="tab-bar-item"]').evaluateAll((items) =>
    items.map((el) => {
      const s = getComputedStyle(el)
      return { text: el.textContent, selected: el.getAttribute('aria-selected'), weight: Number(s.fontWeight), underline: parseFloat(s.borderBottomWidth) > 0 && s.borderBottomColor !== 'rgba(0, 0, 0, 0)' }
    }),
  )
  expect(styles.map((s) => [s.text, s.selected, s.weight >= 700, s.underline])).toEqual([
    ['首页', 'false', false, false],
    ['心愿', 'false', false, false],
    ['服务', 'true', true, true],
    ['我的', 'false', false, false],
  ])
})
