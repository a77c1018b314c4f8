import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { WhoAmI } from '@domain/api'
import type { PageCursor, WallFilter, WishCard, WishWall } from '@domain/api/wishes'
import type { WishCategory } from '@domain/wishes'
import { listChildren } from '@/services/org'
import { myCard, options } from '@/services/registration'
import { getWish, reviewQueue, wishWall } from '@/services/wishes'
import { useRemote } from './useRemote'
import { useWhoAmI } from './useWhoAmI'

export const WISH_COMMUNITY_STORAGE_KEY = 'lianxin.wishCommunity'

export interface CommunityChoice {
  id: string
  name: string
}

/** The community whose wall a person looks at when they have not chosen one: from their role. */
async function communityOfRole(who: WhoAmI): Promise<string | null> {
  const active = who.roles.find((r) => r.kind === who.activeRole)
  if (active?.kind === 'community_admin' && active.scopeId) return active.scopeId
  const grid = who.roles.find((r) => r.kind === 'grid_worker' && r.scopeId)
  if (active?.kind === 'grid_worker' && grid?.scopeId) {
    // grid → compound → community: two steps up the tree.
    const g = await listChildren(grid.scopeId)
    if (g.parent.parentId) {
      const compound = await listChildren(g.parent.parentId)
      if (compound.parent.parentId) return compound.parent.parentId
    }
  }
  if (who.roles.some((r) => r.kind === 'member')) {
    const card = await myCard().catch(() => null)
    if (card?.community.id) return card.community.id
  }
  return null
}

function storedCommunity(): string | null {
  try {
    const v = Taro.getStorageSync(WISH_COMMUNITY_STORAGE_KEY)
    return typeof v === 'string' && v ? v : null
  } catch {
    return null
  }
}

/**
 * Which community's wishes to show: the page's `communityId`, else the one the person picked
 * before on this device, else the community of their role (community admin, grid worker,
 * registered member), else the first one. With the list of communities for the picker.
 */
export function useWishCommunity(param?: string) {
  const who = useWhoAmI()
  const [picked, setPicked] = useState<string | null>(() => param || storedCommunity())
  const remote = useRemote(
    async () => {
      const opts = await options()
      const communities: CommunityChoice[] = opts.communities.map((c) => ({ id: c.id, name: c.name }))
      const fromRole = picked ? null : await communityOfRole(who.data!)
      const id = picked ?? fromRole ?? communities[0]?.id ?? null
      return { communities, id }
    },
    who.data ? `${who.data.id}:${who.data.activeRole}` : null,
  )
  const choose = useCallback((id: string) => {
    setPicked(id)
    try {
      Taro.setStorageSync(WISH_COMMUNITY_STORAGE_KEY, id)
    } catch {
      // Storage may be full or disabled; the choice then lasts for this page only.
    }
  }, [])
  const id = picked ?? remote.data?.id ?? null
  const communities = remote.data?.communities ?? []
  return {
    id,
    name: communities.find((c) => c.id === id)?.name ?? null,
    communities,
    choose,
    loading: remote.loading || who.loading,
    error: remote.error ?? who.error,
    reload: () => (who.data ? remote.reload() : who.reload()),
  }
}

export function useWishWall(communityId: string | null, category: WishCategory | undefined, filter: WallFilter) {
  return useRemote(() => wishWall(communityId!, { ...(category ? { category } : {}), filter }), communityId ? `${communityId}:${category ?? ''}:${filter}` : null)
}

/**
 * Pages after the wall's first: keyset cursors (`next`), appended; starts over whenever the first
 * page is loaded again (another filter, a pull to refresh).
 */
export function useMoreWishes(first: WishWall | null, communityId: string | null, category: WishCategory | undefined, filter: WallFilter) {
  const [items, setItems] = useState<WishCard[]>([])
  const [next, setNext] = useState<PageCursor | null>(null)
  const [loading, setLoading] = useState(false)
  const generation = useRef(0)
  useEffect(() => {
    generation.current++
    setItems([])
    setNext(first?.next ?? null)
    setLoading(false)
  }, [first])
  const load = useCallback(async () => {
    if (!next || loading || !communityId) return
    const mine = generation.current
    setLoading(true)
    try {
      const page = await wishWall(communityId, { ...(category ? { category } : {}), filter, after: next })
      if (mine !== generation.current) return
      setItems((list) => [...list, ...page.items])
      setNext(page.next)
    } catch {
      // The button stays; another tap tries again.
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [next, loading, communityId, category, filter])
  return { items, next, loading, load }
}

export function useWishDetail(id: string | null) {
  return useRemote(() => getWish(id!), id)
}

export function useReviewQueue(communityId: string | null, state: 'submitted' | 'verified' | undefined) {
  return useRemote(() => reviewQueue(communityId!, state), communityId ? `${communityId}:${state ?? ''}` : null)
}
