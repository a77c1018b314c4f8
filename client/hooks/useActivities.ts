import { useEffect, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { WhoAmI } from '@domain/api'
import type { ActivityListView } from '@domain/api/activities'
import type { RoleKind } from '@domain/roles'
import * as activities from '@/services/activities'
import { useRemote } from './useRemote'
import { useWhoAmI } from './useWhoAmI'

/** Roles that organise activities (the function decides where: `organiserOptions`). */
export const ORGANISER_ROLES: readonly RoleKind[] = ['unit_admin', 'community_admin', 'branch_admin']

/** Any role held counts, not only the active one: an admin signs up as a member and organises without switching. */
export function isOrganiser(who: Pick<WhoAmI, 'roles'> | null): boolean {
  return !!who?.roles.some((r) => ORGANISER_ROLES.includes(r.kind))
}

/** The key that makes a read ask again when the person or their active role changes. */
function whoKey(who: WhoAmI | null): string | null {
  return who ? `${who.id}:${who.activeRole}` : null
}

export function useActivityList(view: ActivityListView) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => activities.listActivities(view), key ? `${key}:${view}` : null)
}

/** One activity for its page; `get` answers the buttons (`can`) for this caller. */
export function useActivity(id: string | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => activities.getActivity(id!), id && key ? `${id}:${key}` : null)
}

export function useOrganiserOptions() {
  const who = useWhoAmI()
  return useRemote(() => activities.organiserOptions(), whoKey(who.data))
}

/**
 * The county's theme months of a year. Themes are optional for an activity, so a county without
 * a menu (or a read that fails) leaves the form with only 不选主题.
 */
export function useThemes(year: number) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(async () => {
    try {
      return (await activities.themes(year)).months
    } catch {
      return []
    }
  }, key ? `${key}:${year}` : null)
}

export function useHoursList(id: string | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => activities.hoursList(id!), id && key ? `${id}:${key}` : null)
}

/** Never ask sooner than this after an answer, whatever `refreshAt` says (a clock set wrong on the phone). */
const MIN_REFRESH_MS = 5_000

/**
 * The organiser's rotating check-in code: asked again at `refreshAt` (the next minute) while the
 * page shows. A hidden page (screen off, another page on top) asks for nothing and catches up
 * when it shows again, so no timer runs behind a page nobody sees.
 */
export function useCheckInCode(id: string | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  const [visible, setVisible] = useState(true)
  const remote = useRemote(() => activities.checkInCode(id!), id && key ? `${id}:${key}` : null)
  useDidHide(() => setVisible(false))
  useDidShow(() => {
    setVisible((was) => {
      if (!was) void remote.reload()
      return true
    })
  })
  const answer = remote.data
  const refreshAt = answer?.refreshAt ?? null
  const failed = !!remote.error
  useEffect(() => {
    if (!visible || (!refreshAt && !failed)) return
    // After a failure, try again in a while: the organiser's screen must not stay stale.
    const wait = refreshAt && !failed ? Math.max(MIN_REFRESH_MS, Date.parse(refreshAt) - Date.now()) : 15_000
    const timer = setTimeout(() => void remote.reload(), wait)
    return () => clearTimeout(timer)
    // Each answer is a new object, so a server answering the same refreshAt still gets asked again.
    // remote.reload is stable (useRemote's useCallback).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, answer, failed])
  return remote
}
