/**
 * The names and labels of service orders that screens need without the lifecycle: the 服务 tab
 * (in the mini-program's main package) imports these, and this module alone, so the transition
 * table, ranking inputs and guards of domain/orders/ stay in the subpackages that use them.
 * domain/orders/index.ts re-exports everything here.
 */

export const ORDER_STATES = [
  'ordered',
  'accepted',
  'declined',
  'merged',
  'dispatched_member',
  'dispatched_unit',
  'pooled',
  'claimed',
  'in_progress',
  'done',
  'complained',
  'confirmed',
  'closed',
  'cancelled',
] as const
export type OrderState = (typeof ORDER_STATES)[number]

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  ordered: '待接单',
  accepted: '待派单',
  declined: '未受理',
  merged: '已合并',
  dispatched_member: '待党员接单',
  dispatched_unit: '待单位分派',
  pooled: '待领单',
  claimed: '待服务',
  in_progress: '服务中',
  done: '待确认',
  complained: '投诉处理中',
  confirmed: '已确认',
  closed: '已办结',
  cancelled: '已取消',
}

/** Not finished: shows in work lists (the time limits are STATE_LIMIT's, below). */
export function isOpen(state: OrderState): boolean {
  return !isFinished(state)
}

/** Nothing more will happen to it (confirmed is finished for the resident; `close` only books the hours). */
export function isFinished(state: OrderState): boolean {
  return state === 'declined' || state === 'merged' || state === 'confirmed' || state === 'closed' || state === 'cancelled'
}

/** Sent to a unit that has not passed it to one of its members yet (待单位分派). */
export function awaitsUnit(state: OrderState): boolean {
  return state === 'dispatched_unit'
}

export const ORDER_URGENCIES = ['normal', 'urgent'] as const
export type OrderUrgency = (typeof ORDER_URGENCIES)[number]
export const ORDER_URGENCY_LABELS: Record<OrderUrgency, string> = { normal: '一般', urgent: '紧急' }

export const SERVICE_CATEGORIES = ['环境整治', '加装电梯', '出租屋管理', '无物业楼宇', '助老', '助学', '维修', '义诊', '法律咨询', '文体活动', '其他'] as const
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]
