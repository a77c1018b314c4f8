/**
 * The service-hours row of a confirmed wish (domain/wishes hours.ts). The confirmation writes it
 * right after its state change (two writes: the ledger is another collection); a call that died
 * between the two left a confirmed wish without its row, which the hourly timer books
 * (bookMissedHours). The ledger's unique index `source_user_unique` (source.kind, source.id,
 * userId) makes every second booking a duplicate that changes nothing.
 */
import { bookServiceHours, getDocs, type Database } from '../../../server/kit'
import { isDone, serviceHoursRow, wishSettingsOf, WISH_STATES, type WishRecord, type WishSettings } from '../../../domain/wishes'

/** Writes the row of a confirmed wish; true when this call wrote it (false: none due, or already there). */
export async function bookHours(db: Database, wish: WishRecord, settings: WishSettings, now: Date): Promise<boolean> {
  const row = serviceHoursRow(wish, settings, now)
  if (!row) return false
  return (await bookServiceHours(db, row)) === 'written'
}

/** How far back the timer looks for confirmations whose row is missing: it runs hourly, so two days survive a day of outage. */
const BOOK_WINDOW_MS = 2 * 24 * 3_600_000
const PAGE = 100

/**
 * Confirmed (or since rated) wishes of member claimers in the window whose ledger row is missing,
 * booked now. Two reads: the wishes confirmed in the window (index `state_confirmed_at`), their
 * rows (`source_user_unique`); the communities' settings only when some row is missing (hours per
 * wish, for a wish the review set none for). Answers the ids booked by this call.
 */
export async function bookMissedHours(db: Database, now: Date): Promise<string[]> {
  const _ = db.command
  const confirmed = await getDocs<WishRecord>(
    db
      .collection('wishes')
      .where({ state: _.in(WISH_STATES.filter(isDone)), 'confirmation.at': _.gte(new Date(now.getTime() - BOOK_WINDOW_MS)), 'claim.kind': 'member' })
      .orderBy('confirmation.at', 'desc')
      .limit(PAGE),
  )
  if (confirmed.length === 0) return []
  const booked = await getDocs<{ source: { id: string } }>(
    db.collection('service_hours').where({ 'source.kind': 'wish', 'source.id': _.in(confirmed.map((w) => w._id)) }).field({ source: true }).limit(PAGE),
  )
  const have = new Set(booked.map((b) => b.source.id))
  const missing = confirmed.filter((w) => !have.has(w._id))
  if (missing.length === 0) return []
  const communities = await getDocs<{ _id: string; wishSettings?: WishSettings }>(
    db.collection('org_nodes').where({ _id: _.in([...new Set(missing.map((w) => w.communityId))]) }).field({ _id: true, wishSettings: true }).limit(PAGE),
  )
  const settings = new Map(communities.map((c) => [c._id, wishSettingsOf(c)]))
  const out: string[] = []
  for (const wish of missing) {
    if (await bookHours(db, wish, settings.get(wish.communityId) ?? wishSettingsOf(null), now)) out.push(wish._id)
  }
  return out
}
