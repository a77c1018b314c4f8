import Taro from '@tarojs/taro'
import type { agreeButtonProps as AgreeButtonProps, PrivacyStatus } from './privacyActions'

/**
 * WeChat's privacy APIs (base library 2.32.3+). Older clients have none of them and ask nothing:
 * they are treated as agreed.
 */
export type { PrivacyStatus } from './privacyActions'

type Callbacks<T> = { success?: (r: T) => void; fail?: (e: unknown) => void }
const api = <T>(name: string) => (Taro as unknown as Record<string, ((o: Callbacks<T>) => void) | undefined>)[name]

export function privacyStatus(): Promise<PrivacyStatus | null> {
  const get = api<{ needAuthorization: boolean; privacyContractName: string }>('getPrivacySetting')
  if (typeof get !== 'function') return Promise.resolve(null)
  return new Promise((resolve) =>
    get({
      success: (r) => resolve({ needAuthorization: r.needAuthorization, contractName: r.privacyContractName }),
      fail: () => resolve(null),
    }),
  )
}

/** wx.requirePrivacyAuthorize: the popup (onNeedPrivacyAuthorization) if not agreed yet. */
export function requirePrivacy(): Promise<boolean> {
  const ask = api<unknown>('requirePrivacyAuthorize')
  if (typeof ask !== 'function') return Promise.resolve(true)
  return new Promise((resolve) => ask({ success: () => resolve(true), fail: () => resolve(false) }))
}

export function openPrivacyContract(openPage: () => void): void {
  const open = api<unknown>('openPrivacyContract')
  if (typeof open === 'function') open({ fail: openPage })
  else openPage()
}

/**
 * WeChat answers the held call only after this very button reported the agreement
 * (bindagreeprivacyauthorization), so the answer is given there, not on tap.
 */
export const agreeButtonProps: typeof AgreeButtonProps = (onAgree) => ({
  openType: 'agreePrivacyAuthorization',
  onAgreePrivacyAuthorization: onAgree,
})
