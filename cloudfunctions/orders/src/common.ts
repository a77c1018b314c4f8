import { callerAggregate, callerOf as splitCaller, cloud, findCallerWithLive, getDocs, lookupPipeline, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { DEFAULT_ORDER_SETTINGS, type OrderTimeSettings, type OrderViewer } from '../../../domain/orders'
import type { OrgNode } from '../../../domain/org'
import type { RegistrationRecord } from '../../../domain/registration'
import type { UserRecord } from '../../../domain/users'
import type { StoredOrder } from './views'

export const ORDERS = 'orders'
export const ITEMS = 'service_items'

export type Caller = UserRecord
export type Live = RegistrationRecord

/** The caller and their live registration: one aggregation (server/kit findCallerWithLive). */
export async function callerOf(ctx: ActionContext): Promise<{ caller: Caller | null; live: Live | null }> {
  return findCallerWithLive<Caller, Live>(ctx)
}

/**
 * Documents read together with the caller: a `$lookup` whose pipeline starts with a constant
 * `$match` (an index serves it), or an equality `$lookup` on a field of an earlier join
 * (`joined(name, field)`), e.g. the order's community.
 */
export type Join =
  | { from: string; match: Record<string, unknown>; limit: number; project?: Record<string, unknown> }
  | { from: string; localField: string; foreignField: string }

const JOINED = '__join_'

/** The path of `field` in what the join `name` found, for a later join's localField. */
export const joined = (name: string, field: string) => `${JOINED}${name}.${field}`

/**
 * The caller, their live registration and every join, in ONE aggregation (one round trip): the
 * caller's `users` pipeline (server/kit callerAggregate) with one `$lookup` per join. Nothing
 * comes back when the caller is unknown to the backend (no `users` record): every action here
 * refuses such a caller before it needs anything else.
 */
export async function callerWith<K extends string>(
  ctx: ActionContext,
  joins: Record<K, Join>,
): Promise<{ caller: Caller | null; live: Live | null; found: Record<K, any[]> }> {
  let agg = callerAggregate(ctx)
  for (const [name, j] of Object.entries(joins) as [K, Join][]) {
    if ('localField' in j) {
      agg = agg.lookup({ from: j.from, localField: j.localField, foreignField: j.foreignField, as: `${JOINED}${name}` })
      continue
    }
    let pipeline = lookupPipeline(ctx).match(j.match).limit(j.limit)
    if (j.project) pipeline = pipeline.project(j.project)
    agg = agg.lookup({ from: j.from, pipeline: pipeline.done(), as: `${JOINED}${name}` })
  }
  const { list } = await agg.end()
  const doc = (list[0] ?? null) as Record<string, unknown> | null
  const found = {} as Record<K, any[]>
  for (const name of Object.keys(joins) as K[]) {
    found[name] = (doc?.[`${JOINED}${name}`] as any[] | undefined) ?? []
    if (doc) delete doc[`${JOINED}${name}`]
  }
  const { caller, live } = splitCaller<Caller, Live>(doc ?? undefined)
  return { caller, live, found }
}

/** The order by id, as a join. */
export const orderJoin = (id: string): Join => ({ from: ORDERS, match: { _id: id }, limit: 1 })

/** The live registration when it makes the caller a member (registered), else null. */
export function memberOf(live: Live | null): Live | null {
  return live && live.state === 'registered' ? live : null
}

/** The caller as availableVerbs sees them (the buttons of `get`); null for someone the backend does not know. */
export function viewerOf(caller: Caller | null, live: Live | null): OrderViewer | null {
  if (!caller) return null
  const m = memberOf(live)
  return { userId: caller._id, grants: caller.roles ?? [], member: m ? { communityId: m.communityId, buildingId: m.buildingId ?? null } : null }
}

export function nameOf(caller: Caller | null, live: Live | null): string {
  return caller?.name ?? live?.name ?? '微信用户'
}

export async function findOrder(ctx: ActionContext, id: string): Promise<StoredOrder | null> {
  const [doc] = await getDocs<StoredOrder>(ctx.db.collection(ORDERS).where({ _id: id }).limit(1))
  return doc ?? null
}

/** A community node; its `orderSettings` field holds the community's time limits (absent: the defaults). */
export type CommunityNode = OrgNode & { orderSettings?: OrderTimeSettings }

export async function findCommunity(ctx: ActionContext, id: string): Promise<CommunityNode | null> {
  const [node] = await getDocs<CommunityNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'community' }).limit(1))
  return node ?? null
}

export function settingsOf(node: Pick<CommunityNode, 'orderSettings'> | null | undefined): OrderTimeSettings {
  return node?.orderSettings ? { ...DEFAULT_ORDER_SETTINGS, ...node.orderSettings } : DEFAULT_ORDER_SETTINGS
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  return caller
}

// ---- Notifications ---------------------------------------------------------------------------

/** Template ids are per mini-program (公众平台 → 订阅消息); these names stand for them locally. */
export const TEMPLATES = {
  dispatch: process.env.LIANXIN_TEMPLATE_ORDER_DISPATCH ?? 'order-dispatch',
  claim: process.env.LIANXIN_TEMPLATE_ORDER_CLAIM ?? 'order-claim',
  done: process.env.LIANXIN_TEMPLATE_ORDER_DONE ?? 'order-done',
  overdue: process.env.LIANXIN_TEMPLATE_ORDER_OVERDUE ?? 'order-overdue',
} as const

/** WeChat limits a `thing` value to 20 characters. */
const thing = (s: string) => ({ value: s.length > 20 ? `${s.slice(0, 19)}…` : s || '—' })

export interface Notice {
  touser: string | null | undefined
  kind: keyof typeof TEMPLATES
  orderId: string
  title: string
  status: string
}

/**
 * One subscribe message. Never fails the action: a refused message (no consent, quota) is logged
 * and the order's state, already written, stands; the person still sees it in their lists.
 */
export async function notify(n: Notice): Promise<boolean> {
  if (!n.touser) return false
  try {
    const openapi = cloud.openapi as unknown as { subscribeMessage: { send(p: object): Promise<unknown> } }
    await openapi.subscribeMessage.send({
      touser: n.touser,
      templateId: TEMPLATES[n.kind],
      page: `packages/orders/pages/detail/index?id=${n.orderId}`,
      data: { thing1: thing(n.title), phrase2: { value: n.status.slice(0, 5) } },
      miniprogramState: 'developer',
    })
    return true
  } catch (e) {
    console.warn(`[orders.notify] ${n.kind} to ${n.touser} not sent:`, (e as { errMsg?: string })?.errMsg ?? e)
    return false
  }
}
