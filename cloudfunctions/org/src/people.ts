/**
 * The reads behind the role management page (docs/org.md): who holds which roles in a subtree
 * (`listRoleHolders`) and whom a role can be granted to (`findPeople`). Visibility follows
 * GRANTABLE_BY: a caller sees, and can look for, exactly the people and role kinds they could
 * grant or revoke there; everyone else is AUTH.FORBIDDEN. Phones follow `member.viewPhone`.
 */
import { findCaller, getDocs, type ActionContext } from '../../../server/kit'
import type { FindPeopleInput, ListRoleHoldersInput, PersonMatch, RoleHolder, RoleHolders } from '../../../domain/api/org'
import { DomainError } from '../../../domain/errors'
import { lineage, ORG_KINDS, type OrgNode } from '../../../domain/org'
import { can, canGrant, GRANTABLE_BY, type Target } from '../../../domain/permissions'
import { ROLE_KINDS, ROLE_LABELS, ROLE_SCOPE, type RoleGrant, type RoleKind } from '../../../domain/roles'
import { maskPhone, type UserRecord } from '../../../domain/users'
import { findNode, viewOf } from './tree'

/** A subtree larger than this (a whole county's buildings) is listed from its first nodes only. */
const MAX_NODES = 1000
const MAX_HOLDERS = 500
const SEARCH_LIMIT = 20
/** Registrations that tie a person to a community: live ones. */
const LIVE_STATES = ['registered', 'pending_unit', 'pending_community']

const orgTarget = (node: Pick<OrgNode, '_id' | 'path'>): Target => ({ kind: 'org', lineage: lineage(node) })

/** Refused before anything is said about the node: the caller holds no role that grants anything. */
function granterGrants(caller: UserRecord | null): RoleGrant[] {
  const grants = caller?.roles ?? []
  if (!grants.some((g) => g.scopeId && GRANTABLE_BY[g.kind].length > 0)) throw new DomainError('AUTH.FORBIDDEN')
  return grants
}

/** The role kinds the caller may grant somewhere at or under this node; none: AUTH.FORBIDDEN. */
function visibleKinds(grants: RoleGrant[], node: OrgNode): RoleKind[] {
  const kinds = ROLE_KINDS.filter((k) => ROLE_SCOPE[k] && ROLE_SCOPE[k] !== 'unit' && canGrant(grants, k, orgTarget(node)))
  if (kinds.length === 0) throw new DomainError('AUTH.FORBIDDEN')
  return kinds
}

const phoneFor = (grants: RoleGrant[], phone: string | undefined, target: Target) =>
  (can(grants, 'member.viewPhone', target) ? phone : maskPhone(phone)) ?? ''

/** Regex metacharacters escaped: a query is a literal fragment, never a pattern. */
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const zh = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN')

/**
 * 4 round trips: the caller, the node and its descendants (read together), then the people
 * holding a visible role on any of them. 3 when refused.
 */
