import Taro from '@tarojs/taro'
import { createCareStore } from './careModeCore'
import { readSystemFont } from './careModePlatform.weapp'

// WeChat's getAppBaseInfo is the platform edge: under jest (h5's Taro) it is stood in for here.
const taro = Taro as unknown as { getAppBaseInfo?: () => unknown }
const original = taro.getAppBaseInfo
afterEach(() => {
  taro.getAppBaseInfo = original
})

test('weapp reads fontSizeScaleFactor and fontSizeSetting from Taro.getAppBaseInfo', () => {
  taro.getAppBaseInfo = jest.fn(() => ({ SDKVersion: '3.7.0', language: 'zh_CN', fontSizeScaleFactor: 1.3, fontSizeSetting: 22 }))
  expect(readSystemFont()).toMatchObject({ fontSizeScaleFactor: 1.3, fontSizeSetting: 22 })

  const store = createCareStore(readSystemFont, { read: () => true, write: () => {} })
  // WeChat's 1.3 is larger than the switch's 1.25: the larger wins.
  expect(store.getState()).toEqual({ on: true, system: 1.3, scale: 1.3 })
})

test('a base library without getAppBaseInfo (< 2.20.1) reads as standard size', () => {
  taro.getAppBaseInfo = undefined
  expect(readSystemFont()).toBeNull()
  const store = createCareStore(readSystemFont, { read: () => false, write: () => {} })
  expect(store.getState().scale).toBe(1)
})
