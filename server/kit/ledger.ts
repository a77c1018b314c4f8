/**
 * The service-hours ledger (`service_hours`), written by every area that credits hours (wishes,
 * orders, activities) through this one door. A row is keyed by what earned it: the unique index
 * `source_user_unique` (source.kind, source.id, userId) makes a second booking of the same service
 * a duplicate that changes nothing, so a retried confirmation or a timer repairing a crashed one
 * can never credit twice. Right after the row, the person's yearly tally moves (tally.ts), itself
 * idempotent, so a repair that finds the row already there still completes the tally.
 */
import { addDoc, getDocs, isDuplicateKeyError, type Database } from './db'
import { chinaYear, creditTallies, tallyRuleOf, type TallyRule } from './tally'
import { effectiveRules, validCreditHours, type RequirementRules, type ServiceHoursRecord } from '../../domain/requirements'

const LEDGER = 'service_hours'

function assertHours(row: ServiceHoursRecord): void {
  // The inputs that carry hours are checked by their schemas and planners; a row that still has
  // impossible hours is a bug, and the ledger is what the county's figures are counted from.
  if (!validCreditHours(row.hours)) throw new Error(`refusing a service_hours row with ${row.hours} hours (${row.source.kind} ${row.source.id})`)
}

/** The county above a community and its member rule, in one aggregation (the community's `path` starts at its county). */
export async function countyRuleOfCommunity(db: Database, communityId: string): Promise<{ countyId: string | null; rule: TallyRule; lineage: string[] }> {
  const nodes = db.collection('org_nodes') as unknown as { aggregate(): { match(q: object): any } }
  const { list } = await nodes
    .aggregate()
    .match({ _id: communityId })
    .limit(1)
    .lookup({ from: 'org_nodes', localField: 'path', foreignField: '_id', as: 'above' })
    .end()
  const node = list[0] as { _id: string; path?: string[]; above?: { _id: string; kind: string; requirements?: Partial<RequirementRules> }[] } | undefined
  const above = node?.above ?? []
  const county = above.find((n) => n.kind === 'county') ?? null
  // The community's lineage (county first): where its hours count (stats.ts).
  const lineage = node ? [...(node.path ?? []), node._id] : []
  return { countyId: county?._id ?? null, rule: tallyRuleOf(effectiveRules(county?.requirements)), lineage }
}

/**
 * 'written' by this call, or 'already' there (a retry, a repair that raced the original). The
 * tally moves first and the ledger row last: a repair, which looks for missing ledger rows, then
 * finds every half-done credit (the tally's own condition makes its second move a no-op).
 */
export async function bookServiceHours(db: Database, row: ServiceHoursRecord): Promise<'written' | 'already'> {
  assertHours(row)
  const county = await countyRuleOfCommunity(db, row.communityId)
  await creditTallies(
    db,
    { year: chinaYear(row.at), source: `${row.source.kind}:${row.source.id}`, countsActivity: row.source.kind === 'activity', people: [{ userId: row.userId, unitId: row.unitId || null, countyId: county.countyId, hours: row.hours }] },
    county.rule,
  )
  const placed = { ...row, lineage: row.lineage ?? county.lineage }
  try {
    await addDoc(db.collection(LEDGER), placed)
    return 'written'
  } catch (e) {
    if (isDuplicateKeyError(e)) return 'already'
    throw e
  }
}

/**
 * The rows of one source for many people (an activity's attendees) in ONE insert; when some are
 * there already (a repair after a crash), row by row, each duplicate skipped. Their tallies move
 * first, grouped by hours (tally.ts), so a crash leaves rows missing, which the repair looks for.
 * Answers how many rows this call wrote.
 */
export async function bookServiceHoursBatch(db: Database, rows: readonly ServiceHoursRecord[], county: { countyId: string | null; rule: TallyRule | null; lineage: readonly string[] }): Promise<number> {
  if (rows.length === 0) return 0
  rows.forEach(assertHours)
  const first = rows[0]
  await creditTallies(
    db,
    {
      year: chinaYear(first.at),
      source: `${first.source.kind}:${first.source.id}`,
      countsActivity: first.source.kind === 'activity',
      people: rows.map((r) => ({ userId: r.userId, unitId: r.unitId || null, countyId: county.countyId, hours: r.hours })),
    },
    county.rule,
  )
  const ledger = db.collection(LEDGER) as unknown as { add(o: { data: unknown }): Promise<unknown> }
  rows = rows.map((r) => ({ ...r, lineage: r.lineage ?? [...county.lineage] }))
  let written = rows.length
  try {
    await ledger.add({ data: rows })
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    written = 0
    const there = await getDocs<{ userId: string }>(
      db.collection(LEDGER).where({ 'source.kind': rows[0].source.kind, 'source.id': rows[0].source.id }).field({ userId: true }).limit(1000),
    )
    const have = new Set(there.map((r) => r.userId))
    for (const row of rows.filter((r) => !have.has(r.userId))) {
      try {
        await addDoc(db.collection(LEDGER), row)
        written++
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err
      }
    }
  }
  return written
}
