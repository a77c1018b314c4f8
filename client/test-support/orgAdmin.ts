import type { OrgNodeView, PersonMatch, RoleHolder } from '@domain/api'
import { CHILD_KIND, type OrgKind } from '@domain/org'
import { ROLE_LABELS, ROLE_SCOPE, type RoleKind } from '@domain/roles'
import type { RecordedRequest, StubAnswer } from './fetchStub'

const n = (id: string, kind: OrgKind, name: string, parentId: string | null): OrgNodeView => ({ id, kind, name, parentId })

/** A small part of 龙门县, as the org function would hold it. */
export const TREE: OrgNodeView[] = [
  n('org-longmen', 'county', '龙门县', null),
  n('org-longcheng', 'street', '龙城街道', 'org-longmen'),
  n('org-beimen', 'community', '北门社区', 'org-longcheng'),
  n('org-chengnan', 'community', '城南社区', 'org-longcheng'),
  n('org-beimen-garden', 'compound', '北门花园小区', 'org-beimen'),
  n('org-beimen-grid-1', 'grid', '北门第一网格', 'org-beimen-garden'),
  n('org-beimen-b1', 'building', '北门花园1栋', 'org-beimen-grid-1'),
]

export const PEOPLE: PersonMatch[] = [{ userId: 'user-demo-member', name: '李建国', phone: '13800001002', place: '县水利局 · 北门社区' }]

const bad = (code: string, message: string, status = 400): StubAnswer => ({ status, json: { code, message } })

/**
 * The org function over fetch with state: the tree (listChildren, createNode, renameNode with
 * the duplicate-name rule), role holders (listRoleHolders, grantRole, revokeRole) and findPeople.
 * The grantable roles are those whose scope is the node's kind, as for a community admin.
 */
export function orgAdminBackend(onPair?: (unitId: string, paired: boolean) => void) {
  const nodes = [...TREE]
  let holders: RoleHolder[] = [
    { userId: 'user-demo-grid', name: '张敏', phone: '13800001003', kind: 'grid_worker', label: '网格员', scopeId: 'org-beimen-grid-1', scopeName: '北门第一网格', scopeKind: 'grid' },
  ]
  const byId = (id: string) => nodes.find((x) => x.id === id)
  const under = (id: string, ancestor: string): boolean => id === ancestor || (!!byId(id)?.parentId && under(byId(id)!.parentId!, ancestor))
  const handler = (req: RecordedRequest): StubAnswer => {
    const body = req.body as Record<string, string> & { action: string }
    switch (body.action) {
      case 'listChildren': {
        const parent = byId(body.parentId)
        if (!parent) return bad('ORG.UNKNOWN_NODE', '没有这个组织', 404)
        return { json: { code: 0, data: { parent, children: nodes.filter((x) => x.parentId === parent.id) } } }
      }
      case 'createNode': {
        const parent = byId(body.parentId)!
        const name = body.name.trim()
        if (!name) return { status: 400, json: { code: 'REQUEST.INVALID', message: '请求参数不正确', details: [{ path: 'name', message: '名称不能为空' }] } }
        if (nodes.some((x) => x.parentId === parent.id && x.name === name)) return bad('ORG.DUPLICATE_NAME', '同一上级下已有同名的组织，请换一个名称')
        const created = n(`org-new-${nodes.length}`, CHILD_KIND[parent.kind]!, name, parent.id)
        nodes.push(created)
        return { json: { code: 0, data: created } }
      }
      case 'renameNode': {
        const node = byId(body.id)!
        if (nodes.some((x) => x.parentId === node.parentId && x.name === body.name && x.id !== node.id)) return bad('ORG.DUPLICATE_NAME', '同一上级下已有同名的组织，请换一个名称')
        node.name = body.name
        return { json: { code: 0, data: { ...node } } }
      }
      case 'listRoleHolders': {
        const node = byId(body.scopeId)!
        const grantable = (['grid_worker', 'building_head', 'branch_admin'] as RoleKind[]).filter((k) => ROLE_SCOPE[k] === node.kind)
        const grantableUnits = node.kind === 'county' ? [{ id: 'unit-water-bureau', name: '县水利局' }] : []
        return { json: { code: 0, data: { node, grantable, items: holders.filter((h) => (h.scopeKind === 'unit' ? node.kind === 'county' : under(h.scopeId, node.id))), grantableUnits } } }
      }
      case 'findPeople':
        return { json: { code: 0, data: { items: PEOPLE.filter((p) => p.name.includes(body.q) || p.phone.includes(body.q)) } } }
      case 'grantRole': {
        const kind = body.kind as RoleKind
        if (holders.some((h) => h.userId === body.userId && h.kind === kind && h.scopeId === body.scopeId)) return bad('USER.ROLE_ALREADY_HELD', '这个人已经有这个身份了', 409)
        const person = PEOPLE.find((p) => p.userId === body.userId)!
        // Units are not in the tree: 县水利局 is the one unit this backend knows.
        const node = kind === 'unit_admin' ? { id: body.scopeId, name: '县水利局', kind: 'unit' as const } : byId(body.scopeId)!
        holders = [...holders, { userId: person.userId, name: person.name, phone: person.phone, kind, label: ROLE_LABELS[kind], scopeId: node.id, scopeName: node.name, scopeKind: node.kind }]
        return { json: { code: 0, data: { userId: person.userId, kind, scopeId: node.id, scopeName: node.name } } }
      }
      case 'revokeRole': {
        holders = holders.filter((h) => !(h.userId === body.userId && h.kind === body.kind && h.scopeId === body.scopeId))
        return { json: { code: 0, data: { userId: body.userId, kind: body.kind, scopeId: body.scopeId, scopeName: byId(body.scopeId)?.name ?? '' } } }
      }
      case 'pairUnit':
      case 'unpairUnit':
        onPair?.(body.unitId, body.action === 'pairUnit')
        return { json: { code: 0, data: { unitId: body.unitId, pairedCommunityIds: [], changed: true } } }
      default:
        return bad('REQUEST.UNKNOWN_ACTION', '没有这个操作')
    }
  }
  return { handler, nodes, holders: () => holders }
}

/** members.pairedUnits and registration.options for a community's pairing panel, with state. */
export function pairingBackend(paired: string[] = ['unit-water-bureau']) {
  const units = [
    { id: 'unit-water-bureau', name: '县水利局', kind: '机关' },
    { id: 'unit-publicity', name: '县委宣传部', kind: '机关' },
  ]
  const ids = [...paired]
  return {
    ids,
    members: (req: RecordedRequest): StubAnswer => {
      const body = req.body as { communityId: string }
      const list = units.filter((u) => ids.includes(u.id)).map((u) => ({ ...u, registered: u.id === 'unit-water-bureau' ? 1 : 0 }))
      return { json: { code: 0, data: { community: { id: body.communityId, name: '北门社区' }, units: list } } }
    },
    registration: (): StubAnswer => ({ json: { code: 0, data: { communities: [], units, buildings: [], skills: [], freeTime: [] } } }),
    pair: (unitId: string, on: boolean) => {
      const i = ids.indexOf(unitId)
      if (on && i < 0) ids.push(unitId)
      if (!on && i >= 0) ids.splice(i, 1)
    },
  }
}
