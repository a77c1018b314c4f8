import { validate } from './contract'
import { AREAS } from './index'

describe('shared schemas', () => {
  test('users.whoami takes no input and refuses identity smuggled in the body', () => {
    expect(validate(AREAS.users.actions.whoami.input, {})).toEqual({ ok: true, value: {} })
    const smuggled = validate(AREAS.users.actions.whoami.input, { openid: 'someone-else' })
    expect(smuggled.ok).toBe(false)
  })

  test('users.switchRole accepts known roles only', () => {
    expect(validate(AREAS.users.actions.switchRole.input, { role: 'member' }).ok).toBe(true)
    const bad = validate(AREAS.users.actions.switchRole.input, { role: 'root' })
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'role', message: '未知的身份' }] })
    expect(validate(AREAS.users.actions.switchRole.input, {}).ok).toBe(false)
  })
})
