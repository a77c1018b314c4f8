import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { ProjectRow, ProposalDetail, ProposalRow } from '@domain/api/proposals'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import ProjectsPage from './projects/index'
import ProposalPage from './proposal/index'
import ProposalsPage from './proposals/index'

let backend: ReturnType<typeof stubFetch>
let navigateTo: jest.SpyInstance

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/grid/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })
const refuse = (code: string, message: string, status = 409) => ({ status, json: { code, message } })
const sent = () => backend.to('/api/proposals').map((c) => c.body as Record<string, unknown>)

const RESIDENT = who({ id: 'u-wang', displayName: '王秀英', roles: [role('resident')], activeRole: 'resident' })
const MEMBER = who({ id: 'u-li', displayName: '李建国', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })
const ADMIN = who({ id: 'u-chen', displayName: '陈红', roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })

const row = (over: Partial<ProposalRow> = {}): ProposalRow => ({
  id: 'p1', state: 'submitted', stateLabel: '待答复', title: '小区增设充电桩', body: '电动车充电难', proposerName: '王秀英', supportCount: 0, supported: false, canSupport: true,
  answerDueAt: '2026-06-01T00:00:00.000Z', late: false, answer: null, createdAt: '2026-05-01T00:00:00.000Z', mine: false, ...over,
})
const detail = (over: Partial<ProposalDetail> = {}): ProposalDetail => ({ ...row(), communityId: 'org-beimen', communityName: '北门社区', canAnswer: false, timeline: [], ...over })

test('proposals: a resident writes a proposal; it is submitted and opened; a late one says so in words', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(RESIDENT),
    '/api/proposals': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'list') return ok({ communityId: 'org-beimen', communityName: '北门社区', items: [row({ id: 'p0', late: true, title: '路灯维修' })], canAnswer: false })
      if (body.action === 'submit') return ok(detail({ id: 'p-new', mine: true }))
      return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
    },
  })
  openWith({})
  render(<ProposalsPage />)
  expect((await screen.findByTestId('proposal-late')).textContent).toBe('已超期')
  fireEvent.click(screen.getByTestId('proposals-new'))
  fireEvent.input(screen.getByTestId('proposal-form-title'), { target: { value: '小区增设充电桩' } })
  fireEvent.input(screen.getByTestId('proposal-form-body'), { target: { value: '电动车充电难' } })
  fireEvent.click(screen.getByTestId('proposal-form-submit'))
  await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/grid/pages/proposal/index?id=p-new' }))
  expect(sent().find((b) => b.action === 'submit')).toEqual({ action: 'submit', title: '小区增设充电桩', body: '电动车充电难' })
})

test('proposal: a member supports; pressing again shows the function\'s message', async () => {
  let supported = false
  backend = stubFetch({
    '/api/users': usersBackend(MEMBER),
    '/api/proposals': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'get') return ok(detail())
      if (body.action === 'support') {
        if (supported) return refuse('PROPOSAL.ALREADY_SUPPORTED', '您已经支持过这条提案了')
        supported = true
        return ok(detail({ supportCount: 1, supported: true, canSupport: false }))
      }
      return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
    },
  })
  openWith({ id: 'p1' })
  render(<ProposalPage />)
  fireEvent.click(await screen.findByTestId('proposal-support'))
  await waitFor(() => expect(screen.getByTestId('proposal-support-count').textContent).toBe('1人支持（您已支持）'))
  fireEvent.click(screen.getByTestId('proposal-support'))
  expect((await screen.findByTestId('proposal-error')).textContent).toBe('您已经支持过这条提案了')
})

test('proposal: the community admin answers; without a reason the message shows; adopted with cost and beneficiaries', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/proposals': (req) => {
      const body = req.body as { action: string; reason?: string }
      if (body.action === 'get') return ok(detail({ canAnswer: true, canSupport: false }))
      if (body.action === 'decline' && !body.reason?.trim()) return refuse('PROPOSAL.REASON_REQUIRED', '答复时请写明理由（至少两个字）', 400)
      if (body.action === 'adopt') return ok(detail({ state: 'adopted', stateLabel: '已采纳', answer: { reason: body.reason!, byName: '陈红', at: '2026-05-02T00:00:00.000Z', projectId: 'j1' } }))
      return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
    },
  })
  openWith({ id: 'p1' })
  render(<ProposalPage />)
  expect(screen.queryByTestId('proposal-support')).toBeNull()
  fireEvent.click(await screen.findByTestId('proposal-decline'))
  expect((await screen.findByTestId('proposal-answer-error')).textContent).toBe('答复时请写明理由（至少两个字）')
  fireEvent.input(screen.getByTestId('proposal-answer-reason'), { target: { value: '列入今年微实事' } })
  fireEvent.input(screen.getByTestId('proposal-answer-cost'), { target: { value: '30000' } })
  fireEvent.input(screen.getByTestId('proposal-answer-people'), { target: { value: '200' } })
  fireEvent.click(screen.getByTestId('proposal-adopt'))
  await waitFor(() => expect(screen.getByTestId('proposal-detail').getAttribute('data-state')).toBe('adopted'))
  expect(sent().find((b) => b.action === 'adopt')).toEqual({ action: 'adopt', id: 'p1', reason: '列入今年微实事', plannedCost: 30000, beneficiaries: 200 })
  fireEvent.click(screen.getByTestId('proposal-project-link'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/grid/pages/projects/index?ownerId=org-beimen' })
})

test('projects: the community admin\'s year with its totals; start and finish, the totals read again', async () => {
  let state: ProjectRow['state'] = 'planned'
  const project = (): ProjectRow => ({
    id: 'j1', state, stateLabel: { planned: '计划中', in_progress: '实施中', done: '已完成' }[state], ownerName: '北门社区', ownerKind: 'community', year: 2026, title: '小区增设充电桩',
    description: '', plannedCost: 30000, actualCost: state === 'done' ? 28000 : null, beneficiaries: 200, proposalId: 'p1', canEdit: state !== 'done',
  })
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/proposals': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'projects')
        return ok({ owner: { kind: 'community', id: 'scope-community_admin', name: '北门社区' }, communityId: 'scope-community_admin', year: 2026, items: [project()], totals: { planned: 1, inProgress: state === 'in_progress' ? 1 : 0, done: state === 'done' ? 1 : 0 }, canCreate: true })
      if (body.action === 'startProject') return ok(((state = 'in_progress'), project()))
      if (body.action === 'finishProject') return ok(((state = 'done'), project()))
      return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
    },
  })
  openWith({ year: '2026' })
  render(<ProjectsPage />)
  expect((await screen.findByTestId('project-state')).textContent).toBe('计划中')
  expect(sent()[0]).toEqual({ action: 'projects', ownerId: 'scope-community_admin', year: 2026 })
  fireEvent.click(screen.getByTestId('project-start'))
  await waitFor(() => expect(screen.getByTestId('project-state').textContent).toBe('实施中'))
  expect(screen.getByTestId('project-totals').getAttribute('data-in-progress')).toBe('1')
  fireEvent.click(screen.getByTestId('project-finish'))
  fireEvent.input(screen.getByTestId('project-finish-cost'), { target: { value: '28000' } })
  fireEvent.click(screen.getByTestId('project-finish-submit'))
  await waitFor(() => expect(screen.getByTestId('project-state').textContent).toBe('已完成'))
  expect(screen.getByTestId('project-totals').getAttribute('data-done')).toBe('1')
  expect(sent().find((b) => b.action === 'finishProject')).toEqual({ action: 'finishProject', id: 'j1', actualCost: 28000, beneficiaries: 200 })
})
