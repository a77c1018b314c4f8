/**
 * Who may do what to a registration now, and the plan of each verb (docs/registration.md). The
 * registration function reads, asks here, and writes the answer through server/kit (changeState
 * for one registration, changeMany for a batch, writePlan after its own reads); nothing here
 * knows the database. A plan carries the state the registration must still be in, the fields,
 * the history entry and the conditions that must still hold when the write lands: the deciding
 * admin's scope, the owner (withdraw, resubmit, move), nobody yet (bind).
 *
 * Apart from registration.ts on purpose: the client's main package imports that one (labels,
 * predicates) through the contract, and has no use for the permission table this file needs.
 */
import { DomainError } from './errors'
import { anyOf, type Condition, type Plan } from './lifecycle'
import { isUnder, lineage, type OrgNode, type Unit } from './org'
import { can, reach, reachesAny, type PermissionAction, type Reach, type Target } from './permissions'
import type { RoleGrant } from './roles'
import {
  isLive,
  nextState,
  REGISTRATION_TRANSITIONS,
  stateAfterMove,
  type RegistrationPlace,
  type RegistrationRecord,
  type RegistrationState,
  type RegistrationVerb,
  type StoredHistoryEntry,
} from './registration'

// ---------------------------------------------------------------------------------------------
// Sides and scopes

/** Which side of a registration a decision is on: the work unit or the home community. */
export type Side = 'unit' | 'community'
export type DecisionVerb = 'confirmUnit' | 'rejectUnit' | 'confirmCommunity' | 'rejectCommunity'

/** Which permission each decision needs, and on which side of the registration it acts. */
export const DECISIONS: Record<DecisionVerb, { action: PermissionAction; side: Side }> = {
  confirmUnit: { action: 'registration.confirmUnit', side: 'unit' },
  rejectUnit: { action: 'registration.confirmUnit', side: 'unit' },
  confirmCommunity: { action: 'registration.confirmCommunity', side: 'community' },
  rejectCommunity: { action: 'registration.confirmCommunity', side: 'community' },
}

/** The state a side decides on (the unit first, then the community), from the transition table. */
export function awaitingState(side: Side): RegistrationState {
  return REGISTRATION_TRANSITIONS[side === 'unit' ? 'confirmUnit' : 'confirmCommunity'].from[0]
}

/** What a registration is on one side, for a permission check. */
export function targetOf(doc: Pick<RegistrationRecord, 'unitId' | 'unitCountyId' | 'communityLineage'>, side: Side): Target {
  return side === 'unit' ? { kind: 'unit', unitId: doc.unitId, countyId: doc.unitCountyId } : { kind: 'org', lineage: doc.communityLineage }
}

/**
 * The condition form of `reaches(r, targetOf(doc, side))`: the registrations a reach covers on one
 * side. Only meaningful when `reachesAny(r, …)` (an empty reach has no condition to write).
 */
export function scopeCondition(r: Reach, side: Side): Condition {
  if (side === 'community') return { communityLineage: { $in: r.orgIds } }
  const parts: Condition[] = []
  if (r.unitIds.length) parts.push({ unitId: { $in: r.unitIds } })
  if (r.countyIds.length) parts.push({ unitCountyId: { $in: r.countyIds } })
  return anyOf(parts)
}

// ---------------------------------------------------------------------------------------------
// What a person may press now: the buttons of the 报到证 and of the pending list (`can`).

/** The person looking at a registration, as the function knows them. */
export interface RegistrationViewer {
  userId: string
  /** Who the history entry names: the display name, or the form's name for the person's own steps. */
  name: string
  /** Roles held now (the member role derived from a registered live registration included). */
  grants: readonly RoleGrant[]
}

/** What of a registration decides the buttons. */
export type RegistrationForVerbs = Pick<RegistrationRecord, 'state' | 'userId' | 'unitId' | 'unitCountyId' | 'communityLineage'>

const VERBS = Object.keys(REGISTRATION_TRANSITIONS) as RegistrationVerb[]

function isDecision(verb: RegistrationVerb): verb is DecisionVerb {
  return verb in DECISIONS
}

/**
 * Whether `viewer` may perform `verb` on the registration now: its state, and their role on its
 * side (decisions) or their ownership of it (the member's own steps). `bind` is never a button:
 * it happens when a person registers with the phone and name of an imported, unbound registration.
 */
export function mayPerform(reg: RegistrationForVerbs, viewer: RegistrationViewer, verb: RegistrationVerb): boolean {
  if (!REGISTRATION_TRANSITIONS[verb].from.includes(reg.state)) return false
  if (verb === 'bind') return false
  if (isDecision(verb)) return can(viewer.grants, DECISIONS[verb].action, targetOf(reg, DECISIONS[verb].side))
  return reg.userId !== null && reg.userId === viewer.userId
}

