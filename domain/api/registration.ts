import * as v from 'valibot'
import { action, area } from './contract'
import { FREE_TIME_SLOTS, SKILL_TAGS, type RegistrationPlace, type RegistrationState, type RegistrationVerb } from '../registration'

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
const reason = v.pipe(v.string('请填写原因'), v.trim(), v.minLength(2, '原因至少写两个字'), v.maxLength(200, '原因不能超过200字'))

/** Invitation scenes are at most 32 characters (wxacode.getUnlimited): `c:<communityId>` or `u:<unitId>`. */
export const inviteScene = v.pipe(v.string('缺少邀请码'), v.regex(/^[cu]:[A-Za-z0-9_-]{1,30}$/, '邀请码格式不正确'))

const phone = v.pipe(v.string('请填写手机号'), v.trim(), v.regex(/^1[3-9]\d{9}$/, '请填写11位手机号'))

/**
 * What `<button open-type="getPhoneNumber">` gave the mini-program (`detail.code`): opaque, good
 * once and for 5 minutes; the function exchanges it with phonenumber.getPhoneNumber.
 */
const phoneCode = v.pipe(v.string('请重新获取微信手机号'), v.regex(/^[\x21-\x7e]{1,128}$/, '请重新获取微信手机号'))

const personEntries = {
  name: v.pipe(v.string('请填写姓名'), v.trim(), v.minLength(2, '请填写真实姓名（至少两个字）'), v.maxLength(20, '姓名不能超过20个字')),
  /** Typed: accepted only by a function running locally (docs/registration.md, *The phone*). */
  phone: v.optional(phone),
  /** From WeChat's phone button: what production accepts. */
  phoneCode: v.optional(phoneCode),
  unitId: id,
  communityId: id,
  buildingId: v.optional(id),
  skills: v.pipe(v.array(v.picklist(SKILL_TAGS, '未知的特长')), v.maxLength(8, '特长最多选8项')),
  skillNote: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, '特长说明不能超过100字'))),
  freeTime: v.pipe(v.array(v.picklist(FREE_TIME_SLOTS, '未知的时间段')), v.maxLength(4)),
}

type PhoneChoice = { phone?: string; phoneCode?: string }
const PHONE_PATHS = [['phone'], ['phoneCode']] as const
/** One phone at most, either way. */
const notBoth = (i: PhoneChoice) => i.phone === undefined || i.phoneCode === undefined
const NOT_BOTH = '手机号只需提供一次'
/** A first 报到 carries a phone: typed (locally) or WeChat's code. */
const somePhone = (i: PhoneChoice) => i.phone !== undefined || i.phoneCode !== undefined

// Partial checks, so that they are reported beside the other fields' issues, on the phone field.
export const registerInput = v.pipe(
  v.strictObject(personEntries),
  v.forward(v.partialCheck(PHONE_PATHS, notBoth, NOT_BOTH), ['phone']),
  v.forward(v.partialCheck(PHONE_PATHS, somePhone, '请填写手机号'), ['phone']),
)
export type RegisterInput = v.InferOutput<typeof registerInput>

/** The form once the function knows the number (resolved from `phoneCode`, or typed locally). */
export type RegisterForm = Omit<RegisterInput, 'phone' | 'phoneCode'> & { phone: string }

/**
 * A move (迁移) carries the whole form again: the new unit and/or home, and anything else
 * corrected. The phone may be left out to keep the one on record: the card only knows it masked.
 */
export const moveInput = v.pipe(v.strictObject(personEntries), v.forward(v.partialCheck(PHONE_PATHS, notBoth, NOT_BOTH), ['phone']))
export type MoveInput = v.InferOutput<typeof moveInput>

/** A rejected registration, corrected with the same fields as the form (phone optional, as for a move), sent again (重新提交). */
export const resubmitInput = v.pipe(v.strictObject({ id, ...personEntries }), v.forward(v.partialCheck(PHONE_PATHS, notBoth, NOT_BOTH), ['phone']))
export type ResubmitInput = v.InferOutput<typeof resubmitInput>

export interface HistoryEntry {
  verb: string
  from: RegistrationState | null
  to: RegistrationState
  byName: string
  at: string
  reason?: string
  /** `move`: where to; `moveIn`: where from. */
  place?: RegistrationPlace
  /** A confirmation carried over from the registration a move closed. */
  carried?: boolean
}

