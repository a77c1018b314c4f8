/**
 * Hours of an activity and the star level they earn. Both rules are the county's settings
 * (`activitySettings` on the county node), never constants in code; the defaults are the seeds'.
 */
import './errors'
import { DomainError } from '../errors'
import { roundHours } from '../requirements'

/**
 * How the minutes beyond whole hours are counted: fewer than `zeroBelow` count nothing, fewer
 * than `halfBelow` half an hour, the rest a whole hour.
 */
export interface RoundingRule {
  zeroBelow: number
  halfBelow: number
}

export interface ActivitySettings {
  rounding: RoundingRule
  /** Total hours for one to five stars, ascending. */
  stars: number[]
}

/** The seeds': under 15 min 0, 15–45 min 0.5 h, 45–60 min 1 h; stars at 100 / 300 / 600 / 1000 / 1500 hours. */
export const DEFAULT_ACTIVITY_SETTINGS: ActivitySettings = Object.freeze({
  rounding: Object.freeze({ zeroBelow: 15, halfBelow: 45 }) as RoundingRule,
  stars: Object.freeze([100, 300, 600, 1000, 1500]) as unknown as number[],
})

export function effectiveActivitySettings(stored: Partial<ActivitySettings> | null | undefined): ActivitySettings {
  return {
    rounding: stored?.rounding ?? DEFAULT_ACTIVITY_SETTINGS.rounding,
    stars: stored?.stars?.length === 5 ? stored.stars : DEFAULT_ACTIVITY_SETTINGS.stars,
  }
}

/** Every problem of a settings change, with the Chinese message; {} when fine. */
export function checkActivitySettings(s: ActivitySettings): Partial<Record<'rounding' | 'stars', string>> {
  const errors: Partial<Record<'rounding' | 'stars', string>> = {}
  const { zeroBelow, halfBelow } = s.rounding
  if (!Number.isInteger(zeroBelow) || !Number.isInteger(halfBelow) || zeroBelow < 0 || halfBelow > 60 || zeroBelow > halfBelow) {
    errors.rounding = '时长折算规则需满足 0 ≤ 不计分钟 ≤ 半小时分钟 ≤ 60'
  }
  const st = s.stars
  if (st.length !== 5 || st.some((h, i) => !Number.isInteger(h) || h <= 0 || h > 100000 || (i > 0 && h <= st[i - 1]))) {
    errors.stars = '五个星级的时长需为递增的正整数'
  }
  return errors
}

const MINUTE = 60_000

/** Time in, rounded by the rule and capped at the planned hours. */
export function roundedHours(minutesIn: number, rule: RoundingRule, cap: number): number {
  const minutes = Math.max(0, Math.floor(minutesIn))
  const whole = Math.floor(minutes / 60)
  const rest = minutes % 60
  const extra = rest < rule.zeroBelow ? 0 : rest < rule.halfBelow ? 0.5 : 1
  return roundHours(Math.min(cap, whole + extra))
}

/** Minutes between check-in and check-out (or the planned end for someone who never checked out). */
export function minutesIn(checkInAt: Date, checkOutAt: Date | null, endAt: Date): number {
  const out = checkOutAt ?? endAt
  return Math.max(0, (out.getTime() - checkInAt.getTime()) / MINUTE)
}

/** A correction by the organiser: positive, in tenths, never above the planned hours. */
export function checkCorrection(hours: number, cap: number): number {
  if (!Number.isFinite(hours) || hours <= 0 || roundHours(hours) !== hours) throw new DomainError('ACTIVITY.BAD_HOURS')
  if (hours > cap) throw new DomainError('ACTIVITY.HOURS_ABOVE_CAP', `时长不能超过活动计划的${cap}小时`)
  return hours
}

export interface StarLevel {
  /** 0–5 */
  stars: number
  /** Hours needed for the next star; null at five stars. */
  next: number | null
  /** Hours still missing for it. */
  toNext: number | null
}

export function starLevel(totalHours: number, thresholds: readonly number[]): StarLevel {
  const stars = thresholds.filter((t) => totalHours >= t).length
  const next = stars < thresholds.length ? thresholds[stars] : null
  return { stars, next, toNext: next === null ? null : roundHours(next - totalHours) }
}
