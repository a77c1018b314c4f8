import { stubFetch } from '@/test-support/fetchStub'
import { who } from '@/test-support/fixtures'
import { ApiError } from './ApiError'
import { OPENID_STORAGE_KEY } from './localIdentity'
import { usersArea } from '@domain/api/users'
import { areaCaller } from './transport'
import { switchRole, whoami } from './users'
import { getOrder, listItems } from './orders'

const call = areaCaller(usersArea)

let backend: ReturnType<typeof stubFetch>

afterEach(() => {
  backend?.restore()
  window.localStorage.clear()
})

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected the call to fail')
}

describe('call (h5 channel)', () => {
  test('POSTs { action, ...input } to /api/<area> and answers the data of a success envelope', async () => {
    const me = who({ activeRole: 'member' })
    backend = stubFetch({ '/api/users': () => ({ json: { code: 0, data: me } }) })

    await expect(call('users', 'switchRole', { role: 'member' })).resolves.toEqual(me)

    expect(backend.calls).toHaveLength(1)
    expect(backend.calls[0]).toMatchObject({
      path: '/api/users',
      method: 'POST',
      body: { action: 'switchRole', role: 'member' },
    })
    expect(backend.calls[0].headers['content-type']).toBe('application/json')
  })

  test('sends the chosen demo identity as x-wx-openid, and no header when none is chosen', async () => {
    backend = stubFetch({ '/api/users': () => ({ json: { code: 0, data: who() } }) })

    await whoami()
    window.localStorage.setItem(OPENID_STORAGE_KEY, 'demo-member-openid')
    await whoami()

    expect(backend.calls[0].headers).not.toHaveProperty('x-wx-openid')
    expect(backend.calls[1].headers['x-wx-openid']).toBe('demo-member-openid')
    expect(backend.calls[1].body).toEqual({ action: 'whoami' })
  })

  test('a failure envelope becomes an ApiError with its code and message, whatever the HTTP status', async () => {
    backend = stubFetch({
      '/api/users': () => ({ status: 403, json: { code: 'USER.ROLE_NOT_HELD', message: '您没有这个身份，无法切换' } }),
    })

    const e = await failure(switchRole('county_admin'))
    expect(e.code).toBe('USER.ROLE_NOT_HELD')
    expect(e.message).toBe('您没有这个身份，无法切换')
  })

  test('a failure envelope without a message gets the shared Chinese message for its code', async () => {
    backend = stubFetch({ '/api/users': () => ({ json: { code: 'AUTH.UNAUTHENTICATED' } }) })

    const e = await failure(whoami())
    expect(e.code).toBe('AUTH.UNAUTHENTICATED')
    expect(e.message).toBe('无法识别您的身份，请在微信中重新打开小程序')
  })

  test('invalid input is refused before anything is sent', async () => {
    backend = stubFetch({ '/api/users': () => ({ json: { code: 0, data: who() } }) })

    // @ts-expect-error: not a role; the type system already refuses it, the schema must too.
    const e = await failure(call('users', 'switchRole', { role: 'emperor' }))
    expect(e.code).toBe('REQUEST.INVALID')
    expect(e.message).toMatch(/^请求格式不正确/)
    expect(e.message).toContain('未知的身份')

    // strictObject: unknown keys are refused too.
    const extra = await failure(call('users', 'whoami', { openid: 'forged' } as unknown as Record<string, never>))
    expect(extra.code).toBe('REQUEST.INVALID')

    expect(backend.calls).toHaveLength(0)
  })

  test('an unknown action is refused without a request', async () => {
    backend = stubFetch({})
    const e = await failure(call('users', 'nope' as 'whoami', {}))
    expect(e.code).toBe('REQUEST.UNKNOWN_ACTION')
    // Inherited from Object.prototype, not an action of the area.
    const inherited = await failure(call('users', 'toString' as 'whoami', {}))
    expect(inherited.code).toBe('REQUEST.UNKNOWN_ACTION')
    expect(backend.calls).toHaveLength(0)
  })

  test("a caller bound to one area refuses another area's name instead of sending there", async () => {
    backend = stubFetch({ '/api/users': () => ({ json: { code: 0, data: who() } }), '/api/orders': () => ({ json: { code: 0, data: who() } }) })
    const e = await failure(call('orders' as 'users', 'whoami', {}))
    expect(e.code).toBe('REQUEST.UNKNOWN_ACTION')
    expect(backend.calls).toHaveLength(0)
  })

  test('each service sends to the area whose contract it validates with', async () => {
    backend = stubFetch({ '/api/orders': () => ({ json: { code: 0, data: { items: [], canEdit: false } } }) })
    await expect(listItems('org-beimen')).resolves.toEqual({ items: [], canEdit: false })
    expect(backend.calls[0]).toMatchObject({ path: '/api/orders', body: { action: 'listItems', communityId: 'org-beimen' } })

    // The orders contract checks the input: an empty id never leaves the device.
    const e = await failure(getOrder(''))
    expect(e.code).toBe('REQUEST.INVALID')
    expect(backend.calls).toHaveLength(1)
  })

  test('an unreachable backend becomes NETWORK.UNAVAILABLE with a Chinese message', async () => {
    backend = stubFetch({ '/api/users': () => ({ networkError: true }) })

    const e = await failure(whoami())
    expect(e.code).toBe('NETWORK.UNAVAILABLE')
    expect(e.message).toBe('网络不给力，请检查网络后重试')
  })

  test('a non-JSON error page (proxy down) is NETWORK.UNAVAILABLE too', async () => {
    backend = stubFetch({ '/api/users': () => ({ status: 502, text: '<html>Bad Gateway</html>' }) })

    const e = await failure(whoami())
    expect(e.code).toBe('NETWORK.UNAVAILABLE')
  })

  test('JSON that is not an envelope is a SYSTEM.INTERNAL error, not silently data', async () => {
    backend = stubFetch({ '/api/users': () => ({ json: { displayName: '张三' } }) })

    const e = await failure(whoami())
    expect(e.code).toBe('SYSTEM.INTERNAL')
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/)
  })
})
