/**
 * Writing the statistics counters (`stats`, one document per scope: domain/stats/metrics.ts).
 * The roll-up timer (statsRollup.ts) adds what moved in its window; the nightly recount
 * (statsRecount.ts) repairs drift. Scopes moving by the same amounts share ONE multi-document
 * update (`_id in [...]`, `_.inc`); a scope without its document yet gets it created.
 *
 * A pairing is counted as it happens (countPairing): it leaves no history entry a roll-up could
 * find, and it is a rare administrator's action where one more write costs nothing anyone waits on.
 */
import { addDoc, getDocs, isDuplicateKeyError, updateDocs, type Database } from './db'
import { lineageScopes, newScopeDoc, scopeIncrements, unitScope, type Bump } from '../../domain/stats/counting'
import { ALL_TIME, monthKey } from '../../domain/stats/metrics'

export const STATS = 'stats'

/**
 * Writes bumps: scopes moving by the same increments (a change's county, street, community) share
 * ONE multi-document update; a scope without its document yet gets it created with the values.
 */
export async function writeBumps(db: Database, bumps: readonly Bump[]): Promise<void> {
  const scopes = scopeIncrements(bumps)
  const groups = new Map<string, string[]>()
  for (const [id, d] of scopes) {
    const key = JSON.stringify(Object.entries(d.inc).sort())
    groups.set(key, [...(groups.get(key) ?? []), id])
  }
  const _ = db.command
  await Promise.all(
    [...groups].map(async ([key, ids]) => {
      const inc = Object.fromEntries((JSON.parse(key) as [string, number][]).map(([k, v]) => [k, _.inc(v)]))
      const changed = await updateDocs(db.collection(STATS).where({ _id: _.in(ids) }), inc)
      if (changed < ids.length) await createMissing(db, ids.map((id) => scopes.get(id)!), inc)
    }),
  )
}

async function createMissing(db: Database, wanted: { scope: Bump['scope']; inc: Record<string, number> }[], inc: Record<string, unknown>): Promise<void> {
  const _ = db.command
  const ids = wanted.map((w) => w.scope.id)
  const present = new Set((await getDocs<{ _id: string }>(db.collection(STATS).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length))).map((d) => d._id))
  const missing = wanted.filter((w) => !present.has(w.scope.id))
  if (missing.length === 0) return
  try {
    await (db.collection(STATS) as unknown as { add(o: { data: unknown }): Promise<unknown> }).add({ data: missing.map((w) => newScopeDoc(w.scope, w.inc)) })
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    // Some were created meanwhile by another change: one by one, adding to those.
    for (const w of missing) {
      try {
        await addDoc(db.collection(STATS), newScopeDoc(w.scope, w.inc))
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err
        await updateDocs(db.collection(STATS).where({ _id: w.scope.id }), inc)
      }
    }
  }
}

/** Creates the empty documents of scopes that have none (a new node or unit, the seed), so their first change is one update. */
export async function ensureScopeDocs(db: Database, scopes: readonly Bump['scope'][]): Promise<void> {
  for (const scope of scopes) {
    try {
      await addDoc(db.collection(STATS), { _id: scope.id, level: scope.level, parentId: scope.parentId, all: {} })
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
    }
  }
}

/** A unit paired with (+1) or unpaired from (−1) a community. */
export async function countPairing(db: Database, communityLineage: readonly string[], unitId: string, delta: 1 | -1, at: Date): Promise<void> {
  try {
    const metrics = { pairs: delta }
    const bumps = [...lineageScopes(communityLineage), ...unitScope(unitId, communityLineage[0])].flatMap((scope) => [
      { period: monthKey(at), scope, metrics },
      { period: ALL_TIME, scope, metrics },
    ])
    await writeBumps(db, bumps)
  } catch (e) {
    console.error('[stats] counting a pairing failed; the recount will repair it', e)
  }
}

