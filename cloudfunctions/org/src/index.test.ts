/**
 * The org function as deployed: the built bundle, run by the runner, against the real emulator
 * seeded with the demo county. The mini-program code comes from the emulator's answer to the
 * unchanged SDK's `wxacode.getUnlimited` call; it is decoded to check the scene round-trips.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import { openApiRoute, wxacodeText, type OpenApiRoute } from '../../../server/emulator/openapi'
import { REGISTRATION_PAGE } from '../../../domain/api/org'

jest.setTimeout(60_000)

let stack: TestStack
let openApi: OpenApiRoute

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  // The stack registers its own; this one is the same route, kept here to see what was asked.
  openApi = openApiRoute()
  stack.emulator.route('wx.openApi', openApi)
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

beforeEach(() => {
  openApi.calls.length = 0
})

const inviteCode = (input: Record<string, unknown>, openid: string) => stack.call('org', { action: 'inviteCode', ...input }, openid)

function readQr(base64: string): string | null {
  const img = PNG.sync.read(Buffer.from(base64, 'base64'))
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null
}

test("the community admin gets their community's code, which opens registration with its scene", async () => {
  const { result, roundTrips } = await inviteCode({ kind: 'community', id: 'org-beimen' }, 'demo-community-admin')
  expect(result).toMatchObject({
    code: 0,
    data: { scene: 'c:org-beimen', page: 'packages/registration/pages/register/index', contentType: 'image/png', imageBase64: expect.any(String) },
  })
  const png = Buffer.from(result.data.imageBase64, 'base64')
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(readQr(result.data.imageBase64)).toBe('lianxin://packages/registration/pages/register/index?scene=c%3Aorg-beimen')
  expect(openApi.calls).toEqual([
    expect.objectContaining({ apiName: 'wxacode.getUnlimited', params: { scene: 'c:org-beimen', page: REGISTRATION_PAGE, check_path: false }, errcode: 0 }),
  ])
  // Caller and community read together, then the open API.
  expect(roundTrips).toBe(3)

  // The scene is what registration resolves.
  const resolved = await stack.call('registration', { action: 'resolveInvite', scene: result.data.scene }, 'demo-newcomer')
  expect(resolved.result).toEqual({ code: 0, data: { kind: 'community', id: 'org-beimen', name: '北门社区' } })
})

test("another community's admin is forbidden, and no code is asked for", async () => {
  const { result, roundTrips } = await inviteCode({ kind: 'community', id: 'org-beimen' }, 'demo-chengnan-admin')
  expect(result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
  expect(roundTrips).toBe(2)
  expect(openApi.calls).toEqual([])
})

test("the unit admin gets their unit's code", async () => {
  const { result } = await inviteCode({ kind: 'unit', id: 'unit-water-bureau' }, 'demo-unit-admin')
  expect(result).toMatchObject({ code: 0, data: { scene: 'u:unit-water-bureau', contentType: 'image/png' } })
  expect(readQr(result.data.imageBase64)).toBe(wxacodeText(REGISTRATION_PAGE, 'u:unit-water-bureau'))
})

test('a unit admin cannot make a community code, nor a community admin a unit code', async () => {
  expect((await inviteCode({ kind: 'community', id: 'org-beimen' }, 'demo-unit-admin')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
  expect((await inviteCode({ kind: 'unit', id: 'unit-water-bureau' }, 'demo-community-admin')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
  expect((await inviteCode({ kind: 'community', id: 'org-beimen' }, 'demo-newcomer')).result).toMatchObject({ code: 'AUTH.FORBIDDEN' })
  expect(openApi.calls).toEqual([])
})

test('unknown ids are named as such for those who could make codes', async () => {
  expect((await inviteCode({ kind: 'community', id: 'org-nowhere' }, 'demo-community-admin')).result).toMatchObject({ code: 'ORG.UNKNOWN_COMMUNITY' })
  expect((await inviteCode({ kind: 'unit', id: 'unit-nowhere' }, 'demo-unit-admin')).result).toMatchObject({ code: 'ORG.UNKNOWN_UNIT' })
  // A unit id is not a community.
  expect((await inviteCode({ kind: 'community', id: 'unit-water-bureau' }, 'demo-community-admin')).result).toMatchObject({ code: 'ORG.UNKNOWN_COMMUNITY' })
})

test('bad kind or id is REQUEST.INVALID', async () => {
  for (const input of [
    { kind: 'building', id: 'org-beimen' },
    { kind: 'community' },
    { kind: 'community', id: '' },
    { kind: 'community', id: 'x'.repeat(31) },
    { kind: 'community', id: 'org beimen' },
    { kind: 'community', id: 42 },
    { kind: 'community', id: 'org-beimen', extra: 1 },
  ]) {
    expect((await inviteCode(input, 'demo-community-admin')).result).toMatchObject({ code: 'REQUEST.INVALID' })
  }
  expect(openApi.calls).toEqual([])
})
