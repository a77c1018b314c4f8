/**
 * 迁移: a registered member changes home community (and building) and/or work unit. The current
 * registration is closed as `moved` and a new one starts at the new place; the new one links the
 * old (`previousId`) and keeps a copy of its history (`earlier`), so the card shows both.
 */
import { randomBytes } from 'node:crypto'
import { addDoc, findCaller, getDocs, updateDocs, type ActionContext } from '../../../server/kit'
import type { MoveInput, RegistrationCard } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import {
  nextState,
  stateAfterMove,
  type RegistrationPlace,
  type RegistrationRecord,
  type StoredHistoryEntry,
} from '../../../domain/registration'
import { toCard } from './card'
import type { Caller } from './decide'

/** Registration ids are random and short: `reg:<id>` must fit a 32-character mini-program code scene. */
export function newRegistrationId(): string {
  return randomBytes(10).toString('hex')
}

export async function readRegistration(ctx: ActionContext, id: string): Promise<RegistrationRecord | null> {
  const [doc] = await getDocs<RegistrationRecord>(ctx.db.collection('registrations').where({ _id: id }).limit(1))
  return doc ?? null
}

/** The fields of a registration that say where it is, as the form's ids resolve them. */
export type PlaceFields = Pick<
  RegistrationRecord,
  'unitId' | 'unitName' | 'unitCountyId' | 'communityId' | 'communityName' | 'communityLineage' | 'buildingId' | 'buildingName'
>

/**
 * Reads the unit (unless `knownUnit` already is it) and the community with its building, in
 * parallel: 1–2 round trips. Unknown or mismatched ids answer the same codes as `register`.
 */
export async function resolvePlace(
  ctx: ActionContext,
  input: Pick<MoveInput, 'unitId' | 'communityId' | 'buildingId'>,
  knownUnit?: Pick<RegistrationRecord, 'unitId' | 'unitName' | 'unitCountyId'>,
): Promise<PlaceFields> {
  const _ = ctx.db.command
  const nodeIds = input.buildingId ? [input.communityId, input.buildingId] : [input.communityId]
  const reuseUnit = knownUnit && knownUnit.unitId === input.unitId
  const [unit, nodes] = await Promise.all([
    reuseUnit ? null : getDocs<Unit>(ctx.db.collection('units').where({ _id: input.unitId }).limit(1)).then(([u]) => u ?? null),
    getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in(nodeIds) }).limit(2)),
  ])
  const unitFields = reuseUnit
    ? { unitId: knownUnit.unitId, unitName: knownUnit.unitName, unitCountyId: knownUnit.unitCountyId }
    : unit
      ? { unitId: unit._id, unitName: unit.name, unitCountyId: unit.countyId }
      : null
  if (!unitFields) throw new DomainError('ORG.UNKNOWN_UNIT')
  const community = nodes.find((n) => n._id === input.communityId)
  if (community?.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  const building = input.buildingId ? nodes.find((n) => n._id === input.buildingId) : undefined
  if (input.buildingId && (building?.kind !== 'building' || !building.path.includes(community._id))) {
    throw new DomainError('ORG.UNKNOWN_NODE', `所选楼栋不在${community.name}，请重新选择`)
  }
  return {
    ...unitFields,
    communityId: community._id,
    communityName: community.name,
    communityLineage: lineage(community),
    ...(building ? { buildingId: building._id, buildingName: building.name } : {}),
  }
}

export function placeOf(doc: Pick<RegistrationRecord, 'unitName' | 'communityName' | 'buildingName'>): RegistrationPlace {
  return { unitName: doc.unitName, communityName: doc.communityName, ...(doc.buildingName ? { buildingName: doc.buildingName } : {}) }
}

/**
 * Round trips: caller, the live registration, then the new community (and the new unit when it
 * changed, read alongside): 3 reads (home only) or 4 (new unit); then the claim of the person's
 * pointer, the conditional close of the old registration, the insert of the new one: 6 or 7.
 * Everything is checked before the first write, so a refusal writes nothing.
 *
 * One live registration per person: the claim is `users.where({ _id, liveRegistrationId: old })
 * .update({ liveRegistrationId: new })`, as `register` claims null → new. Of simultaneous moves
 * exactly one claims; the others answer REGISTRATION.CHANGED and write nothing.
 */
