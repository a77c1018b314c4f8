/**
 * 迁移: a registered member changes home community (and building) and/or work unit. The current
 * registration is closed as `moved` and a new one starts at the new place; the new one links the
 * old (`previousId`) and keeps a copy of its history (`earlier`), so the card shows both. The
 * domain plans both (planMove, movedInRegistration in domain/registration-verbs.ts).
 */
import { addDoc, byId, CALLERS_LIVE, changeState, newId, updateDocs, type ActionContext, type Changed, type Join } from '../../../server/kit'
import type { MoveInput, RegistrationCard } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import type { RegistrationRecord } from '../../../domain/registration'
import { movedInRegistration, planMove, type FoundPlace, type MovePlan, type PlaceInput } from '../../../domain/registration-verbs'
import { toCard } from './card'
import { resolvePhone } from './phone'
import { viewerOf, type Caller } from './decide'

type PlaceJoin = 'unit' | 'community' | 'building'

/** The unit, community and building the form names, as joins of the caller's read (the same round trip). */
export function placeJoins(input: PlaceInput): Record<PlaceJoin, Join> {
  const joins = { unit: byId('units', input.unitId), community: byId('org_nodes', input.communityId) } as Record<PlaceJoin, Join>
  if (input.buildingId) joins.building = byId('org_nodes', input.buildingId)
  return joins
}

export function foundPlace(found: Partial<Record<PlaceJoin, any[]>>): FoundPlace {
  return { unit: found.unit?.[0] ?? null, community: found.community?.[0] ?? null, building: found.building?.[0] ?? null }
}

const CHANGED_MESSAGE = '您的报到刚刚有了变化（可能已在别处迁移或撤回），请刷新后再试'

/**
 * Round trips: the caller with their live registration and the new unit, community and building
 * (one aggregation); the claim of the person's pointer; the conditional close of the old
 * registration; the insert of the new one: 4. Everything is checked before the first write, so a
 * refusal writes nothing (1 round trip).
 *
 * One live registration per person: the claim is `users.where({ _id, liveRegistrationId: old })
 * .update({ liveRegistrationId: new })`, as `register` claims null → new, and it comes before the
 * close. Of simultaneous moves exactly one claims; the others answer REGISTRATION.CHANGED and
 * write nothing. A close that still loses (withdrawn meanwhile) gives the pointer up: the old
 * registration is closed, so the person has no live one.
 *
 * A new phone comes as in `register` (phone.ts): WeChat's code, +1 round trip before the rest.
 */
export async function move(wire: MoveInput, ctx: ActionContext): Promise<RegistrationCard> {
  // A new phone as WeChat's code is exchanged first (+1 round trip); none keeps the one on record.
  const input = await resolvePhone(wire)
  const id = newId()
  let claimed: { userId: string } | null = null
  let moved: Changed<RegistrationRecord, PlaceJoin, MovePlan, Caller>
  try {
    moved = await changeState<RegistrationRecord, PlaceJoin, MovePlan, Caller>(ctx, {
      collection: 'registrations',
      id: CALLERS_LIVE,
      joins: placeJoins(input),
      // The person's own words for their name, as `register` records them.
      plan: ({ caller, target, found }) => planMove(target, viewerOf(caller, input.name), { now: ctx.now, newId: id, input, found: foundPlace(found) }),
      async beforeWrite({ caller, target }) {
        const person = caller!
        const n = await updateDocs(ctx.db.collection('users').where({ _id: person._id, liveRegistrationId: target!._id }), {
          liveRegistrationId: id,
          name: input.name,
          phone: input.phone ?? target!.phone,
          updatedAt: ctx.now,
        })
        if (n === 0) throw new DomainError('REGISTRATION.CHANGED', CHANGED_MESSAGE)
        claimed = { userId: person._id }
      },
      changed: 'REGISTRATION.CHANGED',
    })
  } catch (e) {
    const holder = claimed as { userId: string } | null
    if (holder) await updateDocs(ctx.db.collection('users').where({ _id: holder.userId, liveRegistrationId: id }), { liveRegistrationId: null, updatedAt: ctx.now })
    throw e
  }
  const { read, plan } = moved
  const old = read.target!
  const viewer = viewerOf(read.caller, input.name)!
  const record = movedInRegistration(old, plan, { now: ctx.now, id, by: viewer, form: { ...input, phone: input.phone ?? old.phone } })
  // A failure here leaves the pointer at an id with no registration, which `register` treats
  // as stale and replaces (docs/registration.md, Moving).
  await addDoc(ctx.db.collection('registrations'), record)
  return toCard(record, viewer)
}
