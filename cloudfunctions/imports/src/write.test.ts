/**
 * All or nothing when a write fails half way: `writeImport` runs in this process through the
 * unchanged wx-server-sdk against the emulator; the database handle it gets is the real one, except
 * that the registrations collection refuses its second batch (a fault a real network or quota can
 * cause). Everything the import had written must go, and the record must say failed.
 */
import fs from 'node:fs'
import { startEmulator, sdkEnv, type Emulator } from '../../../server/emulator'
import { seedIfEmpty } from '../../../server/local/seed'
import { tempDir } from '../../../server/testing/stack'
import type { ImportPlan, PlannedMember } from '../../../domain/imports'
import type { ActionContext } from '../../../server/kit'

jest.setTimeout(60_000)

let emulator: Emulator
let dataDir: string
let write: typeof import('./write')
let database: () => ActionContext['db']

beforeAll(async () => {
  dataDir = tempDir()
  emulator = await startEmulator({ port: 0, dataDir })
  await seedIfEmpty(emulator.db)
  // The SDK reads where to go from the environment when the kit loads it: set it first.
  Object.assign(process.env, sdkEnv(emulator.adminUrl('imports-write-test')))
  write = await import('./write')
  database = (await import('../../../server/kit')).database
})

afterAll(async () => {
  await emulator?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const COUNTY = 'org-longmen'
const caller = { _id: 'user-demo-county-admin', openid: 'demo-county-admin', name: '赵志强', roles: [], createdAt: new Date(), updatedAt: new Date() }

function plan(members: number): ImportPlan {
  const community = { _id: 'imp-t-n0', kind: 'community' as const, name: '新城社区', parentId: 'org-pingling', path: [COUNTY, 'org-pingling'], row: 2 }
  const rows: PlannedMember[] = Array.from({ length: members }, (_, i) => ({
    row: i + 2,
    name: `成员${i}`,
    phone: `136${String(i).padStart(8, '0')}`,
    unitId: 'unit-water-bureau',
    unitName: '县水利局',
    communityId: community._id,
    communityName: community.name,
    communityLineage: [...community.path, community._id],
    skills: [],
  }))
  return {
    nodes: [community],
    units: [{ _id: 'imp-t-u1', name: '县教育局', kind: '事业单位', countyId: COUNTY, pairedCommunityIds: [community._id], row: 2 }],
    members: rows,
    summary: { communities: 1, compounds: 0, units: 1, members },
  }
}

/** The real database, except that `registrations.add` fails from its `failAt`-th call on. */
function faultyDb(failAt: number): ActionContext['db'] {
  const db = database()
  let adds = 0
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver)
      return (name: string) => {
        const coll = target.collection(name)
        if (name !== 'registrations') return coll
        return new Proxy(coll, {
          get(c, p, r) {
            if (p !== 'add') return Reflect.get(c, p, r)
            return (options: unknown) => (++adds >= failAt ? Promise.reject(new Error('network reset')) : c.add(options as never))
          },
        })
      }
    },
  })
}

function counts() {
  return Object.fromEntries(['org_nodes', 'units', 'registrations', 'audit'].map((c) => [c, emulator.db.collection(c).count({})]))
}

test('a failed second batch: the first batch, the community and the unit are removed; the record says failed; the lock is released', async () => {
  const before = counts()
  const ctx = { identity: { openid: 'demo-county-admin' }, db: faultyDb(2), now: new Date() } as ActionContext
  const importId = 'imp-test-failed'
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {})
  await expect(write.writeImport(ctx, plan(1200), { importId, countyId: COUNTY, caller, fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'IMPORT.FAILED' })
  errors.mockRestore()
  expect(counts()).toEqual(before)
  for (const c of ['org_nodes', 'units', 'registrations']) expect(emulator.db.collection(c).count({ importId })).toBe(0)
  expect(emulator.db.collection('imports').findOne({ _id: importId })).toMatchObject({ state: 'failed', summary: { members: 1200 } })
  expect(emulator.db.collection('imports').findOne({ _id: `lock-${COUNTY}` })).toBeNull()
})

test('the same plan without the fault writes everything in batches of 500', async () => {
  const before = counts()
  const ctx = { identity: { openid: 'demo-county-admin' }, db: database(), now: new Date() } as ActionContext
  const importId = 'imp-test-done'
  await write.writeImport(ctx, plan(1200), { importId, countyId: COUNTY, caller, fileName: 'x.xlsx' })
  const after = counts()
  expect(after.registrations - before.registrations).toBe(1200)
  expect(after.org_nodes - before.org_nodes).toBe(1)
  expect(after.units - before.units).toBe(1)
  expect(after.audit - before.audit).toBe(1)
  expect(emulator.db.collection('imports').findOne({ _id: importId })).toMatchObject({ state: 'done' })
})
