// HTTP front of the admin API. The SDK POSTs JSON to the configured URL plus `?env=..&seqId=..`
// (node_modules/@cloudbase/node-sdk/src/utils/tcbapiendpoint.ts keeps the URL's path), so the
// path can carry a tag (`/admin/t/<tag>`) that counts round trips per test or scenario.
// Every answer, success or error, is sent only after the journal is durable up to the moment the
// action finished: a client never acts on a state that a crash could take back.
import http from 'http'
import { randomBytes } from 'crypto'
import type { AddressInfo } from 'net'
import type { Duplex } from 'stream'
import { invalidParam, isEmulatorError } from './errors'
import type { ActionHandler } from './actions'
import type { Logger } from './journal'
import { parseFormData, RawAnswer } from './openapi'

const MAX_BODY = 64 * 1024 * 1024
const PATH = /^\/admin(?:\/t\/([^/]+))?\/?$/

export interface AdminServer {
  readonly port: number
  readonly counters: Map<string, number>
  close(): Promise<void>
}

export async function startAdminServer(opts: {
  host: string
  port: number
  routes: Map<string, ActionHandler>
  barrier: () => Promise<void>
  log: Logger
  /** Other paths (cloud storage URLs): answers and returns true, or returns false for a 404. */
  other?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>
  /** HTTP upgrades (the realtime socket): takes the socket and returns true, or false to refuse it. */
  upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => boolean
}): Promise<AdminServer> {
  const counters = new Map<string, number>()
  // Request ids only need to be unique per server: a random prefix and a counter.
  const idPrefix = randomBytes(4).toString('hex')
  let requests = 0
  let inFlight = 0
  let idle: (() => void) | null = null

  const server = http.createServer((req, res) => {
    inFlight++
    serve(req, res)
      .catch((e) => opts.log(`http: ${(e as Error).stack ?? e}`))
      .finally(() => {
        if (--inFlight === 0 && idle) idle()
      })
  })

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!opts.upgrade?.(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  })

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = `${idPrefix}${(++requests).toString(16).padStart(8, '0')}`
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const match = PATH.exec(q === -1 ? url : url.slice(0, q))
    if (!match && opts.other && (await opts.other(req, res))) return
    if (!match) return send(res, 404, { code: 'INVALID_PATH', message: `no admin API at ${req.url}`, requestId })
    let tag: string | undefined
    try {
      tag = match[1] === undefined ? undefined : decodeURIComponent(match[1])
    } catch {
      tag = match[1]
    }
    if (tag !== undefined) counters.set(tag, (counters.get(tag) ?? 0) + 1)
    if (req.method !== 'POST') return send(res, 405, { code: 'INVALID_PARAM', message: 'the admin API takes POST', requestId })

    let body: Buffer
    try {
      body = await readBody(req)
    } catch (e) {
      return send(res, 413, { code: 'INVALID_PARAM', message: (e as Error).message, requestId })
    }

    let result: any
    try {
      let params: any
      const type = String(req.headers['content-type'] ?? '')
      try {
        // `wx.openApi` (open APIs) arrives as multipart/form-data; everything else as JSON.
        params = /^multipart\/form-data/i.test(type) ? parseFormData(body, type) : JSON.parse(body.toString('utf8'))
      } catch (e) {
        throw isEmulatorError(e) ? e : invalidParam('request body is not JSON')
      }
      if (params === null || typeof params !== 'object' || Array.isArray(params)) {
        throw invalidParam('request body must be a JSON object')
      }
      const handler = typeof params.action === 'string' ? opts.routes.get(params.action) : undefined
      if (!handler) {
        throw invalidParam(params.action ? `unknown action: ${params.action}` : 'action is required')
      }
      const answer = await handler(params, { tag })
      result = answer instanceof RawAnswer ? answer : { ...answer, requestId }
    } catch (e) {
      result = { ...errorBody(e, opts.log), requestId }
    }
    try {
      await opts.barrier()
    } catch (e) {
      result = { code: 'SYS_ERR', message: (e as Error).message, requestId }
    }
    if (result instanceof RawAnswer) return sendRaw(res, result)
    send(res, 200, result)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => resolve())
  })

  return {
    port: (server.address() as AddressInfo).port,
    counters,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Let requests in progress get their answer, then drop idle keep-alive sockets.
      if (inFlight > 0) await Promise.race([new Promise<void>((r) => (idle = r)), delay(5000)])
      server.closeAllConnections()
      await closed
    },
  }
}

function errorBody(e: unknown, log: Logger): { code: string; message: string } {
  if (isEmulatorError(e)) return { code: e.code, message: e.message }
  log(`http: unexpected error: ${(e as Error)?.stack ?? e}`)
  return { code: 'DATABASE_REQUEST_FAILED', message: String((e as Error)?.message ?? e) }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error(`request body larger than ${MAX_BODY} bytes`))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function sendRaw(res: http.ServerResponse, answer: RawAnswer): void {
  if (res.destroyed) return
  res.writeHead(200, { 'content-type': answer.contentType, 'content-length': answer.body.length })
  res.end(answer.body)
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref())
