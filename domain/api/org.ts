import * as v from 'valibot'
import { action, area } from './contract'

/** The page an invitation opens: registration, prefilled from the scene. */
export const REGISTRATION_PAGE = 'packages/registration/pages/register/index'

export type InviteKind = 'community' | 'unit'

/** Ids that fit a scene: `c:` or `u:` plus at most 30 characters (wxacode.getUnlimited allows 32). */
const inviteId = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,30}$/, '编号格式不正确'))

/** The scene of a community's or a unit's invitation; `registration.resolveInvite` reads it back. */
export function inviteSceneOf(kind: InviteKind, id: string): string {
  return `${kind === 'community' ? 'c' : 'u'}:${id}`
}

export const inviteCodeInput = v.strictObject({
  kind: v.picklist(['community', 'unit'], '未知的邀请类型'),
  id: inviteId,
})
export type InviteCodeInput = v.InferOutput<typeof inviteCodeInput>

/** A mini-program code (小程序码) that opens registration with `scene`. */
export interface InviteCode {
  scene: string
  page: string
  /** The PNG, base64 (no data: prefix). */
  imageBase64: string
  contentType: 'image/png'
}

export const orgArea = area('org', {
  inviteCode: action<InviteCodeInput, InviteCode>(inviteCodeInput),
})
