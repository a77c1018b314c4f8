import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { ROOT, startTestStack, type TestStack } from '../testing/stack'

let stack: TestStack
let functionsDir: string

beforeAll(async () => {
  // Inside the repository, so the built fixture resolves wx-server-sdk as deployed functions do.
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true })
  functionsDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'fns-'))
  const target = path.join(functionsDir, 'echo')
  fs.mkdirSync(target)
  await build({
    entryPoints: [path.join(__dirname, 'fixtures/echo/src/index.ts')],
    outfile: path.join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
  })
  fs.copyFileSync(path.join(__dirname, 'fixtures/echo/config.json'), path.join(target, 'config.json'))
  stack = await startTestStack({ functionsDir, maxInstancesPerFunction: 3 })
  await stack.runner.warm(['echo'], 3)
}, 60_000)

afterAll(async () => {
  await stack?.close()
  fs.rmSync(functionsDir, { recursive: true, force: true })
})

test('concurrent invocations never see each other\'s identity', async () => {
  const callers = Array.from({ length: 24 }, (_, i) => `openid-${i}`)
  const results = await Promise.all(callers.map((openid, i) => stack.call('echo', { delayMs: 5 + (i % 4) * 10 }, openid)))
  results.forEach(({ result }, i) => {
    expect(result.before).toBe(callers[i])
    expect(result.after).toBe(callers[i])
    // The platform adds userInfo to the event; the function sees it but must not trust it.
    expect(result.event.userInfo).toEqual({ appId: expect.any(String), openId: callers[i] })
  })
}, 30_000)

test('each invocation counts its own database round trips', async () => {
  const { result, roundTrips } = await stack.call('echo', {}, 'counter')
  expect(result.users).toBe(0)
  expect(roundTrips).toBe(1)
})

test('a function that throws is reported as a failed invocation and the instance keeps serving', async () => {
  const failed = await stack.call('echo', { crash: true }, 'a')
  expect(failed.error).toMatchObject({ errCode: -504002, errMsg: 'boom' })
  const next = await stack.call('echo', {}, 'b')
  expect(next.result.after).toBe('b')
})

test('a function that runs past its timeout is killed and replaced', async () => {
  const hung = await stack.call('echo', { hang: true }, 'a')
  expect(hung.error).toMatchObject({ errCode: -504003 })
  const next = await stack.call('echo', {}, 'c')
  expect(next.result.after).toBe('c')
}, 15_000)

test('an unknown function is refused before anything runs', async () => {
  await expect(stack.runner.invoke('nope', {}, { openid: 'x' })).rejects.toThrow(/unknown cloud function/)
  await expect(stack.runner.invoke('../users', {}, { openid: 'x' })).rejects.toThrow(/unknown cloud function/)
})
