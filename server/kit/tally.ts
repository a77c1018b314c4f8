/**
 * Per-person yearly tallies (`tallies`, domain/activities/record.ts MemberTally): what a member's
 * card and a unit's progress read in O(1) instead of scanning the ledger. Every credit of service
 * hours (wishes, orders, activities: ledger.ts) moves them right after the ledger row is written.
 *
 * A credit is idempotent: the write is conditional on the source not yet being in `credited`
 * (`credited: $ne 'activity:<id>'`) and pushes it, so a retried or repaired credit changes nothing.
 * Credits of the same size share ONE multi-document update (`_id in [...]`): booking 200 attendees
 * at the same hours is one write. `met` (the county's member rule) is set by one more conditional
 * multi-update over the same ids once their counts reach the rule; a change of the rules recounts
 * it for the county (requirements.setRules).
 */
import { addDoc, getDocs, isDuplicateKeyError, updateDocs, type Database } from './db'
import { chinaWallClock } from '../../domain/time'
import { memberTallyId, unitTallyId, type MemberTally, type UnitTally } from '../../domain/activities/record'
import type { RequirementRules } from '../../domain/requirements'

export const TALLIES = 'tallies'

/** The China calendar year of an instant: the year a service counts for. */
export const chinaYear = (at: Date) => chinaWallClock(at).getUTCFullYear()

export interface TallyPerson {
  userId: string
  unitId: string | null
  countyId: string | null
}

function blankTally(year: number, p: TallyPerson): MemberTally {
  return { _id: memberTallyId(year, p.userId), kind: 'member', year, userId: p.userId, unitId: p.unitId, countyId: p.countyId, activities: 0, tenths: 0, credited: [], met: false }
}

/** Creates the person's tally of the year unless it exists (a check-in does this, so a booking finds every tally there). */
export async function ensureTally(db: Database, year: number, p: TallyPerson): Promise<void> {
  try {
    await addDoc(db.collection(TALLIES), blankTally(year, p))
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
  }
}

export interface TallyCredit extends TallyPerson {
  hours: number
}

export interface CreditBatch {
  /** The year the service counts for (chinaYear of its `at`). */
  year: number
  /** `wish:<id>`, `order:<id>`, `activity:<id>`: what `credited` remembers. */
  source: string
  /** An activity taken part in counts one activity besides its hours. */
  countsActivity: boolean
  people: readonly TallyCredit[]
}

/** The member rule in tally units (activities, tenths of hours). */
export interface TallyRule {
  activities: number
  tenths: number
}

export const tallyRuleOf = (r: Pick<RequirementRules, 'memberActivitiesPerYear' | 'memberHoursPerYear'>): TallyRule => ({
  activities: r.memberActivitiesPerYear,
  tenths: Math.round(r.memberHoursPerYear * 10),
})

/**
 * Credits a batch to the people's tallies: one conditional multi-update per distinct number of
 * hours, then, only for tallies that did not exist yet, an insert with the credit already in it;
 * then `met` for those that reached the rule (skipped when `rule` is null). Round trips: one per
 * distinct hours value, plus one for `met`, plus two only when some tally was missing.
 */
export async function creditTallies(db: Database, batch: CreditBatch, rule: TallyRule | null): Promise<void> {
  const _ = db.command
  const groups = new Map<number, TallyCredit[]>()
  for (const p of batch.people) {
    const tenths = Math.round(p.hours * 10)
    groups.set(tenths, [...(groups.get(tenths) ?? []), p])
  }
  const tallies = db.collection(TALLIES)
  let changed = 0
  await Promise.all(
    [...groups].map(async ([tenths, people]) => {
      const inc: Record<string, unknown> = { tenths: _.inc(tenths), credited: _.push([batch.source]) }
      if (batch.countsActivity) inc.activities = _.inc(1)
      changed += await updateDocs(tallies.where({ _id: _.in(people.map((p) => memberTallyId(batch.year, p.userId))), credited: _.neq(batch.source) }), inc)
    }),
  )
  if (changed < batch.people.length) await creditMissing(db, batch)
  if (rule) await markMet(db, batch.year, batch.people.map((p) => p.userId), rule)
}

/** The tallies the updates did not reach: absent ones are created with the credit in them (already credited ones are left). */
async function creditMissing(db: Database, batch: CreditBatch): Promise<void> {
  const _ = db.command
  const ids = batch.people.map((p) => memberTallyId(batch.year, p.userId))
  const present = new Set((await getDocs<{ _id: string }>(db.collection(TALLIES).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length))).map((d) => d._id))
  for (const p of batch.people) {
    if (present.has(memberTallyId(batch.year, p.userId))) continue
    const t = blankTally(batch.year, p)
    t.tenths = Math.round(p.hours * 10)
    t.activities = batch.countsActivity ? 1 : 0
    t.credited = [batch.source]
    try {
      await addDoc(db.collection(TALLIES), t)
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
      // Created meanwhile (a check-in): credit it the ordinary way.
      await creditTallies(db, { ...batch, people: [p] }, null)
    }
  }
}

/** `met` for the given people's tallies that reached the rule; one conditional multi-update. */
export async function markMet(db: Database, year: number, userIds: readonly string[], rule: TallyRule): Promise<void> {
  const _ = db.command
  await updateDocs(
    db.collection(TALLIES).where({ _id: _.in(userIds.map((u) => memberTallyId(year, u))), met: false, activities: _.gte(rule.activities), tenths: _.gte(rule.tenths) }),
    { met: true },
  )
}

/** After the county changed its rules: `met` recounted for its tallies of the year (three multi-updates). */
export async function recountMet(db: Database, countyId: string, year: number, rule: TallyRule): Promise<void> {
  const _ = db.command
  const base = { kind: 'member', countyId, year }
  await updateDocs(db.collection(TALLIES).where({ ...base, met: false, activities: _.gte(rule.activities), tenths: _.gte(rule.tenths) }), { met: true })
  await updateDocs(db.collection(TALLIES).where({ ...base, met: true, activities: _.lt(rule.activities) }), { met: false })
  await updateDocs(db.collection(TALLIES).where({ ...base, met: true, tenths: _.lt(rule.tenths) }), { met: false })
}

/**
 * A co-building activity held by a unit: one more in the quarter of its start, on the unit's
 * tally of the year (`u:<year>:<unitId>`), once per activity (`credited`), created on first use.
 */
export async function creditUnitActivity(db: Database, unitId: string, activityId: string, startAt: Date): Promise<void> {
  const _ = db.command
  const local = chinaWallClock(startAt)
  const year = local.getUTCFullYear()
  const q = `q${Math.floor(local.getUTCMonth() / 3) + 1}` as 'q1' | 'q2' | 'q3' | 'q4'
  const id = unitTallyId(year, unitId)
  const updated = await updateDocs(db.collection(TALLIES).where({ _id: id, credited: _.neq(activityId) }), { [q]: _.inc(1), credited: _.push([activityId]) })
  if (updated > 0) return
  const tally: UnitTally = { _id: id, kind: 'unit', year, unitId, q1: 0, q2: 0, q3: 0, q4: 0, credited: [activityId] }
  tally[q] = 1
  try {
    await addDoc(db.collection(TALLIES), tally)
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    await updateDocs(db.collection(TALLIES).where({ _id: id, credited: _.neq(activityId) }), { [q]: _.inc(1), credited: _.push([activityId]) })
  }
}
