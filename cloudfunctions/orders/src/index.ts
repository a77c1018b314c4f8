/**
 * Service orders (点单 → 接单 → 派单 → 领单), docs/orders.md: the community's service list, ordering,
 * the lifecycle verbs (transition.ts: caller + one conditional update with the timeline entry),
 * recommendations for the dispatcher, lists, per-community time limits and the timer-triggered
 * escalation sweep (sweep.ts). The round trips of each action are in docs/API.md (`orders`).
 */
import {
  addDoc,
  appendAudit,
  byId,
  callerWith,
  defineArea,
  ensureUser,
  getDocs,
  isDuplicateKeyError,
  joined,
  lookupPipeline,
  newId,
  now,
  opId,
  toQuery,
  updateDocs,
  withTimers,
  type ActionContext,
  type AggregateBuilder,
} from '../../../server/kit'
import { database } from '../../../server/kit/db'
import { ordersArea } from '../../../domain/api/orders'
import { DomainError } from '../../../domain/errors'
import {
  checkItemClaim,
  checkOrderInput,
  checkServiceItemInput,
  checkTimeSettings,
  countsAsLoad,
  isClaimable,
  isOpen,
  isOverdue,
  isSettled,
  listCondition,
  mayListCommunity,
  newOrder,
  ORDER_STATES,
  poolFits,
  settingsOf,
  type ServiceCategory,
  type ServiceItem,
} from '../../../domain/orders'
import { lineage, type OrgNode } from '../../../domain/org'
import { authorize, can, reach, type Target } from '../../../domain/permissions'
import { rankCandidates, type Candidate } from '../../../domain/recommend'
import { startOfChinaYear } from '../../../domain/time'
import { callerOf, findCommunity, findOrder, ITEMS, memberOf, nameOf, ORDERS, requireCaller, viewerOf, type Caller, type CommunityNode, type Live, type StoredOrder } from './common'
import { notify } from './notify'
import { transition } from './transition'
import { duplicateRead, memberRead, poolRead, unitAdminOpenids, unitRead } from './verbs'
import { bookHours, sweep } from './sweep'
import { revive, toDetail, toItemView, toRow } from './views'

const LIST_MAX = 200

async function findItem(ctx: ActionContext, id: string): Promise<ServiceItem | null> {
  const [item] = await getDocs<ServiceItem>(ctx.db.collection(ITEMS).where({ _id: id }).limit(1))
  return item ?? null
}

/** Who may read one order: its requester and assignee, the admins of its places, its unit's admin, and members of its community while it is in the pool. */
function canRead(caller: Caller, live: Live | null, o: StoredOrder): boolean {
  if (o.residentId === caller._id || o.placedById === caller._id || o.assigneeId === caller._id) return true
  const grants = caller.roles ?? []
  const place: Target = { kind: 'org', lineage: o.lineage }
  if (can(grants, 'order.list', place)) return true
  if (o.unitId && reach(grants, 'order.passToMember').unitIds.includes(o.unitId)) return true
  const m = memberOf(live)
  return !!m && isClaimable(o.state) && m.communityId === o.communityId
}

/**
 * The aggregation answers nothing for someone the backend never saw (it starts at their `users`
 * record), so for them alone the order is read on its own: they are told ORDER.NOT_FOUND or
 * AUTH.FORBIDDEN exactly as before the reads were joined.
 */
async function orderForStranger(ctx: ActionContext, id: string): Promise<StoredOrder | null> {
  return findOrder(ctx, id)
}

/** The caller, the order and its community (its time limits, for the overdue flag) in ONE aggregation, when the caller may read it. */
async function readable(ctx: ActionContext, id: string) {
  const { caller, live, found } = await callerWith(ctx, {
    order: byId(ORDERS, id),
    community: { from: 'org_nodes', localField: joined('order', 'communityId'), foreignField: '_id' },
  })
  const order = caller ? ((found.order[0] as StoredOrder | undefined) ?? null) : await orderForStranger(ctx, id)
  if (!order) throw new DomainError('ORDER.NOT_FOUND')
  if (!caller || !canRead(caller, live as Live | null, order)) throw new DomainError('AUTH.FORBIDDEN')
  const community = (found.community[0] as CommunityNode | undefined) ?? null
  return { order, caller, live: live as Live | null, community }
}

