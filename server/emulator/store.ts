// Committed state: collections of immutable document versions plus their indexes, changed only
// through `commit`, which applies a batch atomically (undoing on a unique-key violation) and
// appends exactly one journal record for it.
import { type Entry, IndexStore, sameTuple } from './indexes'
import { type Doc, encodeDoc, encodeValue, idKey, isPlainObject, revive } from './codec'
import { collectionExists, collectionNotExist, duplicateKey, invalidParam } from './errors'
import { Journal, type Logger, type ReplayStats } from './journal'
import { compileQuery, sortPage } from './matching'
import { countRun, exactRun, plan } from './planner'
import type { DatabaseSchema, Explain, IndexSpec, QueryStats } from './types'

export interface Rec {
  doc: Doc
  /** Sequence number of the commit that wrote this version. */
  v: number
}

export interface Change {
  key: string
  id: unknown
  after: Doc | null
  /** Fail with a duplicate _id instead of replacing an existing document. */
  insert?: boolean
}

/** How a transaction sees documents: its own writes and first-read snapshots over committed state. */
export interface ReadView {
  get(coll: Collection, key: string): Doc | undefined
  /** Keys whose visible version may sit elsewhere than the committed indexes say. */
  overlay(coll: Collection): Iterable<string>
}

export class Collection {
  readonly docs = new Map<string, Rec>()
  /** Versions of deleted documents, kept while a transaction could still compare against them. */
  readonly tombstones = new Map<string, number>()
  readonly indexes: IndexStore[]
  created = false

  constructor(
    readonly name: string,
    specs: IndexSpec[],
  ) {
    this.indexes = [
      new IndexStore({ name: '_id_', unique: true, fields: ['_id'], dirs: [1] }),
      ...specs.map(
        (s) =>
          new IndexStore({
            name: s.name,
            unique: !!s.unique,
            fields: Object.keys(s.keys),
            dirs: Object.values(s.keys).map((d) => (d === -1 ? -1 : 1)),
          }),
      ),
    ]
  }

  version(key: string): number {
    return this.docs.get(key)?.v ?? this.tombstones.get(key) ?? 0
  }

  /** Applies changes in order; on failure everything applied so far is undone. Returns the undo. */
  apply(changes: Change[], seq: number, keepTombstones: boolean): () => void {
    const log: Array<{ key: string; before?: Rec; tomb?: number; after: Doc | null }> = []
    const undo = () => {
      for (let i = log.length - 1; i >= 0; i--) {
        const { key, before, tomb, after } = log[i]
        for (const idx of this.indexes) idx.move(key, after ?? undefined, before?.doc)
        if (before) this.docs.set(key, before)
        else this.docs.delete(key)
        if (tomb === undefined) this.tombstones.delete(key)
        else this.tombstones.set(key, tomb)
      }
    }
    try {
      for (const ch of changes) {
        const before = this.docs.get(ch.key)
        if (ch.insert && before) throw duplicateKey(this.name, '_id_', { _id: ch.id })
        // Checked against the batch's earlier changes too, which are already applied.
        if (ch.after) this.checkUnique(ch.key, ch.after)
        log.push({ key: ch.key, before, tomb: this.tombstones.get(ch.key), after: ch.after })
        for (const idx of this.indexes) idx.move(ch.key, before?.doc, ch.after ?? undefined)
        if (ch.after) {
          this.docs.set(ch.key, { doc: ch.after, v: seq })
          this.tombstones.delete(ch.key)
        } else if (before) {
          this.docs.delete(ch.key)
          if (keepTombstones) this.tombstones.set(ch.key, seq)
        }
      }
    } catch (e) {
      undo()
      throw e
    }
    return undo
  }

  /**
   * Throws when another committed document holds the same key in a unique index, or when an index
   * cannot hold the document (a compound key over two arrays).
   */
  checkUnique(key: string, doc: Doc, skip?: (other: string) => boolean): void {
    for (const idx of this.indexes) {
      const tuples = idx.tuplesOf(doc)
      if (!idx.def.unique || idx.def.name === '_id_' || !tuples) continue
      for (const k of tuples) {
        for (const other of idx.equal(k)) {
          if (other !== key && !skip?.(other)) throw duplicateKey(this.name, idx.def.name, keyObject(idx, k))
        }
      }
    }
  }
}

