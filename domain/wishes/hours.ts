/**
 * Service hours (服务时长) of a confirmed wish: one row in the `service_hours` ledger
 * (domain/requirements.ts) for a member claimer. Crediting twice is impossible by the ledger's
 * unique index on (source.kind, source.id, userId), so a retried confirmation, or the timer
 * booking a row a crashed confirmation missed, writes nothing new.
 */
import type { ServiceHoursRecord } from '../requirements'
import { DEFAULT_WISH_SETTINGS, type WishSettings } from '../wishes-labels'
import { isDone } from './lifecycle'
import type { WishRecord } from './record'

/** What a confirmed wish credits, before the member's registration is named. */
export type WishHoursCredit = Pick<ServiceHoursRecord, 'userId' | 'hours' | 'source' | 'at'>

/**
 * The credit a confirmed wish gives its claimer: only a member (caring citizens have no ledger),
 * the hours the review set for this wish, else the setting. The estimated value is money, not
 * time, so it never decides hours. `at` is when the service was given (the delivery), which
 * decides the year it counts for, not when the beneficiary got round to confirming.
 */
export function serviceHoursCredit(wish: Pick<WishRecord, '_id' | 'state' | 'claim' | 'serviceHours' | 'confirmation' | 'delivery'>, settings: WishSettings = DEFAULT_WISH_SETTINGS): WishHoursCredit | null {
  if (!isDone(wish.state) || !wish.claim || wish.claim.kind !== 'member' || !wish.confirmation) return null
  return {
    userId: wish.claim.userId,
    hours: wish.serviceHours ?? settings.hoursPerWish,
    source: { kind: 'wish', id: wish._id },
    at: wish.delivery?.at ?? wish.confirmation.at,
  }
}

/**
 * The ledger row itself: the credit with the registration, community and unit the claim kept
 * when it was lit (so neither the confirmation nor the timer reads the claimer). None for a claim
 * without them (lit before claims kept the registration).
 */
export function serviceHoursRow(wish: Pick<WishRecord, '_id' | 'state' | 'claim' | 'serviceHours' | 'confirmation' | 'delivery'>, settings: WishSettings, now: Date): ServiceHoursRecord | null {
  const credit = serviceHoursCredit(wish, settings)
  const reg = wish.claim?.registration
  if (!credit || !reg) return null
  return { ...credit, registrationId: reg.id, communityId: reg.communityId, unitId: reg.unitId, createdAt: now }
}
