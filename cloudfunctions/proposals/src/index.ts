/**
 * 微提案 and 微实事 (issue 13): a resident or member proposes to their community; others there
 * support it (one support each, never one's own); the community answers within ANSWER_DAYS,
 * adopting it (it becomes a 微实事 of the community) or declining it, always with a reason. A
 * community's or a unit's 微实事 of the year move planned → in progress → done. Every change of a
 * proposal or a project goes through server/kit changeState with a plan from domain/proposals/plan.ts.
 */
import {
  addDoc,
  byId,
  callerWith,
  changeState,
  defineArea,
  getDocs,
  newId,
  opId,
  withTimers,
  type ActionContext,
  type Join,
  type Read,
} from '../../../server/kit'
import { database } from '../../../server/kit/db'
import { proposalsArea } from '../../../domain/api/proposals'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize } from '../../../domain/permissions'
import {
  ANSWER_DAYS,
  mayKeepProjects,
  planAnswer,
  planProject,
  planSupport,
  type ProjectPlan,
  type ProjectRecord,
  type ProposalPlan,
  type ProposalRecord,
} from '../../../domain/proposals'
import { PLACE_JOINS, PROJECTS, PROPOSALS, mayView, oversees, placesOf, proposerCommunities, viewerCommunities, viewerOf, type Caller, type Community, type Live, type PlaceKey } from './common'
import { projectOfAdoption } from './adopt'
import { notifyAnswered } from './notify'
import { lateAnswers } from './sweep'
import { toProjectRow, toProposalDetail, toProposalRow, totalsOf } from './views'

const DAY = 24 * 3600_000
const LIST_MAX = 50
const PROJECTS_MAX = 500

// ---- Reads and writes ---------------------------------------------------------------------------

type ProposalRead = Read<ProposalRecord, PlaceKey, Caller, Live>
type ProjectRead = Read<ProjectRecord, PlaceKey, Caller, Live>

/** The caller may propose (and support) in the proposal's community. */
const mayPropose = (read: { caller: Caller | null; live: Live | null; found: Record<string, any[]> }, communityId: string) =>
  !!read.caller && proposerCommunities(read.caller, read.live, placesOf(read.found)).some((c) => c.id === communityId)

/** Someone outside the proposal's community is told it does not exist. */
function visible(read: ProposalRead): ProposalRecord | null {
  const p = read.target
  if (!p || !read.caller) return p
  return mayView(read.caller, read.live, placesOf(read.found), p) ? p : null
}

function changeProposal<P extends ProposalPlan>(ctx: ActionContext, id: string, plan: (read: ProposalRead) => P) {
  return changeState<ProposalRecord, PlaceKey, P, Caller, Live>(ctx, { collection: PROPOSALS, id, joins: PLACE_JOINS, plan, changed: 'PROPOSAL.CHANGED' })
}

function changeProject(ctx: ActionContext, id: string, plan: (read: ProjectRead) => ProjectPlan) {
  return changeState<ProjectRecord, PlaceKey, ProjectPlan, Caller, Live>(ctx, { collection: PROJECTS, id, joins: PLACE_JOINS, plan, changed: 'PROJECT.CHANGED' })
}

const detailOf = (p: ProposalRecord, read: { caller: Caller | null; live: Live | null; found: Record<string, any[]> }, now: Date) =>
  toProposalDetail(p, viewerOf(read.caller, read.live), now, mayPropose(read, p.communityId))

async function communityNode(ctx: ActionContext, id: string): Promise<OrgNode | null> {
  const [n] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'community' }).limit(1))
  return n ?? null
}

// ---- Actions ------------------------------------------------------------------------------------

