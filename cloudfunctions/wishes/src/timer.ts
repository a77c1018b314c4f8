/**
 * The timer trigger `releaseOverdueClaims` (config.json `triggers`, hourly): claims not delivered
 * by their deadline go back on the wall. Each claim carries its own deadline (`claim.releaseAt`,
 * stamped when it was lit from the community's `claimReleaseDays` then), so one indexed query
 * (`state_claim_release`: state = lit, releaseAt < now) finds the overdue ones of every community
 * whatever each has set, oldest deadline first; claims lit before deadlines were stamped are found
 * by the old rule (`state_claim_at`, default days). Each is released by its own conditional update
 * that repeats the overdue condition and the claimer, so a delivery or a new claim landing in
 * between wins and the release changes nothing. Each release pushes its history entry (by 系统)
 * and tells the claimer.
 */
import { database, getDocs, now, updateDocs } from '../../../server/kit'
import { DEFAULT_WISH_SETTINGS, planTransition, releaseCutoff, SYSTEM_CALLER, type WishRecord } from '../../../domain/wishes'
import { opId, updateData } from './change'
import { sendNotices } from './notify'

export const TIMER_NAME = 'releaseOverdueClaims'
const BATCH = 100
/** Batches per run; the next hourly run picks up whatever is left. */
const MAX_BATCHES = 10

export interface ReleaseRun {
  trigger: string
  at: string
  released: string[]
  /** Found overdue but changed meanwhile (delivered, or released by someone else). */
  skipped: string[]
}

export async function releaseOverdueClaims(): Promise<ReleaseRun> {
  const db = database()
  const _ = db.command
  const at = now()
  // Unstamped claims (lit before deadlines were stamped on claims) keep the rule they were lit under.
  const legacyCutoff = releaseCutoff(at, DEFAULT_WISH_SETTINGS)
  const passes = [
    { due: { 'claim.releaseAt': _.lt(at) }, order: 'claim.releaseAt' },
    { due: { 'claim.releaseAt': _.exists(false), 'claim.at': _.lt(legacyCutoff) }, order: 'claim.at' },
  ]
  const run: ReleaseRun = { trigger: TIMER_NAME, at: at.toISOString(), released: [], skipped: [] }
  for (const pass of passes) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await getDocs<WishRecord>(db.collection('wishes').where({ state: 'lit', ...pass.due }).orderBy(pass.order, 'asc').limit(BATCH))
      for (const wish of due) {
        const change = planTransition(wish, 'autoRelease', SYSTEM_CALLER, {}, { now: at, settings: DEFAULT_WISH_SETTINGS, op: opId() })
        const updated = await updateDocs(db.collection('wishes').where({ _id: wish._id, state: 'lit', 'claim.userId': wish.claim!.userId, ...pass.due }), updateData(_, change))
        if (updated !== 1) {
          run.skipped.push(wish._id)
          continue
        }
        run.released.push(wish._id)
        await sendNotices(wish, 'autoRelease', change.notify, change.entry.reason)
      }
      if (due.length < BATCH) break
    }
  }
  if (run.released.length || run.skipped.length) console.log(`[wishes.${TIMER_NAME}] released ${run.released.length}, skipped ${run.skipped.length}`)
  return run
}
