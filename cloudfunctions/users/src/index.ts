import { defineArea, ensureUser } from '../../../server/kit'
import { usersArea } from '../../../domain/api/users'
import { DomainError } from '../../../domain/errors'
import { holdsRole, toWhoAmI } from '../../../domain/users'

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
