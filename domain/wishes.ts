/**
 * Micro-wishes (微心愿): a grid worker writes a household's wish at the door, the community
 * reviews and publishes it, one member or caring citizen lights (claims) it, delivers it with a
 * photo, and the beneficiary (or the grid worker for them) confirms and rates it.
 * docs/wishes.md says the same in plain words.
 */
import { DomainError, type ErrorCode } from './errors'
import { can, type PermissionAction, type Target } from './permissions'
import { maskName, privateKindsIn, redactText, type PersonalFacts } from './privacy'
import type { ServiceHoursRecord } from './requirements'
import type { RoleGrant } from './roles'
import { WISH_STATES, WISH_STATE_LABELS, WISH_CATEGORIES, DEFAULT_WISH_SETTINGS, WISH_SETTING_BOUNDS, WALL_FILTERS, type WishState, type WishCategory, type WishSettings, type WishSettingField, type WallTab } from './wishes-labels'

export * from './wishes-labels'

// ---------------------------------------------------------------------------------------------
// States and the transition table


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

/** Waiting for the community: the review queue. */
export function isInReview(state: WishState): boolean {
  return state === 'submitted' || state === 'verified'
}

/** Can be lit right now. */
export function isClaimable(state: WishState): boolean {
  return state === 'published'
}