/** A registration an earlier move closed, shown under the card's own history. */
export interface EarlierCard {
  id: string
  unitName: string
  communityName: string
  buildingName: string | null
  history: HistoryEntry[]
}

/** The 报到证's QR code as a PNG made by the cloud function (the client ships no QR library). */
export interface CardQr {
  /** What it encodes: `reg:<id>`, nothing personal. */
  payload: string
  /** The PNG, base64 (no data: prefix). */
  imageBase64: string
  contentType: 'image/png'
}

export interface RegistrationCard {
  id: string
  state: RegistrationState
  /** What the person who asked may do with it now (availableVerbs): the card's buttons. */
  can: RegistrationVerb[]
  stateLabel: string
  name: string
  phoneMasked: string
  unit: { id: string; name: string }
  community: { id: string; name: string }
  building: { id: string; name: string } | null
  skills: string[]
  skillNote: string | null
  freeTime: string[]
  /** Steps still to happen before 已报到, in words. */
  missing: string[]
  reason: string | null
  /** What the card's QR encodes: the registration id, never personal data. */
  qrPayload: string
  history: HistoryEntry[]
  /** Registrations earlier moves closed, newest first (empty when this one was not started by a move). */
  earlier: EarlierCard[]
  createdAt: string
}

export interface PendingItem {
  id: string
  state: RegistrationState
  /** What the admin may do with it now (availableVerbs): a county admin lists but does not decide. */
  can: RegistrationVerb[]
  name: string
  /** Full number only for roles that may call the person (member.viewPhone), else masked. */
  phone: string
  unitName: string
  communityName: string
  buildingName: string | null
  skills: string[]
  createdAt: string
}

export interface BatchResult {
  done: string[]
  failed: { id: string; code: string; message: string }[]
}

export interface InviteTarget {
  kind: 'community' | 'unit'
  id: string
  name: string
}

export interface RegistrationOptions {
  communities: { id: string; name: string; streetName: string }[]
  units: { id: string; name: string; kind: string }[]
  /** Buildings of the chosen community, grouped by compound in the UI. */
  buildings: { id: string; name: string; compoundName: string }[]
  skills: readonly string[]
  freeTime: readonly string[]
}

export const registrationArea = area('registration', {
  resolveInvite: action<{ scene: string }, InviteTarget>(v.strictObject({ scene: inviteScene })),
  options: action<{ communityId?: string }, RegistrationOptions>(v.strictObject({ communityId: v.optional(id) })),
  register: action<RegisterInput, RegistrationCard>(registerInput),
  myCard: action<Record<string, never>, RegistrationCard | null>(v.strictObject({})),
  withdraw: action<Record<string, never>, RegistrationCard>(v.strictObject({})),
  move: action<MoveInput, RegistrationCard>(moveInput),
  resubmit: action<ResubmitInput, RegistrationCard>(resubmitInput),
  cardQr: action<{ id: string }, CardQr>(v.strictObject({ id })),
  listPending: action<{ scope: 'unit' | 'community'; scopeId: string; limit?: number; afterCreatedAt?: string }, { items: PendingItem[]; total: number }>(
    v.strictObject({
      scope: v.picklist(['unit', 'community'], '未知的范围'),
      scopeId: id,
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
      afterCreatedAt: v.optional(v.pipe(v.string(), v.isoTimestamp('时间格式不正确'))),
    }),
  ),
  confirmUnit: action<{ ids: string[] }, BatchResult>(v.strictObject({ ids: v.pipe(v.array(id), v.minLength(1, '请至少选择一人'), v.maxLength(100, '一次最多确认100人')) })),
  rejectUnit: action<{ id: string; reason: string }, RegistrationCard>(v.strictObject({ id, reason })),
  confirmCommunity: action<{ ids: string[] }, BatchResult>(v.strictObject({ ids: v.pipe(v.array(id), v.minLength(1, '请至少选择一人'), v.maxLength(100, '一次最多确认100人')) })),
  rejectCommunity: action<{ id: string; reason: string }, RegistrationCard>(v.strictObject({ id, reason })),
})
