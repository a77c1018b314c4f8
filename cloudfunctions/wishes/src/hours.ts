/**
 * The service-hours row of a confirmed wish (domain/wishes hours.ts). The confirmation writes it
 * right after its state change (two writes: the ledger is another collection); a call that died
 * between the two left a confirmed wish without its row, which the hourly timer books
 * (bookMissedHours). The ledger's unique index `source_user_unique` (source.kind, source.id,
 * userId) makes every second booking a duplicate that changes nothing.
 */
import { addDoc, isDuplicateKeyError, type Database } from '../../../server/kit'
import { serviceHoursRow, type WishRecord, type WishSettings } from '../../../domain/wishes'

/** Writes the row of a confirmed wish; true when this call wrote it (false: none due, or already there). */
export async function bookHours(db: Database, wish: WishRecord, settings: WishSettings, now: Date): Promise<boolean> {
  const row = serviceHoursRow(wish, settings, now)
  if (!row) return false
  try {
    await addDoc(db.collection('service_hours'), row)
    return true
  } catch (e) {
    if (isDuplicateKeyError(e)) return false
    throw e
  }
}
