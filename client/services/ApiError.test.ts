import { ApiError, fieldMessagesOf, issuesOf, messageOf } from './ApiError'

describe('error → message, in one place', () => {
  const invalid = new ApiError('REQUEST.INVALID', '请求格式不正确（settings.claimReleaseDays）：至少1天', [
    { path: 'settings.claimReleaseDays', message: '至少1天' },
    { path: 'settings.hoursPerWish', message: '不能超过24小时' },
    { path: 'settings.claimReleaseDays', message: '第二条不算' },
  ])

  it('bad input: the first field message; fields by name under a prefix, first message wins', () => {
    expect(messageOf(invalid)).toBe('至少1天')
    expect(fieldMessagesOf(invalid, 'settings.')).toEqual({ claimReleaseDays: '至少1天', hoursPerWish: '不能超过24小时' })
    expect(fieldMessagesOf(invalid)).toEqual({ settings: '至少1天' })
  })

  it('a refusal: the code message; no field issues', () => {
    expect(messageOf(new ApiError('AUTH.FORBIDDEN'))).toBe('您没有权限进行这个操作')
    expect(issuesOf(new ApiError('AUTH.FORBIDDEN', undefined, [{ path: 'x', message: 'y' }]))).toEqual([])
  })

  it('anything else thrown: the generic system message, never a stack or English', () => {
    const text = messageOf(new TypeError('Cannot read properties of undefined'))
    expect(text).not.toMatch(/[A-Za-z]{4,}/)
    expect(text).toBe(new ApiError('SYSTEM.INTERNAL').message)
  })
})
