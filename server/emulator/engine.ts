// Database operations with CloudBase semantics, on decoded values. Matching, update operators,
// projection and aggregation are mingo's; this layer decides which documents change, runs the
// transactional or the direct path, and makes a direct write wait for a transaction holding a
// lock on one of its documents (MongoDB blocks such a write until the transaction ends).
import { isEqual, resolve as resolvePath, setValue } from 'mingo/util'
import { cloneDoc, type Doc, idKey, isPlainObject, newId } from './codec'
import { invalidParam, requestFailed } from './errors'
import { aggregate, applyOperators, project } from './matching'
import { checkUpdate } from './operators'
import { type Change, type Collection, type Store } from './store'
import type { Txn, TxnManager } from './transactions'
import type { FindOptions } from './types'

// Aggregations without a $limit stage return 20 documents in production (wx-server-sdk,
// cloud function side). Not in the reference pages, but reported and reproduced in the WeChat
// developer community, e.g. developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13
export const AGGREGATE_DEFAULT_LIMIT = 20

export interface UpdateSpec {
  /** Update operators, applied with mingo (merge: true, i.e. `update()`). */
  ops?: Doc
  /** Whole new document (merge: false, i.e. `set()`). */
  replacement?: Doc
}

export class Engine {
  /** Direct writes waiting for a transaction that holds one of their documents to end. */
  waitingWrites = 0

  constructor(
    readonly store: Store,
    readonly txns: TxnManager,
  ) {}

  find(name: string, query: Doc, opts: FindOptions & { txn?: Txn } = {}): Doc[] {
    const coll = this.store.collection(name)
    const docs = this.select(coll, query, opts.txn, { sort: opts.sort, skip: opts.skip, limit: opts.limit })
    if (!opts.projection || Object.keys(opts.projection).length === 0) return docs
    return project(docs, opts.projection)
  }

  count(name: string, query: Doc, txn?: Txn): number {
    const coll = this.store.collection(name)
    return txn ? this.select(coll, query, txn).length : this.store.count(coll, query)
  }

  async insert(name: string, docs: Doc[], txn?: Txn): Promise<unknown[]> {
    const coll = this.store.collection(name)
    const prepared = docs.map((d) => {
      if (!isPlainObject(d)) throw invalidParam('each document must be an object')
      const { _id, ...rest } = d
      if (Array.isArray(_id)) throw invalidParam("can't use an array for _id")
      return { _id: _id === undefined ? newId() : _id, ...rest }
    })
    if (txn) {
      for (const doc of prepared) this.txns.write(txn, coll, idKey(doc._id), doc._id, doc, true)
      return prepared.map((d) => d._id)
    }
    const changes: Change[] = prepared.map((doc) => ({ key: idKey(doc._id), id: doc._id, after: doc, insert: true }))
    await this.direct(coll, () => changes)
    return prepared.map((d) => d._id)
  }

  async update(
    name: string,
    query: Doc,
    spec: UpdateSpec,
    opts: { multi?: boolean; upsert?: boolean; txn?: Txn } = {},
  ): Promise<{ updated: number; upsertedId?: unknown; doc?: Doc }> {
    const coll = this.store.collection(name)
    const limit = opts.multi ? Infinity : 1
    if (opts.txn) {
      const txn = opts.txn
      const matched = this.select(coll, query, txn, { limit })
      // Every new version first: a refused update (applyUpdate throws) writes nothing.
      const afters = matched.map((doc) => applyUpdate(doc, spec))
      let updated = 0
      let last: Doc | undefined
      matched.forEach((doc, i) => {
        const { after, changed } = afters[i]
        last = after
        if (!changed) return
        this.txns.write(txn, coll, idKey(doc._id), doc._id, after)
        updated++
      })
      if (matched.length === 0 && opts.upsert) {
        const doc = upsertDoc(query, spec)
        this.txns.write(txn, coll, idKey(doc._id), doc._id, doc, true)
        return { updated: 0, upsertedId: doc._id, doc }
      }
      return { updated, doc: last }
    }
    let result: { updated: number; upsertedId?: unknown; doc?: Doc } = { updated: 0 }
    await this.direct(coll, () => {
      const matched = this.store.select(coll, query, { limit })
      const changes: Change[] = []
      result = { updated: 0 }
      for (const doc of matched) {
        const { after, changed } = applyUpdate(doc, spec)
        result.doc = after
        if (changed) changes.push({ key: idKey(doc._id), id: doc._id, after })
      }
      result.updated = changes.length
      if (matched.length === 0 && opts.upsert) {
        const doc = upsertDoc(query, spec)
        changes.push({ key: idKey(doc._id), id: doc._id, after: doc, insert: true })
        result = { updated: 0, upsertedId: doc._id, doc }
      }
      return changes
    })
    return result
  }

