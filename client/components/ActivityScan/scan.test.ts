import Taro from '@tarojs/taro'
import * as fallback from './scan'
import * as weapp from './scan.weapp'
import { checkInOf } from './checkInScene'

afterEach(() => jest.restoreAllMocks())

test('a mini-program code answers its path: the scene in it gives the activity and the code', () => {
  expect(checkInOf({ result: '', path: 'packages/activities/pages/detail/index?scene=k%3Aact-running%3A123456' })).toEqual({ activityId: 'act-running', code: '123456' })
  expect(checkInOf({ result: 'k:act-1:654321', path: '' })).toEqual({ activityId: 'act-1', code: '654321' })
})

test('anything else is not a check-in code', () => {
  expect(checkInOf({ result: 'reg:r-1', path: '' })).toBeNull()
  expect(checkInOf({ result: '', path: 'pages/home/index' })).toBeNull()
  expect(checkInOf({ result: 'k:act-1:12345', path: '' })).toBeNull()
})

test('weapp scans with the camera or the album; a cancelled scan is null', async () => {
  const scanCode = jest.spyOn(Taro, 'scanCode').mockImplementation(async () => ({ result: 'reg:r-1', path: '', errMsg: 'scanCode:ok' }) as never)
  expect(weapp.canScan).toBe(true)
  await expect(weapp.scan()).resolves.toEqual({ result: 'reg:r-1', path: '' })
  expect(scanCode).toHaveBeenCalledWith({ onlyFromCamera: false })
  scanCode.mockImplementation(async () => {
    throw new Error('scanCode:fail cancel')
  })
  await expect(weapp.scan()).resolves.toBeNull()
})

test('elsewhere there is no scanner: pages offer typing', async () => {
  expect(fallback.canScan).toBe(false)
  await expect(fallback.scan()).resolves.toBeNull()
})
