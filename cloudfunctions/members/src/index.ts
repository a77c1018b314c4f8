/**
 * The admins' work lists of dual registration (双报到): a community's members by compound and
 * building, a unit's members with 已报到/未报到, the units paired with a community and their
 * registered counts, and search by name or phone. Reads only. The scope of every list is part of
 * its database filter (rows.ts), and the scope itself is read to tell an unknown community or
 * unit (ORG.UNKNOWN_*) from one out of reach (AUTH.FORBIDDEN) before anything is answered.
 * docs/API.md (`members`) lists the round trips of each action.
 */
import { defineArea, findCaller, getDocs, type ActionContext } from '../../../server/kit'
import { membersArea, type BuildingCount, type CommunityMembers, type MemberRow } from '../../../domain/api/members'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, can, reach, reachesAny, type Target } from '../../../domain/permissions'
import { isPending, isRegistered, isRejected } from '../../../domain/registration'
import type { RoleGrant } from '../../../domain/roles'
import type { UserRecord } from '../../../domain/users'
import {
  byPlace,
  COMMUNITY_STATES,
  compoundsOf,
  escapeRegExp,
  PENDING_STATES,
  REGISTERED_STATES,
  ROW_FIELDS,
  scopeMatch,
  toMemberRow,
  UNIT_STATES,
  type Row,
} from './rows'

/** Lists stay within what one community or unit holds; a county-sized list would page in the database. */
const MAX_ROWS = 1000
const SEARCH_LIMIT = 20

const listAction = (side: 'community' | 'unit') => (side === 'unit' ? 'registration.listUnit' : 'registration.listCommunity')

/** The caller's grants; AUTH.FORBIDDEN at once when no grant could list anything on this side. */
async function callerFor(ctx: ActionContext, side: 'community' | 'unit') {
  const caller = await findCaller<UserRecord>(ctx)
  const grants = caller?.roles ?? []
  const r = reach(grants, listAction(side))
  if (!reachesAny(r, side === 'unit' ? 'unit' : 'org')) throw new DomainError('AUTH.FORBIDDEN')
  return { grants, r }
}

/** A community with its compounds and buildings, in one query. */
async function communityNodes(ctx: ActionContext, communityId: string, withPlaces: boolean) {
  const _ = ctx.db.command
  const query = withPlaces ? _.or([{ _id: communityId, kind: 'community' }, { path: communityId, kind: _.in(['compound', 'building']) }]) : { _id: communityId, kind: 'community' }
  const nodes = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where(query).limit(MAX_ROWS))
  const community = nodes.find((n) => n._id === communityId && n.kind === 'community')
  return { community, nodes }
}

async function findUnit(ctx: ActionContext, id: string): Promise<Unit | null> {
  const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: id }).limit(1))
  return unit ?? null
}

/** Scope first: unknown before forbidden, both before any row is answered. */
function communityTarget(community: OrgNode | undefined): Target {
  if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  return { kind: 'org', lineage: lineage(community) }
}

function unitTarget(unit: Unit | null): Target {
  if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
  return { kind: 'unit', unitId: unit._id, countyId: unit.countyId }
}

const phoneRule = (grants: RoleGrant[], side: 'community' | 'unit') => (d: Row) =>
  can(grants, 'member.viewPhone', side === 'unit' ? { kind: 'unit', unitId: d.unitId, countyId: d.unitCountyId } : { kind: 'org', lineage: d.communityLineage })

/** Rows sorted by place, with the per-building counts of the whole filter, and the page asked for. */
function listOf(rows: MemberRow[], limit: number, offset: number): Omit<CommunityMembers, 'community'> {
  rows.sort(byPlace)
  const counts = new Map<string, BuildingCount>()
  for (const row of rows) {
    const key = row.buildingId ?? ''
    const c = counts.get(key) ?? { compoundId: row.compoundId, compoundName: row.compoundName, buildingId: row.buildingId, buildingName: row.buildingName, count: 0 }
    c.count++
    counts.set(key, c)
  }
  return { items: rows.slice(offset, offset + limit), total: rows.length, buildings: [...counts.values()] }
}

