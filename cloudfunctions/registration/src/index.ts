/**
 * Dual registration (双报到): a member reports to their work unit and their home community; the
 * unit's admin confirms first, then the community's admin. The lifecycle is the table in
 * domain/registration.ts, the scopes are domain/permissions.ts, the contract domain/api/registration.ts.
 * docs/registration.md and docs/API.md describe it in words, with the round trips of each action.
 */
import { randomBytes } from 'node:crypto'
import { addDoc, defineArea, ensureUser, findCallerWithLive, getDocs, updateDocs, type ActionContext } from '../../../server/kit'
import { registrationArea, type InviteTarget, type RegistrationOptions } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, can, reach, reachesAny, type Target } from '../../../domain/permissions'
import {
  FREE_TIME_SLOTS,
  isLive,
  nextState,
  SKILL_TAGS,
  type RegistrationRecord,
  type StoredHistoryEntry,
} from '../../../domain/registration'
import { bindImported, findImportedByPhone, isUnfinishedBind } from './bind'
import { toCard, toPendingItem } from './card'
import { decide, displayName, targetOf, type Caller } from './decide'
import { pendingWithCaller } from './pending'
import { move } from './move'
import { cardQr } from './qr'
import { resubmit } from './resubmit'

/** Registration ids are random and short: `reg:<id>` must fit a 32-character mini-program code scene. */
function newRegistrationId(): string {
  return randomBytes(10).toString('hex')
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN')

async function findRegistration(ctx: ActionContext, id: string): Promise<RegistrationRecord | null> {
  const [doc] = await getDocs<RegistrationRecord>(ctx.db.collection('registrations').where({ _id: id }).limit(1))
  return doc ?? null
}

async function findUnit(ctx: ActionContext, id: string): Promise<Unit | null> {
  const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: id }).limit(1))
  return unit ?? null
}

async function findCommunity(ctx: ActionContext, id: string): Promise<OrgNode | null> {
  const [node] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'community' }).limit(1))
  return node ?? null
}