const UNGROUPABLE = Symbol('ungroupable')

// The value `$group` would key a document on; arrays and embedded documents are left to mingo.
function groupValue(doc: Doc, parts: string[]): unknown {
  let v: any = doc
  for (const part of parts) {
    if (Array.isArray(v)) return UNGROUPABLE
    if (v === null || typeof v !== 'object') return null
    v = v[part]
  }
  return groupable(v)
}

// Group keys compare by value, as mingo's $group does: dates by time, numbers by value.
const groupTag = (v: unknown): unknown => (typeof v === 'string' ? v : v instanceof Date ? `\u0001d${v.getTime()}` : `\u0001${typeof v}:${String(v)}`)

const groupable = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'object' && !(v instanceof Date) ? UNGROUPABLE : v)

export function keyObject(idx: IndexStore, k: unknown[]): Record<string, unknown> {
  return Object.fromEntries(idx.def.fields.map((f, i) => [f, k[i]]))
}

/** A key tuple of `a` that `b` also holds, if any. */
export const sharedKey = (a: unknown[][] | null, b: unknown[][] | null) => (a && b ? a.find((k) => b.some((x) => sameTuple(k, x))) : undefined)

export interface SelectOptions {
  sort?: Record<string, number>
  skip?: number
  limit?: number
  view?: ReadView
}

export class Store {
  readonly collections = new Map<string, Collection>()
  readonly stats: QueryStats = { queries: 0, docsScanned: 0, indexedQueries: 0 }
  lastExplain: Explain = { index: null, docsScanned: 0, returned: 0 }
  seq = 0
  /** Set by the transaction manager: tombstones are only needed while transactions are open. */
  hasOpenTransactions: () => boolean = () => false
  private journal!: Journal

  private constructor(readonly schema: DatabaseSchema) {
    for (const [name, def] of Object.entries(schema.collections)) {
      this.collections.set(name, new Collection(name, def.indexes ?? []))
    }
  }

  static open(dir: string, schema: DatabaseSchema, opts: { compactMinBytes: number; log: Logger }): { store: Store; replay: ReplayStats } {
    const store = new Store(schema)
    let puts = 0
    const { journal, stats } = Journal.open(dir, (payload) => (puts += store.replay(payload)), opts.log)
    store.journal = journal
    let live = 0
    for (const coll of store.collections.values()) {
      for (const idx of coll.indexes) idx.load(Array.from(coll.docs, ([k, r]) => [k, r.doc] as [string, Doc]), opts.log)
      live += coll.docs.size
    }
    // Live size is estimated from the average size of a document image in the journal.
    const estimatedLive = puts ? (live * stats.bytes) / puts : 0
    if (stats.bytes >= opts.compactMinBytes && stats.bytes > 2 * estimatedLive) {
      const before = stats.bytes
      journal.rewrite(store.snapshot())
      opts.log(`journal: compacted ${before} -> ${journal.size} bytes`)
    }
    return { store, replay: stats }
  }

  exists(name: string): boolean {
    const coll = this.collections.get(name)
    return !!coll && (coll.created || name in this.schema.collections)
  }

