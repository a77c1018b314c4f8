import * as v from 'valibot'
import { action, area } from './contract'
import type { OrgKind } from '../org'
import { ROLE_KINDS, type RoleKind, type ScopeKind } from '../roles'

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

/** Ids of org nodes, units and users as stored (demo: `org-beimen`, `user-demo-member`). */
const nodeId = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))

/** A node's name: trimmed, 1–30 characters. */
export const nodeName = v.pipe(v.string('请填写名称'), v.trim(), v.minLength(1, '名称不能为空'), v.maxLength(30, '名称不能超过30个字'))

export const createNodeInput = v.strictObject({ parentId: nodeId, name: nodeName })
export type CreateNodeInput = v.InferOutput<typeof createNodeInput>
export const renameNodeInput = v.strictObject({ id: nodeId, name: nodeName })
export type RenameNodeInput = v.InferOutput<typeof renameNodeInput>
export const listChildrenInput = v.strictObject({ parentId: nodeId })
export type ListChildrenInput = v.InferOutput<typeof listChildrenInput>
export const pairUnitInput = v.strictObject({ unitId: nodeId, communityId: nodeId })
export type PairUnitInput = v.InferOutput<typeof pairUnitInput>
export const roleChangeInput = v.strictObject({
  userId: nodeId,
  kind: v.picklist(ROLE_KINDS, '未知的身份'),
  scopeId: nodeId,
})
export type RoleChangeInput = v.InferOutput<typeof roleChangeInput>

/** One node of the tree as the client sees it. */
export interface OrgNodeView {
  id: string
  kind: OrgKind
  name: string
  parentId: string | null
}

export interface Children {
  parent: OrgNodeView
  /** At most 200, by name. */
  children: OrgNodeView[]
}

export interface Pairing {
  unitId: string
  pairedCommunityIds: string[]
  /** False when the pairing already was as asked (nothing written, no audit). */
  changed: boolean
}

export interface RoleChange {
  userId: string
  kind: RoleKind
  scopeId: string
  scopeName: string
}

export const listRoleHoldersInput = v.strictObject({ scopeId: nodeId })
export type ListRoleHoldersInput = v.InferOutput<typeof listRoleHoldersInput>

/** A fragment of a name or a phone number, as in members.search. */
export const personQuery = v.pipe(v.string('请输入姓名或手机号'), v.trim(), v.minLength(1, '请输入姓名或手机号'), v.maxLength(20, '搜索内容不能超过20个字'))
export const findPeopleInput = v.strictObject({
  scopeId: nodeId,
  q: personQuery,
  /** What `scopeId` names: an org node (the default) or a unit (for 单位管理员). */
  scope: v.optional(v.picklist(['org', 'unit'], '未知的范围')),
})
export type FindPeopleInput = v.InferOutput<typeof findPeopleInput>

/** One role held by one person at a node of the subtree asked about. */
export interface RoleHolder {
  userId: string
  name: string
  /** Full where the caller may call the person (member.viewPhone on the role's node), else masked. */
  phone: string
  kind: RoleKind
  label: string
  scopeId: string
  scopeName: string
  /** `unit` for a unit admin (listed at the county). */
  scopeKind: ScopeKind
}

export interface RoleHolders {
  node: OrgNodeView
  /** Roles the caller may grant on this node itself (GRANTABLE_BY and ROLE_SCOPE): what the grant form offers. */
  grantable: RoleKind[]
  /** Holders at the node and below, of the role kinds the caller may grant there; by depth, role, name. */
  items: RoleHolder[]
  /** At a county: its units on which the caller may grant 单位管理员 (else empty). */
  grantableUnits: { id: string; name: string }[]
}

/** Someone a role can be granted to. */
export interface PersonMatch {
  userId: string
  name: string
  phone: string
  /** Where they are known from: `县水利局 · 北门社区`, or empty for a match by full phone number. */
  place: string
}

export const orgArea = area('org', {
  inviteCode: action<InviteCodeInput, InviteCode>(inviteCodeInput),
  createNode: action<CreateNodeInput, OrgNodeView>(createNodeInput),
  renameNode: action<RenameNodeInput, OrgNodeView>(renameNodeInput),
  listChildren: action<ListChildrenInput, Children>(listChildrenInput),
  pairUnit: action<PairUnitInput, Pairing>(pairUnitInput),
  unpairUnit: action<PairUnitInput, Pairing>(pairUnitInput),
  grantRole: action<RoleChangeInput, RoleChange>(roleChangeInput),
  revokeRole: action<RoleChangeInput, RoleChange>(roleChangeInput),
  listRoleHolders: action<ListRoleHoldersInput, RoleHolders>(listRoleHoldersInput),
  findPeople: action<FindPeopleInput, { items: PersonMatch[] }>(findPeopleInput),
})
