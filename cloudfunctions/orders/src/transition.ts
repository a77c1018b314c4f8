/**
 * Every verb of the lifecycle table runs through server/kit changeState, in two round trips: ONE
 * aggregation reads the caller, the order and whatever the verb names (verbs.ts); the domain
 * planner (domain/orders/plan.ts planOrder) refuses with the precise code or answers the Plan,
 * whose conditions carry the caller's scope, pool or ownership and the target's place; ONE
 * conditional update writes it with its timeline entries. When the write lost a race, the kit
 * reads the order again and the planner says why. Nothing here decides who may do what.
 */
import { changeState, opId, type ActionContext, type Changed } from '../../../server/kit'
import type { TransitionResult } from '../../../domain/api/orders'
import { planOrder, ORDER_STATE_LABELS, type OrderPlan, type OrderRequest, type PersonVerb } from '../../../domain/orders'
import { ORDERS, orderCallerOf, type StoredOrder } from './common'
import type { TargetRead } from './verbs'
import { toTimelineEntry } from './views'

export interface Spec {
  verb: PersonVerb
  id: string
  /** The request's own part (seen, reason, report, rating); `verb`, `id`, `now` and `op` are added here. */
  request?: Partial<OrderRequest>
  /** What the verb names, read with the caller and the order. */
  target?: TargetRead
}

export interface Done {
  /** The order as read before the write. */
  before: StoredOrder
  /** What the verb's joins found (the unit's admins to tell, …). */
  found: Record<string, any[]>
  plan: OrderPlan
  /** What was written: the new state (confirm: `closed`) and the person's own timeline entry. */
  result: TransitionResult
}

export async function transition(ctx: ActionContext, spec: Spec): Promise<Done> {
  const op = opId()
  const done: Changed<StoredOrder, string, OrderPlan> = await changeState<StoredOrder, string, OrderPlan>(ctx, {
    collection: ORDERS,
    id: spec.id,
    joins: spec.target?.joins,
    plan: ({ caller, live, target, found }) =>
      planOrder(target, orderCallerOf(caller, live), { ...spec.request, ...spec.target?.pick(found), verb: spec.verb, id: spec.id, now: ctx.now, op }),
    changed: 'ORDER.CHANGED',
  })
  const { after, plan, read } = done
  return {
    before: read.target as StoredOrder,
    found: read.found,
    plan,
    result: { id: spec.id, state: after.state, stateLabel: ORDER_STATE_LABELS[after.state], entry: toTimelineEntry(plan.entries[0]) },
  }
}
