// Two real clients against the emulator: wx-server-sdk (what the cloud functions use) and
// @cloudbase/node-sdk (CloudBase's own server SDK, which wx-server-sdk wraps). Every case runs
// through each client's own encoding (EJSON, command serialisation) and HTTP, as a deployed cloud
// function's calls would; the clients differ only in call and answer shapes (`Client` below).
import { startEmulator, type Emulator } from '../index'
import { WATCH_UNSUPPORTED } from '../realtime'
import { controlledTimers, failure, nodeSdkFor, post, quiet, sdkFor, tmpDir, until, watchInChild } from './helpers'

const schema = {
  collections: {
    items: { indexes: [{ name: 'cat_qty', keys: { cat: 1 as const, qty: -1 as const } }] },
    orders: { indexes: [] },
    writes: { indexes: [] },
    users: { indexes: [{ name: 'openid_unique', unique: true, keys: { openid: 1 as const } }] },
    bulk: { indexes: [] },
    accounts: { indexes: [] },
  },
}

const ITEMS = [
  { _id: 'i1', name: 'apple', qty: 5, price: 1.5, tags: ['fruit', 'red'], dims: { w: 1, h: 2 }, cat: 'fruit', sold: true, at: new Date('2024-01-01T00:00:00Z'), scores: [{ s: 1 }, { s: 5 }] },
  { _id: 'i2', name: 'banana', qty: 12, price: 0.5, tags: ['fruit', 'yellow'], dims: { w: 3, h: 1 }, cat: 'fruit', sold: false, at: new Date('2024-02-01T00:00:00Z'), scores: [{ s: 2 }] },
  { _id: 'i3', name: 'carrot', qty: 0, price: 0.8, tags: ['veg'], dims: { w: 1, h: 5 }, cat: 'veg', sold: true, at: new Date('2024-03-01T00:00:00Z'), scores: [] },
  { _id: 'i4', name: 'date', qty: 7, price: 3, tags: ['fruit', 'brown', 'sweet'], dims: { w: 2, h: 2 }, cat: 'fruit', sold: false, at: new Date('2024-04-01T00:00:00Z') },
  { _id: 'i5', name: 'eggplant', qty: 12, price: 2, tags: ['veg', 'purple'], dims: { w: 4, h: 1 }, cat: 'veg', sold: true, at: new Date('2024-05-01T00:00:00Z'), note: null },
]

type Doc = Record<string, any>

/** What differs between the two SDKs: how a call is written and how its answer is shaped. */
interface Client {
  db: any
  /** The new `_id` (wx-server-sdk: `add({ data })` → `_id`; node-sdk: `add(data)` → `id`). */
  add(coll: any, data: Doc): Promise<unknown>
  addMany(coll: any, docs: Doc[]): Promise<unknown[]>
  /** Documents changed (wx-server-sdk: `stats.updated`; node-sdk: `updated`). */
  update(ref: any, data: Doc): Promise<number>
  set(ref: any, data: Doc): Promise<{ updated: number; created: number }>
  remove(ref: any): Promise<number>
  /** The document a `doc().get()` reads (node-sdk answers a list of one outside a transaction). */
  read(ref: any): Promise<Doc | undefined>
  /** The documents of `aggregate()…end()` (wx-server-sdk: `list`; node-sdk: `data`). */
  list(res: any): Doc[]
  /** The code of a rejected call, and what it is for an undeclared collection. */
  code(e: { errCode?: number; code?: string }): unknown
  collectionMissing: unknown
  /** Starts a `watch()` on a collection; resolves with how it failed and after how long. */
  watch(emu: Emulator, collection: string): Promise<{ ms: number; message: string }>
}

const firstOf = (data: any) => (Array.isArray(data) ? data[0] : data)

