import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { HouseholdPage, VisitInput, VisitView } from '@domain/api/households'
import { toApiError, type ApiError } from '@/services/ApiError'
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

/**
 * The households of a place, a page at a time: the first page loads with the place (and 只看逾期),
 * `loadMore` appends the next one from the offset the last page gave. A row already shown is not
 * shown twice should the list shift between pages (a household visited meanwhile). `total` and
 * `overdueCount` are the place's, from the newest page.
 */
export function useHouseholdList(placeId: string | null, overdue: boolean) {
  const key = useWhoKey()
  const listKey = key && placeId ? `${key}:${placeId}:${overdue}` : null
  const first = useRemote(() => households.listHouseholds(placeId!, overdue ? { overdue } : {}), listKey)
  const [more, setMore] = useState<{ pages: HouseholdPage[]; loading: boolean; error: ApiError | null }>({ pages: [], loading: false, error: null })
  // The key the appended pages belong to: an answer for another place (or filter) is dropped.
  const current = useRef(listKey)
  current.current = listKey
  useEffect(() => setMore({ pages: [], loading: false, error: null }), [listKey, first.data])

  const newest = more.pages.at(-1) ?? first.data
  const items = useMemo(() => {
    const seen = new Set<string>()
    return [first.data, ...more.pages].flatMap((p) => p?.items ?? []).filter((r) => !seen.has(r.id) && !!seen.add(r.id))
  }, [first.data, more.pages])
  const nextOffset = newest?.nextOffset ?? null

  const loadMore = useCallback(async () => {
    if (!placeId || nextOffset === null || more.loading) return
    const asked = listKey
    setMore((m) => ({ ...m, loading: true, error: null }))
    try {
      const page = await households.listHouseholds(placeId, { ...(overdue ? { overdue } : {}), offset: nextOffset })
      if (current.current === asked) setMore((m) => ({ pages: [...m.pages, page], loading: false, error: null }))
    } catch (e) {
      if (current.current === asked) setMore((m) => ({ ...m, loading: false, error: toApiError(e) }))
    }
  }, [placeId, overdue, nextOffset, more.loading, listKey])

  return {
    loading: first.loading,
    error: first.error,
    reload: first.reload,
    data: first.data && newest ? { place: first.data.place, items, total: newest.total, overdueCount: newest.overdueCount, nextOffset } : null,
    loadMore,
    loadingMore: more.loading,
    moreError: more.error,
  }
}

export function useHousehold(id: string | null) {
  const key = useWhoKey()
  return useRemote(() => households.getHousehold(id!), key && id ? `${key}:${id}` : null)
}

export function useMyVisits() {
  const key = useWhoKey()
  return useRemote(() => households.myVisits(50), key)
}
