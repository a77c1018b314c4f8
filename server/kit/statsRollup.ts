/**
 * The statistics roll-up (cloudfunctions/stats timer `rollup`, every 5 minutes): adds to the
 * counters what moved since the last roll-up. A person's action writes only its own record (the
 * wish lighting stays at its 2 round trips); the roll-up reads the records changed in its window
 * through their `updatedAt` index, replays their history (domain/stats/counting.ts windowBumps)
 * and counts the steps whose entries fall in the window, plus the ledger rows booked in it.
 * What it reads grows with what changed in 5 minutes, never with what is stored.
 *
 * The window is (upTo, now − ROLLUP_LAG_MS]. An entry carries the instant its action started and
 * is written before the function's 60 s timeout, so an entry older than the lag is already stored
 * when its window is read: none is missed, and windows that follow one another count each step
 * once. The window is claimed first by a conditional update of the watermark, so two roll-ups at
 * once never count a window twice; one that crashes after its claim leaves its window uncounted,
 * which the nightly recount (statsRecount.ts) finds and repairs.
 */
import { getDocs, updateDocs, addDoc, isDuplicateKeyError, type Database } from './db'
import { scanAll } from './statsRecount'
import { writeBumps } from './stats'
import { COUNTED_COLLECTIONS, hoursBumps, windowBumps, type Bump, type HoursRow } from '../../domain/stats/counting'

/** The watermark: `{ _id: 'rollup', upTo }`, everything up to `upTo` is in the counters. */
export const STATS_META = 'stats_meta'
const WATERMARK = 'rollup'

/** Longer than any cloud function runs (60 s), so every entry older than this is stored. */
export const ROLLUP_LAG_MS = 90_000

export interface RollupResult {
  from: string | null
  to: string
  /** Changed records (and ledger rows) read. */
  records: number
  /** Scope-periods moved. */
  bumps: number
  /** `busy`: another roll-up claimed this window; `started`: the first run, which only sets the watermark. */
  skipped?: 'busy' | 'started' | 'nothing'
}

export async function readWatermark(db: Database): Promise<Date | null> {
  const [doc] = await getDocs<{ upTo?: Date | string }>(db.collection(STATS_META).where({ _id: WATERMARK }).limit(1))
  return doc?.upTo ? new Date(doc.upTo) : null
}

/** Sets the watermark (the seed, after a full recount): everything up to `at` is counted. */
export async function setWatermark(db: Database, at: Date): Promise<void> {
  try {
    await addDoc(db.collection(STATS_META), { _id: WATERMARK, upTo: at })
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    await updateDocs(db.collection(STATS_META).where({ _id: WATERMARK }), { upTo: at })
  }
}

export async function rollupStats(db: Database, now: Date): Promise<RollupResult> {
  const to = new Date(now.getTime() - ROLLUP_LAG_MS)
  const from = await readWatermark(db)
  if (!from) {
    // No counters were ever rolled up here: the recount builds them from every record; the
    // roll-ups go on from here.
    await setWatermark(db, to)
    return { from: null, to: to.toISOString(), records: 0, bumps: 0, skipped: 'started' }
  }
  if (to <= from) return { from: from.toISOString(), to: to.toISOString(), records: 0, bumps: 0, skipped: 'nothing' }
  const claimed = await updateDocs(db.collection(STATS_META).where({ _id: WATERMARK, upTo: from }), { upTo: to, rolledAt: now })
  if (claimed !== 1) return { from: from.toISOString(), to: to.toISOString(), records: 0, bumps: 0, skipped: 'busy' }

  const _ = db.command
  const bumps: Bump[] = []
  let records = 0
  for (const collection of COUNTED_COLLECTIONS) {
    // Changed since the window opened: updatedAt only grows, so a record with a step in the
    // window has updatedAt > from even if it changed again since.
    await scanAll<any>(db, collection, (docs) => {
      records += docs.length
      for (const d of docs) bumps.push(...windowBumps(collection, d, from, to))
    }, { updatedAt: _.gt(from) })
  }
  await scanAll<HoursRow & { _id: string }>(db, 'service_hours', (rows) => {
    records += rows.length
    for (const r of rows) bumps.push(...hoursBumps(r))
  }, { createdAt: _.and(_.gt(from), _.lte(to)) })
  if (bumps.length > 0) await writeBumps(db, bumps)
  return { from: from.toISOString(), to: to.toISOString(), records, bumps: bumps.length }
}
