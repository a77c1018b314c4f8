/**
 * 重新提交: the owner of a rejected registration corrects it (the same fields as the form) and
 * sends it again; it goes back to 待单位确认 with its history, and becomes the person's live
 * registration again.
 */
import { findCaller, updateDocs, type ActionContext } from '../../../server/kit'
import type { RegistrationCard, ResubmitInput } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import { isLive, nextState, type RegistrationRecord, type StoredHistoryEntry } from '../../../domain/registration'
import { toCard } from './card'
import type { Caller } from './decide'
import { readRegistration, resolvePlace } from './move'

/**
 * Round trips: the caller and the registration read together (2), then the community with its
 * building, and the unit only when it changed, together (1–2); one more read only when the
 * person's pointer is still set (it must not name a live registration); then the claim of the
 * pointer and the conditional state change: 5, 6 with a new unit, +1 for a set pointer. Every
 * refusal comes before the first write.
 *
 * Only the owner (AUTH.FORBIDDEN otherwise), only from `rejected` (REGISTRATION.INVALID_TRANSITION).
 * The pointer is claimed like `register` claims it (expected null, or a stale id → this id), so
 * a resubmission racing a new registration or another resubmission leaves one live registration.
 */
export async function resubmit(input: ResubmitInput, ctx: ActionContext): Promise<RegistrationCard> {
  const { id, ...form } = input
  const [caller, doc] = await Promise.all([findCaller<Caller>(ctx), readRegistration(ctx, id)])
  if (!doc) throw new DomainError('REGISTRATION.NOT_FOUND')
  if (!caller || doc.userId !== caller._id) throw new DomainError('AUTH.FORBIDDEN', '只能重新提交您本人的报到')
  const to = nextState(doc.state, 'resubmit')
  const where = await resolvePlace(ctx, form, doc)

  let expected: string | null = null
  if (caller.liveRegistrationId) {
    const current = await readRegistration(ctx, caller.liveRegistrationId)
    if (current && isLive(current.state)) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')
    expected = caller.liveRegistrationId
  }

  const _ = ctx.db.command
  const users = ctx.db.collection('users')
  const phone = form.phone ?? doc.phone
  const claimed = await updateDocs(users.where({ _id: caller._id, liveRegistrationId: expected }), {
    liveRegistrationId: id,
    name: form.name,
    phone,
    updatedAt: ctx.now,
  })
  if (claimed === 0) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')

  const entry: StoredHistoryEntry = { verb: 'resubmit', from: doc.state, to, by: caller._id, byName: form.name, at: ctx.now }
  const fields = {
    name: form.name,
    phone,
    ...where,
    skills: [...new Set(form.skills)],
    freeTime: [...new Set(form.freeTime)],
  }
  const changed = await updateDocs(ctx.db.collection('registrations').where({ _id: id, userId: caller._id, state: doc.state }), {
    ...fields,
    buildingId: where.buildingId ?? _.remove(),
    buildingName: where.buildingName ?? _.remove(),
    skillNote: form.skillNote ? form.skillNote : _.remove(),
    // The reason stays in the history entry of the rejection; the card no longer shows it.
    reason: _.remove(),
    state: to,
    updatedAt: ctx.now,
    history: _.push(entry),
  })
  if (changed === 0) {
    // Resubmitted (or otherwise changed) meanwhile: give the pointer back.
    await updateDocs(users.where({ _id: caller._id, liveRegistrationId: id }), { liveRegistrationId: expected, updatedAt: ctx.now })
    throw new DomainError('REGISTRATION.CHANGED')
  }

  const { buildingId: _b, buildingName: _bn, skillNote: _s, reason: _r, ...kept } = doc
  const after: RegistrationRecord = {
    ...kept,
    ...fields,
    ...(form.skillNote ? { skillNote: form.skillNote } : {}),
    state: to,
    updatedAt: ctx.now,
    history: [...doc.history, entry],
  }
  return toCard(after)
}
