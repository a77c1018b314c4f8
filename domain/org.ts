/**
 * The organisation tree: county → street → community → compound → grid → building. Units
 * (机关, 企业, …) sit beside it and pair with communities. Every node keeps its ancestors'
 * ids in `path`, so "is X under Y" is a lookup, not a walk.
 */
export const ORG_KINDS = ['county', 'street', 'community', 'compound', 'grid', 'building'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  county: '县（区）',
  street: '街道（镇）',
  community: '社区（村）',
  compound: '小区',
  grid: '网格',
  building: '楼栋',
}

/** The kind a node's children must have; buildings are leaves. */
export const CHILD_KIND: Record<OrgKind, OrgKind | null> = {
  county: 'street',
  street: 'community',
  community: 'compound',
  compound: 'grid',
  grid: 'building',
  building: null,
}

export interface OrgNode {
  _id: string
  kind: OrgKind
  name: string
  parentId: string | null
  /** Ancestor ids from the root down, excluding the node itself. */
  path: string[]
}

export const UNIT_KINDS = ['机关', '企业', '事业单位', '两新组织'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface Unit {
  _id: string
  name: string
  kind: UnitKind
  countyId: string
  pairedCommunityIds: string[]
}

/** The node and all its ancestors: what a scoped role must cover to act on it. */
export function lineage(node: Pick<OrgNode, '_id' | 'path'>): string[] {
  return [...node.path, node._id]
}

/** Whether `node` is `ancestorId` or lies below it (a building of the community a form names). */
export function isUnder(node: Pick<OrgNode, '_id' | 'path'>, ancestorId: string): boolean {
  return lineage(node).includes(ancestorId)
}
