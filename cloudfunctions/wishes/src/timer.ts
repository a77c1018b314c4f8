/**
 * The timer trigger `releaseOverdueClaims` (config.json `triggers`, hourly). Two jobs: claims not delivered
 * by their deadline go back on the wall. Each claim carries its own deadline (`claim.releaseAt`,
 * stamped when it was lit from the community's `claimReleaseDays` then), so one indexed query
 * (`state_claim_release`: state = lit, releaseAt < now) finds the overdue ones of every community
 * whatever each has set, oldest deadline first; claims lit before deadlines were stamped are found
 * by the old rule (`state_claim_at`, default days). The domain plans each release (releaseDue) and
 * kit writePlan writes it: one conditional update whose conditions repeat the claimer and the
 * overdue rule, so a delivery or a new claim landing in between wins and the release changes
 * nothing. Each release pushes its history entry (by 系统) and tells the claimer. Then the
 * service hours a confirmation that died before its ledger row missed are booked (hours.ts).
 */
import { database, getDocs, now, opId, toQuery, writePlan } from '../../../server/kit'
import { DEFAULT_WISH_SETTINGS, overdueSearches, releaseDue, type WishRecord } from '../../../domain/wishes'
import { bookMissedHours } from './hours'
import { sendNotices } from './notify'

export const TIMER_NAME = 'releaseOverdueClaims'
const BATCH = 100
/** Batches per run; the next hourly run picks up whatever is left. */
const MAX_BATCHES = 10

export interface TimerRun {
  trigger: string
  at: string
  released: string[]
  /** Found overdue but changed meanwhile (delivered, or released by someone else). */
  skipped: string[]
  /** Confirmed wishes whose missing service-hours row this run wrote. */
  booked: string[]
}

export async function releaseOverdueClaims(at: Date, run: TimerRun): Promise<void> {
  const db = database()
  const op = opId()
  for (const search of overdueSearches(at)) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const found = await getDocs<WishRecord>(db.collection('wishes').where(toQuery(db.command, search.where)).orderBy(search.order, 'asc').limit(BATCH))
      const byId = new Map(found.map((w) => [w._id, w]))
      // Unstamped claims keep the default days they were lit under.
      for (const { id, change } of releaseDue(found, at, DEFAULT_WISH_SETTINGS, op)) {
        if (!(await writePlan(db, 'wishes', id, change))) {
          run.skipped.push(id)
          continue
        }
        run.released.push(id)
        await sendNotices(byId.get(id)!, 'autoRelease', change.notify, change.entry.reason)
      }
      if (found.length < BATCH) break
    }
  }
}

/** One hourly run. */
export async function runTimer(): Promise<TimerRun> {
  const at = now()
  const run: TimerRun = { trigger: TIMER_NAME, at: at.toISOString(), released: [], skipped: [], booked: [] }
  await releaseOverdueClaims(at, run)
  run.booked = await bookMissedHours(database(), at)
  if (run.released.length || run.skipped.length || run.booked.length) console.log(`[wishes.${TIMER_NAME}] released ${run.released.length}, skipped ${run.skipped.length}, booked ${run.booked.length}`)
  return run
}
