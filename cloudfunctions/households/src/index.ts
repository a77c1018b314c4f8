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
import { HOUSEHOLD_PAGE, householdsArea, type HouseholdDetail, type ResidentTag } from '../../../domain/api/households'
import { DomainError } from '../../../domain/errors'
import {
  checkDoor,
  checkResidents,
  DEFAULT_VISIT_RULES,
  dueGroups,
  tagsOf,
  visitDue,
  type HouseholdRecord,
  type Resident,
  type ResidentInput,
  type VisitRules,
} from '../../../domain/grid/households'
import { checkVisit, VISIT_PHOTO_RULES, type VisitRecord } from '../../../domain/grid/visits'
import { lineage as lineageOf, type OrgNode } from '../../../domain/org'
import { authorize, can, reach, reachesAny } from '../../../domain/permissions'
import { displayName, type UserRecord } from '../../../domain/users'
import { verifyPhotos } from '../../../server/kit/photos'
import { toDetail, toRow, toVisitView, type ListedHousehold } from './views'

const HOUSEHOLDS = 'households'
const VISITS = 'visits'
const NODES = 'org_nodes'
/** Rows per page of `list` (domain/api/households.ts): a screen or two on a phone, whatever the size of the place. */
const PAGE = HOUSEHOLD_PAGE
/** Households read per round of the due-date move: the most one database read answers in a function. */
const MOVE_READ = 1000
/** Rounds of the move at most (50,000 households); it also stops when a round reads exactly what the one before read. */
const MOVE_ROUNDS = 50
/** Conditional multi-updates of the due-date move in flight at once. */
const MOVE_PARALLEL = 8
/** Ids per `_id: _.in(...)` of one update (the planner's limit for an index lookup is 1000). */
const MOVE_IDS = 500
const VISITS_SHOWN = 100
const LISTABLE: OrgNode['kind'][] = ['community', 'compound', 'grid', 'building']
/** One collator for every sort: `localeCompare(…, 'zh')` builds one per call, which 2,000 rows feel. */
const ZH = new Intl.Collator('zh', { numeric: true })

type CommunityNode = OrgNode & { visitRules?: VisitRules; visitRulesVersion?: number }

const org = (lineage: readonly string[]) => ({ kind: 'org' as const, lineage })

/** The community's rules (the defaults when it set none) and their version (0 before any change). */
function rulesOf(ancestors: readonly CommunityNode[]): { rules: VisitRules; version: number } {
  const c = ancestors.find((n) => n.kind === 'community')
  return { rules: c?.visitRules ?? DEFAULT_VISIT_RULES, version: c?.visitRulesVersion ?? 0 }
}

/** The version a household's due was computed with, as a condition (null also matches a household that never had one). */
const versionRead = (h: Pick<HouseholdRecord, 'visitRulesVersion'>) => h.visitRulesVersion ?? null

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
  return { caller: caller!, grants, household, ...rulesOf(found.community as CommunityNode[]), visits: found.visits as VisitRecord[] }
}

function detailFor(ctx: ActionContext, grants: UserRecord['roles'], h: HouseholdRecord, visits: readonly VisitRecord[]): HouseholdDetail {
  const target = org(h.lineage)
  return toDetail(h, visits, ctx.now, { edit: can(grants ?? [], 'household.maintain', target), visit: can(grants ?? [], 'visit.record', target) })
}

/**
 * Moves the stored due date of the community's households to `rules` (version `version`), after
 * the community's rules were written. Each group of households with the same tags, the same start
 * (last visit, or creation when never visited) and the same version read is one conditional
 * multi-update `where({ _id ∈ group, tags, lastVisitAt, [createdAt], visitRulesVersion: read })`:
 * a visit or an edit that lands between the read and the update makes its household miss the
 * condition, and the next round reads it again. Writers that read the old rules condition on the
 * version they read, so once a household is moved they miss and read again (recordVisit, update).
 * Rounds (a read of up to 1000 households still on an older version, then their groups) go on
 * until none is left; a move cut short (households no update can match, read twice the same; a
 * timeout; more than 50,000 households) is finished by the next setVisitRules, the same rules
 * saved again included. Answers how many households were moved and the update round trips.
 */
