// Append-only journal. A record is [u32 length][u32 CRC32 of payload][payload: relaxed EJSON],
// little-endian. Records appended during one event-loop turn are written with one write() and
// made durable with one fdatasync() (group commit); callers acknowledge a client only once
// `whenDurable()` resolves, so an acknowledged write survives kill -9 or power loss.
import fs from 'fs'
import path from 'path'
import zlib from 'zlib'
import { EJSON } from 'bson'

const FILE = 'journal.wal'
const HEADER = 8

export type Logger = (message: string) => void

export interface ReplayStats {
  records: number
  bytes: number
  /** Bytes cut off the end because the last record was torn or corrupt. */
  truncated: number
}

export class Journal {
  private fd: number
  private queue: Buffer[] = []
  private appended = 0
  private durable = 0
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: Error) => void }> = []
  private flushing = false
  private scheduled = false
  private failure: Error | null = null
  private bytes: number

  private constructor(
    private readonly file: string,
    size: number,
  ) {
    this.fd = fs.openSync(file, 'a')
    this.bytes = size
  }

  /** Replays every intact record through `onRecord`, truncating a torn or corrupt tail. */
  static open(dir: string, onRecord: (payload: any) => void, log: Logger): { journal: Journal; stats: ReplayStats } {
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, FILE)
    // A leftover temp file means a compaction died before its rename: the journal is intact.
    fs.rmSync(`${file}.tmp`, { force: true })
    const isNew = !fs.existsSync(file)
    const buf = isNew ? Buffer.alloc(0) : fs.readFileSync(file)
    const stats: ReplayStats = { records: 0, bytes: 0, truncated: 0 }
    let offset = 0
    while (offset < buf.length) {
      const payload = readRecord(buf, offset)
      if (!payload) break
      onRecord(payload.value)
      stats.records++
      offset = payload.next
    }
    if (offset < buf.length) {
      stats.truncated = buf.length - offset
      log(`journal: dropped a torn or corrupt record at byte ${offset} (${stats.truncated} bytes) in ${file}`)
      fs.truncateSync(file, offset)
    }
    stats.bytes = offset
    const journal = new Journal(file, offset)
    if (isNew) fsyncDir(dir)
    return { journal, stats }
  }

  get size(): number {
    return this.bytes
  }

  /** Queues a record; it is durable once whenDurable() called after this resolves. */
  append(payload: unknown): void {
    this.appendEncoded(EJSON.stringify(payload as any, { relaxed: true }))
  }

  /** Queues a record given as relaxed EJSON text. */
  appendEncoded(text: string): void {
    if (this.failure) throw this.failure
    const buf = frame(text)
    this.queue.push(buf)
    this.bytes += buf.length
    this.appended++
    if (!this.scheduled && !this.flushing) {
      this.scheduled = true
      // setImmediate, not nextTick: lets the other requests already read in this turn append too.
      setImmediate(() => this.flush())
    }
  }

  /** Resolves when every record appended so far is on disk. */
  whenDurable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.durable >= this.appended) return Promise.resolve()
    return new Promise((resolve, reject) => this.waiters.push({ seq: this.appended, resolve, reject }))
  }

  /** Atomically replaces the journal with `records`, relaxed EJSON texts (a snapshot of the live data). */
  rewrite(records: Iterable<string>): void {
    if (this.queue.length || this.flushing) throw new Error('journal: rewrite while writes are pending')
    const tmp = `${this.file}.tmp`
    const fd = fs.openSync(tmp, 'w')
    let size = 0
    try {
      for (const r of records) {
        const buf = frame(r)
        writeAll(fd, buf)
        size += buf.length
      }
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.closeSync(this.fd)
    fs.renameSync(tmp, this.file)
    fsyncDir(path.dirname(this.file))
    this.fd = fs.openSync(this.file, 'a')
    this.bytes = size
  }

  async close(): Promise<void> {
    try {
      await this.whenDurable()
    } finally {
      fs.closeSync(this.fd)
    }
  }

  private flush(): void {
    this.scheduled = false
    if (this.queue.length === 0) return
    this.flushing = true
    const batch = this.queue.length === 1 ? this.queue[0] : Buffer.concat(this.queue)
    this.queue = []
    const upTo = this.appended
    // The write only copies into the page cache: done synchronously it costs a fraction of a
    // thread-pool round trip (measured here: ~17 µs against ~30 µs just to submit an async
    // write). The fdatasync, which waits for the disk, runs in the thread pool.
    try {
      writeAll(this.fd, batch)
    } catch (err) {
      return this.fail(err as Error)
    }
    fs.fdatasync(this.fd, (err) => {
      if (err) return this.fail(err)
      this.durable = upTo
      this.flushing = false
      const ready = this.waiters.filter((w) => w.seq <= upTo)
      this.waiters = this.waiters.filter((w) => w.seq > upTo)
      for (const w of ready) w.resolve()
      if (this.queue.length) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  // Memory already holds the writes that could not be persisted, so the store must stop
  // acknowledging anything: every pending and later write fails.
  private fail(err: Error): void {
    this.failure = new Error(`journal write failed: ${err.message}`)
    this.flushing = false
    for (const w of this.waiters) w.reject(this.failure)
    this.waiters = []
  }
}

function frame(text: string): Buffer {
  const body = Buffer.from(text, 'utf8')
  const buf = Buffer.allocUnsafe(HEADER + body.length)
  buf.writeUInt32LE(body.length, 0)
  buf.writeUInt32LE(zlib.crc32(body), 4)
  body.copy(buf, HEADER)
  return buf
}

function readRecord(buf: Buffer, offset: number): { value: any; next: number } | null {
  if (offset + HEADER > buf.length) return null
  const length = buf.readUInt32LE(offset)
  const crc = buf.readUInt32LE(offset + 4)
  const end = offset + HEADER + length
  if (end > buf.length) return null
  const body = buf.subarray(offset + HEADER, end)
  if (zlib.crc32(body) !== crc) return null
  try {
    return { value: EJSON.parse(body.toString('utf8'), { relaxed: true }), next: end }
  } catch {
    return null
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off)
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  }
}
