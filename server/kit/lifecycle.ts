/**
 * The one way a thing that moves is changed (docs/lifecycles.md). Every area and every later
 * feature goes through here:
 *
 *  1. ONE aggregation reads the caller (their `users` record and live registration), the record
 *     to change and whatever else the verb names (a member, a unit, the community's settings), as
 *     `$lookup`s (join.ts callerWith);
 *  2. the domain plans on what was read: it refuses with a precise code, or answers a Plan (the
 *     state the record must still be in, the fields, the history entries, the conditions that
 *     must still hold: scope, owner, claim);
 *  3. ONE conditional update writes the plan: `where({ _id, state: from, ...conditions })` sets the
 *     fields and pushes the history entries, which are the audit record of the change;
 *  4. only when that update matched nothing (the record moved in between) is the record read
 *     again, and the domain plans once more on it to say precisely why; if it finds nothing to
 *     refuse, the answer is the area's "changed, refresh" code.
 *
 * Success costs two round trips, whatever the verb. Nothing is ever written by reading and then
 * writing without the condition: the database decides the race. `changeMany` is the same write
 * for one verb on many records (a batch confirmation): one conditional update, one re-read only
 * when some were not changed.
 */
import type { ActionContext } from './area'
import { getDocs, updateDocs, type Database } from './db'
import { byId, callerWith, joined, type Join } from './join'
import { DomainError, type ErrorCode } from '../../domain/errors'
import type { Condition, FieldTest, Plan } from '../../domain/lifecycle'
import type { RegistrationRecord } from '../../domain/registration'
import type { UserRecord } from '../../domain/users'

type Command = Database['command']

/** What the first read found: the caller (null: unknown to the backend), the record (null: no such id) and the verb's joins. */
export interface Read<T, K extends string, C = UserRecord, L = RegistrationRecord> {
  caller: C | null
  live: L | null
  target: T | null
  found: Record<K, any[]>
}

export interface Change<T, K extends string, P extends Plan, C = UserRecord, L = RegistrationRecord> {
  collection: string
  /** The record to change; CALLERS_LIVE: the caller's live registration, whose id the caller's read gives. */
  id: string | typeof CALLERS_LIVE
  /** Documents the verb names, read in the same aggregation. */
  joins?: Record<K, Join>
  /** The domain's plan on what was read; throws the precise refusal. Called again on a fresh read when the write lost a race. */
  plan(read: Read<T, K, C, L>): P
  /**
   * A step that must pass before the record is written, after every domain check passed: a check
   * outside the database (the content-security check of publishing), or a claim on another record
   * that keeps a rule across records (a registration's owner pointer: one live registration per
   * person). It may refuse; it never edits the plan. Whatever it wrote, the caller undoes when
   * changeState then throws (the write lost its race).
   */
  beforeWrite?(read: Read<T, K, C, L>, plan: P): Promise<void>
  /** Answered when the write lost a race and the fresh record gives nothing to refuse. */
  changed: ErrorCode
}

export interface Changed<T, K extends string, P extends Plan, C = UserRecord, L = RegistrationRecord> {
  plan: P
  read: Read<T, K, C, L>
  /** The record as written: what was read with the plan applied (no read back). */
  after: T
}

/** The record type every changeable record shares. */
interface Movable {
  _id: string
  state: string
  history?: unknown[]
}

const TARGET = '__target'

/**
 * `id: CALLERS_LIVE`: the record to change is the caller's live registration (withdraw, move):
 * joined by the caller's `liveRegistrationId`, so its id is needed only once the read is back.
 */
export const CALLERS_LIVE = Symbol('the caller\'s live registration')

/**
 * The path of a field of the record being changed, for a join's `localField`: e.g. the wish's
 * community, `{ from: 'org_nodes', localField: ofTarget('communityId'), foreignField: '_id' }`,
 * read in the same aggregation.
 */
export const ofTarget = (field: string) => joined(TARGET, field)

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

function fieldQuery(_: Command, test: FieldTest): unknown {
  if (test !== null && typeof test === 'object') {
    if ('$ne' in test) return _.neq(test.$ne)
    if ('$in' in test) return _.in([...test.$in])
    if ('$exists' in test) return _.exists(test.$exists)
    if ('$lt' in test) return _.lt(test.$lt)
    if ('$gte' in test) return _.gte(test.$gte)
  }
  return test
}

