/** Per-community time limits (时限设置), read by the escalation (escalation.ts) and the lists' overdue flag. */
import { DomainError } from '../errors'

/** Per-community settings; every limit in hours. */
export interface OrderTimeSettings {
  /** ordered → the community accepts or declines; also complained → the community redoes or settles it. */
  acceptHours: number
  /** accepted → dispatched or pooled. */
  dispatchHours: number
  /** dispatched or pooled → a member takes it. */
  claimHours: number
  /** After the preferred time (or the claim, if later) → done. */
  finishHours: number
  /** Urgent orders: every limit times this. */
  urgentScale: number
}

export const DEFAULT_ORDER_SETTINGS: OrderTimeSettings = { acceptHours: 24, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 }
export const SETTING_HOURS_MAX = 720

export function checkTimeSettings(s: OrderTimeSettings): OrderTimeSettings {
  for (const h of [s.acceptHours, s.dispatchHours, s.claimHours, s.finishHours]) {
    if (!Number.isFinite(h) || h < 1 || h > SETTING_HOURS_MAX) throw new DomainError('ORDER.SETTINGS_INVALID')
  }
  if (!Number.isFinite(s.urgentScale) || s.urgentScale < 0.1 || s.urgentScale > 1) throw new DomainError('ORDER.SETTINGS_INVALID')
  return { ...s }
}

/** The limits in force for a community: what it stored (`orderSettings` on its node), else the defaults. */
export function settingsOf(node: { orderSettings?: Partial<OrderTimeSettings> | null } | null | undefined): OrderTimeSettings {
  return node?.orderSettings ? { ...DEFAULT_ORDER_SETTINGS, ...node.orderSettings } : DEFAULT_ORDER_SETTINGS
}
