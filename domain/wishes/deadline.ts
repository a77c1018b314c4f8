/**
 * The claim's deadline: a claim not delivered by it is released by the hourly timer. The same rule
 * in three forms: a date (claimDeadline, shown to the claimer and staff), a test on a record
 * (isClaimOverdue), and database conditions (overdueCondition, part of the release's plan).
 */
import type { Condition } from '../lifecycle'
import { DEFAULT_WISH_SETTINGS, WISH_STATES, type WishSettings } from '../wishes-labels'
import { awaitsDelivery } from './lifecycle'
import type { Claim, WishRecord } from './record'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When a claim must have been delivered: the `releaseAt` stamped on it when it was lit, else
 * (claims from before it was stamped) `claimReleaseDays` × 24 hours after lighting, on the clock,
 * not calendar days (no time-zone question; Asia/Shanghai has no daylight saving anyway).
 */
export function claimDeadline(claim: Pick<Claim, 'at' | 'releaseAt'>, settings: WishSettings = DEFAULT_WISH_SETTINGS): Date {
  if (claim.releaseAt) return new Date(claim.releaseAt)
  return new Date(new Date(claim.at).getTime() + settings.claimReleaseDays * DAY_MS)
}

/** The days a claim was given (for the release reason): from its stamped deadline, else the setting. */
export function claimDays(claim: Pick<Claim, 'at' | 'releaseAt'>, settings: WishSettings = DEFAULT_WISH_SETTINGS): number {
  return Math.round((claimDeadline(claim, settings).getTime() - new Date(claim.at).getTime()) / DAY_MS)
}

/** Lit and still undelivered strictly after the deadline: at the deadline itself it is still in time. */
export function isClaimOverdue(wish: Pick<WishRecord, 'state' | 'claim'>, now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS): boolean {
  if (!awaitsDelivery(wish.state) || !wish.claim) return false
  return now.getTime() > claimDeadline(wish.claim, settings).getTime()
}

/**
 * The same rule as database conditions, for the timer. A stamped claim is overdue when
 * `claim.releaseAt < now` (index `state_claim_release`); an unstamped one (lit before claims were
 * stamped) when `claim.releaseAt` does not exist and `claim.at < releaseCutoff(now)` with the
 * default days (index `state_claim_at`), which was the rule when it was lit.
 */
export function releaseCutoff(now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS): Date {
  return new Date(now.getTime() - settings.claimReleaseDays * DAY_MS)
}

/** What must still hold for a release of this claim to land: still overdue, by the rule it was made under. */
export function overdueCondition(claim: Pick<Claim, 'releaseAt'>, now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS): Condition {
  if (claim.releaseAt) return { 'claim.releaseAt': { $lt: now } }
  return { 'claim.releaseAt': { $exists: false }, 'claim.at': { $lt: releaseCutoff(now, settings) } }
}

/**
 * The timer's two searches for overdue claims, each with the order its index serves: stamped
 * claims past `claim.releaseAt` (`state_claim_release`), and unstamped ones lit more than the
 * default days ago (`state_claim_at`), which was the rule when they were lit.
 */
export function overdueSearches(now: Date): Array<{ where: Condition; order: 'claim.releaseAt' | 'claim.at' }> {
  const state = { $in: WISH_STATES.filter(awaitsDelivery) }
  return [
    { where: { state, 'claim.releaseAt': { $lt: now } }, order: 'claim.releaseAt' },
    { where: { state, 'claim.releaseAt': { $exists: false }, 'claim.at': { $lt: releaseCutoff(now, DEFAULT_WISH_SETTINGS) } }, order: 'claim.at' },
  ]
}
