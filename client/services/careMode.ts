import Taro from '@tarojs/taro'
import { CARE_STORAGE_KEY, createCareStore } from './careModeCore'
import { readSystemFont } from './careModePlatform'

export { CARE_SCALE, type CareState } from './careModeCore'

/** The one care-mode state of the app: every page and the tab bar follow it (hooks/useCareMode). */
export const careMode = createCareStore(readSystemFont, {
  read: () => {
    try {
      return Taro.getStorageSync(CARE_STORAGE_KEY) === true
    } catch {
      return false
    }
  },
  write: (on) => {
    try {
      Taro.setStorageSync(CARE_STORAGE_KEY, on)
    } catch {
      // Storage full or disabled: the switch still holds until the mini-program closes.
    }
  },
})
