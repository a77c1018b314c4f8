import Taro from '@tarojs/taro'
import { createPhotoStore, type PhotoBackend, type PhotoStore, type StoredEntry } from './photoStoreCore'

/**
 * WeChat: a picked photo is a temp file that may be cleaned once the mini-program closes, so it is
 * saved (FileSystemManager.saveFile moves it into the mini-program's own files) and the saved path
 * is kept in an index in storage with its size. Removed with removeSavedFile once uploaded.
 */
export type { StoredPhoto } from './photoStoreCore'

const INDEX_KEY = 'lianxin.photoStore'

/** WeChat documents 10 MB for saved files (wx.saveFile); compressed photos are ~0.1–0.5 MB each. */
export const WEAPP_PHOTO_LIMITS = { maxCount: 24, maxBytes: 10 * 1024 * 1024 }

interface IndexRow extends StoredEntry {
  path: string
}

function readIndex(): IndexRow[] {
  try {
    const raw = Taro.getStorageSync(INDEX_KEY)
    const list = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
    return Array.isArray(list) ? (list as IndexRow[]) : []
  } catch {
    return []
  }
}

function writeIndex(rows: readonly IndexRow[]): void {
  Taro.setStorageSync(INDEX_KEY, JSON.stringify(rows))
}

type Fs = {
  saveFile(o: { tempFilePath: string; success: (r: { savedFilePath: string }) => void; fail: (e: { errMsg?: string }) => void }): void
  removeSavedFile(o: { filePath: string; success: () => void; fail: (e: { errMsg?: string }) => void }): void
  accessSync(path: string): void
}

const fs = () => Taro.getFileSystemManager() as unknown as Fs

export const savedFileBackend: PhotoBackend = {
  async put(id, photo) {
    const savedFilePath = await new Promise<string>((resolve, reject) =>
      fs().saveFile({ tempFilePath: photo.path, success: (r) => resolve(r.savedFilePath), fail: (e) => reject(new Error(e?.errMsg ?? 'saveFile failed')) }),
    )
    // The index is written after the file exists: a crash in between leaves an untracked file,
    // never an entry without bytes.
    writeIndex([...readIndex(), { id, path: savedFilePath, bytes: photo.bytes, at: Date.now() }])
    return { path: savedFilePath }
  },
  async open(id) {
    const row = readIndex().find((r) => r.id === id)
    if (!row) return null
    try {
      fs().accessSync(row.path)
      return row.path
    } catch {
      return null
    }
  },
  async remove(id) {
    const row = readIndex().find((r) => r.id === id)
    writeIndex(readIndex().filter((r) => r.id !== id))
    if (row) {
      await new Promise<void>((resolve) => fs().removeSavedFile({ filePath: row.path, success: () => resolve(), fail: () => resolve() }))
    }
  },
  async list() {
    return readIndex().map(({ id, bytes, at }) => ({ id, bytes, at }))
  },
}

let shared: PhotoStore | null = null

export function photoStore(): PhotoStore {
  if (!shared) shared = createPhotoStore(savedFileBackend, WEAPP_PHOTO_LIMITS)
  return shared
}
