import { addDoc, getDocs, isDuplicateKeyError } from './db'
import type { ActionContext } from './area'
import { newUser, type UserRecord } from '../../domain/users'

/** The caller's `users` record, or null when this identity never reached the backend. One round trip. */
export async function findCaller<U extends UserRecord = UserRecord>(ctx: ActionContext): Promise<U | null> {
  const [user] = await getDocs<U>(ctx.db.collection('users').where({ openid: ctx.identity.openid }).limit(1))
  return user ?? null
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
