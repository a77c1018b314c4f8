/**
 * What people write on a wish and the photos they attach: limits, the checks with their precise
 * codes (each naming the field), and the privacy rule of the text (no name, phone or address of
 * the beneficiary: domain/privacy.ts finds them).
 */
import { DomainError } from '../errors'
import { privateKindsIn, type PersonalFacts } from '../privacy'
import { WISH_CATEGORIES, type WishCategory } from '../wishes-labels'
import type { Beneficiary, WishPhoto, WishRecord } from './record'

/** Characters, counted as people see them (an emoji or a rare hanzi is one). */
export const WISH_TEXT_LIMITS = {
  title: { min: 2, max: 30, label: '心愿标题' },
  details: { min: 5, max: 500, label: '心愿详情' },
  reason: { min: 2, max: 200, label: '原因' },
  visitNote: { min: 2, max: 200, label: '走访情况' },
  deliveryNote: { min: 0, max: 200, label: '送达说明' },
  thanks: { min: 0, max: 200, label: '感谢的话' },
  room: { min: 1, max: 30, label: '门牌号' },
  beneficiaryName: { min: 2, max: 20, label: '受助人姓名' },
} as const
export type WishTextField = keyof typeof WISH_TEXT_LIMITS

/** Estimated value in whole yuan: a micro-wish is something a neighbour can give. */
export const WISH_VALUE_MIN = 1
export const WISH_VALUE_MAX = 2000

export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
/** Photos taken at the door (for review only, never shown on the wall or shared). */
export const WISH_MAX_PHOTOS = 6
/** Proof of delivery. */
export const DELIVERY_MAX_PHOTOS = 3

export const RATING_MIN = 1
export const RATING_MAX = 5

function charCount(s: string): number {
  return Array.from(s).length
}

/** Trimmed text within its limits, or WISH.TEXT_EMPTY / WISH.TEXT_TOO_LONG naming the field. */
export function checkText(field: WishTextField, value: string | undefined | null): string {
  const limit = WISH_TEXT_LIMITS[field]
  const text = (value ?? '').trim()
  const n = charCount(text)
  if (n === 0 && limit.min > 0) throw new DomainError('WISH.TEXT_EMPTY', `请填写${limit.label}`, { field })
  if (n < limit.min) throw new DomainError('WISH.TEXT_EMPTY', `${limit.label}至少写${limit.min}个字`, { field })
  if (n > limit.max) throw new DomainError('WISH.TEXT_TOO_LONG', `${limit.label}不能超过${limit.max}个字`, { field, max: limit.max })
  return text
}

export function checkReason(value: string | undefined | null): string {
  const text = (value ?? '').trim()
  if (charCount(text) < WISH_TEXT_LIMITS.reason.min) throw new DomainError('WISH.REASON_REQUIRED', undefined, { field: 'reason' })
  return checkText('reason', text)
}

export function isWishCategory(value: unknown): value is WishCategory {
  return typeof value === 'string' && (WISH_CATEGORIES as readonly string[]).includes(value)
}

export function checkCategory(value: unknown): WishCategory {
  if (!isWishCategory(value)) throw new DomainError('WISH.BAD_CATEGORY', undefined, { field: 'category' })
  return value
}

export function checkValue(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < WISH_VALUE_MIN || value > WISH_VALUE_MAX) {
    throw new DomainError('WISH.VALUE_OUT_OF_RANGE', undefined, { field: 'estimatedValue', min: WISH_VALUE_MIN, max: WISH_VALUE_MAX })
  }
  return value
}

/** One photo: an image type we can show everywhere, not empty, at most PHOTO_MAX_BYTES. */
export function checkPhoto(photo: Pick<WishPhoto, 'mime' | 'bytes'>): void {
  if (!(PHOTO_MIME_TYPES as readonly string[]).includes(photo.mime)) throw new DomainError('WISH.BAD_PHOTO', '只能上传 JPG、PNG 或 WebP 格式的照片', { mime: photo.mime })
  if (!Number.isInteger(photo.bytes) || photo.bytes <= 0) throw new DomainError('WISH.BAD_PHOTO', '照片文件是空的，请重新拍摄', { bytes: photo.bytes })
  if (photo.bytes > PHOTO_MAX_BYTES) throw new DomainError('WISH.BAD_PHOTO', `照片不能超过${PHOTO_MAX_BYTES / 1024 / 1024}MB`, { bytes: photo.bytes })
}

export function checkPhotos(photos: readonly Pick<WishPhoto, 'mime' | 'bytes'>[], max: number, required: boolean): void {
  if (required && photos.length === 0) throw new DomainError('WISH.PHOTO_REQUIRED')
  if (photos.length > max) throw new DomainError('WISH.TOO_MANY_PHOTOS', `照片最多${max}张`, { max })
  photos.forEach(checkPhoto)
}

export function checkRating(stars: unknown): number {
  if (typeof stars !== 'number' || !Number.isInteger(stars) || stars < RATING_MIN || stars > RATING_MAX) throw new DomainError('WISH.BAD_RATING')
  return stars
}

/** What is known of the beneficiary, for finding (intake) and masking (every non-staff view) it in free text. */
export function beneficiaryFacts(b: Pick<Beneficiary, 'name' | 'phone' | 'buildingName' | 'room'>): PersonalFacts {
  return { name: b.name, phone: b.phone, address: [b.room, b.buildingName] }
}

/**
 * What the grid worker writes at the door. The title and details are seen by claimers and the
 * title travels in every share, so neither may carry the beneficiary's full name, any phone
 * number or their address (WISH.PRIVATE_INFO, naming the field): the contact is the grid worker.
 */
export interface WishContent {
  title: string
  details: string
  estimatedValue: number
  category: WishCategory
}

const PRIVATE_KIND_LABELS = { phone: '电话', name: '姓名', address: '住址' } as const

export function checkContent(input: { title?: string | null; details?: string | null; estimatedValue?: unknown; category?: unknown }, beneficiary: Pick<Beneficiary, 'name' | 'phone' | 'buildingName' | 'room'>): WishContent {
  const title = checkText('title', input.title)
  const details = checkText('details', input.details)
  const facts = beneficiaryFacts(beneficiary)
  for (const [field, text] of [['title', title], ['details', details]] as const) {
    const kinds = privateKindsIn(text, facts)
    if (kinds.length > 0) throw new DomainError('WISH.PRIVATE_INFO', `${WISH_TEXT_LIMITS[field].label}里不能写受助人的${kinds.map((k) => PRIVATE_KIND_LABELS[k]).join('、')}，联系人是网格员`, { field, kinds })
  }
  return { title, details, estimatedValue: checkValue(input.estimatedValue), category: checkCategory(input.category) }
}

/** The content as stored. */
export function contentOf(wish: Pick<WishRecord, 'title' | 'details' | 'estimatedValue' | 'beneficiary'>): WishContent {
  return { title: wish.title, details: wish.details, estimatedValue: wish.estimatedValue, category: wish.beneficiary.category }
}

/**
 * The stored content with a correction laid over it (an edit or a resubmission), checked as a
 * whole as the intake checks it: only the fields given change.
 */
export function correctedContent(wish: Pick<WishRecord, 'title' | 'details' | 'estimatedValue' | 'beneficiary'>, patch: Partial<WishContent> = {}): WishContent {
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<WishContent>
  return checkContent({ ...contentOf(wish), ...given }, wish.beneficiary)
}
