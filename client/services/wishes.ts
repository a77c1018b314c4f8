import type { EditInput, PageCursor, SubmitInput, WallFilter, WishPhotoInput } from '@domain/api/wishes'
import type { WishCategory } from '@domain/wishes'
import { wishesArea } from '@domain/api/wishes'
import { areaCaller } from './transport'

const call = areaCaller(wishesArea)

/** 微心愿: typed one-liners over the one transport (contract: domain/api/wishes.ts). */

/** One submission from the intake form or the offline queue; the key makes a replay answer the first wish. */
export const submitWish = (input: SubmitInput) => call('wishes', 'submit', input)

export const wishWall = (communityId: string, opts: { category?: WishCategory; filter?: WallFilter; limit?: number; after?: PageCursor } = {}) =>
  call('wishes', 'wall', { communityId, ...opts })

export const getWish = (id: string) => call('wishes', 'get', { id })

/** The mini-program code printed on a wish's poster (scene `w:<id>`). */
export const wishPosterCode = (id: string) => call('wishes', 'posterCode', { id })

export const myWishes = (kind: 'submitted' | 'lit', after?: PageCursor) => call('wishes', 'mine', after ? { kind, after } : { kind })

export const reviewQueue = (communityId: string, state?: 'submitted' | 'verified', after?: PageCursor) =>
  call('wishes', 'reviewQueue', { communityId, ...(state ? { state } : {}), ...(after ? { after } : {}) })

export const verifyWish = (id: string, note: string, at: Date = new Date()) => call('wishes', 'verify', { id, visit: { at: at.toISOString(), note } })

export const publishWish = (id: string, serviceHours?: number) => call('wishes', 'publish', serviceHours === undefined ? { id } : { id, serviceHours })

export const rejectWish = (id: string, reason: string) => call('wishes', 'reject', { id, reason })

export const takeDownWish = (id: string, reason: string) => call('wishes', 'takeDown', { id, reason })

export const lightWish = (id: string) => call('wishes', 'light', { id })

export const giveUpWish = (id: string, reason?: string) => call('wishes', 'giveUp', reason ? { id, reason } : { id })

export const revokeClaim = (id: string, reason: string) => call('wishes', 'revokeClaim', { id, reason })

export const deliverWish = (id: string, photos: WishPhotoInput[], note?: string) => call('wishes', 'deliver', note ? { id, photos, note } : { id, photos })

export const confirmWish = (id: string) => call('wishes', 'confirm', { id })

/** 没收到: the delivery did not arrive; back to the claimer, who is told. */
export const disputeDelivery = (id: string, reason: string) => call('wishes', 'disputeDelivery', { id, reason })

export const rateWish = (id: string, stars: number, thanks?: string) => call('wishes', 'rate', thanks ? { id, stars, thanks } : { id, stars })

/** The community admin corrects a wish in review (same content checks, an `edit` history entry). */
export const editWish = (input: EditInput) => call('wishes', 'edit', input)

/** The writer corrects a rejected wish and sends it again. */
export const resubmitWish = (input: EditInput) => call('wishes', 'resubmit', input)
