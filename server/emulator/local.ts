// In-process access for seeding, assertions and benchmarks. It runs the same engine as the
// admin API (same locks, same journal), minus the wire format and the page limits; writes
// resolve once durable. Results are copies: changing them does not change the store.
import { cloneDoc, type Doc } from './codec'
import type { Engine } from './engine'
import type { Explain, FindOptions, QueryStats } from './types'

export interface LocalCollection {
  readonly name: string
  insertOne(doc: Doc): Promise<unknown>
  /** Returns the `_id`s, generated where a document has none. */
  insertMany(docs: Doc[]): Promise<unknown[]>
  find(query?: Doc, opts?: FindOptions): Doc[]
  findOne(query?: Doc): Doc | null
  count(query?: Doc): number
  /** Plan and counters of running `find(query, opts)`: which index, how many documents matched against. */
  explain(query?: Doc, opts?: FindOptions): Explain
  /**
   * Runs a pipeline as `aggregate().end()` would (decoded stages, same 20-document default).
   * `plainLookups` joins every `$lookup` against the whole foreign collection, as before indexed
   * lookups: tests compare the two. `plainCounts` runs a tally (`$match` then `$count` or a `$group`
   * of counts) through mingo instead of counting from an index.
   */
  aggregate(pipeline: Doc[], opts?: { plainLookups?: boolean; plainCounts?: boolean }): Doc[]
  clear(): Promise<void>
}

export interface LocalDatabase {
  collection(name: string): LocalCollection
  collectionNames(): string[]
  createCollection(name: string): Promise<void>
  /** Cumulative query counters since start or the last resetStats(). */
  stats(): QueryStats
  resetStats(): void
  /** Direct writes now waiting for a transaction that holds one of their documents to end. */
  waitingWrites(): number
}

export function localDatabase(engine: Engine): LocalDatabase {
  const { store } = engine
  const durable = () => store.whenDurable()

  const collection = (name: string): LocalCollection => {
    store.collection(name) // an undeclared collection fails here, as it would over the API
    return {
      name,
      async insertOne(doc) {
        const [id] = await engine.insert(name, [cloneDoc(doc)])
        await durable()
        return id
      },
      async insertMany(docs) {
        const ids = await engine.insert(name, docs.map(cloneDoc))
        await durable()
        return ids
      },
      find: (query = {}, opts = {}) => engine.find(name, query, opts).map(cloneDoc),
      findOne: (query = {}) => {
        const [doc] = engine.find(name, query, { limit: 1 })
        return doc ? cloneDoc(doc) : null
      },
      count: (query = {}) => engine.count(name, query),
      explain(query = {}, opts = {}) {
        engine.find(name, query, opts)
        return { ...store.lastExplain }
      },
      aggregate: (pipeline, opts = {}) => engine.aggregate(name, pipeline, opts).map(cloneDoc),
      async clear() {
        engine.clear(name)
        await durable()
      },
    }
  }

  return {
    collection,
    collectionNames: () => store.collectionNames(),
    async createCollection(name) {
      engine.createCollection(name)
      await durable()
    },
    stats: () => ({ ...store.stats }),
    waitingWrites: () => engine.waitingWrites,
    resetStats() {
      store.stats.queries = 0
      store.stats.docsScanned = 0
      store.stats.indexedQueries = 0
    },
  }
}
