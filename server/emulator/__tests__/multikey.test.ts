// Multikey indexes: a key path that crosses an array indexes every element (one entry each), as
// MongoDB does. Answers must equal a full mingo scan; the indexed path must read only the
// documents it matches; the index follows writes and restarts; a compound key over two arrays of
// one document is refused.
import { find as mingoFind } from 'mingo'
import { startEmulator, type DatabaseSchema, type Emulator } from '../index'
import { failure, quiet, sdkFor, tmpDir } from './helpers'

const USERS = 6_000
const SCOPES = 300
const KINDS = ['grid_worker', 'community_admin', 'unit_admin', 'branch_admin', 'street_admin', 'county_admin']

const schema: DatabaseSchema = {
  collections: {
    users: {
      indexes: [
        { name: 'openid_unique', unique: true, keys: { openid: 1 } },
        { name: 'role_scope_kind', keys: { 'roles.scopeId': 1, 'roles.kind': 1 } },
      ],
    },
    posts: {
      indexes: [
        { name: 'tags', keys: { tags: 1 } },
        { name: 'community_tags_time', keys: { communityId: 1, tags: 1, at: -1 } },
        { name: 'a_b', keys: { a: 1, b: 1 } },
      ],
    },
    accounts: { indexes: [{ name: 'emails_unique', unique: true, keys: { emails: 1 } }] },
  },
}

// Deterministic pseudo-random data: the same table on every run.
let seed = 7
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]

/** Users as org stores them (`roles: [{ kind, scopeId, scopeName }]`), plus awkward shapes. */
function user(i: number): Record<string, unknown> {
  const d: Record<string, unknown> = { _id: `u${String(i).padStart(5, '0')}`, openid: `o${i}`, n: i }
  const shape = i % 50
  if (shape === 0) return d // no roles field
  if (shape === 1) return { ...d, roles: [] }
  if (shape === 2) return { ...d, roles: null }
  if (shape === 3) return { ...d, roles: { kind: 'unit_admin', scopeId: 's1' } } // an object, not an array
  if (shape === 4) return { ...d, roles: [{ kind: 'unit_admin' }, 'stray'] } // an element without scopeId, a scalar element
  if (shape === 5) return { ...d, roles: [{ kind: ['unit_admin', 'grid_worker'], scopeId: 's2' }] } // an array inside an element
  const count = i % 7 === 0 ? 0 : 1 + Math.floor(rnd() * 3)
  const roles = Array.from({ length: count }, () => {
    const scopeId = `s${Math.floor(rnd() * SCOPES)}`
    return { kind: pick(KINDS), scopeId, scopeName: `名称${scopeId}` }
  })
  if (i % 13 === 0 && roles.length) roles.push({ ...roles[0] }) // the same role twice
  return { ...d, roles }
}

let emu: Emulator
let db: any
let _: any

beforeAll(async () => {
  emu = await startEmulator({ dataDir: tmpDir(), log: quiet, schema })
  ;({ db } = sdkFor(emu, 'multikey'))
  _ = db.command
  await emu.db.collection('users').insertMany(Array.from({ length: USERS }, (_v, i) => user(i)))
  const tagValues: unknown[] = ['a', 'b', 'c', 1, 2, 10, null, true, new Date(0), new Date(1e12)]
  await emu.db.collection('posts').insertMany(
    Array.from({ length: 2_000 }, (_v, i) => {
      const d: Record<string, unknown> = { _id: `p${String(i).padStart(4, '0')}`, communityId: `c${i % 5}`, at: new Date(Date.UTC(2026, 0, 1) + i * 60_000) }
      const shape = i % 9
      if (shape === 0) d.tags = pick(tagValues)
      else if (shape === 1) d.tags = []
      else if (shape === 2) d.tags = [[pick(tagValues)], pick(tagValues)]
      else if (shape !== 3) d.tags = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(tagValues))
      // a and b share the compound index a_b: at most one of them is an array.
      if (i % 3 === 0) d.a = [pick(tagValues), pick(tagValues)]
      else d.a = pick(tagValues)
      d.b = i % 3 === 0 ? pick(tagValues) : i % 2 ? [pick(tagValues), pick(tagValues)] : pick(tagValues)
      return d
    }),
  )
}, 60_000)
afterAll(() => emu.close())

const sortedIds = (docs: Array<Record<string, any>>) => docs.map((d) => String(d._id)).sort()

