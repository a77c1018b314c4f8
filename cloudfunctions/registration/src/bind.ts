/**
 * Binding an imported member (认领): a bulk import writes members as `registered` registrations
 * with `userId: null` (docs/import.md). When that person registers with the same phone, `register`
 * hands over to this file, so the person takes the imported registration instead of starting a
 * second live one for the same human (docs/registration.md, *Imported members*).
 */
import { applyPlan, ensureUser, getDocs, readById, updateDocs, writePlan, type ActionContext } from '../../../server/kit'
import type { RegisterForm } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import { isLive, REGISTRATION_TRANSITIONS, type RegistrationRecord } from '../../../domain/registration'
import { pickImported, planBind } from '../../../domain/registration-verbs'
import { toCard } from './card'
import { viewerOf, type Caller } from './decide'

/** The state an import writes (both sides confirmed), and the only one a bind takes. */
const IMPORTED_STATE = REGISTRATION_TRANSITIONS.bind.from[0]

/**
 * The live imported registrations that carry this phone, bound or not: one query on the
 * `phone_state` index, run beside the other reads of `register` (no extra latency). An import
 * refuses a phone that is already live, so there is normally at most one; a few are read so that
 * a second one (an import racing a registration) is seen rather than hidden. A bound one still
 * counts: the phone is that member's, so a later claimant is refused rather than given a second
 * registration for the same person (a loser of a race that arrives after the winner finished
 * gets the same answer as one that raced it).
 */
export function findImportedByPhone(ctx: ActionContext, phone: string): Promise<RegistrationRecord[]> {
  return getDocs<RegistrationRecord>(ctx.db.collection('registrations').where({ phone, state: IMPORTED_STATE, source: 'import' }).limit(5))
}

/**
 * Whether the caller's pointer is a bind of theirs cut short: it names an imported registration
 * still unbound, the one their phone and name match now. That happens after a crash between the
 * claim and the bind, or while their own simultaneous call is between the two; either way this
 * call finishes (or races) the same bind instead of refusing, and the conditional update decides.
 */
export function isUnfinishedBind(live: RegistrationRecord | null, candidates: RegistrationRecord[], name: string): boolean {
  return !!live && live.userId === null && candidates.some((r) => r._id === live._id && r.name === name)
}

/**
 * The candidates are `findImportedByPhone` for the form's phone; the unbound one with the form's
 * name is bound. 2 round trips after the reads of `register` (3 on first use: the person is created):
 * 1. claim the person's pointer, `users.where({ _id, liveRegistrationId: expected })`, exactly as
 *    a submission does, so a person still has at most one live registration;
 * 2. bind (planBind): `registrations.where({ _id, state: 'registered', userId: null })`: set
 *    `userId` and push the `bind` history entry in the same write. Of two binds of the same
 *    registration one changes it; the other reads it (+1), gives its pointer back (+1) and answers
 *    `REGISTRATION.ALREADY_CLAIMED` (or `ALREADY_REGISTERED` when the winner was the same person).
 *
 * The imported place (unit, community, building) stays: the import stands for both confirmations,
 * and a different place is a move (迁移), which the card offers. What the form adds about the
 * person is kept: their skills join the imported ones, their free time and skill note are taken.
 */
export async function bindImported(
  ctx: ActionContext,
  input: RegisterForm,
  known: Caller | null,
  expected: string | null,
  candidates: RegistrationRecord[],
) {
  // The same phone under another name: whoever typed it is not the person the community
  // imported; the same name, already bound to someone: claimed. Both before any write (the
  // person is not even created).
  const imported = pickImported(candidates, input.name, known?._id ?? null)
  const { user } = await ensureUser<Caller>(ctx, known)
  const viewer = viewerOf(user, input.name)!
  const plan = planBind(imported, viewer, { now: ctx.now, form: input })
  const users = ctx.db.collection('users')
  const claimed = await updateDocs(users.where({ _id: user._id, liveRegistrationId: expected }), {
    liveRegistrationId: imported._id,
    name: input.name,
    phone: input.phone,
    updatedAt: ctx.now,
  })
  if (claimed === 0) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')

  if (!(await writePlan(ctx.db, 'registrations', imported._id, plan))) {
    // Someone else's bind (or a withdrawal by nobody: an unbound registration has no owner) won.
    const now = await readById<RegistrationRecord>(ctx.db, 'registrations', imported._id)
    if (now && now.userId === user._id && isLive(now.state)) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')
    await updateDocs(users.where({ _id: user._id, liveRegistrationId: imported._id }), { liveRegistrationId: null, updatedAt: ctx.now })
    throw new DomainError(now && now.userId && now.userId !== user._id ? 'REGISTRATION.ALREADY_CLAIMED' : 'REGISTRATION.CHANGED')
  }
  return toCard(applyPlan(imported, plan), viewer)
}
