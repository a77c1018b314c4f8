// Bad admin-API requests get an error answer; the server keeps serving.
import { startEmulator, type Emulator } from '../index'
import { post, quiet, tmpDir } from './helpers'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ dataDir: tmpDir(), schema: { collections: { things: { indexes: [] }, uniq: { indexes: [{ name: 'u_1', unique: true, keys: { u: 1 } }] } } }, log: quiet })
})
afterAll(() => emu.close())

const cases: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
  ['garbage body', () => post(emu.adminUrl(), '{{not json'), 'INVALID_PARAM'],
  ['empty body', () => post(emu.adminUrl(), ''), 'INVALID_PARAM'],
  ['JSON that is not an object', () => post(emu.adminUrl(), '[1,2]'), 'INVALID_PARAM'],
  ['no action', () => post(emu.adminUrl(), { collectionName: 'things' }), 'INVALID_PARAM'],
  ['unknown action', () => post(emu.adminUrl(), { action: 'database.explode' }), 'INVALID_PARAM'],
  ['bad EJSON in query', () => post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'things', query: '{"a":{"$oid":"zz"}}' }), 'INVALID_PARAM'],
  ['invalid regular expression', () => post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'things', query: '{"a":{"$regularExpression":{"pattern":"(","options":""}}}' }), 'INVALID_PARAM'],
  ['query that is not JSON', () => post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'things', query: '{a:' }), 'INVALID_PARAM'],
  ['query that is not an object', () => post(emu.adminUrl(), { action: 'database.calculateDocument', collectionName: 'things', query: '[1]' }), 'INVALID_PARAM'],
  ['missing collection name', () => post(emu.adminUrl(), { action: 'database.getDocument', query: '{}' }), 'INVALID_PARAM'],
  ['collection name of the wrong type', () => post(emu.adminUrl(), { action: 'database.insertDocument', collectionName: 42, data: ['{}'] }), 'INVALID_PARAM'],
  ['unknown query operator', () => post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'things', query: '{"a":{"$bogus":1}}' }), 'DATABASE_REQUEST_FAILED'],
  ['unknown update operator', () => post(emu.adminUrl(), { action: 'database.modifyDocument', collectionName: 'things', query: '{}', data: '{"$bogus":{"a":1}}', multi: true }), 'DATABASE_REQUEST_FAILED'],
  ['insert without data', () => post(emu.adminUrl(), { action: 'database.insertDocument', collectionName: 'things' }), 'INVALID_PARAM'],
  ['negative limit', () => post(emu.adminUrl(), { action: 'database.getDocument', collectionName: 'things', limit: -1 }), 'INVALID_PARAM'],
  ['stages that are not an array', () => post(emu.adminUrl(), { action: 'database.aggregateDocuments', collectionName: 'things', stages: 'x' }), 'INVALID_PARAM'],
  ['commit of an unknown transaction', () => post(emu.adminUrl(), { action: 'database.commitTransaction', transactionId: 'nope' }), 'DATABASE_TRANSACTION_FAIL'],
  ['GET instead of POST', () => post(emu.adminUrl(), '', 'GET'), 'INVALID_PARAM'],
  ['a path that is not the admin API', () => post(`${emu.url}/elsewhere`, {}), 'INVALID_PATH'],
]

test.each(cases)('%s gets an error answer, then a valid call still works', async (_name, send, code) => {
  const bad = await send()
  expect(bad.body).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) })
  const good = await post(emu.adminUrl(), { action: 'database.insertDocument', collectionName: 'things', data: ['{"ok":true}'] })
  expect(good.body.data.insertedIds).toHaveLength(1)
})

test('a failing multi-document write changes nothing', async () => {
  await post(emu.adminUrl(), { action: 'database.insertDocument', collectionName: 'uniq', data: ['{"_id":"e1","u":1}', '{"_id":"e2","u":2}'] })
  // The first document would take u=3 fine; the second then collides: the whole update is undone.
  const res = await post(emu.adminUrl(), { action: 'database.modifyDocument', collectionName: 'uniq', query: '{}', data: '{"$set":{"u":3}}', multi: true, merge: true })
  expect(res.body.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(emu.db.collection('uniq').find({}, { sort: { _id: 1 } })).toEqual([
    { _id: 'e1', u: 1 },
    { _id: 'e2', u: 2 },
  ])
  expect(emu.db.collection('uniq').count({ u: 3 })).toBe(0)
})