/** Every query's answer through the store equals mingo over every stored document. */
function expectSameAsScan(coll: string, queries: Array<Record<string, unknown>>) {
  const stored = emu.db.collection(coll).find()
  for (const q of queries) {
    const want = sortedIds(mingoFind(stored, q).all() as any[])
    const got = emu.db.collection(coll).find(q)
    // Each document once, and the same set.
    expect([q, got.length]).toEqual([q, new Set(got.map((d) => d._id)).size])
    expect([q, sortedIds(got)]).toEqual([q, want])
    expect([q, emu.db.collection(coll).count(q)]).toEqual([q, want.length])
  }
}

test('role queries through the multikey index answer exactly what a full scan answers', () => {
  const queries: Array<Record<string, unknown>> = [
    { 'roles.scopeId': 's1' },
    { 'roles.scopeId': 's2' },
    { 'roles.kind': 'unit_admin' },
    { 'roles.scopeId': null },
    { 'roles.scopeId': { $in: ['s1', 's2', 's3', 'nowhere'] } },
    { 'roles.scopeId': { $in: ['s4', null] } },
    { 'roles.scopeId': 's5', 'roles.kind': 'unit_admin' },
    { 'roles.scopeId': { $in: ['s6', 's7'] }, 'roles.kind': { $in: ['unit_admin', 'grid_worker'] } },
    { roles: { $elemMatch: { scopeId: 's8', kind: 'grid_worker' } } },
    { roles: { $elemMatch: { scopeId: { $in: ['s1', 's2', 's9', 's10'] }, kind: { $in: ['unit_admin', 'grid_worker'] } } } },
    { roles: { $elemMatch: { scopeId: { $in: Array.from({ length: 120 }, (_v, i) => `s${i}`) }, kind: 'community_admin' } } },
    { roles: { $elemMatch: { kind: 'unit_admin' } } },
    { roles: { $elemMatch: { scopeId: { $gte: 's25', $lt: 's27' } } } },
    { 'roles.scopeId': { $gt: 's295' } },
    { 'roles.scopeId': { $gte: 's10', $lte: 's11' } },
    { $and: [{ 'roles.scopeId': 's11' }, { roles: { $elemMatch: { kind: 'branch_admin' } } }] },
    { 'roles.scopeId': 's12', roles: { $elemMatch: { scopeId: 's13', kind: 'grid_worker' } } },
    { roles: { kind: 'unit_admin', scopeId: 's1' } },
    { roles: [] },
    { roles: null },
    { roles: { $size: 0 } },
    { 'roles.kind': ['unit_admin', 'grid_worker'] },
  ]
  expectSameAsScan('users', queries)
})

test('tag queries (an array of scalars, mixed types, nested arrays) answer exactly what a full scan answers', () => {
  const values: unknown[] = ['a', 'b', 1, 2, 10, null, true, new Date(0)]
  const queries: Array<Record<string, unknown>> = [{}]
  for (const v of values) {
    queries.push({ tags: v }, { tags: { $in: [v, 'c'] } }, { communityId: 'c1', tags: v }, { tags: { $elemMatch: { $eq: v } } }, { a: v, b: pick(values) }, { a: pick(values), b: v })
    if (v !== null) queries.push({ tags: { $gt: v } }, { tags: { $lte: v } }, { tags: { $gt: v, $lt: 10 } }, { tags: { $elemMatch: { $gte: v, $lt: 'b' } } }, { a: v, b: { $gt: pick(values) } })
  }
  queries.push({ tags: ['a', 'b'] }, { tags: [] }, { tags: ['a'] }, { tags: { $all: ['a', 'b'] } }, { tags: { $size: 2 } })
  expectSameAsScan('posts', queries)
})

test('sorted pages over a multikey index: each document once, in the order mingo gives', () => {
  const stored = emu.db.collection('posts').find()
  for (const q of [{ communityId: 'c2', tags: 'a' }, { tags: { $in: ['a', 'b'] } }, { communityId: 'c3' }, {}]) {
    for (const sort of [{ at: -1 }, { at: 1 }, { tags: 1 }, { tags: -1, at: 1 }] as Array<Record<string, 1 | -1>>) {
      const want = (mingoFind(stored, q).sort(sort).skip(3).limit(25).all() as any[]).map((d) => d._id)
      const got = emu.db.collection('posts').find(q, { sort, skip: 3, limit: 25 }).map((d) => d._id)
      expect([q, sort, got.length, new Set(got).size]).toEqual([q, sort, want.length, want.length])
      // Sorting by an array field compares each document by its smallest (largest) element; ties may come in any order.
      if (!('tags' in sort)) expect([q, sort, got]).toEqual([q, sort, want])
    }
  }
})

