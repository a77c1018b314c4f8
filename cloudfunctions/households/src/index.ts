/**
 * Households and visits (网格居民 / 楼栋居民 / 走访记录), docs/grid.md. Residents' data is seen only
 * by the grid worker of the grid, the building head of the building and the community's admins
 * (`household.view` on the household's lineage); everyone else gets AUTH.FORBIDDEN, never an
 * empty list. Visits come from the device queue: the record's `_id` is the device's key, so a
 * retry after a lost answer stores nothing twice. Round trips per action are in docs/API.md.
 */
import {
  addDoc,
  byId,
  callerWith,
  defineArea,
  getDocs,
  isDuplicateKeyError,
  joined,
  newId,
  updateDocs,
  type ActionContext,
} from '../../../server/kit'
import { householdsArea, type HouseholdDetail, type ResidentTag } from '../../../domain/api/households'
import { DomainError } from '../../../domain/errors'
import {
  checkDoor,
  checkResidents,
  DEFAULT_VISIT_RULES,
  tagsOf,
  visitDue,
  type HouseholdRecord,
  type Resident,
  type ResidentInput,
  type VisitRules,
} from '../../../domain/grid/households'
import { checkVisit, type VisitRecord } from '../../../domain/grid/visits'
import { lineage as lineageOf, type OrgNode } from '../../../domain/org'
import { authorize, can, reach, reachesAny } from '../../../domain/permissions'
import { displayName, type UserRecord } from '../../../domain/users'
import { verifyPhotos } from '../../wishes/src/photos'
import { toDetail, toRow, toVisitView, type ListedHousehold } from './views'

const HOUSEHOLDS = 'households'
const VISITS = 'visits'
const NODES = 'org_nodes'
/** A grid has a few thousand doors at most; a community, some more. */
const LIST_MAX = 10_000
const VISITS_SHOWN = 100
const LISTABLE: OrgNode['kind'][] = ['community', 'compound', 'grid', 'building']
/** One collator for every sort: `localeCompare(…, 'zh')` builds one per call, which 2,000 rows feel. */
const ZH = new Intl.Collator('zh', { numeric: true })

type CommunityNode = OrgNode & { visitRules?: VisitRules }

const org = (lineage: readonly string[]) => ({ kind: 'org' as const, lineage })

/** The community's rules, or the defaults when it set none. */
const rulesOf = (ancestors: readonly CommunityNode[]): VisitRules => ancestors.find((n) => n.kind === 'community')?.visitRules ?? DEFAULT_VISIT_RULES

function grantsOf(caller: UserRecord | null) {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  return caller.roles ?? []
}

function residentsOf(input: readonly (ResidentInput & { id?: string })[]): Resident[] {
  checkResidents(input)
  return input.map((r) => ({
    id: r.id || newId().slice(0, 10),
    name: r.name.trim(),
    tags: [...new Set(r.tags)] as ResidentTag[],
    phone: r.phone ? r.phone.replace(/\D/g, '') : null,
    birthYear: r.birthYear ?? null,
    note: r.note ?? '',
  }))
}

/** The caller, the household, its community (rules) and its latest visits: one aggregation. */
async function readHousehold(ctx: ActionContext, id: string) {
  const { caller, found } = await callerWith<'household' | 'community' | 'visits'>(ctx, {
    household: byId(HOUSEHOLDS, id),
    community: { from: NODES, localField: joined('household', 'communityId'), foreignField: '_id' },
    visits: { from: VISITS, match: { householdId: id }, limit: VISITS_SHOWN },
  })
  const grants = grantsOf(caller)
  const household = (found.household[0] as HouseholdRecord | undefined) ?? null
  if (!household) throw new DomainError('HOUSEHOLD.NOT_FOUND')
  return { caller: caller!, grants, household, rules: rulesOf(found.community as CommunityNode[]), visits: found.visits as VisitRecord[] }
}

