import * as v from 'valibot'
import type { InviteCode } from './org'
import { action, area } from './contract'
import { WISH_CATEGORIES, WISH_SETTING_BOUNDS } from '../wishes-labels'
import type { ClaimKind, WallCounts, WishCategory, WishHistoryVerb, WishSettings, WishShareCard, WishState } from '../wishes'

// Text, value, category and photo rules live in domain/wishes.ts so every refusal carries its own
// code (WISH.TEXT_EMPTY, WISH.TEXT_TOO_LONG, WISH.BAD_PHOTO, ...) naming the field. The schemas
// only fix the shape and put a generous ceiling on sizes, so nothing enormous reaches a handler.

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
const text = (max: number) => v.pipe(v.string('请填写文字'), v.maxLength(max, `内容不能超过${max}个字符`))
const isoTime = v.pipe(v.string('缺少时间'), v.isoTimestamp('时间格式不正确'))
const limit = v.optional(v.pipe(v.number('每页条数必须是数字'), v.integer('每页条数必须是整数'), v.minValue(1, '每页至少1条'), v.maxValue(50, '每页最多50条')))

/** A photo already uploaded to cloud storage (Taro.cloud.uploadFile): its fileID, type and size. */
export const wishPhotoInput = v.strictObject({
  fileId: v.pipe(v.string('缺少照片'), v.minLength(1, '缺少照片'), v.maxLength(512, '照片编号太长')),
  mime: v.pipe(v.string('缺少照片格式'), v.maxLength(64)),
  bytes: v.number('缺少照片大小'),
})
export type WishPhotoInput = v.InferOutput<typeof wishPhotoInput>
const photos = v.pipe(v.array(wishPhotoInput, '照片格式不正确'), v.maxLength(20, '照片太多了'))

/** Free numbers here: the domain answers WISH.VALUE_OUT_OF_RANGE / WISH.BAD_RATING precisely. */
const num = v.number('请填写数字')

export const submitInput = v.strictObject({
  /** The offline idempotency key made on the device (domain/wishes.ts intakeKey); WISH.BAD_KEY otherwise. */
  key: v.pipe(v.string('缺少提交编号'), v.maxLength(80, '提交编号太长')),
  /**
   * `household`: a grid worker writes for a household of their grid (buildingId + beneficiary).
   * `self`: a resident writes their own wish (the beneficiary is the caller; name from the form).
   */
  for: v.picklist(['household', 'self'], '未知的提交方式'),
  title: text(200),
  details: text(2000),
  estimatedValue: num,
  category: v.string('请选择受助人类别'),
  beneficiaryName: text(100),
  beneficiaryPhone: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20, '电话号码太长'))),
  buildingId: id,
  room: v.optional(text(100)),
  photos,
  /** The beneficiary's consent to publish (masked) on the wall; null → WISH.CONSENT_REQUIRED. */
  consent: v.nullable(v.strictObject({ method: v.picklist(['verbal', 'signed', 'self'], '未知的同意方式'), at: isoTime })),
})
export type SubmitInput = v.InferOutput<typeof submitInput>

export const editInput = v.strictObject({
  id,
  title: v.optional(text(200)),
  details: v.optional(text(2000)),
  estimatedValue: v.optional(num),
  category: v.optional(v.string()),
})
export type EditInput = v.InferOutput<typeof editInput>

export const wallFilter = v.picklist(['all', 'open', 'lit', 'done'], '未知的筛选')
export type WallFilter = v.InferOutput<typeof wallFilter>

/** Where the next page starts: the last row's `updatedAt` and id (keyset, no skip). */
export const pageCursor = v.strictObject({ at: isoTime, id })
export type PageCursor = v.InferOutput<typeof pageCursor>

/** One wish as everybody may see it: a wall card. The beneficiary appears only masked (王**). */
export interface WishCard {
  id: string
  title: string
  category: WishCategory
  communityId: string
  communityName: string
  /** `王**（孤寡老人）`: masked name and category, never more. */
  beneficiary: string
  estimatedValue: number
  state: WishState
  stateLabel: string
  /** 待点亮 / 已点亮 / 已送达 / 已完成 */
  progress: string
  updatedAt: string
}

export interface WishHistoryItem {
  verb: WishHistoryVerb
  label: string
  from: WishState
  to: WishState
  byName: string
  at: string
  reason?: string
}

/** What may be done next by this caller; the function checks again, this only drives buttons. */
export interface WishAbilities {
  light: boolean
  giveUp: boolean
  deliver: boolean
  confirm: boolean
  /** 没收到: the beneficiary or the grid worker says the delivery did not arrive. */
  disputeDelivery: boolean
  rate: boolean
  edit: boolean
  resubmit: boolean
  verify: boolean
  publish: boolean
  reject: boolean
  takeDown: boolean
  revokeClaim: boolean
}