  async remove(name: string, query: Doc, opts: { multi?: boolean; txn?: Txn } = {}): Promise<number> {
    const coll = this.store.collection(name)
    const limit = opts.multi ? Infinity : 1
    if (opts.txn) {
      const matched = this.select(coll, query, opts.txn, { limit })
      for (const doc of matched) this.txns.write(opts.txn, coll, idKey(doc._id), doc._id, null)
      return matched.length
    }
    let deleted = 0
    await this.direct(coll, () => {
      const changes = this.store.select(coll, query, { limit }).map((doc) => ({ key: idKey(doc._id), id: doc._id, after: null }))
      deleted = changes.length
      return changes
    })
    return deleted
  }

  /**
   * `plainLookups`: join every `$lookup` against a copy of the whole collection; `plainCounts`: no
   * counting from an index (`countStages`). Tests compare the paths.
   */
  aggregate(name: string, pipeline: Doc[], opts: { plainLookups?: boolean; plainCounts?: boolean } = {}): Doc[] {
    const coll = this.store.collection(name)
    if (!Array.isArray(pipeline) || !pipeline.every((s) => isPlainObject(s) && Object.keys(s).length === 1)) {
      throw invalidParam('each pipeline stage must be an object with one operator')
    }
    let input: Doc[]
    let rest = pipeline
    const first = pipeline[0]?.$match
    const counted = isPlainObject(first) && pipeline.length > 1 && !opts.plainCounts ? this.countStages(coll, first, pipeline[1]) : null
    if (counted) {
      input = counted
      rest = pipeline.slice(2)
    } else if (isPlainObject(first)) {
      input = this.store.select(coll, first)
      rest = pipeline.slice(1)
    } else input = Array.from(coll.docs.values(), (r) => r.doc)
    if (!pipeline.some((s) => '$limit' in s)) rest = [...rest, { $limit: AGGREGATE_DEFAULT_LIMIT }]
    if (opts.plainLookups) return aggregate(input, rest, this.wholeCollection)
    // The pipeline runs in segments cut at each `$lookup` whose foreign documents can be chosen
    // up front through the store (and so an index): mingo then joins against those few copies
    // instead of a copy of the whole foreign collection. Results are the same either way; the
    // choice is only ever a superset of what mingo's own join keeps.
    let docs = input
    let start = 0
    for (let i = 0; i < rest.length; i++) {
      const lookup = rest[i].$lookup
      if (!isPlainObject(lookup) || !preselectable(lookup)) continue
      if (i > start) docs = aggregate(docs, rest.slice(start, i), this.wholeCollection)
      const counted = opts.plainCounts ? null : this.summaryFromIndex(lookup)
      if (counted) {
        docs = docs.map((d) => ({ ...d, [lookup.as]: counted.map(cloneDoc) }))
        start = i + 1
        continue
      }
      const page = constantPage(lookup)
      if (page && this.store.exists(lookup.from)) {
        // A page of a constant `$lookup` (`$match`, `$sort`, `$skip`, `$limit`, then anything
        // constant): the store walks an index in the sort's order when one follows it and stops at
        // the page, instead of handing every match to mingo to sort. The same for every local document.
        const picked = this.store.select(this.store.collection(lookup.from), page.match, { sort: page.sort, skip: page.skip, limit: page.limit })
        const out = page.rest.length ? aggregate(picked, page.rest, this.wholeCollection) : picked
        docs = docs.map((d) => ({ ...d, [lookup.as]: out.map(cloneDoc) }))
        start = i + 1
        continue
      }
      const foreign = this.lookupCandidates(lookup, docs)
      if (foreign && constantSummary(lookup)) {
        // The joined list is the same for every local document (nothing local is read) and made of
        // fresh values (counts, sums): computed once, over the stored documents without copying them.
        const summary = aggregate(foreign, lookup.pipeline, this.wholeCollection, { readOnly: true })
        docs = docs.map((d) => ({ ...d, [lookup.as]: summary.map(cloneDoc) }))
        start = i + 1
        continue
      }
      // The equality form hands mingo's join the foreign documents themselves, so they are copied
      // here; a pipeline copies its input before its first stage (CLONE_INPUT), so not twice.
      const copy = Array.isArray(lookup.pipeline) && lookup.pipeline.length > 0 ? (d: Doc[]) => d : (d: Doc[]) => d.map(cloneDoc)
      docs = aggregate(docs, [rest[i]], foreign ? () => copy(foreign) : this.wholeCollection)
      start = i + 1
    }
    return start < rest.length || start === 0 ? aggregate(docs, rest.slice(start), this.wholeCollection) : docs
  }