const requests = defineArea(proposalsArea, {
  /** 2 round trips (3 when the community's name is not on the caller's read): the caller, the insert. */
  async submit({ communityId, title, body }, ctx) {
    const read = await callerWith<PlaceKey, Caller, Live>(ctx, PLACE_JOINS)
    const { caller, live } = read
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const t = title.trim()
    const b = body.trim()
    if (Array.from(t).length < 2 || Array.from(b).length < 2) throw new DomainError('PROPOSAL.TEXT_EMPTY')
    const mine = proposerCommunities(caller, live, placesOf(read.found))
    if (mine.length === 0) throw new DomainError('PROPOSAL.NO_COMMUNITY')
    let community: Community | undefined = communityId ? mine.find((c) => c.id === communityId) : mine[0]
    if (!community) throw new DomainError('AUTH.FORBIDDEN')
    if (!community.name) {
      const node = await communityNode(ctx, community.id)
      if (!node) throw new DomainError('ORG.UNKNOWN_NODE')
      community = { id: node._id, name: node.name, lineage: lineage(node) }
    }
    const v = viewerOf(caller, live)
    const now = ctx.now
    const record: ProposalRecord = {
      _id: newId(),
      state: 'submitted',
      stateSince: now,
      communityId: community.id,
      communityName: community.name,
      lineage: community.lineage,
      title: t,
      body: b,
      proposerId: caller._id,
      proposerName: v.name,
      supporterIds: [],
      supportCount: 0,
      answerDueAt: new Date(now.getTime() + ANSWER_DAYS * DAY),
      lateToldAt: null,
      createdAt: now,
      updatedAt: now,
      history: [{ verb: 'submit', from: null, to: 'submitted', by: caller._id, byName: v.name, at: now }],
    }
    await addDoc(ctx.db.collection(PROPOSALS), record)
    return toProposalDetail(record, v, now, true)
  },

  /** 2 round trips: the caller (with the asked community); the community's latest proposals. */
  async list({ communityId, state }, ctx) {
    const joins: Record<PlaceKey | 'asked', Join> = { ...PLACE_JOINS, asked: byId('org_nodes', communityId ?? '-') }
    const read = await callerWith<PlaceKey | 'asked', Caller, Live>(ctx, joins)
    const { caller, live } = read
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const places = placesOf(read.found)
    const seen = viewerCommunities(caller, live, places)
    let community: Community | undefined
    if (communityId) {
      community = seen.find((c) => c.id === communityId)
      const asked = read.found.asked[0] as OrgNode | undefined
      if (asked && asked.kind === 'community' && (community || oversees(caller, lineage(asked)))) community = { id: asked._id, name: asked.name, lineage: lineage(asked) }
    } else community = seen[0]
    if (!community) throw new DomainError('AUTH.FORBIDDEN')
    const rows = await getDocs<ProposalRecord>(
      ctx.db.collection(PROPOSALS).where({ communityId: community.id, ...(state ? { state } : {}) }).orderBy('createdAt', 'desc').limit(LIST_MAX),
    )
    const v = viewerOf(caller, live)
    const proposer = proposerCommunities(caller, live, places).some((c) => c.id === community!.id)
    return {
      communityId: community.id,
      communityName: community.name || rows[0]?.communityName || '',
      items: rows.map((p) => toProposalRow(p, v, ctx.now, proposer)),
      canAnswer: (caller.roles ?? []).some((g) => g.kind === 'community_admin' && g.scopeId === community!.id),
    }
  },

  /** 1 round trip. */
  async get({ id }, ctx) {
    const read = await callerWith<PlaceKey | 'proposal', Caller, Live>(ctx, { ...PLACE_JOINS, proposal: byId(PROPOSALS, id) })
    const p = visible({ caller: read.caller, live: read.live, target: (read.found.proposal[0] as ProposalRecord | undefined) ?? null, found: read.found })
    if (!read.caller) throw new DomainError('AUTH.FORBIDDEN')
    if (!p) throw new DomainError('PROPOSAL.NOT_FOUND')
    return detailOf(p, read, ctx.now)
  },

  /**
   * One support per person, never one's own: ONE conditional update (not a supporter yet, not the
   * proposer, still submitted) pushes the id and moves the count together. 2 round trips.
   */
  async support({ id }, ctx) {
    const done = await changeProposal(ctx, id, (read) => {
      const p = visible(read)
      const v = viewerOf(read.caller, read.live)
      if (p && p.proposerId !== v.userId && !mayPropose(read, p.communityId)) throw new DomainError('AUTH.FORBIDDEN')
      return planSupport(p, v, ctx.now)
    })
    return detailOf(done.after, done.read, ctx.now)
  },

  /**
   * Adopted: the answer first, then the project. The answer's conditional update decides every
   * race (two admins adopting, one declining), and it records the project's id (chosen here) with
   * its cost and beneficiaries; only the call whose answer landed inserts the project, under that
   * id. The other order (project first, removed when the answer loses) leaves a stray project
   * whenever the call dies between the two; this one leaves at worst an answer whose project is
   * not there yet, which the hourly timer makes from the answer (the same id: never twice).
   */
  async adopt({ id, reason, plannedCost, beneficiaries }, ctx) {
    const projectId = newId()
    const op = opId()
    const done = await changeProposal(ctx, id, (read) =>
      planAnswer(visible(read), viewerOf(read.caller, read.live), 'adopt', { now: ctx.now, op, reason, projectId, project: { plannedCost, beneficiaries } }),
    )
    const v = viewerOf(done.read.caller, done.read.live)
    await addDoc(ctx.db.collection(PROJECTS), projectOfAdoption(done.after, { id: v.userId, name: v.name }, ctx.now))
    await notifyAnswered(ctx.db, done.after)
    return detailOf(done.after, done.read, ctx.now)
  },

  /** Not adopted, with its reason (PROPOSAL.REASON_REQUIRED without one, nothing written). 2 round trips and the message. */
  async decline({ id, reason }, ctx) {
    const op = opId()
    const done = await changeProposal(ctx, id, (read) => planAnswer(visible(read), viewerOf(read.caller, read.live), 'decline', { now: ctx.now, op, reason }))
    await notifyAnswered(ctx.db, done.after)
    return detailOf(done.after, done.read, ctx.now)
  },

  /**
   * A community's or a unit's projects of the year, with the totals the dashboard shows. 1 round
   * trip: the caller, the owner (community or unit) and its projects of the year.
   */
  async projects({ ownerId, year }, ctx) {
    const read = await callerWith<PlaceKey | 'community' | 'unit' | 'items', Caller, Live>(ctx, {
      ...PLACE_JOINS,
      community: { from: 'org_nodes', match: { _id: ownerId, kind: 'community' }, limit: 1 },
      unit: byId('units', ownerId),
      items: { from: PROJECTS, match: { 'owner.id': ownerId, year }, limit: PROJECTS_MAX },
    })
    const { caller, live } = read
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const v = viewerOf(caller, live)
    const community = (read.found.community[0] as OrgNode | undefined) ?? null
    const unit = (read.found.unit[0] as Unit | undefined) ?? null
    let owner: ProjectRecord['owner']
    let communityId: string
    let canCreate: boolean
    if (community) {
      const l = lineage(community)
      owner = { kind: 'community', id: community._id, name: community.name }
      communityId = community._id
      canCreate = mayKeepProjects(v, owner, l, l[0])
      if (!canCreate && !mayView(caller, live, placesOf(read.found), { communityId, lineage: l })) throw new DomainError('AUTH.FORBIDDEN')
    } else if (unit) {
      owner = { kind: 'unit', id: unit._id, name: unit.name }
      communityId = unit.pairedCommunityIds[0] ?? ''
      canCreate = mayKeepProjects(v, owner, [unit.countyId], unit.countyId)
      if (!canCreate && !oversees(caller, [unit.countyId])) throw new DomainError('AUTH.FORBIDDEN')
    } else throw new DomainError('AUTH.FORBIDDEN')
    const items = (read.found.items as ProjectRecord[]).sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
    return { owner, communityId, year, items: items.map((p) => toProjectRow(p, v)), totals: totalsOf(items), canCreate }
  },

  /** 2 round trips: the caller with the owner and the community; the insert. */
  async createProject({ owner, communityId, year, title, description, plannedCost, beneficiaries }, ctx) {
    const read = await callerWith<'community' | 'unit', Caller, Live>(ctx, {
      community: { from: 'org_nodes', match: { _id: communityId, kind: 'community' }, limit: 1 },
      unit: byId('units', owner.kind === 'unit' ? owner.id : '-'),
    })
    const v = viewerOf(read.caller, read.live)
    const community = (read.found.community[0] as OrgNode | undefined) ?? null
    if (!community) throw new DomainError('AUTH.FORBIDDEN')
    const l = lineage(community)
    let ownerName: string
    if (owner.kind === 'community') {
      if (owner.id !== communityId) throw new DomainError('AUTH.FORBIDDEN')
      authorize(v.grants, 'project.maintain', { kind: 'org', lineage: l })
      ownerName = community.name
    } else {
      const unit = (read.found.unit[0] as Unit | undefined) ?? null
      if (!unit) throw new DomainError('AUTH.FORBIDDEN')
      authorize(v.grants, 'project.maintain', { kind: 'unit', unitId: unit._id, countyId: unit.countyId })
      // A unit's projects are for a community it is paired with.
      if (!unit.pairedCommunityIds.includes(communityId)) throw new DomainError('AUTH.FORBIDDEN')
      ownerName = unit.name
    }
    const now = ctx.now
    const record: ProjectRecord = {
      _id: newId(),
      state: 'planned',
      stateSince: now,
      owner: { kind: owner.kind, id: owner.id, name: ownerName },
      communityId,
      lineage: l,
      year,
      title: title.trim(),
      description: description.trim(),
      plannedCost,
      actualCost: null,
      beneficiaries,
      proposalId: null,
      createdAt: now,
      updatedAt: now,
      history: [{ verb: 'create', from: null, to: 'planned', by: v.userId, byName: v.name, at: now }],
    }
    await addDoc(ctx.db.collection(PROJECTS), record)
    return toProjectRow(record, v)
  },

  async startProject({ id }, ctx) {
    const op = opId()
    const done = await changeProject(ctx, id, ({ caller, live, target }) => planProject(target, viewerOf(caller, live), 'start', { now: ctx.now, op }))
    return toProjectRow(done.after, viewerOf(done.read.caller, done.read.live))
  },

  async finishProject({ id, actualCost, beneficiaries }, ctx) {
    const op = opId()
    const done = await changeProject(ctx, id, ({ caller, live, target }) => planProject(target, viewerOf(caller, live), 'finish', { now: ctx.now, op, actualCost, beneficiaries }))
    return toProjectRow(done.after, viewerOf(done.read.caller, done.read.live))
  },
})

export const main = withTimers(requests, { lateAnswers: () => lateAnswers(database()) })
