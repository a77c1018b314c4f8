import type { SystemFontInfo } from './careModeCore'

/**
 * Taro picks careModePlatform.weapp.ts (wx.getAppBaseInfo) or careModePlatform.h5.ts by file
 * suffix; this fallback is what the type checker sees and other platforms get: standard size.
 */
export function readSystemFont(): SystemFontInfo | null {
  return null
}
