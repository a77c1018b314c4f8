import type { VisitInput, VisitView } from '@domain/api/households'
import { watchOnline } from '@/components/WishIntake/network'
import { createDeviceQueue, VISIT_QUEUE_STORAGE_KEY, type DeviceCard, type DeviceQueue } from '@/services/offlineQueue'
import * as households from '@/services/households'
import { photoStore } from '@/services/photoStore'
import { uploadPhoto } from '@/services/upload'
import { useRemote } from './useRemote'
import { useDeviceQueue } from './useWishQueue'
import { useWhoAmI } from './useWhoAmI'

/** What the visit form hands over: the record without the key, which the queue makes. */
export type QueuedVisit = Omit<VisitInput, 'key'>
export type VisitAnswer = { visit: VisitView; created: boolean }
export type VisitQueue = DeviceQueue<QueuedVisit, VisitAnswer>
export type VisitCard = DeviceCard<QueuedVisit>

let shared: VisitQueue | null = null

/** The one visit queue of this app run, exactly like wish intake's: kept on the device, sent when the network is there. */
export function visitQueue(): VisitQueue {
  if (!shared) {
    shared = createDeviceQueue<QueuedVisit, VisitAnswer>(VISIT_QUEUE_STORAGE_KEY, {
      submit: (key, visit) => households.recordVisit({ key, ...visit }),
      upload: (photo) => uploadPhoto(photo, 'visits/door'),
      watchOnline,
      photos: photoStore(),
    })
    void shared.flush()
  }
  return shared
}

/** Tests start each case with a fresh queue. */
export function resetVisitQueue(): void {
  shared?.dispose()
  shared = null
}

export function useVisitQueue() {
  return useDeviceQueue(visitQueue())
}

function useWhoKey() {
  const who = useWhoAmI()
  return who.data ? `${who.data.id}:${who.data.activeRole}` : null
}

export function useHouseholdPlaces() {
  const key = useWhoKey()
  return useRemote(() => households.householdPlaces(), key)
}

export function useHouseholdList(placeId: string | null, overdue: boolean) {
  const key = useWhoKey()
  return useRemote(() => households.listHouseholds(placeId!, overdue ? { overdue } : {}), key && placeId ? `${key}:${placeId}:${overdue}` : null)
}

export function useHousehold(id: string | null) {
  const key = useWhoKey()
  return useRemote(() => households.getHousehold(id!), key && id ? `${key}:${id}` : null)
}

export function useMyVisits() {
  const key = useWhoKey()
  return useRemote(() => households.myVisits(50), key)
}
