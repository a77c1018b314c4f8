import fs from 'fs'
import path from 'path'
import { PRIVACY_ITEMS, privacyItemOf } from './privacyGuide'

/**
 * WeChat's private APIs (用户隐私保护指引's list of 隐私接口, by information type): a call of any of
 * them without the type declared in the guide fails in production. The client is searched for
 * each, as `Taro.x` / `wx.x` calls, button open-types and the components that record.
 */
const PRIVATE_APIS: Record<string, string> = {
  getUserProfile: '用户信息', getUserInfo: '用户信息', chooseAvatar: '用户信息',
  getLocation: '位置信息', getFuzzyLocation: '位置信息', chooseLocation: '位置信息', choosePoi: '位置信息',
  startLocationUpdate: '位置信息', startLocationUpdateBackground: '位置信息', onLocationChange: '位置信息',
  chooseAddress: '地址', chooseInvoice: '发票信息', chooseInvoiceTitle: '发票信息',
  getWeRunData: '微信运动步数', chooseLicensePlate: '车牌号',
  getPhoneNumber: '手机号', getRealtimePhoneNumber: '手机号',
  chooseImage: '选中的照片或视频', chooseMedia: '选中的照片或视频', chooseVideo: '选中的照片或视频',
  chooseMessageFile: '选中的文件',
  startRecord: '麦克风', getRecorderManager: '麦克风', joinVoIPChat: '麦克风',
  createCameraContext: '摄像头', createVKSession: '摄像头',
  openBluetoothAdapter: '蓝牙', createBLEPeripheralServer: '蓝牙',
  saveImageToPhotosAlbum: '相册（仅写入）', saveVideoToPhotosAlbum: '相册（仅写入）',
  addPhoneContact: '通讯录（仅写入）', addPhoneRepeatCalendar: '日历（仅写入）', addPhoneCalendar: '日历（仅写入）',
  setClipboardData: '剪切板', getClipboardData: '剪切板',
}

const CLIENT = path.resolve(__dirname, '..')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'test-support' ? [] : sources(full)
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : []
  })
}

/** Every private API the client calls, with the files that call it. */
function usedApis(): Map<string, string[]> {
  const used = new Map<string, string[]>()
  for (const file of sources(CLIENT)) {
    if (file === path.join(CLIENT, 'services', 'privacyGuide.ts')) continue
    const text = fs.readFileSync(file, 'utf8')
    for (const api of Object.keys(PRIVATE_APIS)) {
      const call = new RegExp(`\\b(?:Taro|wx)\\s*\\.\\s*${api}\\b|\\bapi<[^>]*>\\(\\s*'${api}'`)
      const openType = new RegExp(`openType=\\{?['"]${api}['"]`)
      if (call.test(text) || openType.test(text)) used.set(api, [...(used.get(api) ?? []), path.relative(CLIENT, file)])
    }
    if (/<(Camera|LivePusher|VoipRoom)\b/.test(text)) used.set('camera component', [...(used.get('camera component') ?? []), path.relative(CLIENT, file)])
  }
  return used
}

test('every private API the client uses is declared in the guide, under WeChat’s type for it', () => {
  const used = usedApis()
  // The search works: the app's three private APIs are found where they are.
  expect(used.get('getPhoneNumber')).toEqual(['components/RegistrationForm/PhoneField.weapp.tsx'])
  expect(used.get('chooseMedia')).toEqual(['services/upload.weapp.ts'])
  expect(used.get('chooseMessageFile')).toEqual(['components/ImportFile/files.weapp.ts'])

  const declared = new Map(PRIVACY_ITEMS.flatMap((item) => item.apis.map((api) => [api, item.guideType] as const)))
  const undeclared = [...used.keys()].filter((api) => !declared.has(api))
  expect(undeclared).toEqual([])
  for (const api of used.keys()) expect(declared.get(api)).toBe(PRIVATE_APIS[api])
})

test('nothing is declared that the client does not use (the guide would ask for more than the app takes)', () => {
  const used = usedApis()
  for (const item of PRIVACY_ITEMS) for (const api of item.apis) expect([api, used.has(api)]).toEqual([api, true])
})

test('the popup finds the entry by the referrer WeChat names', () => {
  expect(privacyItemOf('button.getPhoneNumber')?.guideType).toBe('手机号')
  expect(privacyItemOf('chooseMedia')?.guideType).toBe('选中的照片或视频')
  expect(privacyItemOf('chooseMessageFile')?.guideType).toBe('选中的文件')
  expect(privacyItemOf('getLocation')).toBeUndefined()
})

test('docs/privacy.md carries each entry’s words for the console, as written here', () => {
  const doc = fs.readFileSync(path.resolve(CLIENT, '..', 'docs', 'privacy.md'), 'utf8')
  for (const item of PRIVACY_ITEMS) {
    expect(doc).toContain(item.guideType)
    expect(doc).toContain(item.purpose)
    expect(doc).toContain(item.retention)
  }
})