export async function move(input: MoveInput, ctx: ActionContext): Promise<RegistrationCard> {
  const caller = await findCaller<Caller>(ctx)
  const liveId = caller?.liveRegistrationId
  if (!caller || !liveId) throw new DomainError('REGISTRATION.NOT_FOUND', '您还没有有效的报到，请先报到')
  const doc = await readRegistration(ctx, liveId)
  if (!doc || doc.userId !== caller._id) throw new DomainError('REGISTRATION.NOT_FOUND', '您还没有有效的报到，请先报到')
  const to = nextState(doc.state, 'move')
  // The same unit and community is refused before anything is read for the new place.
  const startAt = stateAfterMove(doc, input)
  const where = await resolvePlace(ctx, input, doc)
  return moveTo(ctx, caller, doc, to, startAt, where, input)
}

async function moveTo(
  ctx: ActionContext,
  caller: Caller,
  doc: RegistrationRecord,
  to: ReturnType<typeof nextState>,
  startAt: 'pending_unit' | 'pending_community',
  where: PlaceFields,
  input: MoveInput,
): Promise<RegistrationCard> {
  const _ = ctx.db.command
  const id = newRegistrationId()
  const users = ctx.db.collection('users')
  const phone = input.phone ?? doc.phone
  const claimed = await updateDocs(users.where({ _id: caller._id, liveRegistrationId: doc._id }), {
    liveRegistrationId: id,
    name: input.name,
    phone,
    updatedAt: ctx.now,
  })
  if (claimed === 0) throw new DomainError('REGISTRATION.CHANGED', '您的报到刚刚有了变化（可能已在别处迁移或撤回），请刷新后再试')

  // The person's own words for their name, as `register` records them.
  const byName = input.name
  const moveEntry: StoredHistoryEntry = { verb: 'move', from: doc.state, to, by: caller._id, byName, at: ctx.now, place: placeOf(where) }
  const closed = await updateDocs(ctx.db.collection('registrations').where({ _id: doc._id, userId: caller._id, state: doc.state }), {
    state: to,
    movedToId: id,
    updatedAt: ctx.now,
    history: _.push(moveEntry),
  })
  if (closed === 0) {
    // Withdrawn meanwhile (another move cannot get here: it would have had to claim first). The
    // old registration is closed, so the person has no live one: the pointer goes to null.
    await updateDocs(users.where({ _id: caller._id, liveRegistrationId: id }), { liveRegistrationId: null, updatedAt: ctx.now })
    throw new DomainError('REGISTRATION.CHANGED', '您的报到刚刚有了变化（可能已在别处迁移或撤回），请刷新后再试')
  }

  const history: StoredHistoryEntry[] = [{ verb: 'moveIn', from: null, to: 'pending_unit', by: caller._id, byName, at: ctx.now, place: placeOf(doc) }]
  if (startAt === 'pending_community') {
    // Same unit: its confirmation of the membership stands; copied, marked as carried over.
    const confirmed = [...doc.history].reverse().find((h) => h.verb === 'confirmUnit')
    const { op: _op, ...kept } = confirmed ?? { verb: 'confirmUnit' as const, by: '', byName: doc.unitName, at: ctx.now, op: undefined }
    history.push({ ...kept, verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', carried: true })
  }
  const record: RegistrationRecord = {
    _id: id,
    userId: caller._id,
    name: input.name,
    phone,
    ...where,
    skills: [...new Set(input.skills)],
    ...(input.skillNote ? { skillNote: input.skillNote } : {}),
    freeTime: [...new Set(input.freeTime)],
    state: startAt,
    history,
    previousId: doc._id,
    earlier: [
      ...(doc.earlier ?? []),
      { id: doc._id, ...placeOf(doc), history: [...doc.history, moveEntry] },
    ],
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  // A failure here leaves the pointer at an id with no registration, which `register` treats
  // as stale and replaces (docs/registration.md, Moving).
  await addDoc(ctx.db.collection('registrations'), record)
  return toCard(record)
}
