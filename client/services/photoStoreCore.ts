import { ApiError } from './ApiError'
import type { LocalPhoto } from './uploadCheck'

/**
 * Photos of queued wish cards, kept on the device until they are uploaded. A picker's photo is
 * short-lived (an object URL dies with the h5 page, a WeChat temp file with the session), so the
 * bytes are copied into a store the moment the worker takes the photo; the queue reads them back
 * when the network returns, and drops them once uploaded. Each platform gives the storage
 * (photoStore.h5.ts: IndexedDB; photoStore.weapp.ts: saved files); the rules are here.
 */

/** A photo the store holds: `storeId` names it there; `path` is good for a preview in this session. */
export type StoredPhoto = LocalPhoto & { storeId?: string }

export interface StoredEntry {
  id: string
  bytes: number
  /** When it was kept (ms since epoch). */
  at: number
}

/** The thin storage a platform provides. */
export interface PhotoBackend {
  /** Copies the photo's bytes under `id`; answers a path to show it now. */
  put(id: string, photo: LocalPhoto): Promise<{ path: string }>
  /** A path the uploader can read now (a fresh object URL on h5), or null when the bytes are gone. */
  open(id: string): Promise<string | null>
  remove(id: string): Promise<void>
  list(): Promise<StoredEntry[]>
  /** Releases what `open` made (object URLs); nothing on platforms with real paths. */
  close?(path: string): void
}

export interface PhotoLimits {
  maxCount: number
  maxBytes: number
}

export interface PhotoStore {
  /** Keeps the photos; refuses the lot with WISH.DEVICE_FULL when they would not fit. */
  keep(photos: readonly LocalPhoto[]): Promise<StoredPhoto[]>
  /** The photo ready to upload; WISH.BAD_PHOTO when its bytes are gone (the worker retakes it). */
  open(photo: StoredPhoto): Promise<LocalPhoto>
  /** Called after an upload with what `open` gave. */
  close(photo: LocalPhoto): void
  /** Forgets photos: uploaded, removed from the form, or a discarded card. */
  release(photos: readonly StoredPhoto[]): Promise<void>
  /** Removes what no queued card names and is older than `minAgeMs` (a form left with photos). */
  sweep(referenced: ReadonlySet<string>, minAgeMs?: number): Promise<number>
  usage(): Promise<{ count: number; bytes: number }>
  limits: PhotoLimits
}

const MB = 1024 * 1024

function fullMessage(limits: PhotoLimits): string {
  return `手机上等待发送的照片最多${limits.maxCount}张、共${Math.round(limits.maxBytes / MB)}MB，已经存满了，请连上网络把心愿发送出去后再拍照`
}

export function deviceFullError(limits: PhotoLimits): ApiError {
  return new ApiError('WISH.DEVICE_FULL', fullMessage(limits), { maxCount: limits.maxCount, maxBytes: limits.maxBytes })
}

function newId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

export function createPhotoStore(backend: PhotoBackend, limits: PhotoLimits, now: () => number = Date.now): PhotoStore {
  // Keeps run one after another, so two quick picks cannot both pass the limit check.
  let chain: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn)
    chain = next.catch(() => undefined)
    return next
  }

  const usage = async () => {
    const list = await backend.list()
    return { count: list.length, bytes: list.reduce((n, e) => n + e.bytes, 0) }
  }

  return {
    limits,
    usage,
    keep(photos) {
      return serial(async () => {
        if (photos.length === 0) return []
        const used = await usage()
        const adding = photos.reduce((n, p) => n + p.bytes, 0)
        if (used.count + photos.length > limits.maxCount || used.bytes + adding > limits.maxBytes) throw deviceFullError(limits)
        const kept: StoredPhoto[] = []
        try {
          for (const p of photos) {
            const id = newId()
            const { path } = await backend.put(id, p)
            kept.push({ path, mime: p.mime, bytes: p.bytes, storeId: id })
          }
        } catch (e) {
          // All or nothing: a half-kept pick would leave bytes no card names.
          await Promise.all(kept.map((k) => backend.remove(k.storeId!).catch(() => undefined)))
          if (e instanceof ApiError) throw e
          throw new ApiError('WISH.DEVICE_FULL', '照片没能保存在手机上，请清理手机空间后重试', e instanceof Error ? e.message : e)
        }
        return kept
      })
    },
    async open(photo) {
      if (!photo.storeId) return photo
      const path = await backend.open(photo.storeId)
      if (!path) throw new ApiError('WISH.BAD_PHOTO', '照片已失效，请重新选择照片')
      return { path, mime: photo.mime, bytes: photo.bytes }
    },
    close(photo) {
      backend.close?.(photo.path)
    },
    async release(photos) {
      await Promise.all(photos.filter((p) => p.storeId).map((p) => backend.remove(p.storeId!).catch(() => undefined)))
    },
    async sweep(referenced, minAgeMs = 60 * 60 * 1000) {
      const list = await backend.list()
      const stale = list.filter((e) => !referenced.has(e.id) && now() - e.at >= minAgeMs)
      await Promise.all(stale.map((e) => backend.remove(e.id).catch(() => undefined)))
      return stale.length
    },
  }
}

/** A store that holds nothing: photos pass through as picked (platforms without storage). */
export const passThroughStore: PhotoStore = {
  limits: { maxCount: Infinity, maxBytes: Infinity },
  keep: async (photos) => [...photos],
  open: async (photo) => photo,
  close: () => undefined,
  release: async () => undefined,
  sweep: async () => 0,
  usage: async () => ({ count: 0, bytes: 0 }),
}
