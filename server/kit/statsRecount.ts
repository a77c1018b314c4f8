/**
 * The full recount of the statistics counters: every counted record's history replayed with the
 * same domain functions the live counting uses (domain/stats/counting.ts), every ledger row, every
 * pairing; compared with the stored counters; with `repair`, the differing documents are set to
 * the recount. What it reads grows with the data (it is the nightly repair and the tests' check,
 * never a dashboard read). Changes made while it runs can be counted twice or not at all by a
 * repair, so the timer runs it at night; the next night's run repairs that too.
 */
import { addDoc, getDocs, updateDocs, type Database } from './db'
import { COUNTED_COLLECTIONS, hoursBumps, pairingBumps, recordBumps, scopeIncrements, setCounter, sumBumps, type Bump, type HoursRow } from '../../domain/stats/counting'
import { addMetrics, ALL_TIME, type Metric, type Metrics, type StatsDoc } from '../../domain/stats/metrics'
import { STATS } from './stats'

const PAGE = 1000

/** Every document of a collection, page by page in `_id` order, handed to `each`. */
export async function scanAll<T extends { _id: string }>(db: Database, collection: string, each: (docs: T[]) => void, where: object = {}): Promise<void> {
  const _ = db.command
  let after: string | null = null
  for (;;) {
    const filter: object = after === null ? where : { ...where, _id: _.gt(after) }
    const page: T[] = await getDocs<T>(db.collection(collection).where(filter).orderBy('_id', 'asc').limit(PAGE))
    each(page)
    if (page.length < PAGE) return
    after = page[page.length - 1]._id
  }
}

export interface Drift {
  id: string
  /** The counter's path in the scope's document, e.g. `y2026.m12.wishesLit`. */
  metric: Metric | string
  stored: number
  counted: number
}

export interface RecountResult {
  /** Counter documents the recount produced. */
  documents: number
  drift: Drift[]
  repaired: number
}

/** What the counters should hold, from the records themselves. */
export async function countFromRecords(db: Database): Promise<Map<string, { period: string; scope: Bump['scope']; metrics: Metrics }>> {
  // Summed page by page: keeping every increment (8 per ledger row) until the end held ~1 GB at 1.2M records.
  const totals = new Map<string, { period: string; scope: Bump['scope']; metrics: Metrics }>()
  const add = (bumps: Bump[]) => {
    for (const [id, b] of sumBumps(bumps)) {
      const cur = totals.get(id)
      if (cur) addMetrics(cur.metrics, b.metrics)
      else totals.set(id, b)
    }
  }
  for (const collection of COUNTED_COLLECTIONS) {
    await scanAll<any>(db, collection, (docs) => add(docs.flatMap((d) => recordBumps(collection, d))))
  }
  const lineages = new Map<string, string[]>()
  await scanAll<{ _id: string; path: string[] }>(db, 'org_nodes', (nodes) => nodes.forEach((n) => lineages.set(n._id, [...n.path, n._id])), { kind: 'community' })
  await scanAll<HoursRow & { _id: string }>(db, 'service_hours', (rows) => add(rows.flatMap((r) => hoursBumps(r, (id) => lineages.get(id)))))
  // Pairings: where each unit pairs now (`all` only: a pairing's month is on the audit trail).
  await scanAll<{ _id: string; countyId: string; pairedCommunityIds?: string[] }>(db, 'units', (units) =>
    add(units.flatMap((u) => (u.pairedCommunityIds ?? []).flatMap((c) => pairingBumps(u, lineages.get(c) ?? [])))),
  )
  return totals
}

/** Every counter a stored scope document holds, as `{ 'all.members': 3, 'y2026.m12.wishesLit': 1 }`. */
function storedValues(doc: StatsDoc): Map<string, number> {
  const out = new Map<string, number>()
  const walk = (obj: unknown, path: string) => {
    if (typeof obj === 'number') {
      if (obj !== 0) out.set(path, obj)
      return
    }
    if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) walk(v, path ? `${path}.${k}` : k)
  }
  for (const [k, v] of Object.entries(doc)) if (k === ALL_TIME || /^y\d{4}$/.test(k)) walk(v, k)
  return out
}

/** A month's pairing counter: not replayable (a pairing's month is on the audit trail), so kept as stored and never compared. */
const isPairingMonth = (path: string) => path.endsWith('.pairs') && !path.startsWith(`${ALL_TIME}.`)

/** Recounts, compares with what is stored and (with `repair`) rewrites every differing scope document from the recount. */
export async function recountStats(db: Database, opts: { repair: boolean }): Promise<RecountResult> {
  const counted = scopeIncrements([...(await countFromRecords(db)).values()])
  const stored = new Map<string, StatsDoc>()
  await scanAll<StatsDoc>(db, STATS, (docs) => docs.forEach((d) => stored.set(d._id, d)))
  const drift: Drift[] = []
  const differing = new Set<string>()
  for (const id of new Set([...counted.keys(), ...stored.keys()])) {
    const want = new Map(Object.entries(counted.get(id)?.inc ?? {}))
    const have = stored.has(id) ? storedValues(stored.get(id)!) : new Map<string, number>()
    for (const path of new Set([...want.keys(), ...have.keys()])) {
      // Pairings' months are not replayable (see countFromRecords): only their `all` is compared.
      if (isPairingMonth(path)) continue
      if ((want.get(path) ?? 0) !== (have.get(path) ?? 0)) {
        drift.push({ id, metric: path as Metric, stored: have.get(path) ?? 0, counted: want.get(path) ?? 0 })
        differing.add(id)
      }
    }
  }
  let repaired = 0
  if (opts.repair) {
    const _ = db.command
    for (const id of differing) {
      const want = counted.get(id)
      const doc = stored.get(id)
      const replacement: Record<string, unknown> = { all: {} }
      // Keep the stored month pairings (not replayable), replace every other counter.
      for (const [path, v] of doc ? storedValues(doc) : []) if (isPairingMonth(path)) setCounter(replacement, path, v)
      for (const [path, v] of Object.entries(want?.inc ?? {})) if (!isPairingMonth(path)) setCounter(replacement, path, v)
      if (doc) {
        const clear: Record<string, unknown> = {}
        for (const k of Object.keys(doc)) if (/^y\d{4}$/.test(k) && !(k in replacement)) clear[k] = _.remove()
        const data: Record<string, unknown> = { ...clear }
        for (const [k, v] of Object.entries(replacement)) data[k] = _.set(v)
        await updateDocs(db.collection(STATS).where({ _id: id }), data)
      } else if (want) {
        await addDoc(db.collection(STATS), { _id: id, level: want.scope.level, parentId: want.scope.parentId, ...replacement })
      }
      repaired++
    }
  }
  return { documents: counted.size, drift, repaired }
}
