/**
 * Dual registration (双报到): a member joins their work unit and reports to their home
 * community; the unit admin confirms the membership first, then the community admin confirms
 * the report. docs/registration.md says the same in plain words.
 */
import { DomainError } from './errors'

export const REGISTRATION_STATES = ['pending_unit', 'pending_community', 'registered', 'rejected', 'moved', 'withdrawn'] as const
export type RegistrationState = (typeof REGISTRATION_STATES)[number]

export const REGISTRATION_STATE_LABELS: Record<RegistrationState, string> = {
  pending_unit: '待单位确认',
  pending_community: '待社区确认',
  registered: '已报到',
  rejected: '已退回',
  moved: '已迁出',
  withdrawn: '已撤回',
}

export type RegistrationVerb = 'confirmUnit' | 'rejectUnit' | 'confirmCommunity' | 'rejectCommunity' | 'resubmit' | 'withdraw' | 'move' | 'bind'

/** Who performs a verb: the unit's admin, the community's admin, or the member themself. */
export type RegistrationActor = 'unit_admin' | 'community_admin' | 'self'

export interface Transition {
  from: readonly RegistrationState[]
  to: RegistrationState
  actor: RegistrationActor
  needsReason?: boolean
}

export const REGISTRATION_TRANSITIONS: Record<RegistrationVerb, Transition> = {
  confirmUnit: { from: ['pending_unit'], to: 'pending_community', actor: 'unit_admin' },
  rejectUnit: { from: ['pending_unit'], to: 'rejected', actor: 'unit_admin', needsReason: true },
  confirmCommunity: { from: ['pending_community'], to: 'registered', actor: 'community_admin' },
  rejectCommunity: { from: ['pending_community'], to: 'rejected', actor: 'community_admin', needsReason: true },
  resubmit: { from: ['rejected'], to: 'pending_unit', actor: 'self' },
  withdraw: { from: ['pending_unit', 'pending_community', 'registered'], to: 'withdrawn', actor: 'self' },
  // A move closes this registration; the new home or unit starts a fresh one, so the history stays.
  move: { from: ['registered'], to: 'moved', actor: 'self' },
  // The person claims an imported registration (userId null) as theirs. No change of state, but a
  // step with its own guard: only a registered one can be bound, so it sits in the table as a
  // loop on `registered` and the table test walks it like any other verb. That the registration
  // is unbound and has the person's phone and name is checked by the conditional update (bind.ts).
  bind: { from: ['registered'], to: 'registered', actor: 'self' },
}

/** A registration that still counts: at most one per person at any time. */
export function isLive(state: RegistrationState): boolean {
  return state === 'pending_unit' || state === 'pending_community' || state === 'registered'
}

export function isPending(state: RegistrationState): boolean {
  return state === 'pending_unit' || state === 'pending_community'
}

/** Confirmed by both sides (已报到): the member role follows from it. */
export function isRegistered(state: RegistrationState): boolean {
  return state === 'registered'
}

/** Sent back with a reason; its owner may correct and resubmit it. */
export function isRejected(state: RegistrationState): boolean {
  return state === 'rejected'
}

/** The states of each category, for database filters (`state: _.in(LIVE_STATES)`). */
export const LIVE_STATES: readonly RegistrationState[] = REGISTRATION_STATES.filter(isLive)
export const PENDING_STATES: readonly RegistrationState[] = REGISTRATION_STATES.filter(isPending)

/** The state after `verb`, or REGISTRATION.INVALID_TRANSITION when the verb does not apply. */
export function nextState(state: RegistrationState, verb: RegistrationVerb): RegistrationState {
  const t = REGISTRATION_TRANSITIONS[verb]
  if (!t.from.includes(state)) throw new DomainError('REGISTRATION.INVALID_TRANSITION', `当前状态为「${REGISTRATION_STATE_LABELS[state]}」，不能进行这个操作`)
  return t.to
}

/** What is still missing before the member is fully registered, in words for the card. */
export function missingSteps(state: RegistrationState): string[] {
  switch (state) {
    case 'pending_unit':
      return ['等待工作单位党组织确认', '等待社区党委确认']
    case 'pending_community':
      return ['等待社区党委确认']
    case 'rejected':
      return ['报到被退回，请按原因修改后重新提交']
    case 'registered':
      return []
    default:
      return ['请重新报到']
  }
}

export const SKILL_TAGS = ['水电维修', '医疗护理', '法律咨询', '教育辅导', '心理疏导', '文艺宣传', '电脑网络', '驾驶', '理发', '家电维修', '环境整治', '助老陪护'] as const
export const FREE_TIME_SLOTS = ['工作日白天', '工作日晚上', '周末白天', '周末晚上'] as const

