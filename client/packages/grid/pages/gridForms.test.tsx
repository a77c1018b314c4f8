import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { HouseholdDetail } from '@domain/api/households'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import HouseholdEditPage from './household-edit/index'
import HouseholdPage from './household/index'
import ProjectNewPage from './project-new/index'
import ProjectsPage from './projects/index'
import VisitRulesPage from './visit-rules/index'

// The grid's forms (新增/修改住户, 走访周期, 新增微实事) against the h5 transport over a stubbed fetch.
let backend: ReturnType<typeof stubFetch>
let navigateTo: jest.SpyInstance
let redirectTo: jest.SpyInstance

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/grid/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown) => ({ json: { code: 0, data } })
const refuse = (code: string, message: string, status = 409) => ({ status, json: { code, message } })
const GRID = who({ id: 'u-zhang', displayName: '张敏', roles: [role('resident'), role('grid_worker', '北门第一网格')], activeRole: 'grid_worker' })
const ADMIN = who({ id: 'u-chen', displayName: '陈红', roles: [role('resident'), role('community_admin', '北门社区')], activeRole: 'community_admin' })
const sent = (area: string) => backend.to(`/api/${area}`).map((c) => c.body as Record<string, unknown>)
const field = (testId: string, index = 0) => {
  const el = screen.getAllByTestId(testId)[index]
  return (el.querySelector('input, textarea') ?? el) as HTMLInputElement
}
const type = (testId: string, value: string, index = 0) => fireEvent.input(field(testId, index), { target: { value } })
const tag = (label: string, index = 0) => within(screen.getAllByTestId('resident-tags')[index]).getAllByTestId('choice-tag').find((t) => t.getAttribute('data-value') === label)!

const PLACES = { places: [{ id: 'grid-1', name: '北门第一网格', kind: 'grid', parentName: null }, { id: 'b1', name: '北门花园1栋', kind: 'building', parentName: '北门第一网格' }, { id: 'b2', name: '北门花园2栋', kind: 'building', parentName: '北门第一网格' }] }
const detail = (over: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  id: 'hh-1', buildingId: 'b1', buildingName: '北门花园1栋', door: '1单元101', residentCount: 1, headline: '王**', tags: ['elderly_alone'], tagLabels: ['独居老人'], lastVisitAt: null, visitDueAt: null, overdue: false,
  communityId: 'org-beimen', canEdit: true, canVisit: true, visits: [],
  residents: [{ id: 'r1', name: '王秀英', tags: ['elderly_alone'], tagLabels: ['独居老人'], phone: '13800001001', birthYear: 1946, note: '女儿每周来' }],
  ...over,
})

describe('新增住户', () => {
  test('the phone refuses what the function would (door, a phone in the note); a good household is created and its page opened', async () => {
    backend = stubFetch({
      '/api/users': usersBackend(GRID),
      '/api/households': (req) => {
        const body = req.body as { action: string; door?: string }
        if (body.action === 'places') return ok(PLACES)
        if (body.action === 'create') return ok(detail({ id: 'hh-new', door: body.door }))
        return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
      },
    })
    openWith({ placeId: 'b2' })
    render(<HouseholdEditPage />)
    const form = await screen.findByTestId('household-form')
    expect(form.getAttribute('data-mode')).toBe('new')
    // The building the list was on is chosen already.
    await waitFor(() => expect(screen.getByTestId('household-form-building').textContent).toContain('北门花园2栋'))

    type('household-form-door', '1单元 102')
    type('resident-name', '赵大爷')
    fireEvent.click(screen.getByTestId('household-form-save'))
    expect(screen.getByTestId('household-form-error').textContent).toBe('门牌号格式不正确，例如：1单元102')

    type('household-form-door', '1单元102')
    type('resident-note', '儿子电话13800001234')
    fireEvent.click(screen.getByTestId('household-form-save'))
    expect(screen.getByTestId('household-form-error').textContent).toBe('备注里不要写电话号码，请填在电话一栏')
    expect(sent('households').filter((b) => b.action === 'create')).toHaveLength(0)

    type('resident-note', '')
    type('resident-phone', '13800001234')
    type('resident-birthYear', '1940')
    fireEvent.click(tag('独居老人'))
    fireEvent.click(screen.getByTestId('resident-add'))
    type('resident-name', '赵小芳', 1)
    fireEvent.click(tag('留守儿童', 1))
    fireEvent.click(screen.getByTestId('household-form-save'))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/grid/pages/household/index?id=hh-new' }))
    expect(sent('households').find((b) => b.action === 'create')).toEqual({
      action: 'create',
      buildingId: 'b2',
      door: '1单元102',
      residents: [
        { name: '赵大爷', tags: ['elderly_alone'], phone: '13800001234', birthYear: 1940, note: '' },
        { name: '赵小芳', tags: ['left_behind_child'], phone: null, birthYear: null, note: '' },
      ],
    })
  })

  test('a door already taken: the function’s refusal in Chinese, the form kept', async () => {
    backend = stubFetch({
      '/api/users': usersBackend(GRID),
      '/api/households': (req) => ((req.body as { action: string }).action === 'places' ? ok(PLACES) : refuse('HOUSEHOLD.DUPLICATE_DOOR', '这栋楼已经有这个门牌号的住户了')),
    })
    openWith({ placeId: 'b1' })
    render(<HouseholdEditPage />)
    await screen.findByTestId('household-form')
    type('household-form-door', '1单元101')
    type('resident-name', '王秀英')
    fireEvent.click(screen.getByTestId('household-form-save'))
    const error = await screen.findByTestId('household-form-error')
    expect(error.getAttribute('data-code')).toBe('HOUSEHOLD.DUPLICATE_DOOR')
    expect(error.textContent).toBe('这栋楼已经有这个门牌号的住户了')
    expect(field('resident-name').value).toBe('王秀英')
    expect(redirectTo).not.toHaveBeenCalled()
  })
})

