/** An order as stored, and a new one. */
import { DomainError } from '../errors'
import type { OrderState, OrderUrgency, ServiceCategory } from '../orders-labels'
import type { EscalationLevel, OrderHistoryEntry } from './history'
import { checkOrderInput, type OrderInput, type Rating, type WorkReport } from './input'
import type { ServiceItem } from './items'

/** A claim pool: the members of one grid, or of the whole community. */
export interface PoolScope {
  kind: 'grid' | 'community'
  id: string
}

/** An order as stored in the `orders` collection. */
export interface OrderRecord {
  _id: string
  /** The service-list item ordered, or null for "other". */
  itemId: string | null
  category: ServiceCategory
  /** Skills the work wants: the item's, or chosen by the admin for "other". */
  skills: string[]
  description: string
  preferredAt: Date
  urgency: OrderUrgency
  residentId: string | null
  residentName: string
  placedById: string
  placedByName: string
  streetId: string
  communityId: string
  communityName: string
  compoundId: string | null
  gridId: string | null
  buildingId: string | null
  buildingName: string | null
  /** lineage() of the building (else the community): the scope filter of every role-performed verb. */
  lineage: string[]
  state: OrderState
  /** When the current state began: time limits count from here. */
  stateSince: Date
  assigneeId: string | null
  assigneeName: string | null
  unitId: string | null
  pool: PoolScope | null
  /** For a grid pool: the grid's buildings when it was pooled, so a claim checks the member's building in its own write. */
  poolBuildingIds?: string[] | null
  /** When a member took it (acceptDispatch or claim): the finish limit counts from the later of this and preferredAt. */
  claimedAt: Date | null
  mergedInto: string | null
  report: WorkReport | null
  rating: Rating | null
  /** Set by the escalation sweep (nextAt: when the next level is due, null at the street), cleared by the next transition. */
  overdue: { level: EscalationLevel; since: Date; nextAt: Date | null } | null
  /** Meaningful in declined, complained, and after a declined dispatch or a release. */
  reason?: string
  history: OrderHistoryEntry[]
  createdAt: Date
  updatedAt: Date
  // Kept for the messages and the ledger, never shown: whom to tell (the platform's ids of the
  // person who placed it and of the assignee) and what the `confirm` booking writes.
  requesterOpenid?: string | null
  assigneeOpenid?: string | null
  /** The assignee's live registration and unit when they took it: the ledger row of `confirm`. */
  assigneeRegistrationId?: string | null
  assigneeUnitId?: string | null
}

/** Where and for whom a new order is placed; the function resolves the building's lineage first. */
export interface NewOrderArgs {
  id: string
  input: OrderInput
  item: Pick<ServiceItem, '_id' | 'category' | 'skills'> | null
  /** For "other": the category the person picked (default 其他). */
  category?: ServiceCategory
  resident: { id: string | null; name: string }
  /** Who pressed the button; `openid` is kept to tell them when it is taken and done. */
  placedBy: { id: string; name: string; openid?: string | null }
  place: Pick<OrderRecord, 'streetId' | 'communityId' | 'communityName' | 'compoundId' | 'gridId' | 'buildingId' | 'buildingName' | 'lineage'>
  now: Date
  op?: string
}

/** A new order in `ordered`, its first timeline entry included; throws the input guards' codes. */
export function newOrder(a: NewOrderArgs): OrderRecord {
  const input = checkOrderInput(a.input, a.now)
  if (input.itemId !== (a.item?._id ?? null)) throw new DomainError('REQUEST.INVALID')
  const entry: OrderHistoryEntry = { verb: 'order', from: null, to: 'ordered', by: a.placedBy.id, byName: a.placedBy.name, at: a.now }
  if (a.op) entry.op = a.op
  return {
    _id: a.id,
    itemId: input.itemId,
    category: a.item ? (a.item.category as ServiceCategory) : (a.category ?? '其他'),
    skills: a.item ? [...a.item.skills] : [],
    description: input.description,
    preferredAt: input.preferredAt,
    urgency: input.urgency,
    residentId: a.resident.id,
    residentName: a.resident.name,
    placedById: a.placedBy.id,
    placedByName: a.placedBy.name,
    ...a.place,
    lineage: [...a.place.lineage],
    state: 'ordered',
    stateSince: a.now,
    assigneeId: null,
    assigneeName: null,
    unitId: null,
    pool: null,
    poolBuildingIds: null,
    claimedAt: null,
    mergedInto: null,
    report: null,
    rating: null,
    overdue: null,
    history: [entry],
    createdAt: a.now,
    updatedAt: a.now,
    requesterOpenid: a.placedBy.openid ?? null,
    assigneeOpenid: null,
    assigneeRegistrationId: null,
    assigneeUnitId: null,
  }
}
