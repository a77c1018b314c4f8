/**
 * The timeline: one history entry per step, pushed by the same conditional update that changes
 * the state, so the audit record cannot be missing or disagree with the state.
 */
import type { OrderState } from '../orders-labels'
import type { OrderVerb } from './lifecycle'

/** The verbs of the timeline: the table's verbs, the first `order`, and the sweep's `escalate`. */
export type OrderHistoryVerb = 'order' | OrderVerb | 'escalate'

export const ORDER_HISTORY_LABELS: Record<OrderHistoryVerb, string> = {
  order: '点单',
  accept: '社区接单',
  decline: '社区未受理',
  merge: '合并重复单',
  dispatchToMember: '派单给党员',
  dispatchToUnit: '派单给单位',
  passToMember: '单位转派',
  pool: '放入领单池',
  recall: '收回派单',
  acceptDispatch: '党员接单',
  declineDispatch: '党员婉拒',
  claim: '党员领单',
  release: '退回领单',
  start: '开始服务',
  finish: '完成服务',
  confirm: '确认评价',
  complain: '提出投诉',
  resolve: '投诉办结',
  close: '办结',
  cancel: '取消点单',
  escalate: '超时督办',
}

export const ESCALATION_LEVELS = ['branch', 'community', 'street'] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = { branch: '小区党支部', community: '社区党委', street: '街道党工委' }

export interface OrderHistoryEntry {
  verb: OrderHistoryVerb
  from: OrderState | null
  to: OrderState
  /** The acting user's record id ('system' for the sweep and the hours booking). */
  by: string
  byName: string
  at: Date
  reason?: string
  /** The invocation that wrote the entry. */
  op?: string
  /** dispatchToMember, passToMember: who it went to. */
  assigneeName?: string
  /** dispatchToUnit: which unit. */
  unitName?: string
  /** pool: which grid or community. */
  poolName?: string
  /** merge: the duplicate kept. */
  mergedInto?: string
  /** finish: the hours reported. */
  hours?: number
  /** confirm: the stars given. */
  stars?: number
  /** escalate: who was notified. */
  level?: EscalationLevel
}

/** Who takes the system's steps on the timeline (close, escalate). */
export const SYSTEM_ACTOR = { id: 'system', name: '系统' } as const

/** One timeline line in words, without who and when (the UI shows those beside it). */
export function describeEntry(e: OrderHistoryEntry): string {
  const why = e.reason ? `：${e.reason}` : ''
  switch (e.verb) {
    case 'dispatchToMember':
      return `派单给${e.assigneeName ?? '党员'}`
    case 'passToMember':
      return `单位转派给${e.assigneeName ?? '党员'}`
    case 'dispatchToUnit':
      return `派单给${e.unitName ?? '单位'}`
    case 'pool':
      return `放入${e.poolName ?? ''}领单池`
    case 'finish':
      return e.hours === undefined ? '完成服务' : `完成服务，服务${e.hours}小时`
    case 'confirm':
      return e.stars === undefined ? '确认完成' : `确认完成，评价${e.stars}星${why}`
    case 'escalate':
      return `超时督办，已通知${e.level ? ESCALATION_LEVEL_LABELS[e.level] : '上级'}`
    case 'close':
      return '办结，服务时长已计入'
    default:
      return `${ORDER_HISTORY_LABELS[e.verb]}${why}`
  }
}
