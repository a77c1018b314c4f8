/**
 * What each counted kind of record contributes to the counters, as one table per collection:
 * where it counts (scopes), what being in a status counts (gauges: a registered registration is one
 * member), and what a step counts (flows: a wish moving to `lit` is one wish lit). A record's status
 * is its state plus whatever else a gauge reads (an order's overdue flag), and it can be replayed
 * from the record's history, which is what makes a full recount possible and comparable:
 *
 *  - roll-up (server/kit/statsRollup.ts, a timer every few minutes): the steps of every record
 *    changed since the last roll-up whose entries fall in the window, replayed from the record's
 *    history, added to the counters. A person's action writes nothing more than its own record;
 *  - recount (the nightly repair, the randomized test): the record's history replayed from nothing.
 *
 * Both call the same step function below, so the two can only disagree when a roll-up was lost
 * (a crash after claiming its window), which is what the recount repairs.
 */
import { addMetrics, ALL_TIME, monthKey, periodPath, type Metrics, type ScopeRef, type StatsDoc } from './metrics'

/** A history entry as every lifecycle writes it. */
export interface CountedEntry {
  verb: string
  from: string | null
  to: string
  at: Date | string
}

export interface Status {
  state: string
  overdue?: boolean
}

interface CountedRecord {
  _id: string
  state: string
  history?: readonly CountedEntry[]
  createdAt?: Date | string
  /** Whatever else a rule reads (lineage, unit, rating, overdue). */
  [field: string]: unknown
}

export interface CountingRule<R extends CountedRecord = any> {
  scopes(record: R): ScopeRef[]
  /** The status a stored record is in now. */
  status(record: R): Status
  /** The status after one history entry, replaying from `prev` (null: before the record existed). */
  next(prev: Status | null, entry: CountedEntry): Status
  gauges?(status: Status, record: R): Metrics
  flows?(prev: Status | null, next: Status, entry: CountedEntry, record: R): Metrics
}

/** County, street and community from a lineage (county first), as far as it goes. */
export function lineageScopes(lineage: readonly string[] | undefined): ScopeRef[] {
  const l = lineage ?? []
  const out: ScopeRef[] = []
  if (l[0]) out.push({ id: l[0], level: 'county', parentId: null })
  if (l[1]) out.push({ id: l[1], level: 'street', parentId: l[0] })
  if (l[2]) out.push({ id: l[2], level: 'community', parentId: l[1] })
  return out
}

export const unitScope = (unitId: string | null | undefined, countyId: string | null | undefined): ScopeRef[] =>
  unitId ? [{ id: unitId, level: 'unit', parentId: countyId ?? null }] : []

const plainNext = (_: Status | null, e: CountedEntry): Status => ({ state: e.to })
const plainStatus = (r: CountedRecord): Status => ({ state: r.state })
const moved = (prev: Status | null, next: Status) => prev?.state !== next.state
const into = (prev: Status | null, next: Status, ...states: string[]) => moved(prev, next) && states.includes(next.state)

const PENDING = ['pending_unit', 'pending_community']