/**
 * The wish page. `view` says what the caller is allowed to see:
 * - `public`: the card, details, the masked beneficiary, progress; no contact, no photos;
 * - `claimer`: also the grid worker as the contact (name and phone), the delivery;
 * - `beneficiary` / `author`: their own wish, its history and the delivery;
 * - `staff` (wish.viewPrivate on the household: the grid worker, the community admin): everything,
 *   including `private` (full beneficiary, door photos, consent, visit).
 */
export interface WishDetail extends WishCard {
  view: 'public' | 'claimer' | 'beneficiary' | 'author' | 'staff'
  details: string
  /** The grid worker to talk to; `phone` only for the claimer and staff. Never the beneficiary. */
  contact: { name: string; phone: string | null } | null
  /** The claimer's name is masked for the public. */
  claim: { name: string; kind: ClaimKind; at: string; mine: boolean } | null
  delivery: { photos: string[]; note: string | null; at: string } | null
  confirmation: { byName: string; as: 'beneficiary' | 'grid_worker'; at: string } | null
  rating: { stars: number; thanks: string | null; at: string } | null
  /** Why it was rejected or taken down (author and staff). */
  reason: string | null
  serviceHours: number | null
  /** Only for `staff`. */
  private: {
    beneficiary: { name: string; phone: string | null; buildingId: string; buildingName: string; room: string | null; userId: string | null }
    photos: string[]
    consent: { method: 'verbal' | 'signed' | 'self'; at: string } | null
    visit: { at: string; note: string; byName: string } | null
    author: { name: string; as: 'grid_worker' | 'beneficiary' }
  } | null
  /** Empty for the public. */
  history: WishHistoryItem[]
  /** When the claim is released automatically if not delivered (lit wishes; claimer and staff). */
  claimDeadline: string | null
  can: WishAbilities
  /** onShareAppMessage title/path and what the share image and poster draw (no personal data). */
  share: WishShareCard
}

export interface IntakeAnswer {
  id: string
  state: WishState
  /** True when this key was delivered before: the first wish is answered, nothing new written. */
  replayed: boolean
}

export interface WishWall {
  community: { id: string; name: string }
  /** 已审核 N · 已点亮 M · 已完成 K over the whole community (not the filter). */
  counts: WallCounts
  items: WishCard[]
  /** Pass back as `after` for the next page; null at the end. */
  next: PageCursor | null
}

/** A row in the community's review queue (staff: the full beneficiary name is shown). */
export interface ReviewItem extends WishCard {
  beneficiaryName: string
  buildingName: string
  authorName: string
  hasVisit: boolean
  createdAt: string
}

/** One setting's bounds as a schema: a number, in range, on its step; one Chinese message for all. */
const settingNumber = (b: { min: number; max: number; step: number; message: string }) =>
  v.pipe(
    v.number(b.message),
    v.finite(b.message),
    v.minValue(b.min, b.message),
    v.maxValue(b.max, b.message),
    v.check((n) => Number.isInteger(n / b.step), b.message),
  )

/**
 * A community's micro-wish settings, bounds and messages from WISH_SETTING_BOUNDS: the settings
 * page validates with this very schema, the function refuses the same values (REQUEST.INVALID
 * naming the field in `details[0].path`, e.g. `settings.claimReleaseDays`) and writes nothing.
 */
export const wishSettingsInput = v.strictObject({
  claimReleaseDays: settingNumber(WISH_SETTING_BOUNDS.claimReleaseDays),
  hoursPerWish: settingNumber(WISH_SETTING_BOUNDS.hoursPerWish),
})

export const setWishSettingsInput = v.strictObject({
  communityId: id,
  settings: wishSettingsInput,
  /** The version the editor read (0: the defaults, never saved); a different stored one → WISH.SETTINGS_CHANGED. */
  version: v.pipe(v.number('缺少版本号'), v.integer('版本号必须是整数'), v.minValue(0, '版本号不正确')),
})
export type SetWishSettingsInput = v.InferOutput<typeof setWishSettingsInput>

/** A community's settings as its admins see them. */
export interface WishSettingsView {
  community: { id: string; name: string }
  settings: WishSettings
  /** True while the community has never saved its own (the defaults apply). */
  isDefault: boolean
  /** Pass back to setSettings; 0 while the defaults apply. */
  version: number
  updatedAt: string | null
  updatedByName: string | null
  /** The caller may change them (wish.settings on the community). */
  canEdit: boolean
}

