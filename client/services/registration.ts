import type { MoveInput, RegisterInput, ResubmitInput } from '@domain/api'
import { registrationArea } from '@domain/api/registration'
import { areaCaller } from './transport'

const call = areaCaller(registrationArea)

/** Dual registration (双报到): typed one-liners over the one transport. */

/** What an invitation scene (`c:<communityId>` / `u:<unitId>`) points at. */
export const resolveInvite = (scene: string) => call('registration', 'resolveInvite', { scene })

/** Communities, units, skills and free-time slots; buildings of `communityId` when given. */
export const options = (communityId?: string) =>
  call('registration', 'options', communityId ? { communityId } : {})

export const register = (input: RegisterInput) => call('registration', 'register', input)

/** My registration card, or null when I have never registered. */
export const myCard = () => call('registration', 'myCard', {})

export const withdraw = () => call('registration', 'withdraw', {})

/** 迁移: close my registration and start one at the new home and/or unit. */
export const move = (input: MoveInput) => call('registration', 'move', input)

/** 修改后重新提交 a rejected registration. */
export const resubmit = (input: ResubmitInput) => call('registration', 'resubmit', input)

/** The 报到证's QR code as a PNG (base64), drawn by the cloud function. */
export const cardQr = (id: string) => call('registration', 'cardQr', { id })

export type PendingScope = 'unit' | 'community'

export const listPending = (scope: PendingScope, scopeId: string, afterCreatedAt?: string) =>
  call('registration', 'listPending', afterCreatedAt ? { scope, scopeId, afterCreatedAt } : { scope, scopeId })

/** The unit vouches that these are its Party members (待单位确认 → 待社区确认). */
export const confirmUnit = (ids: string[]) => call('registration', 'confirmUnit', { ids })
export const rejectUnit = (id: string, reason: string) => call('registration', 'rejectUnit', { id, reason })

/** The community accepts their report (待社区确认 → 已报到). */
export const confirmCommunity = (ids: string[]) => call('registration', 'confirmCommunity', { ids })
export const rejectCommunity = (id: string, reason: string) => call('registration', 'rejectCommunity', { id, reason })

/** Confirm or reject on behalf of the scope the admin reviews for. */
export const confirm = (scope: PendingScope, ids: string[]) => (scope === 'unit' ? confirmUnit(ids) : confirmCommunity(ids))
export const reject = (scope: PendingScope, id: string, reason: string) =>
  scope === 'unit' ? rejectUnit(id, reason) : rejectCommunity(id, reason)
