// phonenumber.getPhoneNumber through the unchanged wx-server-sdk: the local rule (`phone:<number>`
// resolves to that number, once) and WeChat's refusals (PLATFORM.md, section 7).
import { startEmulator, type Emulator } from '../index'
import { failure, quiet, sdkFor, tmpDir } from './helpers'

let emu: Emulator
let cloud: any

beforeAll(async () => {
  emu = await startEmulator({ port: 0, dataDir: tmpDir(), log: quiet })
  ;({ cloud } = sdkFor(emu, 'phone'))
})

afterAll(async () => {
  await emu?.close()
})

const exchange = (code: unknown) => cloud.openapi.phonenumber.getPhoneNumber({ code })

test('a local code gives its number in the shape WeChat answers (phone_info, camelCased by the SDK)', async () => {
  const before = Math.floor(Date.now() / 1000)
  const res = await exchange('phone:13912340001')
  expect(res).toMatchObject({
    errCode: 0,
    errMsg: 'openapi.phonenumber.getPhoneNumber:ok',
    phoneInfo: { phoneNumber: '13912340001', purePhoneNumber: '13912340001', countryCode: '86', watermark: { appid: 'wx-lianxin-local' } },
  })
  expect(res.phoneInfo.watermark.timestamp).toBeGreaterThanOrEqual(before)
})

test('a code is good once: the second exchange is 40029, as WeChat answers a used code', async () => {
  expect((await exchange('phone:13912340002')).phoneInfo.purePhoneNumber).toBe('13912340002')
  const again = await failure(exchange('phone:13912340002'))
  expect(again.errCode).toBe(40029)
  expect(again.message).toContain('invalid code')
})

test('anything but a local code is 40029 (a real WeChat code cannot be answered here); no code at all is 47001', async () => {
  for (const code of ['e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144', 'phone:1391234', 'phone:23912340003', 'phone: 13912340003']) {
    expect((await failure(exchange(code))).errCode).toBe(40029)
  }
  expect((await failure(exchange(''))).errCode).toBe(47001)
  expect((await failure(cloud.openapi.phonenumber.getPhoneNumber({}))).errCode).toBe(47001)
})

test('an invocation whose config.json does not declare it is refused with the platform code -604101', async () => {
  emu.declareOpenApis('phone-undeclared', ['wxacode.getUnlimited'])
  const { cloud: undeclared } = sdkFor(emu, 'phone-undeclared')
  expect((await failure(undeclared.openapi.phonenumber.getPhoneNumber({ code: 'phone:13912340004' }))).errCode).toBe(-604101)
  emu.declareOpenApis('phone-undeclared', undefined)
  // The refused call did not use the code up.
  expect((await undeclared.openapi.phonenumber.getPhoneNumber({ code: 'phone:13912340004' })).phoneInfo.phoneNumber).toBe('13912340004')
})
