// Tallies counted from an index: `$match` answered exactly by an index run, then `$count` or a
// `$group` of counts, without handing documents to mingo (Engine.countStages, Store.countBy). The
// answers must be exactly those of the plain path (mingo over the selected documents), same
// documents in the same order, for the top-level pipeline and for a summary `$lookup`.
import { find as mingoFind } from 'mingo'
import { startEmulator, type Emulator } from '../index'
import { quiet, sdkFor, tmpDir } from './helpers'

const N = 9_000
let emu: Emulator
let db: any

beforeAll(async () => {
  emu = await startEmulator({
    dataDir: tmpDir(),
    log: quiet,
    schema: {
      collections: {
        // The wish wall's shape: the tally's group key (state) is not in the index the match uses.
        wishes: {
          indexes: [
            { name: 'community_wall', keys: { communityId: 1, onWall: 1, publishedAt: -1, _id: -1 } },
            { name: 'community_state', keys: { communityId: 1, state: 1 } },
          ],
        },
        // With an index that holds the group key right after the match's fields: counted by searches in it.
        covered: {
          indexes: [
            { name: 'community_wall', keys: { communityId: 1, onWall: 1, publishedAt: -1, _id: -1 } },
            { name: 'community_wall_state', keys: { communityId: 1, onWall: 1, state: 1 } },
            { name: 'community_state', keys: { communityId: 1, state: -1 } },
          ],
        },
        // An indexed field that is sometimes an array (multikey) or an embedded document: counted by mingo.
        odd: { indexes: [{ name: 'community_wall', keys: { communityId: 1, onWall: 1 } }] },
        nodes: { indexes: [] },
        // A list's counts: equality on an array field (the lineage), then a range on the next field.
        households: {
          indexes: [
            { name: 'lineage_door', keys: { lineage: 1, door: 1 } },
            { name: 'lineage_due', keys: { lineage: 1, due: 1 } },
          ],
        },
      },
    },
  })
  ;({ db } = sdkFor(emu, 'tally'))
  const states: unknown[] = ['published', 'lit', 'done', 'lit', 'published', null, undefined, 3, new Date(5), new Date(5), 'published', ['lit'], { x: 1 }]
  const walls: unknown[] = [true, true, true, false, undefined, 'true', 1]
  const docs = Array.from({ length: N }, (_v, i) => {
    const d: Record<string, unknown> = { _id: `w${String(i).padStart(5, '0')}`, communityId: `c${i % 7}`, publishedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % N) * 60_000), n: i }
    // The odd-typed state values only in c6, so other communities keep a clean group key.
    const state = i % 7 === 6 ? states[i % states.length] : states[i % 5]
    if (state !== undefined) d.state = state
    const onWall = walls[i % walls.length]
    if (onWall !== undefined) d.onWall = onWall
    return d
  })
  // The newest wish on c1's wall is published: the plain path meets 'published' first, not 'done' (the index's first value).
  docs.push({ _id: 'newest', communityId: 'c1', onWall: true, state: 'published', publishedAt: new Date(Date.UTC(2030, 0, 1)) })
  await emu.db.collection('wishes').insertMany(docs)
  // An embedded document or array in an indexed field puts its document in the index's overflow set,
  // which rules the covering index out: those states are plain strings here.
  await emu.db.collection('covered').insertMany(docs.map((d) => (typeof d.state === 'object' && d.state !== null && !(d.state instanceof Date) ? { ...d, state: 'odd' } : d)))
  await emu.db.collection('odd').insertMany(docs.map((d, i) => ({ ...d, ...(i % 50 === 0 ? { communityId: ['c1', 'c2'] } : i % 51 === 0 ? { onWall: { v: true } } : {}) })))
  // Some lineages name a node twice (counted once), some dues are missing, null, a number or a string (not in a date range).
  const dues: unknown[] = [new Date(Date.UTC(2026, 0, 10)), new Date(Date.UTC(2026, 5, 1)), null, undefined, 7, '2026-01-01', new Date(Date.UTC(2025, 11, 31))]
  await emu.db.collection('households').insertMany(
    Array.from({ length: 3_000 }, (_v, i) => {
      const lineage = i % 97 === 0 ? ['county', `g${i % 3}`, `g${i % 3}`] : ['county', `g${i % 3}`, `b${i % 30}`]
      const d: Record<string, unknown> = { _id: `h${i}`, lineage, door: `${i % 7}单元${i}` }
      const due = dues[i % dues.length]
      if (due !== undefined) d.due = due
      return d
    }),
  )
  await emu.db.collection('nodes').insertMany(Array.from({ length: 8 }, (_v, i) => ({ _id: `c${i}`, name: `社区${i}` })))
}, 60_000)
afterAll(() => emu.close())