  collection(name: unknown): Collection {
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required')
    if (!this.exists(name)) throw collectionNotExist(name)
    return this.collections.get(name)!
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].filter((n) => this.exists(n)).sort()
  }

  createCollection(name: unknown): void {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw invalidParam(`invalid collection name: ${String(name)}`)
    if (this.exists(name)) throw collectionExists(name)
    const coll = this.collections.get(name) ?? new Collection(name, [])
    this.journal.append({ s: ++this.seq, o: [{ c: name, n: 1 }] })
    coll.created = true
    this.collections.set(name, coll)
  }

  /** Applies a batch across collections atomically and journals it as one record. */
  commit(batch: Array<{ coll: Collection; changes: Change[] }>): void {
    const seq = this.seq + 1
    const keep = this.hasOpenTransactions()
    const undos: Array<() => void> = []
    const ops: string[] = []
    try {
      for (const { coll, changes } of batch) {
        if (changes.length === 0) continue
        undos.push(coll.apply(changes, seq, keep))
        const c = JSON.stringify(coll.name)
        for (const ch of changes) ops.push(ch.after ? `{"c":${c},"p":${encodeDoc(ch.after)}}` : `{"c":${c},"d":${encodeValue(ch.id)}}`)
      }
      if (ops.length === 0) return
      this.journal.appendEncoded(`{"s":${seq},"o":[${ops.join(',')}]}`)
    } catch (e) {
      for (const undo of undos.reverse()) undo()
      throw e
    }
    this.seq = seq
  }

  clear(coll: Collection): void {
    this.journal.append({ s: ++this.seq, o: [{ c: coll.name, x: 1 }] })
    if (this.hasOpenTransactions()) for (const key of coll.docs.keys()) coll.tombstones.set(key, this.seq)
    coll.docs.clear()
    for (const idx of coll.indexes) idx.clear()
  }

  purgeTombstones(): void {
    for (const coll of this.collections.values()) coll.tombstones.clear()
  }

  whenDurable(): Promise<void> {
    return this.journal.whenDurable()
  }

  close(): Promise<void> {
    return this.journal.close()
  }

  /**
   * Matching documents (stored objects, not copies), sorted and paged. Candidates come from the
   * planner; mingo decides what matches and sorts whatever the index order does not cover.
   */
  select(coll: Collection, query: Doc, opts: SelectOptions = {}): Doc[] {
    if (!isPlainObject(query)) throw invalidParam('query must be an object')
    const { sort, skip = 0, limit = Infinity, view } = opts
    const test = compileQuery(query)
    const p = plan(
      query,
      coll.indexes,
      () => coll.docs.keys(),
      (ids) => new Set(ids.map(idKey)),
      sort,
    )
    const overlay = view ? new Set(view.overlay(coll)) : null
    const hasSort = !!sort && Object.keys(sort).length > 0
    const ordered = p.ordered && !(overlay?.size && hasSort)
    const stopAfter = ordered ? skip + limit : Infinity
    const matches: Doc[] = []
    let scanned = 0
    // A document is matched once, even when several entries of a multikey index lead to it.
    const seen = overlay?.size || p.repeats ? new Set<string>() : null
    const visit = (key: string): boolean => {
      if (seen) {
        if (seen.has(key)) return true
        seen.add(key)
      }
      const doc = view ? view.get(coll, key) : coll.docs.get(key)?.doc
      if (!doc) return true
      scanned++
      if (test(doc)) matches.push(doc)
      return matches.length < stopAfter
    }
    let going = true
    for (const key of p.keys) if (!(going = visit(key))) break
    if (going && overlay) for (const key of overlay) if (!visit(key)) break

    this.stats.queries++
    this.stats.docsScanned += scanned
    if (p.index) this.stats.indexedQueries++
    let result: Doc[]
    if (hasSort && !ordered) result = sortPage(matches, sort!, skip, limit)
    else result = matches.slice(skip, skip + limit)
    this.lastExplain = { index: p.index, docsScanned: scanned, returned: result.length }
    return result
  }

  /**
   * How many documents match `query` per value of the field at `groupPath` (null: all in one
   * group), in the order the plain path (select, then mingo's $group) meets each value first; or
   * null unless an index answers the query exactly (planner `exactRun`). No document goes to the
   * matcher. When an index holds the group field right after the query's fields, the counts are
   * searches in it (no entry visited one by one), and the plain path's order is found by reading the
   * matches only until every value has been seen. Committed state only.
   */
  countBy(coll: Collection, query: Doc, groupPath: string | null): Array<[unknown, number]> | null {
    const counts = isPlainObject(query) ? this.tally(coll, query, groupPath) : null
    // A query on an index that hands no document to the matcher.
    if (counts) {
      this.stats.queries++
      this.stats.indexedQueries++
    }
    return counts
  }

  private tally(coll: Collection, query: Doc, groupPath: string | null): Array<[unknown, number]> | null {
    const run = exactRun(query, coll.indexes)
    if (!run) {
      // A plain count of equalities over an array, or with a range: walked in the index, no document read.
      const counted = groupPath === null ? countRun(query, coll.indexes) : null
      if (!counted) return null
      const n = counted.count()
      return n === 0 ? [] : [[null, n]]
    }
    if (groupPath === null) {
      let n = 0
      for (const prefix of run.prefixes) n += run.idx.countWithPrefix(prefix)
      return n === 0 ? [] : [[null, n]]
    }
    const parts = groupPath.split('.')
    const pos = run.idx.def.fields.indexOf(groupPath)
    const inEntry = pos >= 0 && !run.idx.multikey.has(pos)
    const valueOf = (e: Entry): unknown => {
      if (inEntry) return groupable(e.k[pos])
      const doc = coll.docs.get(e.id)!.doc
      return parts.length === 1 ? groupable(doc[groupPath]) : groupValue(doc, parts)
    }
    const groups = new Map<unknown, [unknown, number]>()
    if (inEntry && pos < (run.prefixes[0]?.length ?? 0)) {
      // Grouped by a field the query fixes (`state: { $in: [...] }`): each run is one group, walked in the plain path's order.
      for (const prefix of run.prefixes) {
        const n = run.idx.countWithPrefix(prefix)
        const v = groupable(prefix[pos])
        if (n === 0) continue
        if (v === UNGROUPABLE) return null
        const g = groups.get(groupTag(v))
        if (g) g[1] += n
        else groups.set(groupTag(v), [v, n])
      }
      return [...groups.values()]
    }
    const cover = run.covering(groupPath)
    if (cover) {
      for (const prefix of cover.prefixes) {
        for (const [raw, n] of cover.idx.countRuns(prefix)) {
          const v = groupable(raw)
          if (v === UNGROUPABLE) return null
          const g = groups.get(groupTag(v))
          if (g) g[1] += n
          else groups.set(groupTag(v), [v, n])
        }
      }
      if (groups.size <= 1) return [...groups.values()]
      // Emitted in the order the plain path meets each value first.
      const ordered = new Map<unknown, [unknown, number]>()
      let unknown = false
      run.forEach((e) => {
        const tag = groupTag(valueOf(e))
        const g = groups.get(tag)
        if (!g) return (unknown = true)
        if (!ordered.has(tag)) ordered.set(tag, g)
        return ordered.size === groups.size
      })
      // Both indexes hold the same documents; should they ever disagree, mingo answers.
      return unknown || ordered.size !== groups.size ? null : [...ordered.values()]
    }
    let failed = false
    // The hot loop of a tally over tens of thousands of entries: no generator, no copy, no matcher.
    run.forEach((e) => {
      const v = valueOf(e)
      if (v === UNGROUPABLE) return (failed = true)
      const tag = groupTag(v)
      const g = groups.get(tag)
      if (g) g[1]++
      else groups.set(tag, [v, 1])
    })
    return failed ? null : [...groups.values()]
  }

  count(coll: Collection, query: Doc, view?: ReadView): number {
    if (!view && isPlainObject(query) && Object.keys(query).length === 0) {
      this.lastExplain = { index: null, docsScanned: 0, returned: coll.docs.size }
      return coll.docs.size
    }
    // `where(equalities on an index's leading fields).count()`: the length of the index runs.
    const counted = view ? null : this.countBy(coll, query, null)
    if (counted) {
      const n = counted[0]?.[1] ?? 0
      this.lastExplain = { index: exactRun(query, coll.indexes)?.idx.def.name ?? countRun(query, coll.indexes)!.index, docsScanned: 0, returned: n }
      return n
    }
    return this.select(coll, query, { view }).length
  }

  private replay(payload: any): number {
    let puts = 0
    for (const op of payload?.o ?? []) {
      let coll = this.collections.get(op.c)
      if (!coll) this.collections.set(op.c, (coll = new Collection(op.c, [])))
      if (op.n) coll.created = true
      else if (op.x) coll.docs.clear()
      else if (op.p) {
        const doc = revive(op.p)
        coll.docs.set(idKey(doc._id), { doc, v: payload.s })
        puts++
      } else if ('d' in op) coll.docs.delete(idKey(revive(op.d)))
    }
    this.seq = Math.max(this.seq, Number(payload?.s) || 0)
    return puts
  }

  private *snapshot(): Generator<string> {
    for (const coll of this.collections.values()) {
      const c = JSON.stringify(coll.name)
      if (coll.created) yield `{"s":${this.seq},"o":[{"c":${c},"n":1}]}`
      let ops: string[] = []
      for (const { doc } of coll.docs.values()) {
        ops.push(`{"c":${c},"p":${encodeDoc(doc)}}`)
        if (ops.length === 1000) {
          yield `{"s":${this.seq},"o":[${ops.join(',')}]}`
          ops = []
        }
      }
      if (ops.length) yield `{"s":${this.seq},"o":[${ops.join(',')}]}`
    }
  }
}
