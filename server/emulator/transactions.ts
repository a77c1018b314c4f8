// Transactions as CloudBase (MongoDB underneath) runs them, reduced to what an emulator needs:
// - writes stay private to the transaction until commit, which applies them as one journal record;
// - the first time a transaction reads or writes a document it remembers that version; later
//   reads see the same version (repeatable reads), and a write fails with a write conflict when
//   the document changed since (so "check, then re-check inside the transaction" is safe);
// - a document written by an open transaction is locked: another transaction writing it gets a
//   write conflict at once (as in MongoDB), a non-transactional write waits for the end;
// - after a conflict the transaction is aborted, as MongoDB does, so it holds no locks;
// - a transaction not ended within the timeout is aborted. CloudBase documents 30 s
//   (docs.cloudbase.net/error-code/DATABASE_TRANSACTION_FAIL: "must be committed or aborted within 30 seconds").
import { randomBytes } from 'crypto'
import type { Doc } from './codec'
import { duplicateKey, transactionFail, writeConflict } from './errors'
import { type Collection, keyObject, type ReadView, sharedKey, type Store } from './store'

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000

/** Where transaction timeouts come from: the real timers, or a controlled clock in tests. */
export interface EmulatorTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const REAL_TIMERS: EmulatorTimers = {
  setTimeout(fn, ms) {
    const h = setTimeout(fn, ms)
    h.unref?.()
    return h
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

interface Write {
  id: unknown
  after: Doc | null
}
interface Snapshot {
  v: number
  doc: Doc | undefined
}

export class Txn {
  state: 'open' | 'committed' | 'aborted' = 'open'
  readonly writes = new Map<Collection, Map<string, Write>>()
  readonly reads = new Map<Collection, Map<string, Snapshot>>()
  readonly finished: Promise<void>
  /** Cancels the timeout. */
  cancelTimer?: () => void
  private resolveFinished!: () => void

  constructor(readonly id: string) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve))
  }

  end(state: 'committed' | 'aborted'): void {
    this.state = state
    this.cancelTimer?.()
    this.resolveFinished()
  }
}

const lockKey = (coll: Collection, key: string) => `${coll.name}\u0000${key}`

