/**
 * Micro-wishes (微心愿): intake, review, the wall, lighting, delivery, confirmation, and the timer
 * that releases overdue claims. Every state change is one conditional update that also pushes the
 * history entry (change.ts); docs/wishes.md says what each action does, docs/API.md its round trips.
 */
import { defineArea, miniProgramCode, withTimers } from '../../../server/kit'
import { WISH_CODE_PAGE, wishesArea, type WishPosterCode } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import { checkText, DELIVERY_MAX_PHOTOS, wishQrScene, type WishCategory, type WishPhoto } from '../../../domain/wishes'
import { verifyPhotos } from './photos'
import { changeWish, checkContentSecurity, viewerOf } from './change'
import { callerAndWish, readWish } from './load'
import { mine, reviewOverview, reviewQueue, wall } from './read'
import { submit } from './submit'
import { releaseOverdueClaims, TIMER_NAME } from './timer'
import { canSee, toDetail } from './views'
import { getSettings, setSettings } from './settings'

const photosOf = (photos: { fileId: string; mime: string; bytes: number }[]): WishPhoto[] => photos.map((p) => ({ fileId: p.fileId, mime: p.mime, bytes: p.bytes }))

const area = defineArea(wishesArea, {
  submit,

  async resubmit({ id, ...patch }, ctx) {
    return changeWish(ctx, id, 'resubmit', {}, { patch: { ...patch, category: patch.category as WishCategory | undefined } })
  },

  async reviewQueue({ communityId, orgId, ...rest }, ctx) {
    if (orgId) return reviewOverview(ctx, { orgId, ...rest })
    if (!communityId) throw new DomainError('REQUEST.INVALID', '请选择社区或街道')
    return reviewQueue(ctx, { communityId, ...rest })
  },

  async edit({ id, ...patch }, ctx) {
    return changeWish(ctx, id, 'edit', { ...patch, category: patch.category as WishCategory | undefined })
  },

  async verify({ id, visit }, ctx) {
    return changeWish(ctx, id, 'verify', { visit: { at: new Date(visit.at), note: visit.note } })
  },

  /** Content security on the title and details first (2 openapi calls, together), then the write. */
  async publish({ id, serviceHours }, ctx) {
    return changeWish(ctx, id, 'publish', { serviceHours }, {
      beforeWrite: (wish, _change, caller) =>
        checkContentSecurity(
          [
            { field: 'title', text: wish.title },
            { field: 'details', text: wish.details },
          ],
          caller.openid,
        ),
    })
  },

  async reject({ id, reason }, ctx) {
    return changeWish(ctx, id, 'reject', { reason })
  },

  async takeDown({ id, reason }, ctx) {
    return changeWish(ctx, id, 'takeDown', { reason })
  },

  async wall(input, ctx) {
    return wall(ctx, input)
  },

  /**
   * 1 round trip (the caller with the wish); 2 for someone the backend has never seen (a shared
   * card opened before 我的 was). Off the wall a wish is WISH.NOT_FOUND except to its own people.
   */
  async get({ id }, ctx) {
    const loaded = await callerAndWish(ctx, id)
    const wish = loaded.caller ? loaded.wish : await readWish(ctx, id)
    const viewer = viewerOf(loaded.caller)
    if (!wish || !canSee(wish, viewer)) throw new DomainError('WISH.NOT_FOUND')
    return toDetail(wish, viewer)
  },

  /**
   * 1 round trip (2 for someone never seen) + the code. Only a wish on the wall gets a poster: one
   * still in review, or taken down, is not for Moments. The scene carries the id, nothing else.
   */
  async posterCode({ id }, ctx): Promise<WishPosterCode> {
    const loaded = await callerAndWish(ctx, id)
    const wish = loaded.caller ? loaded.wish : await readWish(ctx, id)
    if (!wish || !canSee(wish, viewerOf(loaded.caller)) || !wish.onWall) throw new DomainError('WISH.NOT_FOUND')
    return miniProgramCode(wishQrScene(wish._id), WISH_CODE_PAGE)
  },

  async mine(input, ctx) {
    return mine(ctx, input)
  },

  /**
   * 2 round trips on success: the caller with the wish, then one conditional update
   * `where({ _id, state: 'published', author ≠ me, beneficiary ≠ me })`; of any number of
   * simultaneous claims exactly one matches. The grid worker's message follows the write.
   */
  async light({ id }, ctx) {
    return changeWish(ctx, id, 'light', {}, {
      extraSet: (_wish, change, caller, live) => ({
        claim: {
          ...change.set.claim!,
          openid: caller.openid,
          ...(change.set.claim!.kind === 'member' && live && live.state === 'registered' ? { registration: { id: live._id, communityId: live.communityId, unitId: live.unitId } } : {}),
        },
      }),
    })
  },

  async giveUp({ id, reason }, ctx) {
    return changeWish(ctx, id, 'giveUp', { reason: reason?.trim() ? reason : undefined })
  },

  async revokeClaim({ id, reason }, ctx) {
    return changeWish(ctx, id, 'revokeClaim', { reason })
  },

  async deliver({ id, photos, note }, ctx) {
    if (note !== undefined) checkText('deliveryNote', note)
    return changeWish(ctx, id, 'deliver', { photos: photosOf(photos), note: note?.trim() || undefined }, {
      // The claimer's photos, checked in storage once everything else passed: what is stored is what they are.
      beforeWrite: async (_wish, change) => {
        change.set.delivery = { ...change.set.delivery!, photos: await verifyPhotos(change.set.delivery!.photos, DELIVERY_MAX_PHOTOS, true) }
      },
    })
  },

  /** 3 round trips: + the service-hours row of a member claimer (a retry's duplicate is ignored). */
  async confirm({ id }, ctx) {
    return changeWish(ctx, id, 'confirm', {})
  },

  /** 2 round trips (the caller with the wish; one conditional update) + the claimer's message. */
  async disputeDelivery({ id, reason }, ctx) {
    return changeWish(ctx, id, 'disputeDelivery', { reason })
  },

  async rate({ id, stars, thanks }, ctx) {
    return changeWish(ctx, id, 'rate', { stars, thanks: thanks?.trim() || undefined })
  },

  getSettings,
  setSettings,
})

/** Requests, and the hourly release of overdue claims when (and only when) the platform timer calls. */
export const main = withTimers(area, { [TIMER_NAME]: () => releaseOverdueClaims() })