export const COUNTING: Record<string, CountingRule> = {
  registrations: {
    scopes: (r: { communityLineage: string[]; unitId: string; unitCountyId: string }) => [...lineageScopes(r.communityLineage), ...unitScope(r.unitId, r.unitCountyId)],
    status: plainStatus,
    next: plainNext,
    gauges: (s) => (s.state === 'registered' ? { members: 1 } : PENDING.includes(s.state) ? { membersPending: 1 } : {}),
    flows: (prev, next) => (into(prev, next, 'registered') ? { registered: 1 } : {}),
  },
  wishes: {
    scopes: (r: { lineage: string[] }) => lineageScopes(r.lineage),
    status: plainStatus,
    next: plainNext,
    flows: (prev, next, e) => {
      if (prev === null) return { wishesSubmitted: 1 }
      if (!moved(prev, next)) return {}
      if (next.state === 'published' && prev.state === 'verified') return { wishesReviewed: 1 }
      if (next.state === 'rejected') return { wishesReviewed: 1 }
      if (e.verb === 'light') return { wishesLit: 1 }
      if (next.state === 'confirmed') return { wishesDone: 1 }
      return {}
    },
  },
  orders: {
    scopes: (r: { lineage: string[] }) => lineageScopes(r.lineage),
    // Escalation sets `overdue` without moving the state; any later step clears it (domain/orders/plan.ts).
    status: (r: CountedRecord & { overdue?: unknown }) => ({ state: r.state, overdue: r.overdue != null }),
    next: (_, e) => ({ state: e.to, overdue: e.verb === 'escalate' }),
    gauges: (s) => (s.overdue ? { ordersOverdue: 1 } : {}),
    flows: (prev, next, e, r: { rating?: { stars?: number } | null }) => {
      if (prev === null) return { ordersPlaced: 1 }
      const out: Metrics = {}
      if (next.overdue && !prev.overdue) out.ordersEscalated = 1
      if (into(prev, next, 'done')) out.ordersDone = 1
      if (e.verb === 'confirm' && r.rating && typeof r.rating.stars === 'number') {
        out.ratingCount = 1
        out.ratingSum = r.rating.stars
      }
      return out
    },
  },
  activities: {
    scopes: (r: { lineage: string[]; unitId: string | null; countyId: string }) => [...lineageScopes(r.lineage), ...unitScope(r.unitId, r.countyId)],
    status: plainStatus,
    next: plainNext,
    flows: (prev, next) => (into(prev, next, 'held') ? { activitiesHeld: 1 } : {}),
  },
  problems: {
    scopes: (r: { lineage: string[] }) => lineageScopes(r.lineage),
    status: plainStatus,
    next: plainNext,
    flows: (prev, next) => (prev === null ? { problemsReported: 1 } : into(prev, next, 'solved') ? { problemsSolved: 1 } : {}),
  },
  proposals: {
    scopes: (r: { lineage: string[] }) => lineageScopes(r.lineage),
    status: plainStatus,
    next: plainNext,
    flows: (prev, next) => (prev === null ? { proposals: 1 } : into(prev, next, 'adopted') ? { proposalsAdopted: 1 } : {}),
  },
  projects: {
    scopes: (r: { lineage: string[]; owner: { kind: string; id: string } }) => [...lineageScopes(r.lineage), ...(r.owner?.kind === 'unit' ? unitScope(r.owner.id, r.lineage?.[0]) : [])],
    status: plainStatus,
    next: plainNext,
    flows: (prev, next) => (prev === null ? { projects: 1 } : into(prev, next, 'done') ? { projectsDone: 1 } : {}),
  },
}

export const COUNTED_COLLECTIONS = Object.keys(COUNTING)

/** Amounts for one scope in one period. */
export interface Bump {
  period: string
  scope: ScopeRef
  metrics: Metrics
}

const atOf = (at: Date | string) => (at instanceof Date ? at : new Date(at))

/** One step's amounts (gauge change + flows), for every scope, in its month and in `all`. */
function bumpsOf(scopes: readonly ScopeRef[], at: Date, metrics: Metrics): Bump[] {
  if (Object.keys(metrics).length === 0) return []
  const month = monthKey(at)
  return scopes.flatMap((scope) => [
    { period: month, scope, metrics },
    { period: ALL_TIME, scope, metrics },
  ])
}

function stepMetrics(rule: CountingRule, prev: Status | null, next: Status, entry: CountedEntry | null, record: CountedRecord): Metrics {
  const m: Metrics = {}
  if (rule.gauges) {
    addMetrics(m, rule.gauges(next, record))
    if (prev) addMetrics(m, rule.gauges(prev, record), -1)
  }
  if (rule.flows && entry) addMetrics(m, rule.flows(prev, next, entry, record))
  return m
}

/**
 * What one conditional write changed: the record before (null: just inserted) and after, and the
 * history entries the write appended. Counted at `at` (the write's instant).
 */
export function changeBumps(collection: string, before: CountedRecord | null, after: CountedRecord, entries: readonly CountedEntry[], at: Date): Bump[] {
  const rule = COUNTING[collection]
  if (!rule) return []
  const m: Metrics = {}
  // Flows: each appended entry replayed from the status before it.
  let prev: Status | null = before ? rule.status(before) : null
  for (const e of entries) {
    const next = rule.next(prev, e)
    if (rule.flows) addMetrics(m, rule.flows(prev, next, e, after))
    prev = next
  }
  // Gauges: from what the record was to what it is.
  if (rule.gauges) {
    addMetrics(m, rule.gauges(rule.status(after), after))
    if (before) addMetrics(m, rule.gauges(rule.status(before), before), -1)
  }
  return bumpsOf(rule.scopes(after), at, m)
}

/** Everything a stored record contributes, replayed from its history (the recount). */
export function recordBumps(collection: string, record: CountedRecord): Bump[] {
  const rule = COUNTING[collection]
  if (!rule) return []
  const scopes = rule.scopes(record)
  const out: Bump[] = []
  let prev: Status | null = null
  for (const e of record.history ?? []) {
    const next = rule.next(prev, e)
    out.push(...bumpsOf(scopes, atOf(e.at), stepMetrics(rule, prev, next, e, record)))
    prev = next
  }
  // A record whose stored status differs from its replayed one (no entry for the last change)
  // counts as it is now, at its last change.
  const now = rule.status(record)
  if (prev && rule.gauges && JSON.stringify(now) !== JSON.stringify(prev)) {
    const last = record.history?.[record.history.length - 1]
    out.push(...bumpsOf(scopes, atOf(last?.at ?? record.createdAt ?? new Date(0)), stepMetrics(rule, prev, now, null, record)))
  }
  return out
}

