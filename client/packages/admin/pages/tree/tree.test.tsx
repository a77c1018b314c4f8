import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { orgAdminBackend, pairingBackend } from '@/test-support/orgAdmin'
import TreePage from './index'

let backend: ReturnType<typeof stubFetch>
let showToast: jest.SpyInstance
beforeEach(() => {
  whoAmIStore.reset()
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
})

const streetAdmin = { kind: 'street_admin' as const, label: '街道管理员', scopeId: 'org-longcheng', scopeName: '龙城街道' }
const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }

function serve(roles: Parameters<typeof who>[0]) {
  const pairing = pairingBackend()
  const org = orgAdminBackend(pairing.pair)
  backend = stubFetch({
    '/api/users': usersBackend(who(roles)),
    '/api/org': org.handler,
    '/api/members': pairing.members,
    '/api/registration': pairing.registration,
  })
  return { org, pairing }
}
const orgCalls = () => backend.to('/api/org').map((c) => c.body)
const fill = (testId: string, value: string) =>
  fireEvent.input(screen.getByTestId(testId).querySelector('input') ?? screen.getByTestId(testId), { target: { value } })
const names = () => screen.getAllByTestId('org-node-name').map((x) => x.textContent)

test('the street admin starts at their street, adds a community, renames it, and goes back by the breadcrumbs', async () => {
  serve({ roles: [role('resident'), streetAdmin], activeRole: 'street_admin' })
  render(<TreePage />)
  expect((await screen.findByTestId('org-current')).textContent).toBe('龙城街道')
  expect(names()).toEqual(['北门社区', '城南社区'])

  fireEvent.click(screen.getByTestId('org-add'))
  fill('org-add-form-input', '龙湖社区')
  fireEvent.click(screen.getByTestId('org-add-form-submit'))
  await waitFor(() => expect(names()).toEqual(['北门社区', '城南社区', '龙湖社区']))
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已新增社区（村）' }))

  const row = screen.getAllByTestId('org-node').find((r) => r.textContent?.includes('龙湖社区'))!
  fireEvent.click(within(row).getByTestId('org-node-rename'))
  fill('org-rename-form-input', '龙湖新区社区')
  fireEvent.click(screen.getByTestId('org-rename-form-submit'))
  await waitFor(() => expect(names()).toContain('龙湖新区社区'))
  expect(orgCalls()).toEqual(
    expect.arrayContaining([
      { action: 'createNode', parentId: 'org-longcheng', name: '龙湖社区' },
      { action: 'renameNode', id: 'org-new-7', name: '龙湖新区社区' },
    ]),
  )

  // Down into 北门社区: its compounds are the community admin's, so no 新增 here; the pairing is the street's.
  fireEvent.click(within(screen.getAllByTestId('org-node')[0]).getByTestId('org-node-open'))
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('北门社区'))
  expect(screen.queryByTestId('org-add')).toBeNull()
  expect(screen.queryByTestId('org-node-rename')).toBeNull()
  expect(screen.getAllByTestId('org-crumb').map((c) => c.textContent)).toEqual(['龙城街道', '北门社区'])
  expect((await screen.findByTestId('pairing-unit')).textContent).toContain('县水利局')
  fireEvent.click(screen.getByTestId('pairing-pick'))
  fireEvent.click(within(screen.getByTestId('pairing-pick-sheet')).getByText('县委宣传部'))
  fireEvent.click(screen.getByTestId('pairing-pair'))
  await waitFor(() => expect(screen.getAllByTestId('pairing-unit').map((u) => u.getAttribute('data-id'))).toEqual(['unit-water-bureau', 'unit-publicity']))
  expect(orgCalls()).toContainEqual({ action: 'pairUnit', unitId: 'unit-publicity', communityId: 'org-beimen' })

  fireEvent.click(screen.getAllByTestId('org-crumb')[0])
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('龙城街道'))
})

test('the community admin adds a building under a grid; a duplicate name is refused in Chinese; no pairing buttons', async () => {
  serve({ roles: [communityAdmin], activeRole: 'community_admin' })
  render(<TreePage />)
  expect((await screen.findByTestId('org-current')).textContent).toBe('北门社区')
  expect((await screen.findByTestId('pairing-unit')).textContent).toContain('县水利局')
  expect(screen.queryByTestId('pairing-pair')).toBeNull()
  expect(screen.queryByTestId('pairing-unpair')).toBeNull()

  fireEvent.click(screen.getAllByTestId('org-node-open')[0])
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('北门花园小区'))
  fireEvent.click(screen.getAllByTestId('org-node-open')[0])
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('北门第一网格'))
  expect(screen.getByTestId('org-add').textContent).toContain('新增楼栋')

  fireEvent.click(screen.getByTestId('org-add'))
  fill('org-add-form-input', '北门花园1栋')
  fireEvent.click(screen.getByTestId('org-add-form-submit'))
  expect((await screen.findByTestId('org-add-form-error')).textContent).toBe('同一上级下已有同名的组织，请换一个名称')
  fill('org-add-form-input', '北门花园3栋')
  fireEvent.click(screen.getByTestId('org-add-form-submit'))
  await waitFor(() => expect(names()).toEqual(['北门花园1栋', '北门花园3栋']))

  fireEvent.click(screen.getAllByTestId('org-node-open')[1])
  await waitFor(() => expect(screen.getByTestId('org-current').textContent).toBe('北门花园3栋'))
  expect(screen.getByTestId('org-nodes-empty').textContent).toBe('楼栋是最下一级，没有下级组织')
  expect(screen.queryByTestId('org-add')).toBeNull()
})

test('someone who administers no part of the tree is told so, and nothing is asked of org', async () => {
  serve({ roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })
  render(<TreePage />)
  expect((await screen.findByTestId('admin-no-scope')).textContent).toContain('只有县、街道或社区的管理员')
  expect(orgCalls()).toEqual([])
})
