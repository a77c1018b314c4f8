import Taro from '@tarojs/taro'
import type { SubmitInput } from '@domain/api/wishes'
import { intakeKey, type IntakeResult } from '@domain/wishes'
import { toApiError } from './ApiError'
import { isRetryable, queueAfterAttempt, queueCounts, type QueueItem } from './queueRules'
import type { PhotoStore, StoredPhoto } from './photoStoreCore'
import type { LocalPhoto } from './uploadCheck'

/**
 * The grid worker's offline intake queue. A submission is written to the device (Taro storage)
 * with its idempotency key the moment 提交 is pressed, before any network, and sent whenever the
 * network is there; the server's unique index on (author, key) makes every later delivery of the
 * same key answer the first wish, so retries and replays never make a second one.
 */

export const QUEUE_STORAGE_KEY = 'lianxin.wishQueue'
/** The visit records' queue (走访记录): the same rules, its own list. */
export const VISIT_QUEUE_STORAGE_KEY = 'lianxin.visitQueue'
/** Every queue whose cards name photos in the one photo store: a sweep keeps what any of them names. */
const PHOTO_QUEUES = [QUEUE_STORAGE_KEY, VISIT_QUEUE_STORAGE_KEY]
export const DEVICE_STORAGE_KEY = 'lianxin.deviceId'
export const COUNTER_STORAGE_KEY = 'lianxin.intakeCounter'

export type { LocalPhoto }

/** A need of a visit record this wish answers: the visit learns the wish's id once it is sent (households `linkNeed`). */
export interface NeedLink {
  visitId: string
  index: number
}

/**
 * What the form hands over: the submit action's input without the key, which the queue makes;
 * `followUp` travels with the card on the device and is never sent with the wish itself.
 */
export type QueuedIntake = Omit<SubmitInput, 'key'> & { followUp?: NeedLink }

/**
 * One queued submission on this device (queueRules.ts QueueItem) with the intake as the API sends
 * it (ISO times, so it survives JSON storage) and the photos still to upload.
 */
export type DeviceSubmission = DeviceCard<QueuedIntake>

/** One card of any device queue: what is sent (with the photos already uploaded) and the photos still to upload. */
export type DeviceCard<I> = QueueItem & {
  intake: I
  /** With a `storeId` when the bytes are in the device's photo store (they outlive a reload). */
  localPhotos?: StoredPhoto[]
}

/** What a queue sends: anything with the photos already uploaded. */
export interface Sendable {
  photos: { fileId: string; mime: string; bytes: number }[]
}

export type SubmitFn = (key: string, intake: QueuedIntake) => Promise<IntakeResult>
export type UploadFn = (photo: LocalPhoto) => Promise<{ fileId: string; mime: string; bytes: number }>

export type QueueDeps = DeviceQueueDeps<QueuedIntake, IntakeResult>

export interface DeviceQueueDeps<I extends Sendable, R> {
  submit: (key: string, intake: I) => Promise<R>
  upload?: UploadFn
  /** Backoff after a network failure: attempt n waits min(base · 2^(n-1), max) ms. */
  backoff?: { baseMs: number; maxMs: number }
  now?: () => Date
  /** Calls back when the network returns; returns the unsubscribe (components/WishIntake/network*.ts per platform). */
  watchOnline?: (onOnline: () => void) => () => void
  /**
   * Where the photos' bytes wait (services/photoStore*.ts): read back for the upload, dropped
   * once uploaded or discarded. Without it, photos are uploaded from the path they were picked at.
   */
  photos?: Pick<PhotoStore, 'open' | 'close' | 'release' | 'sweep'>
}

function readCards<I>(storageKey: string): DeviceCard<I>[] {
  try {
    const raw = Taro.getStorageSync(storageKey)
    const list = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
    return Array.isArray(list) ? (list as DeviceCard<I>[]) : []
  } catch {
    return []
  }
}

function writeCards<I>(storageKey: string, queue: readonly DeviceCard<I>[]): void {
  // Stored as a JSON string: both platforms keep strings verbatim, and Dates become ISO text.
  Taro.setStorageSync(storageKey, JSON.stringify(queue))
}

function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)]
  return out
}

/** The device's random id (kept in storage) and a counter that only grows: `k3f9a2b1c-17`. */
export function nextIntakeKey(): string {
  let device = String(Taro.getStorageSync(DEVICE_STORAGE_KEY) || '')
  if (!/^[A-Za-z0-9]{8,32}$/.test(device)) {
    device = randomId(12)
    Taro.setStorageSync(DEVICE_STORAGE_KEY, device)
  }
  const counter = (Number(Taro.getStorageSync(COUNTER_STORAGE_KEY)) || 0) + 1
  // Written before the key is used, so a crash between the two can skip a number but never repeat one.
  Taro.setStorageSync(COUNTER_STORAGE_KEY, String(counter))
  return intakeKey(device, counter)
}

type Listener<I> = (queue: readonly DeviceCard<I>[]) => void

export interface DeviceQueue<I, R> {
  /** Keep a submission on the device with a fresh key, then try to send it. Returns the key. */
  enqueue: (intake: I, localPhotos?: StoredPhoto[]) => string
  /** Send everything waiting, one at a time, oldest first. Resolves when this round is done. */
  flush: () => Promise<void>
  list: () => readonly DeviceCard<I>[]
  counts: () => { waiting: number; failed: number }
  /** Drop a failed submission the worker gave up on. */
  discard: (key: string) => void
  subscribe: (l: Listener<I>) => () => void
  /** Answers the server gave in this session, by key (what 已提交 shows). */
  results: () => ReadonlyMap<string, R>
  /** Stop timers and listeners (tests, page unload). */
  dispose: () => void
}

