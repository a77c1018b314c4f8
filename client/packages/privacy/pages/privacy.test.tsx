import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { privacyGate } from '@/services/privacyCore'
import { PRIVACY_ITEMS } from '@/services/privacyGuide'
import PrivacyPage from './index/index'

/** What the platform hands the page: weapp's onLoad options / the h5 URL query. */
function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/privacy/pages/index/index' }
}

let navigateBack: jest.SpyInstance

beforeEach(() => {
  openWith({})
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockImplementation(async () => ({ errMsg: 'navigateBack:ok' }))
  jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  act(() => privacyGate.refuse())
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

test('every private API the app uses, with why, what is kept, who sees it and for how long', () => {
  render(<PrivacyPage />)
  const sections = screen.getAllByTestId('privacy-item')
  expect(sections.map((s) => s.getAttribute('data-type'))).toEqual(['手机号', '选中的照片或视频', '选中的文件'])
  PRIVACY_ITEMS.forEach((item, i) => {
    const text = sections[i].textContent
    for (const part of [item.feature, `为了${item.purpose}。`, item.kept, item.retention]) expect(text).toContain(part)
  })
  expect(sections[0].textContent).toContain('完整号码只有您所在社区、工作单位及其上级街道、县的管理员能看到')
  expect(screen.getByTestId('privacy-typed').textContent).toContain('不获取您的微信昵称和头像')
  fireEvent.click(screen.getByTestId('privacy-open-card'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/card/index' })
  // The browser (local mode) has no WeChat authorization to report or ask for.
  expect(screen.queryByTestId('privacy-status')).toBeNull()
  expect(screen.queryByTestId('privacy-consent')).toBeNull()
})

describe('opened for a private API whose page had no popup (consent=1)', () => {
  function held(referrer: string) {
    const answers: unknown[] = []
    act(() => privacyGate.ask((a) => answers.push(a), referrer))
    return answers
  }

  test('the page says why it opened, the popup shows the held call, and 同意 answers it and goes back', () => {
    const answers = held('chooseMedia')
    openWith({ consent: '1' })
    render(<PrivacyPage />)
    expect(screen.getByTestId('privacy-page-ask').textContent).toContain('您刚才使用的功能需要先同意隐私保护指引')
    expect(screen.getByTestId('privacy-consent').textContent).toContain('「拍照或从相册选择照片」')
    // Already on the explanation: no link to it.
    expect(screen.queryByTestId('privacy-consent-explain')).toBeNull()

    fireEvent.click(screen.getByTestId('privacy-agree'))
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }])
    expect(navigateBack).toHaveBeenCalledTimes(1)
  })

  test('不同意 answers it as refused and goes back too', () => {
    const answers = held('chooseMessageFile')
    openWith({ consent: '1' })
    render(<PrivacyPage />)
    fireEvent.click(screen.getByTestId('privacy-refuse'))
    expect(answers.at(-1)).toEqual({ event: 'disagree' })
    expect(navigateBack).toHaveBeenCalledTimes(1)
  })

  test('leaving with the back button, unanswered, fails the held call instead of leaving it hanging', () => {
    const answers = held('chooseMedia')
    openWith({ consent: '1' })
    const page = render(<PrivacyPage />)
    page.unmount()
    expect(answers.at(-1)).toEqual({ event: 'disagree' })
  })
})
