import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { MemberRow } from '@domain/api'
import { searchMembers } from '@/services/members'
import { stubFetch, type RecordedRequest } from '@/test-support/fetchStub'
import { BuildingGroups, MemberItem, MemberSearch, PairedUnitList } from './Members'

let backend: ReturnType<typeof stubFetch>
afterEach(() => {
  backend?.restore()
  document.body.innerHTML = ''
})

const row = (id: string, name: string, extra: Partial<MemberRow> = {}): MemberRow => ({
  id,
  name,
  phone: '138****1002',
  state: 'registered',
  stateLabel: '已报到',
  reported: true,
  unitName: '县水利局',
  communityName: '北门社区',
  compoundId: 'org-beimen-garden',
  compoundName: '北门花园小区',
  buildingId: 'org-beimen-b2',
  buildingName: '北门花园2栋',
  skills: [],
  createdAt: '2026-10-08T01:00:00.000Z',
  ...extra,
})

test('members are grouped by building, each heading with its count; no building last', () => {
  const items = [row('a', '李建国'), row('b', '吴芳'), row('c', '马晓东', { buildingId: null, buildingName: null, compoundId: null, compoundName: null })]
  render(
    <BuildingGroups
      items={items}
      buildings={[
        { compoundId: 'org-beimen-garden', compoundName: '北门花园小区', buildingId: 'org-beimen-b2', buildingName: '北门花园2栋', count: 2 },
        { compoundId: null, compoundName: null, buildingId: null, buildingName: null, count: 1 },
      ]}
    />,
  )
  const groups = screen.getAllByTestId('members-group')
  expect(groups.map((g) => within(g).getByTestId('members-group-title').textContent)).toEqual(['北门花园2栋（2人）', '未填写楼栋（1人）'])
  expect(within(groups[0]).getAllByTestId('member-item').map((i) => i.textContent)).toEqual([
    expect.stringContaining('李建国'),
    expect.stringContaining('吴芳'),
  ])
})

test('an empty community says so', () => {
  render(<BuildingGroups items={[]} buildings={[]} />)
  expect(screen.getByTestId('members-empty').textContent).toBe('还没有已报到的党员')
})

test('badges: 已报到, 未报到, 已退回; a unit admin sees the community reported to', () => {
  render(
    <>
      <MemberItem row={row('a', '李建国')} show='unit' />
      <MemberItem row={row('b', '黄志明', { state: 'pending_unit', reported: false })} show='unit' />
      <MemberItem row={row('c', '马晓东', { state: 'rejected', reported: false })} show='unit' />
    </>,
  )
  expect(screen.getAllByTestId('member-badge').map((b) => b.textContent)).toEqual(['已报到', '未报到', '已退回'])
  expect(screen.getAllByTestId('member-item')[0].textContent).toContain('报到社区：北门社区')
})

test('paired units with their registered counts', () => {
  render(<PairedUnitList units={[{ id: 'unit-water-bureau', name: '县水利局', kind: '机关', registered: 1 }]} />)
  expect(screen.getByTestId('paired-unit').textContent).toContain('县水利局')
  expect(screen.getByTestId('paired-unit-count').textContent).toBe('已报到 1 人')
})

test('search calls members.search with the query and shows the matches', async () => {
  backend = stubFetch({
    '/api/members': (req: RecordedRequest) => {
      const body = req.body as { action: string; q: string }
      return { json: { code: 0, data: { items: body.q === '建国' ? [row('reg-demo-member', '李建国', { phone: '13800001002' })] : [] } } }
    },
  })
  render(<MemberSearch show='community' onSearch={(q) => searchMembers('community', 'org-beimen', q)} />)
  fireEvent.input(screen.getByTestId('member-search-input'), { target: { value: ' 建国 ' } })
  fireEvent.click(screen.getByTestId('member-search-button'))
  await waitFor(() => expect(screen.getByTestId('member-search-results').textContent).toContain('李建国'))
  expect(screen.getByTestId('member-phone').textContent).toBe('13800001002')
  expect(backend.calls[0].body).toEqual({ action: 'search', scope: 'community', scopeId: 'org-beimen', q: '建国' })

  fireEvent.input(screen.getByTestId('member-search-input'), { target: { value: '.*' } })
  fireEvent.click(screen.getByTestId('member-search-button'))
  await waitFor(() => expect(screen.getByTestId('member-search-none').textContent).toBe('没有找到「.*」'))
})

test('an empty query is refused before any call; a refusal from the server is shown', async () => {
  backend = stubFetch({ '/api/members': () => ({ json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' } }) })
  render(<MemberSearch show='unit' onSearch={(q) => searchMembers('unit', 'unit-water-co', q)} />)
  fireEvent.click(screen.getByTestId('member-search-button'))
  expect(screen.getByTestId('member-search-error').textContent).toBe('请输入姓名或手机号')
  expect(backend.calls).toHaveLength(0)
  fireEvent.input(screen.getByTestId('member-search-input'), { target: { value: '郑' } })
  fireEvent.click(screen.getByTestId('member-search-button'))
  await waitFor(() => expect(screen.getByTestId('member-search-error').textContent).toBe('您没有权限进行这个操作'))
})
