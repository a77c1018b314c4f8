// The `database.*` actions of the CloudBase admin API, shaped exactly as @cloudbase/database
// (node_modules/@cloudbase/database/src: query.ts, document.ts, collection.ts, aggregate.ts,
// transaction/index.ts) sends and reads them.
import { decode, type Doc, encodeDoc, isPlainObject } from './codec'
import { type Engine, updateSpec } from './engine'
import { invalidParam } from './errors'
import type { Txn } from './transactions'

export type ActionHandler = (params: any, ctx: { tag?: string }) => Promise<any>

// Collection.get, server side: "如果没有指定 limit，则默认且最多取 100 条记录" (without a limit,
// at most 100 records) and Collection.limit: "在云函数端默认及最大上限为 1000" (at most 1000).
// developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.get.html
// developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.limit.html
export const DEFAULT_PAGE = 100
export const MAX_PAGE = 1000

export function databaseActions(engine: Engine): Record<string, ActionHandler> {
  const txnOf = (p: any): Txn | undefined => (p.transactionId ? engine.txns.get(p.transactionId) : undefined)

  return {
    'database.getDocument': async (p) => {
      const now = new Date()
      const docs = engine.find(p.collectionName, queryOf(p, now), {
        sort: p.order !== undefined ? sortOf(decode(p.order, 'order', now)) : undefined,
        projection: p.projection !== undefined ? objectOf(decode(p.projection, 'projection', now), 'projection') : undefined,
        skip: intOf(p.offset, 'offset', 0),
        limit: Math.min(intOf(p.limit, 'limit', 0) || DEFAULT_PAGE, MAX_PAGE),
        txn: txnOf(p),
      })
      return { data: { list: docs.map(encodeDoc) } }
    },

    'database.calculateDocument': async (p) => {
      const total = engine.count(p.collectionName, queryOf(p, new Date()), txnOf(p))
      return { data: { total } }
    },

    'database.insertDocument': async (p) => {
      const now = new Date()
      if (p.data === undefined) throw invalidParam('data is required')
      const items: unknown[] = Array.isArray(p.data) ? p.data : [p.data]
      const docs = items.map((d) => objectOf(decode(d, 'data', now), 'data'))
      const insertedIds = await engine.insert(p.collectionName, docs, txnOf(p))
      return { data: { insertedIds } }
    },

    'database.modifyDocument': async (p) => {
      const now = new Date()
      const merge = p.merge !== false
      const r = await engine.update(p.collectionName, queryOf(p, now), updateSpec(decode(p.data, 'data', now), merge), {
        multi: p.multi === true,
        upsert: p.upsert === true,
        txn: txnOf(p),
      })
      return { data: { updated: r.updated, upsert_id: r.upsertedId } }
    },

    // Query.updateAndReturn (@cloudbase/node-sdk; wx-server-sdk does not expose it): updates
    // the first match and returns the document after the update.
    'database.modifyAndReturnDoc': async (p) => {
      const now = new Date()
      const r = await engine.update(p.collectionName, queryOf(p, now), updateSpec(decode(p.data, 'data', now), true), {
        multi: false,
        txn: txnOf(p),
      })
      return { data: { updated: r.updated, doc: r.doc ? encodeDoc(r.doc) : null } }
    },

    'database.removeDocument': async (p) => {
      const deleted = await engine.remove(p.collectionName, queryOf(p, new Date()), { multi: p.multi === true, txn: txnOf(p) })
      return { data: { deleted } }
    },

    'database.aggregateDocuments': async (p) => {
      const now = new Date()
      if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array')
      const pipeline = p.stages.map((s: any) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam('invalid aggregation stage')
        return { [s.stageKey]: decode(s.stageValue, s.stageKey, now) }
      })
      return { data: { list: engine.aggregate(p.collectionName, pipeline).map(encodeDoc) } }
    },

    'database.startTransaction': async () => ({ transactionId: engine.txns.start().id }),

    'database.commitTransaction': async (p) => {
      engine.txns.commit(engine.txns.get(p.transactionId))
      return {}
    },

    'database.abortTransaction': async (p) => {
      // Rolling back a transaction that already aborted (conflict, timeout) is a no-op: the SDK's
      // runTransaction does exactly that after a failed attempt.
      if (!engine.txns.wasAborted(p.transactionId)) engine.txns.abort(engine.txns.get(p.transactionId))
      return {}
    },

    'database.addCollection': async (p) => {
      engine.createCollection(p.collectionName)
      return {}
    },
  }
}

function queryOf(p: any, now: Date): Doc {
  if (p.query === undefined || p.query === null || p.query === '') return {}
  return objectOf(decode(p.query, 'query', now), 'query')
}

function objectOf(v: unknown, what: string): Doc {
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`)
  return v
}

function intOf(v: unknown, what: string, fallback: number): number {
  if (v === undefined || v === null) return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`${what} must be a non-negative integer`)
  return n
}

// `orderBy` sends {field: 1 | -1} in call order; older callers send [{field, direction}].
function sortOf(order: unknown): Record<string, 1 | -1> | undefined {
  const spec: Record<string, 1 | -1> = {}
  if (Array.isArray(order)) {
    for (const o of order) {
      if (!isPlainObject(o) || typeof o.field !== 'string') throw invalidParam('invalid order')
      spec[o.field] = o.direction === 'desc' || o.direction === -1 ? -1 : 1
    }
  } else if (isPlainObject(order)) {
    for (const [field, dir] of Object.entries(order)) {
      if (dir !== 1 && dir !== -1 && dir !== 'asc' && dir !== 'desc') throw invalidParam(`invalid order direction for ${field}`)
      spec[field] = dir === -1 || dir === 'desc' ? -1 : 1
    }
  } else throw invalidParam('order must be an object')
  return Object.keys(spec).length ? spec : undefined
}
