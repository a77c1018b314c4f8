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
export async function seedIfEmpty(db: SeedTarget, options: { history?: boolean } = {}): Promise<boolean> {
  if ((await db.collection('users').count({})) > 0) return false
  const now = new Date()
  await db.collection('activities').insertMany(demoActivities(now) as unknown as Record<string, unknown>[])
  await db.collection('activity_attendance').insertMany(demoAttendance(now) as unknown as Record<string, unknown>[])
  await db.collection('activity_themes').insertMany(demoThemes(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()))
  await db.collection('certificates').insertMany([DEMO_CERTIFICATE as unknown as Record<string, unknown>])
  for (const [collection, docs] of [
    ['households', demoHouseholds(now)],
    ['visits', demoVisits(now)],
    ['problems', demoProblems(now)],
    ['proposals', demoProposals(now)],
    ['projects', demoProjects(now)],
  ] as const) {
    if (docs.length > 0) await db.collection(collection).insertMany(docs)
  }
  if (options.history) {
    const { ledger, tallies } = demoServiceHistory(now)
    await db.collection('service_hours').insertMany(ledger as unknown as Record<string, unknown>[])
    await db.collection('tallies').insertMany(tallies as unknown as Record<string, unknown>[])
  }
  await db.collection('org_nodes').insertMany(DEMO_DATA.org_nodes as unknown as Record<string, unknown>[])
  await db.collection('units').insertMany(DEMO_DATA.units)
  await db.collection('wishes').insertMany(demoWishes())
  await db.collection('registrations').insertMany(demoRegistrations() as unknown as Record<string, unknown>[])
  // Users last: their presence is what marks the store as seeded.
  await db.collection('users').insertMany(demoUsers() as unknown as Record<string, unknown>[])
  return true
}
