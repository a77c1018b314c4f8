/**
 * Who may do what to which order: the scope of role verbs, the claim pool, the ownership of the
 * requester's and the assignee's verbs, and who may list a community's orders. Each rule is a
 * GUARD: a database condition (domain/lifecycle.ts) with the code a person gets when it fails. The
 * same guard is judged on the order as read (`enforce`, with `holds`) and carried by the write
 * (plan.ts puts its condition in the Plan), so what is checked and what the database enforces
 * cannot drift apart, and the buttons (availableVerbs) are computed from the very same guards.
 */
import { DomainError, type ErrorCode } from '../errors'
import { anyOf, holds, type Condition } from '../lifecycle'
import type { OrgNode } from '../org'
import { reach, reaches } from '../permissions'
import type { RoleGrant } from '../roles'
import { nextState, ORDER_PERMISSION, ORDER_TRANSITIONS, ORDER_VERBS, type OrderVerb } from './lifecycle'
import type { OrderRecord } from './record'

/** A database condition and the refusal a person gets when the order does not meet it. */
export interface Guard {
  condition: Condition
  code: ErrorCode
  /** A more precise message than the code's own. */
  message?: string
}

/** Throws the refusal of the first guard the record does not meet. */
export function enforce(record: unknown, guards: readonly Guard[]): void {
  for (const g of guards) if (!holds(record, g.condition)) throw new DomainError(g.code, g.message)
}

/** The person looking at (or acting on) the order, as the function knows them. */
export interface OrderViewer {
  userId: string
  /** Roles held now (the member role derived from a registered live registration included). */
  grants: readonly RoleGrant[]
  /** Their registered live registration (null: not a member anywhere): claims need it. */
  member: { communityId: string; buildingId: string | null } | null
}

/** What of the order the scope, pool and ownership rules read. */
export type OrderForVerbs = Pick<OrderRecord, 'state' | 'residentId' | 'placedById' | 'assigneeId' | 'unitId' | 'communityId' | 'lineage' | 'pool' | 'poolBuildingIds'>

type Member = NonNullable<OrderViewer['member']>

/**
 * A member claims from a pool of their community: the community pool, or a grid pool whose
 * buildings (kept on the order when it was pooled) include theirs.
 */
export function claimGuards(member: Member): Guard[] {
  return [
    { condition: { communityId: member.communityId }, code: 'ORDER.OUTSIDE_COMMUNITY' },
    {
      condition: member.buildingId ? anyOf([{ 'pool.kind': 'community' }, { poolBuildingIds: member.buildingId }]) : { 'pool.kind': 'community' },
      code: 'ORDER.OUTSIDE_POOL',
    },
  ]
}

/** Whether the member may claim from the order's pool (whatever its state). */
export function inOrderPool(order: Pick<OrderForVerbs, 'communityId' | 'pool' | 'poolBuildingIds'>, member: Member): boolean {
  return !!order.pool && claimGuards(member).every((g) => holds(order, g.condition))
}

/** What a member sees in the pool list: their pools, and their skills when the order wants some. */
export function poolFits(order: Pick<OrderForVerbs, 'communityId' | 'pool' | 'poolBuildingIds'> & { skills: readonly string[] }, member: Member & { skills: readonly string[] }): boolean {
  if (!inOrderPool(order, member)) return false
  return order.skills.length === 0 || order.skills.some((s) => member.skills.includes(s))
}

/**
 * Everything a claim checks besides the race (which the conditional update settles): the state
 * (ALREADY_CLAIMED / NOT_IN_POOL), the community, the pool.
 */
export function checkClaim(order: Pick<OrderForVerbs, 'state' | 'communityId' | 'pool' | 'poolBuildingIds'>, member: Member): void {
  nextState(order.state, 'claim')
  enforce(order, claimGuards(member))
}

/** The condition that the caller is the requester (resident or placer) or the assignee, for their verbs; null for the others. */
export function ownerCondition(verb: OrderVerb, userId: string): Condition | null {
  const actor = ORDER_TRANSITIONS[verb].actor
  if (actor === 'requester') return { $or: [{ residentId: userId }, { placedById: userId }] }
  if (actor === 'assignee') return { assigneeId: userId }
  return null
}

/** ORDER.NOT_OWNER unless `userId` may perform this requester or assignee verb; role verbs pass (their scope decides). */
export function assertOwner(order: Pick<OrderForVerbs, 'residentId' | 'placedById' | 'assigneeId'>, verb: OrderVerb, userId: string): void {
  const condition = ownerCondition(verb, userId)
  if (condition) enforce(order, [{ condition, code: 'ORDER.NOT_OWNER' }])
}

