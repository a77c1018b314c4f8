/**
 * A set of photos against an area's rules: how many, which image types, how big, and the codes the
 * area refuses with (PROBLEM.BAD_PHOTO, VISIT.BAD_PHOTO, ...). Run twice by server/kit/photos.ts:
 * on what the device declared (a wrong request costs no storage call), then on what storage holds.
 * Wishes keep their own (domain/wishes/content.ts checkPhotos), whose codes came first.
 */
import { DomainError, type ErrorCode } from './errors'

export interface Photo {
  fileId: string
  mime: string
  bytes: number
}

export interface PhotoRules {
  max: number
  required: boolean
  /** Image types shown everywhere the photos go, e.g. image/jpeg, image/png. */
  types: readonly string[]
  maxBytes: number
  /** A photo of the wrong type or size, or one not in storage. */
  bad: ErrorCode
  /** None where one is required (default `bad`). */
  missing?: ErrorCode
  /** More than `max` (the schema usually refuses first; default `bad`). */
  tooMany?: ErrorCode
}

const TYPE_NAMES: Record<string, string> = { 'image/jpeg': 'JPG', 'image/png': 'PNG', 'image/webp': 'WebP' }

export const photoTypesText = (types: readonly string[]) => types.map((t) => TYPE_NAMES[t] ?? t).join('、')

export function checkPhotoSet(photos: readonly Pick<Photo, 'mime' | 'bytes'>[], rules: PhotoRules): void {
  if (rules.required && photos.length === 0) throw new DomainError(rules.missing ?? rules.bad, rules.missing ? undefined : '请上传照片')
  if (photos.length > rules.max) throw new DomainError(rules.tooMany ?? rules.bad, `照片最多${rules.max}张`, { max: rules.max })
  for (const p of photos) {
    if (!rules.types.includes(p.mime)) throw new DomainError(rules.bad, `只能上传 ${photoTypesText(rules.types)} 格式的照片`, { mime: p.mime })
    if (!Number.isInteger(p.bytes) || p.bytes <= 0) throw new DomainError(rules.bad, '照片文件是空的，请重新拍摄', { bytes: p.bytes })
    if (p.bytes > rules.maxBytes) throw new DomainError(rules.bad, `照片不能超过${Math.floor(rules.maxBytes / 1_000_000)}MB`, { bytes: p.bytes })
  }
}