async function moveDueDates(ctx: ActionContext, communityId: string, rules: VisitRules, version: number): Promise<{ moved: number; updates: number; done: boolean }> {
  const _ = ctx.db.command
  const households = ctx.db.collection(HOUSEHOLDS)
  let moved = 0
  let updates = 0
  let lastState = ''
  for (let round = 0; round < MOVE_ROUNDS; round++) {
    const stale = await getDocs<HouseholdRecord>(
      households
        .where({ lineage: communityId, visitRulesVersion: _.neq(version) })
        .field({ _id: true, tags: true, lastVisitAt: true, createdAt: true, visitRulesVersion: true })
        .limit(MOVE_READ),
    )
    const groups = dueGroups(stale, rules, version)
    if (groups.length === 0) return { moved, updates, done: true }
    // The same households in the same state as the round before: nothing can move them (a round
    // whose updates all missed because another writer got there first reads a changed state).
    const state = stale.map((h) => `${h._id}:${h.visitRulesVersion ?? ''}:${h.lastVisitAt ? new Date(h.lastVisitAt).getTime() : ''}:${h.tags.join()}`).join('|')
    if (state === lastState) break
    lastState = state
    const tasks = groups.flatMap((g) => {
      const chunks: string[][] = []
      for (let i = 0; i < g.ids.length; i += MOVE_IDS) chunks.push(g.ids.slice(i, i + MOVE_IDS))
      return chunks.map((chunk) => () => {
        const where: Record<string, unknown> = { _id: _.in(chunk), tags: g.tags, lastVisitAt: g.lastVisitAt, visitRulesVersion: g.version }
        if (g.createdAt) where.createdAt = g.createdAt
        return updateDocs(households.where(where), { visitDueAt: g.visitDueAt, visitRulesVersion: version })
      })
    })
    for (let i = 0; i < tasks.length; i += MOVE_PARALLEL) {
      const counts = await Promise.all(tasks.slice(i, i + MOVE_PARALLEL).map((t) => t()))
      updates += counts.length
      moved += counts.reduce((a, b) => a + b, 0)
    }
  }
  return { moved, updates, done: false }
}

/**
 * The household's last visit and due date, moved only forward, in one conditional update on the
 * household as read: its last visit earlier than this one (or none) and the rules version its due
 * was computed with. Missing it means a newer visit got there first (nothing to do) or the
 * household or the community's rules moved meanwhile: read both again (1 round trip) and retry.
 */
async function moveLastVisit(ctx: ActionContext, read: HouseholdRecord, readRules: { rules: VisitRules; version: number }, visitedAt: Date): Promise<void> {
  const _ = ctx.db.command
  let household = read
  let { rules, version } = readRules
  for (let attempt = 0; attempt < 3; attempt++) {
    const v = versionRead(household)
    const moved = await updateDocs(
      ctx.db.collection(HOUSEHOLDS).where(_.or([{ _id: household._id, lastVisitAt: null, visitRulesVersion: v }, { _id: household._id, lastVisitAt: _.lt(visitedAt), visitRulesVersion: v }])),
      { lastVisitAt: visitedAt, visitDueAt: visitDue({ ...household, lastVisitAt: visitedAt }, rules), visitRulesVersion: version },
    )
    if (moved === 1) return
    const { found } = await callerWith<'household' | 'community'>(ctx, {
      household: byId(HOUSEHOLDS, household._id),
      community: { from: NODES, localField: joined('household', 'communityId'), foreignField: '_id' },
    })
    const again = (found.household[0] as HouseholdRecord | undefined) ?? null
    if (!again || (again.lastVisitAt && new Date(again.lastVisitAt) >= visitedAt)) return
    household = again
    ;({ rules, version } = rulesOf(found.community as CommunityNode[]))
  }
}

