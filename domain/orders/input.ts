/**
 * Input guards. Each returns the cleaned value or throws the precise code; nothing is written
 * when one throws, because the planner calls them before it answers a plan.
 */
import { DomainError } from '../errors'
import type { OrderUrgency } from '../orders-labels'
import { ORDER_TRANSITIONS, type OrderVerb } from './lifecycle'

export const REASON_MIN = 2
export const REASON_MAX = 200

/** The reason a verb needs (trimmed, 2–200), or the optional one others may carry (≤ 200), or undefined. */
export function checkReason(verb: OrderVerb, reason: string | undefined): string | undefined {
  const text = reason?.trim() ?? ''
  if (text.length > REASON_MAX) throw new DomainError('ORDER.REASON_TOO_LONG')
  if (!ORDER_TRANSITIONS[verb].needsReason) return text || undefined
  if (text.length < REASON_MIN) throw new DomainError('ORDER.REASON_REQUIRED')
  return text
}

export const DESCRIPTION_MIN = 2
export const DESCRIPTION_MAX = 500
/** A time picked as "now" and sent a few minutes later is not in the past. */
export const PAST_TOLERANCE_MS = 10 * 60_000
export const MAX_DAYS_AHEAD = 90

export interface OrderInput {
  /** A service-list item, or null for "other" (其他). */
  itemId: string | null
  description: string
  preferredAt: Date
  urgency: OrderUrgency
}

/** The cleaned order input; `now` is injected so tests control the clock. */
export function checkOrderInput(input: OrderInput, now: Date): OrderInput {
  const description = input.description.trim()
  if (description.length < DESCRIPTION_MIN) throw new DomainError('ORDER.DESCRIPTION_REQUIRED')
  if (description.length > DESCRIPTION_MAX) throw new DomainError('ORDER.DESCRIPTION_TOO_LONG')
  const at = input.preferredAt.getTime()
  if (Number.isNaN(at)) throw new DomainError('ORDER.TIME_IN_PAST')
  if (at < now.getTime() - PAST_TOLERANCE_MS) throw new DomainError('ORDER.TIME_IN_PAST')
  if (at > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) throw new DomainError('ORDER.TIME_TOO_FAR')
  return { itemId: input.itemId, description, preferredAt: input.preferredAt, urgency: input.urgency }
}

export const HOURS_MIN = 0.5
export const HOURS_MAX = 24
export const NOTE_MIN = 2
export const NOTE_MAX = 500
export const PHOTOS_MAX = 9

/** What the member reports at `finish`. Photos are file ids; optional, since not every helper can take one. */
export interface WorkReport {
  note: string
  photos: string[]
  hours: number
}

export function checkWorkReport(report: WorkReport): WorkReport {
  const note = report.note.trim()
  if (note.length < NOTE_MIN) throw new DomainError('ORDER.NOTE_REQUIRED')
  if (note.length > NOTE_MAX) throw new DomainError('ORDER.NOTE_TOO_LONG')
  if (report.photos.length > PHOTOS_MAX) throw new DomainError('ORDER.TOO_MANY_PHOTOS')
  // Half-hour steps: the ledger and the yearly requirement (e.g. 40 hours) count in halves.
  const h = report.hours
  if (!Number.isFinite(h) || h < HOURS_MIN || h > HOURS_MAX || Math.round(h * 2) !== h * 2) throw new DomainError('ORDER.HOURS_INVALID')
  return { note, photos: report.photos, hours: h }
}

export const COMMENT_MAX = 200
/** At or below this many stars the resident says why: a low mark without words helps nobody (群众监督). */
export const LOW_RATING = 2

export interface Rating {
  stars: number
  comment: string
}

export function checkRating(rating: Rating): Rating {
  const { stars } = rating
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new DomainError('ORDER.RATING_INVALID')
  const comment = rating.comment.trim()
  if (comment.length > COMMENT_MAX) throw new DomainError('ORDER.COMMENT_TOO_LONG')
  if (stars <= LOW_RATING && comment.length < REASON_MIN) throw new DomainError('ORDER.COMMENT_REQUIRED')
  return { stars, comment }
}
