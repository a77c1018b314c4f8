import Taro from '@tarojs/taro'
import type { SystemFontInfo } from './careModeCore'

/** WeChat's own type size (设置 → 通用 → 字体大小). getAppBaseInfo needs base library 2.20.1. */
export function readSystemFont(): SystemFontInfo | null {
  return typeof Taro.getAppBaseInfo === 'function' ? (Taro.getAppBaseInfo() as SystemFontInfo) : null
}
