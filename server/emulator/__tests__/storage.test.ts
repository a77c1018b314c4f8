// Cloud storage through the unchanged wx-server-sdk: uploadFile (getUploadMetadata + PUT to the
// returned COS URL), getTempFileURL, downloadFile, deleteFile, as a cloud function makes them.
import fs from 'fs'
import http from 'http'
import path from 'path'
import { startEmulator, type Emulator } from '../index'
import { checkCloudPath } from '../storage'
import { post, quiet, sdkFor, tmpDir } from './helpers'

let emu: Emulator
let dataDir: string
let cloud: any
let point: (e: Emulator, t?: string) => void

// A real (1×1) PNG: storage does not look inside, but the bytes must come back exactly.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

beforeAll(async () => {
  dataDir = tmpDir()
  emu = await startEmulator({ port: 0, dataDir, log: quiet })
  ;({ cloud, point } = sdkFor(emu, 'storage'))
})

afterAll(async () => {
  await emu?.close()
})

function get(url: string, method = 'GET', headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(encodeURI(url), { method, agent: false, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('uploadFile returns a WeChat-form fileID, and the file is stored with its size and type', async () => {
  const res = await cloud.uploadFile({ cloudPath: 'wishes/w1/照片-1.png', fileContent: PNG })
  expect(res.fileID).toBe('cloud://lianxin-local.6c69-lianxin-local-1300000000/wishes/w1/照片-1.png')
  expect(emu.storage.stat(res.fileID)).toMatchObject({ cloudPath: 'wishes/w1/照片-1.png', size: PNG.length, contentType: 'image/png', uploadedAt: expect.any(String) })
  expect(emu.storage.read(res.fileID)).toEqual(PNG)
})

test('getTempFileURL gives a signed URL that serves the bytes with type and length; downloadFile reads them', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'wishes/w2/a.png', fileContent: PNG })
  const res = await cloud.getTempFileURL({ fileList: [fileID, { fileID, maxAge: 60 }] })
  expect(res.fileList).toHaveLength(2)
  for (const f of res.fileList) expect(f).toMatchObject({ fileID, status: 0, errMsg: 'ok', tempFileURL: expect.stringContaining(`${emu.url}/cos/`) })
  const got = await get(res.fileList[1].tempFileURL)
  expect(got.status).toBe(200)
  expect(got.headers['content-type']).toBe('image/png')
  expect(got.headers['content-length']).toBe(String(PNG.length))
  expect(got.headers['access-control-allow-origin']).toBe('*')
  expect(got.body).toEqual(PNG)
  const head = await get(res.fileList[0].tempFileURL, 'HEAD')
  expect([head.status, head.headers['content-length']]).toEqual([200, String(PNG.length)])

  const dl = await cloud.downloadFile({ fileID })
  expect(dl.statusCode).toBe(200)
  expect(Buffer.from(dl.fileContent)).toEqual(PNG)
})

test('a temp URL serves byte ranges as COS does (the first bytes of a photo without the rest)', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'wishes/r/a.png', fileContent: PNG })
  const [{ tempFileURL }] = (await cloud.getTempFileURL({ fileList: [fileID] })).fileList
  const head = await get(tempFileURL, 'GET', { range: 'bytes=0-7' })
  expect([head.status, head.headers['content-range'], head.headers['content-length']]).toEqual([206, `bytes 0-7/${PNG.length}`, '8'])
  expect(head.body).toEqual(PNG.subarray(0, 8))
  expect((await get(tempFileURL, 'GET', { range: 'bytes=-4' })).body).toEqual(PNG.subarray(PNG.length - 4))
  expect((await get(tempFileURL, 'GET', { range: `bytes=${PNG.length - 2}-` })).body).toEqual(PNG.subarray(PNG.length - 2))
  expect((await get(tempFileURL, 'GET', { range: `bytes=${PNG.length}-` })).status).toBe(416)
})

test('a temp URL with a wrong or expired signature, or another path, is refused', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'wishes/w3/a.png', fileContent: PNG })
  const [{ tempFileURL }] = (await cloud.getTempFileURL({ fileList: [fileID] })).fileList
  const u = new URL(tempFileURL)
  const tampered = (await get(tempFileURL.replace(/sign=[^&]+/, 'sign=x' + u.searchParams.get('sign')!.slice(1))))
  expect([tampered.status, tampered.body.toString()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')])
  expect((await get(tempFileURL.replace('/w3/', '/w2/'))).status).toBe(403)
  expect((await get(tempFileURL.replace(/t=\d+/, 't=1'))).status).toBe(403)
})