test('an indexed role query reads only the documents it matches (the scan counters)', async () => {
  const stored = emu.db.collection('users').find()
  const scopes = ['s1', 's2', 's9', 's10', 's42']
  const kinds = ['unit_admin', 'grid_worker']
  const want = sortedIds(mingoFind(stored, { roles: { $elemMatch: { scopeId: { $in: scopes }, kind: { $in: kinds } } } }).all() as any[])
  expect(want.length).toBeGreaterThan(5)

  // As org.listRoleHolders asks, through the unchanged SDK.
  emu.db.resetStats()
  const res = await db.collection('users').where({ roles: _.elemMatch({ scopeId: _.in(scopes), kind: _.in(kinds) }) }).limit(1000).get()
  expect(sortedIds(res.data)).toEqual(want)
  // Index entries lead to each match once; the documents in the overflow set (shapes the index
  // cannot order: an array inside an element) are candidates of every query. Empty arrays are not.
  const overflow = stored.filter((d) => Array.isArray(d.roles) && d.roles.some((r: any) => Array.isArray(r?.kind))).length
  expect(overflow).toBe(USERS / 50)
  expect(emu.db.stats()).toEqual({ queries: 1, docsScanned: want.length + overflow, indexedQueries: 1 })
  expect(emu.db.collection('users').explain({ roles: { $elemMatch: { scopeId: { $in: scopes }, kind: { $in: kinds } } } })).toEqual({
    index: 'role_scope_kind',
    docsScanned: want.length + overflow,
    returned: want.length,
  })

  // Dotted conditions may hold on two different roles, so only the scope bounds the scan (as in MongoDB).
  const dotted = { 'roles.scopeId': 's42', 'roles.kind': 'unit_admin' }
  const byScope = (mingoFind(stored, { 'roles.scopeId': 's42' }).all() as any[]).length
  emu.db.resetStats()
  const res2 = await db.collection('users').where(dotted).get()
  expect(sortedIds(res2.data)).toEqual(sortedIds(mingoFind(stored, dotted).all() as any[]))
  expect(emu.db.stats().docsScanned).toBe(byScope + overflow)
  expect(byScope).toBeLessThan(USERS / 50)

  // Without the index the same query reads the whole collection.
  expect(emu.db.collection('users').explain({ 'roles.scopeName': '名称s42' }).docsScanned).toBe(USERS)
})

test('the index follows inserts, updates ($push, $pull, set) and removes', async () => {
  const users = db.collection('users')
  const count = (q: object) => emu.db.collection('users').count(q)
  const scoped = (scopeId: string, kind: string) => ({ roles: { $elemMatch: { scopeId, kind } } })
  const { _id } = await users.add({ data: { openid: 'mk-new', roles: [{ kind: 'unit_admin', scopeId: 'mk-1' }, { kind: 'grid_worker', scopeId: 'mk-1' }] } })
  expect(emu.db.collection('users').explain(scoped('mk-1', 'unit_admin'))).toMatchObject({ index: 'role_scope_kind', returned: 1 })
  // One document, two entries under mk-1: matched once.
  expect(count({ 'roles.scopeId': 'mk-1' })).toBe(1)
  expect(count({ 'roles.scopeId': { $in: ['mk-1', 'mk-2'] }, 'roles.kind': { $in: ['unit_admin', 'grid_worker'] } })).toBe(1)

  await users.doc(_id).update({ data: { roles: _.push({ kind: 'community_admin', scopeId: 'mk-2' }) } })
  expect(count(scoped('mk-2', 'community_admin'))).toBe(1)
  await users.doc(_id).update({ data: { roles: _.pull({ kind: 'unit_admin', scopeId: 'mk-1' }) } })
  expect(count(scoped('mk-1', 'unit_admin'))).toBe(0)
  expect(count(scoped('mk-1', 'grid_worker'))).toBe(1)
  await users.doc(_id).set({ data: { openid: 'mk-new', roles: { kind: 'unit_admin', scopeId: 'mk-3' } } })
  expect(count({ 'roles.scopeId': 'mk-1' })).toBe(0)
  expect(count({ 'roles.scopeId': 'mk-3' })).toBe(1)
  await users.doc(_id).remove()
  expect(count({ 'roles.scopeId': 'mk-3' })).toBe(0)
  expect(emu.db.collection('users').explain({ 'roles.scopeId': { $in: ['mk-1', 'mk-2', 'mk-3'] } })).toMatchObject({ returned: 0 })
})

