import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { privacyGate } from '@/services/privacyCore'
import PrivacyPage from './index/index'

// The page as the weapp build has it: WeChat's privacy APIs behind services/privacyActions (the
// browser build has none), with the platform's calls doubled on Taro as WeChat answers them.
jest.mock('@/services/privacyActions', () => jest.requireActual('@/services/privacyActions.weapp'))

const platform = Taro as unknown as Record<string, unknown>

beforeEach(() => {
  ;(Current as { router: unknown }).router = { params: {}, path: '/packages/privacy/pages/index/index' }
})
afterEach(() => {
  for (const name of ['getPrivacySetting', 'requirePrivacyAuthorize', 'openPrivacyContract']) delete platform[name]
  ;(Current as { router: unknown }).router = null
})

test('it says whether the person agreed; 阅读并同意 asks through requirePrivacyAuthorize, the popup here answers, and the answer shows', async () => {
  let agreed = false
  platform.getPrivacySetting = jest.fn(({ success }) => success({ needAuthorization: !agreed, privacyContractName: '《连心小程序隐私保护指引》' }))
  // As WeChat: not agreed yet, so the call is held and the app's listener (the gate) is asked.
  platform.requirePrivacyAuthorize = jest.fn(({ success, fail }) =>
    privacyGate.ask((answer) => {
      if (answer.event === 'agree') {
        agreed = true
        success({ errMsg: 'requirePrivacyAuthorize:ok' })
      } else if (answer.event === 'disagree') fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
    }, 'requirePrivacyAuthorize'),
  )
  platform.openPrivacyContract = jest.fn()
  render(<PrivacyPage />)

  const status = await screen.findByTestId('privacy-status')
  expect(status.getAttribute('data-agreed')).toBe('no')
  expect(status.textContent).toContain('您还没有同意隐私保护指引')
  expect(screen.getByTestId('privacy-contract').textContent).toBe('查看《连心小程序隐私保护指引》全文')

  fireEvent.click(screen.getByTestId('privacy-agree-now'))
  expect(platform.requirePrivacyAuthorize).toHaveBeenCalledTimes(1)
  expect(screen.getByTestId('privacy-consent').textContent).toContain('这项功能需要使用您的个人信息')
  // WeChat's agree button reports through its own event once the person tapped it (bindagreeprivacyauthorization).
  const agree = screen.getByTestId('privacy-agree')
  fireEvent.click(agree)
  expect(screen.queryByTestId('privacy-consent')).not.toBeNull()
  act(() => void agree.dispatchEvent(new CustomEvent('agreeprivacyauthorization', { bubbles: true })))
  await waitFor(() => expect(screen.getByTestId('privacy-status').getAttribute('data-agreed')).toBe('yes'))
  expect(screen.getByTestId('privacy-status').textContent).toBe('您已同意隐私保护指引。')
  expect(screen.queryByTestId('privacy-agree-now')).toBeNull()

  fireEvent.click(screen.getByTestId('privacy-contract'))
  expect(platform.openPrivacyContract).toHaveBeenCalledTimes(1)
})
