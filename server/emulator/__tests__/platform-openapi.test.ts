// security.msgSecCheck and subscribeMessage.send through the unchanged wx-server-sdk, against an
// emulator started as `npm start` starts it (the outbox durable in its data dir).
import fs from 'fs'
import path from 'path'
import { startEmulator, type Emulator } from '../index'
import { Outbox } from '../outbox'
import { normalize, parseSecWords, secCheck } from '../seccheck'
import { failure, quiet, sdkFor, tmpDir } from './helpers'

let emu: Emulator
let dataDir: string
let cloud: any
let point: (e: Emulator, t?: string) => void

beforeAll(async () => {
  dataDir = tmpDir()
  emu = await startEmulator({ port: 0, dataDir, log: quiet })
  ;({ cloud, point } = sdkFor(emu, 'platform'))
})

afterAll(async () => {
  await emu?.close()
})

const check = (content: string, extra: Record<string, unknown> = {}) =>
  cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o-grid-1', ...extra })

describe('security.msgSecCheck', () => {
  test('ordinary wish text passes with label 100, in the shape WeChat answers (camelCased by the SDK)', async () => {
    const res = await check('给独居的王奶奶买一台电暖器，冬天屋里太冷了')
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } })
    expect(res.detail).toEqual([{ strategy: 'keyword', errcode: 0, suggest: 'pass', label: 100 }])
    expect(res.traceId).toMatch(/^local-/)
  })

  test('the test-only words give risky and review verdicts', async () => {
    const risky = await check('这是一段测试违规词的文字')
    expect(risky.result).toEqual({ suggest: 'risky', label: 21000 })
    expect(risky.detail[0]).toMatchObject({ strategy: 'keyword', suggest: 'risky', keyword: '测试违规词' })
    expect((await check('测试可疑词')).result).toEqual({ suggest: 'review', label: 21000 })
  })

  test('spaces, punctuation and case do not dodge the list; the worst hit wins', async () => {
    expect((await check('测 试，违-规 词')).result.suggest).toBe('risky')
    // review (advertising) and risky (fraud) together: risky, with the fraud label.
    const both = await check('加微信，帮忙刷单')
    expect(both.result).toEqual({ suggest: 'risky', label: 20008 })
    expect(both.detail.map((d: any) => d.label).sort()).toEqual([10001, 20008])
  })

  test('refusals come back as WeChat errcodes, thrown by the SDK', async () => {
    expect((await failure(check(''))).errCode).toBe(47001)
    expect((await failure(check('长'.repeat(2501)))).errCode).toBe(47001)
    expect((await failure(check('你好', { openid: undefined }))).errCode).toBe(47001)
    expect((await failure(check('你好', { scene: 9 }))).errCode).toBe(47001)
    // The retired v1 (no version) refused risky content with 87014.
    expect((await failure(cloud.openapi.security.msgSecCheck({ content: '测试违规词' }))).errCode).toBe(87014)
    expect(await cloud.openapi.security.msgSecCheck({ content: '你好' })).toMatchObject({ errCode: 0 })
  })

  test('the word list format is checked and words are stored normalized', () => {
    expect(parseSecWords('# c\n20003 risky Ab C\n')).toEqual([{ label: 20003, suggest: 'risky', word: 'abc' }])
    expect(() => parseSecWords('20003 bad word')).toThrow(/expected/)
    expect(secCheck('xABCx', parseSecWords('20003 review abc')).result).toEqual({ suggest: 'review', label: 20003 })
    expect(normalize('Ａ Ｂ！')).toBe('ab')
  })
})

describe('subscribeMessage.send', () => {
  const message = {
    touser: 'o-member-1',
    templateId: 'TPL_WISH_LIT',
    page: 'packages/wishes/pages/detail/index?id=w1',
    data: { thing1: { value: '给王奶奶买电暖器' }, phrase2: { value: '已点亮' }, date3: { value: '2026-11-22' } },
    miniprogramState: 'developer',
  }

  test('a message is accepted, recorded in the outbox newest first, and survives a restart', async () => {
    const res = await cloud.openapi.subscribeMessage.send(message)
    expect(res).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    await cloud.openapi.subscribeMessage.send({ ...message, touser: 'o-grid-1', data: { thing1: { value: '第二条' } } })
    const list = emu.outbox.list()
    expect(list.map((m) => m.touser)).toEqual(['o-grid-1', 'o-member-1'])
    expect(list[1]).toMatchObject({
      touser: 'o-member-1',
      templateId: 'TPL_WISH_LIT',
      page: message.page,
      data: message.data,
      miniprogramState: 'developer',
      id: expect.any(String),
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    expect(emu.outbox.list({ touser: 'o-member-1' })).toHaveLength(1)

    await emu.close()
    emu = await startEmulator({ port: 0, dataDir, log: quiet })
    point(emu, 'platform')
    expect(emu.outbox.list().map((m) => m.touser)).toEqual(['o-grid-1', 'o-member-1'])
    await cloud.openapi.subscribeMessage.send({ ...message, touser: 'o-third' })
    expect(emu.outbox.list()[0].touser).toBe('o-third')
  })

  test('what WeChat refuses is refused with its errcode and not recorded', async () => {
    const before = emu.outbox.size
    expect((await failure(cloud.openapi.subscribeMessage.send({ ...message, touser: '' }))).errCode).toBe(40003)
    expect((await failure(cloud.openapi.subscribeMessage.send({ ...message, templateId: undefined }))).errCode).toBe(40037)
    expect((await failure(cloud.openapi.subscribeMessage.send({ ...message, data: {} }))).errCode).toBe(47003)
    expect((await failure(cloud.openapi.subscribeMessage.send({ ...message, data: { thing1: { value: '字'.repeat(21) } } }))).errCode).toBe(47003)
    expect((await failure(cloud.openapi.subscribeMessage.send({ ...message, data: { phrase1: { value: '六个字的短语' } } }))).errCode).toBe(47003)
    expect((await failure(cloud.openapi.subscribeMessage.send({ ...message, miniprogramState: 'beta' }))).errCode).toBe(47001)
    expect(emu.outbox.size).toBe(before)
  })
})

test('a torn last outbox line (a crash mid-write) is cut off and later messages read back', () => {
  const file = path.join(tmpDir(), 'outbox.jsonl')
  const first = new Outbox(file)
  first.add({ touser: 'o1', templateId: 't', data: { thing1: { value: 'a' } } })
  first.close()
  fs.appendFileSync(file, '{"id":"torn","touser":"o2"')
  const second = new Outbox(file)
  expect(second.list().map((m) => m.touser)).toEqual(['o1'])
  second.add({ touser: 'o3', templateId: 't', data: { thing1: { value: 'b' } } })
  second.close()
  expect(new Outbox(file).list().map((m) => m.touser)).toEqual(['o3', 'o1'])
})
