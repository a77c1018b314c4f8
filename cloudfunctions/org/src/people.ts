/**
 * The reads behind the role management page (docs/org.md): who holds which roles in a subtree
 * (`listRoleHolders`) and whom a role can be granted to (`findPeople`). Visibility follows
 * GRANTABLE_BY: a caller sees, and can look for, exactly the people and role kinds they could
 * grant or revoke there; everyone else is AUTH.FORBIDDEN. Phones follow `member.viewPhone`.
 */
import { findCaller, getDocs, type ActionContext } from '../../../server/kit'
import type { FindPeopleInput, ListRoleHoldersInput, PersonMatch, RoleHolder, RoleHolders } from '../../../domain/api/org'
import { DomainError } from '../../../domain/errors'
import { lineage, ORG_KINDS, type OrgNode, type Unit } from '../../../domain/org'
import { can, canGrant, GRANTABLE_BY, type Target } from '../../../domain/permissions'
import { ROLE_KINDS, ROLE_LABELS, ROLE_SCOPE, type RoleGrant, type RoleKind } from '../../../domain/roles'
import { LIVE_STATES } from '../../../domain/registration'
import { displayName, maskPhone, type UserRecord } from '../../../domain/users'
import { findNode, viewOf } from './tree'

/** A subtree larger than this (a whole county's buildings) is listed from its first nodes only. */
const MAX_NODES = 1000
const MAX_HOLDERS = 500
const SEARCH_LIMIT = 20

const orgTarget = (node: Pick<OrgNode, '_id' | 'path'>): Target => ({ kind: 'org', lineage: lineage(node) })
const unitTarget = (unit: Pick<Unit, '_id' | 'countyId'>): Target => ({ kind: 'unit', unitId: unit._id, countyId: unit.countyId })

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
 * holding a visible role on any of them; 5 at a county whose unit admins the caller may grant
 * (its units are read before the people). 3 when refused.
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
  // Units sit beside the tree (countyId), so only a county lists its unit admins.
  const grantsUnits = node.kind === 'county' && canGrant(grants, 'unit_admin', { kind: 'unit', unitId: '', countyId: node._id })
  const countyUnits = grantsUnits
    ? await getDocs<Unit>(ctx.db.collection('units').where({ countyId: node._id }).field({ _id: true, name: true, countyId: true }).limit(MAX_NODES))
    : []
  const nodes = new Map([node, ...below].map((n) => [n._id, n]))
  const units = new Map(countyUnits.filter((u) => canGrant(grants, 'unit_admin', unitTarget(u))).map((u) => [u._id, u]))
  const queried = units.size > 0 ? [...kinds, 'unit_admin' as const] : kinds

  const _ = ctx.db.command
  const people = await getDocs<UserRecord>(
    ctx.db
      .collection('users')
      .where({ roles: _.elemMatch({ scopeId: _.in([...nodes.keys(), ...units.keys()]), kind: _.in(queried) }) })
      .field({ _id: true, name: true, phone: true, roles: true })
      .limit(MAX_HOLDERS),
  )
  const items: RoleHolder[] = []
  const depth = new Map<RoleHolder, number>()
  for (const person of people) {
    for (const role of person.roles ?? []) {
      const at = role.scopeId ? nodes.get(role.scopeId) : undefined
      const unit = role.kind === 'unit_admin' && role.scopeId ? units.get(role.scopeId) : undefined
      let row: Omit<RoleHolder, 'userId' | 'name' | 'kind' | 'label'> & { rank: number }
      // Each row on its own node: a community admin sees grid workers, never the community's other admins.
      if (at && kinds.includes(role.kind) && canGrant(grants, role.kind, orgTarget(at))) {
        row = { phone: phoneFor(grants, person.phone, orgTarget(at)), scopeId: at._id, scopeName: at.name, scopeKind: at.kind, rank: at.path.length }
      } else if (unit) {
        // Units beside the streets: listed after the county's own rows, before the communities'.
        row = { phone: phoneFor(grants, person.phone, unitTarget(unit)), scopeId: unit._id, scopeName: unit.name, scopeKind: 'unit', rank: 1.5 }
      } else continue
      const { rank, ...rest } = row
      const item: RoleHolder = { userId: person._id, name: displayName(person), kind: role.kind, label: ROLE_LABELS[role.kind], ...rest }
      depth.set(item, rank)
      items.push(item)
    }
  }
  items.sort((a, b) => depth.get(a)! - depth.get(b)! || ROLE_KINDS.indexOf(b.kind) - ROLE_KINDS.indexOf(a.kind) || zh(a.scopeName, b.scopeName) || zh(a.name, b.name))
  return {
    node: viewOf(node),
    grantable: kinds.filter((k) => ROLE_SCOPE[k] === node.kind),
    items,
    grantableUnits: [...units.values()].map((u) => ({ id: u._id, name: u.name })).sort((a, b) => zh(a.name, b.name)),
  }
}

