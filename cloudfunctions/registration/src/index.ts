/**
 * Dual registration (双报到): a member reports to their work unit and their home community; the
 * unit's admin confirms first, then the community's admin. The lifecycle is the table in
 * domain/registration.ts, the scopes are domain/permissions.ts, the contract domain/api/registration.ts.
 * docs/registration.md and docs/API.md describe it in words, with the round trips of each action.
 */
import { addDoc, CALLERS_LIVE, changeState, defineArea, ensureUser, findCallerWithLive, getDocs, newId, updateDocs, type ActionContext } from '../../../server/kit'
import { registrationArea, type InviteTarget, type RegistrationOptions } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, can, reach, reachesAny, type Target } from '../../../domain/permissions'
import { FREE_TIME_SLOTS, isLive, SKILL_TAGS, type RegistrationRecord } from '../../../domain/registration'
import { planWithdraw, resolvePlace, submittedRegistration, targetOf, type RegistrationPlan } from '../../../domain/registration-verbs'
import { bindImported, findImportedByPhone, isUnfinishedBind } from './bind'
import { toCard, toPendingItem } from './card'
import { decide, reject, viewerOf, type Caller } from './decide'
import { pendingWithCaller } from './pending'
import { phoneOf, withPhone } from './phone'
import { move } from './move'
import { cardQr } from './qr'
import { resubmit } from './resubmit'

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN')

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
   * phone read together, claim, insert); 7 on first use (the person is created); +1 first when the
   * phone comes as WeChat's code (the exchange, phone.ts: a typed phone is refused unless the
   * function runs locally). Bad input is refused after the reads, before any write.
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
  async register(wire, ctx) {
    const _ = ctx.db.command
    // The schema let through a phone or a code, not neither.
    const input = withPhone(wire, (await phoneOf(wire))!)
    const nodeIds = input.buildingId ? [input.communityId, input.buildingId] : [input.communityId]
    const [{ caller: known, live }, unit, nodes, imports] = await Promise.all([
      findCallerWithLive<Caller, RegistrationRecord>(ctx),
      findUnit(ctx, input.unitId),
      getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in(nodeIds) }).limit(2)),
      findImportedByPhone(ctx, input.phone),
    ])
    const place = resolvePlace(input, {
      unit,
      community: nodes.find((n) => n._id === input.communityId) ?? null,
      building: nodes.find((n) => n._id === input.buildingId) ?? null,
    })

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

    // Short and random: `reg:<id>` must fit a 32-character mini-program code scene.
    const id = newId()
    const users = ctx.db.collection('users')
    const claimed = await updateDocs(users.where({ _id: user._id, liveRegistrationId: expected }), {
      liveRegistrationId: id,
      name: input.name,
      phone: input.phone,
      updatedAt: ctx.now,
    })
    if (claimed === 0) throw new DomainError('REGISTRATION.ALREADY_REGISTERED')

    const viewer = viewerOf(user, input.name)!
    const record = submittedRegistration({ now: ctx.now, id, by: viewer, form: input, place })
    try {
      await addDoc(ctx.db.collection('registrations'), record)
    } catch (e) {
      await updateDocs(users.where({ _id: user._id, liveRegistrationId: id }), { liveRegistrationId: expected, updatedAt: ctx.now })
      throw e
    }
    return toCard(record, viewer)
  },

  /**
   * 1 round trip with a live registration (the caller's read joins it) or for someone never seen;
   * 2 without one (the latest registration is read). Reads only: nobody is created here.
   */
  async myCard(_input, ctx) {
    const { caller, live } = await findCallerWithLive<Caller, RegistrationRecord>(ctx)
    if (!caller) return null
    if (live) return toCard(live, viewerOf(caller))
    const [latest] = await getDocs<RegistrationRecord>(
      ctx.db.collection('registrations').where({ userId: caller._id }).orderBy('createdAt', 'desc').limit(1),
    )
    return latest ? toCard(latest, viewerOf(caller)) : null
  },

  /**
   * 3 round trips: the caller with the live registration (one aggregation), the conditional state
   * change (planWithdraw: owner and state; with its history entry), the person's record (pointer
   * cleared, which also ends the derived member role).
   */
  async withdraw(_input, ctx) {
    const { after, read } = await changeState<RegistrationRecord, never, RegistrationPlan, Caller>(ctx, {
      collection: 'registrations',
      id: CALLERS_LIVE,
      plan: ({ caller, target }) => planWithdraw(target, viewerOf(caller), { now: ctx.now }),
      changed: 'REGISTRATION.CHANGED',
    })
    const caller = read.caller!
    await updateDocs(ctx.db.collection('users').where({ _id: caller._id, liveRegistrationId: after._id }), { liveRegistrationId: null, updatedAt: ctx.now })
    return toCard(after, viewerOf(caller))
  },

  /** 迁移 (move.ts): 4 round trips. */
  move,

  /** 重新提交 a rejected registration (resubmit.ts): 3 round trips. */
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
    const viewer = viewerOf(answer.caller)
    return {
      items: answer.items.map((d) => toPendingItem(d, can(grants, 'member.viewPhone', targetOf(d, side)), viewer)),
      total: answer.total,
    }
  },

  /** 2 round trips when every id is confirmed (caller, one conditional update over every id); +1 to explain failures (decide.ts). */
  async confirmUnit({ ids }, ctx) {
    const { done, failed } = await decide(ctx, 'confirmUnit', ids)
    return { done, failed: failed.map(({ id, error }) => ({ id, code: error.code, message: error.message })) }
  },

  /**
   * 2 round trips when every id is confirmed (caller, one conditional update over every id); +1
   * to explain failures. No role is written: the member role is derived from the registered live
   * registration (domain/users.ts, withDerivedRoles).
   */
  async confirmCommunity({ ids }, ctx) {
    const { done, failed } = await decide(ctx, 'confirmCommunity', ids)
    return { done, failed: failed.map(({ id, error }) => ({ id, code: error.code, message: error.message })) }
  },

  /** 3 round trips (decide.ts reject): the caller with the registration, the conditional update, the pointer cleared. */
  async rejectUnit({ id, reason }, ctx) {
    return reject(ctx, 'rejectUnit', id, reason)
  },

  async rejectCommunity({ id, reason }, ctx) {
    return reject(ctx, 'rejectCommunity', id, reason)
  },
})
