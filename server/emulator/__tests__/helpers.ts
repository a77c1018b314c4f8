// Test plumbing: throwaway data dirs, the real wx-server-sdk and @cloudbase/node-sdk pointed at an
// emulator, raw POSTs, waiting for a condition.
import { execFile } from 'child_process'
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import { sdkEnv, type Emulator } from '../index'

const dirs: string[] = []
export const tmpDir = (prefix = 'lianxin-emu-') => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
// Registered in every test file that imports this module (each file gets its own copy). Should it
// run before a file's own afterAll closes an emulator, that is harmless: the open journal survives unlinking.
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

export const quiet = () => undefined

/**
 * The unchanged SDK, as a cloud function gets it. The SDK reads its endpoint from process.env on
 * every request, so pointing it at another emulator (or tag) is just `point()` again.
 */
export function sdkFor(emulator: Emulator, tag?: string): { cloud: any; db: any; point: (e: Emulator, t?: string) => void } {
  const point = (e: Emulator, t?: string) => Object.assign(process.env, sdkEnv(e.adminUrl(t)), { SILENCE: 'true' })
  point(emulator, tag)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'lianxin-local' })
  return { cloud, db: cloud.database(), point }
}

/**
 * @cloudbase/node-sdk, the official CloudBase server SDK (wx-server-sdk wraps it), pointed at the
 * same emulator the same way: it too reads the endpoint from process.env on every request.
 */
export function nodeSdkFor(emulator: Emulator, tag?: string): { app: any; db: any } {
  Object.assign(process.env, sdkEnv(emulator.adminUrl(tag)), { SILENCE: 'true' })
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tcb = require('@cloudbase/node-sdk')
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return { app, db: app.database() }
}

/**
 * Resolves once `condition()` holds, checking every few milliseconds; fails after `timeoutMs`.
 * For waiting on a deterministic signal instead of sleeping a fixed time.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/**
 * @cloudbase/node-sdk's `watch()` in a child process (fixtures/watch-client.js): the SDK opens its
 * realtime socket with the global WebSocket, which Node 20 has only with --experimental-websocket.
 * Resolves with what the listener got and after how many milliseconds.
 */
export function watchInChild(emulator: Emulator, tag: string, collection: string): Promise<{ event: string; ms: number; message?: string; websocket: string }> {
  const flags = process.allowedNodeEnvironmentFlags.has('--experimental-websocket') && Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : []
  const env = { ...process.env, ...sdkEnv(emulator.adminUrl(tag)), SILENCE: 'true', WATCH_COLLECTION: collection, WATCH_WAIT_MS: '20000' }
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...flags, path.join(__dirname, 'fixtures', 'watch-client.js')], { env, timeout: 25_000 }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop()
      if (err || !line) return reject(new Error(`watch client failed: ${err?.message ?? 'no output'}\n${stderr}`))
      resolve(JSON.parse(line))
    })
  })
}

/**
 * Timers that fire only when the test says (`startEmulator({ timers })`): `armed()` lists the delays
 * still pending, `fireAll()` runs them now.
 */
export function controlledTimers() {
  let seq = 0
  const pending = new Map<number, { fn: () => void; ms: number }>()
  return {
    setTimeout(fn: () => void, ms: number) {
      pending.set(++seq, { fn, ms })
      return seq
    },
    clearTimeout: (h: unknown) => void pending.delete(h as number),
    armed: () => [...pending.values()].map((t) => t.ms),
    fireAll() {
      const due = [...pending.values()]
      pending.clear()
      for (const t of due) t.fn()
    },
  }
}

/** POSTs a raw admin-API body (string sent as is) and returns the parsed answer. */
export function post(url: string, body: unknown, method = 'POST'): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    const req = http.request(url, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw) })
        } catch {
          resolve({ status: res.statusCode ?? 0, body: raw })
        }
      })
    })
    req.on('error', reject)
    if (method !== 'GET') req.write(text)
    req.end()
  })
}

/**
 * Error fields of a rejected call: wx-server-sdk sets a numeric `errCode` (and `errMsg`),
 * @cloudbase/node-sdk the CloudBase `code` string.
 */
export async function failure(p: Promise<unknown>): Promise<{ errCode: number; code?: string; message: string }> {
  try {
    await p
  } catch (e: any) {
    return { errCode: e.errCode, code: e.code, message: String(e.message ?? e.errMsg ?? e) }
  }
  throw new Error('expected the call to fail')
}

export const ids = (res: { data: Array<{ _id: unknown }> }) => res.data.map((d) => d._id)
export const sortedIds = (res: { data: Array<{ _id: unknown }> }) => ids(res).map(String).sort()