const TALLIES: Array<[string, Record<string, unknown>[]]> = [
  ['the wall tally', [{ $match: { communityId: 'c1', onWall: true } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['a community with odd group keys (null, missing, number, dates; arrays and objects)', [{ $match: { communityId: 'c6', onWall: true } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['$in on the prefix', [{ $match: { communityId: { $in: ['c1', 'c3', 'nowhere'] }, onWall: { $eq: true } } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['$count', [{ $match: { communityId: 'c2', onWall: true } }, { $count: 'total' }]],
  ['$count of nothing', [{ $match: { communityId: 'nowhere', onWall: true } }, { $count: 'total' }]],
  ['a $group of nothing', [{ $match: { communityId: 'nowhere' } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['_id null, $count: {}, $sum of 2 and 0', [{ $match: { communityId: 'c4' } }, { $group: { _id: null, all: { $count: {} }, twice: { $sum: 2 }, none: { $sum: 0 } } }]],
  ['a constant _id', [{ $match: { communityId: 'c4', onWall: false } }, { $group: { _id: 'x', n: { $sum: 1 } } }]],
  ['group key in the index (read from the entries, or counted by searches)', [{ $match: { communityId: 'c5' } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['grouped by a field the match fixes ($in on the index)', [{ $match: { communityId: 'c1', state: { $in: ['lit', 'published', 'nowhere', 'done', 'lit'] } } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['grouped by the first field of the match', [{ $match: { communityId: { $in: ['c2', 'c1'] }, onWall: true } }, { $group: { _id: '$communityId', n: { $count: {} } } }]],
  ['followed by $sort and $limit', [{ $match: { communityId: 'c1', onWall: true } }, { $group: { _id: '$state', n: { $sum: 1 } } }, { $sort: { n: -1 } }, { $limit: 2 }]],
  ['a field outside the index (not exact: mingo counts)', [{ $match: { communityId: 'c1', n: { $gt: 100 } } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
  ['a sum of a field (not a count: mingo sums)', [{ $match: { communityId: 'c1', onWall: true } }, { $group: { _id: '$state', n: { $sum: '$n' } } }]],
  ['a fractional $sum (mingo adds)', [{ $match: { communityId: 'c1', onWall: true } }, { $group: { _id: '$state', n: { $sum: 0.1 } } }]],
  ['a string onWall (equality of another type)', [{ $match: { communityId: 'c3', onWall: 'true' } }, { $group: { _id: '$state', n: { $sum: 1 } } }]],
]

const LIST_COUNTS: Array<[string, Record<string, unknown>]> = [
  ['equality on an array field', { lineage: 'g1' }],
  ['equality on an array field naming the node twice in some documents', { lineage: 'g0' }],
  ['$in on an array field (a document under both values counted once)', { lineage: { $in: ['g2', 'b5', 'b8'] } }],
  ['then a date range below', { lineage: 'g1', due: { $lt: new Date(Date.UTC(2026, 2, 1)) } }],
  ['then a date range on both sides', { lineage: 'county', due: { $gte: new Date(Date.UTC(2026, 0, 1)), $lt: new Date(Date.UTC(2026, 2, 1)) } }],
  ['then a number range (dates, strings, null not counted)', { lineage: 'county', due: { $gt: 0 } }],
  ['a range matching nothing', { lineage: 'g2', due: { $lt: new Date(0) } }],
  ['an equality nothing has', { lineage: 'nowhere' }],
]

test.each(LIST_COUNTS)('a list count, %s: counted in the index, no document read, the same as mingo', (_name, match) => {
  const pipeline = [{ $match: match }, { $count: 'n' }]
  const plain = emu.db.collection('households').aggregate(pipeline, { plainCounts: true })
  emu.db.resetStats()
  const fast = emu.db.collection('households').aggregate(pipeline)
  expect(emu.db.stats()).toEqual({ queries: 1, docsScanned: 0, indexedQueries: 1 })
  expect(fast).toEqual(plain)
  expect(emu.db.collection('households').count(match)).toBe(plain[0]?.n ?? 0)
})

test('a list count with anything else in the query is left to mingo (and still right)', () => {
  for (const match of [{ lineage: 'g1', door: { $regex: '^1' } }, { lineage: 'g1', due: { $lt: new Date(Date.UTC(2026, 2, 1)) }, door: '1单元1' }, { lineage: { $all: ['g1'] } }]) {
    const pipeline = [{ $match: match }, { $count: 'n' }]
    emu.db.resetStats()
    const fast = emu.db.collection('households').aggregate(pipeline)
    expect(emu.db.stats().docsScanned).toBeGreaterThan(0)
    expect(fast).toEqual(emu.db.collection('households').aggregate(pipeline, { plainCounts: true }))
  }
})

test.each(TALLIES)('%s: the same answer as mingo over the selected documents', (_name, pipeline) => {
  for (const coll of ['wishes', 'covered', 'odd']) {
    const fast = emu.db.collection(coll).aggregate(pipeline)
    const plain = emu.db.collection(coll).aggregate(pipeline, { plainCounts: true })
    expect([coll, fast]).toEqual([coll, plain])
  }
})

test('$count and $group of nothing answer no document (MongoDB), on both paths and in a summary $lookup', () => {
  const none = { communityId: 'nowhere', onWall: true }
  for (const coll of ['wishes', 'covered', 'odd']) {
    for (const plainCounts of [false, true]) {
      const run = (pipeline: Record<string, unknown>[]) => emu.db.collection(coll).aggregate(pipeline, { plainCounts })
      expect([coll, plainCounts, run([{ $match: none }, { $count: 'total' }])]).toEqual([coll, plainCounts, []])
      expect([coll, plainCounts, run([{ $match: none }, { $group: { _id: null, n: { $sum: 1 } } }])]).toEqual([coll, plainCounts, []])
      const joined = emu.db.collection('nodes').aggregate([{ $match: { _id: 'c1' } }, { $lookup: { from: coll, pipeline: [{ $match: none }, { $count: 'total' }], as: 'tally' } }], { plainCounts })
      expect([coll, plainCounts, joined]).toEqual([coll, plainCounts, [{ _id: 'c1', name: '社区1', tally: [] }]])
    }
  }
})

test('the wall tally hands no document to the matcher; the plain path hands it every match', () => {
  const pipeline = TALLIES[0][1]
  const matches = emu.db.collection('wishes').count({ communityId: 'c1', onWall: true })
  expect(matches).toBeGreaterThan(300)
  emu.db.resetStats()
  const fast = emu.db.collection('wishes').aggregate(pipeline)
  expect(emu.db.stats()).toEqual({ queries: 1, docsScanned: 0, indexedQueries: 1 })
  expect(fast.reduce((s, g) => s + g.n, 0)).toBe(matches)
  expect(fast.map((g) => g._id)).toEqual(['published', 'lit', 'done'])
  emu.db.resetStats()
  emu.db.collection('wishes').aggregate(pipeline, { plainCounts: true })
  expect(emu.db.stats().docsScanned).toBe(matches)
  emu.db.resetStats()
  expect(emu.db.collection('covered').aggregate(pipeline)).toEqual(fast)
  expect(emu.db.stats()).toEqual({ queries: 1, docsScanned: 0, indexedQueries: 1 })
  // Where an indexed field is sometimes an array, the index cannot answer exactly: mingo counts.
  emu.db.resetStats()
  emu.db.collection('odd').aggregate(pipeline)
  expect(emu.db.stats().docsScanned).toBeGreaterThan(0)
})

test('a summary $lookup (the wall counts beside the community) through the SDK equals the plain path', async () => {
  const _ = db.command
  for (const [, tally] of TALLIES.slice(0, 9)) {
    const lookup = { from: 'wishes', pipeline: tally, as: 'tally' }
    // The path before counting from an index: the lookup's documents selected through the store, then mingo.
    const plain = emu.db.collection('nodes').aggregate([{ $match: { _id: { $in: ['c1', 'c6', 'c4'] } } }, { $lookup: lookup }, { $sort: { _id: 1 } }, { $limit: 5 }], { plainCounts: true })
    let inner = db.command.aggregate.pipeline()
    for (const st of tally) inner = inner[Object.keys(st)[0].slice(1)](Object.values(st)[0])
    const res = await db.collection('nodes').aggregate().match({ _id: _.in(['c1', 'c6', 'c4']) }).lookup({ from: 'wishes', pipeline: inner.done(), as: 'tally' }).sort({ _id: 1 }).limit(5).end()
    expect([tally, res.list]).toEqual([tally, plain])
  }
})

test('count() of equalities on an index is the length of its runs, and equals a full scan', () => {
  const queries: Array<Record<string, unknown>> = [
    { communityId: 'c1' },
    { communityId: 'c1', onWall: true },
    { communityId: { $in: ['c1', 'c2', 'c2', 'nowhere'] }, onWall: { $in: [true, false] } },
    { communityId: 'c6', onWall: 'true' },
    { communityId: 'c6', onWall: 1 },
    { communityId: 'c3', state: 'lit' },
    { communityId: 'c3', onWall: null },
    { communityId: 'c3', onWall: true, publishedAt: { $gte: new Date(Date.UTC(2026, 0, 3)) } },
  ]
  for (const coll of ['wishes', 'covered', 'odd']) {
    const stored = emu.db.collection(coll).find()
    for (const q of queries) {
      const want = mingoFind(stored, q).all().length
      expect([coll, q, emu.db.collection(coll).count(q)]).toEqual([coll, q, want])
    }
  }
  emu.db.resetStats()
  emu.db.collection('wishes').count({ communityId: 'c1', onWall: true })
  expect(emu.db.stats().docsScanned).toBe(0)
})

test('counts follow writes', async () => {
  const pipeline = [{ $match: { communityId: 'c9', onWall: true } }, { $group: { _id: '$state', n: { $sum: 1 } } }]
  const wishes = db.collection('wishes')
  await wishes.add({ data: [{ _id: 'x1', communityId: 'c9', onWall: true, state: 'lit' }, { _id: 'x2', communityId: 'c9', onWall: true, state: 'lit' }, { _id: 'x3', communityId: 'c9', onWall: false, state: 'lit' }] })
  expect(emu.db.collection('wishes').aggregate(pipeline)).toEqual([{ _id: 'lit', n: 2 }])
  await wishes.doc('x2').update({ data: { state: 'done' } })
  await wishes.doc('x3').update({ data: { onWall: true } })
  await wishes.doc('x1').remove()
  expect(emu.db.collection('wishes').aggregate(pipeline)).toEqual(emu.db.collection('wishes').aggregate(pipeline, { plainCounts: true }))
  expect(emu.db.collection('wishes').aggregate(pipeline).map((g) => [g._id, g.n]).sort()).toEqual([['done', 1], ['lit', 1]])
})
