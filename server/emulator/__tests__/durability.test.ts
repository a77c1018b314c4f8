// The journal: restart, torn tails, compaction, and acknowledged writes surviving kill -9.
import { spawn } from 'child_process'
import fs from 'fs'
import path from 'path'
import zlib from 'zlib'
import { startEmulator, type DatabaseSchema } from '../index'
import { post, quiet, tmpDir } from './helpers'

const schema: DatabaseSchema = {
  collections: {
    things: { indexes: [{ name: 'k_1', keys: { k: 1 } }] },
    crash: { indexes: [{ name: 'seq', keys: { seq: 1 } }] },
  },
}
const journalOf = (dir: string) => path.join(dir, 'journal.wal')

test('data survives close and restart: inserts, updates, deletes, commits, created collections', async () => {
  const dir = tmpDir()
  const a = await startEmulator({ dataDir: dir, schema, log: quiet })
  const things = a.db.collection('things')
  await things.insertMany([
    { _id: 'x', k: 1, at: new Date('2024-06-01T00:00:00Z'), re: /ab+c/i, nested: { list: [1, 'two', null] } },
    { _id: 'y', k: 2 },
    { _id: 'z', k: 3 },
  ])
  await post(a.adminUrl(), { action: 'database.modifyDocument', collectionName: 'things', query: '{"_id":"y"}', data: '{"$inc":{"k":{"$numberInt":"10"}}}', merge: true })
  await post(a.adminUrl(), { action: 'database.removeDocument', collectionName: 'things', query: '{"_id":"z"}' })
  const { body: start } = await post(a.adminUrl(), { action: 'database.startTransaction' })
  await post(a.adminUrl(), { action: 'database.insertDocument', collectionName: 'things', data: ['{"_id":"t","k":7}'], transactionId: start.transactionId })
  await post(a.adminUrl(), { action: 'database.commitTransaction', transactionId: start.transactionId })
  await a.db.createCollection('made')
  await a.db.collection('made').insertOne({ _id: 'm' })
  const before = things.find({}, { sort: { _id: 1 } })
  await a.close()

  const b = await startEmulator({ dataDir: dir, schema, log: quiet })
  try {
    expect(b.db.collection('things').find({}, { sort: { _id: 1 } })).toEqual(before)
    expect(b.db.collection('things').findOne({ _id: 'x' })!.re).toEqual(/ab+c/i)
    expect(b.db.collection('things').findOne({ _id: 'y' })!.k).toBe(12)
    expect(b.db.collectionNames()).toContain('made')
    expect(b.db.collection('made').find()).toEqual([{ _id: 'm' }])
    // Indexes are rebuilt from the replayed data.
    expect(b.db.collection('things').explain({ k: 12 })).toMatchObject({ index: 'k_1', docsScanned: 1, returned: 1 })
  } finally {
    await b.close()
  }
})

test('a torn record at the end is truncated away and the earlier records load', async () => {
  const dir = tmpDir()
  const logs: string[] = []
  const a = await startEmulator({ dataDir: dir, schema, log: quiet })
  await a.db.collection('things').insertMany([{ _id: 'a' }, { _id: 'b' }])
  await a.close()
  const intact = fs.statSync(journalOf(dir)).size
  // A header announcing 1000 bytes, followed by only a few: a write cut short by a crash.
  const torn = Buffer.alloc(8 + 20, 0x61)
  torn.writeUInt32LE(1000, 0)
  fs.appendFileSync(journalOf(dir), torn)

  const b = await startEmulator({ dataDir: dir, schema, log: (m) => logs.push(m) })
  expect(b.db.collection('things').find({}, { sort: { _id: 1 } })).toEqual([{ _id: 'a' }, { _id: 'b' }])
  expect(fs.statSync(journalOf(dir)).size).toBe(intact)
  expect(logs.join('\n')).toMatch(/torn or corrupt record at byte \d+/)
  await b.db.collection('things').insertOne({ _id: 'c' })
  await b.close()

  const c = await startEmulator({ dataDir: dir, schema, log: quiet })
  expect(c.db.collection('things').count()).toBe(3)
  await c.close()
})

