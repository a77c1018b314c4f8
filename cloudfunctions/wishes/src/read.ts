/**
 * The read-only actions: the wish wall, the review queue, one wish, my wishes. Lists read only
 * the card fields and page by keyset (`publishedAt`/`createdAt` then `_id`) on an index whose
 * order is the list's order, so a page stops after `limit` documents whatever the collection holds.
 */
import { callerAggregate, callerOf, findCaller, getDocs, lookupPipeline, type ActionContext } from '../../../server/kit'
import type { PageCursor, ReviewItem, ReviewQueue, WallFilter, WishCard, WishWall } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode } from '../../../domain/org'
import { can, reach, reachesAny, type Target } from '../../../domain/permissions'
import { inQueueReach, isInReview, reviewQueueReach, wallCounts, WISH_STATES, type WishCategory, type WishRecord, type WishState } from '../../../domain/wishes'
import type { UserRecord } from '../../../domain/users'
import { CARD_FIELDS, toCard, toOverviewItem, toReviewItem } from './views'

const DEFAULT_LIMIT = 20

type Command = ActionContext['db']['command']

/** `(at, id)` strictly after the cursor in descending order. */
function before(_: Command, field: string, after: PageCursor | undefined): object[] {
  if (!after) return []
  const at = new Date(after.at)
  return [{ [field]: _.lte(at) }, _.or([{ [field]: _.lt(at) }, { [field]: at, _id: _.lt(after.id) }])]
}

function nextCursor<T extends { _id: string }>(docs: T[], limit: number, at: (d: T) => Date | null | undefined): PageCursor | null {
  if (docs.length <= limit) return null
  const last = docs[limit - 1]
  return { at: new Date(at(last) ?? 0).toISOString(), id: last._id }
}

const COMMUNITY_FIELDS = { _id: 1, name: 1, kind: 1, path: 1 }
const PAGE = '__page'
const TALLY = '__tally'

/**
 * The wall of one community, 2 round trips made together: the page, a plain query on the
 * `community_wall` or `community_tab` index in `publishedAt` order (limit + 1, to know whether there
 * is more), so it stops after that many documents whatever the community holds; and ONE
 * aggregation on `org_nodes` (the community) with the tally per state (`$match communityId, onWall`
 * → `$group` by state) that wallCounts turns into 已审核 · 已点亮 · 已完成. Public: nobody's identity
 * is read. (The page is not a `$lookup` of the aggregation: a `$lookup` pipeline selects every
 * document its `$match` names before sorting and limiting.)
 */