/** The database form of a domain condition. */
export function toQuery(_: Command, condition: Condition): object {
  if ('$or' in condition && Array.isArray((condition as { $or: unknown }).$or)) return _.or((condition as { $or: readonly Condition[] }).$or.map((c) => toQuery(_, c)))
  return Object.fromEntries(Object.entries(condition as Record<string, FieldTest>).map(([path, test]) => [path, fieldQuery(_, test)]))
}

/** The filter of a plan's write: the id, the state it was planned from, and every condition. */
export function planFilter(_: Command, id: string, plan: Pick<Plan, 'from' | 'conditions'>): object {
  const base = { _id: id, state: plan.from }
  return plan.conditions.length === 0 ? base : _.and([base, ...plan.conditions.map((c) => toQuery(_, c))])
}

/**
 * The update of a plan: sub-documents are replaced whole (`_.set`), never merged field by field,
 * so a released claim leaves nothing of the old one behind and a new one can replace `null`.
 */
export function planUpdate(_: Command, plan: Pick<Plan, 'set' | 'entries' | 'unset' | 'inc' | 'append'>): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(plan.set)) {
    if (value === undefined) continue
    data[key] = isPlainObject(value) ? _.set(value) : value
  }
  for (const key of plan.unset ?? []) if (!(key in data)) data[key] = _.remove()
  for (const [key, by] of Object.entries(plan.inc ?? {})) data[key] = _.inc(by)
  for (const [key, value] of Object.entries(plan.append ?? {})) data[key] = _.push([value])
  if (plan.entries.length > 0) {
    data.history = _.push([...plan.entries])
    // The statistics roll-up finds what moved by updatedAt (statsRollup.ts), so a write that
    // appends history always moves it, to the instant its entries carry.
    if (!('updatedAt' in data)) data.updatedAt = entryTime(plan) ?? new Date()
  }
  return data
}

/** The record after a successful write: what was read with the plan applied. */
export function applyPlan<T extends object>(record: T, plan: Pick<Plan, 'set' | 'entries' | 'unset' | 'inc' | 'append'>): T {
  const set = Object.fromEntries(Object.entries(plan.set).filter(([, v]) => v !== undefined))
  const history = ((record as { history?: unknown[] }).history ?? []).concat(plan.entries)
  const after: Record<string, unknown> = { ...record, history }
  // A dotted key (`adjustments.<userId>`) sets one field of a sub-document, as the database does.
  for (const [key, value] of Object.entries(set)) {
    const path = key.split('.')
    let at = after
    for (const part of path.slice(0, -1)) {
      const next = at[part]
      at = at[part] = typeof next === 'object' && next !== null && !Array.isArray(next) && !(next instanceof Date) ? { ...(next as Record<string, unknown>) } : {}
    }
    at[path[path.length - 1]] = value
  }
  for (const key of plan.unset ?? []) if (!(key in set)) delete after[key]
  // Top-level fields only: what the planners move this way (seat counters and lists).
  for (const [key, by] of Object.entries(plan.inc ?? {})) after[key] = (Number(after[key]) || 0) + by
  for (const [key, value] of Object.entries(plan.append ?? {})) after[key] = [...((after[key] as unknown[] | undefined) ?? []), value]
  return after as T
}

/** ONE conditional update of one record; answers whether it landed. For the platform's own steps (timers) as for people's. */
export async function writePlan(db: Database, collection: string, id: string, plan: Plan): Promise<boolean> {
  return (await updateDocs(db.collection(collection).where(planFilter(db.command, id, plan)), planUpdate(db.command, plan))) === 1
}

/** The instant a plan's entries carry (every entry of one write has the same). */
function entryTime(plan: Pick<Plan, 'entries'>): Date | null {
  const at = (plan.entries[0] as { at?: Date | string } | undefined)?.at
  return at instanceof Date ? at : typeof at === 'string' ? new Date(at) : null
}

/** One record by id (one round trip): to explain a refused write. */
export async function readById<T>(db: Database, collection: string, id: string): Promise<T | null> {
  const [doc] = await getDocs<T>(db.collection(collection).where({ _id: id }).limit(1))
  return doc ?? null
}

