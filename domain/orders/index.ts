/**
 * Service orders (点单 → 接单 → 派单 → 领单): a resident (or a grid worker or building head for
 * them) orders a service, the community accepts it, a branch or the community dispatches it to a
 * member, to a unit or into a claim pool, a member does it and the resident confirms and rates
 * it. docs/orders.md says the same in plain words. By job:
 *
 * - lifecycle.ts: the states' transition table, who performs each verb, the state predicates;
 * - scope.ts: reach, pool and ownership rules as guards (condition + refusal), availableVerbs;
 * - plan.ts: the planner (order as read + caller + target → Plan, or the precise refusal);
 * - input.ts, items.ts, record.ts, history.ts: input guards, the service list, the record, the timeline;
 * - settings.ts, escalation.ts: per-community time limits, deadlines and who is told when late.
 */
export * from '../orders-labels'
export * from './lifecycle'
export * from './input'
export * from './items'
export * from './record'
export * from './history'
export * from './settings'
export * from './escalation'
export * from './scope'
export * from './plan'
