import Taro from '@tarojs/taro'

/** WeChat's network status callback: called on every change, we only care about coming back. */
export function watchOnline(onOnline: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) onOnline()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange(listener)
}
