/**
 * Granting and revoking roles (docs/org.md). Which role may grant which role kinds is
 * GRANTABLE_BY in domain/permissions.ts; the scope node must exist, be of the role's scope kind
 * (ROLE_SCOPE) and lie within the granter's scope. The write is one conditional update on the
 * person (the role absent for a grant, present for a revoke), so granting twice or revoking twice
 * is refused by the database, not by a read that could be stale. Each change appends an audit record.
 */
import { appendAudit, findCaller, getDocs, updateDocs, type ActionContext, type AuditEntry } from '../../../server/kit'
import type { RoleChange, RoleChangeInput } from '../../../domain/api/org'
import { DomainError } from '../../../domain/errors'
import { lineage, ORG_KIND_LABELS, type OrgNode, type Unit } from '../../../domain/org'
import { authorizeGrant, GRANTABLE_BY } from '../../../domain/permissions'
import { ROLE_LABELS, ROLE_SCOPE } from '../../../domain/roles'
import type { Target } from '../../../domain/permissions'
import type { UserRecord } from '../../../domain/users'
import { findNode } from './tree'

interface Scope {
  name: string
  target: Target
}

/** The scope of the role being changed, checked against ROLE_SCOPE. One round trip. */
async function findScope(ctx: ActionContext, kind: RoleChangeInput['kind'], scopeId: string): Promise<Scope> {
  const scopeKind = ROLE_SCOPE[kind]
  if (!scopeKind) throw new DomainError('REQUEST.INVALID', `「${ROLE_LABELS[kind]}」不需要也不能由管理员授予`)
  if (scopeKind === 'unit') {
    const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: scopeId }).limit(1))
    if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
    return { name: unit.name, target: { kind: 'unit', unitId: unit._id, countyId: unit.countyId } }
  }
  const node: OrgNode | null = await findNode(ctx, scopeId)
  if (!node) throw new DomainError('ORG.UNKNOWN_NODE')
  if (node.kind !== scopeKind) {
    throw new DomainError('REQUEST.INVALID', `「${ROLE_LABELS[kind]}」的范围必须是${ORG_KIND_LABELS[scopeKind]}，「${node.name}」是${ORG_KIND_LABELS[node.kind]}`)
  }
  return { name: node.name, target: { kind: 'org', lineage: lineage(node) } }
}

/**
 * Grant: 4 round trips (the caller and the scope together, the conditional update, the audit
 * record); +1 (read the person) when nothing was updated, to tell USER.NOT_FOUND from
 * USER.ROLE_ALREADY_HELD. Revoke: the same.
 */
export async function changeRole({ userId, kind, scopeId }: RoleChangeInput, grant: boolean, ctx: ActionContext): Promise<RoleChange> {
  const scopeRead = findScope(ctx, kind, scopeId)
  scopeRead.catch(() => undefined) // judged after the caller, so a non-granter learns nothing about ids
  const caller = await findCaller<UserRecord>(ctx)
  const grants = caller?.roles ?? []
  if (!caller || !grants.some((g) => g.scopeId && GRANTABLE_BY[g.kind].length > 0)) throw new DomainError('AUTH.FORBIDDEN')
  const scope = await scopeRead
  authorizeGrant(grants, kind, scope.target)

  const _ = ctx.db.command
  const users = ctx.db.collection('users')
  const held = { roles: _.elemMatch({ kind, scopeId }) }
  const updated = grant
    ? await updateDocs(users.where(_.and([{ _id: userId }, _.nor([held])])), {
        roles: _.push({ kind, scopeId, scopeName: scope.name }),
        updatedAt: ctx.now,
      })
    : await updateDocs(users.where(_.and([{ _id: userId }, held])), { roles: _.pull({ kind, scopeId }), updatedAt: ctx.now })
  if (updated !== 1) {
    const [person] = await getDocs<UserRecord>(users.where({ _id: userId }).limit(1))
    if (!person) throw new DomainError('USER.NOT_FOUND')
    throw grant ? new DomainError('USER.ROLE_ALREADY_HELD') : new DomainError('USER.ROLE_NOT_HELD', '这个人没有这个身份')
  }

  const role = `${kind}@${scopeId}`
  const entry: AuditEntry & { role: string; scopeId: string; scopeName: string } = {
    entity: 'user',
    entityId: userId,
    action: grant ? 'grantRole' : 'revokeRole',
    from: grant ? null : role,
    to: grant ? role : null,
    by: caller._id,
    at: ctx.now,
    role: kind,
    scopeId,
    scopeName: scope.name,
  }
  await appendAudit(ctx.db, entry)
  return { userId, kind, scopeId, scopeName: scope.name }
}
