// Subscribe messages the emulator accepted (`subscribeMessage.send`), kept where a local page and
// tests can read them. Durable: one JSON line per message in `<dataDir>/outbox.jsonl`, written and
// fdatasynced before the SDK gets its answer, so a message a function was told "sent" survives a
// restart, as one delivered by WeChat would have.
import fs from 'fs'
import path from 'path'
import { randomUUID } from 'crypto'

export interface OutboxMessage {
  id: string
  /** ISO time the emulator accepted it (real clock). */
  sentAt: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  lang?: string
}

export interface OutboxQuery {
  touser?: string
  templateId?: string
  limit?: number
}

export class Outbox {
  private readonly messages: OutboxMessage[] = []
  private fd: number | null = null

  /** `file` undefined: in memory only (a route built without a data dir). */
  constructor(private readonly file?: string) {
    if (!file) return
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file)
      // A torn last line (a crash mid-write) was never acknowledged: cut it off, so the next
      // message does not land on the end of it.
      const end = text.lastIndexOf(0x0a) + 1
      if (end < text.length) fs.truncateSync(file, end)
      for (const line of text.subarray(0, end).toString('utf8').split('\n')) {
        if (line.trim() === '') continue
        try {
          this.messages.push(JSON.parse(line))
        } catch {
          // A damaged line in the middle: skip it rather than lose the rest.
        }
      }
    } else fs.mkdirSync(path.dirname(file), { recursive: true })
  }

  add(message: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage {
    const entry: OutboxMessage = { id: randomUUID(), sentAt: new Date().toISOString(), ...message }
    if (this.file) {
      this.fd ??= fs.openSync(this.file, 'a')
      fs.writeSync(this.fd, JSON.stringify(entry) + '\n')
      fs.fdatasyncSync(this.fd)
    }
    this.messages.push(entry)
    return entry
  }

  /** Newest first. */
  list(query: OutboxQuery = {}): OutboxMessage[] {
    const limit = query.limit ?? 100
    const out: OutboxMessage[] = []
    for (let i = this.messages.length - 1; i >= 0 && out.length < limit; i--) {
      const m = this.messages[i]
      if (query.touser !== undefined && m.touser !== query.touser) continue
      if (query.templateId !== undefined && m.templateId !== query.templateId) continue
      out.push(m)
    }
    return out
  }

  get size(): number {
    return this.messages.length
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
  }
}
