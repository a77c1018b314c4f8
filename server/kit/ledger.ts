/**
 * The service-hours ledger (`service_hours`), written by every area that credits hours (wishes,
 * orders, and the activities to come) through this one door. A row is keyed by what earned it:
 * the unique index `source_user_unique` (source.kind, source.id, userId) makes a second booking
 * of the same service a duplicate that changes nothing, so a retried confirmation or a timer
 * repairing a crashed one can never credit twice.
 */
import { addDoc, isDuplicateKeyError, type Database } from './db'
import { validCreditHours, type ServiceHoursRecord } from '../../domain/requirements'

/** 'written' by this call, or 'already' there (a retry, a repair that raced the original). */
export async function bookServiceHours(db: Database, row: ServiceHoursRecord): Promise<'written' | 'already'> {
  // The inputs that carry hours are checked by their schemas and planners; a row that still has
  // impossible hours is a bug, and the ledger is what the county's figures are counted from.
  if (!validCreditHours(row.hours)) throw new Error(`refusing a service_hours row with ${row.hours} hours (${row.source.kind} ${row.source.id})`)
  try {
    await addDoc(db.collection('service_hours'), row)
    return 'written'
  } catch (e) {
    if (isDuplicateKeyError(e)) return 'already'
    throw e
  }
}
