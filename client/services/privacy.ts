/**
 * Privacy authorization at start-up. Taro picks privacy.weapp.ts (WeChat asks; the app answers
 * through its popup) by file suffix; this file is what the type checker sees and what the browser
 * (the local mode: the phone is typed, nothing to authorize) and other platforms get.
 */
export { AGREE_BUTTON_ID, PRIVACY_PAGE, privacyGate } from './privacyCore'

export function initPrivacy(): void {}
