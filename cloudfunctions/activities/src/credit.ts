import { bookServiceHoursBatch, tallyRuleOf, type Database } from '../../../server/kit'
import type { ActivityRecord, HoursLine } from '../../../domain/activities'
import { effectiveRules, type ServiceHoursRecord } from '../../../domain/requirements'
import type { CountyNode } from './common'

/** The booked hours into the tallies, then the ledger (both idempotent; the sweep repairs a crash in between by the ledger's count). */
export async function creditActivity(ctx: { db: Database; now: Date }, a: ActivityRecord, credits: readonly HoursLine[], county: CountyNode | null): Promise<void> {
  const rows: ServiceHoursRecord[] = credits.map((c) => ({
    userId: c.userId,
    registrationId: c.registrationId ?? '',
    communityId: c.communityId ?? a.communityId,
    unitId: c.unitId ?? '',
    hours: c.hours,
    source: { kind: 'activity', id: a._id },
    at: a.startAt,
    createdAt: ctx.now,
  }))
  await bookServiceHoursBatch(ctx.db, rows, { countyId: a.countyId, rule: tallyRuleOf(effectiveRules(county?.requirements)), lineage: a.lineage })
}

