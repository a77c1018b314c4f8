/**
 * One case per action of every cloud function (the bench refuses to run when an action has
 * none), measured against the seeded demo county.
 *
 * Cases run in this order against one freshly seeded county, so they form a valid sequence.
 * Ids a case needs are those of the seeded data (server/local/demo.ts: reg-huang-zhiming and
 * reg-ma-xiaodong wait for 县水利局, reg-wu-fang for 北门社区), so no case depends on an id
 * created by an earlier one.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chinaWallClock } from '../domain/time'
import { previousMonthKey } from '../domain/stats/metrics'
import { reportId } from '../domain/stats/report'

/** A workbook with one member for 城南雅苑1栋 (tests/fixtures), for imports.importWorkbook. */
const oneMemberBook = () => fs.readFileSync(path.join(__dirname, '..', 'tests', 'fixtures', 'import-one-member.xlsx')).toString('base64')
/** A 住户 sheet with one new door of 北门花园2栋 (tests/fixtures), for imports.importHouseholds. */
const oneHouseholdBook = () => fs.readFileSync(path.join(__dirname, '..', 'tests', 'fixtures', 'import-one-household.xlsx')).toString('base64')

export interface RoundTripCase {
  fn: string
  event: { action: string; [k: string]: unknown }
  openid: string
  label: string
  /** Files put into cloud storage before the case runs (photos a case refers to by fileID). */
  files?: { cloudPath: string; bytes: Buffer; contentType: string }[]
  /** Keeps this case's answer (`data`) under a name, for a later case's `fill`. */
  saveAs?: string
  /**
   * What a case can only know when it runs, merged into `event`: an id an earlier case created
   * (`saved('name')` is the `data` of the case saved under that name), this minute's check-in code.
   */
  fill?: (saved: (name: string) => any) => Record<string, unknown>
}

/** A JPEG header and some bytes: the wishes function reads the first bytes of every photo. */
const benchJpeg = (cloudPath: string) => ({
  cloudPath,
  bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(4000)]),
  contentType: 'image/jpeg',
})
/** The emulator's fileID of a cloud path (server/emulator/PLATFORM.md). */
const fileIdOf = (cloudPath: string) => `cloud://lianxin-local.6c69-lianxin-local-1300000000/${cloudPath}`
const benchPhoto = (cloudPath: string) => ({ fileId: fileIdOf(cloudPath), mime: 'image/jpeg', bytes: 4010 })

/** This year in China time (themes, 微实事 lists). */
const chinaYear = () => chinaWallClock(new Date()).getUTCFullYear()
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString()

/** An activity of 北门社区 organised by its admin, published; `startsIn` minutes from now. */
const benchActivity = (startsIn: number, over: Record<string, unknown> = {}) => ({
  organiser: { kind: 'community', id: 'org-beimen' },
  placeNodeId: 'org-beimen',
  title: '社区义诊',
  description: '请社区医生为老人量血压。',
  address: '北门社区党群服务中心',
  startAt: inMinutes(startsIn),
  endAt: inMinutes(startsIn + 120),
  capacity: 10,
  skills: ['医疗'],
  hours: 1.5,
  openToCitizens: false,
  publish: true,
  ...over,
})

const newcomer = {
  name: '林晓',
  phone: '13912345678',
  unitId: 'unit-water-bureau',
  communityId: 'org-beimen',
  buildingId: 'org-beimen-b1',
  skills: ['教育辅导'],
  freeTime: ['周末白天'],
}

/** An order of 王秀英's building (北门花园1栋) three hours from now; the grid worker's carries the resident's name. */
const benchOrder = (id: string) => ({
  id,
  communityId: 'org-beimen',
  buildingId: 'org-beimen-b1',
  itemId: null,
  category: '维修',
  description: '帮忙修水管',
  preferredAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  urgency: 'normal',
  ...(id === 'bench-order-4' ? { forName: '刘大爷' } : {}),
})