/** Has a claimer at this moment (lit and not yet confirmed: the claim may still be released). */
export function isClaimed(state: WishState): boolean {
  return state === 'lit' || state === 'delivered'
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

/** Nothing more will happen to it. */
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

// ---------------------------------------------------------------------------------------------
// Constants: categories, text limits, photos, settings


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


/** The first field out of bounds, or null. Whole days; hours in half hours. */
export function wishSettingProblem(s: WishSettings): WishSettingField | null {
  for (const field of Object.keys(WISH_SETTING_BOUNDS) as WishSettingField[]) {
    const b = WISH_SETTING_BOUNDS[field]
    const value = s[field]
    if (typeof value !== 'number' || !Number.isFinite(value) || value < b.min || value > b.max || !Number.isInteger(value / b.step)) return field
  }
  return null
}

/** Whole days 1–90; hours 0.5–24 in half hours. Settings come from admins, so they are checked too. */
export function checkWishSettings(s: WishSettings): void {
  const field = wishSettingProblem(s)
  if (field) throw new DomainError('REQUEST.INVALID', WISH_SETTING_BOUNDS[field].message, { field })
}

/** A community's settings as stored on its org node (`wishSettings`), or the defaults. */
export function wishSettingsOf(community: { wishSettings?: Partial<WishSettings> | null } | null | undefined): WishSettings {
  const s = community?.wishSettings
  return {
    claimReleaseDays: s?.claimReleaseDays ?? DEFAULT_WISH_SETTINGS.claimReleaseDays,
    hoursPerWish: s?.hoursPerWish ?? DEFAULT_WISH_SETTINGS.hoursPerWish,
  }
}

function checkHours(hours: number): void {
  if (!Number.isFinite(hours) || hours < 0.5 || hours > 24 || !Number.isInteger(hours * 2)) throw new DomainError('REQUEST.INVALID', '服务时长需在0.5到24小时之间，以半小时为单位')
}

// ---------------------------------------------------------------------------------------------
// The stored record

export interface WishPhoto {
  /** Cloud storage file id. */
  fileId: string
  mime: string
  bytes: number
}

/** Private: seen only by those who may `wish.viewPrivate` (the grid worker, the community). */
export interface Beneficiary {
  name: string
  phone?: string
  category: WishCategory
  /** The resident's own account, when they have one (self-submitted, or linked later). */
  userId?: string
  buildingId: string
  buildingName: string
  /** Unit and room, e.g. 2单元501. */
  room?: string
  /** Their WeChat openid when they have an account: where their subscription messages go. */
  openid?: string
}

export interface Consent {
  /** How the beneficiary agreed to have the wish published (masked) on the wall and in shares. */
  method: 'verbal' | 'signed' | 'self'
  at: Date
  recordedBy: string
}

export interface VisitRecord {
  at: Date
  note: string
  by: string
  byName: string
}

export type ClaimKind = 'member' | 'caring_citizen'

export interface Claim {
  userId: string
  name: string
  kind: ClaimKind
  at: Date
  /** Where the claimer's subscription messages go (release, revocation). */
  openid?: string
  /**
   * A member's live registration when they lit it: what the service-hours row of a confirmed wish
   * names (registration, community, unit), so confirming needs no read of the claimer.
   */
  registration?: { id: string; communityId: string; unitId: string }
  /**
   * When the claim is released if not delivered: lighting time + the community's
   * `claimReleaseDays` as they were when it was lit (a later change of the setting does not move a
   * promise already made). Claims stored before this field existed use the default days.
   */
  releaseAt?: Date
}

export interface Delivery {
  photos: WishPhoto[]
  note?: string
  at: Date
}

export interface Confirmation {
  by: string
  byName: string
  as: 'beneficiary' | 'grid_worker'
  at: Date
}

export interface Rating {
  stars: number
  thanks?: string
  by: string
  at: Date
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

/**
 * One step of a wish's life, pushed by the same conditional update that changes the state: the
 * audit record (who, from, to, when, why). `claimerId` names the claimer a release took the wish
 * from, so the timeline and the notification know whom it concerned.
 */
export interface WishHistoryEntry {
  verb: WishHistoryVerb
  from: WishState
  to: WishState
  /** The acting user's record id, or 'system'. */
  by: string
  byName: string
  at: Date
  reason?: string
  claimerId?: string
  /** The invocation that wrote it. */
  op?: string
  /** disputeDelivery: the delivery said not received (its photos stay on record here). */
  disputed?: Delivery
}

/** Who wrote the wish down. */
export interface WishAuthor {
  userId: string
  name: string
  as: 'grid_worker' | 'beneficiary'
  openid?: string
}

/** A wish as stored in the `wishes` collection. */
export interface WishRecord {
  _id: string
  communityId: string
  communityName: string
  /** lineage() of the household's building: the scope of every staff decision. */
  lineage: string[]
  beneficiary: Beneficiary
  title: string
  details: string
  estimatedValue: number
  photos: WishPhoto[]
  consent: Consent | null
  visit: VisitRecord | null
  state: WishState
  author: WishAuthor
  /** The grid worker claimers talk to: never the beneficiary's own phone. */
  contact: { userId: string; name: string; phone?: string; openid?: string }
  /** The offline submission's idempotency key, unique per author. */
  intakeKey: string
  claim: Claim | null
  delivery: Delivery | null
  confirmation: Confirmation | null
  rating: Rating | null
  /** Why it was rejected or taken down; meaningful in those states. */
  reason?: string
  /** Service hours set by the review; otherwise the setting applies. */
  serviceHours?: number
  /**
   * Wall placement, kept in step with `state` by every write (wallPlacement): the wall's queries
   * are then equality on indexed fields, in `publishedAt` order, so a page stops after `limit`.
   */
  onWall?: boolean
  wallTab?: WallTab | null
  /** When first published: the wall's order (a lit or released wish keeps its place). */
  publishedAt?: Date | null
  history: WishHistoryEntry[]
  createdAt: Date
  updatedAt: Date
}

// ---------------------------------------------------------------------------------------------
// Guards on input

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

function factsOf(b: Pick<Beneficiary, 'name' | 'phone' | 'buildingName' | 'room'>): PersonalFacts {
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

export function checkContent(input: { title?: string | null; details?: string | null; estimatedValue?: unknown; category?: unknown }, beneficiary: Pick<Beneficiary, 'name' | 'phone' | 'buildingName' | 'room'>): WishContent {
  const title = checkText('title', input.title)
  const details = checkText('details', input.details)
  const facts = factsOf(beneficiary)
  for (const [field, text] of [['title', title], ['details', details]] as const) {
    const kinds = privateKindsIn(text, facts)
    if (kinds.length > 0) throw new DomainError('WISH.PRIVATE_INFO', `${WISH_TEXT_LIMITS[field].label}里不能写受助人的${kinds.map((k) => PRIVATE_KIND_LABELS[k]).join('、')}，联系人是网格员`, { field, kinds })
  }
  return { title, details, estimatedValue: checkValue(input.estimatedValue), category: checkCategory(input.category) }
}

function contentOf(wish: Pick<WishRecord, 'title' | 'details' | 'estimatedValue' | 'beneficiary'>): WishContent {
  return { title: wish.title, details: wish.details, estimatedValue: wish.estimatedValue, category: wish.beneficiary.category }
}

const PRIVATE_KIND_LABELS = { phone: '电话', name: '姓名', address: '住址' } as const

// ---------------------------------------------------------------------------------------------
// Who may do what to one wish

/** The caller of a verb: a person (their record id, name and role grants), or the timer. */
export type WishCaller = { kind: 'user'; userId: string; name: string; grants: readonly RoleGrant[] } | { kind: 'system' }

export const SYSTEM_CALLER: WishCaller = { kind: 'system' }

export function wishTarget(wish: Pick<WishRecord, 'lineage'>): Target {
  return { kind: 'org', lineage: wish.lineage }
}

/** Members and caring citizens light wishes; a member claims as a member, so hours are credited. */
export function claimKindOf(grants: readonly RoleGrant[]): ClaimKind | null {
  if (grants.some((g) => g.kind === 'member')) return 'member'
  if (grants.some((g) => g.kind === 'caring_citizen')) return 'caring_citizen'
  return null
}

/** Writer or beneficiary of the wish: they may not light it. */
export function isOwnWish(wish: Pick<WishRecord, 'author' | 'beneficiary'>, userId: string): boolean {
  return wish.author.userId === userId || wish.beneficiary.userId === userId
}

/** Which of the verb's actor kinds the caller holds for this wish. */
export function actorsFor(wish: Pick<WishRecord, 'lineage' | 'claim' | 'beneficiary'>, verb: WishVerb, caller: WishCaller): WishActor[] {
  return WISH_TRANSITIONS[verb].actors.filter((actor) => {
    if (actor === 'system') return caller.kind === 'system'
    if (caller.kind !== 'user') return false
    switch (actor) {
      case 'grid_worker':
      case 'community_admin': {
        const permission = WISH_VERB_PERMISSION[verb]
        return !!permission && caller.grants.some((g) => g.kind === actor) && can(caller.grants.filter((g) => g.kind === actor), permission, wishTarget(wish))
      }
      case 'claimer':
        // Lighting makes the caller the claimer; every later claimer verb needs to be that person.
        return verb === 'light' ? claimKindOf(caller.grants) !== null : wish.claim?.userId === caller.userId
      case 'beneficiary':
        return !!wish.beneficiary.userId && wish.beneficiary.userId === caller.userId
    }
    return false
  })
}

/**
 * Throws when the caller may not perform `verb` on this wish, whatever its state; the most
 * specific code first. Checked before the state (nextState), so a stranger learns nothing about
 * a wish outside their reach.
 */
export function authorizeVerb(wish: Pick<WishRecord, 'lineage' | 'claim' | 'beneficiary' | 'author'>, verb: WishVerb, caller: WishCaller): WishActor {
  const held = actorsFor(wish, verb, caller)
  if (verb === 'light') {
    if (held.length === 0) throw new DomainError('WISH.NOT_ELIGIBLE')
    if (caller.kind === 'user' && isOwnWish(wish, caller.userId)) throw new DomainError('WISH.OWN_WISH')
    return held[0]
  }
  if (held.length > 0) return held[0]
  const code: ErrorCode = refusalCode(verb)
  if (verb === 'disputeDelivery') throw new DomainError(code, '只有受助人或负责的网格员可以说明没有收到')
  throw new DomainError(code)
}

function refusalCode(verb: WishVerb): ErrorCode {
  const actors = WISH_TRANSITIONS[verb].actors
  if (actors.length === 1 && actors[0] === 'claimer') return 'WISH.NOT_CLAIMER'
  if (actors.includes('beneficiary') && verb !== 'submit' && verb !== 'resubmit') return 'WISH.NOT_RELATED'
  return 'AUTH.FORBIDDEN'
}

// ---------------------------------------------------------------------------------------------
// Planning a change: what the conditional update writes

/** What each verb may bring besides the wish and the caller. */
export interface VerbInput {
  reason?: string
  visit?: { at: Date; note: string }
  serviceHours?: number
  photos?: WishPhoto[]
  note?: string
  stars?: number
  thanks?: string
}

/**
 * The write a verb makes: `where({ _id, state: from, ... }).update({ ...set, history: push(entry) })`.
 * `notify` lists the people to send a subscription message to (ids), after the write succeeded.
 */
export interface WishChange {
  from: WishState
  to: WishState
  set: Partial<Omit<WishRecord, '_id' | 'history'>>
  entry: WishHistoryEntry
  notify: string[]
}

export interface PlanContext {
  now: Date
  settings?: WishSettings
  op?: string
}

/**
 * Every check of a verb, in a fixed order (who → state → input), then the write it makes. The
 * cloud function runs it on the wish it read (or to explain why its conditional update matched
 * nothing); the database condition on `state` is what makes the write safe under races.
 */
export function planTransition(wish: WishRecord, verb: WishVerb, caller: WishCaller, input: VerbInput, ctx: PlanContext): WishChange {
  const actor = authorizeVerb(wish, verb, caller)
  const to = nextState(wish.state, verb)
  const settings = ctx.settings ?? DEFAULT_WISH_SETTINGS
  const by = caller.kind === 'user' ? caller.userId : 'system'
  const byName = caller.kind === 'user' ? caller.name : '系统'
  const entry: WishHistoryEntry = { verb, from: wish.state, to, by, byName, at: ctx.now }
  if (ctx.op) entry.op = ctx.op
  // The wall fields move with the state in the same write, so the wall's indexes never disagree with it.
  const set: WishChange['set'] = { state: to, updatedAt: ctx.now, ...wallPlacement(to) }
  const notify: string[] = []
  const releaseClaim = () => {
    if (wish.claim) {
      entry.claimerId = wish.claim.userId
      notify.push(wish.claim.userId)
    }
    set.claim = null
  }

  if (WISH_TRANSITIONS[verb].needsReason) {
    entry.reason = checkReason(input.reason)
    // `reason` on the record explains a rejection or a take-down; a revocation's or a dispute's is in the history.
    if (verb !== 'revokeClaim' && verb !== 'disputeDelivery') set.reason = entry.reason
  }

  switch (verb) {
    case 'submit':
    case 'resubmit':
      checkContent(contentOf(wish), wish.beneficiary)
      if (!wish.consent) throw new DomainError('WISH.CONSENT_REQUIRED')
      break
    case 'verify': {
      if (!input.visit) throw new DomainError('WISH.VISIT_REQUIRED')
      const note = checkText('visitNote', input.visit.note)
      if (!(input.visit.at instanceof Date) || Number.isNaN(input.visit.at.getTime()) || input.visit.at.getTime() > ctx.now.getTime()) throw new DomainError('WISH.VISIT_REQUIRED', '走访时间不正确')
      if (caller.kind !== 'user') throw new DomainError('AUTH.FORBIDDEN')
      set.visit = { at: input.visit.at, note, by: caller.userId, byName: caller.name }
      break
    }
    case 'publish':
      if (!wish.consent) throw new DomainError('WISH.CONSENT_REQUIRED')
      if (!wish.visit) throw new DomainError('WISH.VISIT_REQUIRED')
      if (input.serviceHours !== undefined) {
        checkHours(input.serviceHours)
        set.serviceHours = input.serviceHours
      }
      set.publishedAt = wish.publishedAt ?? ctx.now
      notify.push(wish.author.userId)
      break
    case 'reject':
      notify.push(wish.author.userId)
      break
    case 'light': {
      if (caller.kind !== 'user') throw new DomainError('WISH.NOT_ELIGIBLE')
      set.claim = { userId: caller.userId, name: caller.name, kind: claimKindOf(caller.grants) as ClaimKind, at: ctx.now, releaseAt: claimDeadline({ at: ctx.now }, settings) }
      notify.push(wish.contact.userId)
      break
    }
    case 'giveUp':
      if (input.reason) entry.reason = checkText('reason', input.reason)
      releaseClaim()
      // The one who gave up knows; the notification is for the grid worker.
      notify.length = 0
      notify.push(wish.contact.userId)
      break
    case 'revokeClaim':
      releaseClaim()
      break
    case 'autoRelease':
      entry.reason = `超过${wish.claim ? claimDays(wish.claim, settings) : settings.claimReleaseDays}天未送达，系统自动释放`
      releaseClaim()
      break
    case 'deliver': {
      const photos = input.photos ?? []
      checkPhotos(photos, DELIVERY_MAX_PHOTOS, true)
      const delivery: Delivery = { photos, at: ctx.now }
      if (input.note) delivery.note = checkText('deliveryNote', input.note)
      set.delivery = delivery
      notify.push(wish.contact.userId)
      if (wish.beneficiary.userId) notify.push(wish.beneficiary.userId)
      break
    }
    case 'confirm':
      if (caller.kind !== 'user') throw new DomainError('AUTH.FORBIDDEN')
      set.confirmation = { by: caller.userId, byName: caller.name, as: actor === 'beneficiary' ? 'beneficiary' : 'grid_worker', at: ctx.now }
      if (wish.claim) notify.push(wish.claim.userId)
      break
    case 'disputeDelivery':
      // Back to lit with the same claim, releaseAt untouched: a dispute gives the claimer no extra
      // days. The delivery is cleared so the next one starts clean; the history keeps its proof.
      if (wish.delivery) entry.disputed = wish.delivery
      set.delivery = null
      if (wish.claim) notify.push(wish.claim.userId)
      break
    case 'rate': {
      if (caller.kind !== 'user') throw new DomainError('AUTH.FORBIDDEN')
      const rating: Rating = { stars: checkRating(input.stars), by: caller.userId, at: ctx.now }
      if (input.thanks) rating.thanks = checkText('thanks', input.thanks)
      set.rating = rating
      if (wish.claim) notify.push(wish.claim.userId)
      break
    }
    case 'takeDown':
      break
  }
  return { from: wish.state, to, set, entry, notify: [...new Set(notify)].filter((id) => id !== by) }
}

/** The community edits the text only while it reviews: nobody outside has seen it yet. */
export const EDITABLE_STATES: readonly WishState[] = ['submitted', 'verified']

/**
 * An edit during review: the same content checks as the intake, recorded as an `edit` entry
 * (from = to = the current state) so the timeline shows who changed the words.
 */
export function planEdit(wish: WishRecord, caller: WishCaller, patch: Partial<WishContent>, ctx: PlanContext): WishChange {
  if (caller.kind !== 'user' || !can(caller.grants, 'wish.review', wishTarget(wish))) throw new DomainError('AUTH.FORBIDDEN')
  if (!EDITABLE_STATES.includes(wish.state)) throw new DomainError('WISH.INVALID_TRANSITION', `当前状态为「${WISH_STATE_LABELS[wish.state]}」，不能修改`)
  const content = checkContent({ ...contentOf(wish), ...patch }, wish.beneficiary)
  const set: WishChange['set'] = { title: content.title, details: content.details, estimatedValue: content.estimatedValue, updatedAt: ctx.now }
  if (content.category !== wish.beneficiary.category) set.beneficiary = { ...wish.beneficiary, category: content.category }
  const entry: WishHistoryEntry = { verb: 'edit', from: wish.state, to: wish.state, by: caller.userId, byName: caller.name, at: ctx.now }
  if (ctx.op) entry.op = ctx.op
  return { from: wish.state, to: wish.state, set, entry, notify: [] }
}

// ---------------------------------------------------------------------------------------------
// Automatic release of overdue claims

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When a claim must have been delivered: the `releaseAt` stamped on it when it was lit, else
 * (claims from before it was stamped) `claimReleaseDays` × 24 hours after lighting, on the clock,
 * not calendar days (no time-zone question; Asia/Shanghai has no daylight saving anyway).
 */
export function claimDeadline(claim: Pick<Claim, 'at' | 'releaseAt'>, settings: WishSettings = DEFAULT_WISH_SETTINGS): Date {
  if (claim.releaseAt) return new Date(claim.releaseAt)
  return new Date(new Date(claim.at).getTime() + settings.claimReleaseDays * DAY_MS)
}

/** The days a claim was given (for the release reason): from its stamped deadline, else the setting. */
export function claimDays(claim: Pick<Claim, 'at' | 'releaseAt'>, settings: WishSettings = DEFAULT_WISH_SETTINGS): number {
  return Math.round((claimDeadline(claim, settings).getTime() - new Date(claim.at).getTime()) / DAY_MS)
}

/** Lit and still undelivered strictly after the deadline: at the deadline itself it is still in time. */
export function isClaimOverdue(wish: Pick<WishRecord, 'state' | 'claim'>, now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS): boolean {
  if (wish.state !== 'lit' || !wish.claim) return false
  return now.getTime() > claimDeadline(wish.claim, settings).getTime()
}

/**
 * The same rule as database conditions, for the timer. A stamped claim is overdue when
 * `claim.releaseAt < now` (index `state_claim_release`); an unstamped one (lit before claims were
 * stamped) when `claim.releaseAt` does not exist and `claim.at < releaseCutoff(now)` with the
 * default days (index `state_claim_at`), which was the rule when it was lit.
 */
export function releaseCutoff(now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS): Date {
  return new Date(now.getTime() - settings.claimReleaseDays * DAY_MS)
}

/** The releases the timer should make now, oldest claim first. */
export function releaseDue(wishes: readonly WishRecord[], now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS, op?: string): Array<{ id: string; claimerId: string; change: WishChange }> {
  return wishes
    .filter((w) => isClaimOverdue(w, now, settings))
    .sort((a, b) => new Date(a.claim!.at).getTime() - new Date(b.claim!.at).getTime())
    .map((w) => ({ id: w._id, claimerId: w.claim!.userId, change: planTransition(w, 'autoRelease', SYSTEM_CALLER, {}, { now, settings, op }) }))
}

// ---------------------------------------------------------------------------------------------
// The wall

/** 已审核 N · 已点亮 M · 已完成 K. Nested: every done wish is lit, every lit wish reviewed. */
export interface WallCounts {
  reviewed: number
  lit: number
  done: number
}

/** The states each count takes, for the `state in [...]` of a database count. */
export const WALL_COUNT_STATES: Record<keyof WallCounts, readonly WishState[]> = {
  reviewed: WISH_STATES.filter(isOnWall),
  lit: WISH_STATES.filter(isLitOrLater),
  done: WISH_STATES.filter(isDone),
}

/**
 * Counts from wishes, or from a tally per state (`n`: what a `$group` by state answers, so the
 * function counts in one aggregation and the rule stays here).
 */
export function wallCounts(wishes: Iterable<{ state: WishState; n?: number }>): WallCounts {
  const counts: WallCounts = { reviewed: 0, lit: 0, done: 0 }
  for (const w of wishes) {
    const n = w.n ?? 1
    if (isOnWall(w.state)) counts.reviewed += n
    if (isLitOrLater(w.state)) counts.lit += n
    if (isDone(w.state)) counts.done += n
  }
  return counts
}

export function wallCountsLine(c: WallCounts): string {
  return `已审核 ${c.reviewed} · 已点亮 ${c.lit} · 已完成 ${c.done}`
}


/** The wall tab a state belongs to, or null when it is not on the wall. */
export function wallTabOf(state: WishState): WallTab | null {
  for (const tab of Object.keys(WALL_FILTERS) as WallTab[]) if ((WALL_FILTERS[tab].states as readonly WishState[]).includes(state)) return tab
  return null
}

/** The denormalised wall fields for a state: written together with the state by every update. */
export function wallPlacement(state: WishState): { onWall: boolean; wallTab: WallTab | null } {
  return { onWall: isOnWall(state), wallTab: wallTabOf(state) }
}

/** The progress a card shows (wall, share image, poster): only these four words. */
export function progressLabel(state: WishState): string {
  if (isDone(state)) return '已完成'
  if (state === 'delivered') return '已送达'
  if (state === 'lit') return '已点亮'
  return '待点亮'
}

// ---------------------------------------------------------------------------------------------
// Service hours

/**
 * What a confirmed wish credits to the `service_hours` ledger (domain/requirements.ts); the
 * function adds the member's registration, community and unit and `createdAt`. Crediting twice is
 * impossible by the ledger's unique index on (source.kind, source.id, userId), so a retried
 * confirmation writes nothing new.
 */
export type WishHoursCredit = Pick<ServiceHoursRecord, 'userId' | 'hours' | 'source' | 'at'>

/**
 * The credit a confirmed wish gives its claimer: only a member (caring citizens have no ledger),
 * the hours the review set for this wish, else the setting. The estimated value is money, not
 * time, so it never decides hours. `at` is when the service was given (the delivery), which
 * decides the year it counts for, not when the beneficiary got round to confirming.
 */
export function serviceHoursCredit(wish: Pick<WishRecord, '_id' | 'state' | 'claim' | 'serviceHours' | 'confirmation' | 'delivery'>, settings: WishSettings = DEFAULT_WISH_SETTINGS): WishHoursCredit | null {
  if (!isDone(wish.state) || !wish.claim || wish.claim.kind !== 'member' || !wish.confirmation) return null
  return {
    userId: wish.claim.userId,
    hours: wish.serviceHours ?? settings.hoursPerWish,
    source: { kind: 'wish', id: wish._id },
    at: wish.delivery?.at ?? wish.confirmation.at,
  }
}

// ---------------------------------------------------------------------------------------------
// Sharing

export const WISH_DETAIL_PAGE = '/packages/wishes/pages/detail/index'

export interface WishShareCard {
  /** onShareAppMessage title. */
  title: string
  /** onShareAppMessage path: the wish id and nothing else. */
  path: string
  /** What the 5:4 share image and the poster draw. */
  imageFields: {
    title: string
    category: WishCategory
    communityName: string
    beneficiary: string
    progress: string
    action: string
  }
}

/**
 * Built field by field from an explicit list, never by spreading the wish, so a field added to
 * the record later cannot leak into a share. The title is redacted against the beneficiary's
 * known facts and any phone-like number, as a second line behind the intake check (old or edited
 * titles). The beneficiary appears only masked (王**); no photo of any kind is carried.
 */
export function wishShareCard(wish: Pick<WishRecord, '_id' | 'title' | 'state' | 'beneficiary'>, community: { name: string }): WishShareCard {
  const facts = factsOf(wish.beneficiary)
  const title = redactText(wish.title, facts)
  const masked = maskName(wish.beneficiary.name)
  return {
    title: `点亮微心愿：${title}`,
    path: `${WISH_DETAIL_PAGE}?id=${encodeURIComponent(wish._id)}&from=share`,
    imageFields: {
      title,
      category: wish.beneficiary.category,
      communityName: redactText(community.name, facts),
      beneficiary: masked ? `${masked}（${wish.beneficiary.category}）` : wish.beneficiary.category,
      progress: progressLabel(wish.state),
      action: isClaimable(wish.state) ? '点亮这个心愿' : '查看这个心愿',
    },
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DATABASE_ID = /^[0-9a-f]{32}$/

/**
 * What a mini-program code (poster) encodes: the wish id, in at most 32 characters (WeChat's scene
 * limit). A database id is 32 hex characters, so `w:` + id would be 34: such ids travel as `W:` +
 * the same 16 bytes in base64url (22 characters); shorter ids (the demo's) as `w:<id>`.
 */
export function wishQrScene(id: string): string {
  if (DATABASE_ID.test(id)) {
    let bits = ''
    for (const ch of id) bits += parseInt(ch, 16).toString(2).padStart(4, '0')
    bits = bits.padEnd(132, '0')
    let out = ''
    for (let i = 0; i < 132; i += 6) out += B64URL[parseInt(bits.slice(i, i + 6), 2)]
    return `W:${out}`
  }
  const scene = `w:${id}`
  if (scene.length > 32) throw new Error(`wish id too long for a mini-program code: ${id}`)
  return scene
}

/** The wish id a poster code's scene names, or null when the scene is not a wish's. */
export function wishIdFromScene(scene: string): string | null {
  if (scene.startsWith('w:') && scene.length > 2) return scene.slice(2)
  if (!scene.startsWith('W:') || scene.length !== 24) return null
  let bits = ''
  for (const ch of scene.slice(2)) {
    const v = B64URL.indexOf(ch)
    if (v < 0) return null
    bits += v.toString(2).padStart(6, '0')
  }
  let hex = ''
  for (let i = 0; i < 128; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16)
  return hex
}

// ---------------------------------------------------------------------------------------------
// Offline intake

/**
 * Made on the device when the worker presses 提交, before any network: the device id (a random
 * id kept in storage, 8–32 letters or digits) and a counter that only grows, e.g. `k3f9a2b1c-17`.
 * A random id (16–64 of letters, digits, _ and -) is accepted too, for clients that prefer it.
 */
export const INTAKE_KEY_DEVICE = /^[A-Za-z0-9]{8,32}-[1-9]\d{0,9}$/
export const INTAKE_KEY_RANDOM = /^[A-Za-z0-9_-]{16,64}$/

export function isIntakeKey(key: unknown): key is string {
  return typeof key === 'string' && (INTAKE_KEY_DEVICE.test(key) || INTAKE_KEY_RANDOM.test(key))
}

export function checkIntakeKey(key: unknown): string {
  if (!isIntakeKey(key)) throw new DomainError('WISH.BAD_KEY')
  return key
}

export function intakeKey(deviceId: string, counter: number): string {
  return checkIntakeKey(`${deviceId}-${counter}`)
}

/** What the intake form sends; the household's lineage and the author come from the server. */
export interface WishIntake {
  title: string
  details: string
  estimatedValue: number
  category: WishCategory
  beneficiaryName: string
  beneficiaryPhone?: string
  buildingId: string
  room?: string
  photos: WishPhoto[]
  consent: { method: Consent['method']; at: Date } | null
}

/** One submission waiting on the device. `status` is what the worker's counter shows. */
export interface QueuedSubmission {
  key: string
  /** Device clock when queued; the server stamps its own time on the wish. */
  queuedAt: string
  intake: WishIntake
  attempts: number
  status: 'waiting' | 'failed'
  /** For `failed`: the code and Chinese message the worker must act on. */
  error?: { code: string; message: string }
}

/** The answer to a submission; a replay with the same key gets the first one back, unchanged. */
export interface IntakeResult {
  id: string
  state: WishState
  /** True when this answer is the stored one of an earlier delivery of the same key. */
  replayed: boolean
}

/**
 * The replay rule, decided by the database: `wishes` has a unique index on
 * (`author.userId`, `intakeKey`), so of any number of deliveries of one submission exactly one
 * insert succeeds; the others fail on the index and the function answers the stored wish
 * (replayResult). The key, not the content, names the submission: a device never reuses a key for
 * different content, and a changed replay still gets the first result. The wish's own id stays
 * the database's short id, which fits a mini-program code scene (wishQrScene).
 */
export const INTAKE_UNIQUE_KEYS = { 'author.userId': 1, intakeKey: 1 } as const

export function replayResult(existing: Pick<WishRecord, '_id' | 'state' | 'author' | 'intakeKey'>, authorUserId: string, key: string): IntakeResult {
  // The lookup is by author and key, so this holds by construction; the check keeps a bug from
  // answering someone else's wish.
  if (existing.author.userId !== authorUserId || existing.intakeKey !== key) throw new DomainError('WISH.NOT_FOUND')
  return { id: existing._id, state: existing.state, replayed: true }
}

/** Errors worth retrying later: the network or the server, not the content. */
export function isRetryable(code: string): boolean {
  return code === 'NETWORK.UNAVAILABLE' || code === 'SYSTEM.BUSY' || code === 'SYSTEM.INTERNAL'
}

/** The queue after one send attempt: delivered → gone; retryable → waiting; otherwise failed with the reason. */
export function queueAfterAttempt(queue: readonly QueuedSubmission[], key: string, outcome: { ok: true } | { ok: false; code: string; message: string }): QueuedSubmission[] {
  return queue.flatMap((item) => {
    if (item.key !== key) return [item]
    if (outcome.ok) return []
    const attempts = item.attempts + 1
    if (isRetryable(outcome.code)) return [{ ...item, attempts, status: 'waiting' as const }]
    return [{ ...item, attempts, status: 'failed' as const, error: { code: outcome.code, message: outcome.message } }]
  })
}

/** The worker's counter: 待发送 N (waiting) and 需修改 M (failed). */
export function queueCounts(queue: readonly QueuedSubmission[]): { waiting: number; failed: number } {
  return { waiting: queue.filter((q) => q.status === 'waiting').length, failed: queue.filter((q) => q.status === 'failed').length }
}

/**
 * The record a submission creates (state `submitted`, with its first history entry), after every
 * input check. The building's lineage and name come from the org tree, the author from the caller.
 */
export function newWish(
  intake: WishIntake,
  ctx: {
    key: string
    author: WishAuthor
    contact: WishRecord['contact']
    community: { id: string; name: string }
    building: { id: string; name: string; lineage: string[] }
    beneficiaryUserId?: string
    now: Date
    op?: string
  },
): Omit<WishRecord, '_id'> {
  const key = checkIntakeKey(ctx.key)
  const name = checkText('beneficiaryName', intake.beneficiaryName)
  if (intake.beneficiaryPhone && !/^1[3-9]\d{9}$|^0\d{9,11}$/.test(intake.beneficiaryPhone)) throw new DomainError('REQUEST.INVALID', '受助人电话格式不正确', { field: 'beneficiaryPhone' })
  const beneficiary: Beneficiary = { name, category: checkCategory(intake.category), buildingId: ctx.building.id, buildingName: ctx.building.name }
  if (intake.beneficiaryPhone) beneficiary.phone = intake.beneficiaryPhone
  if (intake.room) beneficiary.room = checkText('room', intake.room)
  if (ctx.beneficiaryUserId) beneficiary.userId = ctx.beneficiaryUserId
  const content = checkContent(intake, beneficiary)
  checkPhotos(intake.photos ?? [], WISH_MAX_PHOTOS, false)
  if (!intake.consent) throw new DomainError('WISH.CONSENT_REQUIRED')
  const entry: WishHistoryEntry = { verb: 'submit', from: 'draft', to: 'submitted', by: ctx.author.userId, byName: ctx.author.name, at: ctx.now }
  if (ctx.op) entry.op = ctx.op
  return {
    communityId: ctx.community.id,
    communityName: ctx.community.name,
    lineage: ctx.building.lineage,
    beneficiary,
    title: content.title,
    details: content.details,
    estimatedValue: content.estimatedValue,
    photos: intake.photos ?? [],
    consent: { method: intake.consent.method, at: intake.consent.at, recordedBy: ctx.author.userId },
    visit: null,
    state: 'submitted',
    author: ctx.author,
    contact: ctx.contact,
    intakeKey: key,
    claim: null,
    delivery: null,
    confirmation: null,
    rating: null,
    onWall: false,
    wallTab: null,
    publishedAt: null,
    history: [entry],
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
}
