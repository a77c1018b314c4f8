/**
 * Check-in and check-out (签到 · 签退). The organiser's screen shows a mini-program code whose
 * scene carries the activity and a 6-digit code that changes every minute (the cloud function
 * derives it from the activity's secret and the minute: server side, HMAC). A code is accepted
 * during its minute and the next one, so a scan at the turn of the minute still works, and a
 * photo of yesterday's code does not. The same 6 digits are printed under the code for a person
 * whose phone cannot scan.
 */
import './errors'
import { DomainError } from '../errors'

const MINUTE = 60_000

/** Members may check in from half an hour before the start until the end. */
export const CHECK_IN_EARLY_MINUTES = 30
/** …and check out until an hour after the planned end (the timer then holds the activity). */
export const CHECK_OUT_LATE_MINUTES = 60

export const minuteOf = (at: Date) => Math.floor(at.getTime() / MINUTE)

/** The minutes whose code is accepted at `now`: this one and the one before. */
export const acceptedMinutes = (now: Date) => [minuteOf(now), minuteOf(now) - 1]

/** When the code shown at `now` stops being shown (the page asks for the next one then). */
export const codeRefreshAt = (now: Date) => new Date((minuteOf(now) + 1) * MINUTE)

export function checkInWindow(a: { startAt: Date; endAt: Date }) {
  return { opens: new Date(a.startAt.getTime() - CHECK_IN_EARLY_MINUTES * MINUTE), closes: a.endAt }
}

export function checkOutWindow(a: { endAt: Date }) {
  return { closes: new Date(a.endAt.getTime() + CHECK_OUT_LATE_MINUTES * MINUTE) }
}

const fmt = (d: Date) => {
  const t = new Date(d.getTime() + 8 * 3600_000)
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`
}

export function assertCheckInWindow(a: { startAt: Date; endAt: Date }, now: Date): void {
  const w = checkInWindow(a)
  if (now < w.opens) throw new DomainError('ACTIVITY.OUTSIDE_WINDOW', `签到还没开始，${fmt(w.opens)}起可以签到`)
  if (now > w.closes) throw new DomainError('ACTIVITY.OUTSIDE_WINDOW', '活动已经结束，不能再签到了')
}

export function assertCheckOutWindow(a: { endAt: Date }, now: Date): void {
  if (now > checkOutWindow(a).closes) throw new DomainError('ACTIVITY.OUTSIDE_WINDOW', '签退时间已过，请联系组织者核对时长')
}

export const CODE_PATTERN = /^\d{6}$/

/** What the check-in code's scene holds: `k:<activity id>:<6 digits>` (at most 32 characters). */
export function checkInScene(activityId: string, code: string): string {
  const scene = `k:${activityId}:${code}`
  if (scene.length > 32) throw new Error(`activity id too long for a check-in code: ${activityId}`)
  return scene
}

export function parseCheckInScene(scene: string): { activityId: string; code: string } | null {
  const m = /^k:([A-Za-z0-9_-]{1,24}):(\d{6})$/.exec(scene)
  return m ? { activityId: m[1], code: m[2] } : null
}

/** What a 报到证's QR holds (domain/registration registrationQrPayload): `reg:<registration id>`. */
export function registrationIdFromCard(payload: string): string | null {
  const m = /^reg:([A-Za-z0-9_-]{1,64})$/.exec(payload.trim())
  return m ? m[1] : null
}