export async function listRoleHolders({ scopeId }: ListRoleHoldersInput, ctx: ActionContext): Promise<RoleHolders> {
  const [caller, node, below] = await Promise.all([
    findCaller<UserRecord>(ctx),
    findNode(ctx, scopeId),
    getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ path: scopeId }).field({ _id: true, kind: true, name: true, path: true, parentId: true }).limit(MAX_NODES)),
  ])
  const grants = granterGrants(caller)
  if (!node) throw new DomainError('ORG.UNKNOWN_NODE')
  const kinds = visibleKinds(grants, node)
  const nodes = new Map([node, ...below].map((n) => [n._id, n]))

  const _ = ctx.db.command
  const people = await getDocs<UserRecord>(
    ctx.db
      .collection('users')
      .where({ roles: _.elemMatch({ scopeId: _.in([...nodes.keys()]), kind: _.in(kinds) }) })
      .field({ _id: true, name: true, phone: true, roles: true })
      .limit(MAX_HOLDERS),
  )
  const items: RoleHolder[] = []
  for (const person of people) {
    for (const role of person.roles ?? []) {
      const at = role.scopeId ? nodes.get(role.scopeId) : undefined
      // Each row on its own node: a community admin sees grid workers, never the community's other admins.
      if (!at || !kinds.includes(role.kind) || !canGrant(grants, role.kind, orgTarget(at))) continue
      items.push({
        userId: person._id,
        name: person.name ?? '微信用户',
        phone: phoneFor(grants, person.phone, orgTarget(at)),
        kind: role.kind,
        label: ROLE_LABELS[role.kind],
        scopeId: at._id,
        scopeName: at.name,
        scopeKind: at.kind,
      })
    }
  }
  const depth = (h: RoleHolder) => nodes.get(h.scopeId)!.path.length
  items.sort((a, b) => depth(a) - depth(b) || ROLE_KINDS.indexOf(b.kind) - ROLE_KINDS.indexOf(a.kind) || zh(a.scopeName, b.scopeName) || zh(a.name, b.name))
  return { node: viewOf(node), grantable: kinds.filter((k) => ROLE_SCOPE[k] === node.kind), items }
}

interface RegistrationRow {
  userId: string
  name: string
  phone: string
  unitName: string
  communityName: string
  communityLineage: string[]
}

/**
 * People a role at `scopeId` can be granted to: those with a live registration in the node's
 * community (or under the node, for a street or county), matched by a fragment of name or
 * phone; and anyone whose full 11-digit phone number is typed (a person new to the app tells the
 * admin their number). 4 round trips: the caller and the node together, then the registrations
 * and (for a full phone number) the users, together; 3 otherwise, 2 when refused.
 */
export async function findPeople({ scopeId, q }: FindPeopleInput, ctx: ActionContext): Promise<{ items: PersonMatch[] }> {
  const [caller, node] = await Promise.all([findCaller<UserRecord>(ctx), findNode(ctx, scopeId)])
  const grants = granterGrants(caller)
  if (!node) throw new DomainError('ORG.UNKNOWN_NODE')
  visibleKinds(grants, node)

  // Below a community, its people are the community's: compounds and buildings are not on registrations.
  const anchor = lineage(node)[Math.min(node.path.length, ORG_KINDS.indexOf('community'))]
  const _ = ctx.db.command
  const pattern = ctx.db.RegExp({ regexp: escapeRegExp(q), options: 'i' })
  const fullPhone = /^1\d{10}$/.test(q)
  const [registered, byPhone] = await Promise.all([
    getDocs<RegistrationRow>(
      ctx.db
        .collection('registrations')
        .where(_.and([{ communityLineage: anchor, state: _.in(LIVE_STATES) }, _.or([{ name: pattern }, { phone: pattern }])]))
        .field({ userId: true, name: true, phone: true, unitName: true, communityName: true, communityLineage: true })
        .orderBy('createdAt', 'asc')
        .limit(SEARCH_LIMIT),
    ),
    fullPhone ? getDocs<UserRecord>(ctx.db.collection('users').where({ phone: q }).field({ _id: true, name: true, phone: true }).limit(1)) : Promise.resolve([]),
  ])
  const items: PersonMatch[] = []
  for (const r of registered) {
    if (items.some((p) => p.userId === r.userId)) continue
    items.push({
      userId: r.userId,
      name: r.name,
      phone: phoneFor(grants, r.phone, { kind: 'org', lineage: r.communityLineage }),
      place: `${r.unitName} · ${r.communityName}`,
    })
  }
  for (const u of byPhone) {
    if (items.some((p) => p.userId === u._id)) continue
    // Known only by the number the admin typed: nothing more is revealed than that it exists.
    items.push({ userId: u._id, name: u.name ?? '微信用户', phone: maskPhone(u.phone) ?? '', place: '' })
  }
  return { items }
}