/**
 * The steps of a record whose entries are in (from, to]: what a roll-up of that window counts.
 * Every step is replayed from the start (a status depends on the steps before it); only those in
 * the window count, so windows that follow one another count each step exactly once.
 */
export function windowBumps(collection: string, record: CountedRecord, from: Date, to: Date): Bump[] {
  const rule = COUNTING[collection]
  if (!rule) return []
  const scopes = rule.scopes(record)
  const out: Bump[] = []
  let prev: Status | null = null
  for (const e of record.history ?? []) {
    const next = rule.next(prev, e)
    const at = atOf(e.at)
    if (at > from && at <= to) out.push(...bumpsOf(scopes, at, stepMetrics(rule, prev, next, e, record)))
    prev = next
  }
  return out
}

/** Bumps summed per counter document id. */
export function sumBumps(bumps: readonly Bump[]): Map<string, { period: string; scope: ScopeRef; metrics: Metrics }> {
  const out = new Map<string, { period: string; scope: ScopeRef; metrics: Metrics }>()
  for (const b of bumps) {
    const id = `${b.period}|${b.scope.id}`
    const cur = out.get(id) ?? { period: b.period, scope: b.scope, metrics: {} }
    addMetrics(cur.metrics, b.metrics)
    out.set(id, cur)
  }
  return out
}

/** A ledger row as the statistics read it. */
export interface HoursRow {
  hours: number
  communityId?: string
  at: Date | string
  unitId?: string | null
  lineage?: readonly string[]
}

/** What one ledger row counts: its tenths of hours where it was given and for the person's unit. */
export function hoursBumps(r: HoursRow, lineageOfCommunity?: (id: string) => readonly string[] | undefined): Bump[] {
  // Rows from before the ledger kept the place count where the credited community is.
  const lineage = r.lineage ?? (r.communityId ? lineageOfCommunity?.(r.communityId) : undefined) ?? []
  const scopes = [...lineageScopes(lineage), ...unitScope(r.unitId, lineage[0])]
  return bumpsOf(scopes, atOf(r.at), { hoursTenths: Math.round(r.hours * 10) })
}

/** Bumps as per-scope increments: `{ 'all.wishesLit': 1, 'y2026.m12.wishesLit': 1 }` for each scope document. */
export function scopeIncrements(bumps: readonly Bump[]): Map<string, { scope: ScopeRef; inc: Record<string, number> }> {
  const out = new Map<string, { scope: ScopeRef; inc: Record<string, number> }>()
  for (const b of sumBumps(bumps).values()) {
    const cur = out.get(b.scope.id) ?? { scope: b.scope, inc: {} }
    const base = periodPath(b.period)
    for (const [metric, v] of Object.entries(b.metrics)) if (v) cur.inc[`${base}.${metric}`] = (cur.inc[`${base}.${metric}`] ?? 0) + v
    if (Object.keys(cur.inc).length > 0) out.set(b.scope.id, cur)
  }
  return out
}

/** A new scope document holding the increments as its first values. */
export function newScopeDoc(scope: ScopeRef, inc: Record<string, number>): StatsDoc {
  const doc: Record<string, unknown> = { _id: scope.id, level: scope.level, parentId: scope.parentId }
  for (const [path, v] of Object.entries(inc)) setCounter(doc, path, v)
  return doc as unknown as StatsDoc
}

/** Sets a counter by its dotted path (`y2026.m12.wishesLit`) in a scope document, creating the levels above it. */
export function setCounter(doc: Record<string, unknown>, path: string, v: number): void {
  const parts = path.split('.')
  let at = doc
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>
  at[parts[parts.length - 1]] = v
}


/** A unit's pairing with a community, as counted now (`all` only: a pairing's month is on the audit trail). */
export function pairingBumps(unit: { _id: string; countyId: string }, communityLineage: readonly string[]): Bump[] {
  return [...lineageScopes(communityLineage), ...unitScope(unit._id, unit.countyId)].map((scope) => ({ period: ALL_TIME, scope, metrics: { pairs: 1 } }))
}

/** The scope documents of a whole store counted at once (the seed): every county, street, community and unit, counted or empty. */
export function scopeDocs(scopes: readonly ScopeRef[], bumps: readonly Bump[]): StatsDoc[] {
  const incs = scopeIncrements(bumps)
  const out = new Map<string, StatsDoc>()
  for (const scope of scopes) out.set(scope.id, newScopeDoc(scope, incs.get(scope.id)?.inc ?? {}))
  for (const [id, d] of incs) if (!out.has(id)) out.set(id, newScopeDoc(d.scope, d.inc))
  return [...out.values()]
}
