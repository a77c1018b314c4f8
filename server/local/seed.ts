import { DEMO_DATA, demoRegistrations, demoUsers, demoWishes } from './demo'

/** The slice of the emulator's in-process database that seeding needs. */
export interface SeedTarget {
  collection(name: string): {
    count(query?: Record<string, unknown>): number | Promise<number>
    insertMany(docs: Record<string, unknown>[]): unknown
  }
}

/** Seeds the demo county once; a store that already has people in it is left alone. */
export async function seedIfEmpty(db: SeedTarget): Promise<boolean> {
  if ((await db.collection('users').count({})) > 0) return false
  await db.collection('org_nodes').insertMany(DEMO_DATA.org_nodes as unknown as Record<string, unknown>[])
  await db.collection('units').insertMany(DEMO_DATA.units)
  await db.collection('wishes').insertMany(demoWishes())
  await db.collection('registrations').insertMany(demoRegistrations() as unknown as Record<string, unknown>[])
  // Users last: their presence is what marks the store as seeded.
  await db.collection('users').insertMany(demoUsers() as unknown as Record<string, unknown>[])
  return true
}
