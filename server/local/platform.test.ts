// Platform services as functions and the h5 app reach them: through the runner (the unchanged SDK
// inside a function instance) and through the local server (upload, temp URLs, outbox, timers).
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { startLocalStack, type LocalStack } from '.'
import { ROOT, startTestStack, tempDir, type TestStack } from '../testing/stack'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

let functionsDir: string
let stack: TestStack
let local: LocalStack
let localData: string

beforeAll(async () => {
  // Inside the repository, so the built fixture resolves wx-server-sdk as deployed functions do.
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true })
  functionsDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'fns-'))
  const target = path.join(functionsDir, 'platform')
  fs.mkdirSync(target)
  const fixture = path.join(ROOT, 'server/runner/fixtures/platform')
  await build({
    entryPoints: [path.join(fixture, 'src/index.ts')],
    outfile: path.join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
  })
  fs.copyFileSync(path.join(fixture, 'config.json'), path.join(target, 'config.json'))
  stack = await startTestStack({ functionsDir })
  localData = tempDir()
  local = await startLocalStack({ dataDir: localData, functionsDir, seed: false, timers: false })
}, 60_000)

afterAll(async () => {
  await stack?.close()
  await local?.close()
  fs.rmSync(functionsDir, { recursive: true, force: true })
  fs.rmSync(localData, { recursive: true, force: true })
})

describe('through a function instance', () => {
  test('msgSecCheck answers from the word list', async () => {
    const ok = await stack.call('platform', { op: 'check', content: '给王奶奶买电暖器' }, 'o-grid')
    expect(ok.result).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
    const risky = await stack.call('platform', { op: 'check', content: '这里有测试违规词' }, 'o-grid')
    expect(risky.result.result).toEqual({ suggest: 'risky', label: 21000 })
  })

  test('subscribeMessage.send lands in the outbox, newest first', async () => {
    await stack.call('platform', { op: 'notify', touser: 'o-a', title: '心愿已点亮' }, 'o-admin')
    const sent = await stack.call('platform', { op: 'notify', touser: 'o-b', title: '心愿已送达' }, 'o-admin')
    expect(sent.result).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    expect(stack.outbox().map((m) => [m.touser, m.data.thing1.value])).toEqual([
      ['o-b', '心愿已送达'],
      ['o-a', '心愿已点亮'],
    ])
  })

  test('upload, temp URL, download and delete from inside a function', async () => {
    const up = await stack.call('platform', { op: 'upload', cloudPath: 'wishes/x/1.png', base64: PNG.toString('base64') }, 'o-grid')
    const fileID = up.result.fileID
    expect(fileID).toBe(stack.emulator.storage.fileIdOf('wishes/x/1.png'))
    expect(stack.emulator.storage.stat(fileID)).toMatchObject({ size: PNG.length, contentType: 'image/png' })
    const url = await stack.call('platform', { op: 'url', fileID }, 'o-grid')
    expect(url.result.fileList[0]).toMatchObject({ status: 0, tempFileURL: expect.stringContaining(stack.emulator.url) })
    const dl = await stack.call('platform', { op: 'download', fileID }, 'o-grid')
    expect(Buffer.from(dl.result.base64, 'base64')).toEqual(PNG)
    const del = await stack.call('platform', { op: 'delete', fileID }, 'o-grid')
    expect(del.result.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
  })

  test('an open API the function does not declare in config.json is refused as the platform does (-604101)', async () => {
    const res = await stack.call('platform', { op: 'qrcode' }, 'o-grid')
    expect(res.result).toEqual({ refused: true, errCode: -604101 })
    // Declared ones still work in the same instance.
    expect((await stack.call('platform', { op: 'check', content: '你好' }, 'o-grid')).result.errCode).toBe(0)
  })

  test('fireTimer delivers the timer event with no caller, on the shifted clock', async () => {
    const day = 86_400_000
    stack.setClockOffset(8 * day)
    try {
      const before = Date.now()
      const run = await stack.fireTimer('platform', 'everySecond')
      expect(run.error).toBeUndefined()
      const { timer, openid, now } = run.result as any
      expect(openid).toBeNull()
      expect(timer).toEqual({ Type: 'Timer', TriggerName: 'everySecond', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) })
      // Both the event's time and the function's now() are eight days ahead.
      expect(new Date(timer.Time).getTime() - before).toBeGreaterThan(8 * day - 2000)
      expect(new Date(now).getTime() - before).toBeGreaterThan(8 * day - 2000)
      const at = new Date('2027-01-01T00:00:00Z')
      expect(((await stack.fireTimer('platform', 'everySecond', { time: at })).result as any).timer.Time).toBe('2027-01-01T00:00:00Z')
    } finally {
      stack.setClockOffset(0)
    }
    await expect(stack.fireTimer('platform', 'nope')).rejects.toThrow(/declares no timer trigger named nope/)
  })
})

