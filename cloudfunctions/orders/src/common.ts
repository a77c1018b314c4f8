import { findCallerWithLive, getDocs, readById, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import type { OrderCaller, OrderRecord, OrderTimeSettings, OrderViewer } from '../../../domain/orders'
import type { OrgNode } from '../../../domain/org'
import { isRegistered, type RegistrationRecord } from '../../../domain/registration'
import { displayName, type UserRecord } from '../../../domain/users'

export const ORDERS = 'orders'
export const ITEMS = 'service_items'

export type Caller = UserRecord
export type Live = RegistrationRecord
/** An order as the function stores it: the domain's record (with the fields kept for messages and the ledger). */
export type StoredOrder = OrderRecord

/** The caller and their live registration: one aggregation (server/kit findCallerWithLive). */
export async function callerOf(ctx: ActionContext): Promise<{ caller: Caller | null; live: Live | null }> {
  return findCallerWithLive<Caller, Live>(ctx)
}

/** The live registration when it makes the caller a member (registered), else null. */
export function memberOf(live: Live | null): Live | null {
  return live && isRegistered(live.state) ? live : null
}

/** The caller as the domain sees them (the buttons of `get`, every rule of scope.ts); null for someone the backend does not know. */
export function viewerOf(caller: Caller | null, live: Live | null): OrderViewer | null {
  if (!caller) return null
  const m = memberOf(live)
  return { userId: caller._id, grants: caller.roles ?? [], member: m ? { communityId: m.communityId, buildingId: m.buildingId ?? null } : null }
}

/** The caller as the planner needs them: the viewer, their name on the timeline, their openid and registration for the order. */
export function orderCallerOf(caller: Caller | null, live: Live | null): OrderCaller | null {
  const viewer = viewerOf(caller, live)
  if (!viewer || !caller) return null
  const m = memberOf(live)
  return { ...viewer, name: nameOf(caller, live), openid: caller.openid ?? null, member: viewer.member && m ? { ...viewer.member, registrationId: m._id, unitId: m.unitId } : null }
}

/** The name on the timeline: the person's, else their live registration's, else the WeChat default (domain/users displayName). */
export function nameOf(caller: Caller | null, live: Live | null): string {
  return displayName({ name: caller?.name || live?.name })
}

export async function findOrder(ctx: ActionContext, id: string): Promise<StoredOrder | null> {
  return readById<StoredOrder>(ctx.db, ORDERS, id)
}

/** A community node; its `orderSettings` field holds the community's time limits (absent: the defaults, domain settingsOf). */
export type CommunityNode = OrgNode & { orderSettings?: OrderTimeSettings }

export async function findCommunity(ctx: ActionContext, id: string): Promise<CommunityNode | null> {
  const [node] = await getDocs<CommunityNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'community' }).limit(1))
  return node ?? null
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  return caller
}
