/**
 * Demo data for local mode, drawn from the product brief (龙门县 and its streets, communities
 * and units). Seeded once into an empty store; docs/demo-identities.md lists the people.
 */
import type { RoleKind } from '../../domain/roles'
import type { StoredGrant } from '../../domain/users'

export interface DemoIdentity {
  openid: string
  label: string
  role: RoleKind
  description: string
}

type OrgKind = 'county' | 'street' | 'community' | 'compound' | 'grid' | 'building'

interface OrgNode {
  _id: string
  kind: OrgKind
  name: string
  parentId: string | null
  /** Ancestors from the county down, so "everything under X" is one indexed query. */
  path: string[]
}

const SEEDED_AT = new Date('2026-11-01T09:00:00+08:00')

function node(_id: string, kind: OrgKind, name: string, parent: OrgNode | null): OrgNode {
  return { _id, kind, name, parentId: parent?._id ?? null, path: parent ? [...parent.path, parent._id] : [] }
}

const county = node('org-longmen', 'county', '龙门县', null)
const longcheng = node('org-longcheng', 'street', '龙城街道', county)
const pingling = node('org-pingling', 'street', '平陵街道', county)
const beimen = node('org-beimen', 'community', '北门社区', longcheng)
const chengnan = node('org-chengnan', 'community', '城南社区', longcheng)
const taipingmen = node('org-taipingmen', 'community', '太平门社区', longcheng)
const plCommunity = node('org-pingling-sq', 'community', '平陵社区', pingling)
const beimenGarden = node('org-beimen-garden', 'compound', '北门花园小区', beimen)
const beimenGrid1 = node('org-beimen-grid-1', 'grid', '北门第一网格', beimenGarden)
const beimenB1 = node('org-beimen-b1', 'building', '北门花园1栋', beimenGrid1)
const beimenB2 = node('org-beimen-b2', 'building', '北门花园2栋', beimenGrid1)
const chengnanCourt = node('org-chengnan-court', 'compound', '城南雅苑小区', chengnan)
const chengnanGrid1 = node('org-chengnan-grid-1', 'grid', '城南第一网格', chengnanCourt)
const chengnanB1 = node('org-chengnan-b1', 'building', '城南雅苑1栋', chengnanGrid1)

export const ORG_NODES: OrgNode[] = [
  county, longcheng, pingling, beimen, chengnan, taipingmen, plCommunity,
  beimenGarden, beimenGrid1, beimenB1, beimenB2, chengnanCourt, chengnanGrid1, chengnanB1,
]

export const UNITS = [
  { _id: 'unit-water-bureau', name: '县水利局', kind: '机关', countyId: county._id, pairedCommunityIds: [beimen._id] },
  { _id: 'unit-water-co', name: '水务有限公司', kind: '企业', countyId: county._id, pairedCommunityIds: [chengnan._id] },
  { _id: 'unit-publicity', name: '县委宣传部', kind: '机关', countyId: county._id, pairedCommunityIds: [taipingmen._id] },
]

const grant = (kind: RoleKind, scope?: { _id: string; name: string }): StoredGrant =>
  scope ? { kind, scopeId: scope._id, scopeName: scope.name } : { kind }

interface DemoUser extends DemoIdentity {
  name: string
  phone: string
  roles: StoredGrant[]
  home?: { communityId: string; buildingId: string }
}

const DEMO_USERS: DemoUser[] = [
  {
    openid: 'demo-resident', label: '王秀英（居民）', role: 'resident', name: '王秀英', phone: '13800001001',
    description: '北门花园1栋的独居老人，点单、提心愿', roles: [], home: { communityId: beimen._id, buildingId: beimenB1._id },
  },
  {
    openid: 'demo-member', label: '李建国（在职党员）', role: 'member', name: '李建国', phone: '13800001002',
    description: '县水利局党员，到北门社区报到，认领心愿和服务',
    roles: [grant('member', beimen)], home: { communityId: beimen._id, buildingId: beimenB2._id },
  },
  {
    openid: 'demo-grid', label: '张敏（网格员）', role: 'grid_worker', name: '张敏', phone: '13800001003',
    description: '北门第一网格的网格员，入户走访、录入心愿', roles: [grant('grid_worker', beimenGrid1)],
  },
  {
    openid: 'demo-community-admin', label: '陈书记（北门社区管理员）', role: 'community_admin', name: '陈红', phone: '13800001004',
    description: '北门社区党委，审核报到、心愿，接单', roles: [grant('community_admin', beimen)],
  },
  {
    openid: 'demo-unit-admin', label: '刘主任（县水利局管理员）', role: 'unit_admin', name: '刘洋', phone: '13800001005',
    description: '县水利局党组织，确认本单位党员报到', roles: [grant('unit_admin', { _id: 'unit-water-bureau', name: '县水利局' })],
  },
  {
    openid: 'demo-county-admin', label: '赵部长（龙门县管理员）', role: 'county_admin', name: '赵志强', phone: '13800001006',
    description: '县委组织部，查看全县统计和进度', roles: [grant('county_admin', county)],
  },
  {
    openid: 'demo-branch-admin', label: '孙支书（北门花园支部）', role: 'branch_admin', name: '孙丽', phone: '13800001007',
    description: '北门花园小区党支部，派单', roles: [grant('branch_admin', beimenGarden)],
  },
  {
    openid: 'demo-chengnan-admin', label: '周书记（城南社区管理员）', role: 'community_admin', name: '周涛', phone: '13800001008',
    description: '城南社区党委（用于检验权限范围）', roles: [grant('community_admin', chengnan)],
  },
]

export const DEMO_IDENTITIES: DemoIdentity[] = DEMO_USERS.map(({ openid, label, role, description }) => ({ openid, label, role, description }))

/** Used when a local request carries no identity: the elderly resident, the most common user. */
export const DEFAULT_OPENID = 'demo-resident'

export function demoUsers() {
  return DEMO_USERS.map((u) => ({
    _id: `user-${u.openid}`,
    openid: u.openid,
    name: u.name,
    phone: u.phone,
    roles: u.roles,
    activeRole: u.role,
    ...(u.home ? { home: u.home } : {}),
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }))
}

export function demoWishes() {
  const base = { communityId: beimen._id, gridId: beimenGrid1._id, contactUserId: 'user-demo-grid', createdAt: SEEDED_AT, updatedAt: SEEDED_AT }
  return [
    { _id: 'wish-reading-pen', ...base, buildingId: beimenB2._id, category: '留守儿童', title: '想要一台点读机', details: '孩子父母在外打工，希望有台点读机帮助学英语。', estimatedValue: 200, beneficiaryMasked: '小*（9岁）', state: 'published' },
    { _id: 'wish-wheelchair', ...base, buildingId: beimenB1._id, category: '孤寡老人', title: '需要一辆新轮椅', details: '老人腿脚不便，旧轮椅已经坏了。', estimatedValue: 600, beneficiaryMasked: '王**（82岁）', state: 'lit', claimerUserId: 'user-demo-member' },
    { _id: 'wish-lane-lights', ...base, buildingId: beimenB1._id, category: '其他', title: '巷子里装几盏路灯', details: '北门花园后巷晚上太黑，老人出门不方便。', estimatedValue: 1500, beneficiaryMasked: '北门花园居民', state: 'submitted' },
  ]
}

export const DEMO_DATA = { org_nodes: ORG_NODES, units: UNITS }