const handlers = defineArea(ordersArea, {
  // ---- Service list (服务清单) -------------------------------------------------------------

  /** 2 round trips, together: the caller and the community's items. Anyone may browse a community's list. */
  async listItems({ communityId }, ctx) {
    const [{ caller, live }, community, items] = await Promise.all([
      callerOf(ctx),
      findCommunity(ctx, communityId),
      getDocs<ServiceItem>(ctx.db.collection(ITEMS).where({ communityId }).orderBy('createdAt', 'asc').limit(LIST_MAX)),
    ])
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const canEdit = !!caller && can(caller.roles ?? [], 'serviceList.maintain', { kind: 'org', lineage: lineage(community) })
    void live
    return { items: items.filter((i) => canEdit || i.active).map((i) => toItemView(i, caller?._id ?? null)), canEdit }
  },

  /**
   * 2 round trips for a new item (caller, community and the item read together; insert), 2 for a
   * change (the write is conditional on the claimants the capacity must still hold).
   */
  async saveItem(input, ctx) {
    const [{ caller }, community, existing] = await Promise.all([
      callerOf(ctx),
      findCommunity(ctx, input.communityId),
      input.id ? findItem(ctx, input.id) : Promise.resolve(null),
    ])
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    authorize(requireCaller(caller).roles ?? [], 'serviceList.maintain', { kind: 'org', lineage: lineage(community) })
    if (existing && existing.communityId !== community._id) throw new DomainError('ORDER.ITEM_NOT_FOUND')
    const clean = checkServiceItemInput(input, existing?.claimants?.length ?? 0)
    const active = input.active ?? existing?.active ?? true
    if (!existing) {
      const item: ServiceItem = { _id: input.id ?? newId(), communityId: community._id, ...clean, claimants: [], active, createdAt: ctx.now, updatedAt: ctx.now }
      try {
        await addDoc(ctx.db.collection(ITEMS), item)
      } catch (e) {
        // The same save twice (a retry): the item is there, made by the first.
        if (!isDuplicateKeyError(e)) throw e
        throw new DomainError('ORDER.CHANGED')
      }
      return toItemView(item, caller!._id)
    }
    const _ = ctx.db.command
    // A capacity may not drop below the members who claimed meanwhile: the write checks it.
    const changed = await updateDocs(
      ctx.db.collection(ITEMS).where({ _id: existing._id, [`claimants.${clean.capacity}`]: _.exists(false) }),
      { ...clean, skills: _.set(clean.skills), active, updatedAt: ctx.now },
    )
    if (changed === 0) throw new DomainError('ORDER.CAPACITY_BELOW_CLAIMED')
    return toItemView({ ...existing, ...clean, active, updatedAt: ctx.now }, caller!._id)
  },

  /**
   * 2 sequential steps, 3 requests: the caller and the item together, then the conditional
   * write. The write itself holds the capacity (`claimants.<capacity-1>` must not exist yet)
   * and the once-per-member rule, so simultaneous claims never overfill an item.
   */
  async joinItem({ id }, ctx) {
    const [{ caller, live }, item] = await Promise.all([callerOf(ctx), findItem(ctx, id)])
    const member = memberOf(live)
    if (!caller || !member) throw new DomainError('AUTH.FORBIDDEN')
    if (!item) throw new DomainError('ORDER.ITEM_NOT_FOUND')
    const me = { userId: caller._id, communityId: member.communityId, skills: member.skills }
    checkItemClaim(item, me)
    const _ = ctx.db.command
    const changed = await updateDocs(
      ctx.db.collection(ITEMS).where({
        _id: id,
        active: true,
        standing: true,
        communityId: member.communityId,
        capacity: item.capacity,
        claimants: _.nin([caller._id]),
        [`claimants.${item.capacity - 1}`]: _.exists(false),
      }),
      { claimants: _.push(caller._id), updatedAt: ctx.now },
    )
    if (changed === 0) {
      const fresh = await findItem(ctx, id)
      if (!fresh) throw new DomainError('ORDER.ITEM_NOT_FOUND')
      checkItemClaim(fresh, me)
      throw new DomainError('ORDER.CAPACITY_FULL')
    }
    return toItemView({ ...item, claimants: [...item.claimants, caller._id] }, caller._id)
  },

  // ---- Ordering (点单) -----------------------------------------------------------------------

  /**
   * 2 round trips for a known person: the caller, the community with the building and the item
   * read together; the insert (with its first timeline entry). 3 on first use (the person is
   * created). Bad input is refused before anything is written.
   */
  async order(input, ctx) {
    const _ = ctx.db.command
    const ids = input.buildingId ? [input.communityId, input.buildingId] : [input.communityId]
    const [{ caller: known, live }, nodes, item] = await Promise.all([
      callerOf(ctx),
      getDocs<OrgNode & { orderSettings?: unknown }>(ctx.db.collection('org_nodes').where({ _id: _.in(ids) }).limit(2)),
      input.itemId ? findItem(ctx, input.itemId) : Promise.resolve(null),
    ])
    const community = nodes.find((n) => n._id === input.communityId && n.kind === 'community')
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const building = input.buildingId ? nodes.find((n) => n._id === input.buildingId) : undefined
    if (input.buildingId && (building?.kind !== 'building' || !building.path.includes(community._id))) {
      throw new DomainError('ORG.UNKNOWN_NODE', `所选楼栋不在${community.name}，请重新选择`)
    }
    if (input.itemId && (!item || item.communityId !== community._id || !item.active)) throw new DomainError('ORDER.ITEM_NOT_FOUND')
    const place = building ? lineage(building) : lineage(community)
    if (input.forName) {
      // Ordering for someone else: the grid worker or building head of that building.
      if (!building) throw new DomainError('ORG.UNKNOWN_NODE', '代居民点单时请选择楼栋')
      authorize(known?.roles ?? [], 'order.placeFor', { kind: 'org', lineage: place })
    }
    const clean = checkOrderInput({ itemId: input.itemId, description: input.description, preferredAt: new Date(input.preferredAt), urgency: input.urgency }, ctx.now)
    const { user } = await ensureUser<Caller>(ctx, known)
    const me = { id: user._id, name: nameOf(user, live) }
    const stored = newOrder({
      id: input.id ?? newId(),
      input: clean,
      item: item ? { _id: item._id, category: item.category, skills: item.skills } : null,
      category: input.category as ServiceCategory | undefined,
      resident: input.forName ? { id: null, name: input.forName } : me,
      placedBy: { ...me, openid: ctx.identity.openid },
      place: {
        streetId: community.path[1] ?? community.path[0] ?? '',
        communityId: community._id,
        communityName: community.name,
        compoundId: building?.path[3] ?? null,
        gridId: building?.path[4] ?? null,
        buildingId: building?._id ?? null,
        buildingName: building?.name ?? null,
        lineage: place,
      },
      now: ctx.now,
      op: opId(),
    })
    try {
      await addDoc(ctx.db.collection(ORDERS), stored)
    } catch (e) {
      if (!isDuplicateKeyError(e) || !input.id) throw e
      // Sent twice (a retry after a lost answer, a double tap): the first one stands, answered again.
      const first = await findOrder(ctx, input.id)
      if (!first || first.placedById !== user._id) throw new DomainError('ORDER.CHANGED')
      return toDetail(first, ctx.now, settingsOf(community as never), viewerOf(user, live))
    }
    return toDetail(stored, ctx.now, settingsOf(community as never), viewerOf(user, live))
  },

  /** 2 round trips (transition.ts: one aggregation with the order, one conditional update); +1 read only to explain a write that lost a race. */
  async cancel({ id, seen, reason }, ctx) {
    return (await transition(ctx, { verb: 'cancel', id, request: { seen, reason } })).result
  },

  /**
   * 3 round trips: the caller and the order (one aggregation); ONE conditional update that
   * confirms and closes (both timeline entries, planned by the domain); the ledger row keyed by
   * the order. The ledger is another collection, so its row is a write of its own; it comes after
   * the order's, so a refused or lost confirm books nothing, and a call that dies in between
   * leaves a closed order the sweep books (bookMissedHours). Answers what was written: `closed`.
   */
  async confirm({ id, stars, comment }, ctx) {
    const done = await transition(ctx, { verb: 'confirm', id, request: { rating: { stars, comment: comment ?? '' } } })
    let hoursBooked = false
    try {
      hoursBooked = await bookHours(ctx.db, ctx.now, done.before)
    } catch (e) {
      // The order is confirmed and closed; the sweep books what this call could not.
      console.warn(`[orders.confirm] hours of ${id} not booked yet:`, (e as Error)?.message ?? e)
    }
    return { ...done.result, hoursBooked }
  },

  /** 2 round trips. */
  async complain({ id, reason }, ctx) {
    return (await transition(ctx, { verb: 'complain', id, request: { reason } })).result
  },

  // ---- The community (接单) ------------------------------------------------------------------

  /** 2 round trips (caller and order, the conditional update scoped to the caller's reach). */
  async accept({ id }, ctx) {
    return (await transition(ctx, { verb: 'accept', id })).result
  },

  async decline({ id, reason }, ctx) {
    return (await transition(ctx, { verb: 'decline', id, request: { reason } })).result
  },

  /** 2 round trips: the caller, the order and the duplicate in one aggregation; the conditional update. */
  async merge({ id, seen, intoId }, ctx) {
    return (await transition(ctx, { verb: 'merge', id, request: { seen }, target: duplicateRead(intoId) })).result
  },

  async resolve({ id, reason }, ctx) {
    return (await transition(ctx, { verb: 'resolve', id, request: { reason } })).result
  },

  // ---- Dispatching (派单) --------------------------------------------------------------------

  /**
   * 2 round trips: the caller and the order in one aggregation; then one aggregation of the
   * community's members, their load, their hours this year and its buildings (communityCandidates).
   * Then domain/recommend.ts ranks.
   */
  async recommend({ id, limit, exclude }, ctx) {
    const { caller, found } = await callerWith(ctx, { order: byId(ORDERS, id) })
    const order = caller ? ((found.order[0] as StoredOrder | undefined) ?? null) : await orderForStranger(ctx, id)
    if (!order) throw new DomainError('ORDER.NOT_FOUND')
    authorize(requireCaller(caller).roles ?? [], 'order.dispatch', { kind: 'org', lineage: order.lineage })
    const candidates = await communityCandidates(ctx, order.communityId)
    const skip = new Set([...(exclude ?? []), ...(order.residentId ? [order.residentId] : []), order.placedById])
    const ranked = rankCandidates(
      { communityId: order.communityId, compoundId: order.compoundId, gridId: order.gridId, buildingId: order.buildingId, skills: order.skills, preferredAt: new Date(order.preferredAt) },
      candidates,
      { limit: limit ?? 10, exclude: skip },
    )
    return { candidates: ranked, ranked: candidates.length }
  },

  /** 2 round trips: the caller, the order and the member (with their openid) in one aggregation, the conditional update; then the member is notified (+1 message). */
  async dispatchToMember({ id, seen, memberId }, ctx) {
    const done = await transition(ctx, { verb: 'dispatchToMember', id, request: { seen }, target: memberRead(memberId) })
    await notify({ touser: done.plan.set.assigneeOpenid, template: 'orderDispatch', orderId: id, title: '您有一个新的服务派单', status: '待接单' })
    return done.result
  },

  /**
   * 2 round trips: the caller, the order, the unit and its admins (role_scope_kind index) in one
   * aggregation; the conditional update (paired communities in the filter). Then each of the
   * unit's admins gets a subscribe message (+1 each).
   */
  async dispatchToUnit({ id, seen, unitId }, ctx) {
    const done = await transition(ctx, { verb: 'dispatchToUnit', id, request: { seen }, target: unitRead(ctx, unitId) })
    for (const touser of unitAdminOpenids(done.found)) {
      await notify({ touser, template: 'orderDispatch', orderId: id, title: '单位收到一个服务派单', status: '待分派' })
    }
    return done.result
  },

  /** 2 round trips + 1 message, as dispatchToMember; the unit admin's reach is in the filter (unitId). */
  async passToMember({ id, memberId }, ctx) {
    const done = await transition(ctx, { verb: 'passToMember', id, target: memberRead(memberId) })
    await notify({ touser: done.plan.set.assigneeOpenid, template: 'orderDispatch', orderId: id, title: '单位转派给您一个服务单', status: '待接单' })
    return done.result
  },

  /** 2 round trips: the caller, the order and the pool (a grid and its buildings, or the community) in one aggregation, the conditional update. */
  async pool({ id, seen, pool }, ctx) {
    return (await transition(ctx, { verb: 'pool', id, request: { seen }, target: poolRead(pool) })).result
  },

  async recall({ id, seen, reason }, ctx) {
    return (await transition(ctx, { verb: 'recall', id, request: { seen, reason } })).result
  },

  // ---- The member (领单) ---------------------------------------------------------------------

  /** 2 round trips; the member's own registration goes on the order for the ledger. */
  async acceptDispatch({ id }, ctx) {
    return (await transition(ctx, { verb: 'acceptDispatch', id })).result
  },

  async declineDispatch({ id, reason }, ctx) {
    return (await transition(ctx, { verb: 'declineDispatch', id, request: { reason } })).result
  },

  /**
   * 2 round trips: the caller and the order (its requester, to notify) in one aggregation, then the
   * conditional update `{ _id, state: 'pooled', communityId: <mine>, pool mine }`: of any number
   * of simultaneous claims exactly one changes the order; the others read it and answer
   * ORDER.ALREADY_CLAIMED.
   */
  async claim({ id }, ctx) {
    const done = await transition(ctx, { verb: 'claim', id })
    await notify({ touser: done.before.requesterOpenid, template: 'orderClaim', orderId: id, title: `${done.result.entry.byName}已领单`, status: '待服务' })
    return done.result
  },

  async release({ id, reason }, ctx) {
    return (await transition(ctx, { verb: 'release', id, request: { reason } })).result
  },

  async start({ id }, ctx) {
    return (await transition(ctx, { verb: 'start', id })).result
  },

  /** 2 round trips (the caller and the order in one aggregation, the conditional update), then the requester is notified (+1 message). */
  async finish({ id, note, photos, hours }, ctx) {
    const done = await transition(ctx, { verb: 'finish', id, request: { report: { note, photos: photos ?? [], hours } } })
    await notify({ touser: done.before.requesterOpenid, template: 'orderDone', orderId: id, title: '服务已完成，请确认评价', status: '待确认' })
    return done.result
  },

  /**
   * 2 round trips: the caller, then the pooled orders of their community (index
   * communityId_state_urgency_stateSince), kept when the pool is theirs and the skills fit.
   */
  async poolList({ limit }, ctx) {
    const { caller, live } = await callerOf(ctx)
    const member = memberOf(live)
    if (!caller || !member) throw new DomainError('AUTH.FORBIDDEN')
    const _ = ctx.db.command
    const docs = await getDocs<StoredOrder>(ctx.db.collection(ORDERS).where({ communityId: member.communityId, state: _.in(ORDER_STATES.filter(isClaimable)) }).limit(LIST_MAX))
    const me = { communityId: member.communityId, buildingId: member.buildingId ?? null, skills: member.skills }
    return { items: docs.filter((o) => poolFits(o, me)).slice(0, limit ?? 50).map((o) => toRow(o, ctx.now, null)) }
  },

  // ---- Reading ------------------------------------------------------------------------------

  /** 1 round trip: the caller, the order and its community's limits (the overdue flag) in one aggregation. */
  async get({ id }, ctx) {
    const { order, caller, live, community } = await readable(ctx, id)
    return toDetail(order, ctx.now, settingsOf(community), viewerOf(caller, live))
  },

  /** 1 round trip: the caller and the order in one aggregation. */
  async timeline({ id }, ctx) {
    const { order } = await readable(ctx, id)
    const view = toDetail(order, ctx.now, null, null)
    return { id: view.id, state: view.state, stateLabel: view.stateLabel, timeline: view.timeline }
  },

  /** 3 requests in 2 steps: the caller, then the orders for them and those they placed for others (two indexed queries together). */
  async mine({ limit }, ctx) {
    const { caller } = await callerOf(ctx)
    if (!caller) return { items: [] }
    const orders = ctx.db.collection(ORDERS)
    const n = limit ?? 50
    const [forMe, byMe] = await Promise.all([
      getDocs<StoredOrder>(orders.where({ residentId: caller._id }).orderBy('createdAt', 'desc').limit(n)),
      getDocs<StoredOrder>(orders.where({ placedById: caller._id }).orderBy('createdAt', 'desc').limit(n)),
    ])
    return { items: mergeRows([...forMe, ...byMe], n).map((o) => toRow(o, ctx.now, null)) }
  },

  /** 2 round trips: the caller, then the orders on their plate and done ones (index assigneeId_state). */
  async assigned({ limit }, ctx) {
    const { caller } = await callerOf(ctx)
    if (!caller) return { items: [] }
    const docs = await getDocs<StoredOrder>(
      ctx.db.collection(ORDERS).where({ assigneeId: caller._id }).orderBy('updatedAt', 'desc').limit(limit ?? 50),
    )
    return { items: docs.map((o) => toRow(o, ctx.now, null)) }
  },

  /**
   * 2 sequential steps, 3 requests: the caller; then the community with the nodes of the caller's
   * places (to tell whether the community is theirs) and its orders within the caller's reach (a
   * branch admin: their compound's), together. Out of scope: AUTH.FORBIDDEN. Overdue flagged
   * against the community's limits now. Longest waiting first.
   */
  async queue({ communityId, state, overdueOnly, limit }, ctx) {
    const { caller } = await callerOf(ctx)
    const grants = caller?.roles ?? []
    const scope = listCondition(grants)
    const _ = ctx.db.command
    const where = { communityId, state: state ?? _.in(ORDER_STATES.filter((s) => !isSettled(s))), ...toQuery(_, scope) }
    // The community and the nodes of the caller's own places (a branch admin's compound is inside the community).
    const places = [communityId, ...reach(grants, 'order.list').orgIds]
    const [nodes, docs] = await Promise.all([
      getDocs<CommunityNode>(ctx.db.collection('org_nodes').where({ _id: _.in(places) }).limit(places.length)),
      getDocs<StoredOrder>(ctx.db.collection(ORDERS).where(where).orderBy('stateSince', 'asc').limit(limit ?? 100)),
    ])
    const community = nodes.find((n) => n._id === communityId && n.kind === 'community')
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    // Another community's queue is refused, not answered empty.
    if (!mayListCommunity(grants, community, nodes)) throw new DomainError('AUTH.FORBIDDEN')
    const settings = settingsOf(community)
    const kept = overdueOnly ? docs.filter((o) => isOverdue(revive(o), ctx.now, settings)) : docs
    const items = kept.map((o) => toRow(o, ctx.now, settings))
    return { items, total: items.length }
  },

  /**
   * 2 round trips: the caller, then ONE aggregation over the orders of the caller's units
   * (index unitId_state_stateSince; `unitId` stays on an order the unit passed on and is cleared
   * whenever it goes back to the dispatcher) with a `$lookup` of each order's community node for
   * its limits, so overdue is flagged as `queue` flags it. Permission: order.passToMember's unit reach.
   */
  async unitQueue({ unitId, limit }, ctx) {
    const { caller } = await callerOf(ctx)
    const mine = reach(caller?.roles ?? [], 'order.passToMember').unitIds
    if (mine.length === 0 || (unitId && !mine.includes(unitId))) throw new DomainError('AUTH.FORBIDDEN')
    const unitIds = unitId ? [unitId] : mine
    const _ = ctx.db.command
    const orders = ctx.db.collection(ORDERS) as unknown as { aggregate(): AggregateBuilder }
    const { list } = await orders
      .aggregate()
      .match({ unitId: _.in(unitIds), state: _.in(ORDER_STATES.filter(isOpen)) })
      .sort({ stateSince: 1 })
      .limit(limit ?? 100)
      .lookup({ from: 'org_nodes', localField: 'communityId', foreignField: '_id', as: 'community' })
      .end()
    const items = (list as (StoredOrder & { community?: CommunityNode[] })[]).map((o) => toRow(o, ctx.now, settingsOf(o.community?.[0])))
    return { items, total: items.length }
  },

  // ---- Time limits (时限) --------------------------------------------------------------------

  /** 1 step, 2 requests: the caller and the community together. Whoever lists the community's orders may read its limits. */
  async getSettings({ communityId }, ctx) {
    const [{ caller }, community] = await Promise.all([callerOf(ctx), findCommunity(ctx, communityId)])
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const grants = caller?.roles ?? []
    const target: Target = { kind: 'org', lineage: lineage(community) }
    if (!can(grants, 'order.list', target) && !can(grants, 'order.settings', target)) throw new DomainError('AUTH.FORBIDDEN')
    return { communityId, communityName: community.name, settings: settingsOf(community), isDefault: !community.orderSettings }
  },

  /** 3 round trips: the caller and the community together, the write on the community node, the audit record. */
  async setSettings({ communityId, settings }, ctx) {
    const [{ caller }, community] = await Promise.all([callerOf(ctx), findCommunity(ctx, communityId)])
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    const who = requireCaller(caller)
    authorize(who.roles ?? [], 'order.settings', { kind: 'org', lineage: lineage(community) })
    const clean = checkTimeSettings(settings)
    const _ = ctx.db.command
    await updateDocs(ctx.db.collection('org_nodes').where({ _id: communityId, kind: 'community' }), { orderSettings: _.set(clean), updatedAt: ctx.now })
    await appendAudit(ctx.db, { entity: 'org_nodes', entityId: communityId, action: 'order.setSettings', from: null, to: JSON.stringify(clean), by: who._id, at: ctx.now })
    return { communityId, communityName: community.name, settings: clean, isDefault: false }
  },
})

