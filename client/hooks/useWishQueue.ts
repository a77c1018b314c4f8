import { useEffect, useState } from 'react'
import { watchOnline } from '@/components/WishIntake/network'
import { createOfflineQueue, type DeviceCard, type DeviceQueue, type DeviceSubmission, type OfflineQueue } from '@/services/offlineQueue'
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

/** The worker's view of a device queue: 待发送 N, 需修改 M, kept current as items are sent (wish intake, visits). */
export function useDeviceQueue<I, R>(queue: DeviceQueue<I, R>) {
  const [items, setItems] = useState<readonly DeviceCard<I>[]>(() => queue.list())
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

export function useWishQueue(): WishQueueState {
  return useDeviceQueue(wishQueue())
}
