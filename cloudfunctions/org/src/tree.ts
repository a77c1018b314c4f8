/**
 * Maintaining the organisation tree (docs/org.md): create and rename nodes, list a node's
 * children, pair units with communities. Who may do what is domain/permissions.ts
 * (MAINTAIN_ACTION, org.pairUnit); every change appends an `audit` record.
 */
import { addDoc, appendAudit, countPairing, findCaller, getDocs, isDuplicateKeyError, updateDocs, type ActionContext } from '../../../server/kit'
import type { Children, CreateNodeInput, OrgNodeView, Pairing, PairUnitInput, RenameNodeInput } from '../../../domain/api/org'
import { DomainError } from '../../../domain/errors'
import { CHILD_KIND, lineage, ORG_KIND_LABELS, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, MAINTAIN_ACTION, reach, reachesAny } from '../../../domain/permissions'
import type { UserRecord } from '../../../domain/users'

export function viewOf(node: OrgNode): OrgNodeView {
  return { id: node._id, kind: node.kind, name: node.name, parentId: node.parentId }
}

export async function findNode(ctx: ActionContext, id: string): Promise<OrgNode | null> {
  const [node] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: id }).limit(1))
  return node ?? null
}

/** True when any role the caller holds could maintain some part of the tree at all. */
function maintainsAnything(caller: UserRecord | null): boolean {
  const grants = caller?.roles ?? []
  return (['org.maintainUpper', 'org.maintainLower'] as const).some((a) => reachesAny(reach(grants, a), 'org'))
}

/**
 * A sibling already named so: only a friendly early answer, read beside the other reads. What
 * keeps names unique is the database: the unique index `parent_name_unique` (parentId, name) in
 * cloudfunctions/database.json refuses the second insert or rename, whoever read what before.
 */
async function siblingNamed(ctx: ActionContext, parentId: string, name: string): Promise<OrgNode | null> {
  const [node] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ parentId, name }).limit(1))
  return node ?? null
}

/** The write, with the unique index's refusal in the domain's words. */
async function uniquely<T>(write: Promise<T>): Promise<T> {
  try {
    return await write
  } catch (e) {
    if (isDuplicateKeyError(e)) throw new DomainError('ORG.DUPLICATE_NAME')
    throw e
  }
}

/**
 * 5 round trips: the caller, the parent and a sibling of that name (read together), the insert,
 * the audit record. The kind is the parent's CHILD_KIND; the target is the parent's lineage.
 * Of simultaneous creates of one name under one parent the unique index lets one insert land;
 * the others answer ORG.DUPLICATE_NAME and write nothing.
 */