test('a missing file: getTempFileURL reports it per entry, downloadFile throws, deleteFile reports it', async () => {
  const missing = emu.storage.fileIdOf('wishes/nope.png')
  const res = await cloud.getTempFileURL({ fileList: [missing, 'cloud://other-env.abcd/x.png'] })
  expect(res.fileList.map((f: any) => [f.status, f.tempFileURL])).toEqual([
    [-503003, ''],
    [-503003, ''],
  ])
  // @cloudbase/node-sdk throws this one itself (errCode -1), with CloudBase's code.
  await expect(cloud.downloadFile({ fileID: missing })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
  const del = await cloud.deleteFile({ fileList: [missing] })
  expect(del.fileList).toEqual([{ fileID: missing, status: -503003, errMsg: expect.any(String) }])
})

test('deleteFile removes the file; its temp URL then answers 404', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'wishes/w4/a.jpg', fileContent: Buffer.from('not really a jpeg') })
  expect(emu.storage.stat(fileID)?.contentType).toBe('image/jpeg')
  const [{ tempFileURL }] = (await cloud.getTempFileURL({ fileList: [fileID] })).fileList
  const del = await cloud.deleteFile({ fileList: [fileID] })
  expect(del.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
  expect(emu.storage.stat(fileID)).toBeUndefined()
  expect((await get(tempFileURL)).status).toBe(404)
})

test('files survive a restart, and temp URLs handed out before stay valid', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'wishes/w5/a.png', fileContent: PNG })
  const [{ tempFileURL }] = (await cloud.getTempFileURL({ fileList: [fileID] })).fileList
  const port = emu.port
  await emu.close()
  emu = await startEmulator({ port, dataDir, log: quiet })
  point(emu, 'storage')
  expect((await get(tempFileURL)).body).toEqual(PNG)
  expect(Buffer.from((await cloud.downloadFile({ fileID })).fileContent)).toEqual(PNG)
})

test('bad cloud paths and uploads without a valid token are refused', async () => {
  for (const bad of ['', '/abs.png', 'a/../b.png', 'a//b.png', 'a?.png', 'a%20.png']) {
    expect(() => checkCloudPath(bad)).toThrow()
  }
  await expect(cloud.uploadFile({ cloudPath: 'a/../b.png', fileContent: PNG })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  // A PUT straight to a storage URL without the token getUploadMetadata hands out.
  const res = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${emu.url}/cos/${emu.storage.bucket}/x.png`, { method: 'PUT' }, (r) => {
      r.resume()
      resolve(r.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end(PNG)
  })
  expect(res).toBe(403)
  expect(emu.storage.stat('x.png')).toBeUndefined()
  // More than 50 files in one call, as WeChat refuses.
  const many = Array.from({ length: 51 }, (_, i) => emu.storage.fileIdOf(`f${i}.png`))
  expect((await post(emu.adminUrl(), { action: 'storage.batchGetDownloadUrl', file_list: many.map((fileid) => ({ fileid })) })).body).toMatchObject({ code: 'INVALID_PARAM' })
})

test('uploads racing to one path leave one whole version, and replaced bytes are removed', async () => {
  const versions = Array.from({ length: 8 }, (_, i) => Buffer.concat([PNG, Buffer.alloc(i * 100, i)]))
  await Promise.all(versions.map((v) => cloud.uploadFile({ cloudPath: 'wishes/race/a.png', fileContent: v })))
  const meta = emu.storage.stat('wishes/race/a.png')!
  const bytes = emu.storage.read('wishes/race/a.png')!
  expect(versions.some((v) => v.equals(bytes))).toBe(true)
  expect(meta.size).toBe(bytes.length)
  const objects = path.join(dataDir, 'storage', 'objects')
  const { createHash } = await import('crypto')
  const hash = createHash('sha256').update('wishes/race/a.png').digest('hex')
  // One record and one blob remain for that path.
  expect(fs.readdirSync(objects).filter((f) => f.startsWith(hash)).sort()).toHaveLength(2)
})
