/**
 * The organisation's own tools. Tree maintenance (createNode, renameNode, listChildren, pairUnit,
 * unpairUnit) and roles (grantRole, revokeRole) are in tree.ts and roles.ts, the role page's reads
 * (listRoleHolders, findPeople) in people.ts (docs/org.md).
 * `inviteCode`: the mini-program code (小程序码) of a community or a
 * unit, which opens registration prefilled (`registration.resolveInvite` reads its scene back).
 * The code comes from WeChat's `wxacode.getUnlimited` open API (this function's config.json grants
 * it); locally the emulator answers the same call with a real QR image. The contract is
 * domain/api/org.ts; docs/API.md describes it with its round trips.
 */
import { defineArea, findCaller, getDocs, miniProgramCode, type ActionContext } from '../../../server/kit'
import { inviteSceneOf, orgArea, REGISTRATION_PAGE, type InviteCode, type InviteKind } from '../../../domain/api/org'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, reach, reachesAny, type PermissionAction, type Target } from '../../../domain/permissions'
import type { UserRecord } from '../../../domain/users'
import { changePairing, createNode, listChildren, renameNode } from './tree'
import { changeRole } from './roles'
import { findPeople, listRoleHolders } from './people'

/** Who may hand out an invitation: see org.inviteCommunity / org.inviteUnit in domain/permissions.ts. */
const INVITE_PERMISSION: Record<InviteKind, PermissionAction> = {
  community: 'org.inviteCommunity',
  unit: 'org.inviteUnit',
}

/** The invited place as a permission target, or null when there is no such community or unit. */
async function findTarget(ctx: ActionContext, kind: InviteKind, id: string): Promise<Target | null> {
  if (kind === 'community') {
    const [node] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'community' }).limit(1))
    return node ? { kind: 'org', lineage: lineage(node) } : null
  }
  const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: id }).limit(1))
  return unit ? { kind: 'unit', unitId: unit._id, countyId: unit.countyId } : null
}

export const main = defineArea(orgArea, {
  /**
   * 3 round trips: the caller and the community or unit (read together), then the open API.
   * A caller with no admin role of that kind is refused before the code is asked for.
   */
  async inviteCode({ kind, id }, ctx): Promise<InviteCode> {
    const permission = INVITE_PERMISSION[kind]
    const [caller, target] = await Promise.all([findCaller<UserRecord>(ctx), findTarget(ctx, kind, id)])
    const grants = caller?.roles ?? []
    if (!reachesAny(reach(grants, permission), kind === 'community' ? 'org' : 'unit')) throw new DomainError('AUTH.FORBIDDEN')
    if (!target) throw new DomainError(kind === 'community' ? 'ORG.UNKNOWN_COMMUNITY' : 'ORG.UNKNOWN_UNIT')
    authorize(grants, permission, target)

    return miniProgramCode(inviteSceneOf(kind, id), REGISTRATION_PAGE)
  },
  // The tree and the roles: tree.ts and roles.ts; docs/org.md.
  createNode,
  renameNode,
  listChildren,
  pairUnit: (input, ctx) => changePairing(input, true, ctx),
  unpairUnit: (input, ctx) => changePairing(input, false, ctx),
  grantRole: (input, ctx) => changeRole(input, true, ctx),
  revokeRole: (input, ctx) => changeRole(input, false, ctx),
  // The role management page's reads: people.ts.
  listRoleHolders,
  findPeople,
})
