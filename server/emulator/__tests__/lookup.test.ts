// `$lookup` through the store: the foreign documents are chosen up front (by index when there is
// one) instead of copying the whole foreign collection for every join. The answers must be exactly
// those of the plain path (mingo joining against the whole collection), and an indexed join must
// not scan the foreign collection.
import { startEmulator, type Emulator } from '../index'
import { quiet, sdkFor, tmpDir } from './helpers'

const PEOPLE = 3_000
let emu: Emulator
let db: any
let _: any
let $: any

beforeAll(async () => {
  emu = await startEmulator({
    dataDir: tmpDir(),
    log: quiet,
    schema: {
      collections: {
        people: { indexes: [{ name: 'openid_unique', unique: true, keys: { openid: 1 } }] },
        regs: {
          indexes: [
            { name: 'community_state_time', keys: { communityId: 1, state: 1, createdAt: 1 } },
            { name: 'tags', keys: { tags: 1 } },
          ],
        },
        places: { indexes: [] },
      },
    },
  })
  ;({ db } = sdkFor(emu, 'lookup'))
  _ = db.command
  $ = db.command.aggregate
  const states = ['pending', 'registered', 'withdrawn']
  await emu.db.collection('regs').insertMany(
    Array.from({ length: PEOPLE }, (_v, i) => ({
      _id: `r${i}`,
      communityId: `c${i % 3}`,
      state: states[i % 7 === 0 ? 0 : i % 2 ? 1 : 2],
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      tags: i % 5 === 0 ? ['a', 'b'] : ['b'],
      n: i,
      ...(i % 11 === 0 ? {} : { owner: `p${i % 50}` }),
    })),
  )
  await emu.db.collection('people').insertMany(
    Array.from({ length: 60 }, (_v, i) => ({
      _id: `p${i}`,
      openid: `o${i}`,
      // Some point at nothing, some have no pointer, some hold several (an array joins on each).
      ...(i % 10 === 9 ? {} : { live: i % 4 === 3 ? [`r${i}`, `r${i + 1}`] : `r${i * 7}` }),
      tag: i % 3 === 0 ? 'a' : i % 3 === 1 ? 'zz' : null,
      community: `c${i % 4}`,
    })),
  )
  await emu.db.collection('places').insertMany([
    { _id: 'c0', name: 'zero' },
    { _id: 'c1', name: 'one' },
    { _id: 'c2', name: 'two' },
  ])
}, 60_000)
afterAll(() => emu.close())

const since = new Date(Date.UTC(2026, 0, 1) + 1000 * 60_000)