export const ROUND_TRIP_CASES: RoundTripCase[] = [
  { fn: 'users', event: { action: 'whoami' }, openid: 'demo-member', label: 'existing user' },
  { fn: 'users', event: { action: 'whoami' }, openid: 'bench-new-user', label: 'first use, creates the record' },
  { fn: 'users', event: { action: 'switchRole', role: 'resident' }, openid: 'demo-member', label: 'to a held role' },

  { fn: 'registration', event: { action: 'resolveInvite', scene: 'c:org-beimen' }, openid: 'demo-newcomer', label: 'community QR code' },
  { fn: 'registration', event: { action: 'options', communityId: 'org-beimen' }, openid: 'demo-newcomer', label: 'with a community chosen' },
  { fn: 'registration', event: { action: 'register', ...newcomer }, openid: 'demo-newcomer', label: 'first use, creates the person' },
  { fn: 'registration', event: { action: 'myCard' }, openid: 'demo-newcomer', label: 'a pending registration' },
  { fn: 'registration', event: { action: 'listPending', scope: 'unit', scopeId: 'unit-water-bureau' }, openid: 'demo-unit-admin', label: 'unit, first page' },
  { fn: 'registration', event: { action: 'confirmUnit', ids: ['reg-huang-zhiming'] }, openid: 'demo-unit-admin', label: 'one id' },
  { fn: 'registration', event: { action: 'rejectUnit', id: 'reg-ma-xiaodong', reason: '本单位没有这位党员的组织关系' }, openid: 'demo-unit-admin', label: 'with a reason' },
  {
    fn: 'registration',
    event: { action: 'register', ...newcomer, name: '马晓东', phone: '13800001012', buildingId: undefined },
    openid: 'seed-ma-xiaodong',
    label: 'a known person, after a rejection',
  },
  { fn: 'registration', event: { action: 'listPending', scope: 'community', scopeId: 'org-beimen' }, openid: 'demo-community-admin', label: 'community, first page' },
  { fn: 'registration', event: { action: 'listPending', scope: 'community', scopeId: 'org-taipingmen' }, openid: 'demo-county-admin', label: 'community, nothing pending' },
  { fn: 'registration', event: { action: 'confirmCommunity', ids: ['reg-huang-zhiming'] }, openid: 'demo-community-admin', label: 'one id (the member role is derived, not written)' },
  { fn: 'registration', event: { action: 'rejectCommunity', id: 'reg-wu-fang', reason: '不住在本社区' }, openid: 'demo-community-admin', label: 'with a reason' },
  { fn: 'registration', event: { action: 'myCard' }, openid: 'demo-member', label: 'registered' },
  { fn: 'registration', event: { action: 'withdraw' }, openid: 'demo-newcomer', label: 'a pending registration' },
  { fn: 'registration', event: { action: 'cardQr', id: 'reg-demo-member' }, openid: 'demo-member', label: 'own card, PNG drawn' },
  {
    fn: 'registration',
    event: { action: 'resubmit', id: 'reg-wu-fang', name: '吴芳', phone: '13800001013', unitId: 'unit-water-bureau', communityId: 'org-beimen', buildingId: 'org-beimen-b2', skills: ['医疗护理'], freeTime: ['周末白天'] },
    openid: 'seed-wu-fang',
    label: 'after the community sent it back',
  },
  {
    fn: 'registration',
    event: { action: 'move', name: '黄志明', unitId: 'unit-water-bureau', communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: ['电脑网络'], freeTime: ['周末白天'] },
    openid: 'seed-huang-zhiming',
    label: 'a new home, same unit (phone kept)',
  },

  { fn: 'members', event: { action: 'communityMembers', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'registered, by building' },
  { fn: 'members', event: { action: 'compoundMembers', compoundId: 'org-beimen-garden' }, openid: 'demo-branch-admin', label: 'a compound, for its branch' },
  { fn: 'members', event: { action: 'unitMembers', unitId: 'unit-water-bureau' }, openid: 'demo-unit-admin', label: 'a unit, with counts' },
  { fn: 'members', event: { action: 'pairedUnits', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'with registered counts' },
  { fn: 'members', event: { action: 'search', scope: 'community', scopeId: 'org-beimen', q: '建国' }, openid: 'demo-community-admin', label: 'a name fragment' },

  { fn: 'requirements', event: { action: 'getRules' }, openid: 'demo-county-admin', label: "the county admin's county" },
  { fn: 'requirements', event: { action: 'getRules' }, openid: 'demo-member', label: "a member's county, from the registration" },
  {
    fn: 'requirements',
    event: { action: 'setRules', countyId: 'org-longmen', rules: { memberActivitiesPerYear: 2, memberHoursPerYear: 48, unitActivities: 1, unitPeriod: 'quarter' } },
    openid: 'demo-county-admin',
    label: 'a change, audited',
  },
  { fn: 'requirements', event: { action: 'myProgress' }, openid: 'demo-member', label: 'registered, this year' },
  { fn: 'requirements', event: { action: 'unitProgress', unitId: 'unit-water-bureau' }, openid: 'demo-unit-admin', label: 'a unit with registered members' },

  { fn: 'org', event: { action: 'inviteCode', kind: 'community', id: 'org-beimen' }, openid: 'demo-community-admin', label: "a community's code" },
  { fn: 'org', event: { action: 'listChildren', parentId: 'org-beimen' }, openid: 'demo-community-admin', label: "a community's compounds" },
  { fn: 'org', event: { action: 'createNode', parentId: 'org-beimen', name: '北门新苑小区' }, openid: 'demo-community-admin', label: 'a compound' },
  { fn: 'org', event: { action: 'renameNode', id: 'org-beimen-garden', name: '北门花园' }, openid: 'demo-community-admin', label: 'a compound' },
  { fn: 'org', event: { action: 'pairUnit', unitId: 'unit-publicity', communityId: 'org-beimen' }, openid: 'demo-county-admin', label: 'a new pairing' },
  { fn: 'org', event: { action: 'unpairUnit', unitId: 'unit-publicity', communityId: 'org-beimen' }, openid: 'demo-county-admin', label: 'an existing pairing' },
  { fn: 'org', event: { action: 'grantRole', userId: 'user-demo-member', kind: 'grid_worker', scopeId: 'org-beimen-grid-1' }, openid: 'demo-community-admin', label: 'grid worker' },
  { fn: 'org', event: { action: 'revokeRole', userId: 'user-demo-member', kind: 'grid_worker', scopeId: 'org-beimen-grid-1' }, openid: 'demo-community-admin', label: 'grid worker' },

  { fn: 'imports', event: { action: 'template' }, openid: 'demo-county-admin', label: 'the template workbook' },
  { fn: 'imports', event: { action: 'importWorkbook', fileBase64: oneMemberBook(), dryRun: true }, openid: 'demo-county-admin', label: 'one member, dry run' },
  { fn: 'imports', event: { action: 'importWorkbook', fileBase64: oneMemberBook() }, openid: 'demo-county-admin', label: 'one member into a building' },
  { fn: 'imports', event: { action: 'householdsTemplate' }, openid: 'demo-community-admin', label: 'the households template' },
  { fn: 'imports', event: { action: 'importHouseholds', fileBase64: oneHouseholdBook(), dryRun: true }, openid: 'demo-community-admin', label: 'one household, dry run' },
  { fn: 'imports', event: { action: 'importHouseholds', fileBase64: oneHouseholdBook() }, openid: 'demo-community-admin', label: 'one household of 北门花园2栋' },
  {
    fn: 'registration',
    event: { action: 'register', name: '郭静', phone: '13912348888', unitId: 'unit-water-co', communityId: 'org-chengnan', skills: ['助老陪护'], freeTime: ['周末白天'] },
    openid: 'bench-imported-member',
    label: 'the member just imported binds it (first use)',
  },
  { fn: 'org', event: { action: 'listRoleHolders', scopeId: 'org-beimen' }, openid: 'demo-community-admin', label: "a community's grid workers, building heads, branch admins" },
  { fn: 'org', event: { action: 'findPeople', scopeId: 'org-beimen-grid-1', q: '建国' }, openid: 'demo-community-admin', label: 'a name fragment' },
  { fn: 'org', event: { action: 'findPeople', scopeId: 'org-beimen-grid-1', q: '13800001001' }, openid: 'demo-community-admin', label: 'a full phone number' },
  { fn: 'org', event: { action: 'listRoleHolders', scopeId: 'org-longmen' }, openid: 'demo-county-admin', label: 'a county, with its unit admins' },
  { fn: 'org', event: { action: 'findPeople', scopeId: 'unit-water-bureau', scope: 'unit', q: '黄' }, openid: 'demo-county-admin', label: "a unit's members, for 单位管理员" },
  // orders: fixed ids (the client names an order when the form opens), so later cases name them.
  { fn: 'orders', event: { action: 'saveItem', id: 'bench-item', communityId: 'org-beimen', category: '维修', title: '楼道灯每月巡检', description: '每月检查一次楼道灯', skills: [], expectedHours: 2, capacity: 5, standing: true }, openid: 'demo-community-admin', label: 'a new standing item' },
  { fn: 'orders', event: { action: 'listItems', communityId: 'org-beimen' }, openid: 'demo-member', label: "a community's list" },
  { fn: 'orders', event: { action: 'joinItem', id: 'bench-item' }, openid: 'demo-member', label: 'a standing item with seats left' },
  { fn: 'orders', event: { action: 'order', ...benchOrder('bench-order-1') }, openid: 'demo-resident', label: 'a resident, other (其他) with a building' },
  { fn: 'orders', event: { action: 'accept', id: 'bench-order-1' }, openid: 'demo-community-admin', label: 'by the community' },
  { fn: 'orders', event: { action: 'recommend', id: 'bench-order-1' }, openid: 'demo-branch-admin', label: "the community's members ranked" },
  { fn: 'orders', event: { action: 'dispatchToMember', id: 'bench-order-1', seen: 'accepted', memberId: 'user-demo-member' }, openid: 'demo-branch-admin', label: 'to a member, notified' },
  { fn: 'orders', event: { action: 'acceptDispatch', id: 'bench-order-1' }, openid: 'demo-member', label: 'by the member' },
  { fn: 'orders', event: { action: 'start', id: 'bench-order-1' }, openid: 'demo-member', label: 'by the member' },
  { fn: 'orders', event: { action: 'finish', id: 'bench-order-1', note: '更换了水龙头阀门', hours: 1.5 }, openid: 'demo-member', label: 'with hours, the resident notified' },
  { fn: 'orders', event: { action: 'confirm', id: 'bench-order-1', stars: 5, comment: '很及时，谢谢' }, openid: 'demo-resident', label: '5 stars, confirmed and closed in one write, hours booked' },
  { fn: 'orders', event: { action: 'order', ...benchOrder('bench-order-2') }, openid: 'demo-resident', label: 'a second order' },
  { fn: 'orders', event: { action: 'accept', id: 'bench-order-2' }, openid: 'demo-community-admin', label: 'by the community' },
  { fn: 'orders', event: { action: 'dispatchToUnit', id: 'bench-order-2', seen: 'accepted', unitId: 'unit-water-bureau' }, openid: 'demo-community-admin', label: "to a paired unit, the unit's admin notified" },
  { fn: 'orders', event: { action: 'passToMember', id: 'bench-order-2', memberId: 'user-demo-member' }, openid: 'demo-unit-admin', label: "to one of the unit's members" },
  { fn: 'orders', event: { action: 'declineDispatch', id: 'bench-order-2', reason: '这周出差' }, openid: 'demo-member', label: 'with a reason' },
  { fn: 'orders', event: { action: 'pool', id: 'bench-order-2', seen: 'accepted', pool: { kind: 'grid', id: 'org-beimen-grid-1' } }, openid: 'demo-branch-admin', label: "a grid's pool" },
  { fn: 'orders', event: { action: 'recall', id: 'bench-order-2', seen: 'pooled' }, openid: 'demo-branch-admin', label: 'from the pool' },
  { fn: 'orders', event: { action: 'pool', id: 'bench-order-2', seen: 'accepted', pool: { kind: 'community', id: 'org-beimen' } }, openid: 'demo-community-admin', label: "the community's pool" },
  { fn: 'orders', event: { action: 'poolList' }, openid: 'demo-member', label: 'orders that fit' },
  { fn: 'orders', event: { action: 'claim', id: 'bench-order-2' }, openid: 'demo-member', label: 'the first claim wins, the resident notified' },
  { fn: 'orders', event: { action: 'release', id: 'bench-order-2', reason: '临时有事' }, openid: 'demo-member', label: 'back to the dispatcher' },
  { fn: 'orders', event: { action: 'cancel', id: 'bench-order-2', seen: 'accepted', reason: '已经修好了' }, openid: 'demo-resident', label: 'before work starts' },
  { fn: 'orders', event: { action: 'order', ...benchOrder('bench-order-3') }, openid: 'demo-resident', label: 'to be declined' },
  { fn: 'orders', event: { action: 'decline', id: 'bench-order-3', reason: '不属于社区服务范围' }, openid: 'demo-community-admin', label: 'with a reason' },
  { fn: 'orders', event: { action: 'order', ...benchOrder('bench-order-4') }, openid: 'demo-grid', label: 'a grid worker for a resident', },
  { fn: 'orders', event: { action: 'order', ...benchOrder('bench-order-5') }, openid: 'demo-resident', label: 'a duplicate' },
  { fn: 'orders', event: { action: 'merge', id: 'bench-order-5', seen: 'ordered', intoId: 'bench-order-4' }, openid: 'demo-community-admin', label: 'into another open order' },
  { fn: 'orders', event: { action: 'accept', id: 'bench-order-4' }, openid: 'demo-community-admin', label: 'by the community' },
  { fn: 'orders', event: { action: 'dispatchToMember', id: 'bench-order-4', seen: 'accepted', memberId: 'user-demo-member' }, openid: 'demo-community-admin', label: 'by the community' },
  { fn: 'orders', event: { action: 'acceptDispatch', id: 'bench-order-4' }, openid: 'demo-member', label: 'by the member' },
  { fn: 'orders', event: { action: 'start', id: 'bench-order-4' }, openid: 'demo-member', label: 'by the member' },
  { fn: 'orders', event: { action: 'finish', id: 'bench-order-4', note: '帮忙搬了家具', hours: 2 }, openid: 'demo-member', label: 'with hours' },
  { fn: 'orders', event: { action: 'complain', id: 'bench-order-4', reason: '家具磕坏了' }, openid: 'demo-grid', label: 'by whoever placed it' },
  { fn: 'orders', event: { action: 'resolve', id: 'bench-order-4', reason: '已上门道歉并赔偿' }, openid: 'demo-community-admin', label: 'settled by the community' },
  { fn: 'orders', event: { action: 'get', id: 'bench-order-1' }, openid: 'demo-resident', label: 'with the timeline and the overdue flag' },
  { fn: 'orders', event: { action: 'timeline', id: 'bench-order-1' }, openid: 'demo-member', label: 'the assignee' },
  { fn: 'orders', event: { action: 'mine' }, openid: 'demo-resident', label: "a resident's orders" },
  { fn: 'orders', event: { action: 'assigned' }, openid: 'demo-member', label: "a member's orders" },
  { fn: 'orders', event: { action: 'queue', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'open orders, overdue flagged' },
  { fn: 'orders', event: { action: 'unitQueue' }, openid: 'demo-unit-admin', label: "the unit's orders, overdue flagged" },
  { fn: 'orders', event: { action: 'getSettings', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'the defaults' },
  { fn: 'orders', event: { action: 'setSettings', communityId: 'org-beimen', settings: { acceptHours: 12, dispatchHours: 24, claimHours: 48, finishHours: 48, urgentScale: 0.5 } }, openid: 'demo-community-admin', label: 'a change, audited' },

  // Micro-wishes, on the seeded wishes (server/local/demo.ts): wish-reading-pen (published),
  // wish-wheelchair (lit by 李建国), wish-lane-lights and wish-warm-quilt (submitted).
  { fn: 'wishes', event: { action: 'wall', communityId: 'org-beimen' }, openid: 'demo-member', label: 'first page with the counts' },
  { fn: 'wishes', event: { action: 'get', id: 'wish-reading-pen' }, openid: 'bench-stranger', label: 'a shared card opened by someone never seen' },
  { fn: 'wishes', event: { action: 'get', id: 'wish-wheelchair' }, openid: 'demo-grid', label: 'staff view' },
  { fn: 'wishes', event: { action: 'posterCode', id: 'wish-reading-pen' }, openid: 'demo-member', label: "a published wish's mini-program code" },
  { fn: 'wishes', event: { action: 'reviewQueue', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'the community admin' },
  { fn: 'wishes', event: { action: 'reviewQueue', orgId: 'org-longcheng' }, openid: 'demo-street-admin', label: "the street admin's overview of its communities" },
  {
    fn: 'wishes',
    event: {
      action: 'submit', key: 'benchdevice1-1', for: 'household', title: '想要一台收音机', details: '老人眼睛不好，想听听广播。', estimatedValue: 120, category: '孤寡老人',
      beneficiaryName: '周国华', buildingId: 'org-beimen-b1', room: '3单元101', photos: [benchPhoto('bench/door.jpg')], consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
    },
    openid: 'demo-grid',
    label: 'at the door, one photo checked in storage',
    files: [benchJpeg('bench/door.jpg')],
  },
  { fn: 'wishes', event: { action: 'edit', id: 'wish-lane-lights', title: '后巷装几盏路灯' }, openid: 'demo-community-admin', label: 'the title during review' },
  { fn: 'wishes', event: { action: 'verify', id: 'wish-lane-lights', visit: { at: '2026-11-20T02:00:00.000Z', note: '入户核实，情况属实' } }, openid: 'demo-grid', label: 'the visit recorded' },
  { fn: 'wishes', event: { action: 'publish', id: 'wish-lane-lights' }, openid: 'demo-community-admin', label: 'after msgSecCheck of title and details, writer told' },
  { fn: 'wishes', event: { action: 'takeDown', id: 'wish-lane-lights', reason: '已由物业安装' }, openid: 'demo-community-admin', label: 'with a reason' },
  { fn: 'wishes', event: { action: 'reject', id: 'wish-warm-quilt', reason: '请补充需要的尺寸' }, openid: 'demo-community-admin', label: 'with a reason, writer told' },
  { fn: 'wishes', event: { action: 'resubmit', id: 'wish-warm-quilt', details: '老人独居，家里的被子太薄，需要一床双人厚棉被。' }, openid: 'demo-grid', label: 'corrected by the writer' },
  { fn: 'wishes', event: { action: 'light', id: 'wish-reading-pen' }, openid: 'demo-member', label: 'success: caller with the wish, one conditional update, grid worker told' },
  { fn: 'wishes', event: { action: 'giveUp', id: 'wish-reading-pen' }, openid: 'demo-member', label: 'by the claimer' },
  { fn: 'wishes', event: { action: 'revokeClaim', id: 'wish-wheelchair', reason: '长期未联系受助人' }, openid: 'demo-community-admin', label: 'claimer told' },
  { fn: 'wishes', event: { action: 'light', id: 'wish-wheelchair' }, openid: 'demo-member', label: 'again after the revocation' },
  {
    fn: 'wishes',
    event: { action: 'deliver', id: 'wish-wheelchair', photos: [benchPhoto('bench/delivered.jpg')], note: '已送到老人家中' },
    openid: 'demo-member',
    label: 'one photo checked in storage, grid worker told',
    files: [benchJpeg('bench/delivered.jpg')],
  },
  { fn: 'wishes', event: { action: 'disputeDelivery', id: 'wish-wheelchair', reason: '老人说还没有收到轮椅' }, openid: 'demo-grid', label: '没收到 by the grid worker: back to lit, claimer told (2 database + 1 message)' },
  {
    fn: 'wishes',
    event: { action: 'deliver', id: 'wish-wheelchair', photos: [benchPhoto('bench/delivered-again.jpg')], note: '当面交给老人' },
    openid: 'demo-member',
    label: 'again after 没收到',
    files: [benchJpeg('bench/delivered-again.jpg')],
  },
  { fn: 'wishes', event: { action: 'confirm', id: 'wish-wheelchair' }, openid: 'demo-grid', label: 'by the grid worker, service-hours row written, claimer told' },
  { fn: 'wishes', event: { action: 'rate', id: 'wish-wheelchair', stars: 5, thanks: '谢谢李书记' }, openid: 'demo-grid', label: 'five stars, claimer told' },
  { fn: 'wishes', event: { action: 'mine', kind: 'lit' }, openid: 'demo-member', label: 'wishes I lit' },
  { fn: 'wishes', event: { action: 'getSettings', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'the defaults' },
  { fn: 'wishes', event: { action: 'setSettings', communityId: 'org-beimen', settings: { claimReleaseDays: 5, hoursPerWish: 1.5 }, version: 0 }, openid: 'demo-community-admin', label: 'a change, version-guarded, audited' },

  // Households (网格居民): one round trip per page, whatever the size of the place; visits and problems check photos in storage.
  { fn: 'households', event: { action: 'list', placeId: 'org-beimen-grid-1' }, openid: 'demo-grid', label: 'first page of a grid, with its counts' },
  { fn: 'households', event: { action: 'list', placeId: 'org-beimen-grid-1', overdue: true, offset: 0 }, openid: 'demo-grid', label: '只看逾期, longest overdue first' },
  { fn: 'households', event: { action: 'places' }, openid: 'demo-grid', label: "the grid worker's grid and buildings" },
  { fn: 'households', event: { action: 'get', id: 'hh-demo-b1-101' }, openid: 'demo-grid', label: 'residents whole, latest visits' },
  { fn: 'households', event: { action: 'create', buildingId: 'org-beimen-b2', door: '5单元501', residents: [{ name: '孙大爷', tags: ['elderly_alone'] }] }, openid: 'demo-grid', label: 'a new door' },
  { fn: 'households', event: { action: 'update', id: 'hh-demo-b2-201', residents: [{ name: '李建国', tags: ['party_member', 'disabled'], phone: '13800001002' }] }, openid: 'demo-grid', label: 'residents replaced, conditional' },
  {
    fn: 'households',
    event: { action: 'recordVisit', key: 'benchdev-1', householdId: 'hh-demo-b1-101', visitedAt: new Date().toISOString(), seen: '老人在家，精神不错。', needs: [{ kind: 'wish', text: '想要一台收音机' }], photos: [benchPhoto('bench/visit.jpg')] },
    openid: 'demo-grid',
    label: 'with a photo checked in storage',
    files: [benchJpeg('bench/visit.jpg')],
  },
  { fn: 'households', event: { action: 'myVisits' }, openid: 'demo-grid', label: 'newest first' },
  { fn: 'households', event: { action: 'linkNeed', visitId: 'benchdev-1', index: 0, kind: 'wish', targetId: 'wish-bench' }, openid: 'demo-grid', label: 'a need became a wish' },
  { fn: 'households', event: { action: 'getVisitRules', communityId: 'org-beimen' }, openid: 'demo-grid', label: 'the defaults' },
  { fn: 'households', event: { action: 'setVisitRules', communityId: 'org-beimen', rules: { elderly_alone: 30, left_behind_child: 30, disabled: 60, subsistence: 90 } }, openid: 'demo-community-admin', label: "every household's due moved" },
  {
    fn: 'problems',
    event: { action: 'report', category: '环境卫生', description: '楼下垃圾桶满了没人清', placeNodeId: 'org-beimen-b1', address: '1栋东侧', photos: [benchPhoto('bench/problem.jpg')] },
    openid: 'demo-resident',
    label: 'with a photo checked in storage',
    files: [benchJpeg('bench/problem.jpg')],
    saveAs: 'reported problem',
  },
  { fn: 'problems', event: { action: 'dismiss', reason: '已由物业当天清理' }, fill: (saved) => ({ id: saved('reported problem').id }), openid: 'demo-community-admin', label: 'the problem just reported, with a reason, reporter told' },
  { fn: 'problems', event: { action: 'get', id: 'prob-demo-reported' }, openid: 'demo-resident', label: 'by its reporter' },
  { fn: 'problems', event: { action: 'list', view: 'mine' }, openid: 'demo-resident', label: 'what I reported' },
  { fn: 'problems', event: { action: 'places' }, openid: 'demo-resident', label: 'the communities' },
  { fn: 'problems', event: { action: 'holdMeeting', id: 'prob-demo-reported', attendees: ['张敏', '王秀英'], decision: '请县水利局清走旧家具' }, openid: 'demo-grid', label: 'on the spot' },
  { fn: 'problems', event: { action: 'assignees', id: 'prob-demo-reported' }, openid: 'demo-community-admin', label: 'community, paired units, members' },
  { fn: 'problems', event: { action: 'assign', id: 'prob-demo-reported', assignee: { kind: 'unit', id: 'unit-water-bureau' }, dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }, openid: 'demo-community-admin', label: 'to a paired unit, unit told' },
  { fn: 'problems', event: { action: 'solve', id: 'prob-demo-assigned', note: '井盖已更换', photos: [benchPhoto('bench/solved.jpg')] }, openid: 'demo-unit-admin', label: 'with a photo checked in storage, reporter told', files: [benchJpeg('bench/solved.jpg')] },
  { fn: 'problems', event: { action: 'reopen', id: 'prob-demo-assigned', reason: '新井盖还是松的' }, openid: 'demo-grid', label: 'by the reporter, assignee told' },
  { fn: 'problems', event: { action: 'solve', id: 'prob-demo-assigned', note: '井盖已加固', photos: [benchPhoto('bench/solved.jpg')] }, openid: 'demo-unit-admin', label: 'again after the reopen' },
  { fn: 'problems', event: { action: 'confirm', id: 'prob-demo-assigned' }, openid: 'demo-grid', label: 'by the reporter' },

  // Exports: the caller, the list's reads, the upload (2 storage calls), the temp URL, the audit record.
  { fn: 'exports', event: { action: 'communityMembers', communityId: 'org-beimen', state: 'all' }, openid: 'demo-community-admin', label: '社区党员, full phones' },
  { fn: 'exports', event: { action: 'unitMembers', unitId: 'unit-water-bureau' }, openid: 'demo-unit-admin', label: '本单位党员, masked' },
  { fn: 'exports', event: { action: 'compoundMembers', compoundId: 'org-beimen-garden' }, openid: 'demo-branch-admin', label: '支部党员 through members.compoundMembers, masked' },
  { fn: 'exports', event: { action: 'pendingRegistrations', scope: 'community', scopeId: 'org-beimen' }, openid: 'demo-community-admin', label: 'through registration.listPending' },
  { fn: 'exports', event: { action: 'wishes', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'through wishes.reviewQueue' },
  { fn: 'exports', event: { action: 'orders', communityId: 'org-beimen' }, openid: 'demo-community-admin', label: 'through orders.queue' },
  { fn: 'exports', event: { action: 'unitOrders' }, openid: 'demo-unit-admin', label: 'through orders.unitQueue' },
  { fn: 'exports', event: { action: 'hours', scope: 'community', scopeId: 'org-beimen', year: new Date().getFullYear() }, openid: 'demo-community-admin', label: "a community's year" },

  // Activities, on the seeded ones (server/local/demo.ts): act-upcoming (北门社区, in two days,
  // 李建国 not signed up), act-running (县水利局's, running, 李建国 seated, not checked in),
  // act-held (北门社区's, yesterday, 李建国 checked in, hours not booked); the certificate LX2026-0000DE30.
  { fn: 'activities', event: { action: 'themes', year: chinaYear() }, openid: 'demo-member', label: "the member's county, this year" },
  { fn: 'activities', event: { action: 'setTheme', countyId: 'org-longmen', year: chinaYear(), month: 5, title: '五月学雷锋', description: '走进社区开展志愿服务' }, openid: 'demo-county-admin', label: 'a month of the menu' },
  { fn: 'activities', event: { action: 'getSettings' }, openid: 'demo-county-admin', label: "the county's defaults" },
  { fn: 'activities', event: { action: 'setSettings', countyId: 'org-longmen', version: 0, settings: { rounding: { zeroBelow: 10, halfBelow: 40 }, stars: [100, 300, 600, 1000, 1500] } }, openid: 'demo-county-admin', label: 'a change, version-guarded, audited' },
  { fn: 'activities', event: { action: 'organiserOptions' }, openid: 'demo-unit-admin', label: 'a unit with its paired community' },
  { fn: 'activities', event: { action: 'create', ...benchActivity(10) }, openid: 'demo-community-admin', label: 'published, starting in 10 minutes', saveAs: 'starting activity' },
  { fn: 'activities', event: { action: 'create', ...benchActivity(24 * 60, { organiser: { kind: 'unit', id: 'unit-water-bureau' }, title: '结对共建', publish: false }) }, openid: 'demo-unit-admin', label: 'a draft of a unit at its paired community', saveAs: 'draft activity' },
  { fn: 'activities', event: { action: 'transition', verb: 'publish' }, fill: (saved) => ({ id: saved('draft activity').id }), openid: 'demo-unit-admin', label: 'the draft published' },
  { fn: 'activities', event: { action: 'list', view: 'community' }, openid: 'demo-member', label: "the member's community" },
  { fn: 'activities', event: { action: 'get', id: 'act-upcoming' }, openid: 'demo-member', label: 'a member, with the buttons' },
  { fn: 'activities', event: { action: 'signUp', id: 'act-upcoming' }, openid: 'demo-member', label: 'a seat' },
  { fn: 'activities', event: { action: 'withdraw', id: 'act-upcoming' }, openid: 'demo-member', label: 'the seat given back' },
  { fn: 'activities', event: { action: 'checkInCode', id: 'act-running' }, openid: 'demo-unit-admin', label: "this minute's code and its mini-program code", saveAs: 'check-in code' },
  { fn: 'activities', event: { action: 'checkIn', id: 'act-running' }, fill: (saved) => ({ code: saved('check-in code').code }), openid: 'demo-member', label: 'the 6 digits typed, tally of the year' },
  { fn: 'activities', event: { action: 'checkOut', id: 'act-running' }, fill: (saved) => ({ code: saved('check-in code').code }), openid: 'demo-member', label: 'the same code' },
  { fn: 'activities', event: { action: 'scanCard', payload: 'reg:reg-demo-member' }, fill: (saved) => ({ id: saved('starting activity').id }), openid: 'demo-community-admin', label: "a member's 报到证 scanned: checked in without a seat" },
  { fn: 'activities', event: { action: 'hoursList', id: 'act-held' }, openid: 'demo-community-admin', label: 'the rounding rule applied' },
  { fn: 'activities', event: { action: 'adjust', id: 'act-held', userId: 'user-demo-member', hours: 1.5, reason: '中途离开半小时' }, openid: 'demo-community-admin', label: 'one line corrected with a reason' },
  { fn: 'activities', event: { action: 'book', id: 'act-held' }, openid: 'demo-community-admin', label: 'into the ledger and the tallies, once' },
  { fn: 'activities', event: { action: 'myHours' }, openid: 'demo-member', label: 'this year, stars, latest' },
  { fn: 'activities', event: { action: 'issueCertificate' }, openid: 'demo-member', label: 'numbered, with its verify code' },
  { fn: 'activities', event: { action: 'verifyCertificate', number: 'LX2026-0000DE30' }, openid: 'bench-stranger', label: 'anyone, the name masked' },

  // 微提案 and 微实事, on the seeded ones (server/local/demo-grid.ts): prop-demo-lights (李建国's,
  // waiting for its answer), proj-demo-ramp (planned), proj-demo-benches (in progress).
  { fn: 'proposals', event: { action: 'submit', title: '楼道加装扶手', body: '老人上下楼不方便，希望加装扶手。' }, openid: 'demo-resident', label: 'to the community of her home', saveAs: 'proposal' },
  { fn: 'proposals', event: { action: 'list' }, openid: 'demo-member', label: "the member's community" },
  { fn: 'proposals', event: { action: 'get', id: 'prop-demo-lights' }, openid: 'demo-community-admin', label: 'with its timeline' },
  { fn: 'proposals', event: { action: 'support' }, fill: (saved) => ({ id: saved('proposal').id }), openid: 'demo-member', label: 'one support per person' },
  { fn: 'proposals', event: { action: 'adopt', reason: '列入今年微实事', plannedCost: 3000, beneficiaries: 120 }, fill: (saved) => ({ id: saved('proposal').id }), openid: 'demo-community-admin', label: 'becomes a planned 微实事, proposer told' },
  { fn: 'proposals', event: { action: 'decline', id: 'prop-demo-lights', reason: '物业已排期安装' }, openid: 'demo-community-admin', label: 'with a reason, proposer told' },
  { fn: 'proposals', event: { action: 'projects', ownerId: 'org-beimen', year: chinaYear() }, openid: 'demo-community-admin', label: "a community's year with its totals" },
  { fn: 'proposals', event: { action: 'createProject', owner: { kind: 'community', id: 'org-beimen' }, communityId: 'org-beimen', year: chinaYear(), title: '楼道灯更换', description: '更换1栋楼道灯', plannedCost: 5000, beneficiaries: 60 }, openid: 'demo-community-admin', label: 'planned' },
  { fn: 'proposals', event: { action: 'startProject', id: 'proj-demo-ramp' }, openid: 'demo-community-admin', label: 'planned → in progress' },
  { fn: 'proposals', event: { action: 'finishProject', id: 'proj-demo-benches', actualCost: 5800, beneficiaries: 320 }, openid: 'demo-community-admin', label: 'with its actual cost' },

  // Statistics: read from the counters (the seed's; no roll-up has run in this sequence).
  { fn: 'stats', event: { action: 'dashboard', scopeId: 'org-longmen', period: 'year' }, openid: 'demo-county-admin', label: 'a county named: one aggregation' },
  { fn: 'stats', event: { action: 'dashboard' }, openid: 'demo-street-admin', label: "no scope named: the caller's widest first" },
  { fn: 'stats', event: { action: 'dashboard', scopeId: 'unit-water-bureau', period: 'quarter' }, openid: 'demo-unit-admin', label: 'a unit' },
  { fn: 'stats', event: { action: 'exportDashboard', scopeId: 'org-longmen', period: 'year' }, openid: 'demo-county-admin', label: 'the tables as .xlsx, audited' },
  { fn: 'stats', event: { action: 'reports' }, openid: 'demo-county-admin', label: "the county admin's county" },
  { fn: 'stats', event: { action: 'report', id: reportId('org-longmen', previousMonthKey(new Date())) }, openid: 'demo-county-admin', label: "last month's, as the seed built it" },
]
