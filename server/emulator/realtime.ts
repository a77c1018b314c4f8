// `watch()` (realtime listeners) is not emulated: it is refused quickly and clearly instead.
//
// @cloudbase/node-sdk's `watch()` (wx-server-sdk has none) first asks the admin API for a socket
// ticket (`auth.wsWebSign`), opens a WebSocket to the `wsUrl` it names, logs in and then starts the
// watch. When the ticket is refused the SDK retries for about a minute (5 × 10 s) and never calls
// `onError`: a caller just hangs. So the emulator hands out a ticket for its own `/realtime` socket,
// which answers every request with an ERROR message that the SDK treats as final: the listener's
// `onError` gets "watch is not supported by the local emulator" within milliseconds.
//
// The SDK opens the socket with the global `WebSocket` (Node 22 and later; Node 20 only with
// `--experimental-websocket`). Without one the SDK cannot reach any realtime server, this one or
// CloudBase's, and retries as above whatever the ticket says.
//
// The socket side is the smallest RFC 6455 server that does this: handshake, masked text frames in
// (fragmented or not), text, pong and close frames out.
import { createHash } from 'crypto'
import type http from 'http'
import type { Duplex } from 'stream'
import type { ActionHandler } from './actions'

export const WATCH_UNSUPPORTED = 'watch is not supported by the local emulator'
export const REALTIME_PATH = '/realtime'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const MAX_MESSAGE = 1024 * 1024

export class Realtime {
  private readonly sockets = new Set<Duplex>()
  /** Messages received on realtime sockets (for tests and logs). */
  readonly received: Array<{ msgType?: string; requestId?: string }> = []

  /** The `auth.wsWebSign` action: a ticket for this emulator's own realtime socket. */
  signRoute(baseUrl: () => string, envId: string): ActionHandler {
    return async () => ({
      data: {
        signStr: 'local-emulator',
        wsUrl: `${baseUrl().replace(/^http/, 'ws')}${REALTIME_PATH}`,
        secretVersion: 0,
        envId,
      },
    })
  }

  /** Takes an HTTP upgrade to `/realtime`; returns false for any other path. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = req.url ?? '/'
    const path = url.split('?')[0]
    if (path !== REALTIME_PATH && !path.startsWith(`${REALTIME_PATH}/`)) return false
    const key = req.headers['sec-websocket-key']
    if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || typeof key !== 'string') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return true
    }
    const accept = createHash('sha1').update(key + GUID).digest('base64')
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'))
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    let pending: Buffer = head.length ? Buffer.from(head) : Buffer.alloc(0)
    let fragments: Buffer[] | null = null
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
      for (;;) {
        const frame = readFrame(pending)
        if (frame === null) return
        if (frame === 'too big') return void socket.destroy()
        pending = pending.subarray(frame.size)
        const { opcode, fin, payload } = frame
        if (opcode === 0x8) {
          // Close: answer with the same status code, then end.
          socket.end(encodeFrame(0x8, payload.subarray(0, 2)))
          return
        }
        if (opcode === 0x9) socket.write(encodeFrame(0xa, payload))
        else if (opcode === 0x1 || (opcode === 0x0 && fragments)) {
          fragments = opcode === 0x1 ? [payload] : [...fragments!, payload]
          if (fin) {
            this.message(socket, Buffer.concat(fragments).toString('utf8'))
            fragments = null
          }
        }
      }
    })
    return true
  }

  private message(socket: Duplex, text: string): void {
    let msg: any
    try {
      msg = JSON.parse(text)
    } catch {
      return
    }
    if (msg === null || typeof msg !== 'object') return
    this.received.push({ msgType: msg.msgType, requestId: msg.requestId })
    const reply =
      msg.msgType === 'PING'
        ? { watchId: msg.watchId, requestId: msg.requestId, msgType: 'PONG', msgData: null }
        : // An error code the SDK does not retry (realtime/virtual-websocket-client handleCommonError).
          { watchId: msg.watchId, requestId: msg.requestId, msgType: 'ERROR', msgData: { code: 'WATCH_NOT_SUPPORTED', message: WATCH_UNSUPPORTED } }
    socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify(reply))))
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

function readFrame(buf: Buffer): { fin: boolean; opcode: number; payload: Buffer; size: number } | 'too big' | null {
  if (buf.length < 2) return null
  const fin = (buf[0] & 0x80) !== 0
  const opcode = buf[0] & 0x0f
  const masked = (buf[1] & 0x80) !== 0
  let length = buf[1] & 0x7f
  let offset = 2
  if (length === 126) {
    if (buf.length < 4) return null
    length = buf.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (buf.length < 10) return null
    const big = buf.readBigUInt64BE(2)
    if (big > BigInt(MAX_MESSAGE)) return 'too big'
    length = Number(big)
    offset = 10
  }
  if (length > MAX_MESSAGE) return 'too big'
  const maskAt = offset
  if (masked) offset += 4
  if (buf.length < offset + length) return null
  const payload = Buffer.from(buf.subarray(offset, offset + length))
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= buf[maskAt + (i & 3)]
  return { fin, opcode, payload, size: offset + length }
}

function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10)
  if (n >= 126 && n < 65536) {
    head[0] = 0x80 | opcode
    head[1] = 126
    head.writeUInt16BE(n, 2)
  } else if (n >= 65536) {
    head[0] = 0x80 | opcode
    head[1] = 127
    head.writeBigUInt64BE(BigInt(n), 2)
  }
  return Buffer.concat([head, payload])
}
