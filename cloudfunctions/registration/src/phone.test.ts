/**
 * The registration's phone (issue 14): in production it comes from WeChat's getPhoneNumber code,
 * exchanged by the function through the emulator's phonenumber.getPhoneNumber (`phone:<number>`
 * resolves to that number, once); a typed phone is taken only when the function runs locally.
 * Two runners over one emulator: the local one (`LIANXIN_LOCAL=1`, as `npm start` runs the
 * functions) and one `asDeployed`, which runs the same built bundle without it.
 */
import path from 'node:path'
import { sdkEnv } from '../../../server/emulator'
import { createRunner, type Runner } from '../../../server/runner'
import { ROOT, startTestStack, type TestStack } from '../../../server/testing/stack'
import { buildWorkbook } from '../../../tests/fixtures/importWorkbook'

jest.setTimeout(60_000)

let stack: TestStack
let deployed: Runner

const IMPORTED = { name: '冯刚', phone: '13912346900', unit: '县水利局', community: '北门社区' }

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  deployed = createRunner({ emulator: stack.emulator, sdkEnv, functionsDir: path.join(ROOT, 'cloudfunctions'), asDeployed: true })
  const fileBase64 = (await buildWorkbook({ members: [IMPORTED] })).toString('base64')
  const imported = await stack.call('imports', { action: 'importWorkbook', fileBase64, fileName: 'members.xlsx' }, 'demo-county-admin')
  if (imported.result.code !== 0) throw new Error(`import failed: ${JSON.stringify(imported.result)}`)
}, 120_000)

afterAll(async () => {
  await deployed?.close()
  await stack?.close()
})

const db = () => stack.emulator.db

const form = (name: string, phone: Record<string, string>, over: Record<string, unknown> = {}) => ({
  name,
  ...phone,
  unitId: 'unit-water-bureau',
  communityId: 'org-beimen',
  skills: [],
  freeTime: [],
  ...over,
})

/** As deployed: the same bundle, no LIANXIN_LOCAL. */
async function callDeployed(action: string, input: Record<string, unknown>, openid: string) {
  const invocation = await deployed.invoke('registration', { action, ...input }, { openid })
  if (invocation.error) throw new Error(`invocation failed: ${invocation.error.errMsg}`)
  return { result: invocation.result as any, roundTrips: invocation.roundTrips }
}

const callLocal = (action: string, input: Record<string, unknown>, openid: string) => stack.call('registration', { action, ...input }, openid)

function snapshot() {
  return { registrations: db().collection('registrations').find({}), users: db().collection('users').find({}) }
}

