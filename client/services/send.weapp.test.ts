import Taro from '@tarojs/taro'
import { send } from './send.weapp'

// On weapp Taro.cloud is wx.cloud; here a double stands in for the platform.
describe('weapp channel', () => {
  const cloud = Taro as unknown as { cloud?: unknown }
  afterEach(() => {
    delete cloud.cloud
  })

  test('calls the cloud function named after the area and answers result.result', async () => {
    const callFunction = jest.fn(async () => ({ result: { code: 0, data: { ok: 1 } }, errMsg: 'cloud.callFunction:ok' }))
    cloud.cloud = { callFunction }

    await expect(send('users', { action: 'whoami' })).resolves.toEqual({ code: 0, data: { ok: 1 } })
    expect(callFunction).toHaveBeenCalledWith({ name: 'users', data: { action: 'whoami' } })
  })

  test('a platform failure rejects (the transport turns it into NETWORK.UNAVAILABLE)', async () => {
    cloud.cloud = { callFunction: jest.fn(async () => Promise.reject({ errMsg: 'cloud.callFunction:fail network' })) }
    await expect(send('users', { action: 'whoami' })).rejects.toEqual({ errMsg: 'cloud.callFunction:fail network' })
  })
})