const requests = defineArea(householdsArea, {
  /**
   * One round trip whatever the size: the caller, the place, one page of its households (index
   * `lineage_door` walked in door order from `offset`, or `lineage_due` for 只看逾期, longest overdue
   * first, stopping at the page) and two counts from the same indexes: how many households (with
   * the tag, if asked) and how many of them are overdue (`visitDueAt < now`, the stored due that
   * setVisitRules keeps to the rules). No household row beyond the page is read. The page is read
   * before the permission check but never leaves the function for a caller who may not see it.
   */
  async list({ placeId, overdue, tag, offset = 0 }, ctx) {
    const _ = ctx.db.command
    const all: Record<string, unknown> = { lineage: placeId }
    if (tag) all.tags = tag
    const late = { ...all, visitDueAt: _.lt(ctx.now) }
    const { caller, found } = await callerWith<'place' | 'households' | 'total' | 'overdue'>(ctx, {
      place: byId(NODES, placeId),
      households: {
        from: HOUSEHOLDS,
        match: overdue ? late : all,
        sort: overdue ? { visitDueAt: 1 } : { door: 1 },
        skip: offset,
        limit: PAGE,
        project: { _id: 1, buildingId: 1, buildingName: 1, door: 1, tags: 1, lastVisitAt: 1, visitDueAt: 1, 'residents.name': 1 },
      },
      total: { from: HOUSEHOLDS, match: all, count: true },
      overdue: { from: HOUSEHOLDS, match: late, count: true },
    })
    const grants = grantsOf(caller)
    const place = (found.place[0] as OrgNode | undefined) ?? null
    if (!place || !LISTABLE.includes(place.kind)) throw new DomainError('ORG.UNKNOWN_NODE')
    authorize(grants, 'household.view', org(lineageOf(place)))
    const items = (found.households as ListedHousehold[]).map((h) => toRow(h, ctx.now))
    const total = (found.total[0] as { n: number } | undefined)?.n ?? 0
    const overdueCount = (found.overdue[0] as { n: number } | undefined)?.n ?? 0
    const end = offset + items.length
    return {
      place: { id: place._id, name: place.name, kind: place.kind },
      items,
      total,
      overdueCount,
      nextOffset: items.length > 0 && end < (overdue ? overdueCount : total) ? end : null,
    }
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
    const { grants, household, visits } = await readHousehold(ctx, id)
    authorize(grants, 'household.view', org(household.lineage))
    return detailFor(ctx, grants, household, visits)
  },

  /**
   * A new door of a building: the caller with the building, its ancestors (the community's rules),
   * the insert, then the community's rules version once more: a change of the rules that came
   * between the first read and the insert may have moved the community's households before this
   * one existed, so it moves itself (conditional on the version it was written with, so a move that
   * did reach it wins). Any change after that read finds it in its own move. 4 round trips (+1
   * when the rules changed meanwhile).
   */
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
    const { rules, version } = rulesOf(ancestors)
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
      visitRulesVersion: version,
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
    const [again] = await getDocs<CommunityNode>(ctx.db.collection(NODES).where({ _id: community._id }).field({ kind: true, visitRules: true, visitRulesVersion: true }).limit(1))
    const latest = rulesOf(again ? [again] : [])
    if (again && latest.version !== version) {
      const moved = { visitDueAt: visitDue({ tags, lastVisitAt: null, createdAt: ctx.now }, latest.rules), visitRulesVersion: latest.version }
      if ((await updateDocs(ctx.db.collection(HOUSEHOLDS).where({ _id: record._id, visitRulesVersion: version }), moved)) === 1) Object.assign(record, moved)
    }
    return detailFor(ctx, grants, record, [])
  },

  /**
   * Replaces the residents; conditional on the household as read (its `updatedAt`, and the rules
   * version of its due date), so two editors never overwrite each other unseen and a due computed
   * from rules changed meanwhile is never written.
   */
  async update({ id, residents }, ctx) {
    const { grants, household, rules, version, visits } = await readHousehold(ctx, id)
    authorize(grants, 'household.maintain', org(household.lineage))
    const people = residentsOf(residents)
    const tags = tagsOf(people)
    const patch = { residents: people, tags, visitDueAt: visitDue({ ...household, tags }, rules), visitRulesVersion: version, updatedAt: ctx.now }
    const updated = await updateDocs(ctx.db.collection(HOUSEHOLDS).where({ _id: id, updatedAt: household.updatedAt, visitRulesVersion: versionRead(household) }), patch)
    if (updated !== 1) throw new DomainError('HOUSEHOLD.CHANGED')
    return detailFor(ctx, grants, { ...household, ...patch }, visits)
  },

  /**
   * Round trips: 1 the caller, the household, its community and any visit already stored under
   * this key; (the photos' storage check); 1 the insert; 1 the household's last visit, moved only
   * forward (a late-arriving older visit never pulls it back; +1 to find that out, see
   * moveLastVisit). A replay answers the stored visit.
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
    const photos = await verifyPhotos(input.photos, VISIT_PHOTO_RULES)
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
    await moveLastVisit(ctx, household, rulesOf(found.community as CommunityNode[]), visitedAt)
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

  /**
   * The rules replace the old ones whole (set(): a tag taken off the rules loses its interval) with
   * the next version, conditional on the version read, so of two admins saving at once one is told
   * VISIT.RULES_CHANGED and nothing of theirs is written. Then every household of the community
   * gets its stored due date under the new rules (moveDueDates), which is what 逾期 and the list's
   * counts compare. Round trips: 1 read, 1 the rules, then per round 1 read of the households still
   * on older rules and one conditional update per group of them (see moveDueDates).
   */
  async setVisitRules({ communityId, rules }, ctx) {
    const { caller, found } = await callerWith<'community'>(ctx, { community: byId(NODES, communityId) })
    const grants = grantsOf(caller)
    const community = (found.community[0] as CommunityNode | undefined) ?? null
    if (!community || community.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    authorize(grants, 'grid.settings', org(lineageOf(community)))
    const version = (community.visitRulesVersion ?? 0) + 1
    const written = await updateDocs(ctx.db.collection(NODES).where({ _id: communityId, kind: 'community', visitRulesVersion: community.visitRulesVersion ?? null }), {
      visitRules: ctx.db.command.set(rules),
      visitRulesVersion: version,
    })
    if (written !== 1) throw new DomainError('VISIT.RULES_CHANGED')
    await moveDueDates(ctx, communityId, rules, version)
    return { rules, canEdit: true }
  },
})

export const main = requests