describe('as deployed: the phone comes from WeChat', () => {
  test('a typed phone is refused before anything is read or written', async () => {
    const before = snapshot()
    const { result, roundTrips } = await callDeployed('register', form('褚明', { phone: '13912346001' }), 'phone-typed')
    expect(result).toEqual({ code: 'REGISTRATION.PHONE_NOT_VERIFIED', message: '请点击「微信手机号快速填写」，使用微信绑定的手机号报到' })
    expect(roundTrips).toBe(0)
    expect(snapshot()).toEqual(before)
  })

  test("a phoneCode is exchanged through phonenumber.getPhoneNumber and the registration carries WeChat's number", async () => {
    const { result, roundTrips } = await callDeployed('register', form('褚明', { phoneCode: 'phone:13912346001' }), 'phone-code')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({ state: 'pending_unit', name: '褚明', phoneMasked: '139****6001' })
    // The exchange, then as any first registration: the reads together, create the person, claim, insert.
    expect(roundTrips).toBe(1 + 7)
    const stored = db().collection('registrations').findOne({ _id: result.data.id })!
    expect(stored).toMatchObject({ phone: '13912346001', name: '褚明', state: 'pending_unit' })
    expect(stored).not.toHaveProperty('phoneCode')
    expect(db().collection('users').findOne({ openid: 'phone-code' })).toMatchObject({ phone: '13912346001', liveRegistrationId: result.data.id })
  })

  test('a code already used, or one WeChat never gave, is PHONE_CODE_INVALID after the exchange, nothing written', async () => {
    const before = snapshot()
    for (const phoneCode of ['phone:13912346001', '0a1b2c3d4e5f']) {
      const { result, roundTrips } = await callDeployed('register', form('卫东', { phoneCode }), 'phone-bad-code')
      expect(result).toEqual({ code: 'REGISTRATION.PHONE_CODE_INVALID', message: '微信手机号授权已失效，请重新点击「微信手机号快速填写」' })
      expect(roundTrips).toBe(1)
    }
    expect(snapshot()).toEqual(before)
  })

  test('a phone and a code together are refused by the shared schema, on the phone field', async () => {
    const { result, roundTrips } = await callDeployed('register', form('卫东', { phone: '13912346002', phoneCode: 'phone:13912346002' }), 'phone-both')
    expect(result).toMatchObject({ code: 'REQUEST.INVALID', details: [{ path: 'phone', message: '手机号只需提供一次' }] })
    expect(roundTrips).toBe(0)
    // Neither: the same field says a phone is needed.
    const neither = await callDeployed('register', form('卫东', {}), 'phone-both')
    expect(neither.result).toMatchObject({ code: 'REQUEST.INVALID', details: [{ path: 'phone', message: '请填写手机号' }] })
  })

  test('binding an imported member: a typed phone with the imported name and number takes nothing', async () => {
    const imported = db().collection('registrations').findOne({ phone: IMPORTED.phone, source: 'import' })!
    const { result } = await callDeployed('register', form(IMPORTED.name, { phone: IMPORTED.phone }), 'phone-bind-typed')
    expect(result.code).toBe('REGISTRATION.PHONE_NOT_VERIFIED')
    expect(db().collection('registrations').findOne({ _id: imported._id })).toMatchObject({ userId: null, history: [{ verb: 'import' }] })
  })

  test('binding an imported member by phoneCode: the person takes the imported registration, 已报到', async () => {
    const imported = db().collection('registrations').findOne({ phone: IMPORTED.phone, source: 'import' })!
    const { result, roundTrips } = await callDeployed('register', form(IMPORTED.name, { phoneCode: `phone:${IMPORTED.phone}` }), 'phone-bind-code')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({ id: imported._id, state: 'registered', name: IMPORTED.name, phoneMasked: '139****6900' })
    // The exchange, then bind.ts's 7 on first use.
    expect(roundTrips).toBe(1 + 7)
    const person = db().collection('users').findOne({ openid: 'phone-bind-code' })!
    expect(db().collection('registrations').findOne({ _id: imported._id })).toMatchObject({ userId: person._id, phone: IMPORTED.phone })
    expect(db().collection('registrations').findOne({ _id: imported._id })!.history.map((h: { verb: string }) => h.verb)).toEqual(['import', 'bind'])
  })

  test('a move takes a new phone by code and refuses a typed one, the registration unchanged', async () => {
    const card = (await callDeployed('myCard', {}, 'phone-bind-code')).result.data
    const typed = await callDeployed('move', form(IMPORTED.name, { phone: '13912346901' }, { communityId: 'org-chengnan' }), 'phone-bind-code')
    expect(typed.result.code).toBe('REGISTRATION.PHONE_NOT_VERIFIED')
    expect((await callDeployed('myCard', {}, 'phone-bind-code')).result.data).toMatchObject({ id: card.id, state: 'registered' })

    const moved = await callDeployed('move', form(IMPORTED.name, { phoneCode: 'phone:13912346901' }, { communityId: 'org-chengnan' }), 'phone-bind-code')
    expect(moved.result.code).toBe(0)
    expect(moved.result.data).toMatchObject({ phoneMasked: '139****6901', community: { id: 'org-chengnan' } })
    expect(db().collection('users').findOne({ openid: 'phone-bind-code' })).toMatchObject({ phone: '13912346901' })
  })
})

describe('locally (the h5 app, npm start): typed or by code', () => {
  test('a typed phone registers, as the h5 form sends it', async () => {
    const { result } = await callLocal('register', form('蒋丽', { phone: '13912346003' }), 'phone-local-typed')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({ state: 'pending_unit', phoneMasked: '139****6003' })
  })

  test('a local code registers too, through the same exchange', async () => {
    const { result, roundTrips } = await callLocal('register', form('沈冰', { phoneCode: 'phone:13912346004' }), 'phone-local-code')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({ phoneMasked: '139****6004' })
    expect(roundTrips).toBe(1 + 7)
  })
})