export const main = defineArea(registrationArea, {
  /** 1 round trip. A scene names a community (`c:`) or a unit (`u:`); anything else has expired. */
  async resolveInvite({ scene }, ctx): Promise<InviteTarget> {
    const id = scene.slice(2)
    if (scene.startsWith('c:')) {
      const community = await findCommunity(ctx, id)
      if (community) return { kind: 'community', id: community._id, name: community.name }
    } else if (scene.startsWith('u:')) {
      const unit = await findUnit(ctx, id)
      if (unit) return { kind: 'unit', id: unit._id, name: unit.name }
    }
    throw new DomainError('ORG.INVITE_EXPIRED')
  },

  /**
   * 2 round trips: the org nodes (streets and communities, plus the chosen community's compounds
   * and buildings) in one query, and the units. With a community chosen, the lists keep to its county.
   */
  async options({ communityId }, ctx): Promise<RegistrationOptions> {
    const _ = ctx.db.command
    const places = { kind: _.in(['street', 'community']) }
    const nodeQuery = communityId ? _.or([places, { path: communityId, kind: _.in(['compound', 'building']) }]) : places
    const [nodes, units] = await Promise.all([
      getDocs<OrgNode>(ctx.db.collection('org_nodes').where(nodeQuery).limit(1000)),
      getDocs<Unit>(ctx.db.collection('units').limit(1000)),
    ])
    const byId = new Map(nodes.map((n) => [n._id, n]))
    const chosen = communityId ? byId.get(communityId) : undefined
    if (communityId && chosen?.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const countyId = chosen?.path[0]
    const inCounty = (n: OrgNode) => !countyId || n.path[0] === countyId

    const communities = nodes
      .filter((n) => n.kind === 'community' && inCounty(n))
      .map((n) => ({ id: n._id, name: n.name, streetName: (n.parentId && byId.get(n.parentId)?.name) || '' }))
      .sort((a, b) => a.streetName.localeCompare(b.streetName, 'zh-Hans-CN') || byName(a, b))
    const buildings = nodes
      .filter((n) => n.kind === 'building' && communityId && n.path.includes(communityId))
      .map((n) => ({
        id: n._id,
        name: n.name,
        compoundName: n.path.map((id) => byId.get(id)).find((p) => p?.kind === 'compound')?.name ?? '',
      }))
      .sort((a, b) => a.compoundName.localeCompare(b.compoundName, 'zh-Hans-CN') || byName(a, b))
    return {
      communities,
      units: units
        .filter((u) => !countyId || u.countyId === countyId)
        .map((u) => ({ id: u._id, name: u.name, kind: u.kind }))
        .sort(byName),
      buildings,
      skills: SKILL_TAGS,
      freeTime: FREE_TIME_SLOTS,
    }
  },

  /**
   * 6 round trips for a known person (caller, unit, org nodes and imported registrations with this
   * phone read together, claim, insert); 7 on first use (the person is created). Bad input is
   * refused after the reads, before any write.
   *
   * A bulk import may have registered this person already (`userId: null`, the same phone): with
   * the same name the person binds that registration instead (bind.ts: the same 6, or 7); another
   * name is REGISTRATION.PHONE_TAKEN, and an imported one someone already bound
   * REGISTRATION.ALREADY_CLAIMED, both after the reads (4), nothing written.
   *
   * One live registration per person is kept by the database, not by a read: the person's record
   * is claimed with a conditional update (`liveRegistrationId` still what was read, normally null)
   * before the registration is inserted under the claimed id, so of any number of simultaneous
   * submissions exactly one claims, and a crash between the two steps leaves a pointer to nothing
   * (healed on the next submission), never a second live registration.
   */
  async register(input, ctx) {
    const _ = ctx.db.command
    const nodeIds = input.buildingId ? [input.communityId, input.buildingId] : [input.communityId]
    const [{ caller: known, live }, unit, nodes, imports] = await Promise.all([
      findCallerWithLive<Caller, RegistrationRecord>(ctx),
      findUnit(ctx, input.unitId),
      getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in(nodeIds) }).limit(2)),
      findImportedByPhone(ctx, input.phone),
    ])
    if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
    const community = nodes.find((n) => n._id === input.communityId)
    if (community?.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const building = input.buildingId ? nodes.find((n) => n._id === input.buildingId) : undefined
    if (input.buildingId && (building?.kind !== 'building' || !building.path.includes(community._id))) {
      throw new DomainError('ORG.UNKNOWN_NODE', `所选楼栋不在${community.name}，请重新选择`)
    }

    // The pointer the claim expects to replace: null, or one left by a registration that ended
    // without clearing it (then it must not be live). The caller's read joined what it points at.
    let expected: string | null = null
    if (known?.liveRegistrationId) {
      // A pointer at a registration someone else owns is stale too: left by a bind of this
      // person's that crashed after its claim, and then lost to another person's bind.
      const theirs = live && live.userId !== null && live.userId !== known._id
      if (live && isLive(live.state) && !theirs && !isUnfinishedBind(live, imports, input.name)) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')
      expected = known.liveRegistrationId
    }
    if (imports.length) return bindImported(ctx, input, known, expected, imports)
    const { user } = await ensureUser<Caller>(ctx, known)

    const id = newRegistrationId()
    const users = ctx.db.collection('users')
    const claimed = await updateDocs(users.where({ _id: user._id, liveRegistrationId: expected }), {
      liveRegistrationId: id,
      name: input.name,
      phone: input.phone,
      updatedAt: ctx.now,
    })
    if (claimed === 0) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')

    const submit: StoredHistoryEntry = { verb: 'submit', from: null, to: 'pending_unit', by: user._id, byName: input.name, at: ctx.now }
    const record: RegistrationRecord = {
      _id: id,
      userId: user._id,
      name: input.name,
      phone: input.phone,
      unitId: unit._id,
      unitName: unit.name,
      unitCountyId: unit.countyId,
      communityId: community._id,
      communityName: community.name,
      communityLineage: lineage(community),
      ...(building ? { buildingId: building._id, buildingName: building.name } : {}),
      skills: [...new Set(input.skills)],
      ...(input.skillNote ? { skillNote: input.skillNote } : {}),
      freeTime: [...new Set(input.freeTime)],
      state: 'pending_unit',
      history: [submit],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    try {
      await addDoc(ctx.db.collection('registrations'), record)
    } catch (e) {
      await updateDocs(users.where({ _id: user._id, liveRegistrationId: id }), { liveRegistrationId: expected, updatedAt: ctx.now })
      throw e
    }
    return toCard(record)
  },

  /**
   * 1 round trip with a live registration (the caller's read joins it) or for someone never seen;
   * 2 without one (the latest registration is read). Reads only: nobody is created here.
   */
  async myCard(_input, ctx) {
    const { caller, live } = await findCallerWithLive<Caller, RegistrationRecord>(ctx)
    if (!caller) return null
    if (live) return toCard(live)
    const [latest] = await getDocs<RegistrationRecord>(
      ctx.db.collection('registrations').where({ userId: caller._id }).orderBy('createdAt', 'desc').limit(1),
    )
    return latest ? toCard(latest) : null
  },

  /**
   * 3 round trips: the caller with the live registration, the conditional state change (with its
   * history entry), the person's record (pointer cleared, which also ends the derived member role).
   */
  async withdraw(_input, ctx) {
    const { caller, live: doc } = await findCallerWithLive<Caller, RegistrationRecord>(ctx)
    if (!caller || !doc || doc.userId !== caller._id || !isLive(doc.state)) {
      throw new DomainError('REGISTRATION.NOT_FOUND', '您没有进行中的报到，无需撤回')
    }
    const to = nextState(doc.state, 'withdraw')
    const _ = ctx.db.command
    const entry: StoredHistoryEntry = { verb: 'withdraw', from: doc.state, to, by: caller._id, byName: displayName(caller), at: ctx.now }
    const changed = await updateDocs(ctx.db.collection('registrations').where({ _id: doc._id, userId: caller._id, state: doc.state }), {
      state: to,
      updatedAt: ctx.now,
      history: _.push(entry),
    })
    if (changed === 0) throw new DomainError('REGISTRATION.CHANGED')
    await updateDocs(ctx.db.collection('users').where({ _id: caller._id, liveRegistrationId: doc._id }), { liveRegistrationId: null, updatedAt: ctx.now })
    return toCard({ ...doc, state: to, updatedAt: ctx.now, history: [...doc.history, entry] })
  },

  /** 迁移 (move.ts): 6 round trips for a new home, 7 with a new unit. */
  move,

  /** 重新提交 a rejected registration (resubmit.ts): 5 round trips, 6 with a new unit, +1 when a stale pointer is checked. */
  resubmit,

  /** The 报到证's QR code as a PNG (qr.ts): 2 round trips. */
  cardQr,

  /**
   * 1 round trip in every case: one aggregation starting at the caller joins the scope document,
   * the page and the total (pending.ts). The answers are checked in the order of the contract
   * before any row leaves: no role that could list anything → AUTH.FORBIDDEN; no such unit or
   * community → ORG.UNKNOWN_*; out of the caller's reach → AUTH.FORBIDDEN; else the page, the
   * phone shown or masked per row on the row's own scope.
   */
  async listPending({ scope, scopeId, limit = 20, afterCreatedAt }, ctx) {
    const side = scope === 'unit' ? 'unit' : 'community'
    const answer = await pendingWithCaller(ctx, side, scopeId, limit, afterCreatedAt ? new Date(afterCreatedAt) : null)
    const grants = answer.caller?.roles ?? []
    const action = scope === 'unit' ? 'registration.listUnit' : 'registration.listCommunity'
    if (!reachesAny(reach(grants, action), scope === 'unit' ? 'unit' : 'org')) throw new DomainError('AUTH.FORBIDDEN')

    let target: Target
    if (scope === 'unit') {
      const unit = answer.scope as Pick<Unit, '_id' | 'countyId'> | null
      if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
      target = { kind: 'unit', unitId: unit._id, countyId: unit.countyId }
    } else {
      const community = answer.scope as Pick<OrgNode, '_id' | 'path' | 'kind'> | null
      if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
      target = { kind: 'org', lineage: lineage(community) }
    }
    authorize(grants, action, target)
    return {
      items: answer.items.map((d) => toPendingItem(d, can(grants, 'member.viewPhone', targetOf(d, side)))),
      total: answer.total,
    }
  },

  /** 2 round trips when every id is confirmed (caller, conditional update); +1 to explain failures. */
  async confirmUnit({ ids }, ctx) {
    const { done, failed } = await decide(ctx, 'confirmUnit', ids)
    return { done, failed: failed.map(({ id, error }) => ({ id, code: error.code, message: error.message })) }
  },

  /**
   * 2 round trips when every id is confirmed (caller, conditional update); +1 to explain failures.
   * No role is written: the member role is derived from the registered live registration
   * (domain/users.ts, withDerivedRoles).
   */
  async confirmCommunity({ ids }, ctx) {
    const decision = await decide(ctx, 'confirmCommunity', ids)
    return { done: decision.done, failed: decision.failed.map(({ id, error }) => ({ id, code: error.code, message: error.message })) }
  },

  /** 4 round trips: caller, conditional update, pointer cleared (a rejected registration is not live), the card. */
  async rejectUnit({ id, reason }, ctx) {
    return reject(ctx, 'rejectUnit', id, reason)
  },

  async rejectCommunity({ id, reason }, ctx) {
    return reject(ctx, 'rejectCommunity', id, reason)
  },
})

async function reject(ctx: ActionContext, verb: 'rejectUnit' | 'rejectCommunity', id: string, reason: string) {
  const { failed } = await decide(ctx, verb, [id], reason)
  if (failed.length) throw failed[0].error
  // Rejected is not live: free the person to submit again.
  await updateDocs(ctx.db.collection('users').where({ liveRegistrationId: id }), { liveRegistrationId: null, updatedAt: ctx.now })
  const doc = await findRegistration(ctx, id)
  if (!doc) throw new DomainError('REGISTRATION.NOT_FOUND')
  return toCard(doc)
}
