import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'

/** Same key as services/offlineQueue.ts QUEUE_STORAGE_KEY (a test holds them together). */
export const QUEUE_KEY = 'lianxin.wishQueue'

/**
 * 待发送 N / 需修改 M read straight from storage, for the wall in the main package: the queue
 * itself (sending, uploads, retries) stays in the wishes subpackage, so the first open stays small.
 */
export function readQueueCounts(): { waiting: number; failed: number } {
  try {
    const raw = Taro.getStorageSync(QUEUE_KEY)
    const list = typeof raw === 'string' && raw ? (JSON.parse(raw) as Array<{ status?: string }>) : []
    if (!Array.isArray(list)) return { waiting: 0, failed: 0 }
    return { waiting: list.filter((q) => q.status === 'waiting').length, failed: list.filter((q) => q.status === 'failed').length }
  } catch {
    return { waiting: 0, failed: 0 }
  }
}

export function useWishQueueCounts() {
  const [counts, setCounts] = useState(readQueueCounts)
  useDidShow(() => setCounts(readQueueCounts()))
  return counts
}