export class TxnManager {
  private readonly open = new Map<string, Txn>()
  private readonly locks = new Map<string, Txn>()
  // Why recently ended transactions ended, so a late call gets a useful message.
  private readonly ended = new Map<string, string>()

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
    private readonly timers: EmulatorTimers = REAL_TIMERS,
  ) {
    store.hasOpenTransactions = () => this.open.size > 0
  }

  start(): Txn {
    const txn = new Txn(randomBytes(16).toString('hex'))
    const timer = this.timers.setTimeout(
      () => this.finish(txn, 'aborted', `timed out: a transaction must be committed or aborted within ${this.timeoutMs} ms`),
      this.timeoutMs,
    )
    txn.cancelTimer = () => this.timers.clearTimeout(timer)
    this.open.set(txn.id, txn)
    return txn
  }

  get(id: unknown): Txn {
    const txn = typeof id === 'string' ? this.open.get(id) : undefined
    if (txn) return txn
    const why = typeof id === 'string' ? this.ended.get(id) : undefined
    throw transactionFail(`transaction ${String(id)} ${why ?? 'does not exist'}`)
  }

  /** The open transaction holding a write lock on the document, if any. */
  holder(coll: Collection, key: string): Txn | undefined {
    return this.locks.get(lockKey(coll, key))
  }

  view(txn: Txn): ReadView {
    return {
      get: (coll, key) => {
        const w = txn.writes.get(coll)?.get(key)
        if (w) return w.after ?? undefined
        const r = txn.reads.get(coll)?.get(key)
        if (r) return r.doc
        return coll.docs.get(key)?.doc
      },
      overlay: (coll) => [...(txn.writes.get(coll)?.keys() ?? []), ...(txn.reads.get(coll)?.keys() ?? [])],
    }
  }

  /** Records that the transaction has seen this document, pinning the version it saw. */
  touch(txn: Txn, coll: Collection, key: string): Snapshot | undefined {
    if (txn.writes.get(coll)?.has(key)) return undefined
    let reads = txn.reads.get(coll)
    if (!reads) txn.reads.set(coll, (reads = new Map()))
    let snap = reads.get(key)
    if (!snap) reads.set(key, (snap = { v: coll.version(key), doc: coll.docs.get(key)?.doc }))
    return snap
  }

  write(txn: Txn, coll: Collection, key: string, id: unknown, after: Doc | null, insert = false): void {
    const holder = this.holder(coll, key)
    if (holder && holder !== txn) this.conflict(txn)
    const writes = txn.writes.get(coll)
    const pending = writes?.get(key)
    let visible: Doc | undefined
    if (pending) visible = pending.after ?? undefined
    else {
      const snap = this.touch(txn, coll, key)!
      if (coll.version(key) !== snap.v) this.conflict(txn)
      visible = snap.doc
    }
    if (insert && visible) throw duplicateKey(coll.name, '_id_', { _id: id })
    if (after) this.checkUnique(txn, coll, key, after)
    if (!writes) txn.writes.set(coll, new Map([[key, { id, after }]]))
    else writes.set(key, { id, after })
    this.locks.set(lockKey(coll, key), txn)
  }

  commit(txn: Txn): void {
    const batch: Array<{ coll: Collection; changes: Array<{ key: string; id: unknown; after: Doc | null }> }> = []
    for (const [coll, writes] of txn.writes) {
      const reads = txn.reads.get(coll)
      for (const key of writes.keys()) {
        // Locks make this hold; it is the last line of defence should they not.
        if (coll.version(key) !== (reads?.get(key)?.v ?? 0)) this.conflict(txn)
      }
      batch.push({ coll, changes: Array.from(writes, ([key, w]) => ({ key, id: w.id, after: w.after })) })
    }
    try {
      this.store.commit(batch)
    } catch (e) {
      this.finish(txn, 'aborted', `aborted: ${(e as Error).message}`)
      throw e
    }
    this.finish(txn, 'committed', 'is already committed')
  }

  abort(txn: Txn, reason = 'was aborted'): void {
    this.finish(txn, 'aborted', reason)
  }

  /** Whether an id names a transaction that ended by abort or timeout (aborting it again is harmless). */
  wasAborted(id: unknown): boolean {
    const why = typeof id === 'string' ? this.ended.get(id) : undefined
    return !!why && why !== 'is already committed'
  }

  abortAll(reason: string): void {
    for (const txn of [...this.open.values()]) this.finish(txn, 'aborted', reason)
  }

  private conflict(txn: Txn): never {
    this.finish(txn, 'aborted', 'was aborted by a write conflict')
    throw writeConflict()
  }

  // Unique keys must hold against committed documents this transaction has not rewritten, and
  // against its own pending writes.
  private checkUnique(txn: Txn, coll: Collection, key: string, doc: Doc): void {
    const writes = txn.writes.get(coll)
    coll.checkUnique(key, doc, (other) => !!writes?.has(other))
    if (!writes) return
    for (const idx of coll.indexes) {
      if (!idx.def.unique || idx.def.name === '_id_') continue
      const tuples = idx.tuplesOf(doc)
      if (!tuples) continue
      for (const [other, w] of writes) {
        const k = other !== key && w.after ? sharedKey(tuples, idx.tuplesOf(w.after)) : undefined
        if (k) throw duplicateKey(coll.name, idx.def.name, keyObject(idx, k))
      }
    }
  }

  private finish(txn: Txn, state: 'committed' | 'aborted', why: string): void {
    if (txn.state !== 'open') return
    for (const [coll, writes] of txn.writes) {
      for (const key of writes.keys()) {
        const lk = lockKey(coll, key)
        if (this.locks.get(lk) === txn) this.locks.delete(lk)
      }
    }
    this.open.delete(txn.id)
    this.ended.set(txn.id, why)
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value as string)
    txn.end(state)
    if (this.open.size === 0) this.store.purgeTombstones()
  }
}