export const main = defineArea(membersArea, {
  /**
   * 3 round trips: the caller, then the community with its compounds and buildings and the
   * registrations in the caller's scope, read together. 1 when the caller can list no community.
   */
  async communityMembers({ communityId, compoundId, buildingId, state = 'registered', limit = 50, offset = 0 }, ctx) {
    const { grants, r } = await callerFor(ctx, 'community')
    const _ = ctx.db.command
    const scope = scopeMatch(_, 'community', communityId, r)!
    const states = state === 'registered' ? REGISTERED_STATES : state === 'pending' ? PENDING_STATES : COMMUNITY_STATES
    const match: Record<string, unknown> = { ...scope, state: _.in([...states]) }
    if (buildingId) match.buildingId = buildingId
    const [{ community, nodes }, docs] = await Promise.all([
      communityNodes(ctx, communityId, true),
      getDocs<Row>(ctx.db.collection('registrations').where(match).field(ROW_FIELDS).limit(MAX_ROWS)),
    ])
    authorize(grants, 'registration.listCommunity', communityTarget(community))
    const compounds = compoundsOf(nodes)
    const viewPhone = phoneRule(grants, 'community')
    const rows = docs
      .map((d) => toMemberRow(d, viewPhone(d), d.buildingId ? compounds.get(d.buildingId) : null))
      .filter((row) => !compoundId || row.compoundId === compoundId)
    return { community: { id: community!._id, name: community!.name }, ...listOf(rows, limit, offset) }
  },

  /**
   * 支部党员: the registered members living in one compound. Its branch (小区党支部) dispatches the
   * compound's orders to these members (`order.dispatch` on the compound), and is offered them one
   * by one as an order's candidates already; this is the same people as a list, phones masked
   * (no `member.viewPhone`). Whoever lists the community (`registration.listCommunity`) may too.
   * 4 round trips: the caller; the compound and its buildings; then its community and the members
   * of those buildings, sent together. 1 when the caller holds neither permission anywhere.
   */
  async compoundMembers({ compoundId, limit = 50, offset = 0 }, ctx) {
    const caller = await findCaller<UserRecord>(ctx)
    const grants = caller?.roles ?? []
    if (!reachesAny(reach(grants, 'order.dispatch'), 'org') && !reachesAny(reach(grants, 'registration.listCommunity'), 'org')) throw new DomainError('AUTH.FORBIDDEN')
    const _ = ctx.db.command
    const nodes = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where(_.or([{ _id: compoundId, kind: 'compound' }, { path: compoundId, kind: 'building' }])).limit(MAX_ROWS))
    const compound = nodes.find((n) => n._id === compoundId && n.kind === 'compound')
    if (!compound) throw new DomainError('ORG.UNKNOWN_NODE')
    const target: Target = { kind: 'org', lineage: lineage(compound) }
    if (!can(grants, 'order.dispatch', target)) authorize(grants, 'registration.listCommunity', target)
    const buildingIds = nodes.filter((n) => n.kind === 'building').map((n) => n._id)
    const [communities, docs] = await Promise.all([
      getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: compound.parentId ?? '-', kind: 'community' }).limit(1)),
      buildingIds.length
        ? getDocs<Row>(ctx.db.collection('registrations').where({ buildingId: _.in(buildingIds), state: _.in([...REGISTERED_STATES]) }).field(ROW_FIELDS).limit(MAX_ROWS))
        : Promise.resolve([] as Row[]),
    ])
    const community = communities[0]
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const viewPhone = phoneRule(grants, 'community')
    const rows = docs.map((d) => toMemberRow(d, viewPhone(d), compound))
    return { community: { id: community._id, name: community.name }, compound: { id: compound._id, name: compound.name }, ...listOf(rows, limit, offset) }
  },

  /** 3 round trips: the caller, then the unit and its registrations in the caller's scope, together. 1 when the caller can list no unit. */
  async unitMembers({ unitId, limit = 50, offset = 0 }, ctx) {
    const { grants, r } = await callerFor(ctx, 'unit')
    const _ = ctx.db.command
    const scope = scopeMatch(_, 'unit', unitId, r)
    const [unit, docs] = await Promise.all([
      findUnit(ctx, unitId),
      scope ? getDocs<Row>(ctx.db.collection('registrations').where({ ...scope, state: _.in([...UNIT_STATES]) }).field(ROW_FIELDS).limit(MAX_ROWS)) : Promise.resolve([]),
    ])
    authorize(grants, 'registration.listUnit', unitTarget(unit))
    const viewPhone = phoneRule(grants, 'unit')
    // 未报到 first (what the admin still has to follow up), then 已报到, then 已退回; oldest first within each.
    const order = (d: Row) => (isRegistered(d.state) ? 1 : isRejected(d.state) ? 2 : 0)
    const sorted = [...docs].sort((a, b) => order(a) - order(b) || new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
    return {
      unit: { id: unit!._id, name: unit!.name },
      items: sorted.slice(offset, offset + limit).map((d) => toMemberRow(d, viewPhone(d))),
      counts: {
        total: docs.length,
        registered: docs.filter((d) => isRegistered(d.state)).length,
        pending: docs.filter((d) => isPending(d.state)).length,
      },
    }
  },

  /**
   * 4 round trips: the caller, then together the community, the units paired with it and one
   * aggregation (`$match` with the caller's scope, `$group` by unit) counting registered members.
   */
  async pairedUnits({ communityId }, ctx) {
    const { grants, r } = await callerFor(ctx, 'community')
    const _ = ctx.db.command
    const pipeline = (ctx.db.collection('registrations') as unknown as { aggregate(): AggregateBuilder }).aggregate()
    const [{ community }, units, grouped] = await Promise.all([
      communityNodes(ctx, communityId, false),
      getDocs<Unit>(ctx.db.collection('units').where({ pairedCommunityIds: communityId }).limit(MAX_ROWS)),
      pipeline
        .match({ ...scopeMatch(_, 'community', communityId, r)!, state: _.in([...REGISTERED_STATES]) })
        .group({ _id: '$unitId', registered: { $sum: 1 } })
        .end(),
    ])
    authorize(grants, 'registration.listCommunity', communityTarget(community))
    const counts = new Map((grouped.list as { _id: string; registered: number }[]).map((g) => [g._id, g.registered]))
    return {
      community: { id: community!._id, name: community!.name },
      units: units
        .map((u) => ({ id: u._id, name: u.name, kind: u.kind, registered: counts.get(u._id) ?? 0 }))
        .sort((a, b) => b.registered - a.registered || a.name.localeCompare(b.name, 'zh-Hans-CN')),
    }
  },

  /**
   * 3 round trips: the caller, then the scope (community with its places, or unit) and at most 20
   * matches in the caller's scope, together. The query is a literal fragment of a name or phone.
   */
  async search({ scope: side, scopeId, q }, ctx): Promise<{ items: MemberRow[] }> {
    const { grants, r } = await callerFor(ctx, side)
    const _ = ctx.db.command
    const scope = scopeMatch(_, side, scopeId, r)
    const pattern = ctx.db.RegExp({ regexp: escapeRegExp(q), options: 'i' })
    const states = side === 'unit' ? UNIT_STATES : COMMUNITY_STATES
    const query = scope ? _.and([{ ...scope, state: _.in([...states]) }, _.or([{ name: pattern }, { phone: pattern }])]) : null
    const [place, docs] = await Promise.all([
      side === 'unit' ? findUnit(ctx, scopeId) : communityNodes(ctx, scopeId, true),
      query ? getDocs<Row>(ctx.db.collection('registrations').where(query).field(ROW_FIELDS).orderBy('createdAt', 'asc').limit(SEARCH_LIMIT)) : Promise.resolve([]),
    ])
    let compounds = new Map<string, OrgNode>()
    if (side === 'unit') {
      authorize(grants, 'registration.listUnit', unitTarget(place as Unit | null))
    } else {
      const { community, nodes } = place as Awaited<ReturnType<typeof communityNodes>>
      authorize(grants, 'registration.listCommunity', communityTarget(community))
      compounds = compoundsOf(nodes)
    }
    const viewPhone = phoneRule(grants, side)
    return { items: docs.map((d) => toMemberRow(d, viewPhone(d), d.buildingId ? compounds.get(d.buildingId) : null)) }
  },
})

interface AggregateBuilder {
  match(q: object): AggregateBuilder
  group(g: object): AggregateBuilder
  end(): Promise<{ list: unknown[] }>
}
