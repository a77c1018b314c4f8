import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { initPrivacy } from '@/services/privacy.weapp'
import { privacyGate, type PrivacyResolve } from '@/services/privacyCore'
import { PrivacyConsent } from './PrivacyConsent'

/**
 * WeChat's side is the one listener the app registers at start-up (privacy.weapp.ts initPrivacy):
 * the test holds it and calls it as the platform does when a private API is first used, with a
 * `resolve` that records the app's answers. The popup is rendered as the browser build renders it
 * (the agree button is a plain tap there; on weapp it is open-type agreePrivacyAuthorization,
 * checked by tests/weapp/privacy.test.ts).
 */
type Listener = (resolve: PrivacyResolve, info: { referrer: string }) => void
let platformAsks: Listener
let navigateTo: jest.SpyInstance

beforeAll(() => {
  const api = Taro as unknown as { onNeedPrivacyAuthorization?: (l: Listener) => void }
  const listen = jest.fn((listener: Listener) => {
    platformAsks = listener
  })
  api.onNeedPrivacyAuthorization = listen
  initPrivacy()
  initPrivacy()
  // Registered once, however often start-up code runs.
  expect(listen).toHaveBeenCalledTimes(1)
  delete api.onNeedPrivacyAuthorization
})

beforeEach(() => {
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  // Nothing left held for the next test.
  act(() => privacyGate.refuse())
  jest.restoreAllMocks()
})

/** The platform holds a call of `referrer` and waits for the answers recorded here. */
function ask(referrer: string) {
  const answers: unknown[] = []
  act(() => platformAsks((answer) => answers.push(answer), { referrer }))
  return answers
}

test('nothing shows until the platform asks; then the popup names the feature and the information', () => {
  render(<PrivacyConsent />)
  expect(screen.queryByTestId('privacy-consent')).toBeNull()

  const answers = ask('button.getPhoneNumber')
  const popup = screen.getByTestId('privacy-consent')
  expect(popup.textContent).toContain('「微信手机号快速填写」需要使用您的手机号，用于党员报到')
  expect(popup.textContent).toContain('阅读《连心隐私保护指引》')
  expect(screen.getByTestId('privacy-agree').textContent).toBe('同意')
  expect(screen.getByTestId('privacy-refuse').textContent).toBe('不同意')
  // Shown on this page, so no other page was opened; the platform was told the popup is up, once.
  expect(navigateTo).not.toHaveBeenCalled()
  expect(answers).toEqual([{ event: 'exposureAuthorization' }])
})

test('同意 resolves the held call as agreed, naming the agree button; the popup goes', () => {
  const onSettled = jest.fn()
  render(<PrivacyConsent onSettled={onSettled} />)
  const answers = ask('chooseMedia')
  expect(screen.getByTestId('privacy-consent').textContent).toContain('「拍照或从相册选择照片」需要使用您拍摄或选择的照片，用于微心愿')
  expect(screen.getByTestId('privacy-agree').getAttribute('id')).toBe('privacy-agree')

  fireEvent.click(screen.getByTestId('privacy-agree'))

  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }])
  expect(screen.queryByTestId('privacy-consent')).toBeNull()
  expect(screen.queryByTestId('privacy-refused')).toBeNull()
  expect(onSettled).toHaveBeenCalledWith('agreed')
})

test('不同意 resolves it as refused, and the page explains what cannot be done and how to change one’s mind', () => {
  const onSettled = jest.fn()
  render(<PrivacyConsent onSettled={onSettled} />)
  const answers = ask('button.getPhoneNumber')

  fireEvent.click(screen.getByTestId('privacy-refuse'))

  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }])
  expect(screen.queryByTestId('privacy-consent')).toBeNull()
  const note = screen.getByTestId('privacy-refused')
  expect(note.textContent).toContain('您没有同意隐私保护指引，「微信手机号快速填写」暂时不能使用')
  expect(note.textContent).toContain('想用时再点一次，可以重新阅读并同意')
  expect(onSettled).toHaveBeenCalledWith('refused')

  // Asked again later: the popup is back, and agreeing this time clears the note.
  const again = ask('button.getPhoneNumber')
  fireEvent.click(screen.getByTestId('privacy-agree'))
  expect(again.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' })
  expect(screen.queryByTestId('privacy-refused')).toBeNull()
})

test('calls held together are all answered by the one tap', () => {
  render(<PrivacyConsent />)
  const first = ask('chooseMedia')
  const second = ask('chooseMedia')
  expect(screen.getAllByTestId('privacy-consent')).toHaveLength(1)
  fireEvent.click(screen.getByTestId('privacy-agree'))
  expect(first.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' })
  expect(second.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' })
})

test('a page without the popup opens the privacy page for it, whose popup then shows the held call', () => {
  const answers = ask('chooseMessageFile')
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/privacy/pages/index/index?consent=1' })
  expect(answers).toEqual([])

  // The privacy page mounts its popup (without the link to itself).
  render(<PrivacyConsent explainLink={false} />)
  expect(screen.getByTestId('privacy-consent').textContent).toContain('「从聊天记录选择表格」需要使用您选择的表格文件')
  expect(screen.queryByTestId('privacy-consent-explain')).toBeNull()
  fireEvent.click(screen.getByTestId('privacy-agree'))
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }])
})

test('when the privacy page cannot open, the held call is refused rather than left hanging', async () => {
  navigateTo.mockImplementation(() => Promise.reject({ errMsg: 'navigateTo:fail webview count limit exceed' }))
  const answers = ask('chooseMedia')
  await act(async () => undefined)
  expect(answers).toEqual([{ event: 'disagree' }])
})

test('an unknown referrer still asks, in general words', () => {
  render(<PrivacyConsent />)
  ask('getClipboardData')
  expect(screen.getByTestId('privacy-consent').textContent).toContain('这项功能需要使用您的个人信息')
})
