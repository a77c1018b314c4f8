import { render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import MembersPage from './index'

let backend: ReturnType<typeof stubFetch>
beforeEach(() => {
  whoAmIStore.reset()
  ;(Current as { router: unknown }).router = { params: {}, path: '/packages/registration/pages/members/index' }
})
afterEach(() => {
  backend?.restore()
  ;(Current as { router: unknown }).router = null
})

const BRANCH = who({ id: 'u-sun', displayName: '孙丽', roles: [role('resident'), { ...role('branch_admin', '北门花园小区'), scopeId: 'org-beimen-garden' }], activeRole: 'branch_admin' })

test('支部党员: the branch admin sees the registered members of the compound by building, phones as the function masks them', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(BRANCH),
    '/api/members': () => ({
      json: {
        code: 0,
        data: {
          community: { id: 'org-beimen', name: '北门社区' },
          compound: { id: 'org-beimen-garden', name: '北门花园小区' },
          total: 1,
          buildings: [{ compoundId: 'org-beimen-garden', compoundName: '北门花园小区', buildingId: 'org-beimen-b2', buildingName: '北门花园2栋', count: 1 }],
          items: [
            { id: 'reg-demo-member', userId: 'u-li', name: '李建国', phone: '138****1002', state: 'registered', stateLabel: '已报到', reported: true, unitName: '县水利局', communityName: '北门社区', compoundId: 'org-beimen-garden', compoundName: '北门花园小区', buildingId: 'org-beimen-b2', buildingName: '北门花园2栋', skills: [], createdAt: '2026-11-01T00:00:00.000Z' },
          ],
        },
      },
    }),
  })
  render(<MembersPage />)
  expect((await screen.findByTestId('members-title')).textContent).toBe('支部党员')
  expect(screen.getByTestId('page-members').getAttribute('data-scope')).toBe('compound')
  await waitFor(() => expect(screen.getByTestId('members-counts').textContent).toBe('在本小区居住、已报到 1 人'))
  expect(screen.getByTestId('member-item').textContent).toContain('李建国')
  expect(screen.getByTestId('member-phone').textContent).toBe('138****1002')
  expect(backend.to('/api/members').map((c) => c.body)).toEqual([{ action: 'compoundMembers', compoundId: 'org-beimen-garden' }])
})

test('a member (no admin role) is told who may see the list; nothing is asked', async () => {
  backend = stubFetch({ '/api/users': usersBackend(who({ roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })) })
  render(<MembersPage />)
  expect((await screen.findByTestId('members-no-scope')).textContent).toContain('小区党支部')
  expect(backend.to('/api/members')).toHaveLength(0)
})