const CLIENTS: Array<[string, (emu: Emulator) => Client]> = [
  [
    'wx-server-sdk',
    (emu) => ({
      db: sdkFor(emu, 'conformance').db,
      add: async (coll, data) => (await coll.add({ data }))._id,
      addMany: async (coll, docs) => (await coll.add({ data: docs }))._ids,
      update: async (ref, data) => (await ref.update({ data })).stats.updated,
      set: async (ref, data) => (await ref.set({ data })).stats,
      remove: async (ref) => (await ref.remove()).stats.removed,
      read: async (ref) => firstOf((await ref.get()).data),
      list: (res) => res.list,
      code: (e) => e.errCode,
      collectionMissing: -502005,
      // WeChat's server SDK has no watch() (only the mini-program client does): it fails at the call.
      async watch() {
        const started = Date.now()
        try {
          sdkFor(emu, 'conformance').db.collection('items').where({}).watch({ onChange: () => undefined, onError: () => undefined })
        } catch (e) {
          return { ms: Date.now() - started, message: String((e as Error).message) }
        }
        throw new Error('watch() did not fail')
      },
    }),
  ],
  [
    '@cloudbase/node-sdk',
    (emu) => ({
      db: nodeSdkFor(emu, 'conformance').db,
      add: async (coll, data) => (await coll.add(data)).id,
      addMany: async (coll, docs) => (await coll.add(docs)).ids,
      update: async (ref, data) => (await ref.update(data)).updated,
      set: async (ref, data) => {
        const r = await ref.set(data)
        return { updated: r.updated, created: r.upsertedId === undefined || r.upsertedId === null ? 0 : 1 }
      },
      remove: async (ref) => (await ref.remove()).deleted,
      read: async (ref) => firstOf((await ref.get()).data),
      list: (res) => res.data,
      code: (e) => e.code,
      collectionMissing: 'DATABASE_COLLECTION_NOT_EXIST',
      async watch(emu, collection) {
        const got = await watchInChild(emu, 'watch', collection)
        if (got.event !== 'error') throw new Error(`watch() did not fail: ${JSON.stringify(got)}`)
        return { ms: got.ms, message: got.message ?? '' }
      },
    }),
  ],
]

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ dataDir: tmpDir(), schema, log: quiet })
  await emu.db.collection('items').insertMany(ITEMS)
  await emu.db.collection('orders').insertMany([
    { _id: 'o1', item: 'i1', n: 2 },
    { _id: 'o2', item: 'i1', n: 1 },
    { _id: 'o3', item: 'i4', n: 7 },
  ])
})
afterAll(() => emu.close())

const ids = (docs: Doc[]) => docs.map((d) => d._id)
const sortedIds = (docs: Doc[]) => ids(docs).map(String).sort()