test('a compound key over two arrays of one document is refused, and nothing is written', async () => {
  const posts = db.collection('posts')
  const refused = await failure(posts.add({ data: { _id: 'parallel', a: [1, 2], b: ['x'] } }))
  expect(refused.message).toMatch(/cannot index parallel arrays \[b\] \[a\] \(index a_b/)
  expect(emu.db.collection('posts').findOne({ _id: 'parallel' })).toBeNull()

  await posts.add({ data: { _id: 'one-array', a: [1, 2], b: 'x' } })
  const update = await failure(posts.doc('one-array').update({ data: { b: ['y', 'z'] } }))
  expect(update.message).toMatch(/parallel arrays/)
  expect(emu.db.collection('posts').findOne({ _id: 'one-array' })).toMatchObject({ a: [1, 2], b: 'x' })

  // Inside a transaction the write itself is refused; the transaction's other writes go on.
  const txn = await db.startTransaction()
  const inTxn = await failure(txn.collection('posts').add({ data: { _id: 'parallel-txn', a: ['p'], b: ['q'] } }))
  expect(inTxn.message).toMatch(/parallel arrays/)
  await txn.collection('posts').add({ data: { _id: 'fine-txn', a: ['p'], b: 'q' } })
  await txn.commit()
  expect(emu.db.collection('posts').find({ a: 'p' }).map((d) => d._id)).toEqual(['fine-txn'])
})

test('a unique multikey index: no element shared between two documents; repeats within one are fine', async () => {
  const accounts = db.collection('accounts')
  await accounts.add({ data: { _id: 'acc1', emails: ['a@x', 'b@x', 'a@x'] } })
  await accounts.add({ data: { _id: 'acc2', emails: ['c@x'] } })
  const dup = await failure(accounts.add({ data: { _id: 'acc3', emails: ['d@x', 'b@x'] } }))
  expect(dup.message).toMatch(/E11000 duplicate key error collection: accounts index: emails_unique dup key: \{"emails":"b@x"\}/)
  const moved = await failure(accounts.doc('acc2').update({ data: { emails: _.push('a@x') } }))
  expect(moved.message).toMatch(/E11000/)
  await accounts.doc('acc1').update({ data: { emails: _.pull('b@x') } })
  await accounts.add({ data: { _id: 'acc3', emails: ['d@x', 'b@x'] } })
  expect(emu.db.collection('accounts').find({ emails: 'b@x' }).map((d) => d._id)).toEqual(['acc3'])
})

test('multikey entries are rebuilt on restart: same answers, same scan counts', async () => {
  const dir = tmpDir()
  const a = await startEmulator({ dataDir: dir, log: quiet, schema })
  const docs = Array.from({ length: 500 }, (_v, i) => user(i))
  await a.db.collection('users').insertMany(docs)
  await a.db.collection('users').insertOne({ _id: 'late', openid: 'late', roles: [{ kind: 'unit_admin', scopeId: 's1' }] })
  const q = { roles: { $elemMatch: { scopeId: { $in: ['s1', 's2', 's3'] }, kind: 'unit_admin' } } }
  const before = a.db.collection('users').explain(q)
  const answer = sortedIds(a.db.collection('users').find(q))
  await a.close()
  const b = await startEmulator({ dataDir: dir, log: quiet, schema })
  try {
    expect(b.db.collection('users').explain(q)).toEqual(before)
    expect(sortedIds(b.db.collection('users').find(q))).toEqual(answer)
    expect(answer).toContain('late')
  } finally {
    await b.close()
  }
})

test('a new index that a stored document cannot satisfy (parallel arrays) keeps that document a candidate of every query', async () => {
  const dir = tmpDir()
  const plain: DatabaseSchema = { collections: { things: { indexes: [] } } }
  const a = await startEmulator({ dataDir: dir, log: quiet, schema: plain })
  await a.db.collection('things').insertMany([{ _id: 't1', x: [1, 2], y: [3] }, { _id: 't2', x: 1, y: [3, 4] }])
  await a.close()
  const logs: string[] = []
  const withIndex: DatabaseSchema = { collections: { things: { indexes: [{ name: 'x_y', keys: { x: 1, y: 1 } }] } } }
  const b = await startEmulator({ dataDir: dir, log: (m) => logs.push(m), schema: withIndex })
  try {
    expect(logs.join('\n')).toMatch(/index x_y: document t1: cannot index parallel arrays/)
    expect(sortedIds(b.db.collection('things').find({ x: 1 }))).toEqual(['t1', 't2'])
    expect(sortedIds(b.db.collection('things').find({ y: 4 }))).toEqual(['t2'])
    // Rewriting it is refused as any other write of such a document; removing it works.
    await b.db.collection('things').clear()
    expect(b.db.collection('things').count()).toBe(0)
  } finally {
    await b.close()
  }
})
