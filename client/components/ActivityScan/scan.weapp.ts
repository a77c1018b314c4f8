import Taro from '@tarojs/taro'
import type { Scanned } from './scan'

export type { Scanned } from './scan'

export const canScan: boolean = true

/**
 * WeChat's scanner. A cancelled scan (or a camera refused) answers null: the page's typed input
 * is still there, so there is nothing more to say.
 */
export async function scan(): Promise<Scanned | null> {
  try {
    const res = (await Taro.scanCode({ onlyFromCamera: false })) as { result?: string; path?: string }
    return { result: res.result ?? '', path: res.path ?? '' }
  } catch {
    return null
  }
}
