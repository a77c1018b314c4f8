// Open APIs (`cloud.openapi.*`) through the unchanged wx-server-sdk: multipart + protobuf in,
// protobuf out, as the SDK sends and reads them (see openapi.ts for the protocol).
import http from 'http'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { startEmulator, type Emulator } from '../index'
import { API_TYPE, decodeCommApiData, decodeCommOpenApiResp, encodeCommApiData, encodeCommOpenApiResp, openApiRoute, wxacodeText, type OpenApiRoute } from '../openapi'
import { quiet, sdkFor, tmpDir } from './helpers'

const PAGE = 'packages/registration/pages/register/index'
let emu: Emulator
let route: OpenApiRoute
let cloud: any

function readQr(png: Buffer): string | null {
  const img = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, dataDir: tmpDir(), log: quiet })
  route = openApiRoute()
  emu.route('wx.openApi', route)
  cloud = sdkFor(emu, 'openapi').cloud
})

afterAll(async () => {
  await emu?.close()
})

beforeEach(() => {
  route.calls.length = 0
})

test('the protobuf messages round-trip with the shapes wx-server-sdk uses', () => {
  const req = { apiType: API_TYPE.OPEN_API, pairs: [{ key: 'scene', value: Buffer.from('"c:x"') }], appid: 'wx123' }
  expect(decodeCommApiData(encodeCommApiData(req))).toEqual(req)
  const resp = { respData: Buffer.from([0x89, 0x50]), contentType: 'image/png', httpCode: 200 }
  expect(decodeCommOpenApiResp(encodeCommOpenApiResp(resp))).toEqual(resp)
})

test('wxacode.getUnlimited answers a PNG mini-program code that encodes the scene and page', async () => {
  const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'c:org-beimen', page: PAGE, checkPath: false })
  expect(res.errCode).toBe(0)
  expect(res.contentType).toBe('image/png')
  expect(Buffer.isBuffer(res.buffer)).toBe(true)
  expect(res.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(readQr(res.buffer)).toBe(wxacodeText(PAGE, 'c:org-beimen'))
  expect(wxacodeText(PAGE, 'c:org-beimen')).toBe('lianxin://packages/registration/pages/register/index?scene=c%3Aorg-beimen')
  // Parameters arrive as the SDK converts them: snake_case keys, JSON values.
  expect(route.calls).toEqual([
    { apiName: 'wxacode.getUnlimited', params: { scene: 'c:org-beimen', page: PAGE, check_path: false }, tag: 'openapi', errcode: 0 },
  ])
})

test('a width is honoured within WeChat limits', async () => {
  const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'u:unit-1', page: PAGE, width: 280 })
  expect(PNG.sync.read(res.buffer).width).toBe(280)
})

test('a scene longer than 32 characters is refused as WeChat does (40169)', async () => {
  await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'c:' + 'x'.repeat(31), page: PAGE })).rejects.toMatchObject({
    errCode: 40169,
    errMsg: expect.stringContaining('invalid length for scene'),
  })
  expect(route.calls[0]).toMatchObject({ errcode: 40169 })
})

test('a missing scene, a scene with other characters and a page with a leading slash are refused', async () => {
  await expect(cloud.openapi.wxacode.getUnlimited({ page: PAGE })).rejects.toMatchObject({ errCode: 40169 })
  await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'c:北门', page: PAGE })).rejects.toMatchObject({ errCode: 40129 })
  await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'c:x', page: '/' + PAGE })).rejects.toMatchObject({ errCode: 41030 })
})

test('an open API the emulator does not know is an error, and the emulator goes on serving', async () => {
  await expect(cloud.openapi.customerServiceMessage.send({ touser: 'o1', msgtype: 'text' })).rejects.toMatchObject({
    errCode: -501007,
    errMsg: expect.stringContaining('customerServiceMessage.send is not available'),
  })
  const again = await cloud.openapi.wxacode.getUnlimited({ scene: 'c:ok', page: PAGE })
  expect(again.contentType).toBe('image/png')
})

function rawPost(body: Buffer, contentType: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(emu.adminUrl(), { method: 'POST', headers: { 'content-type': contentType } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function form(fields: Record<string, string | Buffer>, boundary = 'XyZ'): Buffer {
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    const type = Buffer.isBuffer(value) ? 'Content-Type: application/octet-stream\r\n' : ''
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n${type}\r\n`), Buffer.from(value), Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(parts)
}

test('malformed open-API requests get a CloudBase error, never a crash', async () => {
  const cases: [Buffer, string][] = [
    [Buffer.from('not multipart at all'), 'multipart/form-data; boundary=XyZ'],
    [Buffer.from('--XyZ\r\nbroken'), 'multipart/form-data; boundary=XyZ'],
    [form({ action: 'wx.openApi' }), 'multipart/form-data'],
    [form({ action: 'wx.openApi' }), 'multipart/form-data; boundary=XyZ'],
    [form({ action: 'wx.openApi', apiName: 'wxacode.getUnlimited', requestData: Buffer.from([0xff, 0xff, 0xff]) }), 'multipart/form-data; boundary=XyZ'],
    [form({ action: 'wx.openApi', apiName: 'wxacode.getUnlimited', requestData: encodeCommApiData({ apiType: API_TYPE.SVRKIT_API, pairs: [] }) }), 'multipart/form-data; boundary=XyZ'],
  ]
  for (const [body, type] of cases) {
    const res = await rawPost(body, type)
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/json; charset=utf-8')
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'INVALID_PARAM', message: expect.any(String) })
  }
  // A parameter that is not JSON text is WeChat's "data format error".
  const bad = encodeCommApiData({ apiType: API_TYPE.OPEN_API, pairs: [{ key: 'scene', value: Buffer.from('{oops') }] })
  const res = await rawPost(form({ action: 'wx.openApi', apiName: 'wxacode.getUnlimited', requestData: bad }), 'multipart/form-data; boundary=XyZ')
  const resp = decodeCommOpenApiResp(res.body)
  expect(JSON.parse(resp.respData.toString())).toMatchObject({ errcode: 47001 })
})
