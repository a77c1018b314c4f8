// The realtime socket that refuses watch() (realtime.ts), spoken to byte by byte: the handshake,
// masked and fragmented frames in, the SDK's message shapes out, close. The SDK's own path is in
// conformance.test.ts (watch() fails fast).
import { createHash, randomBytes } from 'crypto'
import net from 'net'
import { startEmulator, type Emulator } from '../index'
import { REALTIME_PATH, WATCH_UNSUPPORTED } from '../realtime'
import { post, quiet, tmpDir, until } from './helpers'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ dataDir: tmpDir(), schema: { collections: {} }, log: quiet })
})
afterAll(() => emu.close())

function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = randomBytes(4)
  const n = payload.length
  const head = n < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | n]) : Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, n >> 8, n & 0xff])
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]))
  return Buffer.concat([head, mask, body])
}

/** Server frames in `buf` (unmasked): opcode and text. */
function frames(buf: Buffer): Array<{ opcode: number; text: string }> {
  const out: Array<{ opcode: number; text: string }> = []
  let i = 0
  while (i + 2 <= buf.length) {
    let n = buf[i + 1] & 0x7f
    let off = i + 2
    if (n === 126) {
      n = buf.readUInt16BE(i + 2)
      off = i + 4
    }
    if (off + n > buf.length) break
    out.push({ opcode: buf[i] & 0x0f, text: buf.subarray(off, off + n).toString('utf8') })
    i = off + n
  }
  return out
}

async function open(path: string): Promise<{ socket: net.Socket; received: () => Buffer; head: () => string }> {
  const socket = net.connect(emu.port, '127.0.0.1')
  let data = Buffer.alloc(0)
  socket.on('data', (c) => (data = Buffer.concat([data, c])))
  await new Promise((r) => socket.once('connect', r))
  const key = randomBytes(16).toString('base64')
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`)
  await until(() => data.includes('\r\n\r\n'), 'the handshake answer')
  const end = data.indexOf('\r\n\r\n') + 4
  const head = data.subarray(0, end).toString()
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')
  if (head.startsWith('HTTP/1.1 101')) expect(head).toContain(`Sec-WebSocket-Accept: ${accept}`)
  return { socket, received: () => data.subarray(end), head: () => head }
}

test('auth.wsWebSign names the emulator\'s own realtime socket', async () => {
  const res = await post(emu.adminUrl(), { action: 'auth.wsWebSign', runtime: 'node' })
  expect(res.body.data).toMatchObject({ wsUrl: `ws://127.0.0.1:${emu.port}${REALTIME_PATH}`, envId: 'lianxin-local' })
})

test('every watch message is answered with a final ERROR, PING with PONG, and close with close', async () => {
  const { socket, received } = await open(REALTIME_PATH)
  const login = Buffer.from(JSON.stringify({ watchId: undefined, requestId: 'r1', msgType: 'LOGIN', msgData: { envId: 'x', pad: 'p'.repeat(300) } }))
  // Fragmented, and the second half of the first fragment arrives later.
  const first = frame(0x1, login.subarray(0, 100), false)
  socket.write(first.subarray(0, 5))
  socket.write(Buffer.concat([first.subarray(5), frame(0x0, login.subarray(100), true)]))
  socket.write(frame(0x1, Buffer.from(JSON.stringify({ watchId: 'w1', requestId: 'r2', msgType: 'INIT_WATCH', msgData: {} }))))
  socket.write(frame(0x1, Buffer.from(JSON.stringify({ requestId: 'r3', msgType: 'PING', msgData: null }))))
  socket.write(frame(0x9, Buffer.from('hi')))
  await until(() => frames(received()).length >= 4, 'four answers')
  const got = frames(received())
  expect(got.slice(0, 3).map((f) => [f.opcode, JSON.parse(f.text)])).toEqual([
    [0x1, { requestId: 'r1', msgType: 'ERROR', msgData: { code: 'WATCH_NOT_SUPPORTED', message: WATCH_UNSUPPORTED } }],
    [0x1, { watchId: 'w1', requestId: 'r2', msgType: 'ERROR', msgData: { code: 'WATCH_NOT_SUPPORTED', message: WATCH_UNSUPPORTED } }],
    [0x1, { requestId: 'r3', msgType: 'PONG', msgData: null }],
  ])
  expect(got[3]).toEqual({ opcode: 0xa, text: 'hi' })
  const closed = new Promise((r) => socket.once('close', r))
  socket.write(frame(0x8, Buffer.from([0x0b, 0xb9]))) // 3001, as the SDK closes it
  await closed
  expect(frames(received()).pop()).toEqual({ opcode: 0x8, text: Buffer.from([0x0b, 0xb9]).toString() })
})

test('an upgrade to another path is refused; sockets are closed with the emulator', async () => {
  const other = await open('/admin')
  expect(other.head()).toMatch(/^HTTP\/1.1 404/)
  other.socket.destroy()
  const short = await startEmulator({ dataDir: tmpDir(), schema: { collections: {} }, log: quiet })
  const socket = net.connect(short.port, '127.0.0.1')
  await new Promise((r) => socket.once('connect', r))
  socket.write(`GET ${REALTIME_PATH} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`)
  await new Promise((r) => socket.once('data', r))
  const closed = new Promise((r) => socket.once('close', r))
  await short.close()
  await closed
})
