import { demoHouseholds, demoProblems, demoProjects, demoProposals, demoVisits } from './demo-grid'
import { DEMO_CERTIFICATE, DEMO_DATA, demoActivities, demoAttendance, demoRegistrations, demoServiceHistory, demoThemes, demoUsers, demoWishes } from './demo'

/** The slice of the emulator's in-process database that seeding needs. */
export interface SeedTarget {
  collection(name: string): {
    count(query?: Record<string, unknown>): number | Promise<number>
    insertMany(docs: Record<string, unknown>[]): unknown
  }
}

/**
 * Seeds the demo county once; a store that already has people in it is left alone. `history`: also
 * 李建国's earlier service hours (the local app; the test stack's progress tests start from zero).
 */
import { hoursBumps, pairingBumps, recordBumps, scopeDocs, type Bump, type HoursRow } from '../../domain/stats/counting'
import { previousMonthKey, type ScopeLevel, type StatsDoc } from '../../domain/stats/metrics'
import { buildMonthlyReport, reportId } from '../../domain/stats/report'

export async function seedIfEmpty(db: SeedTarget, options: { history?: boolean } = {}): Promise<boolean> {
  if ((await db.collection('users').count({})) > 0) return false
  const now = new Date()
  const counted: Record<string, readonly object[]> = {
    activities: demoActivities(now),
    problems: demoProblems(now),
    proposals: demoProposals(now),
    projects: demoProjects(now),
    wishes: demoWishes(),
    registrations: demoRegistrations(),
  }
  await db.collection('activity_attendance').insertMany(demoAttendance(now) as unknown as Record<string, unknown>[])
  await db.collection('activity_themes').insertMany(demoThemes(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()))
  await db.collection('certificates').insertMany([DEMO_CERTIFICATE as unknown as Record<string, unknown>])
  for (const [collection, docs] of [
    ['households', demoHouseholds(now)],
    ['visits', demoVisits(now)],
  ] as const) {
    if (docs.length > 0) await db.collection(collection).insertMany(docs)
  }
  for (const [collection, docs] of Object.entries(counted)) if (docs.length > 0) await db.collection(collection).insertMany(docs as unknown as Record<string, unknown>[])
  const history = options.history ? demoServiceHistory(now) : { ledger: [], tallies: [] }
  if (options.history) {
    await db.collection('service_hours').insertMany(history.ledger as unknown as Record<string, unknown>[])
    await db.collection('tallies').insertMany(history.tallies as unknown as Record<string, unknown>[])
  }
  await db.collection('org_nodes').insertMany(DEMO_DATA.org_nodes as unknown as Record<string, unknown>[])
  await db.collection('units').insertMany(DEMO_DATA.units)
  // The statistics counters of what was just written, counted the way the recount counts (domain/stats).
  const stats = demoStats(counted, history.ledger as unknown as HoursRow[])
  await db.collection('stats').insertMany(stats as unknown as Record<string, unknown>[])
  // Last month's 进度通报, as the monthly timer would have built it on the 1st (cloudfunctions/stats).
  await db.collection('stats_reports').insertMany(demoReports(stats, now) as unknown as Record<string, unknown>[])
  // Everything seeded is counted: the roll-up timer (server/kit/statsRollup.ts) goes on from here.
  await db.collection('stats_meta').insertMany([{ _id: 'rollup', upTo: now }])
  // Users last: their presence is what marks the store as seeded.
  await db.collection('users').insertMany(demoUsers() as unknown as Record<string, unknown>[])
  return true
}

/** Every county, street, community and unit of the seed with its counters, from the seeded records themselves. */
function demoStats(counted: Record<string, readonly object[]>, ledger: readonly HoursRow[]): StatsDoc[] {
  const bumps: Bump[] = []
  for (const [collection, docs] of Object.entries(counted)) for (const d of docs) bumps.push(...recordBumps(collection, d as never))
  const nodes = DEMO_DATA.org_nodes as unknown as { _id: string; kind: string; path: string[]; parentId: string | null }[]
  const lineages = new Map(nodes.map((n) => [n._id, [...n.path, n._id]]))
  for (const r of ledger) bumps.push(...hoursBumps(r, (id) => lineages.get(id)))
  const units = DEMO_DATA.units as unknown as { _id: string; countyId: string; pairedCommunityIds?: string[] }[]
  for (const u of units) for (const c of u.pairedCommunityIds ?? []) bumps.push(...pairingBumps(u, lineages.get(c) ?? []))
  const scopes = [
    ...nodes.filter((n) => n.kind === 'county' || n.kind === 'street' || n.kind === 'community').map((n) => ({ id: n._id, level: n.kind as ScopeLevel, parentId: n.parentId })),
    ...units.map((u) => ({ id: u._id, level: 'unit' as const, parentId: u.countyId })),
  ]
  return scopeDocs(scopes, bumps)
}

/** Last month's report of the county and each street, from the seeded counters (no member has met the year's rule yet). */
function demoReports(stats: readonly StatsDoc[], now: Date): object[] {
  const docs = new Map(stats.map((d) => [d._id, d]))
  const nodes = DEMO_DATA.org_nodes as unknown as { _id: string; kind: string; name: string; path: string[] }[]
  const units = DEMO_DATA.units as unknown as { _id: string; name: string; countyId: string }[]
  const month = previousMonthKey(now)
  return nodes
    .filter((n) => n.kind === 'county' || n.kind === 'street')
    .map((scope) => ({
      _id: reportId(scope._id, month),
      scopeName: scope.name,
      lineage: [...scope.path, scope._id],
      ...buildMonthlyReport({
        scope: { id: scope._id, name: scope.name, level: scope.kind as ScopeLevel },
        month,
        createdAt: now,
        doc: docs.get(scope._id) ?? null,
        communities: nodes.filter((c) => c.kind === 'community' && c.path.includes(scope._id)).map((c) => ({ id: c._id, name: c.name, doc: docs.get(c._id) ?? null })),
        units: scope.kind === 'county' ? units.filter((u) => u.countyId === scope._id).map((u) => ({ id: u._id, name: u.name, doc: docs.get(u._id) ?? null, met: 0 })) : [],
      }),
    }))
}
