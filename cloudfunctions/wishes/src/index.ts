/**
 * Micro-wishes (微心愿): intake, review, the wall, lighting, delivery, confirmation, and the timer
 * that releases overdue claims and books hours a crashed confirmation missed. Every state change
 * goes through the kit's one write path (change.ts: one read, the domain's plan, one conditional
 * update with the history entry); docs/wishes.md says what each action does, docs/API.md its round trips.
 */
import { byId, callerWith, defineArea, miniProgramCode, readById, withTimers, type ActionContext } from '../../../server/kit'
import { WISH_CODE_PAGE, wishesArea, type WishPosterCode } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import { checkText, DELIVERY_MAX_PHOTOS, wishQrScene, type WishCategory, type WishContent, type WishPhoto, type WishRecord } from '../../../domain/wishes'
import { verifyPhotos } from './photos'
import { changeWish, checkContentSecurity } from './change'
import { mine, reviewOverview, reviewQueue, wall } from './read'
import { submit } from './submit'
import { runTimer, TIMER_NAME } from './timer'
import { canSee, toDetail, viewerOf } from './views'
import { getSettings, setSettings } from './settings'

const photosOf = (photos: { fileId: string; mime: string; bytes: number }[]): WishPhoto[] => photos.map((p) => ({ fileId: p.fileId, mime: p.mime, bytes: p.bytes }))

/** The correction an edit or a resubmission sends (the domain checks the category). */
const contentOf = (patch: { title?: string; details?: string; estimatedValue?: number; category?: string }): Partial<WishContent> => ({
  title: patch.title,
  details: patch.details,
  estimatedValue: patch.estimatedValue,
  category: patch.category as WishCategory | undefined,
})

/**
 * The caller and the wish in one aggregation; someone the backend has never seen gets nothing
 * joined, so the wish is read alone (a second round trip).
 */
async function viewerAndWish(ctx: ActionContext, id: string) {
  const { caller, live, found } = await callerWith(ctx, { wish: byId('wishes', id) })
  const wish = caller ? ((found.wish[0] as WishRecord | undefined) ?? null) : await readById<WishRecord>(ctx.db, 'wishes', id)
  return { wish, viewer: viewerOf(caller, live) }
}

const area = defineArea(wishesArea, {
  submit,

  async resubmit({ id, ...patch }, ctx) {
    return changeWish(ctx, id, 'resubmit', { content: contentOf(patch) })
  },

  async reviewQueue({ communityId, orgId, ...rest }, ctx) {
    if (orgId) return reviewOverview(ctx, { orgId, ...rest })
    if (!communityId) throw new DomainError('REQUEST.INVALID', '请选择社区或街道')
    return reviewQueue(ctx, { communityId, ...rest })
  },

  async edit({ id, ...patch }, ctx) {
    return changeWish(ctx, id, 'edit', { content: contentOf(patch) })
  },

  async verify({ id, visit }, ctx) {
    return changeWish(ctx, id, 'verify', { visit: { at: new Date(visit.at), note: visit.note } })
  },

  /** Content security on the title and details first (2 openapi calls, together), then the write. */
  async publish({ id, serviceHours }, ctx) {
    return changeWish(ctx, id, 'publish', { serviceHours }, (wish, caller) =>
      checkContentSecurity(
        [
          { field: 'title', text: wish.title },
          { field: 'details', text: wish.details },
        ],
        caller.openid,
      ),
    )
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
    const { wish, viewer } = await viewerAndWish(ctx, id)
    if (!wish || !canSee(wish, viewer)) throw new DomainError('WISH.NOT_FOUND')
    return toDetail(wish, viewer)
  },

  /**
   * 1 round trip (2 for someone never seen) + the code. Only a wish on the wall gets a poster: one
   * still in review, or taken down, is not for Moments. The scene carries the id, nothing else.
   */
  async posterCode({ id }, ctx): Promise<WishPosterCode> {
    const { wish, viewer } = await viewerAndWish(ctx, id)
    if (!wish || !canSee(wish, viewer) || !wish.onWall) throw new DomainError('WISH.NOT_FOUND')
    return miniProgramCode(wishQrScene(wish._id), WISH_CODE_PAGE)
  },

  async mine(input, ctx) {
    return mine(ctx, input)
  },

  /**
   * 2 round trips on success: the caller with the wish, then one conditional update
   * `where({ _id, state: 'published', author ≠ me, beneficiary ≠ me })`; of any number of
   * simultaneous claims exactly one matches. The claim keeps the caller's openid and, for a
   * member, their live registration (the planner's input). The grid worker's message follows the write.
   */
  async light({ id }, ctx) {
    return changeWish(ctx, id, 'light', {})
  },

  async giveUp({ id, reason }, ctx) {
    return changeWish(ctx, id, 'giveUp', { reason: reason?.trim() ? reason : undefined })
  },

  async revokeClaim({ id, reason }, ctx) {
    return changeWish(ctx, id, 'revokeClaim', { reason })
  },

  async deliver({ id, photos, note }, ctx) {
    if (note !== undefined) checkText('deliveryNote', note)
    // The photos as they really are in storage are the input the plan writes: what is stored is what they are.
    const real = await verifyPhotos(photosOf(photos), DELIVERY_MAX_PHOTOS, true)
    return changeWish(ctx, id, 'deliver', { photos: real, note: note?.trim() || undefined })
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

/** Requests, and the hourly run (release overdue claims, book missed hours) when (and only when) the platform timer calls. */
export const main = withTimers(area, { [TIMER_NAME]: () => runTimer() })
