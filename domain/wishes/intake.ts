/**
 * Intake (录入): a grid worker writes a household's wish at the door, possibly offline (the device
 * keeps it with an idempotency key and sends it later: client/services/offlineQueue.ts), or a
 * resident writes their own.
 */
import { DomainError } from '../errors'
import type { WishCategory, WishState } from '../wishes-labels'
import { checkCategory, checkContent, checkPhotos, checkText, WISH_MAX_PHOTOS } from './content'
import type { Beneficiary, Consent, WishAuthor, WishHistoryEntry, WishPhoto, WishRecord } from './record'

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

/** The answer to a submission; a replay with the same key gets the first one back, unchanged. */
export interface IntakeResult {
  id: string
  state: WishState
  /** True when this answer is the stored one of an earlier delivery of the same key. */
  replayed: boolean
}

/**
 * The replay rule, decided by the database: `wishes` has a unique index on
 * (`author.userId`, `intakeKey`) (cloudfunctions/database.json `author_intake_unique`), so of any
 * number of deliveries of one submission exactly one insert succeeds; the others fail on the index
 * and the function answers the stored wish. The key, not the content, names the submission: a
 * device never reuses a key for different content, and a changed replay still gets the first
 * result. The wish's own id stays the database's short id, which fits a mini-program code scene.
 */
export function replayResult(existing: Pick<WishRecord, '_id' | 'state' | 'author' | 'intakeKey'>, authorUserId: string, key: string): IntakeResult {
  // The lookup is by author and key, so this holds by construction; the check keeps a bug from
  // answering someone else's wish.
  if (existing.author.userId !== authorUserId || existing.intakeKey !== key) throw new DomainError('WISH.NOT_FOUND')
  return { id: existing._id, state: existing.state, replayed: true }
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
