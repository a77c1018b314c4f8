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

/**
 * 龙门县's yearly requirements (docs/requirements.md): its plan asks each member for 1–2
 * activities a year (taken as 2) and each unit for a co-building activity every quarter; the 40
 * hours a year are 宣恩县's figure, set here so the demo shows both bars. No activity or hours
 * record is seeded: progress starts at zero, as it would.
 */
const DEMO_REQUIREMENTS = {
  memberActivitiesPerYear: 2, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'quarter' as const,
  version: 1, updatedAt: SEEDED_AT, updatedBy: 'user-demo-county-admin', updatedByName: '赵志强',
}

const county = { ...node('org-longmen', 'county', '龙门县', null), requirements: DEMO_REQUIREMENTS }
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
    roles: [], home: { communityId: beimen._id, buildingId: beimenB2._id },
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
  {
    openid: 'demo-street-admin', label: '钱主任（龙城街道管理员）', role: 'street_admin', name: '钱伟', phone: '13800001009',
    description: '龙城街道党工委，维护社区和结对共建', roles: [grant('street_admin', longcheng)],
  },
]

/** Listed in the switcher but not seeded: their record is created on first use, as for a real newcomer. */
const UNSEEDED_IDENTITIES: DemoIdentity[] = [
  {
    openid: 'demo-newcomer', label: '新来的党员（未报到）', role: 'resident',
    description: '刚到县水利局工作的党员，住在北门社区，还没有双报到；第一次使用时创建',
  },
]

export const DEMO_IDENTITIES: DemoIdentity[] = [
  ...DEMO_USERS.map(({ openid, label, role, description }) => ({ openid, label, role, description })),
  ...UNSEEDED_IDENTITIES,
]

/** Used when a local request carries no identity: the elderly resident, the most common user. */
export const DEFAULT_OPENID = 'demo-resident'

/**
 * People who are not demo identities but fill the admins' lists: members waiting for their unit
 * or their community. Their records point at their live registration, as the function keeps them.
 */
const WAITING_MEMBERS = [
  { openid: 'seed-huang-zhiming', name: '黄志明', phone: '13800001011' },
  { openid: 'seed-ma-xiaodong', name: '马晓东', phone: '13800001012' },
  { openid: 'seed-wu-fang', name: '吴芳', phone: '13800001013' },
  { openid: 'seed-zheng-lei', name: '郑磊', phone: '13800001014' },
]

const userId = (openid: string) => `user-${openid}`

/** The live registration of each seeded person who has one (record id → registration id). */
const LIVE_REGISTRATIONS: Record<string, string> = {
  [userId('demo-member')]: 'reg-demo-member',
  [userId('seed-huang-zhiming')]: 'reg-huang-zhiming',
  [userId('seed-ma-xiaodong')]: 'reg-ma-xiaodong',
  [userId('seed-wu-fang')]: 'reg-wu-fang',
  [userId('seed-zheng-lei')]: 'reg-zheng-lei',
}

export function demoUsers() {
  const people = [
    ...DEMO_USERS.map((u) => ({
      _id: userId(u.openid),
      openid: u.openid,
      name: u.name,
      phone: u.phone,
      roles: u.roles,
      activeRole: u.role,
      ...(u.home ? { home: u.home } : {}),
    })),
    ...WAITING_MEMBERS.map((p) => ({ _id: userId(p.openid), openid: p.openid, name: p.name, phone: p.phone, roles: [] as StoredGrant[] })),
  ]
  return people.map((p) => ({
    ...p,
    ...(LIVE_REGISTRATIONS[p._id] ? { liveRegistrationId: LIVE_REGISTRATIONS[p._id] } : {}),
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }))
}

/**
 * Registrations (双报到) in every stage the admins' lists show: 李建国 fully registered with his
 * history, two members waiting for 县水利局, one waiting for 北门社区, one waiting for 城南社区
 * (out of 北门社区's reach: the scope checks use it). Shapes are RegistrationRecord's
 * (domain/registration.ts).
 */
