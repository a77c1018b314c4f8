import { addDoc, defineArea, getDocs, isDuplicateKeyError, type ActionContext } from '../../../server/kit'
import { usersArea } from '../../../domain/api/users'
import { DomainError } from '../../../domain/errors'
import { holdsRole, newUser, toWhoAmI, type UserRecord } from '../../../domain/users'

async function findByOpenid(ctx: ActionContext): Promise<UserRecord | null> {
  const [user] = await getDocs<UserRecord>(ctx.db.collection('users').where({ openid: ctx.identity.openid }).limit(1))
  return user ?? null
}

/**
 * The caller's record, created on first use. Two first calls can race (a page and a tab
 * loading at once): the unique index on openid lets exactly one insert win, and the loser
 * reads the winner's record instead of making a second person.
 */
async function ensureUser(ctx: ActionContext): Promise<{ user: UserRecord; created: boolean }> {
  const existing = await findByOpenid(ctx)
  if (existing) return { user: existing, created: false }
  const fresh = newUser(ctx.identity.openid, ctx.now)
  try {
    const _id = await addDoc(ctx.db.collection('users'), fresh)
    return { user: { _id, ...fresh }, created: true }
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    const winner = await findByOpenid(ctx)
    if (!winner) throw e
    return { user: winner, created: false }
  }
}

export const main = defineArea(usersArea, {
  async whoami(_input, ctx) {
    const { user, created } = await ensureUser(ctx)
    return toWhoAmI(user, created)
  },

  async switchRole({ role }, ctx) {
    const { user } = await ensureUser(ctx)
    if (!holdsRole(user, role)) throw new DomainError('USER.ROLE_NOT_HELD')
    await ctx.db.collection('users').doc(user._id).update({ data: { activeRole: role, updatedAt: ctx.now } })
    return toWhoAmI({ ...user, activeRole: role, updatedAt: ctx.now }, false)
  },
})
