import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { messageFor } from '../../domain/errors'
import { nextFire, UnknownFunctionError, type Runner, type Scheduler } from '../runner'
import type { Emulator } from '../emulator'
import { checkCloudPath, readAll } from '../emulator/storage'
import { DEFAULT_OPENID, DEMO_IDENTITIES } from './demo'

export interface LocalServerOptions {
  runner: Runner
  /** Platform services the h5 app reaches here: file upload and temp URLs, the subscribe-message outbox. */
  emulator?: Pick<Emulator, 'outbox' | 'storage'>
  /** The timer scheduler, for `GET /__local/timers` (its recent runs). */
  timers?: () => Scheduler | undefined
  /** The functions' clock (real time plus the local offset), for timer times. */
  now?: () => number
  /** The built h5 app; when absent only the API is served. */
  staticDir?: string
  host?: string
  port?: number
}

const MAX_BODY_BYTES = 1024 * 1024
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

function failure(code: string, message?: string) {
  return { code, message: message ?? messageFor(code) }
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * `POST /api/<function>` is what `wx.cloud.callFunction({ name, data })` is on the platform:
 * the body is `data`, the identity is the platform's (here the `x-wx-openid` header, local mode
 * only), and the answer is the function's return value.
 */
async function handleApi(runner: Runner, name: string, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'POST') return sendJson(res, 405, failure('REQUEST.INVALID', '请使用 POST 调用接口'))
  const header = req.headers['x-wx-openid']
  const openid = typeof header === 'string' && header !== '' ? header : DEFAULT_OPENID
  if (!OPENID_PATTERN.test(openid)) return sendJson(res, 400, failure('AUTH.UNAUTHENTICATED'))

  const body = await readBody(req)
  if (body === null) return sendJson(res, 413, failure('REQUEST.INVALID', '请求内容过大'))
  let data: unknown
  try {
    data = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
  } catch {
    return sendJson(res, 400, failure('REQUEST.INVALID', '请求内容不是有效的 JSON'))
  }

  try {
    const invocation = await runner.invoke(name, data, { openid })
    res.setHeader('x-lianxin-round-trips', String(invocation.roundTrips))
    if (invocation.error) return sendJson(res, 502, { ...failure('SYSTEM.INTERNAL'), errCode: invocation.error.errCode })
    return sendJson(res, 200, invocation.result)
  } catch (e) {
    if (e instanceof UnknownFunctionError) return sendJson(res, 404, failure('REQUEST.UNKNOWN_FUNCTION'))
    throw e
  }
}

/** Uploads through the h5 app: what `wx.cloud.uploadFile` is on weapp. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

function callerOf(req: http.IncomingMessage): string | null {
  const header = req.headers['x-wx-openid']
  const openid = typeof header === 'string' && header !== '' ? header : DEFAULT_OPENID
  return OPENID_PATTERN.test(openid) ? openid : null
}

/**
 * `POST /__local/upload?cloudPath=<path>`: the raw bytes as the body, their type as content-type,
 * the caller in x-wx-openid. Answers as `wx.cloud.uploadFile` resolves: `{ fileID, statusCode, errMsg }`.
 */