  /** A summary `$lookup` of exactly `[$match, $group | $count]` counted from an index (`countStages`), or null. */
  private summaryFromIndex(lookup: Doc): Doc[] | null {
    const stages = lookup.pipeline
    if (!constantSummary(lookup) || stages.length !== 2 || !this.store.exists(lookup.from)) return null
    return this.countStages(this.store.collection(lookup.from), stages[0].$match, stages[1])
  }

  /**
   * `$match` then `$count`, or a `$group` whose accumulators are all `{ $sum: <number> }` or
   * `{ $count: {} }` (a tally; integers, so n × each is exactly mingo's sum), answered from the index that matches exactly (`store.countBy`):
   * no document is copied or handed to mingo. The same documents as mingo would produce, in the
   * same order; null when the stages or the query do not allow it.
   */
  private countStages(coll: Collection, match: Doc, stage: Doc): Doc[] | null {
    if (typeof stage.$count === 'string') {
      const name = stage.$count
      if (name === '' || name.startsWith('$') || name.includes('.')) return null
      const counts = this.store.countBy(coll, match, null)
      // No document for no input, as MongoDB's $count (and the plain path's, `matching.ts`).
      return counts && counts.map(([, n]) => ({ [name]: n }))
    }
    const group = stage.$group
    if (!isPlainObject(group) || !('_id' in group)) return null
    const id = group._id
    let path: string | null = null
    if (typeof id === 'string' && id.startsWith('$')) {
      if (id.startsWith('$$') || id.length === 1) return null
      path = id.slice(1)
    } else if (!(id === null || typeof id === 'number' || typeof id === 'string' || typeof id === 'boolean')) return null
    const accumulators: Array<[string, number]> = []
    for (const [k, acc] of Object.entries(group)) {
      if (k === '_id') continue
      if (!isPlainObject(acc) || Object.keys(acc).length !== 1) return null
      if (Number.isInteger(acc.$sum)) accumulators.push([k, acc.$sum])
      else if (isPlainObject(acc.$count) && Object.keys(acc.$count).length === 0) accumulators.push([k, 1])
      else return null
    }
    const counts = this.store.countBy(coll, match, path)
    if (!counts) return null
    return counts.map(([key, n]) => {
      const out: Doc = { _id: path === null ? id : key }
      for (const [k, each] of accumulators) out[k] = n * each
      return out
    })
  }

  /** Today's join input: a copy of every document of the foreign collection. */
  private readonly wholeCollection = (from: string): Doc[] =>
    this.store.exists(from) ? Array.from(this.store.collections.get(from)!.docs.values(), (r) => cloneDoc(r.doc)) : []

  /**
   * The foreign documents a preselectable `$lookup` can join for `docs` (stored objects: the caller
   * copies them), or null when choosing them would not pay (then the whole collection is used).
   */
  private lookupCandidates(lookup: Doc, docs: Doc[]): Doc[] | null {
    if (!this.store.exists(lookup.from) || docs.length === 0) return []
    const coll = this.store.collection(lookup.from)
    if (Array.isArray(lookup.pipeline) && lookup.pipeline.length > 0) return this.store.select(coll, lookup.pipeline[0].$match)
    const field: string = lookup.foreignField
    const values = localValues(docs, lookup.localField)
    if (values === null) return null
    if (values.length <= LOOKUP_CHUNK) return this.store.select(coll, { [field]: { $in: values } })
    // An index answers each value alone; without one, many values would mean a scan testing each
    // document against all of them, slower than mingo's own hash join over the whole collection.
    if (field !== '_id' && !coll.indexes.some((idx) => idx.def.fields[0] === field)) return null
    const picked = new Set<Doc>()
    for (let i = 0; i < values.length; i += LOOKUP_CHUNK) {
      for (const doc of this.store.select(coll, { [field]: { $in: values.slice(i, i + LOOKUP_CHUNK) } })) picked.add(doc)
    }
    return [...picked]
  }

