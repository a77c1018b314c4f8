import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { usersBackend, who } from '@/test-support/fixtures'
import { orgAdminBackend } from '@/test-support/orgAdmin'
import RolesPage from './index'

let backend: ReturnType<typeof stubFetch>
beforeEach(() => {
  whoAmIStore.reset()
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
})

const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }

test('the community admin goes down to a grid, grants 网格员 to a person found by name, then revokes it', async () => {
  const org = orgAdminBackend()
  backend = stubFetch({ '/api/users': usersBackend(who({ roles: [communityAdmin], activeRole: 'community_admin' })), '/api/org': org.handler })
  render(<RolesPage />)
  expect((await screen.findByTestId('org-current')).textContent).toBe('北门社区')
  // At the community: the holders below it, no role to grant on the community itself.
  expect((await screen.findByTestId('role-holder')).textContent).toContain('张敏')
  expect(screen.queryByTestId('grant-form')).toBeNull()

  fireEvent.click(screen.getAllByTestId('org-node-open')[0])
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('北门花园小区'))
  fireEvent.click(screen.getAllByTestId('org-node-open')[0])
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('北门第一网格'))
  const form = await screen.findByTestId('grant-form')
  expect(within(form).getAllByTestId('grant-kind').map((k) => k.textContent)).toEqual(['网格员'])

  const input = screen.getByTestId('grant-search-input').querySelector('input') ?? screen.getByTestId('grant-search-input')
  fireEvent.input(input, { target: { value: '建国' } })
  fireEvent.click(screen.getByTestId('grant-search-button'))
  fireEvent.click(await screen.findByTestId('grant-person'))
  fireEvent.click(screen.getByTestId('grant-submit'))
  await waitFor(() => expect(screen.getAllByTestId('role-holder').map((h) => h.getAttribute('data-user'))).toEqual(['user-demo-grid', 'user-demo-member']))

  const row = screen.getAllByTestId('role-holder')[1]
  fireEvent.click(within(row).getByTestId('role-revoke'))
  await waitFor(() => expect(screen.getAllByTestId('role-holder').map((h) => h.getAttribute('data-user'))).toEqual(['user-demo-grid']))
  expect(backend.to('/api/org').map((c) => c.body)).toEqual(
    expect.arrayContaining([
      { action: 'grantRole', userId: 'user-demo-member', kind: 'grid_worker', scopeId: 'org-beimen-grid-1' },
      { action: 'revokeRole', userId: 'user-demo-member', kind: 'grid_worker', scopeId: 'org-beimen-grid-1' },
    ]),
  )
})

test('a refusal from listRoleHolders shows its Chinese message with 重试', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [communityAdmin], activeRole: 'community_admin' })),
    '/api/org': (req) => {
      const body = req.body as { action: string }
      if (body.action === 'listRoleHolders') return { status: 403, json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行此操作' } }
      return orgAdminBackend().handler(req)
    },
  })
  render(<RolesPage />)
  const panel = await screen.findByTestId('load-error')
  expect(panel.getAttribute('data-code')).toBe('AUTH.FORBIDDEN')
  expect(panel.textContent).toContain('您没有权限进行此操作')
})

test('the county admin picks a unit and grants 单位管理员 to one of its members, found within that unit', async () => {
  const org = orgAdminBackend()
  const countyAdmin = { kind: 'county_admin' as const, label: '县级管理员', scopeId: 'org-longmen', scopeName: '龙门县' }
  backend = stubFetch({ '/api/users': usersBackend(who({ roles: [countyAdmin], activeRole: 'county_admin' })), '/api/org': org.handler })
  render(<RolesPage />)
  expect((await screen.findByTestId('org-current')).textContent).toBe('龙门县')
  const section = await screen.findByTestId('unit-admin-grant')
  expect(screen.queryByTestId('grant-form')).toBeNull()
  fireEvent.click(within(section).getByTestId('unit-admin-unit'))
  fireEvent.click(within(screen.getByTestId('unit-admin-unit-sheet')).getByText('县水利局'))
  const form = await screen.findByTestId('grant-form')
  expect(form.textContent).toContain('在「县水利局」授予身份')
  const input = within(form).getByTestId('grant-search-input').querySelector('input') ?? within(form).getByTestId('grant-search-input')
  fireEvent.input(input, { target: { value: '建国' } })
  fireEvent.click(within(form).getByTestId('grant-search-button'))
  fireEvent.click(await screen.findByTestId('grant-person'))
  fireEvent.click(screen.getByTestId('grant-submit'))
  await waitFor(() => expect(screen.getAllByTestId('role-holder').map((h) => [h.getAttribute('data-user'), h.getAttribute('data-kind')])).toContainEqual(['user-demo-member', 'unit_admin']))
  expect(backend.to('/api/org').map((c) => c.body)).toEqual(
    expect.arrayContaining([
      { action: 'findPeople', scopeId: 'unit-water-bureau', q: '建国', scope: 'unit' },
      { action: 'grantRole', userId: 'user-demo-member', kind: 'unit_admin', scopeId: 'unit-water-bureau' },
    ]),
  )
})
