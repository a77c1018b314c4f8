/**
 * 微提案 and 微实事 in Chromium against the real `npm start` (the proposals function on the local
 * emulator, the seeded 北门社区): 王秀英 proposes 小区增设充电桩 and cannot support her own;
 * 李建国 supports it (1人支持) and, pressing again, reads why not; 陈书记 declines without a
 * reason (the message), then adopts it with its cost and beneficiaries; on 微实事 it is 计划中,
 * 陈书记 starts and finishes it, and the year's totals follow.
 */
import type { Page } from 'playwright-core'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(300_000)

const suite = browserSuite()

const PROPOSALS = '/packages/grid/pages/proposals/index'
const PROPOSAL = '/packages/grid/pages/proposal/index'
const PROJECTS = '/packages/grid/pages/projects/index'
const TITLE = '小区增设充电桩'

/** A fresh load of `route` as the demo identity `openid`. */
async function as(page: Page, openid: string, route: string) {
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, openid)
  await openRoute(page, suite.app.url, route)
}

async function proposalAs(page: Page, openid: string, id: string) {
  await as(page, openid, `${PROPOSAL}?id=${id}`)
  const detail = page.getByTestId('page-proposal')
  await detail.getByTestId('proposal-detail').waitFor()
  return detail
}

let proposalId = ''

test('王秀英 proposes 小区增设充电桩 to 北门社区 and may not support her own', async () => {
  const { page } = suite.browser
  await as(page, 'demo-resident', PROPOSALS)
  const list = page.getByTestId('page-proposals')
  // The seeded proposals of 北门社区 are there.
  await list.getByTestId('proposal-card').filter({ hasText: '楼道加装声控灯' }).waitFor()
  await list.getByTestId('proposals-new').click()
  await list.getByTestId('proposal-form-title').locator('input').fill(TITLE)
  await list.getByTestId('proposal-form-body').locator('textarea').fill('电动车越来越多，楼道里充电不安全，建议在北门花园增设充电桩。')
  await shot(page, 'proposals-new.png')
  await list.getByTestId('proposal-form-submit').click()

  const detail = page.getByTestId('page-proposal')
  await detail.getByTestId('proposal-title').filter({ hasText: TITLE }).waitFor()
  proposalId = (await detail.getAttribute('data-id'))!
  expect(proposalId).toMatch(/^[0-9a-f]+$/)
  await detail.getByTestId('proposal-state').filter({ hasText: '待答复' }).waitFor()
  await detail.getByTestId('proposal-support').click()
  await detail.getByTestId('proposal-error').filter({ hasText: '不能为自己的提案点赞支持' }).waitFor()
  await detail.getByTestId('proposal-support-count').filter({ hasText: '0人支持' }).waitFor()
  expect(suite.problems).toEqual([])
})

test('李建国 supports it once: 1人支持; pressing again says he already did', async () => {
  const { page } = suite.browser
  const detail = await proposalAs(page, 'demo-member', proposalId)
  await detail.getByTestId('proposal-support').click()
  await detail.getByTestId('proposal-support-count').filter({ hasText: '1人支持（您已支持）' }).waitFor()
  await detail.getByTestId('proposal-support').click()
  await detail.getByTestId('proposal-error').filter({ hasText: '您已经支持过这条提案了' }).waitFor()
  await detail.getByTestId('proposal-support-count').filter({ hasText: '1人支持' }).waitFor()
  await shot(page, 'proposal-supported.png')
  expect(suite.problems).toEqual([])
})

test('陈书记 may not decline without a reason, then adopts it with its cost and beneficiaries', async () => {
  const { page } = suite.browser
  const detail = await proposalAs(page, 'demo-community-admin', proposalId)
  await detail.getByTestId('proposal-decline').click()
  await detail.getByTestId('proposal-answer-error').filter({ hasText: '答复时请写明理由' }).waitFor()
  await detail.getByTestId('proposal-state').filter({ hasText: '待答复' }).waitFor()
  await detail.getByTestId('proposal-answer-reason').locator('textarea').fill('采纳，列入今年微实事')
  await detail.getByTestId('proposal-answer-cost').locator('input').fill('30000')
  await detail.getByTestId('proposal-answer-people').locator('input').fill('200')
  await detail.getByTestId('proposal-adopt').click()
  await detail.getByTestId('proposal-state').filter({ hasText: '已采纳' }).waitFor()
  await detail.getByTestId('proposal-answer-shown').filter({ hasText: '采纳，列入今年微实事' }).waitFor()
  await shot(page, 'proposal-adopted.png')
  expect(suite.problems).toEqual([])
})

test('on 微实事 it is 计划中; 陈书记 starts and finishes it; the year\'s totals show it', async () => {
  const { page } = suite.browser
  await as(page, 'demo-community-admin', PROJECTS)
  const projects = page.getByTestId('page-projects')
  const card = projects.getByTestId('project-card').filter({ hasText: TITLE })
  await card.getByTestId('project-state').filter({ hasText: '计划中' }).waitFor()
  const totals = projects.getByTestId('project-totals')
  const figure = async (name: string) => Number(await totals.getAttribute(name))
  const planned = await figure('data-planned')
  const done = await figure('data-done')
  // The seed's 3 and this one.
  expect(planned).toBe(4)
  await card.getByTestId('project-start').click()
  await card.getByTestId('project-state').filter({ hasText: '实施中' }).waitFor()
  await card.getByTestId('project-finish').click()
  await card.getByTestId('project-finish-cost').locator('input').fill('28500')
  await card.getByTestId('project-finish-submit').click()
  await projects.getByTestId('project-card').filter({ hasText: TITLE }).getByTestId('project-state').filter({ hasText: '已完成' }).waitFor()
  await projects.locator(`[data-testid="project-totals"][data-done="${done + 1}"]`).waitFor()
  expect(await figure('data-planned')).toBe(planned)
  await projects.getByTestId('project-card').filter({ hasText: TITLE }).filter({ hasText: '实际费用 28500 元' }).waitFor()
  await shot(page, 'projects-done.png')
  expect(suite.problems).toEqual([])
})
