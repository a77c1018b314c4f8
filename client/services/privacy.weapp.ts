import Taro from '@tarojs/taro'
import { PRIVACY_PAGE, privacyGate, whenUnhosted, type PrivacyResolve } from './privacyCore'

/**
 * WeChat: once, before any page, the app takes over the privacy authorization
 * (wx.onNeedPrivacyAuthorization; app.config.ts sets __usePrivacyCheck__). From then on the
 * platform holds the first call of a private API and waits for the app's popup
 * (components/PrivacyConsent) to answer. A page without a popup opens the privacy page, which has
 * one. Base libraries before 2.32.3 have no such API and no such check: nothing to do there.
 */
export { AGREE_BUTTON_ID, PRIVACY_PAGE, privacyGate } from './privacyCore'

type Listen = (listener: (resolve: PrivacyResolve, info?: { referrer?: string }) => void) => void

let registered = false

export function initPrivacy(): void {
  const listen = (Taro as unknown as { onNeedPrivacyAuthorization?: Listen }).onNeedPrivacyAuthorization
  if (registered || typeof listen !== 'function') return
  registered = true
  // Should the page not open (ten pages deep already), the held call fails rather than hang.
  whenUnhosted(() => void Taro.navigateTo({ url: `${PRIVACY_PAGE}?consent=1` }).catch(() => privacyGate.refuse()))
  listen((resolve, info) => privacyGate.ask(resolve, info?.referrer ?? ''))
}
