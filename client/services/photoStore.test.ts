import Taro from '@tarojs/taro'
import { ApiError } from './ApiError'
import { createOfflineQueue, type OfflineQueue, type QueuedIntake } from './offlineQueue'
import { createPhotoStore, type PhotoBackend, type StoredEntry } from './photoStoreCore'
import type { LocalPhoto } from './uploadCheck'

/**
 * The photo store's rules over the thin storage interface, with storage kept in memory (jsdom has
 * no IndexedDB and fake-indexeddb is not installed). The real IndexedDB backend runs in Chromium:
 * tests/e2e/wish-offline-photo.test.ts (photo taken offline, page reloaded, sent when online).
 */
function memoryBackend() {
  const rows = new Map<string, StoredEntry & { content: string }>()
  // What a picker's path points at: it dies with the page (a reload empties it).
  const live = new Map<string, string>()
  let opened = 0
  const backend: PhotoBackend = {
    async put(id, photo) {
      const content = live.get(photo.path)
      if (content === undefined) throw new Error('picked file gone')
      rows.set(id, { id, bytes: photo.bytes, at: clock, content })
      return { path: photo.path }
    },
    async open(id) {
      const row = rows.get(id)
      if (!row) return null
      const path = `mem:${id}#${++opened}`
      live.set(path, row.content)
      return path
    },
    async remove(id) {
      rows.delete(id)
    },
    async list() {
      return [...rows.values()].map(({ id, bytes, at }) => ({ id, bytes, at }))
    },
    close(path) {
      live.delete(path)
    },
  }
  return { backend, rows, live, reload: () => live.clear() }
}

let clock = 1_000_000
const MB = 1024 * 1024

function picked(mem: ReturnType<typeof memoryBackend>, name: string, bytes = 200 * 1024): LocalPhoto {
  const path = `blob:picked-${name}`
  mem.live.set(path, `bytes of ${name}`)
  return { path, mime: 'image/jpeg', bytes }
}

const intake: QueuedIntake = {
  for: 'household',
  title: '想要一个小电暖器',
  details: '冬天屋里冷，老人想要一个小电暖器取暖。',
  estimatedValue: 150,
  category: '孤寡老人',
  beneficiaryName: '孙秀珍',
  buildingId: 'org-beimen-b1',
  photos: [],
  consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
}

let queue: OfflineQueue | null = null
beforeEach(() => {
  Taro.clearStorageSync()
  clock = 1_000_000
})
afterEach(() => {
  queue?.dispose()
  queue = null
})

test('photos are kept with a store id; over the count or the size nothing is kept and the message says why', async () => {
  const mem = memoryBackend()
  const store = createPhotoStore(mem.backend, { maxCount: 3, maxBytes: 1 * MB }, () => clock)
  const kept = await store.keep([picked(mem, 'a'), picked(mem, 'b')])
  expect(kept.map((k) => Boolean(k.storeId))).toEqual([true, true])
  expect(await store.usage()).toEqual({ count: 2, bytes: 400 * 1024 })

  const tooMany = store.keep([picked(mem, 'c'), picked(mem, 'd')])
  await expect(tooMany).rejects.toMatchObject({ code: 'WISH.DEVICE_FULL' })
  await expect(tooMany).rejects.toThrow('手机上等待发送的照片最多3张、共1MB，已经存满了，请连上网络把心愿发送出去后再拍照')
  await expect(store.keep([picked(mem, 'big', 700 * 1024)])).rejects.toMatchObject({ code: 'WISH.DEVICE_FULL' })
  expect(await store.usage()).toEqual({ count: 2, bytes: 400 * 1024 })

  // Two quick picks cannot both squeeze past the limit.
  const both = await Promise.allSettled([store.keep([picked(mem, 'e')]), store.keep([picked(mem, 'f')])])
  expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
  expect(mem.rows.size).toBe(3)
})

test('a failure half-way keeps nothing of the pick', async () => {
  const mem = memoryBackend()
  const store = createPhotoStore(mem.backend, { maxCount: 10, maxBytes: 10 * MB })
  const gone: LocalPhoto = { path: 'blob:revoked', mime: 'image/jpeg', bytes: 100 }
  await expect(store.keep([picked(mem, 'a'), gone])).rejects.toMatchObject({ code: 'WISH.DEVICE_FULL', message: '照片没能保存在手机上，请清理手机空间后重试' })
  expect(mem.rows.size).toBe(0)
})