/**
 * The viewer's part in any order for this verb, as guards in the order they are explained: the
 * reach of a role verb (`lineage in` the places they hold the permission at; `unitId in` their
 * units for a unit admin), the pool of a claim. AUTH.FORBIDDEN when they can reach no order at all
 * (not a member, for a claim; no grant holding the permission): refused before anything is read.
 */
export function reachGuards(verb: OrderVerb, viewer: OrderViewer): Guard[] {
  const permission = ORDER_PERMISSION[verb]
  if (verb === 'claim') {
    if (!viewer.member) throw new DomainError('AUTH.FORBIDDEN')
    return claimGuards(viewer.member)
  }
  if (!permission) return []
  const r = reach(viewer.grants, permission)
  if (verb === 'passToMember') {
    if (r.unitIds.length === 0) throw new DomainError('AUTH.FORBIDDEN')
    return [{ condition: { unitId: { $in: r.unitIds } }, code: 'AUTH.FORBIDDEN' }]
  }
  if (r.orgIds.length === 0) throw new DomainError('AUTH.FORBIDDEN')
  return [{ condition: { lineage: { $in: r.orgIds } }, code: 'AUTH.FORBIDDEN' }]
}

/** Every condition of the viewer's part: their reach (or pool) and, for their own verbs, that the order is theirs. */
export function partyConditions(verb: OrderVerb, viewer: OrderViewer): Condition[] {
  const owner = ownerCondition(verb, viewer.userId)
  return [...reachGuards(verb, viewer).map((g) => g.condition), ...(owner ? [owner] : [])]
}

/**
 * Whether the viewer may perform the verb on this order as it is, with the precise refusal: out of
 * their reach (AUTH.FORBIDDEN, before the state is revealed), a claim's state then its pool, not
 * theirs (ORDER.NOT_OWNER), then the state.
 */
export function checkVerb(order: OrderForVerbs, viewer: OrderViewer, verb: OrderVerb): void {
  const guards = reachGuards(verb, viewer)
  if (verb === 'claim') checkClaim(order, viewer.member!)
  else enforce(order, guards)
  assertOwner(order, verb, viewer.userId)
  nextState(order.state, verb)
}

// ---------------------------------------------------------------------------------------------
// What a person may press now: the buttons of the order page. The cloud function answers it with
// the order (`OrderDetail.can`); the planner (plan.ts) checks the same guards and writes their
// conditions, and cloudfunctions/orders tests that each verb listed succeeds and each verb left
// out is refused.

/** Whether `viewer` may perform `verb` on the order now (its state, their reach, the pool or their part in it). */
export function mayPerform(order: OrderForVerbs, viewer: OrderViewer, verb: OrderVerb): boolean {
  if (ORDER_TRANSITIONS[verb].actor === 'system') return false
  try {
    checkVerb(order, viewer, verb)
    return true
  } catch (e) {
    if (e instanceof DomainError) return false
    throw e
  }
}

/** The verbs `viewer` may press now, in the table's order (`close` is the system's, never listed). */
export function availableVerbs(order: OrderForVerbs, viewer: OrderViewer | null): OrderVerb[] {
  if (!viewer) return []
  return ORDER_VERBS.filter((verb) => mayPerform(order, viewer, verb))
}

// ---------------------------------------------------------------------------------------------
// Lists. A person's own lists (what they ordered, what they were given, their pool) are theirs;
// a community's queue is its admins'.

/**
 * Whether the grants may list the community's orders (`order.list`): a grant at the community or
 * above it, or at a node inside it (a branch admin's compound, a grid worker's grid: they list
 * their part of it). `inside`: the nodes of the grants' scopes, as read (their paths say where
 * they are). Out of scope is refused (AUTH.FORBIDDEN), never answered with an empty list.
 */
export function mayListCommunity(grants: readonly RoleGrant[], community: Pick<OrgNode, '_id' | 'path'>, inside: readonly Pick<OrgNode, '_id' | 'path'>[]): boolean {
  const r = reach(grants, 'order.list')
  if (reaches(r, { kind: 'org', lineage: [...community.path, community._id] })) return true
  return inside.some((node) => r.orgIds.includes(node._id) && node.path.includes(community._id))
}

/**
 * The condition a community queue carries: the orders of the places the grants reach with
 * `order.list`. AUTH.FORBIDDEN when they reach none: refused before anything is read.
 */
export function listCondition(grants: readonly RoleGrant[]): Condition {
  const { orgIds } = reach(grants, 'order.list')
  if (orgIds.length === 0) throw new DomainError('AUTH.FORBIDDEN')
  return { lineage: { $in: orgIds } }
}