test('a complete record with a bad checksum at the end is dropped too', async () => {
  const dir = tmpDir()
  const a = await startEmulator({ dataDir: dir, schema, log: quiet })
  await a.db.collection('things').insertOne({ _id: 'kept' })
  await a.close()
  const body = Buffer.from(JSON.stringify({ s: 99, o: [{ c: 'things', p: { _id: 'bogus' } }] }))
  const header = Buffer.alloc(8)
  header.writeUInt32LE(body.length, 0)
  header.writeUInt32LE((zlib.crc32(body) + 1) >>> 0, 4)
  fs.appendFileSync(journalOf(dir), Buffer.concat([header, body]))

  const b = await startEmulator({ dataDir: dir, schema, log: quiet })
  expect(b.db.collection('things').find()).toEqual([{ _id: 'kept' }])
  await b.close()
})

test('compaction on start rewrites a journal much larger than the live data', async () => {
  const dir = tmpDir()
  const a = await startEmulator({ dataDir: dir, schema, log: quiet })
  await a.db.createCollection('extra')
  await a.db.collection('things').insertMany([{ _id: 'n', v: 0 }, { _id: 'gone' }])
  for (let i = 1; i <= 150; i++) {
    await post(a.adminUrl(), { action: 'database.modifyDocument', collectionName: 'things', query: '{"_id":"n"}', data: `{"$set":{"v":${i}}}`, merge: true })
  }
  await post(a.adminUrl(), { action: 'database.removeDocument', collectionName: 'things', query: '{"_id":"gone"}' })
  await a.close()
  const bloated = fs.statSync(journalOf(dir)).size

  const logs: string[] = []
  const b = await startEmulator({ dataDir: dir, schema, compactMinBytes: 0, log: (m) => logs.push(m) })
  const compacted = fs.statSync(journalOf(dir)).size
  expect(logs.join('\n')).toMatch(/compacted/)
  expect(compacted).toBeLessThan(bloated / 10)
  expect(fs.existsSync(`${journalOf(dir)}.tmp`)).toBe(false)
  await b.db.collection('things').insertOne({ _id: 'after' })
  await b.close()

  const c = await startEmulator({ dataDir: dir, schema, log: quiet })
  expect(c.db.collection('things').find({}, { sort: { _id: 1 } })).toEqual([{ _id: 'after' }, { _id: 'n', v: 150 }])
  expect(c.db.collectionNames()).toContain('extra')
  await c.close()
}, 30_000)

test('every acknowledged insert survives kill -9 of the server mid-burst', async () => {
  const dir = tmpDir()
  // node --import tsx rather than the tsx CLI: the CLI runs the script in a grandchild, which a
  // SIGKILL of the CLI would not reach.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'crash-writer.ts'), dir], {
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const acked: string[] = []
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
  await new Promise<void>((resolve, reject) => {
    let partial = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop() ?? ''
      acked.push(...lines.filter(Boolean))
      if (acked.length >= 400) {
        child.kill('SIGKILL')
        resolve()
      }
    })
    exited.then(() => reject(new Error(`writer exited early: ${stderr}`)))
  })
  expect(await exited).toBe('SIGKILL')

  const logs: string[] = []
  const emu = await startEmulator({ dataDir: dir, schema, log: (m) => logs.push(m) })
  try {
    const found = emu.db.collection('crash').find({ _id: { $in: acked } })
    expect(found).toHaveLength(acked.length)
    // Whatever reached the disk is a prefix of whole records: every document is complete.
    for (const doc of emu.db.collection('crash').find()) expect(doc).toEqual({ _id: expect.any(String), seq: expect.any(Number), pad: 'x'.repeat(200), at: expect.any(Date) })
  } finally {
    await emu.close()
  }
}, 60_000)