  clear(name: string): void {
    this.store.clear(this.store.collection(name))
  }

  createCollection(name: unknown): void {
    this.store.createCollection(name)
  }

  // Reads through a transaction pin what they return, so later writes are checked against it.
  private select(coll: Collection, query: Doc, txn: Txn | undefined, opts: { sort?: Record<string, number>; skip?: number; limit?: number } = {}): Doc[] {
    if (!txn) return this.store.select(coll, query, opts)
    const docs = this.store.select(coll, query, { ...opts, view: this.txns.view(txn) })
    for (const doc of docs) this.txns.touch(txn, coll, idKey(doc._id))
    return docs
  }

  // Computes the changes and commits them, unless a transaction holds one of the documents:
  // then waits for it to end and computes again from the new state.
  private async direct(coll: Collection, compute: () => Change[]): Promise<void> {
    for (;;) {
      const changes = compute()
      let holder: Txn | undefined
      for (const ch of changes) if ((holder = this.txns.holder(coll, ch.key))) break
      if (!holder) return this.store.commit([{ coll, changes }])
      this.waitingWrites++
      try {
        await holder.finished
      } finally {
        this.waitingWrites--
      }
    }
  }
}

// Values per `$in` when preselecting a lookup; the planner uses an index for up to 1000 values.
const LOOKUP_CHUNK = 1000

/**
 * Whether a `$lookup`'s foreign documents can be chosen before the join: the equality form
 * (localField/foreignField, no pipeline), or the pipeline form whose first stage is a `$match`
 * that depends on nothing of the local document (no `$expr`, no `$$` variable). The equality
 * form combined with a pipeline keeps the old path: mingo runs that pipeline over the whole
 * joined input, not over the matched documents, and the two must agree.
 */
export function preselectable(lookup: Doc): boolean {
  if (typeof lookup.from !== 'string' || typeof lookup.as !== 'string') return false
  const hasPipeline = Array.isArray(lookup.pipeline) && lookup.pipeline.length > 0
  if (typeof lookup.localField === 'string' && typeof lookup.foreignField === 'string') return !hasPipeline && lookup.let === undefined
  if (!hasPipeline || lookup.localField !== undefined || lookup.foreignField !== undefined) return false
  const first = lookup.pipeline[0]
  return isPlainObject(first) && Object.keys(first).length === 1 && isPlainObject(first.$match) && constantQuery(first.$match)
}

// Stages that neither write into their input documents nor pass them on.
const FILTER_STAGES = new Set(['$match', '$sort', '$skip', '$limit'])
const FRESH_ACCUMULATORS = new Set(['$sum', '$avg', '$count'])

/**
 * A pipeline-form `$lookup` (preselectable, no `let`, no `$$` anywhere) that only filters and then
 * ends in `$count`, or in a `$group` whose accumulators yield numbers: its answer does not depend on
 * the local document and holds no joined document, so it can run once, without copies.
 */
export function constantSummary(lookup: Doc): boolean {
  if (!preselectable(lookup) || !Array.isArray(lookup.pipeline) || lookup.let !== undefined) return false
  if (String(lookup.as).includes('.') || !constantQuery(lookup.pipeline)) return false
  const stages = lookup.pipeline as Doc[]
  const last = stages[stages.length - 1]
  if (!stages.slice(0, -1).every((st) => FILTER_STAGES.has(Object.keys(st)[0]))) return false
  if (typeof last.$count === 'string') return true
  const group = last.$group
  if (!isPlainObject(group)) return false
  return Object.entries(group).every(([k, acc]) => {
    if (k === '_id') return acc === null || typeof acc === 'string' || typeof acc === 'number'
    if (!isPlainObject(acc) || Object.keys(acc).length !== 1) return false
    const [op, arg] = Object.entries(acc)[0]
    return FRESH_ACCUMULATORS.has(op) && (typeof arg === 'number' || typeof arg === 'string' || (op === '$count' && isPlainObject(arg)))
  })
}

/**
 * A pipeline-form `$lookup` that reads nothing of the local document (preselectable, no `let`, no
 * `$$` anywhere) and starts `$match`, [`$sort`], [`$skip`], `$limit`: the page it selects, and the
 * stages after it (which see only the page), or null.
 */