test('a card queued offline keeps its photo across a reload, uploads the stored bytes when online, then drops them', async () => {
  const mem = memoryBackend()
  const store = createPhotoStore(mem.backend, { maxCount: 10, maxBytes: 10 * MB }, () => clock)
  let online = false
  const uploads: string[] = []
  const submitted: unknown[] = []
  const deps = {
    submit: async (_key: string, i: QueuedIntake) => {
      if (!online) throw Object.assign(new Error('offline'), { code: 'NETWORK.UNAVAILABLE' })
      submitted.push(i)
      return { id: 'w-1', state: 'submitted' as const, replayed: false }
    },
    upload: async (p: LocalPhoto) => {
      if (!online) throw Object.assign(new Error('offline'), { code: 'NETWORK.UNAVAILABLE' })
      const content = mem.live.get(p.path)
      if (content === undefined) throw new Error(`cannot read ${p.path}`)
      uploads.push(content)
      return { fileId: `cloud://env/wishes/door/${uploads.length}.jpg`, mime: p.mime, bytes: p.bytes }
    },
    backoff: { baseMs: 60_000, maxMs: 60_000 },
    photos: store,
  }
  queue = createOfflineQueue(deps)
  const kept = await store.keep([picked(mem, 'door')])
  queue.enqueue(intake, kept)
  await queue.flush()
  expect(queue.counts()).toEqual({ waiting: 1, failed: 0 })

  // Reload: the picker's blob URL is gone, the queue is rebuilt from storage.
  queue.dispose()
  mem.reload()
  clock += 2 * 60 * 60 * 1000
  queue = createOfflineQueue(deps)
  await new Promise((r) => setTimeout(r, 0))
  expect(mem.rows.size).toBe(1) // named by the queued card: not swept

  online = true
  await queue.flush()
  expect(queue.counts()).toEqual({ waiting: 0, failed: 0 })
  expect(uploads).toEqual(['bytes of door'])
  expect(submitted).toEqual([{ ...intake, photos: [{ fileId: 'cloud://env/wishes/door/1.jpg', mime: 'image/jpeg', bytes: 200 * 1024 }] }])
  expect(mem.rows.size).toBe(0)
  // The object URL opened for the upload was released.
  expect([...mem.live.keys()].filter((p) => p.startsWith('mem:'))).toEqual([])
})

test('bytes lost meanwhile: the card asks to retake the photo instead of sending without it', async () => {
  const mem = memoryBackend()
  const store = createPhotoStore(mem.backend, { maxCount: 10, maxBytes: 10 * MB })
  queue = createOfflineQueue({
    submit: async () => ({ id: 'w-1', state: 'submitted' as const, replayed: false }),
    upload: async (p) => ({ fileId: `cloud://x/${p.path}`, mime: p.mime, bytes: p.bytes }),
    photos: store,
    backoff: { baseMs: 60_000, maxMs: 60_000 },
  })
  const kept = await store.keep([picked(mem, 'door')])
  mem.rows.clear()
  queue.enqueue(intake, kept)
  await queue.flush()
  expect(queue.list()[0]).toMatchObject({ status: 'failed', error: { code: 'WISH.BAD_PHOTO', message: '照片已失效，请重新选择照片' } })
})

test('discarding a card drops its photos; at start, old bytes no card names are swept, recent ones (a form still open) stay', async () => {
  const mem = memoryBackend()
  const store = createPhotoStore(mem.backend, { maxCount: 10, maxBytes: 10 * MB }, () => clock)
  const deps = {
    submit: async () => ({ id: 'w-1', state: 'submitted' as const, replayed: false }),
    // Storage refuses the file: the card needs the worker, its photo stays until they decide.
    upload: async (): Promise<never> => {
      throw new ApiError('WISH.BAD_PHOTO', '只能上传 JPG、PNG 或 WebP 格式的照片')
    },
    photos: store,
  }
  const orphan = await store.keep([picked(mem, 'left-in-form')])
  clock += 2 * 60 * 60 * 1000
  const fresh = await store.keep([picked(mem, 'form-open-now')])
  queue = createOfflineQueue(deps)
  await new Promise((r) => setTimeout(r, 0))
  expect([...mem.rows.keys()]).toEqual([fresh[0].storeId])
  expect(orphan[0].storeId).not.toBe(fresh[0].storeId)

  const withPhoto = await store.keep([picked(mem, 'queued')])
  const key = queue.enqueue(intake, withPhoto)
  await queue.flush()
  expect(queue.list()[0]).toMatchObject({ status: 'failed' })
  // Not uploaded: the photo is still the card's.
  expect(mem.rows.has(withPhoto[0].storeId!)).toBe(true)
  queue.discard(key)
  await new Promise((r) => setTimeout(r, 0))
  expect(mem.rows.has(withPhoto[0].storeId!)).toBe(false)
})
