/**
 * 重新提交: the owner of a rejected registration corrects it (the same fields as the form) and
 * sends it again; it goes back to 待单位确认 with its history, and becomes the person's live
 * registration again. The domain plans it (planResubmit in domain/registration-verbs.ts).
 */
import { changeState, updateDocs, type ActionContext } from '../../../server/kit'
import type { RegistrationCard, ResubmitInput } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import type { RegistrationRecord } from '../../../domain/registration'
import { planResubmit, type RegistrationPlan } from '../../../domain/registration-verbs'
import { toCard } from './card'
import { viewerOf, type Caller } from './decide'
import { foundPlace, placeJoins } from './move'
import { resolvePhone } from './phone'

/**
 * Round trips: the caller (with what their pointer names), the registration and the unit,
 * community and building of the form in one aggregation; the claim of the person's pointer; the
 * conditional state change: 3. Every refusal comes before the first write (1 round trip).
 *
 * Only the owner (AUTH.FORBIDDEN otherwise), only from `rejected` (REGISTRATION.INVALID_TRANSITION),
 * not while another registration of theirs is live (REGISTRATION.ALREADY_REGISTERED). The pointer
 * is claimed like `register` claims it (expected null, or a stale id → this id), so a resubmission
 * racing a new registration or another resubmission leaves one live registration; a change that
 * then loses gives the pointer back.
 */
export async function resubmit(input: ResubmitInput, ctx: ActionContext): Promise<RegistrationCard> {
  // A new phone as WeChat's code is exchanged first (+1 round trip); none keeps the one on record.
  const { id, ...form } = await resolvePhone(input)
  const users = ctx.db.collection('users')
  let claimed: { userId: string; expected: string | null } | null = null
  try {
    const { after, read } = await changeState<RegistrationRecord, 'unit' | 'community' | 'building', RegistrationPlan, Caller>(ctx, {
      collection: 'registrations',
      id,
      joins: placeJoins(form),
      plan: ({ caller, live, target, found }) =>
        planResubmit(target, viewerOf(caller, form.name), {
          now: ctx.now,
          form: { ...form, phone: form.phone ?? target?.phone ?? '' },
          input: form,
          found: foundPlace(found),
          current: live,
        }),
      async beforeWrite({ caller, target }) {
        const expected = caller!.liveRegistrationId ?? null
        const n = await updateDocs(users.where({ _id: caller!._id, liveRegistrationId: expected }), {
          liveRegistrationId: id,
          name: form.name,
          phone: form.phone ?? target!.phone,
          updatedAt: ctx.now,
        })
        if (n === 0) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')
        claimed = { userId: caller!._id, expected }
      },
      changed: 'REGISTRATION.CHANGED',
    })
    return toCard(after, viewerOf(read.caller))
  } catch (e) {
    // Resubmitted (or otherwise changed) meanwhile: give the pointer back.
    const held = claimed as { userId: string; expected: string | null } | null
    if (held) await updateDocs(users.where({ _id: held.userId, liveRegistrationId: id }), { liveRegistrationId: held.expected, updatedAt: ctx.now })
    throw e
  }
}