export function demoRegistrations() {
  const at = (day: number, hour: number) => new Date(`2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`)
  const lineageOf = (n: OrgNode) => [...n.path, n._id]
  const bureau = UNITS[0]
  const waterCo = UNITS[1]
  const unitAdmin = { by: userId('demo-unit-admin'), byName: '刘洋' }
  const beimenAdmin = { by: userId('demo-community-admin'), byName: '陈红' }
  const base = (p: { id: string; openid: string; name: string; phone: string; unit: (typeof UNITS)[number]; community: OrgNode; building?: OrgNode; createdAt: Date }) => ({
    _id: p.id,
    userId: userId(p.openid),
    name: p.name,
    phone: p.phone,
    unitId: p.unit._id,
    unitName: p.unit.name,
    unitCountyId: p.unit.countyId,
    communityId: p.community._id,
    communityName: p.community.name,
    communityLineage: lineageOf(p.community),
    ...(p.building ? { buildingId: p.building._id, buildingName: p.building.name } : {}),
    createdAt: p.createdAt,
  })
  const submit = (name: string, by: string, when: Date) => ({ verb: 'submit', from: null, to: 'pending_unit', by, byName: name, at: when })
  const confirmUnit = (when: Date) => ({ verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', ...unitAdmin, at: when })
  const confirmCommunity = (when: Date) => ({ verb: 'confirmCommunity', from: 'pending_community', to: 'registered', ...beimenAdmin, at: when })

  return [
    {
      ...base({ id: 'reg-demo-member', openid: 'demo-member', name: '李建国', phone: '13800001002', unit: bureau, community: beimen, building: beimenB2, createdAt: at(8, 9) }),
      skills: ['水电维修', '驾驶'], skillNote: '会修水管、换灯泡', freeTime: ['周末白天', '工作日晚上'],
      state: 'registered',
      history: [submit('李建国', userId('demo-member'), at(8, 9)), confirmUnit(at(9, 10)), confirmCommunity(at(10, 15))],
      updatedAt: at(10, 15),
    },
    {
      ...base({ id: 'reg-huang-zhiming', openid: 'seed-huang-zhiming', name: '黄志明', phone: '13800001011', unit: bureau, community: beimen, building: beimenB1, createdAt: at(28, 9) }),
      skills: ['电脑网络'], freeTime: ['周末白天'],
      state: 'pending_unit',
      history: [submit('黄志明', userId('seed-huang-zhiming'), at(28, 9))],
      updatedAt: at(28, 9),
    },
    {
      ...base({ id: 'reg-ma-xiaodong', openid: 'seed-ma-xiaodong', name: '马晓东', phone: '13800001012', unit: bureau, community: beimen, createdAt: at(29, 20) }),
      skills: ['法律咨询'], freeTime: ['工作日晚上'],
      state: 'pending_unit',
      history: [submit('马晓东', userId('seed-ma-xiaodong'), at(29, 20))],
      updatedAt: at(29, 20),
    },
    {
      ...base({ id: 'reg-wu-fang', openid: 'seed-wu-fang', name: '吴芳', phone: '13800001013', unit: bureau, community: beimen, building: beimenB2, createdAt: at(25, 11) }),
      skills: ['医疗护理', '助老陪护'], freeTime: ['周末白天', '周末晚上'],
      state: 'pending_community',
      history: [submit('吴芳', userId('seed-wu-fang'), at(25, 11)), confirmUnit(at(26, 9))],
      updatedAt: at(26, 9),
    },
    {
      ...base({ id: 'reg-zheng-lei', openid: 'seed-zheng-lei', name: '郑磊', phone: '13800001014', unit: waterCo, community: chengnan, building: chengnanB1, createdAt: at(27, 14) }),
      skills: ['家电维修'], freeTime: ['周末白天'],
      state: 'pending_community',
      history: [submit('郑磊', userId('seed-zheng-lei'), at(27, 14)), { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: 'user-seed-water-co-admin', byName: '水务有限公司党支部', at: at(28, 10) }],
      updatedAt: at(28, 10),
    },
  ]
}

/**
 * Four wishes of 北门第一网格 in the shape of domain/wishes.ts (WishRecord), written by 张敏 (the
 * grid worker): one on the wall (待点亮), one lit by 李建国 a day before seeding (so the hourly
 * release timer leaves it alone for a week), two waiting for the visit (待核实).
 */
export function demoWishes() {
  const gridWorker = { userId: 'user-demo-grid', name: '张敏', openid: 'demo-grid' }
  const contact = { ...gridWorker, phone: '13800001003' }
  const author = { ...gridWorker, as: 'grid_worker' as const }
  const lineageOf = (b: OrgNode) => [...b.path, b._id]
  const litAt = new Date(Date.now() - 24 * 60 * 60 * 1000)
  const entry = (verb: string, from: string, to: string, by: { userId: string; name: string }, at: Date) => ({ verb, from, to, by: by.userId, byName: by.name, at })
  const admin = { userId: 'user-demo-community-admin', name: '陈红' }
  const member = { userId: 'user-demo-member', name: '李建国' }
  const visit = { at: SEEDED_AT, note: '入户核实，情况属实', by: gridWorker.userId, byName: gridWorker.name }
  const consent = { method: 'verbal' as const, at: SEEDED_AT, recordedBy: gridWorker.userId }
  const base = (id: string, building: OrgNode) => ({
    _id: id, communityId: beimen._id, communityName: beimen.name, lineage: lineageOf(building),
    photos: [], consent, author, contact, intakeKey: `demoseed-${id}`, delivery: null, confirmation: null, rating: null,
    createdAt: SEEDED_AT,
  })
  return [
    {
      ...base('wish-reading-pen', beimenB2),
      beneficiary: { name: '刘小雨', category: '留守儿童', buildingId: beimenB2._id, buildingName: beimenB2.name, room: '3单元201' },
      title: '想要一台点读机', details: '孩子父母在外打工，希望有台点读机帮助学英语。', estimatedValue: 200,
      visit, state: 'published', onWall: true, wallTab: 'open', publishedAt: SEEDED_AT, claim: null,
      history: [entry('submit', 'draft', 'submitted', gridWorker, SEEDED_AT), entry('verify', 'submitted', 'verified', gridWorker, SEEDED_AT), entry('publish', 'verified', 'published', admin, SEEDED_AT)],
      updatedAt: SEEDED_AT,
    },
    {
      ...base('wish-wheelchair', beimenB1),
      beneficiary: { name: '王桂兰', phone: '13900002001', category: '孤寡老人', buildingId: beimenB1._id, buildingName: beimenB1.name, room: '1单元102' },
      title: '需要一辆新轮椅', details: '老人腿脚不便，旧轮椅已经坏了。', estimatedValue: 600,
      visit, state: 'lit', onWall: true, wallTab: 'lit', publishedAt: SEEDED_AT,
      claim: { userId: member.userId, name: member.name, kind: 'member', at: litAt, openid: 'demo-member', registration: { id: 'reg-demo-member', communityId: beimen._id, unitId: 'unit-water-bureau' } },
      history: [
        entry('submit', 'draft', 'submitted', gridWorker, SEEDED_AT), entry('verify', 'submitted', 'verified', gridWorker, SEEDED_AT),
        entry('publish', 'verified', 'published', admin, SEEDED_AT), entry('light', 'published', 'lit', member, litAt),
      ],
      updatedAt: litAt,
    },
    {
      ...base('wish-lane-lights', beimenB1),
      beneficiary: { name: '赵建华', category: '其他', buildingId: beimenB1._id, buildingName: beimenB1.name },
      title: '巷子里装几盏路灯', details: '小区后巷晚上太黑，老人出门不方便。', estimatedValue: 1500,
      visit: null, state: 'submitted', onWall: false, wallTab: null, publishedAt: null, claim: null,
      history: [entry('submit', 'draft', 'submitted', gridWorker, SEEDED_AT)],
      updatedAt: SEEDED_AT,
    },
    {
      ...base('wish-warm-quilt', beimenB2),
      beneficiary: { name: '孙玉珍', category: '孤寡老人', buildingId: beimenB2._id, buildingName: beimenB2.name, room: '2单元502' },
      title: '冬天想要一床厚棉被', details: '老人独居，家里的被子太薄，冬天睡不暖。', estimatedValue: 300,
      visit: null, state: 'submitted', onWall: false, wallTab: null, publishedAt: null, claim: null,
      history: [entry('submit', 'draft', 'submitted', gridWorker, SEEDED_AT)],
      updatedAt: SEEDED_AT,
    },
  ]
}

export const DEMO_DATA = { org_nodes: ORG_NODES, units: UNITS }

/**
 * Activities (docs/activities.md) at every stage the pages show, timed from the moment of seeding:
 * `act-upcoming` (北门社区, in two days, 3 seats, nobody yet), `act-running` (县水利局 at 北门社区,
 * started half an hour ago, sign-up closed, 李建国 holds a seat and has not checked in), `act-held`
 * (北门社区, yesterday, 李建国 checked in for 2 h 10 min of a planned 2 h; the hours list waits for
 * the organiser). The check-in secrets are fixed here only; a created activity gets a random one.
 */
export function demoActivities(now: Date = new Date()) {
  const minute = 60_000
  const at = (minutes: number) => new Date(now.getTime() + minutes * minute)
  const lineageOf = (n: OrgNode) => [...n.path, n._id]
  const chen = { by: userId('demo-community-admin'), byName: '陈红' }
  const liu = { by: userId('demo-unit-admin'), byName: '刘洋' }
  const member = userId('demo-member')
  const community = { kind: 'community', id: beimen._id, name: beimen.name, lineage: lineageOf(beimen) }
  const base = {
    themeId: null,
    themeTitle: null,
    communityId: beimen._id,
    countyId: county._id,
    lineage: lineageOf(beimen),
    placeName: beimen.name,
    skills: [] as string[],
    openToCitizens: false,
    waitingIds: [] as string[],
    waitCount: 0,
  }
  const created = (who: typeof chen, when: Date, to: string) => [
    { verb: 'create', from: 'draft', to: 'draft', ...who, at: when },
    { verb: 'publish', from: 'draft', to: 'published', ...who, at: when },
    ...(to === 'closed' || to === 'held' ? [{ verb: 'closeSignup', from: 'published', to: 'closed', by: 'system', byName: '系统', at: when }] : []),
    ...(to === 'held' ? [{ verb: 'hold', from: 'closed', to: 'held', ...who, at: when }] : []),
  ]
  return [
    {
      ...base,
      _id: 'act-upcoming',
      state: 'published',
      title: '周末社区清洁',
      description: '清理北门花园小区公共区域的垃圾和小广告，请穿方便活动的衣服。',
      organiser: community,
      unitId: null,
      address: '北门花园小区南门',
      startAt: at(2 * 24 * 60),
      endAt: at(2 * 24 * 60 + 180),
      capacity: 3,
      skills: ['体力'],
      hours: 3,
      openToCitizens: true,
      seatedIds: [],
      seatCount: 0,
      version: 0,
      checkInSecret: 'demo-secret-upcoming',
      stateSince: at(-60),
      createdBy: chen.by,
      createdAt: at(-60),
      updatedAt: at(-60),
      history: created(chen, at(-60), 'published'),
    },
    {
      ...base,
      _id: 'act-running',
      state: 'closed',
      title: '水利知识进社区',
      description: '县水利局党员讲解防汛和节约用水知识。',
      organiser: { kind: 'unit', id: 'unit-water-bureau', name: '县水利局', lineage: [county._id] },
      unitId: 'unit-water-bureau',
      address: '北门社区党群服务中心',
      startAt: at(-30),
      endAt: at(150),
      capacity: 20,
      hours: 2,
      seatedIds: [member],
      seatCount: 1,
      version: 1,
      checkInSecret: 'demo-secret-running',
      stateSince: at(-30),
      createdBy: liu.by,
      createdAt: at(-3 * 24 * 60),
      updatedAt: at(-30),
      history: [...created(liu, at(-3 * 24 * 60), 'closed'), { verb: 'signUp', from: 'published', to: 'published', by: member, byName: '李建国', at: at(-2 * 24 * 60), userId: member }],
    },
    {
      ...base,
      _id: 'act-held',
      state: 'held',
      title: '敬老院义务理发',
      description: '为北门社区敬老院的老人义务理发。',
      organiser: community,
      unitId: null,
      address: '北门社区敬老院',
      startAt: at(-24 * 60),
      endAt: at(-24 * 60 + 120),
      capacity: 5,
      hours: 2,
      seatedIds: [member],
      seatCount: 1,
      version: 1,
      checkInSecret: 'demo-secret-held',
      stateSince: at(-24 * 60 + 180),
      createdBy: chen.by,
      createdAt: at(-5 * 24 * 60),
      updatedAt: at(-24 * 60 + 180),
      history: created(chen, at(-5 * 24 * 60), 'held'),
    },
  ]
}

export function demoAttendance(now: Date = new Date()) {
  const start = new Date(now.getTime() - 24 * 3600_000)
  const member = userId('demo-member')
  return [
    {
      _id: `act-held:${member}`,
      activityId: 'act-held',
      userId: member,
      name: '李建国',
      registrationId: 'reg-demo-member',
      unitId: 'unit-water-bureau',
      communityId: beimen._id,
      countyId: county._id,
      at: start,
      checkInAt: new Date(start.getTime() - 5 * 60_000),
      checkOutAt: new Date(start.getTime() + 125 * 60_000),
      via: 'code',
      openid: 'demo-member',
      history: [],
    },
  ]
}

/** The county's theme menu (主题月活动菜单) of the year: the seeds' 4月 theme and a few others. */
export function demoThemes(year: number) {
  const theme = (month: number, title: string, description: string) => ({
    _id: `${county._id}:${year}:${String(month).padStart(2, '0')}`,
    countyId: county._id,
    year,
    month,
    title,
    description,
    updatedBy: userId('demo-county-admin'),
    updatedAt: SEEDED_AT,
  })
  return [
    theme(3, '学雷锋志愿服务', '走进社区开展志愿服务'),
    theme(4, '我为群众办实事', '围绕群众急难愁盼办实事'),
    theme(10, '关爱老年人', '重阳节前后走访慰问老人'),
    theme(12, '冬日暖心', '为困难群众送温暖'),
  ]
}

/** A 服务证明 issued to 李建国, for the verify page (its number is what the code on the image opens). */
export const DEMO_CERTIFICATE = {
  _id: 'LX2026-0000DE30',
  userId: userId('demo-member'),
  maskedName: '李**',
  totalHours: 126,
  yearHours: 30,
  year: 2026,
  stars: 1,
  issuer: '龙门县委组织部',
  issuedAt: SEEDED_AT,
}

/**
 * 李建国's service before this year's demo (local app only, not the test stack, whose progress
 * tests start from zero): 96 hours in 8 activities last year, 30 hours in 3 this year, as ledger
 * rows and the yearly tallies the functions keep beside them. 126 hours: one star, 300 for two.
 */
export function demoServiceHistory(now: Date = new Date()) {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()
  const member = userId('demo-member')
  const row = (id: string, hours: number, at: Date) => ({
    userId: member,
    registrationId: 'reg-demo-member',
    communityId: beimen._id,
    unitId: 'unit-water-bureau',
    hours,
    source: { kind: 'activity', id },
    at,
    createdAt: at,
  })
  const lastYear = (i: number) => new Date(`${year - 1}-0${i + 1}-15T09:00:00+08:00`)
  const thisYear = (i: number) => new Date(`${year}-0${i + 1}-20T09:00:00+08:00`)
  const ledger = [...Array.from({ length: 8 }, (_, i) => row(`act-past-${year - 1}-${i + 1}`, 12, lastYear(i))), ...[10, 12, 8].map((h, i) => row(`act-past-${year}-${i + 1}`, h, thisYear(i)))]
  const tally = (y: number, rows: typeof ledger, met: boolean) => ({
    _id: `m:${y}:${member}`,
    kind: 'member',
    year: y,
    userId: member,
    unitId: 'unit-water-bureau',
    countyId: county._id,
    activities: rows.length,
    tenths: rows.reduce((s, r) => s + r.hours * 10, 0),
    credited: rows.map((r) => `activity:${r.source.id}`),
    met,
  })
  return { ledger, tallies: [tally(year - 1, ledger.slice(0, 8), true), tally(year, ledger.slice(8), false)] }
}
