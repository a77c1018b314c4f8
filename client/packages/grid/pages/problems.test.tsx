import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { ProblemDetail } from '@domain/api/problems'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import ProblemPage from './problem/index'
import ProblemsPage from './problems/index'
import ReportPage from './report/index'

let backend: ReturnType<typeof stubFetch>

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/grid/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })
const sent = () => backend.calls.filter((c) => c.path === '/api/problems').map((c) => c.body as Record<string, unknown>)

function detail(over: Partial<ProblemDetail> = {}): ProblemDetail {
  return {
    id: 'p1',
    state: 'reported',
    stateLabel: '已上报',
    category: '环境卫生',
    description: '楼道堆了旧家具',
    placeName: '北门花园1栋',
    reporterName: '王秀英',
    assigneeName: null,
    dueAt: null,
    overdue: null,
    createdAt: '2026-11-20T01:00:00.000Z',
    address: '1单元',
    communityId: 'org-beimen',
    photos: [],
    meeting: null,
    assignee: null,
    solution: null,
    reason: null,
    can: ['holdMeeting'],
    mine: false,
    timeline: [{ verb: 'report', label: '上报问题', byName: '王秀英', at: '2026-11-20T01:00:00.000Z', reason: null }],
    ...over,
  }
}

test('a resident sees only 我上报的, with each problem\'s state in words', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-resident' })),
    '/api/problems': () => ok({ items: [{ ...detail({ state: 'solved', stateLabel: '已解决待确认' }) }] }),
  })
  render(<ProblemsPage />)
  const card = await screen.findByTestId('problem-card')
  expect(within(card).getByTestId('problem-card-state').textContent).toBe('已解决待确认')
  expect(screen.queryByTestId('problems-tabs')).toBeNull()
  expect(sent()[0]).toEqual({ action: 'list', view: 'mine' })
})

test('the grid worker records the meeting: without attendees the Chinese message and nothing sent; then holdMeeting', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-grid', roles: [role('grid_worker', '北门第一网格')], activeRole: 'grid_worker' })),
    '/api/problems': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(detail())
      return ok(detail({ state: 'meeting_held', stateLabel: '已现场议事', can: [], meeting: { attendees: ['张敏', '孙丽'], decision: '请物业清走', at: '2026-11-20T02:00:00.000Z' } }))
    },
  })
  openWith({ id: 'p1' })
  render(<ProblemPage />)
  fireEvent.click(await screen.findByTestId('problem-holdMeeting'))
  fireEvent.input(screen.getByTestId('problem-form-text'), { target: { value: '请物业清走' } })
  fireEvent.click(screen.getByTestId('problem-form-submit'))
  expect((await screen.findByTestId('problem-form-error')).textContent).toBe('请填写参加现场议事的人')
  expect(sent().filter((b) => b.action === 'holdMeeting')).toHaveLength(0)

  fireEvent.input(screen.getByTestId('problem-form-names'), { target: { value: '张敏、孙丽' } })
  fireEvent.click(screen.getByTestId('problem-form-submit'))
  await waitFor(() => expect(screen.getByTestId('problem-state').textContent).toBe('已现场议事'))
  expect(sent().find((b) => b.action === 'holdMeeting')).toEqual({ action: 'holdMeeting', id: 'p1', attendees: ['张敏', '孙丽'], decision: '请物业清走' })
  expect(screen.getByTestId('problem-meeting').textContent).toContain('请物业清走')
})

test('a report without a place says so and sends nothing', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ id: 'u-resident' })),
    '/api/problems': () => ok({ items: [{ id: 'org-beimen', name: '北门社区', kind: 'community', more: true }] }),
  })
  render(<ReportPage />)
  await screen.findByTestId('report-place-option')
  fireEvent.input(screen.getByTestId('report-text'), { target: { value: '路灯不亮' } })
  fireEvent.click(screen.getByTestId('report-submit'))
  expect((await screen.findByTestId('report-error')).textContent).toBe('请选择问题所在的位置')
  expect(sent().filter((b) => b.action === 'report')).toHaveLength(0)
})