async function handleUpload(emulator: Pick<Emulator, 'storage'>, url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'POST') return sendJson(res, 405, failure('REQUEST.INVALID', '请使用 POST 上传文件'))
  const openid = callerOf(req)
  if (!openid) return sendJson(res, 400, failure('AUTH.UNAUTHENTICATED'))
  let cloudPath: string
  try {
    cloudPath = checkCloudPath(url.searchParams.get('cloudPath') ?? '')
  } catch {
    req.resume()
    return sendJson(res, 400, failure('REQUEST.INVALID', '文件路径无效'))
  }
  const body = await readAll(req, MAX_UPLOAD_BYTES)
  if (body === null) return sendJson(res, 413, failure('REQUEST.INVALID', '文件过大'))
  const file = emulator.storage.put(cloudPath, body, { contentType: req.headers['content-type'], openid })
  return sendJson(res, 200, { fileID: file.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
}

/**
 * `GET /__local/timers`: declared timer triggers with their next run and the recent runs.
 * `POST /__local/timers/<function>/<trigger>`: runs one now, as `stack.fireTimer` does in tests.
 */
async function handleTimers(options: LocalServerOptions, url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
  const now = options.now ?? Date.now
  const rest = url.pathname.slice('/__local/timers'.length).split('/').filter(Boolean).map(decodeURIComponent)
  if (rest.length === 0 && req.method === 'GET') {
    const triggers = options.runner.timerTriggers().map(({ fn, trigger }) => ({
      fn,
      trigger: trigger.name,
      config: trigger.config,
      next: nextFire(trigger.cron, new Date(now()))?.toISOString() ?? null,
    }))
    return sendJson(res, 200, { triggers, runs: [...(options.timers?.()?.runs ?? [])].reverse() })
  }
  if (rest.length === 2 && req.method === 'POST') {
    req.resume()
    const [fn, trigger] = rest
    let invocation
    try {
      invocation = await options.runner.fireTimer(fn, trigger)
    } catch (e) {
      if (e instanceof UnknownFunctionError || /declares no timer trigger/.test((e as Error).message)) {
        return sendJson(res, 404, failure('REQUEST.INVALID', '没有这个定时触发器'))
      }
      throw e
    }
    if (invocation.error) return sendJson(res, 502, { ...failure('SYSTEM.INTERNAL'), errCode: invocation.error.errCode })
    return sendJson(res, 200, { result: invocation.result ?? null, roundTrips: invocation.roundTrips })
  }
  return sendJson(res, 405, failure('REQUEST.INVALID', '请用 GET 查看或 POST 触发'))
}

function serveStatic(staticDir: string, urlPath: string, res: http.ServerResponse) {
  const decoded = decodeURIComponent(urlPath)
  const target = path.normalize(path.join(staticDir, decoded))
  if (!target.startsWith(staticDir)) return sendJson(res, 403, failure('AUTH.FORBIDDEN'))
  let file = target
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(staticDir, 'index.html')
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    return res.end('h5 应用尚未构建：请运行 npm start')
  }
  const ext = path.extname(file)
  res.writeHead(200, {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
  })
  fs.createReadStream(file).pipe(res)
}

export function startLocalServer(options: LocalServerOptions): Promise<{ server: http.Server; url: string; close(): Promise<void> }> {
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : undefined
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const route = async () => {
      if (url.pathname.startsWith('/api/')) return handleApi(options.runner, url.pathname.slice(5), req, res)
      if (url.pathname === '/__local/identities') return sendJson(res, 200, DEMO_IDENTITIES)
      if (url.pathname === '/__local/health') return sendJson(res, 200, { ok: true })
      const emulator = options.emulator
      if (emulator && url.pathname === '/__local/outbox') {
        const limit = Number(url.searchParams.get('limit') ?? 100)
        const touser = url.searchParams.get('touser') ?? undefined
        return sendJson(res, 200, emulator.outbox.list({ touser, limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100 }))
      }
      if (emulator && url.pathname === '/__local/upload') return handleUpload(emulator, url, req, res)
      if (url.pathname === '/__local/timers' || url.pathname.startsWith('/__local/timers/')) return handleTimers(options, url, req, res)
      if (emulator && url.pathname.startsWith('/cos/') && (await emulator.storage.serve(req, res))) return
      if (staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(staticDir, url.pathname, res)
      return sendJson(res, 404, failure('REQUEST.INVALID', '没有这个地址'))
    }
    route().catch((e) => {
      console.error('[local server]', e)
      if (!res.headersSent) sendJson(res, 500, failure('SYSTEM.INTERNAL'))
      else res.end()
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const address = server.address() as { port: number }
      resolve({
        server,
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      })
    })
  })
}
