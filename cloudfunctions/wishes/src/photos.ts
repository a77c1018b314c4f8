/**
 * Wish photos (intake, delivery) checked against storage by the shared check (server/kit/photos.ts)
 * with the wishes' own rules and codes (domain/wishes checkPhotos: WISH.BAD_PHOTO,
 * WISH.TOO_MANY_PHOTOS, WISH.PHOTO_REQUIRED).
 */
import { verifyStoredPhotos } from '../../../server/kit/photos'
import { checkPhotos, type WishPhoto } from '../../../domain/wishes'

/** The photos as they really are, checked against the rules (count, type, size). `max` and `required` as in checkPhotos. */
export const verifyPhotos = (photos: readonly WishPhoto[], max: number, required: boolean): Promise<WishPhoto[]> =>
  verifyStoredPhotos(photos, (ps) => checkPhotos(ps, max, required), 'WISH.BAD_PHOTO')
