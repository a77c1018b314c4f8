import { useEffect, useState } from 'react'
import { watchOnline } from '@/components/WishIntake/network'
import type { IntakeResult } from '@domain/wishes'
import { createOfflineQueue, type DeviceCard, type DeviceQueue, type DeviceSubmission, type OfflineQueue, type QueuedIntake } from '@/services/offlineQueue'
import { photoStore } from '@/services/photoStore'
import { uploadPhoto } from '@/services/upload'
import { toApiError } from '@/services/ApiError'
import { linkNeed } from '@/services/households'
import { isRetryable } from '@/services/queueRules'
import { submitWish } from '@/services/wishes'

let shared: OfflineQueue | null = null

/**
 * Sends one card: the wish, then (for a need found on a visit) the link back to the visit. The
 * wish's id is the server's, so the link can only follow the send; both happen inside the one
 * queue attempt, so the card leaves the device only once the visit knows its wish. A link lost to
 * the network keeps the card waiting: the retry sends the same key (the server answers the wish
 * already stored, never a second one) and links again (setting the same id twice changes nothing).
 * A link refused for good (the visit gone, no longer the worker's) does not undo a wish that exists.
 */
export async function sendIntake(key: string, { followUp, ...intake }: QueuedIntake): Promise<IntakeResult> {
  const result = await submitWish({ key, ...intake })
  if (followUp) {
    try {
      await linkNeed(followUp.visitId, followUp.index, 'wish', result.id)
    } catch (e) {
      if (isRetryable(toApiError(e).code)) throw e
    }
  }
  return result
}

/** The one queue of this app run: created on first use, flushed then and whenever the network returns. */
export function wishQueue(): OfflineQueue {
  if (!shared) {
    shared = createOfflineQueue({
      submit: sendIntake,
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