describe.each(CLIENTS.map(([name, make], i) => [name, make, i] as const))('%s', (_clientName, make, clientIndex) => {
  let c: Client
  let db: any
  let _: any
  let $: any

  beforeAll(async () => {
    c = make(emu)
    db = c.db
    _ = db.command
    $ = db.command.aggregate
    // Each client starts from the same written state.
    for (const name of ['writes', 'users', 'bulk', 'accounts']) await emu.db.collection(name).clear()
  })

  const items = () => db.collection('items')

  // [name, query through the SDK, expected _ids (sorted unless the case orders them)]
  const reads: Array<[string, () => Promise<any>, string[], boolean?]> = [
    ['literal equality', () => items().where({ cat: 'veg' }).get(), ['i3', 'i5']],
    ['$eq', () => items().where({ qty: _.eq(12) }).get(), ['i2', 'i5']],
    ['$ne (neq)', () => items().where({ cat: _.neq('fruit') }).get(), ['i3', 'i5']],
    ['$gt', () => items().where({ qty: _.gt(7) }).get(), ['i2', 'i5']],
    ['$gte', () => items().where({ qty: _.gte(7) }).get(), ['i2', 'i4', 'i5']],
    ['$lt', () => items().where({ price: _.lt(1) }).get(), ['i2', 'i3']],
    ['$lte', () => items().where({ price: _.lte(1.5) }).get(), ['i1', 'i2', 'i3']],
    ['$in', () => items().where({ name: _.in(['apple', 'date', 'kiwi']) }).get(), ['i1', 'i4']],
    ['$nin', () => items().where({ cat: _.nin(['fruit']) }).get(), ['i3', 'i5']],
    ['$and (command)', () => items().where(_.and([{ qty: _.gt(1) }, { price: _.lt(2) }])).get(), ['i1', 'i2']],
    ['$and (field chain)', () => items().where({ qty: _.gt(1).and(_.lt(10)) }).get(), ['i1', 'i4']],
    ['$or', () => items().where(_.or([{ cat: 'veg' }, { qty: 12 }])).get(), ['i2', 'i3', 'i5']],
    ['$nor', () => items().where(_.nor([{ cat: 'veg' }, { qty: 12 }])).get(), ['i1', 'i4']],
    ['$not', () => items().where({ qty: _.not(_.gt(5)) }).get(), ['i1', 'i3']],
    ['$all', () => items().where({ tags: _.all(['fruit', 'red']) }).get(), ['i1']],
    ['$elemMatch', () => items().where({ scores: _.elemMatch({ s: _.gt(4) }) }).get(), ['i1']],
    ['$size', () => items().where({ tags: _.size(1) }).get(), ['i3']],
    ['$exists', () => items().where({ note: _.exists(true) }).get(), ['i5']],
    ['array contains', () => items().where({ tags: 'purple' }).get(), ['i5']],
    ['dotted path', () => items().where({ 'dims.w': 1 }).get(), ['i1', 'i3']],
    ['nested object (flattened by the SDK)', () => items().where({ dims: { h: _.gte(2) } }).get(), ['i1', 'i3', 'i4']],
    ['JS RegExp', () => items().where({ name: /^b/ }).get(), ['i2']],
    ['db.RegExp with options', () => items().where({ name: db.RegExp({ regexp: 'AN', options: 'i' }) }).get(), ['i2', 'i5']],
    ['Date range', () => items().where({ at: _.gte(new Date('2024-03-01T00:00:00Z')) }).get(), ['i3', 'i4', 'i5']],
    ['boolean', () => items().where({ sold: true }).get(), ['i1', 'i3', 'i5']],
    ['null matches missing', () => items().where({ note: null }).get(), ['i1', 'i2', 'i3', 'i4', 'i5']],
    ['indexed equality + range', () => items().where({ cat: 'fruit', qty: _.gt(5) }).get(), ['i2', 'i4']],
    ['orderBy on two fields', () => items().orderBy('qty', 'desc').orderBy('name', 'asc').get(), ['i2', 'i5', 'i4', 'i1', 'i3'], true],
    ['orderBy following an index', () => items().where({ cat: 'fruit' }).orderBy('qty', 'desc').get(), ['i2', 'i4', 'i1'], true],
    ['orderBy against an index', () => items().where({ cat: 'fruit' }).orderBy('qty', 'asc').get(), ['i1', 'i4', 'i2'], true],
    ['skip + limit', () => items().orderBy('name', 'asc').skip(1).limit(2).get(), ['i2', 'i3'], true],
  ]

  describe('reads', () => {
    // Every row gets all four cells: jest takes a missing trailing argument for a `done` callback.
    test.each(reads.map(([name, run, expected, ordered]) => [name, run, expected, !!ordered] as const))('%s', async (_name, run, expected, ordered) => {
      const res = await run()
      expect(ordered ? ids(res.data) : sortedIds(res.data)).toEqual(expected)
    })

    test('values come back typed (Date, nested, arrays)', async () => {
      const data = await c.read(items().doc('i1'))
      expect(data).toEqual(ITEMS[0])
      expect(data!.at).toBeInstanceOf(Date)
    })

    test('field projection', async () => {
      expect(await c.read(items().doc('i1').field({ name: true }))).toEqual({ _id: 'i1', name: 'apple' })
      expect((await items().where({ _id: 'i2' }).field({ 'dims.w': true, _id: false }).get()).data).toEqual([{ dims: { w: 3 } }])
    })

    test('count', async () => {
      expect((await items().where({ cat: 'fruit' }).count()).total).toBe(3)
      expect((await items().count()).total).toBe(5)
    })
  })

  describe('aggregate', () => {
    const agg = () => items().aggregate()
    const cases: Array<[string, () => Promise<any>, unknown[]]> = [
      ['$match $group $sort', () => agg().match({ qty: _.gt(0) }).group({ _id: '$cat', total: $.sum('$qty') }).sort({ _id: 1 }).end(), [{ _id: 'fruit', total: 24 }, { _id: 'veg', total: 12 }]],
      ['$sort $skip $limit $project', () => agg().sort({ price: -1 }).skip(1).limit(2).project({ _id: 1 }).end(), [{ _id: 'i5' }, { _id: 'i1' }]],
      ['$project', () => agg().match({ _id: 'i1' }).project({ _id: 0, name: 1, w: '$dims.w' }).end(), [{ name: 'apple', w: 1 }]],
      ['$count', () => agg().match({ cat: 'fruit' }).count('n').end(), [{ n: 3 }]],
      ['$unwind', () => agg().match({ _id: 'i1' }).unwind('$tags').project({ tags: 1 }).end(), [{ _id: 'i1', tags: 'fruit' }, { _id: 'i1', tags: 'red' }]],
      [
        '$lookup',
        () => agg().match({ _id: _.in(['i1', 'i4']) }).lookup({ from: 'orders', localField: '_id', foreignField: 'item', as: 'orders' }).project({ n: $.size('$orders') }).sort({ _id: 1 }).end(),
        [{ _id: 'i1', n: 2 }, { _id: 'i4', n: 1 }],
      ],
    ]
    test.each(cases)('%s', async (_name, run, expected) => {
      expect(c.list(await run())).toEqual(expected)
    })

    // MongoDB's $count emits no document at all for no input (mingo's emits { n: 0 }), at the top of
    // a pipeline and inside a $lookup; so does the count taken from an index (`cat` leads cat_qty).
    const nothing: Array<[string, () => Promise<any>, unknown[]]> = [
      ['$count of nothing, counted from an index', () => agg().match({ cat: 'none' }).count('n').end(), []],
      ['$count of nothing, counted by a scan', () => agg().match({ name: 'kiwi' }).count('n').end(), []],
      ['$count after a stage that leaves nothing', () => agg().match({ cat: 'fruit' }).match({ qty: _.gt(100) }).count('n').end(), []],
      [
        '$count of nothing inside a $lookup (scan, and from an index)',
        () =>
          agg()
            .match({ _id: 'i1' })
            .lookup({ from: 'orders', pipeline: $.pipeline().match({ item: 'none' }).count('n').done(), as: 'scanned' })
            .lookup({ from: 'items', pipeline: $.pipeline().match({ cat: 'none' }).count('n').done(), as: 'indexed' })
            .lookup({ from: 'orders', pipeline: $.pipeline().match({ item: 'i1' }).count('n').done(), as: 'some' })
            .project({ scanned: 1, indexed: 1, some: 1 })
            .end(),
        [{ _id: 'i1', scanned: [], indexed: [], some: [{ n: 2 }] }],
      ],
    ]
    test.each(nothing)('%s', async (_name, run, expected) => {
      expect(c.list(await run())).toEqual(expected)
    })

    // Production returns 20 documents from an aggregation without $limit (see AGGREGATE_DEFAULT_LIMIT).
    test('without $limit at most 20 documents come back', async () => {
      await emu.db.collection('bulk').clear()
      await emu.db.collection('bulk').insertMany(Array.from({ length: 25 }, (_v, i) => ({ i })))
      expect(c.list(await db.collection('bulk').aggregate().match({}).end())).toHaveLength(20)
      expect(c.list(await db.collection('bulk').aggregate().match({}).limit(25).end())).toHaveLength(25)
    })
  })

  describe('writes', () => {
    const w = () => db.collection('writes')
    const read = (id: string) => c.read(w().doc(id)) as Promise<Doc>

    test('add generates 32-hex ids, keeps given ones, and adds many', async () => {
      expect(await c.add(w(), { a: 1 })).toMatch(/^[0-9a-f]{32}$/)
      expect(await c.add(w(), { _id: 'mine', a: 2 })).toBe('mine')
      const many = await c.addMany(w(), [{ a: 3 }, { _id: 'mine2', a: 4 }])
      expect(many).toHaveLength(2)
      expect(many[1]).toBe('mine2')
      expect((await w().where({ a: _.in([1, 2, 3, 4]) }).count()).total).toBe(4)
    })

    test('update operators: inc, mul, push, addToSet, pull, remove, set', async () => {
      await c.add(w(), { _id: 'u1', n: 2, arr: [1, 2, 3], set: ['a'], obj: { a: 1, b: 2 }, gone: 1, deep: { x: { y: 1 } } })
      const steps: Array<[object, object]> = [
        [{ n: _.inc(3) }, { n: 5 }],
        [{ n: _.mul(2) }, { n: 10 }],
        [{ arr: _.push(4) }, { arr: [1, 2, 3, 4] }],
        [{ arr: _.push({ each: [0], position: 0 }) }, { arr: [0, 1, 2, 3, 4] }],
        [{ set: _.addToSet('a') }, { set: ['a'] }],
        [{ set: _.addToSet('b') }, { set: ['a', 'b'] }],
        [{ arr: _.pull(2) }, { arr: [0, 1, 3, 4] }],
        [{ arr: _.pull(_.gt(2)) }, { arr: [0, 1] }],
        [{ gone: _.remove() }, { gone: undefined }],
        [{ obj: { a: 9 } }, { obj: { a: 9, b: 2 } }],
        [{ obj: _.set({ c: 3 }) }, { obj: { c: 3 } }],
        [{ 'deep.x.z': 2 }, { deep: { x: { y: 1, z: 2 } } }],
      ]
      for (const [data, expected] of steps) {
        await c.update(w().doc('u1'), data)
        const doc = await read('u1')
        for (const [k, v] of Object.entries(expected)) expect([data, k, doc[k]]).toEqual([data, k, v])
      }
    })

    test('update merges, set replaces, set upserts', async () => {
      await c.add(w(), { _id: 's1', keep: 1, x: 1 })
      await c.update(w().doc('s1'), { x: 2 })
      expect(await read('s1')).toEqual({ _id: 's1', keep: 1, x: 2 })
      expect(await c.set(w().doc('s1'), { y: 3 })).toEqual({ updated: 1, created: 0 })
      expect(await read('s1')).toEqual({ _id: 's1', y: 3 })
      expect(await c.set(w().doc('s2'), { z: 1 })).toEqual({ updated: 0, created: 1 })
      expect(await read('s2')).toEqual({ _id: 's2', z: 1 })
    })

    test('updated counts changed documents only', async () => {
      await c.add(w(), { _id: 'c1', v: 1 })
      expect(await c.update(w().doc('c1'), { v: 1 })).toBe(0)
      expect(await c.update(w().doc('c1'), { v: 2 })).toBe(1)
      expect(await c.update(w().doc('missing'), { v: 2 })).toBe(0)
    })

    test('where().update() changes every match; conditional update changes none when the condition fails', async () => {
      await c.addMany(w(), [{ grp: 'g', state: 'open' }, { grp: 'g', state: 'open' }, { grp: 'g', state: 'done' }])
      expect(await c.update(w().where({ grp: 'g', state: 'open' }), { state: 'taken' })).toBe(2)
      expect(await c.update(w().where({ grp: 'g', state: 'open' }), { state: 'taken' })).toBe(0)
      expect((await w().where({ grp: 'g', state: 'taken' }).count()).total).toBe(2)
    })

    test('remove by doc and by where', async () => {
      await c.addMany(w(), [{ _id: 'r1', rm: true }, { _id: 'r2', rm: true }, { _id: 'r3', rm: true }])
      expect(await c.remove(w().doc('r1'))).toBe(1)
      expect(await c.remove(w().where({ rm: true }))).toBe(2)
      expect((await w().where({ rm: true }).count()).total).toBe(0)
    })

    test('db.serverDate() becomes the server clock, with offset', async () => {
      const before = Date.now()
      const id = (await c.add(w(), { t: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })) as string
      const doc = await read(id)
      expect(doc.t).toBeInstanceOf(Date)
      expect(doc.t.getTime()).toBeGreaterThanOrEqual(before - 5)
      expect(doc.t.getTime()).toBeLessThanOrEqual(Date.now() + 5)
      expect(doc.later.getTime() - doc.t.getTime()).toBe(60_000)
      await c.update(w().doc(id), { t2: db.serverDate() })
      expect((await read(id)).t2).toBeInstanceOf(Date)
    })

    test('modifyAndReturnDoc (not exposed by wx-server-sdk): returns the document after the update', async () => {
      await c.add(w(), { _id: 'm1', n: 1, tag: 'mr' })
      const res = await post(emu.adminUrl('conformance'), {
        action: 'database.modifyAndReturnDoc',
        collectionName: 'writes',
        queryType: 'WHERE',
        query: JSON.stringify({ tag: 'mr' }),
        data: JSON.stringify({ $inc: { n: { $numberInt: '4' } } }),
      })
      expect(res.body.data.updated).toBe(1)
      expect(JSON.parse(res.body.data.doc)).toEqual({ _id: 'm1', n: 5, tag: 'mr' })
      const none = await post(emu.adminUrl(), { action: 'database.modifyAndReturnDoc', collectionName: 'writes', query: '{"tag":"none"}', data: '{"$set":{"a":1}}' })
      expect(none.body.data).toEqual({ updated: 0, doc: null })
    })

    // MongoDB refuses the whole update when an operator does not fit the value it meets, and writes
    // nothing of it (mingo skipped the operator and wrote the rest).
    test('an operator on a field of the wrong type rejects the update; nothing of it is written', async () => {
      const original = { _id: 'bad1', s: 'text', n: 1, nil: null, arr: [1], obj: { a: 1 } }
      await c.add(w(), original)
      const refused: Array<[object, RegExp]> = [
        [{ s: _.inc(1) }, /\[TypeMismatch\] Cannot apply \$inc to a value of non-numeric type\. \{_id: "bad1"\} has the field 's' of non-numeric type string/],
        [{ s: _.inc(1), n: 2 }, /Cannot apply \$inc to a value of non-numeric type/], // the valid part is not written either
        [{ n: _.inc(1), nil: _.inc(1) }, /has the field 'nil' of non-numeric type null/],
        [{ obj: _.mul(2) }, /Cannot apply \$mul to a value of non-numeric type.*of non-numeric type object/],
        [{ s: _.push(1) }, /\[BadValue\] The field 's' must be an array but is of type string in document \{_id: "bad1"\}/],
        [{ n: _.push({ each: [1, 2] }), s: 'changed' }, /The field 'n' must be an array but is of type int/],
        [{ obj: _.addToSet(1) }, /Cannot apply \$addToSet to non-array field\. Field named 'obj' has non-array type object/],
        [{ s: _.pull(1) }, /Cannot apply \$pull to a non-array value/],
        [{ 'obj.a': _.pop() }, /Path 'obj\.a' contains an element of non-array type 'int'/],
        [{ 's.x': 1 }, /\[PathNotViable\] Cannot create field 'x' in element \{s: "text"\}/],
        [{ 'nil.x': _.inc(1) }, /Cannot create field 'x' in element \{nil: null\}/],
        [{ 'arr.x': 1, n: 5 }, /Cannot create field 'x' in element \{arr: \[ 1 \]\}/],
      ]
      for (const [data, why] of refused) {
        const e = await failure(c.update(w().doc('bad1'), data))
        expect([data, e.message]).toEqual([data, expect.stringMatching(why)])
        expect(await read('bad1')).toEqual(original)
      }
      // Operators that only remove find nothing to do through a non-object, as in MongoDB; fitting ones apply.
      expect(await c.update(w().doc('bad1'), { 's.x': _.remove() })).toBe(0)
      expect(await c.update(w().doc('bad1'), { n: _.inc(2), arr: _.push(2), 'obj.b': 1 })).toBe(1)
      expect(await read('bad1')).toEqual({ ...original, n: 3, arr: [1, 2], obj: { a: 1, b: 1 } })
    })

    test('a where().update() over several documents writes none of them when one is refused', async () => {
      await c.addMany(w(), [{ _id: 'm-1', grp: 'multi', v: 1 }, { _id: 'm-2', grp: 'multi', v: 'x' }, { _id: 'm-3', grp: 'multi', v: 3 }])
      const e = await failure(c.update(w().where({ grp: 'multi' }), { v: _.inc(1), seen: true }))
      expect(e.message).toContain("{_id: \"m-2\"} has the field 'v' of non-numeric type string")
      expect((await w().where({ grp: 'multi' }).get()).data.map((d: Doc) => [d._id, d.v, d.seen])).toEqual([
        ['m-1', 1, undefined],
        ['m-2', 'x', undefined],
        ['m-3', 3, undefined],
      ])
    })

    test('an upsert whose update does not fit the query\'s values is refused and creates nothing', async () => {
      const res = await post(emu.adminUrl(), {
        action: 'database.modifyDocument',
        collectionName: 'writes',
        query: JSON.stringify({ up: 'text' }),
        data: JSON.stringify({ $inc: { up: 1 } }),
        upsert: true,
        merge: true,
      })
      expect(res.body).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining("has the field 'up' of non-numeric type string") })
      expect((await w().where({ up: 'text' }).count()).total).toBe(0)
    })

    test('createCollection makes a collection usable; creating it again fails', async () => {
      const fresh = `fresh${clientIndex}`
      expect(c.code(await failure(db.collection(fresh).add({ data: { a: 1 } })))).toBe(c.collectionMissing)
      await db.createCollection(fresh)
      await c.add(db.collection(fresh), { a: 1 })
      expect((await db.collection(fresh).count()).total).toBe(1)
      await expect(db.createCollection(fresh)).rejects.toBeTruthy()
    })
  })

  describe('production limits and errors', () => {
    // Collection.get (server SDK): without limit at most 100 records; Collection.limit: at most 1000.
    // developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.get.html
    // developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.limit.html
    test('default page is 100 and limit is capped at 1000', async () => {
      await emu.db.collection('bulk').clear()
      await emu.db.collection('bulk').insertMany(Array.from({ length: 1050 }, (_v, i) => ({ i })))
      expect((await db.collection('bulk').get()).data).toHaveLength(100)
      expect((await db.collection('bulk').limit(1000).get()).data).toHaveLength(1000)
      // The SDK caps at 1000 itself; a raw caller asking for more is capped by the server.
      const raw = await post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'bulk', queryType: 'WHERE', limit: 5000 })
      expect(raw.body.data.list).toHaveLength(1000)
      const noLimit = await post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'bulk', queryType: 'WHERE' })
      expect(noLimit.body.data.list).toHaveLength(100)
    })

    test('an undeclared collection does not exist', async () => {
      const e = await failure(db.collection('not_declared').where({ a: 1 }).get())
      expect(c.code(e)).toBe(c.collectionMissing)
      expect(e.message).toContain('Db or Table not exist')
      const raw = await post(emu.adminUrl(), { action: 'database.insertDocument', collectionName: 'not_declared', data: ['{}'] })
      expect(raw.body.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    })

    test('a unique index rejects duplicates, also on update', async () => {
      const users = () => db.collection('users')
      await c.add(users(), { _id: 'u1', openid: 'o-1' })
      await c.add(users(), { _id: 'u2', openid: 'o-2' })
      expect((await failure(c.add(users(), { openid: 'o-1' }))).message).toContain('E11000 duplicate key')
      expect((await failure(c.update(users().doc('u2'), { openid: 'o-1' }))).message).toContain('openid_unique')
      expect((await failure(c.add(users(), { _id: 'u1', openid: 'o-3' }))).message).toContain('E11000')
      const raw = await post(emu.adminUrl(), { action: 'database.insertDocument', collectionName: 'users', data: ['{"openid":"o-2"}'] })
      expect(raw.body.code).toBe('DATABASE_DUPLICATE_WRITE')
      // A batch with a duplicate leaves nothing behind.
      await failure(c.addMany(users(), [{ openid: 'o-9' }, { openid: 'o-2' }]))
      expect((await users().where({ openid: 'o-9' }).count()).total).toBe(0)
    })
  })

  describe('transactions', () => {
    const acc = () => db.collection('accounts')
    const balance = async (id: string) => (await c.read(acc().doc(id)))!.balance

    beforeEach(async () => {
      await emu.db.collection('accounts').clear()
      await emu.db.collection('accounts').insertMany([
        { _id: 'a', balance: 100 },
        { _id: 'b', balance: 0 },
      ])
    })

    test('commit applies every write at once; a read outside does not see them before', async () => {
      const t = await db.startTransaction()
      const a = await c.read(t.collection('accounts').doc('a'))
      await c.update(t.collection('accounts').doc('a'), { balance: a!.balance - 30 })
      await c.update(t.collection('accounts').doc('b'), { balance: _.inc(30) })
      await c.add(t.collection('accounts'), { _id: 'log1', amount: 30 })
      expect(await balance('a')).toBe(100)
      expect((await acc().where({ _id: 'log1' }).get()).data).toEqual([])
      expect((await c.read(t.collection('accounts').doc('a')))!.balance).toBe(70) // own writes are visible inside
      await t.commit()
      expect([await balance('a'), await balance('b')]).toEqual([70, 30])
      expect((await c.read(acc().doc('log1')))!.amount).toBe(30)
    })

    test('rollback leaves nothing behind', async () => {
      const t = await db.startTransaction()
      await c.update(t.collection('accounts').doc('a'), { balance: 1 })
      await c.add(t.collection('accounts'), { _id: 'ghost' })
      await t.rollback()
      expect(await balance('a')).toBe(100)
      expect((await acc().where({ _id: 'ghost' }).count()).total).toBe(0)
    })

    test('runTransaction commits what the callback did', async () => {
      const result = await db.runTransaction(async (t: any) => {
        await c.update(t.collection('accounts').doc('a'), { balance: _.inc(-5) })
        return 'ok'
      })
      expect(result).toBe('ok')
      expect(await balance('a')).toBe(95)
    })

    test('two transactions writing one document: the second gets a write conflict', async () => {
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await c.update(t1.collection('accounts').doc('a'), { balance: 1 })
      const e = await failure(c.update(t2.collection('accounts').doc('a'), { balance: 2 }))
      expect(e.message).toContain('WriteConflict')
      await t1.commit()
      expect(await balance('a')).toBe(1)
      // The conflicting transaction was aborted: committing it now fails, and it changed nothing.
      await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    })

    test('a write to a document changed by a commit after the transaction read it conflicts', async () => {
      const t = await db.startTransaction()
      const seen = (await c.read(t.collection('accounts').doc('a')))!.balance
      await c.update(acc().doc('a'), { balance: 50 }) // outside, committed
      expect((await c.read(t.collection('accounts').doc('a')))!.balance).toBe(seen) // repeatable read
      const e = await failure(c.update(t.collection('accounts').doc('a'), { balance: seen - 10 }))
      expect(e.message).toContain('WriteConflict')
      expect(await balance('a')).toBe(50)
    })

    test('an update refused inside a transaction writes nothing for its document; the transaction goes on', async () => {
      const t = await db.startTransaction()
      const e = await failure(c.update(t.collection('accounts').doc('a'), { balance: _.push(1), note: 'x' }))
      expect(e.message).toContain("The field 'balance' must be an array but is of type int")
      await c.update(t.collection('accounts').doc('b'), { balance: _.inc(5) })
      expect(await c.read(t.collection('accounts').doc('a'))).toEqual({ _id: 'a', balance: 100 })
      await t.commit()
      expect([await c.read(acc().doc('a')), await balance('b')]).toEqual([{ _id: 'a', balance: 100 }, 5])
    })

    test('a direct write to a document held by a transaction waits for its end', async () => {
      const t = await db.startTransaction()
      await c.update(t.collection('accounts').doc('a'), { balance: _.inc(1) })
      let done = false
      const outside = c.update(acc().doc('a'), { balance: _.inc(10) }).then(() => (done = true))
      // The emulator's own signal that the write is parked behind the transaction, not a fixed wait.
      await until(() => emu.db.waitingWrites() === 1, 'the direct write to wait for the transaction')
      expect(done).toBe(false)
      await t.commit()
      await outside
      expect(await balance('a')).toBe(111)
    })

    test('a transaction that times out leaves nothing behind', async () => {
      // The timeout runs on a controlled clock: it passes when the test says, not after a real wait.
      const timers = controlledTimers()
      const short = await startEmulator({ dataDir: tmpDir(), schema, transactionTimeoutMs: 1000, timers, log: quiet })
      const { point } = sdkFor(short)
      try {
        await short.db.collection('accounts').insertMany([{ _id: 'a', balance: 100 }])
        const t = await db.startTransaction()
        expect(timers.armed()).toEqual([1000])
        await c.update(t.collection('accounts').doc('a'), { balance: 0 })
        await c.add(t.collection('accounts'), { _id: 'late' })
        timers.fireAll() // 1000 ms later
        await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('timed out') })
        expect(short.db.collection('accounts').find()).toEqual([{ _id: 'a', balance: 100 }])
        // The lock went with it: a direct write goes through at once.
        await c.update(db.collection('accounts').doc('a'), { balance: 7 })
        expect(short.db.collection('accounts').findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 7 })
      } finally {
        point(emu, 'conformance')
        await short.close()
      }
    })
  })

  // watch() is not emulated. It must fail at once with a clear message instead of hanging: the
  // SDK's own retries after a refused ticket or socket take 5–10 s each, about a minute in all.
  test('watch() fails fast and says it is not supported', async () => {
    const { ms, message } = await c.watch(emu, 'items')
    expect(message).toMatch(clientIndex === 0 ? /watch is not a function/ : new RegExp(WATCH_UNSUPPORTED))
    expect(ms).toBeLessThan(3000)
  })

  test('round trips are counted per tag', async () => {
    const before = emu.roundTrips('conformance')
    await items().doc('i1').get()
    await items().count()
    expect(emu.roundTrips('conformance') - before).toBe(2)
    emu.resetRoundTrips('conformance')
    expect(emu.roundTrips('conformance')).toBe(0)
  })
})