export type OfflineQueue = DeviceQueue<QueuedIntake, IntakeResult>

/** The wish intake queue (微心愿 at the door). */
export function createOfflineQueue(deps: QueueDeps): OfflineQueue {
  return createDeviceQueue(QUEUE_STORAGE_KEY, deps)
}

/**
 * A device queue kept under `storageKey`: wish intake and visit records each have one. Keys come
 * from the one device counter, so no two cards of this device ever share a key, whatever queue.
 */
export function createDeviceQueue<I extends Sendable, R>(storageKey: string, deps: DeviceQueueDeps<I, R>): DeviceQueue<I, R> {
  const { submit, upload, photos } = deps
  const backoff = deps.backoff ?? { baseMs: 2000, maxMs: 60_000 }
  const now = deps.now ?? (() => new Date())
  const listeners = new Set<Listener<I>>()
  const results = new Map<string, R>()
  const readQueue = () => readCards<I>(storageKey)
  const writeQueue = (queue: readonly DeviceCard<I>[]) => writeCards(storageKey, queue)
  let flushing: Promise<void> | null = null
  let again = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let networkFailures = 0
  let disposed = false

  const emit = () => {
    const q = readQueue()
    listeners.forEach((l) => l(q))
  }

  const update = (fn: (q: DeviceCard<I>[]) => DeviceCard<I>[]) => {
    writeQueue(fn(readQueue()))
    emit()
  }

  const schedule = () => {
    if (timer || disposed) return
    const wait = Math.min(backoff.baseMs * 2 ** Math.max(0, networkFailures - 1), backoff.maxMs)
    timer = setTimeout(() => {
      timer = null
      void flush()
    }, wait)
  }

  async function sendOne(item: DeviceCard<I>): Promise<'sent' | 'retry' | 'failed'> {
    try {
      let intake = item.intake
      const pending = item.localPhotos ?? []
      if (pending.length) {
        if (!upload) throw new Error('no uploader')
        const uploaded = [...intake.photos]
        for (const p of pending) {
          const local = photos ? await photos.open(p) : p
          try {
            uploaded.push(await upload(local))
          } finally {
            if (photos && local !== p) photos.close(local)
          }
        }
        intake = { ...intake, photos: uploaded }
        // Remember the uploads so a retry of the submission does not upload the photos again.
        update((q) => q.map((x) => (x.key === item.key ? { ...x, intake, localPhotos: [] } : x)))
        // Only now, with the fileIDs on the device, are the kept bytes no longer needed.
        await photos?.release(pending)
      }
      const result = await submit(item.key, intake)
      results.set(item.key, result)
      update((q) => queueAfterAttempt(q, item.key, { ok: true }))
      return 'sent'
    } catch (e) {
      const err = toApiError(e)
      update((q) => queueAfterAttempt(q, item.key, { ok: false, code: err.code, message: err.message }))
      return isRetryable(err.code) ? 'retry' : 'failed'
    }
  }

  async function round(): Promise<void> {
    for (;;) {
      const next = readQueue().find((q) => q.status === 'waiting')
      if (!next) {
        networkFailures = 0
        return
      }
      const outcome = await sendOne(next)
      if (outcome === 'retry') {
        // The network (or server) is down: everything behind this one would fail the same way.
        networkFailures++
        schedule()
        return
      }
      networkFailures = 0
    }
  }

  function flush(): Promise<void> {
    if (disposed) return Promise.resolve()
    if (flushing) {
      // One round at a time, so one key is never in flight twice from this device.
      again = true
      return flushing
    }
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    flushing = (async () => {
      try {
        do {
          again = false
          await round()
        } while (again && !timer)
      } finally {
        flushing = null
      }
    })()
    return flushing
  }

  const onOnline = () => {
    networkFailures = 0
    void flush()
  }
  const unwatch = deps.watchOnline?.(onOnline)
  // Bytes no queued card names (a form closed with photos, a crash mid-discard) are dropped at start.
  if (photos) {
    const cards = PHOTO_QUEUES.includes(storageKey) ? PHOTO_QUEUES.flatMap((k) => readCards<I>(k)) : readQueue()
    const named = new Set(cards.flatMap((i) => (i.localPhotos ?? []).flatMap((p) => (p.storeId ? [p.storeId] : []))))
    void photos.sweep(named).catch(() => undefined)
  }

  return {
    enqueue(intake, localPhotos) {
      const key = nextIntakeKey()
      const item: DeviceCard<I> = { key, queuedAt: now().toISOString(), intake, attempts: 0, status: 'waiting' }
      if (localPhotos?.length) item.localPhotos = localPhotos
      update((q) => [...q, item])
      void flush()
      return key
    },
    flush,
    list: readQueue,
    counts: () => queueCounts(readQueue()),
    discard(key) {
      const gone = readQueue().find((x) => x.key === key)
      update((q) => q.filter((x) => x.key !== key))
      if (gone?.localPhotos?.length) void photos?.release(gone.localPhotos).catch(() => undefined)
    },
    subscribe(l) {
      listeners.add(l)
      return () => {
        listeners.delete(l)
      }
    },
    results: () => results,
    dispose() {
      disposed = true
      if (timer) clearTimeout(timer)
      timer = null
      listeners.clear()
      unwatch?.()
    },
  }
}
