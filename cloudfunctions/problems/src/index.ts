/**
 * Patrol problems (步巡: 发现问题 → 现场开会 → 现场解决), domain/problems: anyone with an identity
 * reports what they saw on a patrol (a photo, a place of the tree, words); the grid worker, the
 * branch or the community holds the meeting on the spot; the community assigns it (a paired unit,
 * a registered member, or itself) with a deadline; the assignee solves it with a photo; the
 * reporter (or the community) confirms. Every change goes through server/kit changeState with a
 * plan from domain/problems/plan.ts; the timer `escalate` tells the community, then the street,
 * then the county about late problems (sweep.ts).
 */
import { addDoc, byId, callerWith, changeState, defineArea, getDocs, newId, now as clockNow, ofTarget, opId, withTimers, type ActionContext, type Join, type Read } from '../../../server/kit'
import { database } from '../../../server/kit/db'
import { verifyPhotos } from '../../../server/kit/photos'
import { checkPhotoSet } from '../../../domain/photos'
import { problemsArea } from '../../../domain/api/problems'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { can } from '../../../domain/permissions'
import {
  isDispatcher,
  mayRead,
  planProblem,
  PROBLEM_PHOTO_RULES,
  type ProblemArgs,
  type ProblemAssignee,
  type ProblemPlan,
  type ProblemRecord,
  type ProblemVerb,
} from '../../../domain/problems'
import { isRegistered, type RegistrationRecord } from '../../../domain/registration'
import { nameOf, PROBLEMS, viewerOf, type Caller, type Live } from './common'
import { notifyAssigned, notifySolved } from './notify'
import { sweep } from './sweep'
import { toDetail, toRow } from './views'

const LIST_MAX = 50
const MEMBERS_MAX = 200
const PLACES_MAX = 200

type ProblemRead = Read<ProblemRecord, string, Caller, Live>

function change(ctx: ActionContext, id: string, plan: (read: ProblemRead) => ProblemPlan, joins?: Record<string, Join>) {
  return changeState<ProblemRecord, string, ProblemPlan, Caller, Live>(ctx, { collection: PROBLEMS, id, joins, plan, changed: 'PROBLEM.CHANGED' })
}

/** One verb through the one write path; answers the problem as written, for the caller. */
async function step(ctx: ActionContext, id: string, verb: ProblemVerb, args: Omit<ProblemArgs, 'now' | 'op'>, joins?: Record<string, Join>, check?: (read: ProblemRead) => Omit<ProblemArgs, 'now' | 'op'>) {
  const op = opId()
  const done = await change(
    ctx,
    id,
    (read) => planProblem(read.target, viewerOf(read.caller, read.live), verb, { ...args, ...(check ? check(read) : {}), now: ctx.now, op }),
    joins,
  )
  return { after: done.after, viewer: viewerOf(done.read.caller, done.read.live) }
}

const textLength = (s: string) => Array.from(s.trim()).length

/** The communities the caller's places (grid, compound, community) lie in. */
function staffCommunityIds(nodes: readonly OrgNode[]): string[] {
  const out = new Set<string>()
  for (const n of nodes) {
    const l = lineage(n)
    if (l.length >= 3) out.add(l[2])
  }
  return [...out]
}