export async function createNode({ parentId, name }: CreateNodeInput, ctx: ActionContext): Promise<OrgNodeView> {
  const [caller, parent, clash] = await Promise.all([findCaller<UserRecord>(ctx), findNode(ctx, parentId), siblingNamed(ctx, parentId, name)])
  if (!caller || !maintainsAnything(caller)) throw new DomainError('AUTH.FORBIDDEN')
  if (!parent) throw new DomainError('ORG.UNKNOWN_NODE')
  const kind = CHILD_KIND[parent.kind]
  if (!kind) throw new DomainError('REQUEST.INVALID', `${ORG_KIND_LABELS[parent.kind]}下不能再建下级组织`)
  const action = MAINTAIN_ACTION[kind]
  if (!action) throw new DomainError('AUTH.FORBIDDEN')
  authorize(caller.roles ?? [], action, { kind: 'org', lineage: lineage(parent) })
  if (clash) throw new DomainError('ORG.DUPLICATE_NAME')

  const doc: Omit<OrgNode, '_id'> & { createdAt: Date; updatedAt: Date } = {
    kind,
    name,
    parentId: parent._id,
    path: lineage(parent),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  const _id = await uniquely(addDoc(ctx.db.collection('org_nodes'), doc))
  await appendAudit(ctx.db, { entity: 'org_node', entityId: _id, action: 'createNode', from: null, to: name, by: caller._id, at: ctx.now })
  return { id: _id, kind, name, parentId: parent._id }
}

/**
 * 5 round trips: the caller and the node (together), a sibling of the new name, the update, the
 * audit record; 2 when the name is unchanged. The target is the node's parent's lineage (its path).
 * The unique index decides between simultaneous renames to one name (ORG.DUPLICATE_NAME).
 */
export async function renameNode({ id, name }: RenameNodeInput, ctx: ActionContext): Promise<OrgNodeView> {
  const [caller, node] = await Promise.all([findCaller<UserRecord>(ctx), findNode(ctx, id)])
  if (!caller || !maintainsAnything(caller)) throw new DomainError('AUTH.FORBIDDEN')
  if (!node) throw new DomainError('ORG.UNKNOWN_NODE')
  const action = MAINTAIN_ACTION[node.kind]
  if (!action || node.path.length === 0) throw new DomainError('AUTH.FORBIDDEN')
  authorize(caller.roles ?? [], action, { kind: 'org', lineage: node.path })
  if (node.name === name) return viewOf(node)
  if (node.parentId && (await siblingNamed(ctx, node.parentId, name))) throw new DomainError('ORG.DUPLICATE_NAME')

  // Conditional on the name read: a concurrent rename makes this one fail instead of being lost.
  const updated = await uniquely(updateDocs(ctx.db.collection('org_nodes').where({ _id: id, name: node.name }), { name, updatedAt: ctx.now }))
  if (updated !== 1) throw new DomainError('SYSTEM.BUSY', '这个组织刚刚被其他人修改过，请刷新后再试')
  await appendAudit(ctx.db, { entity: 'org_node', entityId: id, action: 'renameNode', from: node.name, to: name, by: caller._id, at: ctx.now })
  return { ...viewOf(node), name }
}

/**
 * For pickers: open to every signed-in caller (the tree's names are public, as registration's
 * community list is). 2 round trips: the parent and its children, read together.
 */
export async function listChildren({ parentId }: { parentId: string }, ctx: ActionContext): Promise<Children> {
  const [parent, children] = await Promise.all([
    findNode(ctx, parentId),
    getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ parentId }).orderBy('name', 'asc').limit(200)),
  ])
  if (!parent) throw new DomainError('ORG.UNKNOWN_NODE')
  return { parent: viewOf(parent), children: children.map(viewOf) }
}

/**
 * Pairs (or unpairs) a unit with a community of the same county. 5 round trips when something
 * changes: the caller, the unit and the community (together), the update, the audit record;
 * 3 when the pairing already is as asked. The target is the community's lineage.
 */
export async function changePairing({ unitId, communityId }: PairUnitInput, pair: boolean, ctx: ActionContext): Promise<Pairing> {
  const [caller, units, community] = await Promise.all([
    findCaller<UserRecord>(ctx),
    getDocs<Unit>(ctx.db.collection('units').where({ _id: unitId }).limit(1)),
    findNode(ctx, communityId),
  ])
  const grants = caller?.roles ?? []
  if (!caller || !reachesAny(reach(grants, 'org.pairUnit'), 'org')) throw new DomainError('AUTH.FORBIDDEN')
  const unit = units[0]
  if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
  if (!community || community.kind !== 'community') throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  authorize(grants, 'org.pairUnit', { kind: 'org', lineage: lineage(community) })
  if (!lineage(community).includes(unit.countyId)) throw new DomainError('REQUEST.INVALID', '单位和社区不在同一个县（区），不能结对')

  const paired = unit.pairedCommunityIds ?? []
  const already = paired.includes(communityId)
  if (already === pair) return { unitId, pairedCommunityIds: paired, changed: false }

  const _ = ctx.db.command
  // Conditional on the pairing not being as asked yet, so two presses at once count one pairing.
  const changed = await updateDocs(ctx.db.collection('units').where({ _id: unitId, pairedCommunityIds: pair ? _.neq(communityId) : communityId }), {
    pairedCommunityIds: pair ? _.addToSet(communityId) : _.pull(communityId),
    updatedAt: ctx.now,
  })
  if (changed === 0) return { unitId, pairedCommunityIds: pair ? [...paired, communityId] : paired.filter((id) => id !== communityId), changed: false }
  await countPairing(ctx.db, lineage(community), unitId, pair ? 1 : -1, ctx.now)
  await appendAudit(ctx.db, {
    entity: 'unit',
    entityId: unitId,
    action: pair ? 'pairUnit' : 'unpairUnit',
    from: pair ? null : communityId,
    to: pair ? communityId : null,
    by: caller._id,
    at: ctx.now,
  })
  return { unitId, pairedCommunityIds: pair ? [...paired, communityId] : paired.filter((id) => id !== communityId), changed: true }
}
