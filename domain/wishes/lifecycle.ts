/**
 * The micro-wish lifecycle (docs/wishes.md, docs/lifecycles.md): the verbs, who performs each, the
 * transition table, and the category questions code asks instead of comparing state names.
 */
import { DomainError } from '../errors'
import type { PermissionAction } from '../permissions'
import { WISH_STATE_LABELS, type WishState } from '../wishes-labels'

export type WishVerb =
  | 'submit'
  | 'resubmit'
  | 'verify'
  | 'publish'
  | 'reject'
  | 'takeDown'
  | 'light'
  | 'giveUp'
  | 'revokeClaim'
  | 'autoRelease'
  | 'deliver'
  | 'confirm'
  | 'disputeDelivery'
  | 'rate'

/**
 * Who performs a verb. Staff kinds (grid worker, community admin) hold a role covering the
 * wish's household; the others are relations to this one wish: its claimer, its beneficiary
 * (a resident with an account), or the timer (system).
 */
export type WishActor = 'grid_worker' | 'community_admin' | 'claimer' | 'beneficiary' | 'system'

export interface WishTransition {
  from: readonly WishState[]
  to: WishState
  actors: readonly WishActor[]
  needsReason?: boolean
}

export const WISH_TRANSITIONS: Record<WishVerb, WishTransition> = {
  // Drafts live on the device; the server's first record of a wish is its submission.
  submit: { from: ['draft'], to: 'submitted', actors: ['grid_worker', 'beneficiary'] },
  // Whoever may write the household's wish corrects it: a grid worker of the household (the writer
  // or whoever covers the grid now) or the beneficiary themself (docs/wishes.md "Resubmitting").
  resubmit: { from: ['rejected'], to: 'submitted', actors: ['grid_worker', 'beneficiary'] },
  // The visit that confirmed the need is recorded with it (who, when, what was seen).
  verify: { from: ['submitted'], to: 'verified', actors: ['grid_worker', 'community_admin'] },
  publish: { from: ['verified'], to: 'published', actors: ['community_admin'] },
  reject: { from: ['submitted', 'verified'], to: 'rejected', actors: ['community_admin'], needsReason: true },
  takeDown: { from: ['published'], to: 'taken_down', actors: ['community_admin'], needsReason: true },
  light: { from: ['published'], to: 'lit', actors: ['claimer'] },
  giveUp: { from: ['lit'], to: 'published', actors: ['claimer'] },
  revokeClaim: { from: ['lit'], to: 'published', actors: ['community_admin'], needsReason: true },
  // The reason of an automatic release is written by the system (planTransition), not asked for.
  autoRelease: { from: ['lit'], to: 'published', actors: ['system'] },
  deliver: { from: ['lit'], to: 'delivered', actors: ['claimer'] },
  confirm: { from: ['delivered'], to: 'confirmed', actors: ['beneficiary', 'grid_worker'] },
  // "没收到": the people who may confirm may say it did not arrive; the claimer keeps the claim
  // (and its release deadline, which is not moved) and may deliver again.
  disputeDelivery: { from: ['delivered'], to: 'lit', actors: ['beneficiary', 'grid_worker'], needsReason: true },
  rate: { from: ['confirmed'], to: 'rated', actors: ['beneficiary', 'grid_worker'] },
}

export const WISH_VERBS = Object.keys(WISH_TRANSITIONS) as WishVerb[]

/**
 * The permission a staff actor needs on the wish's household (domain/permissions.ts). Verbs done
 * only by the claimer, the beneficiary or the timer have none: they are relations, not roles.
 */
export const WISH_VERB_PERMISSION: Partial<Record<WishVerb, PermissionAction>> = {
  submit: 'wish.submit',
  resubmit: 'wish.submit',
  verify: 'wish.verify',
  publish: 'wish.review',
  reject: 'wish.review',
  takeDown: 'wish.review',
  revokeClaim: 'wish.review',
  confirm: 'wish.confirmFor',
  disputeDelivery: 'wish.confirmFor',
  rate: 'wish.confirmFor',
}

/** The verbs of a wish's history: the table's verbs plus edits during review. */
export type WishHistoryVerb = WishVerb | 'edit'

export const WISH_HISTORY_LABELS: Record<WishHistoryVerb, string> = {
  submit: '提交心愿',
  resubmit: '重新提交',
  verify: '走访核实',
  publish: '发布',
  reject: '退回',
  takeDown: '下架',
  light: '点亮',
  giveUp: '放弃认领',
  revokeClaim: '撤销认领',
  autoRelease: '超时释放',
  deliver: '送达',
  confirm: '确认收到',
  disputeDelivery: '未收到',
  rate: '评价',
  edit: '修改',
}

// ---------------------------------------------------------------------------------------------
// Categories of a state (tests pin the exact membership of each)

/** Waiting for the community: the review queue; the community may still edit the text. */
export function isInReview(state: WishState): boolean {
  return state === 'submitted' || state === 'verified'
}

/** Can be lit right now. */
export function isClaimable(state: WishState): boolean {
  return state === 'published'
}

/** Lit and not delivered: the claim's deadline runs (the timer releases it after). */
export function awaitsDelivery(state: WishState): boolean {
  return state === 'lit'
}

/** Shown on the wish wall: published at some point and not taken down. */
export function isOnWall(state: WishState): boolean {
  return state === 'published' || state === 'lit' || state === 'delivered' || state === 'confirmed' || state === 'rated'
}

/** Lit at some point and still counted as lit: a released claim goes back to published. */
export function isLitOrLater(state: WishState): boolean {
  return state === 'lit' || state === 'delivered' || state === 'confirmed' || state === 'rated'
}

/** The beneficiary confirmed receiving it. */
export function isDone(state: WishState): boolean {
  return state === 'confirmed' || state === 'rated'
}

/** Nothing more will happen to it: nobody is offered any verb. */
export function isClosed(state: WishState): boolean {
  return state === 'taken_down' || state === 'rated'
}

/** The state after `verb`, or a typed error saying precisely why the verb does not apply. */
export function nextState(state: WishState, verb: WishVerb): WishState {
  const t = WISH_TRANSITIONS[verb]
  if (t.from.includes(state)) return t.to
  if (verb === 'light') {
    // The two answers a person lighting a wish needs to tell apart: someone was faster, or the
    // wish is not on offer (yet, or any more).
    if (isLitOrLater(state)) throw new DomainError('WISH.ALREADY_CLAIMED')
    throw new DomainError('WISH.NOT_PUBLISHED', `这个心愿当前为「${WISH_STATE_LABELS[state]}」，不能点亮`)
  }
  throw new DomainError('WISH.INVALID_TRANSITION', `当前状态为「${WISH_STATE_LABELS[state]}」，不能进行这个操作`)
}
