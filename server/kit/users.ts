import { addDoc, isDuplicateKeyError } from './db'
import type { ActionContext } from './area'
import { newUser, withDerivedRoles, type LiveRegistrationView, type UserRecord } from '../../domain/users'

/** Where the joined live registration sits in the aggregation's answer (never stored). */
const LIVE = '__liveRegistration'

// wx-server-sdk types aggregate() loosely; the answer of end() is `{ list }`.
export interface AggregateBuilder {
  match(q: object): AggregateBuilder
  limit(n: number): AggregateBuilder
  skip(n: number): AggregateBuilder
  sort(s: object): AggregateBuilder
  project(p: object): AggregateBuilder
  group(g: object): AggregateBuilder
  count(field: string): AggregateBuilder
  lookup(l: object): AggregateBuilder
  done(): object[]
  end(): Promise<{ list: unknown[] }>
}

/**
 * The start of every read of the caller: `users` → `$match {openid}` → `$limit 1` → `$lookup`
 * the live registration (liveRegistrationId → _id, the `_id` index). A handler that needs more
 * in the same round trip appends its own `$lookup`s (pipeline form with a constant `$match`, so
 * an index serves them) and splits the answer with `callerOf`.
 */
export function callerAggregate(ctx: ActionContext): AggregateBuilder {
  const users = ctx.db.collection('users') as unknown as { aggregate(): AggregateBuilder }
  return users
    .aggregate()
    .match({ openid: ctx.identity.openid })
    .limit(1)
    .lookup({ from: 'registrations', localField: 'liveRegistrationId', foreignField: '_id', as: LIVE })
}

/** A builder for the inner pipeline of a `$lookup` (`db.command.aggregate.pipeline()`). */
export function lookupPipeline(ctx: ActionContext): AggregateBuilder {
  return (ctx.db.command as unknown as { aggregate: { pipeline(): AggregateBuilder } }).aggregate.pipeline()
}

/**
 * The caller and their live registration out of one document of `callerAggregate` (undefined: the
 * identity never reached the backend). `caller.roles` are the roles held now: the stored grants
 * plus the member role derived from the live registration (domain/users.ts, withDerivedRoles).
 * `live` is null when the pointer is empty or dangling. Fields that other `$lookup`s added must be
 * taken off `doc` first.
 */
export function callerOf<U extends UserRecord = UserRecord, R extends LiveRegistrationView = LiveRegistrationView>(
  doc: unknown,
): { caller: U | null; live: R | null } {
  if (!doc) return { caller: null, live: null }
  const { [LIVE]: joined, ...user } = doc as U & { [LIVE]?: R[] }
  const live = joined?.[0] ?? null
  return { caller: withDerivedRoles(user as unknown as U, live), live }
}

/** The caller's `users` record with their live registration: ONE aggregation, one round trip. */
export async function findCallerWithLive<U extends UserRecord = UserRecord, R extends LiveRegistrationView = LiveRegistrationView>(
  ctx: ActionContext,
): Promise<{ caller: U | null; live: R | null }> {
  const { list } = await callerAggregate(ctx).end()
  return callerOf<U, R>(list[0])
}

/** The caller's `users` record (roles as held now, member derived), or null when this identity never reached the backend. One round trip. */
export async function findCaller<U extends UserRecord = UserRecord>(ctx: ActionContext): Promise<U | null> {
  return (await findCallerWithLive<U>(ctx)).caller
}

/**
 * The caller's record, created on first use. Two first calls can race (a page and a tab
 * loading at once): the unique index on openid lets exactly one insert win, and the loser
 * reads the winner's record instead of making a second person.
 *
 * `known` is what the caller already read with `findCaller` in this invocation (null: not
 * there), so a handler that needed other reads first does not read the person twice.
 */
export async function ensureUser<U extends UserRecord = UserRecord>(
  ctx: ActionContext,
  known?: U | null,
): Promise<{ user: U; created: boolean }> {
  const existing = known === undefined ? await findCaller<U>(ctx) : known
  if (existing) return { user: existing, created: false }
  const fresh = newUser(ctx.identity.openid, ctx.now)
  try {
    const _id = await addDoc(ctx.db.collection('users'), fresh)
    return { user: { _id, ...fresh } as U, created: true }
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    const winner = await findCaller<U>(ctx)
    if (!winner) throw e
    return { user: winner, created: false }
  }
}