const requests = defineArea(problemsArea, {
  /**
   * 2 round trips: the caller with the place; the insert, whose history is its audit; between them
   * the photos' storage check (server/kit/photos.ts): what is stored is what the files really are.
   */
  async report({ category, description, placeNodeId, address, photos: declared }, ctx) {
    if (!placeNodeId) throw new DomainError('PROBLEM.NO_PLACE')
    if (textLength(description) < 2) throw new DomainError('PROBLEM.TEXT_EMPTY')
    checkPhotoSet(declared, PROBLEM_PHOTO_RULES)
    const { caller, live, found } = await callerWith<'place', Caller, Live>(ctx, { place: byId('org_nodes', placeNodeId) })
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const place = (found.place[0] as OrgNode | undefined) ?? null
    const placeLineage = place ? lineage(place) : []
    // county → street → community → …: a problem is somewhere in a community.
    if (!place || placeLineage.length < 3) throw new DomainError('PROBLEM.NO_PLACE')
    const photos = await verifyPhotos(declared, PROBLEM_PHOTO_RULES)
    const name = nameOf(caller, live)
    const record: ProblemRecord = {
      _id: newId(),
      state: 'reported',
      stateSince: ctx.now,
      category,
      description: description.trim(),
      placeNodeId: place._id,
      placeName: place.name,
      address: address.trim(),
      lineage: placeLineage,
      communityId: placeLineage[2],
      photos,
      reporterId: caller._id,
      reporterName: name,
      assignee: null,
      dueAt: null,
      overdue: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      history: [{ verb: 'report', from: null, to: 'reported', by: caller._id, byName: name, at: ctx.now, op: opId() }],
    }
    await addDoc(ctx.db.collection(PROBLEMS), record)
    return toDetail(record, viewerOf(caller, live))
  },

  /** 1 round trip. */
  async get({ id }, ctx) {
    const { caller, live, found } = await callerWith<'problem', Caller, Live>(ctx, { problem: byId(PROBLEMS, id) })
    const viewer = viewerOf(caller, live)
    const p = (found.problem[0] as ProblemRecord | undefined) ?? null
    if (!p || !mayRead(viewer, p)) throw new DomainError('PROBLEM.NOT_FOUND')
    return toDetail(p, viewer)
  },

  /**
   * `mine`: what I reported; `community`: a community's problems for its staff (and the street
   * and county above, to read); `assigned`: what was assigned to me, my unit or my community.
   */
  async list({ view, communityId, state }, ctx) {
    const { caller, live } = await callerWith<never, Caller, Live>(ctx, {})
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const grants = caller.roles ?? []
    const _ = ctx.db.command
    const problems = ctx.db.collection(PROBLEMS)
    const stateFilter = state ? { state } : {}
    let rows: ProblemRecord[]
    if (view === 'mine') {
      rows = await getDocs<ProblemRecord>(problems.where({ reporterId: caller._id, ...stateFilter }).orderBy('createdAt', 'desc').limit(LIST_MAX))
    } else if (view === 'assigned') {
      const ids = [caller._id, ...grants.filter((g) => (g.kind === 'unit_admin' || g.kind === 'community_admin') && g.scopeId).map((g) => g.scopeId!)]
      rows = await getDocs<ProblemRecord>(problems.where({ 'assignee.id': _.in(ids), ...(state ? stateFilter : { state: _.in(['assigned', 'solved']) }) }).orderBy('createdAt', 'desc').limit(LIST_MAX))
    } else {
      let chosen = communityId
      if (!chosen) {
        const scoped = grants.filter((g) => g.scopeId && ['grid_worker', 'branch_admin', 'community_admin'].includes(g.kind)).map((g) => g.scopeId!)
        const nodes = scoped.length ? await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in(scoped) }).limit(scoped.length)) : []
        chosen = staffCommunityIds(nodes)[0]
      }
      if (!chosen) throw new DomainError('AUTH.FORBIDDEN')
      const [community] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: chosen, kind: 'community' }).limit(1))
      if (!community) throw new DomainError('AUTH.FORBIDDEN')
      const target = { kind: 'org' as const, lineage: lineage(community) }
      const whole = can(grants, 'problem.dispatch', target) || can(grants, 'problem.overview', target)
      // A grid worker or a branch sees their part of the community: the problems of their places.
      const parts = grants.filter((g) => (g.kind === 'grid_worker' || g.kind === 'branch_admin') && g.scopeId).map((g) => g.scopeId!)
      if (!whole && parts.length === 0) throw new DomainError('AUTH.FORBIDDEN')
      rows = await getDocs<ProblemRecord>(
        problems.where({ communityId: chosen, ...stateFilter, ...(whole ? {} : { lineage: _.in(parts) }) }).orderBy('createdAt', 'desc').limit(LIST_MAX),
      )
      if (!whole && rows.length === 0 && !(await partOf(ctx, parts, chosen))) throw new DomainError('AUTH.FORBIDDEN')
    }
    const viewer = viewerOf(caller, live)
    return { items: rows.filter((p) => mayRead(viewer, p)).map(toRow) }
  },

  /** The grid worker, the branch or the community, on the spot: who attended, what was decided. */
  async holdMeeting({ id, attendees, decision }, ctx) {
    const { after, viewer } = await step(ctx, id, 'holdMeeting', { meeting: { attendees, decision } })
    return toDetail(after, viewer)
  },

  /**
   * The community: to a paired unit, a registered member of the community, or itself, with a
   * deadline. The candidate is read in the same aggregation as the caller and the problem.
   */
  async assign({ id, assignee, dueAt }, ctx) {
    const joins: Record<string, Join> = {
      unit: byId('units', assignee.kind === 'unit' ? assignee.id : '-'),
      member: { from: 'registrations', match: { userId: assignee.kind === 'member' ? assignee.id : '-', state: 'registered' }, limit: 5 },
      community: { from: 'org_nodes', localField: ofTarget('communityId'), foreignField: '_id' },
    }
    const due = new Date(dueAt)
    const { after, viewer } = await step(ctx, id, 'assign', { dueAt: due }, joins, (read) => ({ assignee: resolveAssignee(read, assignee) }))
    if (after.assignee) await notifyAssigned(ctx.db, after, after.assignee)
    return toDetail(after, viewer)
  },

  /**
   * The assignee, with a photo of the work done (checked in storage first, as the report's; none
   * is the planner's PROBLEM.PHOTO_REQUIRED, after the caller's right); the reporter is told to confirm.
   */
  async solve({ id, note, photos: declared }, ctx) {
    const photos = declared.length ? await verifyPhotos(declared, PROBLEM_PHOTO_RULES) : []
    const { after, viewer } = await step(ctx, id, 'solve', { solution: { note, photos } })
    await notifySolved(ctx.db, after)
    return toDetail(after, viewer)
  },

  async confirm({ id }, ctx) {
    const { after, viewer } = await step(ctx, id, 'confirm', {})
    return toDetail(after, viewer)
  },

  async reopen({ id, reason }, ctx) {
    const { after, viewer } = await step(ctx, id, 'reopen', { reason })
    if (after.assignee) await notifyAssigned(ctx.db, after, after.assignee)
    return toDetail(after, viewer)
  },

  async dismiss({ id, reason }, ctx) {
    const { after, viewer } = await step(ctx, id, 'dismiss', { reason })
    return toDetail(after, viewer)
  },

  /** The community's admin: the community itself, its paired units, its registered members. 2 round trips. */
  async assignees({ id }, ctx) {
    const { caller, live, found } = await callerWith<'problem', Caller, Live>(ctx, { problem: byId(PROBLEMS, id) })
    const viewer = viewerOf(caller, live)
    const p = (found.problem[0] as ProblemRecord | undefined) ?? null
    if (!p || !mayRead(viewer, p)) throw new DomainError('PROBLEM.NOT_FOUND')
    if (!isDispatcher(viewer, p)) throw new DomainError('AUTH.FORBIDDEN')
    const [community, units, members] = await Promise.all([
      getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: p.communityId }).limit(1)),
      getDocs<Unit>(ctx.db.collection('units').where({ pairedCommunityIds: p.communityId }).limit(100)),
      getDocs<RegistrationRecord>(ctx.db.collection('registrations').where({ communityId: p.communityId, state: 'registered' }).limit(MEMBERS_MAX)),
    ])
    return {
      options: [
        ...community.map((c) => ({ kind: 'community' as const, id: c._id, name: c.name })),
        ...units.map((u) => ({ kind: 'unit' as const, id: u._id, name: u.name })),
        ...members.filter((m) => m.userId).map((m) => ({ kind: 'member' as const, id: m.userId!, name: `${m.name}（${m.unitName}）` })),
      ],
    }
  },

  /** The reporter's picker: the communities, then below one node. 1 round trip (the caller) + 1. */
  async places({ parentId }, ctx) {
    const { caller } = await callerWith<never, Caller>(ctx, {})
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const nodes = ctx.db.collection('org_nodes')
    const rows = await getDocs<OrgNode>((parentId ? nodes.where({ parentId }) : nodes.where({ kind: 'community' })).limit(PLACES_MAX))
    return {
      items: rows
        .filter((n): n is OrgNode & { kind: 'community' | 'compound' | 'grid' | 'building' } => ['community', 'compound', 'grid', 'building'].includes(n.kind))
        .map((n) => ({ id: n._id, name: n.name, kind: n.kind, more: n.kind !== 'building' })),
    }
  },
})

