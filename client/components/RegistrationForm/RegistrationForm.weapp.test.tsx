import { useState } from 'react'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { register } from '@/services/registration'
import { stubFetch } from '@/test-support/fetchStub'
import { card, registrationBackend, registrationOptions } from '@/test-support/registration'
import { RegistrationForm } from './RegistrationForm'

// The form as the weapp build has it: the phone is WeChat's 「微信手机号快速填写」 (PhoneField.weapp.tsx),
// never typed. Its button reports as WeChat's does, with a `getphonenumber` event carrying the code
// (or the errMsg); the built mini-program's button is checked in tests/weapp/privacy.test.ts.
jest.mock('./PhoneField', () => jest.requireActual('./PhoneField.weapp'))

let backend: ReturnType<typeof stubFetch>

beforeEach(() => {
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
})

function Harness({ keepPhone, onSubmit }: { keepPhone?: string; onSubmit?: (input: unknown) => Promise<void> }) {
  const [communityId, setCommunityId] = useState<string | undefined>('org-beimen')
  return (
    <RegistrationForm
      options={registrationOptions(communityId)}
      communityId={communityId}
      onCommunityChange={setCommunityId}
      initial={keepPhone ? { name: '李建国', unitId: 'unit-water-bureau' } : undefined}
      keepPhone={keepPhone}
      onSubmit={onSubmit ?? (async (input) => void (await register(input)))}
    />
  )
}

/** WeChat answers the phone button: a code when the person allowed it, else why not. */
function wechatAnswers(detail: { errMsg: string; code?: string }) {
  act(() => void screen.getByTestId('reg-phone-wechat').dispatchEvent(new CustomEvent('getphonenumber', { detail, bubbles: true })))
}

function fillTheRest() {
  fireEvent.input(screen.getByTestId('reg-name'), { target: { value: '马小兵' } })
  fireEvent.click(screen.getByTestId('reg-unit'))
  fireEvent.click(within(screen.getByTestId('reg-unit-sheet')).getByText('县水利局'))
}

const sent = () => backend.to('/api/registration').map((c) => c.body as Record<string, unknown>)

test('the phone is the WeChat button, not a typed field; its code is what the form sends', async () => {
  backend = stubFetch({ '/api/registration': registrationBackend().handler })
  render(<Harness />)
  expect(screen.queryByTestId('reg-phone')).toBeNull()
  expect(screen.getByTestId('reg-phone-wechat').textContent).toBe('微信手机号快速填写')
  expect(screen.getByTestId('reg-phone-state').textContent).toBe('使用您微信绑定的手机号，无需手动填写')

  wechatAnswers({ errMsg: 'getPhoneNumber:ok', code: 'c0de-from-wechat' })
  expect(screen.getByTestId('reg-phone-state').textContent).toContain('已取得您微信绑定的手机号')
  expect(screen.getByTestId('reg-phone-wechat').textContent).toBe('重新获取微信手机号')

  fillTheRest()
  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(sent()).toHaveLength(1))
  expect(sent()[0]).toMatchObject({ action: 'register', name: '马小兵', phoneCode: 'c0de-from-wechat', unitId: 'unit-water-bureau', communityId: 'org-beimen' })
  expect(sent()[0]).not.toHaveProperty('phone')
})

test('without the phone nothing is sent and the phone field asks for it; a refusal in WeChat says why', async () => {
  backend = stubFetch({ '/api/registration': registrationBackend().handler })
  render(<Harness />)
  fillTheRest()
  fireEvent.click(screen.getByTestId('reg-submit'))
  expect((await screen.findByTestId('reg-phone-error')).textContent).toBe('请填写手机号')
  expect(backend.calls).toHaveLength(0)

  // A tap that brought no number says why on the field; the form's note still asks for the phone.
  wechatAnswers({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized' })
  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(screen.getByTestId('reg-error').textContent).toBe('请填写手机号'))
  expect(screen.getByTestId('reg-phone-error').textContent).toBe('您没有同意隐私保护指引，没有取得手机号')
  expect(backend.calls).toHaveLength(0)
})

test('what WeChat says when it gives no number is explained on the field', () => {
  backend = stubFetch({})
  render(<Harness />)
  const says = (errMsg: string) => {
    wechatAnswers({ errMsg })
    return screen.getByTestId('reg-phone-error').textContent
  }
  expect(says('getPhoneNumber:fail user deny')).toBe('您没有允许使用微信手机号；报到需要手机号，请再点一次')
  expect(says('getPhoneNumber:fail privacy permission is not authorized')).toBe('您没有同意隐私保护指引，没有取得手机号')
  expect(says('getPhoneNumber:fail no permission')).toBe('暂时无法取得微信手机号，请稍后再试')
  // A client too old to give a code answers ok with only the encrypted data.
  expect(says('getPhoneNumber:ok')).toBe('您的微信版本较低，请升级微信后再报到')
})

test('a code is good once: after the backend refused, the person taps the button again, and the new code is sent', async () => {
  backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
  render(<Harness />)
  wechatAnswers({ errMsg: 'getPhoneNumber:ok', code: 'first-code' })
  fillTheRest()
  fireEvent.click(screen.getByTestId('reg-submit'))
  expect((await screen.findByTestId('reg-error')).getAttribute('data-code')).toBe('REGISTRATION.ALREADY_REGISTERED')
  expect(screen.getByTestId('reg-phone-error').textContent).toBe('请重新点击「微信手机号快速填写」')
  expect(screen.getByTestId('reg-phone-wechat').textContent).toBe('微信手机号快速填写')

  // Not tapped again: the used code is not sent a second time.
  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(screen.getByTestId('reg-phone-error').textContent).toBe('请填写手机号'))
  expect(sent()).toHaveLength(1)

  wechatAnswers({ errMsg: 'getPhoneNumber:ok', code: 'second-code' })
  expect(screen.queryByTestId('reg-phone-error')).toBeNull()
  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(sent()).toHaveLength(2))
  expect(sent().map((b) => b.phoneCode)).toEqual(['first-code', 'second-code'])
})

test('迁移 / 重新提交: the phone on record is kept unless the person takes a new one from WeChat', async () => {
  const onSubmit = jest.fn(async () => {})
  render(<Harness keepPhone='138****1002' onSubmit={onSubmit} />)
  expect(screen.getByTestId('reg-phone-state').textContent).toBe('现为138****1002，不修改无需获取')
  expect(screen.getByTestId('reg-phone-wechat').textContent).toBe('更换为微信手机号')
  wechatAnswers({ errMsg: 'getPhoneNumber:fail user deny' })
  expect(screen.getByTestId('reg-phone-error').textContent).toBe('没有取得新的手机号，将保留原来的号码')

  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
  expect(onSubmit.mock.calls[0]).toEqual([expect.not.objectContaining({ phone: expect.anything() })])
  expect(onSubmit.mock.calls[0]).toEqual([expect.not.objectContaining({ phoneCode: expect.anything() })])

  wechatAnswers({ errMsg: 'getPhoneNumber:ok', code: 'new-phone' })
  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2))
  expect(onSubmit.mock.calls[1]).toEqual([expect.objectContaining({ phoneCode: 'new-phone', name: '李建国' })])
})
