import { act, renderHook, waitFor } from '@testing-library/react'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { useWhoAmI } from './useWhoAmI'
import { whoAmIStore } from './whoAmIStore'

let backend: ReturnType<typeof stubFetch>

beforeEach(() => whoAmIStore.reset())
afterEach(() => backend?.restore())

test('starts loading, then holds the person', async () => {
  const me = who({ displayName: '王建国' })
  backend = stubFetch({ '/api/users': usersBackend(me) })

  const { result } = renderHook(() => useWhoAmI())
  expect(result.current.loading).toBe(true)
  expect(result.current.data).toBeNull()

  await waitFor(() => expect(result.current.loading).toBe(false))
  expect(result.current.data?.displayName).toBe('王建国')
  expect(result.current.error).toBeNull()
})

test('a failure shows as error; reload tries again and recovers', async () => {
  let down = true
  const ok = usersBackend(who())
  backend = stubFetch({ '/api/users': (req) => (down ? { networkError: true } : ok(req)) })

  const { result } = renderHook(() => useWhoAmI())
  await waitFor(() => expect(result.current.error).not.toBeNull())
  expect(result.current.error?.code).toBe('NETWORK.UNAVAILABLE')
  expect(result.current.error?.message).toBe('网络不给力，请检查网络后重试')
  expect(result.current.data).toBeNull()

  down = false
  await act(() => result.current.reload())
  expect(result.current.error).toBeNull()
  expect(result.current.data?.displayName).toBe('李红梅')
})

test('every user of the hook shares one load and sees a role switch', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(who({ roles: [role('resident'), role('member', '北门社区')], activeRole: 'resident' })),
  })

  const home = renderHook(() => useWhoAmI())
  const mine = renderHook(() => useWhoAmI())
  await waitFor(() => expect(home.result.current.data).not.toBeNull())
  expect(backend.to('/api/users')).toHaveLength(1)

  await act(async () => {
    await mine.result.current.switchRole('member')
  })
  expect(home.result.current.data?.activeRole).toBe('member')
  expect(backend.calls.map((c) => (c.body as { action: string }).action)).toEqual(['whoami', 'switchRole'])
})

test('a refused switch rejects with the reason and leaves the person as they were', async () => {
  backend = stubFetch({ '/api/users': usersBackend(who()) })
  const { result } = renderHook(() => useWhoAmI())
  await waitFor(() => expect(result.current.data).not.toBeNull())

  await act(async () => {
    await expect(result.current.switchRole('county_admin')).rejects.toMatchObject({ code: 'USER.ROLE_NOT_HELD' })
  })
  expect(result.current.data?.activeRole).toBe('resident')
  expect(result.current.error).toBeNull()
})