/** Whether one of the caller's places lies in the community (a grid worker whose grid has no problem yet sees an empty list). */
async function partOf(ctx: ActionContext, parts: string[], communityId: string): Promise<boolean> {
  const _ = ctx.db.command
  const nodes = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in(parts) }).limit(parts.length))
  return nodes.some((n) => lineage(n).includes(communityId))
}

/**
 * The assignee as stored, from what the aggregation read: only within the problem's community.
 * None (an unpaired unit, someone not registered there) is left to the planner, which refuses
 * with PROBLEM.NO_ASSIGNEE only after the caller's right and the state were checked.
 */
function resolveAssignee(read: ProblemRead, asked: { kind: ProblemAssignee['kind']; id: string }): ProblemAssignee | undefined {
  const p = read.target
  if (!p) return undefined
  if (asked.kind === 'unit') {
    const unit = (read.found.unit?.[0] as Unit | undefined) ?? null
    return unit && unit.pairedCommunityIds.includes(p.communityId) ? { kind: 'unit', id: unit._id, name: unit.name } : undefined
  }
  if (asked.kind === 'member') {
    const reg = ((read.found.member ?? []) as RegistrationRecord[]).find((r) => isRegistered(r.state) && r.communityId === p.communityId)
    return reg?.userId ? { kind: 'member', id: reg.userId, name: reg.name } : undefined
  }
  const community = (read.found.community?.[0] as OrgNode | undefined) ?? null
  return community && asked.id === p.communityId ? { kind: 'community', id: community._id, name: community.name } : undefined
}

export const main = withTimers(requests, { escalate: () => sweep(database(), clockNow()) })
