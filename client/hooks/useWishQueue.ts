import { useEffect, useState } from 'react'
import { watchOnline } from '@/components/WishIntake/network'
import { createOfflineQueue, type DeviceSubmission, type OfflineQueue } from '@/services/offlineQueue'
import { photoStore } from '@/services/photoStore'
import { uploadPhoto } from '@/services/upload'
import { submitWish } from '@/services/wishes'

let shared: OfflineQueue | null = null

/** The one queue of this app run: created on first use, flushed then and whenever the network returns. */
export function wishQueue(): OfflineQueue {
  if (!shared) {
    shared = createOfflineQueue({
      submit: (key, intake) => submitWish({ key, ...intake }),
      upload: (photo) => uploadPhoto(photo, 'wishes/door'),
      watchOnline,
      photos: photoStore(),
    })
    void shared.flush()
  }
  return shared
}

/** Tests start each case with a fresh queue. */
export function resetWishQueue(): void {
  shared?.dispose()
  shared = null
}

export interface WishQueueState {
  items: readonly DeviceSubmission[]
  waiting: number
  failed: number
  queue: OfflineQueue
}

/** The worker's view of the queue: 待发送 N, 需修改 M, kept current as items are sent. */
export function useWishQueue(): WishQueueState {
  const queue = wishQueue()
  const [items, setItems] = useState<readonly DeviceSubmission[]>(() => queue.list())
  useEffect(() => {
    setItems(queue.list())
    return queue.subscribe(setItems)
  }, [queue])
  return {
    items,
    waiting: items.filter((i) => i.status === 'waiting').length,
    failed: items.filter((i) => i.status === 'failed').length,
    queue,
  }
}