interface RegistrationRow {
  userId: string
  unitId: string
  unitCountyId: string
  name: string
  phone: string
  unitName: string
  communityName: string
  communityLineage: string[]
}

/**
 * People a role at `scopeId` can be granted to: those with a live registration in the node's
 * community (or under the node, for a street or county; with `scope: 'unit'`, in that unit, for
 * a unit admin), matched by a fragment of name or phone; and anyone whose full 11-digit phone number is typed (a person new to the app tells the
 * admin their number). 4 round trips: the caller and the node together, then the registrations
 * and (for a full phone number) the users, together; 3 otherwise, 2 when refused.
 */
export async function findPeople({ scopeId, q, scope = 'org' }: FindPeopleInput, ctx: ActionContext): Promise<{ items: PersonMatch[] }> {
  const [caller, place] = await Promise.all([
    findCaller<UserRecord>(ctx),
    scope === 'unit' ? getDocs<Unit>(ctx.db.collection('units').where({ _id: scopeId }).limit(1)).then((u) => u[0] ?? null) : findNode(ctx, scopeId),
  ])
  const grants = granterGrants(caller)
  let where: object
  if (scope === 'unit') {
    // A unit admin is one of the unit's own members: its live registrations.
    const unit = place as Unit | null
    if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
    if (!canGrant(grants, 'unit_admin', unitTarget(unit))) throw new DomainError('AUTH.FORBIDDEN')
    where = { unitId: unit._id }
  } else {
    const node = place as OrgNode | null
    if (!node) throw new DomainError('ORG.UNKNOWN_NODE')
    visibleKinds(grants, node)
    // Below a community, its people are the community's: compounds and buildings are not on registrations.
    where = { communityLineage: lineage(node)[Math.min(node.path.length, ORG_KINDS.indexOf('community'))] }
  }

  const _ = ctx.db.command
  const pattern = ctx.db.RegExp({ regexp: escapeRegExp(q), options: 'i' })
  const fullPhone = /^1\d{10}$/.test(q)
  const [registered, byPhone] = await Promise.all([
    getDocs<RegistrationRow>(
      ctx.db
        .collection('registrations')
        // Registrations that tie a person to a community: live ones.
        .where(_.and([{ ...where, state: _.in([...LIVE_STATES]) }, _.or([{ name: pattern }, { phone: pattern }])]))
        .field({ userId: true, name: true, phone: true, unitId: true, unitCountyId: true, unitName: true, communityName: true, communityLineage: true })
        .orderBy('createdAt', 'asc')
        .limit(SEARCH_LIMIT),
    ),
    fullPhone ? getDocs<UserRecord>(ctx.db.collection('users').where({ phone: q }).field({ _id: true, name: true, phone: true }).limit(1)) : Promise.resolve([]),
  ])
  const items: PersonMatch[] = []
  for (const r of registered) {
    // Imported rows (docs/import.md) name nobody who has opened the app yet: no one to grant a role to.
    if (!r.userId || items.some((p) => p.userId === r.userId)) continue
    items.push({
      userId: r.userId,
      name: r.name,
      phone: phoneFor(grants, r.phone, scope === 'unit' ? { kind: 'unit', unitId: r.unitId, countyId: r.unitCountyId } : { kind: 'org', lineage: r.communityLineage }),
      place: `${r.unitName} · ${r.communityName}`,
    })
  }
  for (const u of byPhone) {
    if (items.some((p) => p.userId === u._id)) continue
    // Known only by the number the admin typed: nothing more is revealed than that it exists.
    items.push({ userId: u._id, name: displayName(u), phone: maskPhone(u.phone) ?? '', place: '' })
  }
  return { items }
}
