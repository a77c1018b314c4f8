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

/** A workbook with one member for 城南雅苑1栋 (tests/fixtures), for imports.importWorkbook. */
const oneMemberBook = () => fs.readFileSync(path.join(__dirname, '..', 'tests', 'fixtures', 'import-one-member.xlsx')).toString('base64')

export interface RoundTripCase {
  fn: string
  event: { action: string; [k: string]: unknown }
  openid: string
  label: string
}

const newcomer = {
  name: '林晓',
  phone: '13912345678',
  unitId: 'unit-water-bureau',
  communityId: 'org-beimen',
  buildingId: 'org-beimen-b1',
  skills: ['教育辅导'],
  freeTime: ['周末白天'],
}

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
  { fn: 'org', event: { action: 'listRoleHolders', scopeId: 'org-beimen' }, openid: 'demo-community-admin', label: "a community's grid workers, building heads, branch admins" },
  { fn: 'org', event: { action: 'findPeople', scopeId: 'org-beimen-grid-1', q: '建国' }, openid: 'demo-community-admin', label: 'a name fragment' },
  { fn: 'org', event: { action: 'findPeople', scopeId: 'org-beimen-grid-1', q: '13800001001' }, openid: 'demo-community-admin', label: 'a full phone number' },
  { fn: 'org', event: { action: 'listRoleHolders', scopeId: 'org-longmen' }, openid: 'demo-county-admin', label: 'a county, with its unit admins' },
  { fn: 'org', event: { action: 'findPeople', scopeId: 'unit-water-bureau', scope: 'unit', q: '黄' }, openid: 'demo-county-admin', label: "a unit's members, for 单位管理员" },
]
