import type { ComponentProps } from 'react'
import type { Button } from '@tarojs/components'

/**
 * What the privacy popup and page ask of the platform. Taro picks privacyActions.weapp.ts (WeChat's
 * privacy APIs) by file suffix; this file is what the type checker sees and what the browser (the
 * local mode, with no platform authorization) and other platforms get. Kept apart from privacy.ts,
 * which the main package loads at start-up: only the pages in subpackages need these.
 */

export interface PrivacyStatus {
  /** WeChat would ask before the next private API (the person has not agreed to the current guide). */
  needAuthorization: boolean
  /** The guide's name as declared in 公众平台, e.g. 《连心小程序隐私保护指引》. */
  contractName: string
}

/** Where the platform keeps no authorization, there is nothing to agree to. */
export async function privacyStatus(): Promise<PrivacyStatus | null> {
  return null
}

/** Ask now (the popup shows if the person has not agreed yet); true once agreed. */
export async function requirePrivacy(): Promise<boolean> {
  return true
}

/** The guide as declared in 公众平台 (WeChat shows it); elsewhere the privacy page. */
export function openPrivacyContract(openPage: () => void): void {
  openPage()
}

/** The agree button: WeChat's `open-type="agreePrivacyAuthorization"`, elsewhere a plain tap. */
export function agreeButtonProps(onAgree: () => void): Partial<ComponentProps<typeof Button>> {
  return { onClick: onAgree }
}