/** Read (1), plan, write (2); on a lost race re-read (3) and let the domain say why. */
export async function changeState<T extends Movable, K extends string = never, P extends Plan = Plan, C extends UserRecord = UserRecord, L extends RegistrationRecord = RegistrationRecord>(
  ctx: ActionContext,
  change: Change<T, K, P, C, L>,
): Promise<Changed<T, K, P, C, L>> {
  // The target first, so a join may follow one of its fields (ofTarget).
  const ofLive = change.id === CALLERS_LIVE
  const target: Join = ofLive ? { from: change.collection, localField: 'liveRegistrationId', foreignField: '_id' } : byId(change.collection, change.id as string)
  const joins = { [TARGET]: target, ...(change.joins ?? ({} as Record<K, Join>)) } as Record<K | typeof TARGET, Join>
  const { caller, live, found } = await callerWith<K | typeof TARGET, C, L>(ctx, joins)
  const { [TARGET]: targets, ...rest } = found
  const read: Read<T, K, C, L> = { caller, live, target: (targets[0] as T | undefined) ?? null, found: rest as Record<K, any[]> }
  const plan = change.plan(read)
  // A plan was made on a record, so the caller's live one has an id by now.
  const id = ofLive ? (read.target as T)._id : (change.id as string)
  if (change.beforeWrite) await change.beforeWrite(read, plan)
  if (!(await writePlan(ctx.db, change.collection, id, plan))) {
    const fresh = await readById<T>(ctx.db, change.collection, id)
    change.plan({ ...read, target: fresh })
    throw new DomainError(change.changed)
  }
  return { plan, read, after: applyPlan(read.target as T, plan) }
}

export interface ManyChange<T> {
  collection: string
  ids: readonly string[]
  /**
   * The one plan for every id, made on the caller alone (no record read): the state the records
   * must be in, the conditions (the caller's scope), the fields and the history entries, which
   * carry `op`.
   */
  plan: Plan
  /** This invocation's mark on the plan's entries (ids.ts opId): how the re-read tells its own writes. */
  op: string
  /** The domain's plan for one record this call did not change (null: no such id); throws the precise refusal. */
  explain(record: T | null): unknown
  /** Answered for a record the domain finds nothing to refuse on (someone changed it meanwhile). */
  changed: ErrorCode
}

export interface ManyChanged {
  /** Ids changed by this call, in the order asked (duplicates once). */
  done: string[]
  failed: { id: string; error: DomainError }[]
}

/**
 * One verb on many records at once (批量确认): ONE conditional update over `_id in ids` with the
 * plan's state and conditions, pushing the plan's history entries to each record it matches.
 * When every id changed, that is all. Only when fewer changed than asked are the ids read once
 * more: a record carrying an entry with this call's `op` was changed by it; any other is explained
 * by the domain's planner run on it (not found, out of scope, wrong state), else `changed`.
 */
export async function changeMany<T extends Movable>(db: Database, change: ManyChange<T>): Promise<ManyChanged> {
  const _ = db.command
  const unique = [...new Set(change.ids)]
  const { plan, op } = change
  const filter = _.and([{ _id: _.in(unique), state: plan.from }, ...plan.conditions.map((c) => toQuery(_, c))])
  const records = db.collection(change.collection)
  const updated = await updateDocs(records.where(filter), planUpdate(_, plan))
  if (updated === unique.length) return { done: unique, failed: [] }

  const read = await getDocs<T>(records.where({ _id: _.in(unique) }).limit(unique.length))
  const byKey = new Map(read.map((d) => [d._id, d]))
  const out: ManyChanged = { done: [], failed: [] }
  for (const id of unique) {
    const doc = byKey.get(id) ?? null
    if (doc?.history?.some((h) => (h as { op?: string } | null)?.op === op)) out.done.push(id)
    else out.failed.push({ id, error: refusalOf(() => change.explain(doc), change.changed) })
  }
  return out
}

/** The DomainError the planner throws, or `changed` when it finds nothing to refuse. */
function refusalOf(plan: () => unknown, changed: ErrorCode): DomainError {
  try {
    plan()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  return new DomainError(changed)
}
