/**
 * 重新提交 (resubmit) and the 报到证 QR code, as deployed: the built bundle against the emulator
 * seeded with the demo county. 马晓东 (seed-ma-xiaodong) waits for 县水利局; 李建国 is registered.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(60_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('registration', { action, ...input }, openid)
const db = () => stack.emulator.db
const LIVE = { $in: ['pending_unit', 'pending_community', 'registered'] }

const corrected = (over: Record<string, unknown> = {}) => ({
  id: 'reg-ma-xiaodong',
  name: '马晓东',
  phone: '13800001012',
  unitId: 'unit-water-bureau',
  communityId: 'org-beimen',
  buildingId: 'org-beimen-b1',
  skills: ['法律咨询'],
  skillNote: '可以做法律咨询',
  freeTime: ['周末白天'],
  ...over,
})

function snapshot() {
  return { registrations: db().collection('registrations').find({}), users: db().collection('users').find({}) }
}

describe('resubmitting a rejected registration', () => {
  beforeAll(async () => {
    const { result } = await call('rejectUnit', { id: 'reg-ma-xiaodong', reason: '请填写楼栋' }, 'demo-unit-admin')
    expect(result.data).toMatchObject({ state: 'rejected', reason: '请填写楼栋' })
  })

  test('someone else cannot resubmit it, and nothing changes', async () => {
    const before = snapshot()
    for (const openid of ['demo-member', 'demo-unit-admin', 'never-seen-resubmitter']) {
      const { result } = await call('resubmit', corrected(), openid)
      expect(result).toEqual({ code: 'AUTH.FORBIDDEN', message: '只能重新提交您本人的报到' })
    }
    expect(snapshot()).toEqual(before)
  })

  const bad: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['an unknown registration', corrected({ id: 'reg-nope' }), 'REGISTRATION.NOT_FOUND', /^找不到这份报到记录$/],
    ['an unknown unit', corrected({ unitId: 'unit-nope' }), 'ORG.UNKNOWN_UNIT', /^找不到这个单位$/],
    ['an unknown community', corrected({ communityId: 'org-nope', buildingId: undefined }), 'ORG.UNKNOWN_COMMUNITY', /^找不到这个社区$/],
    ['a building of another community', corrected({ buildingId: 'org-chengnan-b1' }), 'ORG.UNKNOWN_NODE', /^所选楼栋不在北门社区/],
    ['a malformed phone', corrected({ phone: '12345' }), 'REQUEST.INVALID', /手机号/],
    ['no id', corrected({ id: undefined }), 'REQUEST.INVALID', /id/],
    ['an id with a query in it', corrected({ id: { $ne: null } }), 'REQUEST.INVALID', /编号/],
  ]
  test.each(bad)('%s: refused, nothing written', async (_label, body, code, message) => {
    const before = snapshot()
    const { result } = await call('resubmit', body, 'seed-ma-xiaodong')
    expect(result.code).toBe(code)
    expect(result.message).toMatch(message)
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(snapshot()).toEqual(before)
  })

  test('the owner corrects and resubmits: back to 待单位确认, with the history, live again', async () => {
    const { result, roundTrips } = await call('resubmit', corrected(), 'seed-ma-xiaodong')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({
      id: 'reg-ma-xiaodong',
      state: 'pending_unit',
      stateLabel: '待单位确认',
      reason: null,
      building: { id: 'org-beimen-b1', name: '北门花园1栋' },
      skillNote: '可以做法律咨询',
      freeTime: ['周末白天'],
      missing: ['等待工作单位党组织确认', '等待社区党委确认'],
    })
    expect(result.data.history.map((h: { verb: string; from: string | null; to: string; byName: string }) => [h.verb, h.from, h.to, h.byName])).toEqual([
      ['submit', null, 'pending_unit', '马晓东'],
      ['rejectUnit', 'pending_unit', 'rejected', '刘洋'],
      ['resubmit', 'rejected', 'pending_unit', '马晓东'],
    ])
    expect(result.data.history[1].reason).toBe('请填写楼栋')
    // The caller, the registration, the unit, community and building in one aggregation; claim; change
    // (5 before the kit's changeState joined the reads).
    expect(roundTrips).toBe(3)

    const stored = db().collection('registrations').findOne({ _id: 'reg-ma-xiaodong' })!
    expect(stored).toMatchObject({ state: 'pending_unit', buildingId: 'org-beimen-b1', skillNote: '可以做法律咨询' })
    expect(stored.reason).toBeUndefined()
    expect(db().collection('users').findOne({ _id: 'user-seed-ma-xiaodong' })!.liveRegistrationId).toBe('reg-ma-xiaodong')
    expect((await call('myCard', {}, 'seed-ma-xiaodong')).result.data).toEqual(result.data)

    const list = await call('listPending', { scope: 'unit', scopeId: 'unit-water-bureau' }, 'demo-unit-admin')
    expect(list.result.data.items.map((i: { id: string }) => i.id)).toContain('reg-ma-xiaodong')
  })

  test('only from 已退回: a second resubmission is an invalid transition', async () => {
    const before = snapshot()
    const { result } = await call('resubmit', corrected(), 'seed-ma-xiaodong')
    expect(result).toEqual({ code: 'REGISTRATION.INVALID_TRANSITION', message: '当前状态为「待单位确认」，不能进行这个操作' })
    expect(snapshot()).toEqual(before)
  })

  test('a registered one cannot be resubmitted either', async () => {
    const before = snapshot()
    const { result } = await call('resubmit', corrected({ id: 'reg-demo-member', name: '李建国' }), 'demo-member')
    expect(result).toMatchObject({ code: 'REGISTRATION.INVALID_TRANSITION', message: expect.stringContaining('已报到') })
    expect(snapshot()).toEqual(before)
  })
})

describe('resubmitting when something else is live', () => {
  test('after a rejection the person registered anew: the old one cannot come back', async () => {
    const rejected = await call('rejectCommunity', { id: 'reg-wu-fang', reason: '不住在本社区' }, 'demo-community-admin')
    expect(rejected.result.data.state).toBe('rejected')
    const fresh = await call('register', { name: '吴芳', phone: '13800001013', unitId: 'unit-water-bureau', communityId: 'org-chengnan', skills: [], freeTime: [] }, 'seed-wu-fang')
    expect(fresh.result.data.state).toBe('pending_unit')

    const before = snapshot()
    const { result } = await call('resubmit', { id: 'reg-wu-fang', name: '吴芳', phone: '13800001013', unitId: 'unit-water-bureau', communityId: 'org-beimen', skills: [], freeTime: [] }, 'seed-wu-fang')
    expect(result).toEqual({ code: 'REGISTRATION.ALREADY_REGISTERED', message: expect.stringContaining('迁移') })
    expect(snapshot()).toEqual(before)
  })

  test('five simultaneous resubmissions: one goes through, one live registration', async () => {
    const rejected = await call('rejectCommunity', { id: 'reg-zheng-lei', reason: '楼栋写错了' }, 'demo-chengnan-admin')
    expect(rejected.result.data.state).toBe('rejected')
    const body = { id: 'reg-zheng-lei', name: '郑磊', phone: '13800001014', unitId: 'unit-water-co', communityId: 'org-chengnan', skills: ['家电维修'], freeTime: [] }
    const results = await Promise.all(Array.from({ length: 5 }, () => call('resubmit', body, 'seed-zheng-lei')))
    const codes = results.map((r) => r.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(1)
    for (const c of codes.filter((x) => x !== 0)) expect(['REGISTRATION.ALREADY_REGISTERED', 'REGISTRATION.CHANGED', 'REGISTRATION.INVALID_TRANSITION']).toContain(c)
    const stored = db().collection('registrations').findOne({ _id: 'reg-zheng-lei' })!
    expect(stored.history.filter((h: { verb: string }) => h.verb === 'resubmit')).toHaveLength(1)
    expect(stored.building).toBeUndefined()
    expect(stored.buildingId).toBeUndefined()
    expect(db().collection('registrations').count({ userId: 'user-seed-zheng-lei', state: LIVE })).toBe(1)
    expect(db().collection('users').findOne({ _id: 'user-seed-zheng-lei' })!.liveRegistrationId).toBe('reg-zheng-lei')
  })
})

describe('the 报到证 QR code', () => {
  function readQr(base64: string): string | null {
    const img = PNG.sync.read(Buffer.from(base64, 'base64'))
    return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null
  }

  test('the owner gets a PNG that scans as reg:<id> and nothing else', async () => {
    const { result, roundTrips } = await call('cardQr', { id: 'reg-demo-member' }, 'demo-member')
    expect(result).toEqual({ code: 0, data: { payload: 'reg:reg-demo-member', imageBase64: expect.any(String), contentType: 'image/png' } })
    const png = Buffer.from(result.data.imageBase64, 'base64')
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(readQr(result.data.imageBase64)).toBe('reg:reg-demo-member')
    // No name, no phone: the picture is the id.
    expect(result.data.imageBase64.length).toBeLessThan(8000)
    expect(roundTrips).toBe(2)
  })

  test('a closed registration of the owner still has its code', async () => {
    const { result } = await call('cardQr', { id: 'reg-wu-fang' }, 'seed-wu-fang')
    expect(readQr(result.data.imageBase64)).toBe('reg:reg-wu-fang')
  })

  test("someone else's registration, an unknown id, or an unknown person: not found", async () => {
    for (const [id, openid] of [['reg-demo-member', 'demo-community-admin'], ['reg-nope', 'demo-member'], ['reg-demo-member', 'never-seen-qr']]) {
      const { result } = await call('cardQr', { id }, openid)
      expect(result).toEqual({ code: 'REGISTRATION.NOT_FOUND', message: '找不到这份报到记录' })
    }
    expect((await call('cardQr', { id: 'reg demo' }, 'demo-member')).result.code).toBe('REQUEST.INVALID')
    expect(db().collection('users').count({ openid: 'never-seen-qr' })).toBe(0)
  })
})
