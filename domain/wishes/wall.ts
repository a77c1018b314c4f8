/** The wish wall (心愿墙): its counts, its tabs, and the progress words of a card. */
import { WALL_FILTERS, type WallTab, type WishState } from '../wishes-labels'
import { awaitsDelivery, isDone, isLitOrLater, isOnWall } from './lifecycle'

/** 已审核 N · 已点亮 M · 已完成 K. Nested: every done wish is lit, every lit wish reviewed. */
export interface WallCounts {
  reviewed: number
  lit: number
  done: number
}

/**
 * Counts from wishes, or from a tally per state (`n`: what a `$group` by state answers, so the
 * function counts in one aggregation and the rule stays here).
 */
export function wallCounts(wishes: Iterable<{ state: WishState; n?: number }>): WallCounts {
  const counts: WallCounts = { reviewed: 0, lit: 0, done: 0 }
  for (const w of wishes) {
    const n = w.n ?? 1
    if (isOnWall(w.state)) counts.reviewed += n
    if (isLitOrLater(w.state)) counts.lit += n
    if (isDone(w.state)) counts.done += n
  }
  return counts
}

/** The wall tab a state belongs to, or null when it is not on the wall. */
export function wallTabOf(state: WishState): WallTab | null {
  for (const tab of Object.keys(WALL_FILTERS) as WallTab[]) if ((WALL_FILTERS[tab].states as readonly WishState[]).includes(state)) return tab
  return null
}

/** The denormalised wall fields for a state: written together with the state by every update. */
export function wallPlacement(state: WishState): { onWall: boolean; wallTab: WallTab | null } {
  return { onWall: isOnWall(state), wallTab: wallTabOf(state) }
}

/** The progress a card shows (wall, share image, poster): only these four words. */
export function progressLabel(state: WishState): string {
  if (isDone(state)) return '已完成'
  if (isLitOrLater(state)) return awaitsDelivery(state) ? '已点亮' : '已送达'
  return '待点亮'
}