/**
 * The verbs that appear in a registration's history: the table's verbs, the first submission,
 * `moveIn`, the first step of a registration that a move started (its `place` says where from),
 * and `import`, the first step of a registration written by a bulk import (docs/import.md).
 */
export type HistoryVerb = RegistrationVerb | 'submit' | 'moveIn' | 'import'

export const HISTORY_VERB_LABELS: Record<HistoryVerb, string> = {
  submit: '提交报到',
  confirmUnit: '单位确认',
  rejectUnit: '单位退回',
  confirmCommunity: '社区确认',
  rejectCommunity: '社区退回',
  resubmit: '重新提交',
  withdraw: '撤回',
  move: '迁出',
  moveIn: '迁入',
  import: '批量导入',
  bind: '本人认领导入的报到',
}

/** Where a registration is: named in a move's history entries (where to, where from). */
export interface RegistrationPlace {
  unitName: string
  communityName: string
  buildingName?: string
}

/** Words for a place on the card: 北门社区 北门花园2栋 · 县水利局. */
export function placeLabel(place: RegistrationPlace): string {
  return `${place.communityName}${place.buildingName ? ` ${place.buildingName}` : ''} · ${place.unitName}`
}

/**
 * Where a move from `from` to `to` starts the new registration. A new unit has to vouch again
 * (待单位确认); a new home only needs the new community (待社区确认), because the unit already
 * confirmed the membership and that confirmation is carried over. The same unit and community
 * is no move at all: REGISTRATION.SAME_PLACE (a new building alone stays where it is).
 */
export function stateAfterMove(
  from: { unitId: string; communityId: string },
  to: { unitId: string; communityId: string },
): 'pending_unit' | 'pending_community' {
  if (from.unitId !== to.unitId) return 'pending_unit'
  if (from.communityId !== to.communityId) return 'pending_community'
  throw new DomainError('REGISTRATION.SAME_PLACE')
}

/**
 * One step of a registration's life, stored inside the registration and written by the same
 * conditional update that changes the state: it is the audit record (who, from, to, when, why).
 */
export interface StoredHistoryEntry {
  verb: HistoryVerb
  from: RegistrationState | null
  to: RegistrationState
  /** The acting user's record id. */
  by: string
  byName: string
  at: Date
  reason?: string
  /** The invocation that wrote the entry, so a batch can tell its own changes from others'. */
  op?: string
  /** `move`: where to; `moveIn`: where from. */
  place?: RegistrationPlace
  /** A confirmation copied from the registration a move closed (the unit vouched there). */
  carried?: boolean
}

/**
 * A closed registration as the next one keeps it after a move: what it was and its whole history.
 * Closed registrations never change again, so the copy cannot disagree with the original.
 */
export interface EarlierRegistration {
  id: string
  unitName: string
  communityName: string
  buildingName?: string
  history: StoredHistoryEntry[]
}

/** A registration as stored in the `registrations` collection. */
export interface RegistrationRecord {
  _id: string
  /** The person's `users` id; null only for an imported registration nobody has bound yet. */
  userId: string | null
  name: string
  phone: string
  unitId: string
  unitName: string
  /** The unit's county: county admins reach unit targets through it. */
  unitCountyId: string
  communityId: string
  communityName: string
  /** lineage() of the community node: the scope filter of community-side decisions. */
  communityLineage: string[]
  buildingId?: string
  buildingName?: string
  skills: string[]
  skillNote?: string
  freeTime: string[]
  state: RegistrationState
  /** Why it was sent back; meaningful while the state is `rejected`. */
  reason?: string
  history: StoredHistoryEntry[]
  /** Set by a move: the registration this one replaced. */
  previousId?: string
  /** Set by a move on the registration it closed: the one that replaced it. */
  movedToId?: string
  /** The registrations earlier moves closed, oldest first, so the card shows them without more reads. */
  earlier?: EarlierRegistration[]
  /** `import`: written by a bulk import (with its `importId`); absent for registrations people submitted. */
  source?: 'import'
  importId?: string
  createdAt: Date
  updatedAt: Date
}

/**
 * The field on the person's `users` record that points at their live registration (null when
 * none). Claiming it with a conditional update is what keeps one live registration per person.
 */
export interface LiveRegistrationPointer {
  liveRegistrationId?: string | null
}

/** What a registration's QR encodes: its id, never personal data. */
export function registrationQrPayload(id: string): string {
  return `reg:${id}`
}