/** The verbs `viewer` may perform now, in the table's order; none for someone the backend does not know. */
export function availableVerbs(reg: RegistrationForVerbs, viewer: RegistrationViewer | null): RegistrationVerb[] {
  if (!viewer) return []
  return VERBS.filter((verb) => mayPerform(reg, viewer, verb))
}

// ---------------------------------------------------------------------------------------------
// Plans. Each checks in the order the person would want to hear it (no such registration, not
// yours or out of your scope, wrong state, bad input) and throws the precise DomainError.

/** A registration's plan: the kit's `unset` beside Plan (fields a correction drops). */
export type RegistrationPlan = Plan<RegistrationState, StoredHistoryEntry> & { unset?: readonly string[] }

export interface StepArgs {
  now: Date
  /** The invocation, marked on the entry (a batch recognises its own writes by it). */
  op?: string
}

function step(verb: StoredHistoryEntry['verb'], from: RegistrationState, to: RegistrationState, by: RegistrationViewer, a: StepArgs, extra: Partial<StoredHistoryEntry> = {}): StoredHistoryEntry {
  const entry: StoredHistoryEntry = { verb, from, to, by: by.userId, byName: by.name, at: a.now, ...extra }
  if (a.op) entry.op = a.op
  return entry
}

/**
 * A decision as one plan for every registration the admin names (批量确认 writes it over many
 * ids at once): the state it must be in, the admin's scope as the condition. Refused at once
 * (AUTH.FORBIDDEN) when the admin's roles reach no registration on that side at all.
 */
export function planDecisions(verb: DecisionVerb, viewer: RegistrationViewer | null, a: StepArgs & { reason?: string }): RegistrationPlan {
  const { action, side } = DECISIONS[verb]
  const r = reach(viewer?.grants ?? [], action)
  if (!viewer || !reachesAny(r, side === 'unit' ? 'unit' : 'org')) throw new DomainError('AUTH.FORBIDDEN')
  const t = REGISTRATION_TRANSITIONS[verb]
  const reason = a.reason?.trim()
  if (t.needsReason && !reason) throw new DomainError('REGISTRATION.REASON_REQUIRED')
  const from = t.from[0]
  return {
    from,
    to: t.to,
    set: { state: t.to, updatedAt: a.now, ...(reason ? { reason } : {}) },
    entries: [step(verb, from, t.to, viewer, a, reason ? { reason } : {})],
    conditions: [scopeCondition(r, side)],
  }
}

/** A decision on one registration (null: no such id): not found, out of the admin's scope, or in another state. */
export function planDecision(verb: DecisionVerb, reg: RegistrationForVerbs | null, viewer: RegistrationViewer | null, a: StepArgs & { reason?: string }): RegistrationPlan {
  const plan = planDecisions(verb, viewer, a)
  if (!reg) throw new DomainError('REGISTRATION.NOT_FOUND')
  const { action, side } = DECISIONS[verb]
  if (!can(viewer!.grants, action, targetOf(reg, side))) throw new DomainError('AUTH.FORBIDDEN')
  nextState(reg.state, verb)
  return plan
}

const owner = (viewer: RegistrationViewer): Condition => ({ userId: viewer.userId })

/** 撤回 the caller's live registration (the one their pointer names). */
export function planWithdraw(reg: RegistrationForVerbs | null, viewer: RegistrationViewer | null, a: StepArgs): RegistrationPlan {
  if (!viewer || !reg || reg.userId !== viewer.userId || !isLive(reg.state)) throw new DomainError('REGISTRATION.NOT_FOUND', '您没有进行中的报到，无需撤回')
  const to = nextState(reg.state, 'withdraw')
  return { from: reg.state, to, set: { state: to, updatedAt: a.now }, entries: [step('withdraw', reg.state, to, viewer, a)], conditions: [owner(viewer)] }
}

// ---- Places ---------------------------------------------------------------------------------

/** The fields of a registration that say where it is. */
export type PlaceFields = Pick<
  RegistrationRecord,
  'unitId' | 'unitName' | 'unitCountyId' | 'communityId' | 'communityName' | 'communityLineage' | 'buildingId' | 'buildingName'
>

/** Where the form says: ids, checked against what was read for them. */
export interface PlaceInput {
  unitId: string
  communityId: string
  buildingId?: string
}