function detailFor(ctx: ActionContext, grants: UserRecord['roles'], h: HouseholdRecord, visits: readonly VisitRecord[], rules: VisitRules): HouseholdDetail {
  const target = org(h.lineage)
  return toDetail(h, visits, rules, ctx.now, { edit: can(grants ?? [], 'household.maintain', target), visit: can(grants ?? [], 'visit.record', target) })
}

const requests = defineArea(householdsArea, {
  /**
   * One round trip whatever the size: the caller, the place, its ancestors (the community's
   * rules) and every household whose lineage holds the place (index `lineage_door`), trimmed to
   * what a row shows. The households are read before the permission check but never leave the
   * function for a caller who may not see them.
   */
  async list({ placeId, overdue, tag }, ctx) {
    const match: Record<string, unknown> = { lineage: placeId }
    if (tag) match.tags = tag
    const { caller, found } = await callerWith<'place' | 'households' | 'community'>(ctx, {
      place: byId(NODES, placeId),
      households: {
        from: HOUSEHOLDS,
        match,
        limit: LIST_MAX,
        project: { _id: 1, communityId: 1, buildingId: 1, buildingName: 1, door: 1, tags: 1, lastVisitAt: 1, createdAt: 1, 'residents.name': 1 },
      },
      // The rules of the households' community (a place without households has nothing overdue).
      community: { from: NODES, localField: joined('households', 'communityId'), foreignField: '_id' },
    })
    const grants = grantsOf(caller)
    const place = (found.place[0] as OrgNode | undefined) ?? null
    if (!place || !LISTABLE.includes(place.kind)) throw new DomainError('ORG.UNKNOWN_NODE')
    authorize(grants, 'household.view', org(lineageOf(place)))
    const rules = rulesOf([place as CommunityNode, ...(found.community as CommunityNode[])])
    const rows = (found.households as ListedHousehold[]).map((h) => toRow(h, rules, ctx.now))
    rows.sort((a, b) => ZH.compare(a.buildingName, b.buildingName) || ZH.compare(a.door, b.door))
    const overdueCount = rows.filter((r) => r.overdue).length
    return { place: { id: place._id, name: place.name, kind: place.kind }, items: overdue ? rows.filter((r) => r.overdue) : rows, overdueCount }
  },

  /** The grids and buildings the caller's roles reach (and the community itself for its admins). */
  async places(_input, ctx) {
    const { caller } = await callerWith(ctx, {})
    const scopes = reach(grantsOf(caller), 'household.view')
    if (!reachesAny(scopes, 'org')) throw new DomainError('AUTH.FORBIDDEN')
    const _ = ctx.db.command
    const nodes = await getDocs<OrgNode>(
      ctx.db
        .collection(NODES)
        .where(_.or([{ _id: _.in(scopes.orgIds) }, { path: _.in(scopes.orgIds), kind: _.in(['grid', 'building']) }]))
        .limit(500),
    )
    const byIdMap = new Map(nodes.map((n) => [n._id, n]))
    const order: Record<string, number> = { community: 0, compound: 1, grid: 2, building: 3 }
    const places = nodes
      .filter((n) => LISTABLE.includes(n.kind) && n.kind !== 'compound')
      .sort((a, b) => order[a.kind] - order[b.kind] || ZH.compare(a.name, b.name))
      .map((n) => ({ id: n._id, name: n.name, kind: n.kind, parentName: (n.parentId && byIdMap.get(n.parentId)?.name) || null }))
    return { places }
  },

  async get({ id }, ctx) {
    const { grants, household, rules, visits } = await readHousehold(ctx, id)
    authorize(grants, 'household.view', org(household.lineage))
    return detailFor(ctx, grants, household, visits, rules)
  },

  /** A new door of a building: the caller with the building, its ancestors (the community's rules), the insert. */
  async create({ buildingId, door, residents }, ctx) {
    const { caller, found } = await callerWith<'building'>(ctx, { building: byId(NODES, buildingId) })
    const grants = grantsOf(caller)
    const building = (found.building[0] as OrgNode | undefined) ?? null
    if (!building || building.kind !== 'building') throw new DomainError('HOUSEHOLD.NOT_BUILDING')
    const lineage = lineageOf(building)
    authorize(grants, 'household.maintain', org(lineage))
    const _ = ctx.db.command
    const ancestors = await getDocs<CommunityNode>(ctx.db.collection(NODES).where({ _id: _.in(building.path) }).limit(building.path.length))
    const community = ancestors.find((n) => n.kind === 'community')
    const grid = ancestors.find((n) => n.kind === 'grid')
    if (!community || !grid) throw new DomainError('ORG.UNKNOWN_NODE')
    const people = residentsOf(residents)
    const tags = tagsOf(people)
    const rules = rulesOf(ancestors)
    const record: HouseholdRecord = {
      _id: newId(),
      communityId: community._id,
      gridId: grid._id,
      buildingId: building._id,
      buildingName: building.name,
      lineage,
      door: checkDoor(door),
      residents: people,
      tags,
      lastVisitAt: null,
      visitDueAt: visitDue({ tags, lastVisitAt: null, createdAt: ctx.now }, rules),
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: caller!._id,
    }
    try {
      await addDoc(ctx.db.collection(HOUSEHOLDS), record)
    } catch (e) {
      if (isDuplicateKeyError(e)) throw new DomainError('HOUSEHOLD.DUPLICATE_DOOR')
      throw e
    }
    return detailFor(ctx, grants, record, [], rules)
  },

  /** Replaces the residents; conditional on the version read, so two editors never overwrite each other unseen. */
  async update({ id, residents }, ctx) {
    const { grants, household, rules, visits } = await readHousehold(ctx, id)
    authorize(grants, 'household.maintain', org(household.lineage))
    const people = residentsOf(residents)
    const tags = tagsOf(people)
    const patch = { residents: people, tags, visitDueAt: visitDue({ ...household, tags }, rules), updatedAt: ctx.now }
    const updated = await updateDocs(ctx.db.collection(HOUSEHOLDS).where({ _id: id, updatedAt: household.updatedAt }), patch)
    if (updated !== 1) throw new DomainError('HOUSEHOLD.CHANGED')
    return detailFor(ctx, grants, { ...household, ...patch }, visits, rules)
  },

  /**
   * Round trips: 1 the caller, the household, its community and any visit already stored under
   * this key; (the photos' storage check); 1 the insert; 1 the household's last visit, moved only
   * forward (a late-arriving older visit never pulls it back). A replay answers the stored visit.
   */
  async recordVisit(input, ctx) {
    const visitedAt = checkVisit(input, ctx.now)
    const householdId = input.householdId!
    const { caller, found } = await callerWith<'household' | 'community' | 'stored'>(ctx, {
      household: byId(HOUSEHOLDS, householdId),
      community: { from: NODES, localField: joined('household', 'communityId'), foreignField: '_id' },
      stored: byId(VISITS, input.key),
    })
    const grants = grantsOf(caller)
    const stored = (found.stored[0] as VisitRecord | undefined) ?? null
    const replay = (v: VisitRecord) => {
      // Keys are the device's own: one that another person stored is not this record.
      if (v.by !== caller!._id) throw new DomainError('VISIT.BAD_KEY')
      return { visit: toVisitView(v), created: false }
    }
    if (stored) return replay(stored)
    const household = (found.household[0] as HouseholdRecord | undefined) ?? null
    if (!household) throw new DomainError('HOUSEHOLD.NOT_FOUND')
    authorize(grants, 'visit.record', org(household.lineage))
    const photos = input.photos.length ? await verifyPhotos(input.photos, 3, false) : []
    const record: VisitRecord = {
      _id: input.key,
      householdId,
      door: household.door,
      buildingName: household.buildingName,
      lineage: household.lineage,
      communityId: household.communityId,
      gridId: household.gridId,
      visitedAt,
      by: caller!._id,
      byName: displayName(caller!),
      seen: input.seen.trim(),
      needs: input.needs.map((n) => ({ kind: n.kind, text: n.text.trim(), followUp: null })),
      photos,
      createdAt: ctx.now,
    }
    try {
      await addDoc(ctx.db.collection(VISITS), record)
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
      const [again] = await getDocs<VisitRecord>(ctx.db.collection(VISITS).where({ _id: input.key }).limit(1))
      if (!again) throw e
      return replay(again)
    }
    const _ = ctx.db.command
    const rules = rulesOf(found.community as CommunityNode[])
    await updateDocs(
      ctx.db.collection(HOUSEHOLDS).where(_.or([{ _id: householdId, lastVisitAt: null }, { _id: householdId, lastVisitAt: _.lt(visitedAt) }])),
      { lastVisitAt: visitedAt, visitDueAt: visitDue({ ...household, lastVisitAt: visitedAt }, rules) },
    )
    return { visit: toVisitView(record), created: true }
  },

  /** The caller's own visits, newest first: 2 round trips (the caller, then the index `by_time`). */
  async myVisits({ limit }, ctx) {
    const { caller } = await callerWith(ctx, {})
    if (!reachesAny(reach(grantsOf(caller), 'visit.record'), 'org')) throw new DomainError('AUTH.FORBIDDEN')
    const items = await getDocs<VisitRecord>(ctx.db.collection(VISITS).where({ by: caller!._id }).orderBy('visitedAt', 'desc').limit(limit ?? 50))
    return { items: items.map(toVisitView) }
  },

  /** A need of a visit became a wish or an order: its author or whoever may record visits there marks it. */
  async linkNeed({ visitId, index, kind, targetId }, ctx) {
    const { caller, found } = await callerWith<'visit'>(ctx, { visit: byId(VISITS, visitId) })
    const grants = grantsOf(caller)
    const visit = (found.visit[0] as VisitRecord | undefined) ?? null
    if (!visit) throw new DomainError('VISIT.NOT_FOUND')
    if (visit.by !== caller!._id) authorize(grants, 'visit.record', org(visit.lineage))
    if (!visit.needs[index]) throw new DomainError('VISIT.NOT_FOUND', '这条走访记录没有这项需求')
    const followUp = { kind, id: targetId }
    await updateDocs(ctx.db.collection(VISITS).where({ _id: visitId }), { [`needs.${index}.followUp`]: ctx.db.command.set(followUp) })
    return toVisitView({ ...visit, needs: visit.needs.map((n, i) => (i === index ? { ...n, followUp } : n)) })
  },

  /** Anyone who sees households may read the rules (they explain 逾期); the community's admins change them. */
  async getVisitRules({ communityId }, ctx) {
    const { caller, found } = await callerWith<'community'>(ctx, { community: byId(NODES, communityId) })
    const grants = grantsOf(caller)
    const community = (found.community[0] as CommunityNode | undefined) ?? null
    if (!community || community.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    if (!reachesAny(reach(grants, 'household.view'), 'org')) throw new DomainError('AUTH.FORBIDDEN')
    return { rules: community.visitRules ?? DEFAULT_VISIT_RULES, canEdit: can(grants, 'grid.settings', org(lineageOf(community))) }
  },

  /** The lists compute 逾期 from the rules as they are now, so nothing else is rewritten here. */
  async setVisitRules({ communityId, rules }, ctx) {
    const { caller, found } = await callerWith<'community'>(ctx, { community: byId(NODES, communityId) })
    const grants = grantsOf(caller)
    const community = (found.community[0] as CommunityNode | undefined) ?? null
    if (!community || community.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    authorize(grants, 'grid.settings', org(lineageOf(community)))
    // set(): the rules replace the old ones whole, so a tag taken off the rules loses its interval.
    await updateDocs(ctx.db.collection(NODES).where({ _id: communityId, kind: 'community' }), { visitRules: ctx.db.command.set(rules) })
    return { rules, canEdit: true }
  },
})

export const main = requests
