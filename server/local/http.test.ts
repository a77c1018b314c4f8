import fs from 'node:fs'
import { startLocalStack, type LocalStack } from '.'
import { buildStaleCloudFunctions } from '../../scripts/build-cloud'
import { tempDir } from '../testing/stack'
import { DEMO_IDENTITIES } from './demo'

let stack: LocalStack
let dataDir: string

beforeAll(async () => {
  await buildStaleCloudFunctions()
  dataDir = tempDir()
  stack = await startLocalStack({ dataDir, maxInstancesPerFunction: 2 })
}, 60_000)

afterAll(async () => {
  await stack?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${stack.url}${path}`, { method: 'POST', body: body as BodyInit, headers: { 'content-type': 'application/json', ...headers } })
}

test('POST /api/<function> runs the function as the identity in x-wx-openid', async () => {
  const res = await post('/api/users', JSON.stringify({ action: 'whoami' }), { 'x-wx-openid': 'demo-community-admin' })
  expect(res.status).toBe(200)
  expect(res.headers.get('x-lianxin-round-trips')).toBe('1')
  expect(await res.json()).toMatchObject({ code: 0, data: { activeRole: 'community_admin', displayName: '陈红' } })
})

test('the demo county is seeded on first start and identities are listed', async () => {
  expect(stack.seeded).toBe(true)
  const identities = await (await fetch(`${stack.url}/__local/identities`)).json()
  expect(identities).toEqual(DEMO_IDENTITIES)
  const roles = new Set(identities.map((i: { role: string }) => i.role))
  for (const role of ['resident', 'member', 'grid_worker', 'community_admin', 'unit_admin', 'county_admin']) expect(roles).toContain(role)
  expect(await stack.emulator.db.collection('org_nodes').count({ name: '龙门县' })).toBe(1)
  expect(await stack.emulator.db.collection('wishes').count({})).toBeGreaterThanOrEqual(3)
})

test('a batch of garbage gets precise codes, changes nothing, and the server keeps serving', async () => {
  const usersBefore = await stack.emulator.db.collection('users').count({})
  const garbage: Array<[string, string | Buffer, Record<string, string>, number, string]> = [
    ['/api/users', '{not json', {}, 400, 'REQUEST.INVALID'],
    ['/api/users', '"whoami"', {}, 200, 'REQUEST.INVALID'],
    ['/api/users', 'null', {}, 200, 'REQUEST.INVALID'],
    ['/api/users', JSON.stringify({ action: 'dropDatabase' }), {}, 200, 'REQUEST.UNKNOWN_ACTION'],
    ['/api/users', JSON.stringify({ action: 'whoami', openid: 'demo-county-admin' }), {}, 200, 'REQUEST.INVALID'],
    ['/api/users', JSON.stringify({ action: 'whoami' }), { 'x-wx-openid': '../../etc/passwd' }, 400, 'AUTH.UNAUTHENTICATED'],
    ['/api/nope', JSON.stringify({ action: 'whoami' }), {}, 404, 'REQUEST.UNKNOWN_FUNCTION'],
    ['/api/..%2Fusers', JSON.stringify({ action: 'whoami' }), {}, 404, 'REQUEST.UNKNOWN_FUNCTION'],
    ['/api/users', Buffer.alloc(2 * 1024 * 1024, 'a'), {}, 413, 'REQUEST.INVALID'],
    ['/api/users', Buffer.from([0xff, 0xfe, 0x00, 0x01]), {}, 400, 'REQUEST.INVALID'],
  ]
  for (const [path, body, headers, status, code] of garbage) {
    const res = await post(path, body, headers)
    expect({ path, status: res.status }).toEqual({ path, status })
    const json = await res.json()
    expect({ path, code: json.code }).toEqual({ path, code })
    expect(json.message).toMatch(/[\u4e00-\u9fa5]/)
  }
  expect(await stack.emulator.db.collection('users').count({})).toBe(usersBefore)
  const res = await post('/api/users', JSON.stringify({ action: 'whoami' }), { 'x-wx-openid': 'demo-member' })
  expect(await res.json()).toMatchObject({ code: 0, data: { displayName: '李建国' } })
})