test('编辑: the household page offers it to those who may; the form keeps the door and each resident’s id, birth year and note', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/households': (req) => {
      const body = req.body as { action: string; residents?: unknown }
      if (body.action === 'get') return ok(detail())
      if (body.action === 'update') return ok(detail())
      return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
    },
  })
  openWith({ id: 'hh-1' })
  const page = render(<HouseholdPage />)
  fireEvent.click(await screen.findByTestId('household-edit'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grid/pages/household-edit/index?id=hh-1' })
  fireEvent.click(screen.getByTestId('household-rules'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grid/pages/visit-rules/index?communityId=org-beimen' })
  page.unmount()

  render(<HouseholdEditPage />)
  const form = await screen.findByTestId('household-form')
  expect(form.getAttribute('data-mode')).toBe('edit')
  expect(screen.getByTestId('household-form-door').textContent).toContain('北门花园1栋 1单元101')
  expect(field('resident-name').value).toBe('王秀英')
  expect(tag('独居老人').getAttribute('data-selected')).toBe('true')
  fireEvent.click(tag('残疾'))
  type('resident-phone', '13800009999')
  fireEvent.click(screen.getByTestId('household-form-save'))
  await waitFor(() => expect(sent('households').filter((b) => b.action === 'update')).toHaveLength(1))
  expect(sent('households').find((b) => b.action === 'update')).toEqual({
    action: 'update',
    id: 'hh-1',
    residents: [{ id: 'r1', name: '王秀英', tags: ['elderly_alone', 'disabled'], phone: '13800009999', birthYear: 1946, note: '女儿每周来' }],
  })
})

test('the household page without canEdit offers no 编辑', async () => {
  backend = stubFetch({ '/api/users': usersBackend(GRID), '/api/households': () => ok(detail({ canEdit: false })) })
  openWith({ id: 'hh-1' })
  render(<HouseholdPage />)
  await screen.findByTestId('household-resident')
  expect(screen.queryByTestId('household-edit')).toBeNull()
})

describe('走访周期', () => {
  test('the community admin reads days per tag, changes them, an empty one is no rule; a bad number is refused on the phone', async () => {
    let rules: Record<string, number> = { elderly_alone: 30, left_behind_child: 30, disabled: 60, subsistence: 90 }
    backend = stubFetch({
      '/api/users': usersBackend(ADMIN),
      '/api/households': (req) => {
        const body = req.body as { action: string; rules?: Record<string, number> }
        if (body.action === 'getVisitRules') return ok({ rules, canEdit: true })
        if (body.action === 'setVisitRules') return ok({ rules: (rules = body.rules!), canEdit: true })
        return refuse('REQUEST.UNKNOWN_ACTION', '没有这个操作', 400)
      },
    })
    openWith({})
    render(<VisitRulesPage />)
    await screen.findByTestId('visit-rules-save')
    expect(sent('households')[0]).toEqual({ action: 'getVisitRules', communityId: 'scope-community_admin' })
    const days = (t: string) => screen.getAllByTestId('visit-rule').find((r) => r.getAttribute('data-tag') === t)!
    const input = (t: string) => {
      const el = within(days(t)).getByTestId('visit-rule-days')
      return (el.querySelector('input') ?? el) as HTMLInputElement
    }
    expect(input('elderly_alone').value).toBe('30')
    const setDays = (t: string, v: string) => fireEvent.input(input(t), { target: { value: v } })

    setDays('elderly_alone', '400')
    fireEvent.click(screen.getByTestId('visit-rules-save'))
    expect(screen.getByTestId('visit-rules-error').textContent).toContain('独居老人：请填写1到365之间的整数天数')
    expect(sent('households').filter((b) => b.action === 'setVisitRules')).toHaveLength(0)

    setDays('elderly_alone', '14')
    setDays('subsistence', '')
    fireEvent.click(screen.getByTestId('visit-rules-save'))
    await waitFor(() => expect(sent('households').filter((b) => b.action === 'setVisitRules')).toHaveLength(1))
    expect(sent('households').find((b) => b.action === 'setVisitRules')).toEqual({ action: 'setVisitRules', communityId: 'scope-community_admin', rules: { elderly_alone: 14, left_behind_child: 30, disabled: 60 } })
  })

  test('a grid worker reads them and cannot change them', async () => {
    backend = stubFetch({ '/api/users': usersBackend(GRID), '/api/households': () => ok({ rules: { elderly_alone: 30 }, canEdit: false }) })
    openWith({ communityId: 'org-beimen' })
    render(<VisitRulesPage />)
    const form = await screen.findByTestId('visit-rules')
    expect(form.getAttribute('data-can-edit')).toBe('false')
    expect(screen.queryByTestId('visit-rules-save')).toBeNull()
    expect(screen.getAllByTestId('visit-rule-days').map((d) => d.textContent)).toEqual(['每30天', '不定期', '不定期', '不定期', '不定期'])
  })
})

describe('新增微实事', () => {
  const list = (canCreate: boolean) =>
    ok({ owner: { kind: 'community', id: 'org-beimen', name: '北门社区' }, communityId: 'org-beimen', year: 2026, items: [], totals: { planned: 0, inProgress: 0, done: 0 }, canCreate })

  test('the projects page offers it only to those who keep the list', async () => {
    backend = stubFetch({ '/api/users': usersBackend(ADMIN), '/api/proposals': () => list(true) })
    openWith({ year: '2026', ownerId: 'org-beimen' })
    const page = render(<ProjectsPage />)
    fireEvent.click(await screen.findByTestId('projects-new'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grid/pages/project-new/index?ownerKind=community&ownerId=org-beimen&communityId=org-beimen&year=2026' })
    page.unmount()
    backend.restore()
    backend = stubFetch({ '/api/users': usersBackend(ADMIN), '/api/proposals': () => list(false) })
    whoAmIStore.reset()
    render(<ProjectsPage />)
    await screen.findByTestId('projects-empty')
    expect(screen.queryByTestId('projects-new')).toBeNull()
  })

  test('the form checks the words and numbers, then sends the project for the owner and year it was opened with; back to the list', async () => {
    // Opened from the projects page: one page below this one.
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
    const navigateBack = jest.spyOn(Taro, 'navigateBack').mockImplementation(async () => ({ errMsg: 'navigateBack:ok' }))
    backend = stubFetch({
      '/api/users': usersBackend(ADMIN),
      '/api/proposals': (req) => ok({ id: 'j-new', ...(req.body as object) }),
    })
    openWith({ ownerKind: 'community', ownerId: 'org-beimen', communityId: 'org-beimen', year: '2026' })
    render(<ProjectNewPage />)
    await screen.findByTestId('project-form')
    type('project-title', '灯')
    fireEvent.click(screen.getByTestId('project-save'))
    expect(screen.getByTestId('project-error').textContent).toBe('项目名称至少2个字')
    type('project-title', '北门花园加装路灯')
    type('project-plannedCost', '1.5万')
    fireEvent.click(screen.getByTestId('project-save'))
    expect(screen.getByTestId('project-error').getAttribute('data-field')).toBe('plannedCost')
    expect(sent('proposals')).toHaveLength(0)
    type('project-plannedCost', '15000')
    type('project-beneficiaries', '300')
    fireEvent.input(screen.getByTestId('project-description'), { target: { value: '小区东侧步道加装6盏路灯' } })
    fireEvent.click(screen.getByTestId('project-save'))
    await waitFor(() => expect(sent('proposals')).toHaveLength(1))
    expect(sent('proposals')[0]).toEqual({
      action: 'createProject',
      owner: { kind: 'community', id: 'org-beimen' },
      communityId: 'org-beimen',
      year: 2026,
      title: '北门花园加装路灯',
      description: '小区东侧步道加装6盏路灯',
      plannedCost: 15000,
      beneficiaries: 300,
    })
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
    expect(redirectTo).not.toHaveBeenCalled()
  })
})
