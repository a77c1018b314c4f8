import { createPhotoStore, passThroughStore, type PhotoBackend, type PhotoStore, type StoredEntry } from './photoStoreCore'

/**
 * Browser: the photo's bytes in IndexedDB (object URLs die with the page, and localStorage holds
 * strings of a few MB in all). One record per photo: { id, blob, bytes, at }.
 */
export type { StoredPhoto } from './photoStoreCore'

const DB_NAME = 'lianxin-photos'
const STORE = 'photos'

/** 24 photos (four full cards) or 50 MB, well inside what browsers give a site. */
export const H5_PHOTO_LIMITS = { maxCount: 24, maxBytes: 50 * 1024 * 1024 }

let dbPromise: Promise<IDBDatabase> | null = null

function db(): Promise<IDBDatabase> {
  if (!dbPromise) {
    dbPromise = new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new Error('IndexedDB unavailable'))
        return
      }
      const req = indexedDB.open(DB_NAME, 1)
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' })
      }
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    }).catch((e) => {
      dbPromise = null
      throw e
    })
  }
  return dbPromise
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const d = await db()
  return new Promise<T>((resolve, reject) => {
    const tx = d.transaction(STORE, mode)
    const req = fn(tx.objectStore(STORE))
    let result: T
    req.onsuccess = () => {
      result = req.result
    }
    // Resolved when the transaction is durable, not when the request is queued.
    tx.oncomplete = () => resolve(result)
    tx.onerror = () => reject(tx.error ?? req.error)
    tx.onabort = () => reject(tx.error ?? new Error('aborted'))
  })
}

interface Row extends StoredEntry {
  blob: Blob
  mime: string
}

export const indexedDbBackend: PhotoBackend = {
  async put(id, photo) {
    const blob = await (await fetch(photo.path)).blob()
    await run('readwrite', (s) => s.put({ id, blob, mime: photo.mime, bytes: blob.size, at: Date.now() } satisfies Row))
    return { path: photo.path }
  },
  async open(id) {
    const row = await run<Row | undefined>('readonly', (s) => s.get(id) as IDBRequest<Row | undefined>)
    return row ? URL.createObjectURL(row.blob) : null
  },
  async remove(id) {
    await run('readwrite', (s) => s.delete(id))
  },
  async list() {
    const rows = await run<Row[]>('readonly', (s) => s.getAll() as IDBRequest<Row[]>)
    return rows.map((r) => ({ id: r.id, bytes: r.bytes, at: r.at }))
  },
  close(path) {
    if (path.startsWith('blob:')) URL.revokeObjectURL(path)
  },
}

let shared: PhotoStore | null = null

export function photoStore(): PhotoStore {
  // Without IndexedDB (very old browsers, some private modes) photos stay as picked, as before.
  if (!shared) shared = typeof indexedDB === 'undefined' ? passThroughStore : createPhotoStore(indexedDbBackend, H5_PHOTO_LIMITS)
  return shared
}
