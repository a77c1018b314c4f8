import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RoleKind } from '@domain/roles'
import { findPeople, grantRole, revokeRole } from '@/services/org'
import { stubFetch } from '@/test-support/fetchStub'
import { orgAdminBackend } from '@/test-support/orgAdmin'
import { GrantForm, HolderList } from './RoleGrant'

let backend: ReturnType<typeof stubFetch>
let showToast: jest.SpyInstance
let showModal: jest.SpyInstance
beforeEach(() => {
  backend = stubFetch({ '/api/org': orgAdminBackend().handler })
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  showModal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
})
afterEach(() => {
  backend.restore()
  jest.restoreAllMocks()
  document.body.innerHTML = ''
})

const sent = () => backend.to('/api/org').map((c) => c.body)
const holder = { userId: 'user-demo-grid', name: '张敏', phone: '13800001003', kind: 'grid_worker' as const, label: '网格员', scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格', scopeKind: 'grid' as const }

test('holders show role, place and phone; 撤销 asks first and then revokes that role on that node', async () => {
  render(<HolderList holders={[holder]} onRevoke={(h) => revokeRole({ userId: h.userId, kind: h.kind, scopeId: h.scopeId })} />)
  const row = screen.getByTestId('role-holder')
  expect(row.textContent).toContain('张敏')
  expect(row.textContent).toContain('网格员')
  expect(row.textContent).toContain('北门第一网格')
  expect(screen.getByTestId('role-holder-phone').textContent).toBe('13800001003')

  showModal.mockImplementationOnce(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }))
  fireEvent.click(screen.getByTestId('role-revoke'))
  await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销身份', content: '确定撤销张敏在「北门第一网格」的网格员身份吗？' })))
  expect(sent()).toEqual([])

  fireEvent.click(screen.getByTestId('role-revoke'))
  await waitFor(() => expect(sent()).toEqual([{ action: 'revokeRole', userId: 'user-demo-grid', kind: 'grid_worker', scopeId: 'org-beimen-grid-1' }]))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已撤销张敏的网格员身份' })))
})

test('no holders: says so', () => {
  render(<HolderList holders={[]} onRevoke={async () => undefined} />)
  expect(screen.getByTestId('role-holders-empty').textContent).toBe('这里还没有可由您管理的身份')
})

test('grant: find by a name fragment, pick the person, 授予 sends grantRole for the chosen role', async () => {
  const onGrant = jest.fn((userId: string, kind: RoleKind) => grantRole({ userId, kind, scopeId: 'org-beimen-grid-1' }))
  render(<GrantForm nodeName='北门第一网格' kinds={['grid_worker']} onSearch={(q) => findPeople('org-beimen-grid-1', q)} onGrant={onGrant} />)
  fireEvent.click(screen.getByTestId('grant-submit'))
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先查找并选择一个人' }))
  expect(onGrant).not.toHaveBeenCalled()

  fireEvent.click(screen.getByTestId('grant-search-button'))
  expect(screen.getByTestId('grant-search-error').textContent).toBe('请输入姓名或手机号')

  const input = screen.getByTestId('grant-search-input').querySelector('input') ?? screen.getByTestId('grant-search-input')
  fireEvent.input(input, { target: { value: '王' } })
  fireEvent.click(screen.getByTestId('grant-search-button'))
  expect((await screen.findByTestId('grant-search-none')).textContent).toContain('没有找到「王」')

  fireEvent.input(input, { target: { value: '建国' } })
  fireEvent.click(screen.getByTestId('grant-search-button'))
  const person = await screen.findByTestId('grant-person')
  expect(person.textContent).toContain('县水利局 · 北门社区')
  fireEvent.click(person)
  expect(screen.getByTestId('grant-submit').textContent).toBe('授予李建国「网格员」')
  fireEvent.click(screen.getByTestId('grant-submit'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已授予李建国网格员身份' })))
  expect(sent()).toEqual([
    { action: 'findPeople', scopeId: 'org-beimen-grid-1', q: '王' },
    { action: 'findPeople', scopeId: 'org-beimen-grid-1', q: '建国' },
    { action: 'grantRole', userId: 'user-demo-member', kind: 'grid_worker', scopeId: 'org-beimen-grid-1' },
  ])

  // Granting the same again: the API's Chinese refusal is what the admin reads.
  fireEvent.input(input, { target: { value: '建国' } })
  fireEvent.click(screen.getByTestId('grant-search-button'))
  fireEvent.click(await screen.findByTestId('grant-person'))
  fireEvent.click(screen.getByTestId('grant-submit'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这个人已经有这个身份了' })))
})

test('several roles on one node: the admin picks which', () => {
  render(<GrantForm nodeName='北门社区' kinds={['community_admin', 'member']} onSearch={async () => ({ items: [] })} onGrant={async () => undefined} />)
  const kinds = screen.getAllByTestId('grant-kind')
  expect(kinds.map((k) => [k.textContent, k.getAttribute('data-chosen')])).toEqual([
    ['社区管理员', 'true'],
    ['在职党员', 'false'],
  ])
  fireEvent.click(kinds[1])
  expect(screen.getAllByTestId('grant-kind')[1].getAttribute('data-chosen')).toBe('true')
})