export async function wall(
  ctx: ActionContext,
  { communityId, category, filter = 'all', limit = DEFAULT_LIMIT, after }: { communityId: string; category?: WishCategory; filter?: WallFilter; limit?: number; after?: PageCursor },
): Promise<WishWall> {
  const _ = ctx.db.command
  const placement = filter === 'all' ? { onWall: true } : { wallTab: filter }
  const match = _.and([{ communityId, ...placement, ...(category ? { 'beneficiary.category': category } : {}) }, ...before(_, 'publishedAt', after)])
  const nodes = ctx.db.collection('org_nodes') as unknown as { aggregate(): ReturnType<typeof callerAggregate> }
  const [{ list }, page] = await Promise.all([
    nodes
      .aggregate()
      .match({ _id: communityId, kind: 'community' })
      .limit(1)
      .project(COMMUNITY_FIELDS)
      .lookup({ from: 'wishes', pipeline: lookupPipeline(ctx).match({ communityId, onWall: true }).group({ _id: '$state', n: { $sum: 1 } }).done(), as: TALLY })
      .end(),
    getDocs<WishRecord>(ctx.db.collection('wishes').where(match).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').limit(limit + 1).field(CARD_FIELDS)),
  ])
  const doc = list[0] as (OrgNode & { [TALLY]: { _id: WishState; n: number }[] }) | undefined
  if (!doc) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  return {
    community: { id: doc._id, name: doc.name },
    counts: wallCounts(doc[TALLY].map((t) => ({ state: t._id, n: t.n }))),
    items: page.slice(0, limit).map(toCard),
    next: nextCursor(page, limit, (d) => d.publishedAt),
  }
}

const COMMUNITY = '__community'
const SCOPES = '__scopes'

/**
 * The community's review queue (submitted and verified wishes), oldest first: ONE aggregation, the
 * caller with the community, the org nodes their grants name and the page. Who sees which rows is
 * the domain's (reviewQueueReach): the community admin all, a grid worker the rows of their grids
 * inside the community, anyone else AUTH.FORBIDDEN (never an empty list).
 */
export async function reviewQueue(
  ctx: ActionContext,
  { communityId, state, limit = DEFAULT_LIMIT, after }: { communityId: string; state?: 'submitted' | 'verified'; limit?: number; after?: PageCursor },
): Promise<{ items: ReviewItem[]; next: PageCursor | null }> {
  const _ = ctx.db.command
  const states: WishState[] = state ? [state] : WISH_STATES.filter(isInReview)
  const cursor = after ? [_.or([{ createdAt: _.gt(new Date(after.at)) }, { createdAt: new Date(after.at), _id: _.gt(after.id) }])] : []
  // The page is fetched before the caller's reach is known (one round trip); rows outside the reach
  // are dropped here, and nothing at all is answered to a caller who reaches none of the community.
  const { list } = await callerAggregate(ctx)
    .lookup({ from: 'org_nodes', pipeline: lookupPipeline(ctx).match({ _id: communityId, kind: 'community' }).project(COMMUNITY_FIELDS).done(), as: COMMUNITY })
    .lookup({ from: 'org_nodes', localField: 'roles.scopeId', foreignField: '_id', as: SCOPES })
    .lookup({
      from: 'wishes',
      pipeline: lookupPipeline(ctx).match(_.and([{ communityId, state: _.in(states) }, ...cursor])).sort({ createdAt: 1, _id: 1 }).limit(200).done(),
      as: PAGE,
    })
    .end()
  const row = list[0] as (Record<string, unknown> & { [COMMUNITY]: OrgNode[]; [SCOPES]: OrgNode[]; [PAGE]: WishRecord[] }) | undefined
  if (!row) throw new DomainError('AUTH.FORBIDDEN')
  const { [COMMUNITY]: community, [SCOPES]: scopes, [PAGE]: page, ...rest } = row
  const { caller } = callerOf<UserRecord>(rest)
  const r = reviewQueueReach(caller?.roles ?? [], community[0] ?? null, scopes)
  const visible = page.filter((w) => inQueueReach(w, r))
  const items = visible.slice(0, limit)
  return {
    items: items.map(toReviewItem),
    next: visible.length > limit ? { at: new Date(items[items.length - 1].createdAt).toISOString(), id: items[items.length - 1]._id } : null,
  }
}

const NODE = '__node'
const OVERVIEW_KINDS = ['county', 'street', 'community']

/**
 * What waits for review in every community under a street or county (wish.overview: its admins;
 * a community admin may look at their own community this way too): ONE aggregation, the caller
 * with the node and the page. The page is `lineage = orgId` (every wish lists its ancestors),
 * `state in (submitted, verified)`, oldest first, on the multikey index `lineage_state_time`, so
 * it reads the waiting wishes of that subtree only. Read-only rows: the beneficiary masked, no
 * building, the title redacted, each naming its community.
 */
export async function reviewOverview(
  ctx: ActionContext,
  { orgId, state, limit = DEFAULT_LIMIT, after }: { orgId: string; state?: 'submitted' | 'verified'; limit?: number; after?: PageCursor },
): Promise<ReviewQueue> {
  const _ = ctx.db.command
  const states: WishState[] = state ? [state] : WISH_STATES.filter(isInReview)
  const cursor = after ? [_.or([{ createdAt: _.gt(new Date(after.at)) }, { createdAt: new Date(after.at), _id: _.gt(after.id) }])] : []
  const { list } = await callerAggregate(ctx)
    .lookup({ from: 'org_nodes', pipeline: lookupPipeline(ctx).match({ _id: orgId }).limit(1).project(COMMUNITY_FIELDS).done(), as: NODE })
    .lookup({
      from: 'wishes',
      pipeline: lookupPipeline(ctx).match(_.and([{ lineage: orgId, state: _.in(states) }, ...cursor])).sort({ createdAt: 1, _id: 1 }).limit(limit + 1).done(),
      as: PAGE,
    })
    .end()
  const row = list[0] as (Record<string, unknown> & { [NODE]: OrgNode[]; [PAGE]: WishRecord[] }) | undefined
  if (!row) throw new DomainError('AUTH.FORBIDDEN')
  const { [NODE]: found, [PAGE]: page, ...rest } = row
  const { caller } = callerOf<UserRecord>(rest)
  const grants = caller?.roles ?? []
  const node = found[0]
  if (!node || !OVERVIEW_KINDS.includes(node.kind)) {
    // Unknown and forbidden look alike to someone who oversees nothing.
    throw new DomainError(reachesAny(reach(grants, 'wish.overview'), 'org') ? 'ORG.UNKNOWN_NODE' : 'AUTH.FORBIDDEN')
  }
  const target: Target = { kind: 'org', lineage: lineage(node) }
  if (!can(grants, 'wish.overview', target) && !(node.kind === 'community' && can(grants, 'wish.review', target))) throw new DomainError('AUTH.FORBIDDEN')
  const items = page.slice(0, limit)
  return {
    items: items.map(toOverviewItem),
    next: page.length > limit ? { at: new Date(items[items.length - 1].createdAt).toISOString(), id: items[items.length - 1]._id } : null,
    scope: { id: node._id, name: node.name, kind: node.kind, readOnly: true },
  }
}

/**
 * My wishes: those I wrote (a resident's own wishes included) newest first, or those I lit and
 * still hold (released claims are no longer mine). 2 round trips: the caller, then the page
 * (`author_time` or `claimer_time` index).
 */
export async function mine(ctx: ActionContext, { kind, limit = DEFAULT_LIMIT, after }: { kind: 'submitted' | 'lit'; limit?: number; after?: PageCursor }): Promise<{ items: WishCard[]; next: PageCursor | null }> {
  const _ = ctx.db.command
  const caller = await findCaller<UserRecord>(ctx)
  if (!caller) return { items: [], next: null }
  const field = kind === 'lit' ? 'claim.at' : 'createdAt'
  const owner = kind === 'lit' ? 'claim.userId' : 'author.userId'
  const page = await getDocs<WishRecord>(
    ctx.db
      .collection('wishes')
      .where(_.and([{ [owner]: caller._id }, ...before(_, field, after)]))
      .orderBy(field, 'desc')
      .orderBy('_id', 'desc')
      .limit(limit + 1)
      .field({ ...CARD_FIELDS, createdAt: true, claim: true }),
  )
  return {
    items: page.slice(0, limit).map(toCard),
    next: nextCursor(page, limit, (d) => (kind === 'lit' ? d.claim?.at : d.createdAt)),
  }
}