/** Orders for someone and by someone overlap when a resident ordered for themselves: once each, newest first. */
function mergeRows(docs: StoredOrder[], n: number): StoredOrder[] {
  const seen = new Map<string, StoredOrder>()
  for (const d of docs) seen.set(d._id, d)
  return [...seen.values()].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime()).slice(0, n)
}

const MEMBERS_MAX = 20_000


/**
 * The community's registered members as the ranking weighs them, in ONE aggregation from the
 * community's node: `$lookup`s of its registered members (only the fields ranking reads), their
 * load (open orders grouped by assignee), their hours this year (the ledger grouped by member) and
 * its buildings (each member's grid and compound from the building's path). The two groups are
 * computed in the database (summary lookups: constant pipelines ending in a numeric `$group`), so
 * only one row per member travels, never the 10,000 ledger rows.
 */
async function communityCandidates(ctx: ActionContext, communityId: string): Promise<Candidate[]> {
  const _ = ctx.db.command
  const loadStates = ORDER_STATES.filter(countsAsLoad)
  const nodes = ctx.db.collection('org_nodes') as unknown as { aggregate(): AggregateBuilder }
  const { list } = await nodes
    .aggregate()
    .match({ _id: communityId })
    .limit(1)
    .lookup({
      from: 'registrations',
      // Packed into one row of parallel arrays: the database makes one document instead of 10,000
      // projected ones, and far fewer bytes travel. $ifNull keeps the arrays aligned where a field is missing.
      pipeline: lookupPipeline(ctx)
        .match({ communityId, state: 'registered' })
        .limit(MEMBERS_MAX)
        .group({
          _id: null,
          userId: { $push: { $ifNull: ['$userId', null] } },
          name: { $push: { $ifNull: ['$name', ''] } },
          buildingId: { $push: { $ifNull: ['$buildingId', null] } },
          skills: { $push: { $ifNull: ['$skills', []] } },
          freeTime: { $push: { $ifNull: ['$freeTime', []] } },
        })
        .done(),
      as: 'members',
    })
    .lookup({ from: ORDERS, pipeline: lookupPipeline(ctx).match({ communityId, state: _.in(loadStates) }).group({ _id: '$assigneeId', n: { $sum: 1 } }).done(), as: 'load' })
    .lookup({
      from: 'service_hours',
      pipeline: lookupPipeline(ctx).match({ communityId, at: _.gte(startOfChinaYear(ctx.now)) }).group({ _id: '$userId', n: { $sum: '$hours' } }).done(),
      as: 'hours',
    })
    .lookup({ from: 'org_nodes', pipeline: lookupPipeline(ctx).match({ kind: 'building', path: communityId }).limit(1000).project({ _id: 1, path: 1 }).done(), as: 'buildings' })
    .project({ members: 1, load: 1, hours: 1, buildings: 1 })
    .end()
  const found = (list[0] ?? { members: [], load: [], hours: [], buildings: [] }) as {
    members: { userId: (string | null)[]; name: string[]; buildingId: (string | null)[]; skills: string[][]; freeTime: string[][] }[]
    load: { _id: string; n: number }[]
    hours: { _id: string; n: number }[]
    buildings: Pick<OrgNode, '_id' | 'path'>[]
  }
  const loadOf = new Map(found.load.map((g) => [g._id, g.n]))
  const hoursOf = new Map(found.hours.map((g) => [g._id, g.n]))
  const placeOf = new Map(found.buildings.map((b) => [b._id, b.path]))
  const m = found.members[0] ?? { userId: [], name: [], buildingId: [], skills: [], freeTime: [] }
  const out: Candidate[] = []
  for (let i = 0; i < m.userId.length; i++) {
    const id = m.userId[i]
    // Imported registrations with nobody behind them yet (no userId) cannot be dispatched to.
    if (!id) continue
    const buildingId = m.buildingId[i]
    const path = buildingId ? placeOf.get(buildingId) : undefined
    out.push({
      id,
      name: m.name[i],
      communityId,
      compoundId: path?.[3] ?? null,
      gridId: path?.[4] ?? null,
      buildingId: buildingId ?? null,
      skills: m.skills[i],
      freeTime: m.freeTime[i],
      openOrders: loadOf.get(id) ?? 0,
      hoursThisYear: hoursOf.get(id) ?? 0,
    })
  }
  return out
}

/** Requests, and the escalation sweep when (and only when) the platform timer calls (config.json `triggers`). */
export const main = withTimers(handlers, { escalate: () => sweep(database(), now()) })