export interface ReviewQueueInput {
  communityId?: string
  orgId?: string
  state?: 'submitted' | 'verified'
  limit?: number
  after?: PageCursor
}

export interface ReviewQueue {
  items: ReviewItem[]
  next: PageCursor | null
  /** With `orgId`: the street or county looked over; its rows are read-only and masked. */
  scope?: { id: string; name: string; kind: string; readOnly: true }
}

/** The page a wish's mini-program code opens (scene `w:<id>`, read back by the detail page). */
export const WISH_CODE_PAGE = 'packages/wishes/pages/detail/index'

/** A wish's mini-program code (小程序码) for its poster: the same shape as an invitation's. */
export type WishPosterCode = InviteCode

export const wishesArea = area('wishes', {
  submit: action<SubmitInput, IntakeAnswer>(submitInput),
  /** A rejected wish, corrected by its writer and sent again (rejected → submitted). */
  resubmit: action<EditInput, WishDetail>(editInput),
  /**
   * `communityId`: one community's queue (its admin; a grid worker sees their grid). `orgId`: every
   * community under a street or county (read-only overview for its admins, wish.overview; names
   * masked, no building): each row names its community. One of the two is required.
   */
  reviewQueue: action<ReviewQueueInput, ReviewQueue>(
    v.strictObject({
      communityId: v.optional(id),
      orgId: v.optional(id),
      state: v.optional(v.picklist(['submitted', 'verified'], '未知的状态')),
      limit,
      after: v.optional(pageCursor),
    }),
  ),
  edit: action<EditInput, WishDetail>(editInput),
  verify: action<{ id: string; visit: { at: string; note: string } }, WishDetail>(v.strictObject({ id, visit: v.strictObject({ at: isoTime, note: text(1000) }) })),
  /** msgSecCheck on the title and details first: WISH.CONTENT_RISKY and nothing written. */
  publish: action<{ id: string; serviceHours?: number }, WishDetail>(v.strictObject({ id, serviceHours: v.optional(num) })),
  reject: action<{ id: string; reason: string }, WishDetail>(v.strictObject({ id, reason: text(1000) })),
  takeDown: action<{ id: string; reason: string }, WishDetail>(v.strictObject({ id, reason: text(1000) })),
  wall: action<{ communityId: string; category?: WishCategory; filter?: WallFilter; limit?: number; after?: PageCursor }, WishWall>(
    v.strictObject({ communityId: id, category: v.optional(v.picklist(WISH_CATEGORIES, '未知的类别')), filter: v.optional(wallFilter), limit, after: v.optional(pageCursor) }),
  ),
  get: action<{ id: string }, WishDetail>(v.strictObject({ id })),
  /** The mini-program code for a wish's poster: only for a wish on the wall, seen as `get` sees it. */
  posterCode: action<{ id: string }, WishPosterCode>(v.strictObject({ id })),
  /** `submitted`: wishes I wrote (or were written for me); `lit`: wishes I lit. Newest first. */
  mine: action<{ kind: 'submitted' | 'lit'; limit?: number; after?: PageCursor }, { items: WishCard[]; next: PageCursor | null }>(
    v.strictObject({ kind: v.picklist(['submitted', 'lit'], '未知的列表'), limit, after: v.optional(pageCursor) }),
  ),
  light: action<{ id: string }, WishDetail>(v.strictObject({ id })),
  giveUp: action<{ id: string; reason?: string }, WishDetail>(v.strictObject({ id, reason: v.optional(text(1000)) })),
  revokeClaim: action<{ id: string; reason: string }, WishDetail>(v.strictObject({ id, reason: text(1000) })),
  deliver: action<{ id: string; photos: WishPhotoInput[]; note?: string }, WishDetail>(v.strictObject({ id, photos, note: v.optional(text(1000)) })),
  /** Writes the member claimer's service_hours row (once, whatever the retries). */
  confirm: action<{ id: string }, WishDetail>(v.strictObject({ id })),
  /** 没收到 (delivered → lit), reason required; the claimer keeps the claim and its deadline, and is told. */
  disputeDelivery: action<{ id: string; reason: string }, WishDetail>(v.strictObject({ id, reason: text(1000) })),
  rate: action<{ id: string; stars: number; thanks?: string }, WishDetail>(v.strictObject({ id, stars: num, thanks: v.optional(text(1000)) })),
  /** The community's release days and hours per wish (its staff and the admins above it). */
  getSettings: action<{ communityId: string }, WishSettingsView>(v.strictObject({ communityId: id })),
  /** wish.settings (the community admin or above); version-guarded; audited old → new. */
  setSettings: action<SetWishSettingsInput, WishSettingsView & { changed: boolean }>(setWishSettingsInput),
})