describe('through the local server', () => {
  test('POST /__local/upload stores the file as wx.cloud.uploadFile would, and its temp URL is on this origin', async () => {
    const res = await fetch(`${local.url}/__local/upload?cloudPath=${encodeURIComponent('wishes/h5/门口.png')}`, {
      method: 'POST',
      body: PNG,
      headers: { 'content-type': 'image/png', 'x-wx-openid': 'demo-grid-worker' },
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ fileID: local.emulator.storage.fileIdOf('wishes/h5/门口.png'), statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
    expect(local.emulator.storage.stat(body.fileID)).toMatchObject({ size: PNG.length, contentType: 'image/png', openid: 'demo-grid-worker' })

    const url = await local.runner.invoke('platform', { op: 'url', fileID: body.fileID }, { openid: 'demo-grid-worker' })
    const tempFileURL: string = (url.result as any).fileList[0].tempFileURL
    expect(tempFileURL.startsWith(`${local.url}/cos/`)).toBe(true)
    const file = await fetch(encodeURI(tempFileURL))
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG)
  })

  test('bad uploads are refused with a code and a Chinese message, and nothing is stored', async () => {
    const bad = await fetch(`${local.url}/__local/upload?cloudPath=..%2Fx.png`, { method: 'POST', body: PNG })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: 'REQUEST.INVALID', message: '文件路径无效' })
    const big = await fetch(`${local.url}/__local/upload?cloudPath=big.bin`, { method: 'POST', body: Buffer.alloc(20 * 1024 * 1024 + 1) })
    expect(big.status).toBe(413)
    expect(local.emulator.storage.stat('big.bin')).toBeUndefined()
    expect((await fetch(`${local.url}/__local/upload?cloudPath=x.png`)).status).toBe(405)
  })

  test('GET /__local/outbox lists sent messages newest first, filtered by recipient', async () => {
    for (const [touser, title] of [['o-1', '第一条'], ['o-2', '第二条'], ['o-1', '第三条']]) {
      await local.runner.invoke('platform', { op: 'notify', touser, title }, { openid: 'demo-community-admin' })
    }
    const all = await (await fetch(`${local.url}/__local/outbox`)).json()
    expect(all.map((m: any) => m.data.thing1.value)).toEqual(['第三条', '第二条', '第一条'])
    const mine = await (await fetch(`${local.url}/__local/outbox?touser=o-1&limit=1`)).json()
    expect(mine.map((m: any) => m.data.thing1.value)).toEqual(['第三条'])
  })
})

test('GET /__local/timers lists declared triggers; POST /__local/timers/<fn>/<trigger> runs one now', async () => {
  const listed = await (await fetch(`${local.url}/__local/timers`)).json()
  expect(listed.triggers).toEqual([{ fn: 'platform', trigger: 'everySecond', config: '* * * * * * *', next: expect.stringMatching(/Z$/) }])
  const fired = await fetch(`${local.url}/__local/timers/platform/everySecond`, { method: 'POST' })
  expect(fired.status).toBe(200)
  expect((await fired.json()).result.timer).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' })
  const missing = await fetch(`${local.url}/__local/timers/platform/nope`, { method: 'POST' })
  expect([missing.status, (await missing.json()).message]).toEqual([404, '没有这个定时触发器'])
})

test('npm start runs declared timers on schedule', async () => {
  const dir = tempDir()
  const running = await startLocalStack({ dataDir: dir, functionsDir, seed: false })
  try {
    // Waits for the scheduler's own signal (a recorded run), not a fixed time: the schedule is the real
    // clock here (one run a second), the scheduler itself is tested on a controlled clock (timers.test.ts).
    const scheduler = running.timers!
    await new Promise<void>((resolve) => {
      const enough = () => scheduler.runs.length >= 2 && (off(), resolve())
      const off = scheduler.onRun(enough)
      enough()
    })
    const runs = scheduler.runs
    expect(runs.length).toBeGreaterThanOrEqual(2)
    expect(runs.every((r) => r.fn === 'platform' && r.trigger === 'everySecond' && r.ok)).toBe(true)
    // One a second, on the second.
    expect(new Date(runs[1].time).getTime() - new Date(runs[0].time).getTime()).toBeGreaterThanOrEqual(1000)
    expect(new Date(runs[0].time).getMilliseconds()).toBe(0)
    const listed = await (await fetch(`${running.url}/__local/timers`)).json()
    expect(listed.runs.length).toBeGreaterThanOrEqual(2)
    expect(listed.runs[0].time >= listed.runs[1].time).toBe(true) // newest first
  } finally {
    await running.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
