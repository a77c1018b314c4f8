import type { InviteCodeInput, RoleChangeInput } from '@domain/api'
import { orgArea } from '@domain/api/org'
import { areaCaller } from './transport'

const call = areaCaller(orgArea)

/** The org function from the client: typed one-liners over the one transport (docs/org.md). */

/** The mini-program code (小程序码) that opens 报到 for a community or a unit: `{ scene, page, imageBase64 }`. */
export const inviteCode = (input: InviteCodeInput) => call('org', 'inviteCode', input)

export const listChildren = (parentId: string) => call('org', 'listChildren', { parentId })

export const createNode = (parentId: string, name: string) => call('org', 'createNode', { parentId, name })

export const renameNode = (id: string, name: string) => call('org', 'renameNode', { id, name })

export const pairUnit = (unitId: string, communityId: string) => call('org', 'pairUnit', { unitId, communityId })

export const unpairUnit = (unitId: string, communityId: string) => call('org', 'unpairUnit', { unitId, communityId })

export const grantRole = (input: RoleChangeInput) => call('org', 'grantRole', input)

export const revokeRole = (input: RoleChangeInput) => call('org', 'revokeRole', input)

/** Who holds the roles the caller may grant, at the node and below, and which roles the node itself takes. */
export const listRoleHolders = (scopeId: string) => call('org', 'listRoleHolders', { scopeId })

/**
 * People a role at `scopeId` can be granted to, by a fragment of name or phone (or a full phone
 * number); `scope: 'unit'` when `scopeId` is a unit (单位管理员).
 */
export const findPeople = (scopeId: string, q: string, scope: 'org' | 'unit' = 'org') =>
  call('org', 'findPeople', scope === 'unit' ? { scopeId, q, scope } : { scopeId, q })
