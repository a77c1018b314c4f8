import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RoleKind } from '@domain/roles'
import { role, who } from '@/test-support/fixtures'
import { RoleHome } from './RoleHome'
import { ROLE_TILES, type Tile } from './tiles'

const tileTitles = () => screen.getAllByTestId('home-tile').map((t) => within(t).getAllByText(/./)[0].textContent)

let switchTab: jest.SpyInstance
let navigateTo: jest.SpyInstance
beforeEach(() => {
  switchTab = jest.spyOn(Taro, 'switchTab').mockImplementation(async () => ({ errMsg: 'switchTab:ok' }))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  jest.restoreAllMocks()
  document.body.innerHTML = ''
})

test.each<[RoleKind, string[]]>([
  ['resident', ['我要点单', '我的心愿', '社区活动', '党员报到', '随手拍', '微提案']],
  ['member', ['我的报到', '认领心愿', '领单服务', '社区活动', '服务时长']],
  ['grid_worker', ['录入心愿', '走访记录', '网格居民', '步巡问题']],
  ['community_admin', ['待审核报到', '社区党员', '待审心愿', '心愿设置', '待接订单', '社区活动', '步巡问题', '微提案', '微实事', '网格居民', '走访周期', '导入住户', '服务清单', '报到邀请码', '组织架构', '角色授权', '本社区统计']],
  ['unit_admin', ['本单位党员', '报到情况', '报到邀请码', '共建活动', '微实事', '本单位统计']],
  ['county_admin', ['全县统计', '组织架构', '角色授权', '批量导入', '年度要求', '主题月活动', '各社区待审心愿', '进度通报', '数据导出']],
])('%s sees their own task tiles', (kind, titles) => {
  render(<RoleHome who={who({ roles: [role('resident'), role(kind, '北门社区')], activeRole: kind })} />)
  expect(tileTitles()).toEqual(titles)
})

test('every other role gets tiles too', () => {
  for (const kind of ['caring_citizen', 'building_head', 'branch_admin', 'street_admin'] as const) {
    const { unmount } = render(<RoleHome who={who({ roles: [role(kind, '龙城街道')], activeRole: kind })} />)
    expect(screen.getAllByTestId('home-tile').length).toBeGreaterThanOrEqual(3)
    unmount()
  }
})

test('greets by name and shows the active role with its scope', () => {
  render(
    <RoleHome
      who={who({ displayName: '陈志强', roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })}
    />,
  )
  expect(screen.getByTestId('home-greeting').textContent).toBe('您好，陈志强')
  expect(screen.getByTestId('home-role').textContent).toBe('当前身份：在职党员（北门社区）')
  expect(screen.getByTestId('home-switch-hint').textContent).toContain('您还有 1 个身份')
})

test('one role only: no hint to switch', () => {
  render(<RoleHome who={who()} />)
  expect(screen.getByTestId('home-role').textContent).toBe('当前身份：居民')
  expect(screen.queryByTestId('home-switch-hint')).toBeNull()
})

test('a tile whose feature lives in a tab opens that tab', () => {
  render(<RoleHome who={who({ roles: [role('member', '北门社区')], activeRole: 'member' })} />)
  fireEvent.click(screen.getByText('认领心愿'))
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/wishes/index' })
  fireEvent.click(screen.getByText('领单服务'))
  expect(switchTab).toHaveBeenLastCalledWith({ url: '/pages/services/index' })
})