export function constantPage(lookup: Doc): { match: Doc; sort?: Record<string, number>; skip: number; limit: number; rest: Doc[] } | null {
  if (!preselectable(lookup) || !Array.isArray(lookup.pipeline) || lookup.let !== undefined) return null
  if (String(lookup.as).includes('.') || !constantQuery(lookup.pipeline)) return null
  const stages = lookup.pipeline as Doc[]
  let i = 1
  let sort: Record<string, number> | undefined
  let skip = 0
  const sortStage = stages[i]?.$sort
  if (isPlainObject(sortStage)) {
    const spec = Object.entries(sortStage)
    if (spec.length === 0 || !spec.every(([, dir]) => dir === 1 || dir === -1)) return null
    sort = sortStage as Record<string, number>
    i++
  }
  if (stages[i] && '$skip' in stages[i]) {
    if (!Number.isInteger(stages[i].$skip) || stages[i].$skip < 0) return null
    skip = stages[i].$skip
    i++
  }
  const limit = stages[i]?.$limit
  if (!Number.isInteger(limit) || limit <= 0) return null
  return { match: stages[0].$match, sort, skip, limit, rest: stages.slice(i + 1) }
}

/** True when a query reads nothing but the documents it tests: no `$expr`, no `$$` variable. */
function constantQuery(v: unknown): boolean {
  if (typeof v === 'string') return !v.startsWith('$$')
  if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof RegExp) return true
  if (Array.isArray(v)) return v.every(constantQuery)
  return Object.entries(v).every(([k, x]) => k !== '$expr' && k !== '$where' && k !== '$function' && constantQuery(x))
}

/**
 * The values `localField` takes in `docs` as mingo's join reads them (missing is null, an array
 * joins on each element), or null when one of them cannot be used in an `$in` as an equality.
 */
function localValues(docs: Doc[], localField: string): unknown[] | null {
  const values: unknown[] = []
  for (const doc of docs) {
    const v = resolvePath(doc, localField) ?? null
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x instanceof RegExp || (isPlainObject(x) && Object.keys(x).some((k) => k.startsWith('$')))) return null
      values.push(x)
    }
  }
  return values
}

/** Splits update data the way CloudBase reads it: operators for update(), a document for set(). */
export function updateSpec(data: unknown, merge: boolean): UpdateSpec {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw invalidParam('update data must be a non-empty object')
  const keys = Object.keys(data)
  const opKeys = keys.filter((k) => k.startsWith('$'))
  if (!merge) {
    if (opKeys.length) throw requestFailed('update operator complicit')
    const { _id, ...replacement } = data
    return { replacement }
  }
  if (opKeys.length === keys.length) return { ops: data }
  // Plain fields beside operators mean $set, as the SDK itself encodes them.
  const ops: Doc = {}
  for (const k of opKeys) ops[k] = data[k]
  ops.$set = { ...(ops.$set ?? {}) }
  for (const k of keys) if (!k.startsWith('$')) ops.$set[k] = data[k]
  return { ops }
}

function applyUpdate(doc: Doc, spec: UpdateSpec): { after: Doc; changed: boolean } {
  if (spec.replacement) {
    const after = { _id: doc._id, ...cloneDoc(spec.replacement) }
    return { after, changed: !isEqual(after, doc) }
  }
  checkUpdate(doc, spec.ops!)
  const after = cloneDoc(doc)
  const fields = applyOperators(after, spec.ops!)
  if (!isEqual(after._id, doc._id)) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'")
  return { after, changed: fields.length > 0 }
}

// An upsert starts from the query's equality conditions (MongoDB's rule), then applies the update.
function upsertDoc(query: Doc, spec: UpdateSpec): Doc {
  const base: Doc = {}
  const visit = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) v.filter(isPlainObject).forEach(visit)
      else if (k.startsWith('$') || v instanceof RegExp) continue
      else if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setValue(base, k, cloneDoc(v.$eq))
      } else setValue(base, k, cloneDoc(v))
    }
  }
  visit(query)
  let doc: Doc
  if (spec.replacement) doc = { ...cloneDoc(spec.replacement), ...(base._id !== undefined ? { _id: base._id } : {}) }
  else {
    doc = base
    checkUpdate(doc, spec.ops!)
    applyOperators(doc, spec.ops!)
  }
  const { _id, ...rest } = doc
  return { _id: _id === undefined ? newId() : _id, ...rest }
}