/** What the function read for a PlaceInput's ids (null: nothing with that id). */
export interface FoundPlace {
  unit: Pick<Unit, '_id' | 'name' | 'countyId'> | null
  community: OrgNode | null
  building: OrgNode | null
}

/**
 * The place fields of the form's ids, or the precise refusal: no such unit, no such community (a
 * street is not one), a building that is not a building of that community. `known` is the unit
 * the registration already names, used if the unit itself was not found under the same id.
 */
export function resolvePlace(input: PlaceInput, found: FoundPlace, known?: Pick<RegistrationRecord, 'unitId' | 'unitName' | 'unitCountyId'>): PlaceFields {
  const unit = found.unit?._id === input.unitId
    ? { unitId: found.unit._id, unitName: found.unit.name, unitCountyId: found.unit.countyId }
    : known && known.unitId === input.unitId
      ? { unitId: known.unitId, unitName: known.unitName, unitCountyId: known.unitCountyId }
      : null
  if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
  const community = found.community
  if (community?._id !== input.communityId || community.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  const building = input.buildingId ? found.building : null
  if (input.buildingId && (building?._id !== input.buildingId || building.kind !== 'building' || !isUnder(building, community._id))) {
    throw new DomainError('ORG.UNKNOWN_NODE', `所选楼栋不在${community.name}，请重新选择`)
  }
  return {
    ...unit,
    communityId: community._id,
    communityName: community.name,
    communityLineage: lineage(community),
    ...(building ? { buildingId: building._id, buildingName: building.name } : {}),
  }
}

/** Where a registration is, in words for a history entry. */
export function placeOf(doc: Pick<RegistrationRecord, 'unitName' | 'communityName' | 'buildingName'>): RegistrationPlace {
  return { unitName: doc.unitName, communityName: doc.communityName, ...(doc.buildingName ? { buildingName: doc.buildingName } : {}) }
}

/** What the form says about the person, besides the place. */
export interface PersonForm {
  name: string
  phone: string
  skills: readonly string[]
  skillNote?: string
  freeTime: readonly string[]
}

function personFields(form: PersonForm) {
  return {
    name: form.name,
    phone: form.phone,
    skills: [...new Set(form.skills)],
    ...(form.skillNote ? { skillNote: form.skillNote } : {}),
    freeTime: [...new Set(form.freeTime)],
  }
}

/** A first submission (提交报到): 待单位确认, its first history entry included. */
export function submittedRegistration(a: StepArgs & { id: string; by: RegistrationViewer; form: PersonForm; place: PlaceFields }): RegistrationRecord {
  const first = REGISTRATION_TRANSITIONS.confirmUnit.from[0]
  return {
    _id: a.id,
    userId: a.by.userId,
    ...personFields(a.form),
    ...a.place,
    state: first,
    history: [{ verb: 'submit', from: null, to: first, by: a.by.userId, byName: a.by.name, at: a.now }],
    createdAt: a.now,
    updatedAt: a.now,
  } as RegistrationRecord
}

// ---- Resubmit, move, bind -------------------------------------------------------------------

/**
 * 重新提交: the owner of a rejected registration corrects it. `current` is what the person's live
 * pointer names (their read joins it): if that one still counts, this one cannot come back.
 */
export function planResubmit(
  reg: RegistrationRecord | null,
  viewer: RegistrationViewer | null,
  a: StepArgs & { form: PersonForm; input: PlaceInput; found: FoundPlace; current: Pick<RegistrationRecord, 'state'> | null },
): RegistrationPlan {
  // Someone the backend does not know owns nothing (their read finds no registration either).
  if (!viewer) throw new DomainError('AUTH.FORBIDDEN', '只能重新提交您本人的报到')
  if (!reg) throw new DomainError('REGISTRATION.NOT_FOUND')
  if (reg.userId !== viewer.userId) throw new DomainError('AUTH.FORBIDDEN', '只能重新提交您本人的报到')
  const to = nextState(reg.state, 'resubmit')
  const place = resolvePlace(a.input, a.found, reg)
  if (a.current && isLive(a.current.state)) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')
  return {
    from: reg.state,
    to,
    set: { ...personFields(a.form), ...place, state: to, updatedAt: a.now },
    // The reason stays in the history entry of the rejection; the card no longer shows it.
    unset: [...(place.buildingId ? [] : ['buildingId', 'buildingName']), ...(a.form.skillNote ? [] : ['skillNote']), 'reason'],
    entries: [step('resubmit', reg.state, to, viewer, a)],
    conditions: [owner(viewer)],
  }
}

/** A move's plan: the close of the old registration, and where the new one starts. */
export interface MovePlan extends RegistrationPlan {
  place: PlaceFields
  startAt: 'pending_unit' | 'pending_community'
}

/**
 * 迁移 the caller's registered live registration: it closes as `moved`, naming the new one
 * (`newId`), and the new place is checked (the same place is no move: REGISTRATION.SAME_PLACE,
 * before the new place is judged).
 */
export function planMove(
  reg: RegistrationRecord | null,
  viewer: RegistrationViewer | null,
  a: StepArgs & { newId: string; input: PlaceInput; found: FoundPlace },
): MovePlan {
  if (!viewer || !reg || reg.userId !== viewer.userId) throw new DomainError('REGISTRATION.NOT_FOUND', '您还没有有效的报到，请先报到')
  const to = nextState(reg.state, 'move')
  const startAt = stateAfterMove(reg, a.input)
  const place = resolvePlace(a.input, a.found, reg)
  return {
    from: reg.state,
    to,
    set: { state: to, movedToId: a.newId, updatedAt: a.now },
    entries: [step('move', reg.state, to, viewer, a, { place: placeOf(place) })],
    conditions: [owner(viewer)],
    place,
    startAt,
  }
}

/**
 * The registration a move starts, linked to the one it closed (`previousId`) with a copy of that
 * one's history (`earlier`). With the same unit, the unit's confirmation is carried over, marked.
 */
export function movedInRegistration(old: RegistrationRecord, plan: MovePlan, a: StepArgs & { id: string; by: RegistrationViewer; form: PersonForm }): RegistrationRecord {
  const first = REGISTRATION_TRANSITIONS.confirmUnit.from[0]
  const history: StoredHistoryEntry[] = [{ verb: 'moveIn', from: null, to: first, by: a.by.userId, byName: a.by.name, at: a.now, place: placeOf(old) }]
  if (plan.startAt !== first) {
    const t = REGISTRATION_TRANSITIONS.confirmUnit
    const confirmed = [...old.history].reverse().find((h) => h.verb === 'confirmUnit')
    const { op: _op, ...kept } = confirmed ?? { verb: 'confirmUnit' as const, by: '', byName: old.unitName, at: a.now, op: undefined }
    history.push({ ...kept, verb: 'confirmUnit', from: first, to: t.to, carried: true })
  }
  return {
    _id: a.id,
    userId: a.by.userId,
    ...personFields(a.form),
    ...plan.place,
    state: plan.startAt,
    history,
    previousId: old._id,
    earlier: [...(old.earlier ?? []), { id: old._id, ...placeOf(old), history: [...old.history, ...plan.entries] }],
    createdAt: a.now,
    updatedAt: a.now,
  } as RegistrationRecord
}

/**
 * Which imported registration (bulk import, `userId: null`) a person registering with its phone
 * takes: the one with their name. The same phone under another name is someone else's
 * (REGISTRATION.PHONE_TAKEN); the same name, already bound to this person (`userId`, null for
 * someone new), is theirs already (REGISTRATION.ALREADY_REGISTERED: a second tap that read the
 * registration after the first bound it, but the person before the first claimed); bound to
 * someone else, it was claimed (REGISTRATION.ALREADY_CLAIMED).
 */
export function pickImported(candidates: readonly RegistrationRecord[], name: string, userId: string | null): RegistrationRecord {
  const named = candidates.filter((r) => r.name === name)
  if (!named.length) throw new DomainError('REGISTRATION.PHONE_TAKEN')
  if (userId && named.some((r) => r.userId === userId)) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')
  const imported = named.find((r) => r.userId === null)
  if (!imported) throw new DomainError('REGISTRATION.ALREADY_CLAIMED')
  return imported
}

/**
 * 认领: the person takes an imported registration as theirs. No change of state; the condition is
 * that nobody took it meanwhile (`userId: null`). The imported place stays (the import stands for
 * both confirmations); the form's skills join the imported ones, its free time and note are taken.
 */
export function planBind(reg: RegistrationRecord, viewer: RegistrationViewer, a: StepArgs & { form: Pick<PersonForm, 'skills' | 'skillNote' | 'freeTime'> }): RegistrationPlan {
  const to = nextState(reg.state, 'bind')
  return {
    from: reg.state,
    to,
    set: {
      userId: viewer.userId,
      skills: [...new Set([...(reg.skills ?? []), ...a.form.skills])],
      freeTime: [...new Set(a.form.freeTime)],
      ...(a.form.skillNote ? { skillNote: a.form.skillNote } : {}),
      updatedAt: a.now,
    },
    entries: [step('bind', reg.state, to, viewer, a)],
    conditions: [{ userId: null }],
  }
}