// [name, collection, pipeline]; each must give the same answer on both paths.
const pipelines: Array<[string, string, object[]]> = [
  ['equality on _id', 'people', [{ $match: { openid: 'o3' } }, { $limit: 1 }, { $lookup: { from: 'regs', localField: 'live', foreignField: '_id', as: 'reg' } }]],
  ['equality, local array joins each element', 'people', [{ $match: { openid: 'o7' } }, { $lookup: { from: 'regs', localField: 'live', foreignField: '_id', as: 'reg' } }]],
  ['equality, missing local field is null', 'people', [{ $match: { openid: 'o9' } }, { $lookup: { from: 'regs', localField: 'live', foreignField: 'owner', as: 'reg' } }, { $project: { n: { $size: '$reg' } } }]],
  ['equality on an unindexed foreign field, many local docs', 'people', [{ $sort: { _id: 1 } }, { $limit: 60 }, { $lookup: { from: 'regs', localField: '_id', foreignField: 'owner', as: 'owned' } }, { $project: { k: { $size: '$owned' } } }]],
  ['equality on an array foreign field (tags), null local', 'people', [{ $sort: { _id: 1 } }, { $limit: 12 }, { $lookup: { from: 'regs', localField: 'tag', foreignField: 'tags', as: 't' } }, { $project: { k: { $size: '$t' } } }]],
  ['equality from a collection that does not exist', 'people', [{ $limit: 2 }, { $lookup: { from: 'nowhere', localField: 'live', foreignField: '_id', as: 'x' } }]],
  ['equality after $unwind and $group', 'regs', [{ $match: { communityId: 'c1', state: 'pending' } }, { $sort: { n: 1 } }, { $limit: 40 }, { $group: { _id: '$owner', k: { $sum: 1 } } }, { $lookup: { from: 'people', localField: '_id', foreignField: '_id', as: 'p' } }, { $sort: { _id: 1 } }, { $limit: 100 }]],
  [
    'pipeline form, constant $match on an index, sort, cursor, limit, project',
    'people',
    [
      { $match: { openid: 'o1' } },
      { $limit: 1 },
      {
        $lookup: {
          from: 'regs',
          pipeline: [{ $match: { communityId: 'c2', state: 'pending', createdAt: { $gt: since } } }, { $sort: { createdAt: 1 } }, { $limit: 20 }, { $project: { _id: 1, n: 1 } }],
          as: 'page',
        },
      },
      { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c2', state: 'pending' } }, { $count: 'n' }], as: 'total' } },
      { $lookup: { from: 'places', pipeline: [{ $match: { _id: 'c2' } }], as: 'scope' } },
    ],
  ],
  [
    'pipeline form, a page in index order: $sort on the index after the equalities, $skip, $limit, $project',
    'people',
    [{ $match: { openid: 'o2' } }, { $limit: 1 }, { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c1', state: 'registered' } }, { $sort: { createdAt: -1 } }, { $skip: 30 }, { $limit: 10 }, { $project: { _id: 1, n: 1 } }], as: 'page' } }],
  ],
  [
    'pipeline form, a page over an array field sorted outside the index, several local docs',
    'people',
    [{ $match: { openid: { $in: ['o1', 'o2'] } } }, { $lookup: { from: 'regs', pipeline: [{ $match: { tags: 'a' } }, { $sort: { n: -1 } }, { $skip: 5 }, { $limit: 10 }], as: 'page' } }, { $sort: { _id: 1 } }],
  ],
  ['pipeline form, constant $match with $in and $or', 'people', [{ $limit: 3 }, { $lookup: { from: 'regs', pipeline: [{ $match: { $or: [{ n: { $in: [1, 2, 3] } }, { tags: 'a', n: { $lt: 20 } }] } }, { $project: { n: 1 } }], as: 'x' } }]],
  ['pipeline form, constant $match matching nothing', 'people', [{ $limit: 2 }, { $lookup: { from: 'places', pipeline: [{ $match: { _id: 'c9' } }], as: 'scope' } }]],
  ['pipeline form with let and $expr (old path)', 'people', [{ $match: { openid: { $in: ['o1', 'o2'] } } }, { $lookup: { from: 'places', let: { c: '$community' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$c'] } } }], as: 'place' } }, { $sort: { _id: 1 } }]],
  ['pipeline form, $match then $expr stage later (preselected)', 'people', [{ $match: { openid: 'o2' } }, { $lookup: { from: 'regs', let: { c: '$community' }, pipeline: [{ $match: { state: 'pending', n: { $lt: 100 } } }, { $match: { $expr: { $eq: ['$communityId', '$$c'] } } }, { $project: { n: 1 } }], as: 'mine' } }]],
  ['equality with a pipeline (old path)', 'people', [{ $match: { openid: 'o1' } }, { $lookup: { from: 'regs', localField: 'live', foreignField: '_id', pipeline: [{ $project: { n: 1 } }], as: 'x' } }, { $project: { k: { $size: '$x' } } }]],
  ['two lookups, the second joining on the first', 'people', [{ $match: { openid: { $in: ['o5', 'o6'] } } }, { $lookup: { from: 'regs', localField: 'live', foreignField: '_id', as: 'reg' } }, { $unwind: '$reg' }, { $lookup: { from: 'places', localField: 'reg.communityId', foreignField: '_id', as: 'place' } }, { $sort: { _id: 1 } }]],
  ['summary: $group by state with $sum, several local docs (computed once)', 'people', [{ $match: { openid: { $in: ['o1', 'o2', 'o3'] } } }, { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c1' } }, { $group: { _id: '$state', k: { $sum: 1 }, total: { $sum: '$n' }, mean: { $avg: '$n' } } }, { $sort: { _id: 1 } }], as: 'tally' } }, { $sort: { _id: 1 } }]],
  ['summary: filter stages then $count', 'people', [{ $limit: 2 }, { $lookup: { from: 'regs', pipeline: [{ $match: { state: 'pending' } }, { $match: { n: { $lt: 50 } } }, { $sort: { n: -1 } }, { $skip: 2 }, { $limit: 10 }, { $count: 'n' }], as: 'c' } }]],
  ['summary: $group with $push is not a summary (old join)', 'people', [{ $limit: 1 }, { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c0' } }, { $group: { _id: '$state', ids: { $push: '$_id' } } }, { $sort: { _id: 1 } }], as: 'g' } }]],
  ['summary over nothing: empty list', 'people', [{ $limit: 1 }, { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c404' } }, { $group: { _id: '$state', k: { $sum: 1 } } }], as: 'tally' } }]],
  ['no $limit: 20 documents, joined', 'people', [{ $lookup: { from: 'places', localField: 'community', foreignField: '_id', as: 'place' } }]],
]

describe('the indexed path answers exactly what the plain path answers', () => {
  test.each(pipelines)('%s', (_name, collection, pipeline) => {
    const coll = emu.db.collection(collection)
    const plain = coll.aggregate(pipeline as any, { plainLookups: true })
    const indexed = coll.aggregate(pipeline as any)
    expect(indexed).toEqual(plain)
    // Not vacuous: the cases join something somewhere.
    expect(plain.length).toBeGreaterThan(0)
  })

  test('most cases of the table join something (the comparison is not between empty arrays)', () => {
    const joinedSomething = (docs: any[]) => docs.some((d) => Object.values(d).some((v) => Array.isArray(v) && v.some((x) => x && typeof x === 'object')))
    const joined = pipelines.filter(([, collection, pipeline]) => joinedSomething(emu.db.collection(collection).aggregate(pipeline as any)))
    expect(joined.map(([name]) => name)).toHaveLength(14)
  })
})

test('a page of a constant $lookup sorted by the index stops at the page: no more documents read than skip + limit', () => {
  const pipeline = [{ $match: { openid: 'o2' } }, { $limit: 1 }, { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c1', state: 'registered' } }, { $sort: { createdAt: 1 } }, { $skip: 40 }, { $limit: 10 }], as: 'page' } }]
  emu.db.resetStats()
  const [doc] = emu.db.collection('people').aggregate(pipeline as any)
  // The caller's document (1), then 50 index entries walked for the page.
  expect(emu.db.stats().docsScanned).toBeLessThanOrEqual(1 + 50)
  expect(doc.page).toHaveLength(10)
  expect(doc.page.map((r: { n: number }) => r.n)).toEqual(emu.db.collection('regs').find({ communityId: 'c1', state: 'registered' }, { sort: { createdAt: 1 }, skip: 40, limit: 10 }).map((r: any) => r.n))
})

test('stages that write into joined documents change copies, never the stored documents', () => {
  const before = emu.db.collection('regs').find({ communityId: 'c0', state: 'pending' }, { sort: { n: 1 }, limit: 5 })
  const people = emu.db.collection('people')
  for (const plainLookups of [false, true]) {
    const out = people.aggregate(
      [
        { $match: { openid: { $in: ['o0', 'o1'] } } },
        { $lookup: { from: 'regs', pipeline: [{ $match: { communityId: 'c0', state: 'pending' } }, { $sort: { n: 1 } }, { $limit: 5 }, { $addFields: { n: -1, tags: 'x' } }, { $set: { 'extra.deep': 1 } }], as: 'page' } },
        { $lookup: { from: 'regs', localField: 'live', foreignField: '_id', as: 'reg' } },
        { $unwind: '$page' },
        { $addFields: { 'page.state': 'changed', 'reg.n': -2 } },
      ],
      { plainLookups },
    )
    expect(out).toHaveLength(10)
    expect(out[0].page).toMatchObject({ n: -1, tags: 'x', state: 'changed', extra: { deep: 1 } })
  }
  expect(emu.db.collection('regs').find({ communityId: 'c0', state: 'pending' }, { sort: { n: 1 }, limit: 5 })).toEqual(before)
  expect(emu.db.collection('regs').find({ _id: { $in: ['r0', 'r7'] } })).toEqual(expect.arrayContaining([expect.objectContaining({ n: 0 }), expect.objectContaining({ n: 7 })]))
})

describe('scans', () => {
  test('an equality lookup on _id reads the one joined document, not the foreign collection', () => {
    emu.db.resetStats()
    const [person] = emu.db.collection('people').aggregate([{ $match: { openid: 'o2' } }, { $limit: 1 }, { $lookup: { from: 'regs', localField: 'live', foreignField: '_id', as: 'reg' } }])
    expect(person.reg.map((r: any) => r._id)).toEqual(['r14'])
    expect(emu.db.stats()).toEqual({ queries: 2, docsScanned: 2, indexedQueries: 2 })
  })

  test('a pipeline lookup whose $match uses an index scans only that match', () => {
    const where = { communityId: 'c2', state: 'pending' }
    const pending = emu.db.collection('regs').count(where)
    emu.db.resetStats()
    const [person] = emu.db.collection('people').aggregate([
      { $match: { openid: 'o1' } },
      { $limit: 1 },
      { $lookup: { from: 'regs', pipeline: [{ $match: where }, { $sort: { createdAt: 1 } }, { $limit: 20 }], as: 'page' } },
      { $lookup: { from: 'regs', pipeline: [{ $match: where }, { $count: 'n' }], as: 'total' } },
    ])
    expect(person.page).toHaveLength(20)
    expect(person.total).toEqual([{ n: pending }])
    // The page walks the index (community, state, createdAt) in order and stops after 20; the $count is counted from the index run alone.
    expect(emu.db.stats()).toEqual({ queries: 3, docsScanned: 1 + 20, indexedQueries: 3 })
    expect(pending).toBeLessThan(PEOPLE / 5)
  })

  test('an equality lookup on an unindexed field scans the foreign collection once, not once per document', () => {
    emu.db.resetStats()
    emu.db.collection('people').aggregate([{ $limit: 30 }, { $lookup: { from: 'regs', localField: '_id', foreignField: 'owner', as: 'owned' } }])
    expect(emu.db.stats()).toMatchObject({ queries: 1, docsScanned: PEOPLE })
  })

  test('a $lookup that depends on the local document keeps the plain path (nothing selected through the store)', () => {
    emu.db.resetStats()
    emu.db.collection('people').aggregate([{ $match: { openid: 'o1' } }, { $lookup: { from: 'places', let: { c: '$community' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$c'] } } }], as: 'p' } }])
    expect(emu.db.stats()).toEqual({ queries: 1, docsScanned: 1, indexedQueries: 1 })
  })
})

describe('through wx-server-sdk', () => {
  test('lookup with a pipeline built by $.pipeline(), dates and commands inside, one round trip', async () => {
    emu.resetRoundTrips('lookup')
    const where = { communityId: 'c0', state: 'pending' }
    const res = await db
      .collection('people')
      .aggregate()
      .match({ openid: 'o4' })
      .limit(1)
      .lookup({ from: 'regs', localField: 'live', foreignField: '_id', as: 'reg' })
      .lookup({
        from: 'regs',
        pipeline: $.pipeline().match({ ...where, createdAt: _.gt(since) }).sort({ createdAt: 1 }).limit(5).project({ _id: 1, createdAt: 1 }).done(),
        as: 'page',
      })
      .lookup({ from: 'regs', pipeline: $.pipeline().match({ ...where, n: _.in([0, 21, 22]) }).count('n').done(), as: 'few' })
      .end()
    expect(emu.roundTrips('lookup')).toBe(1)
    const [person] = res.list
    expect(person.reg.map((r: any) => r._id)).toEqual(['r28'])
    const expected = emu.db
      .collection('regs')
      .find({ ...where, createdAt: { $gt: since } }, { sort: { createdAt: 1 }, limit: 5 })
      .map((d) => ({ _id: d._id, createdAt: d.createdAt }))
    expect(expected).toHaveLength(5)
    expect(person.page).toEqual(expected)
    expect(person.few).toEqual([{ n: 2 }])
  })
})
