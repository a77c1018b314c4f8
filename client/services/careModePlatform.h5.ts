import type { SystemFontInfo } from './careModeCore'

/** A browser has no WeChat setting; its own zoom already scales the rem-sized pages. */
export function readSystemFont(): SystemFontInfo | null {
  return null
}
