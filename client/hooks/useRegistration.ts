import { useCallback, useState } from 'react'
import type { PendingItem } from '@domain/api'
import * as registration from '@/services/registration'
import type { PendingScope } from '@/services/registration'
import { toApiError } from '@/services/ApiError'
import { useRemote } from './useRemote'

/** My registration card (null: never registered). */
export function useMyCard() {
  return useRemote(registration.myCard, 'mine')
}

/** The QR image of registration `id` as a data URL, once the card is known (null id: nothing to load). */
export function useCardQr(id: string | null | undefined) {
  const qr = useRemote(() => registration.cardQr(id!), id ? `qr:${id}` : null)
  return { ...qr, src: qr.data ? `data:${qr.data.contentType};base64,${qr.data.imageBase64}` : null }
}

/** What an invitation scene points at; nothing to load without a scene. */
export function useInvite(scene: string | undefined) {
  return useRemote(() => registration.resolveInvite(scene!), scene ? scene : null)
}

/** Pickers for the 报到 form; the buildings follow the chosen community. Waits while `enabled` is false. */
export function useRegistrationOptions(communityId: string | undefined, enabled = true) {
  return useRemote(() => registration.options(communityId), enabled ? `options:${communityId ?? ''}` : null)
}

/** The admin's review list for one unit or community, with 加载更多 and local removal. */
export function usePending(scope: PendingScope | null, scopeId: string | null) {
  const key = scope && scopeId ? `${scope}:${scopeId}` : null
  const first = useRemote(() => registration.listPending(scope!, scopeId!), key)
  const [more, setMore] = useState<{ items: PendingItem[]; loading: boolean; error: string | null }>({
    items: [],
    loading: false,
    error: null,
  })

  const firstItems = first.data?.items ?? []
  const items = [...firstItems, ...more.items.filter((m) => !firstItems.some((f) => f.id === m.id))]
  const total = first.data?.total ?? 0

  const loadMore = useCallback(async () => {
    const last = items[items.length - 1]
    if (!scope || !scopeId || !last) return
    setMore((m) => ({ ...m, loading: true, error: null }))
    try {
      const page = await registration.listPending(scope, scopeId, last.createdAt)
      setMore((m) => ({ items: [...m.items, ...page.items], loading: false, error: null }))
    } catch (e) {
      setMore((m) => ({ ...m, loading: false, error: toApiError(e).message }))
    }
  }, [items, scope, scopeId])

  const reload = useCallback(async () => {
    setMore({ items: [], loading: false, error: null })
    await first.reload()
  }, [first])

  return {
    loading: first.loading,
    error: first.error,
    ready: first.data !== null,
    items,
    total,
    hasMore: first.data !== null && items.length < total,
    loadingMore: more.loading,
    moreError: more.error,
    loadMore,
    reload,
  }
}