test('activity tiles open the activities pages: the list, 服务时长, the theme menu', () => {
  const { unmount } = render(<RoleHome who={who({ roles: [role('member', '北门社区')], activeRole: 'member' })} />)
  fireEvent.click(screen.getByText('社区活动'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/activities/pages/list/index' })
  fireEvent.click(screen.getByText('服务时长'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/activities/pages/myhours/index' })
  unmount()
  render(<RoleHome who={who({ roles: [role('county_admin', '龙门县')], activeRole: 'county_admin' })} />)
  fireEvent.click(screen.getByText('主题月活动'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/activities/pages/themes/index' })
})

test('registration tiles open the registration pages', () => {
  const { unmount } = render(<RoleHome who={who()} />)
  fireEvent.click(screen.getByText('党员报到'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/register/index' })
  unmount()

  render(<RoleHome who={who({ roles: [role('member', '北门社区')], activeRole: 'member' })} />)
  fireEvent.click(screen.getByText('我的报到'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/card/index' })
  expect(switchTab).not.toHaveBeenCalled()
})

test('an admin\'s review tile opens the list of the unit or community they administer', () => {
  const unitAdmin = { kind: 'unit_admin' as const, label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' }
  const { unmount } = render(<RoleHome who={who({ roles: [role('resident'), unitAdmin], activeRole: 'unit_admin' })} />)
  fireEvent.click(screen.getByText('报到情况'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/pending/index?scope=unit&scopeId=unit-water-bureau' })
  fireEvent.click(screen.getByText('本单位党员'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/members/index?scope=unit&scopeId=unit-water-bureau' })
  unmount()

  const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }
  render(<RoleHome who={who({ roles: [communityAdmin], activeRole: 'community_admin' })} />)
  fireEvent.click(screen.getByText('待审核报到'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/pending/index?scope=community&scopeId=org-beimen' })
  fireEvent.click(screen.getByText('社区党员'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/members/index?scope=community&scopeId=org-beimen' })
})

test('支部党员 opens the members page, which shows the branch its compound (no longer coming soon)', () => {
  const showToast = jest.spyOn(Taro, 'showToast')
  const branch = { kind: 'branch_admin' as const, label: '支部管理员', scopeId: 'org-beimen-garden', scopeName: '北门花园小区' }
  render(<RoleHome who={who({ roles: [role('resident'), branch], activeRole: 'branch_admin' })} />)
  fireEvent.click(screen.getByText('支部党员'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/members/index' })
  expect(showToast).not.toHaveBeenCalled()
})

test('报到邀请码 opens the invitation code of the community or unit the admin looks after', () => {
  const unitAdmin = { kind: 'unit_admin' as const, label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' }
  const { unmount } = render(<RoleHome who={who({ roles: [role('resident'), unitAdmin], activeRole: 'unit_admin' })} />)
  fireEvent.click(screen.getByText('报到邀请码'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/invite/index?scope=unit&scopeId=unit-water-bureau' })
  unmount()

  const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }
  render(<RoleHome who={who({ roles: [communityAdmin], activeRole: 'community_admin' })} />)
  fireEvent.click(screen.getByText('报到邀请码'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/registration/pages/invite/index?scope=community&scopeId=org-beimen' })
  expect(switchTab).not.toHaveBeenCalled()
})

test('the statistics tiles open the stats pages: the county or street dashboard, its 进度通报, the community and unit their own', () => {
  const showToast = jest.spyOn(Taro, 'showToast')
  for (const [kind, scope] of [['county_admin', '龙门县'], ['street_admin', '龙城街道']] as const) {
    const { unmount } = render(<RoleHome who={who({ roles: [role(kind, scope)], activeRole: kind })} />)
    fireEvent.click(screen.getByText(kind === 'county_admin' ? '全县统计' : '全街道统计'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index' })
    fireEvent.click(screen.getByText('进度通报'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/reports/index' })
    // 数据导出 is the dashboard's 导出 Excel.
    fireEvent.click(screen.getByText('数据导出'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index' })
    expect(screen.getByText('导出统计表格')).toBeTruthy()
    unmount()
  }
  const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }
  const unitAdmin = { kind: 'unit_admin' as const, label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' }
  // Both roles held: each tile opens the scope of its own role, whichever is active.
  const { unmount } = render(<RoleHome who={who({ roles: [communityAdmin, unitAdmin], activeRole: 'community_admin' })} />)
  fireEvent.click(screen.getByText('本社区统计'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index?scope=community&scopeId=org-beimen' })
  unmount()
  render(<RoleHome who={who({ roles: [communityAdmin, unitAdmin], activeRole: 'unit_admin' })} />)
  fireEvent.click(screen.getByText('本单位统计'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/stats/index?scope=unit&scopeId=unit-water-bureau' })
  expect(showToast).not.toHaveBeenCalled()
})

test('no tile says "coming soon" any more: every feature behind a tile is built', () => {
  const soon = Object.entries(ROLE_TILES).flatMap(([kind, tiles]) => tiles.filter((t) => t.action.kind === 'soon').map((t) => `${kind}: ${t.title}`))
  expect(soon).toEqual([])
})

test('a tile for a feature not built yet says so instead of pretending', async () => {
  // None is left (above): one is put in for this test only, to keep the honest answer working.
  const tiles = ROLE_TILES as Record<string, readonly Tile[]>
  const before = tiles.caring_citizen
  tiles.caring_citizen = [{ id: 'later', title: '以后的功能', hint: '还没有做好', action: { kind: 'soon' } }]
  try {
    const showToast = jest.spyOn(Taro, 'showToast')
    render(<RoleHome who={who({ roles: [role('caring_citizen')], activeRole: 'caring_citizen' })} />)
    fireEvent.click(screen.getByText('以后的功能'))
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该功能即将上线' }))
    expect(await screen.findByText('该功能即将上线')).toBeTruthy()
    expect(switchTab).not.toHaveBeenCalled()
    expect(navigateTo).not.toHaveBeenCalled()
    // No made-up figures anywhere on the page.
    expect(document.body.textContent).not.toMatch(/\d+\s*(人|件|小时|%)/)
  } finally {
    tiles.caring_citizen = before
  }
})
