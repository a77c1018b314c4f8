/**
 * Yearly requirements through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts): 龙门县 asks 2 activities and 40 hours a year of a member, 1 co-building
 * activity a quarter of a unit. 李建国 (demo-member) is registered for 县水利局 at 北门社区.
 * Progress is read from the yearly tallies (server/kit tally.ts) this test inserts as the credits
 * keep them (cloudfunctions/activities tests book through the real path); with none, it is zero.
 */
import { periodOf } from '../../../domain/requirements'
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(60_000)

let stack: TestStack

const DEMO_RULES = { memberActivitiesPerYear: 2, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'quarter' }
const FORBIDDEN = { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }
const MEMBER = 'user-demo-member'
const BUREAU = 'unit-water-bureau'

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  const at = new Date('2026-11-01T09:00:00+08:00')
  // People the demo does not have: a street admin, the admin of another unit, someone of another county.
  await stack.emulator.db.collection('org_nodes').insertMany([
    { _id: 'org-far-county', kind: 'county', name: '远方县', parentId: null, path: [] },
    { _id: 'org-far-street', kind: 'street', name: '远方街道', parentId: 'org-far-county', path: ['org-far-county'] },
  ])
  await stack.emulator.db.collection('users').insertMany([
    { _id: 'user-t-street', openid: 't-street-admin', name: '钱街道', roles: [{ kind: 'street_admin', scopeId: 'org-longcheng' }], createdAt: at, updatedAt: at },
    { _id: 'user-t-unit2', openid: 't-water-co-admin', name: '水务管理员', roles: [{ kind: 'unit_admin', scopeId: 'unit-water-co' }], createdAt: at, updatedAt: at },
    { _id: 'user-t-far', openid: 't-far-county-admin', name: '远方县管理员', roles: [{ kind: 'county_admin', scopeId: 'org-far-county' }], createdAt: at, updatedAt: at },
    { _id: 'user-t-far-street', openid: 't-far-street-admin', name: '远方街道管理员', roles: [{ kind: 'street_admin', scopeId: 'org-far-street' }], createdAt: at, updatedAt: at },
  ])
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('requirements', { action, ...input }, openid)
const county = () => stack.emulator.db.collection('org_nodes').findOne({ _id: 'org-longmen' }) as { requirements: Record<string, unknown> }
const audits = () => stack.emulator.db.collection('audit').find({ entity: 'county_requirements' })

describe('getRules', () => {
  test('the county admin reads 龙门县\'s seeded rules and may edit them, in 2 round trips', async () => {
    const { result, roundTrips } = await call('getRules', {}, 'demo-county-admin')
    expect(result.code).toBe(0)
    expect(result.data).toEqual({
      county: { id: 'org-longmen', name: '龙门县' },
      rules: DEMO_RULES,
      isDefault: false,
      canEdit: true,
      updatedAt: '2026-11-01T01:00:00.000Z',
      updatedByName: '赵志强',
    })
    expect(roundTrips).toBe(2)
  })

  test('a member, a unit admin, a community admin and a grid worker read them too, read-only', async () => {
    for (const openid of ['demo-member', 'demo-unit-admin', 'demo-community-admin', 'demo-grid']) {
      const { result } = await call('getRules', {}, openid)
      expect(result.code).toBe(0)
      expect(result.data).toMatchObject({ county: { id: 'org-longmen' }, rules: DEMO_RULES, canEdit: false })
    }
    const { result } = await call('getRules', { countyId: 'org-longmen' }, 'demo-member')
    expect(result.data.county.name).toBe('龙门县')
  })

  test('a county with no rules of its own answers the defaults', async () => {
    const { result } = await call('getRules', {}, 't-far-county-admin')
    expect(result.data).toMatchObject({
      county: { id: 'org-far-county', name: '远方县' },
      rules: { memberActivitiesPerYear: 2, memberHoursPerYear: 0, unitActivities: 1, unitPeriod: 'year' },
      isDefault: true,
      canEdit: true,
      updatedAt: null,
    })
    // The county of a street admin is the top of their street's path.
    const street = await call('getRules', {}, 't-far-street-admin')
    expect(street.result.data).toMatchObject({ county: { id: 'org-far-county' }, canEdit: false })
  })

  test('someone with no registration and no role is told why, and another county is not theirs', async () => {
    for (const openid of ['demo-resident', 'never-seen']) {
      const { result } = await call('getRules', {}, openid)
      expect(result).toEqual({ code: 'REQUIREMENTS.NO_COUNTY', message: '您还没有所属的县（区），报到或获得身份后才能查看年度要求' })
    }
    expect((await call('getRules', { countyId: 'org-far-county' }, 'demo-member')).result).toEqual(FORBIDDEN)
    expect((await call('getRules', { countyId: 'org-longmen' }, 't-far-county-admin')).result).toEqual(FORBIDDEN)
  })
})

describe('setRules', () => {
  const rules = { memberActivitiesPerYear: 8, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'year' }

  test('street, community and unit admins, members and another county\'s admin are refused; nothing changes', async () => {
    const before = county().requirements
    const auditsBefore = audits().length
    for (const openid of ['t-street-admin', 'demo-community-admin', 'demo-unit-admin', 'demo-member', 'demo-resident', 't-far-county-admin']) {
      const { result } = await call('setRules', { countyId: 'org-longmen', rules }, openid)
      expect(result).toEqual(FORBIDDEN)
    }
    // An unknown county is no different to someone who is no county admin.
    expect((await call('setRules', { countyId: 'org-nowhere', rules }, 't-street-admin')).result).toEqual(FORBIDDEN)
    expect((await call('setRules', { countyId: 'org-nowhere', rules }, 'demo-county-admin')).result.code).toBe('ORG.UNKNOWN_NODE')
    // A street is not a county.
    expect((await call('setRules', { countyId: 'org-longcheng', rules }, 'demo-county-admin')).result.code).toBe('ORG.UNKNOWN_NODE')
    expect(county().requirements).toEqual(before)
    expect(audits()).toHaveLength(auditsBefore)
  })

  // field, value → the Chinese message the admin sees
  const bad: [string, unknown, string][] = [
    ['memberHoursPerYear', 501, '党员每年服务时长不能超过500小时'],
    ['memberHoursPerYear', -1, '党员每年服务时长不能少于0小时'],
    ['memberActivitiesPerYear', 2.5, '党员每年参加活动必须是整数'],
    ['memberActivitiesPerYear', '8', '党员每年参加活动必须是数字'],
    ['unitActivities', 31, '单位共建活动不能超过30次'],
    ['unitPeriod', 'month', '单位共建活动的周期只能是季度或年度'],
  ]
  test.each(bad)('%s = %p is refused (%s) and nothing is written', async (field, value, message) => {
    const before = county().requirements
    const auditsBefore = audits().length
    const { result, roundTrips } = await call('setRules', { countyId: 'org-longmen', rules: { ...rules, [field]: value } }, 'demo-county-admin')
    expect(result.code).toBe('REQUEST.INVALID')
    expect(result.message).toBe(`请求格式不正确（rules.${field}）：${message}`)
    expect(roundTrips).toBe(0)
    expect(county().requirements).toEqual(before)
    expect(audits()).toHaveLength(auditsBefore)
  })

  test('a missing field is refused too', async () => {
    const { memberHoursPerYear: _omit, ...partial } = rules
    const { result } = await call('setRules', { countyId: 'org-longmen', rules: partial }, 'demo-county-admin')
    expect(result.code).toBe('REQUEST.INVALID')
  })

  test('the county admin sets them: 7 round trips, audited with the old and new values, read back by everyone', async () => {
    const { result, roundTrips } = await call('setRules', { countyId: 'org-longmen', rules }, 'demo-county-admin')
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({ rules, isDefault: false, canEdit: true, changed: true, updatedByName: '赵志强' })
    // The caller and county, the conditional update, `met` recounted on the tallies (3), the audit.
    expect(roundTrips).toBe(7)
    expect(county().requirements).toMatchObject({ ...rules, version: 2, updatedBy: 'user-demo-county-admin' })
    const [entry] = audits().slice(-1)
    expect(entry).toMatchObject({ entityId: 'org-longmen', action: 'setRules', by: 'user-demo-county-admin' })
    expect(JSON.parse(entry.from as string)).toEqual(DEMO_RULES)
    expect(JSON.parse(entry.to as string)).toEqual(rules)

    const member = await call('getRules', {}, 'demo-member')
    expect(member.result.data.rules).toEqual(rules)
  })

  test('a county setting its rules for the first time leaves the defaults, audited as such', async () => {
    const farRules = { memberActivitiesPerYear: 8, memberHoursPerYear: 40, unitActivities: 2, unitPeriod: 'year' }
    const { result } = await call('setRules', { countyId: 'org-far-county', rules: farRules }, 't-far-county-admin')
    expect(result.data).toMatchObject({ county: { id: 'org-far-county' }, rules: farRules, isDefault: false, changed: true })
    expect(stack.emulator.db.collection('org_nodes').findOne({ _id: 'org-far-county' })).toMatchObject({ requirements: { ...farRules, version: 1 } })
    const [entry] = audits().filter((a) => a.entityId === 'org-far-county')
    expect(JSON.parse(entry.from as string)).toEqual({ memberActivitiesPerYear: 2, memberHoursPerYear: 0, unitActivities: 1, unitPeriod: 'year' })
    expect(entry.reason).toBe('此前使用默认要求')
    // 龙门县's rules are untouched by another county's admin.
    expect(county().requirements).toMatchObject({ memberActivitiesPerYear: 8, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'year' })
  })

  test('saving the rules in force writes nothing', async () => {
    const auditsBefore = audits().length
    const { result, roundTrips } = await call('setRules', { countyId: 'org-longmen', rules }, 'demo-county-admin')
    expect(result.data).toMatchObject({ rules, changed: false })
    expect(roundTrips).toBe(2)
    expect(audits()).toHaveLength(auditsBefore)
  })

  test('two admins saving at once: each change that lands is audited, none is lost silently', async () => {
    await stack.emulator.db.collection('users').insertOne({
      _id: 'user-t-county-2', openid: 't-county-admin-2', name: '孙副部长', roles: [{ kind: 'county_admin', scopeId: 'org-longmen' }], createdAt: new Date(), updatedAt: new Date(),
    })
    const versionBefore = county().requirements.version as number
    const auditsBefore = audits().length
    const answers = await Promise.all([
      call('setRules', { countyId: 'org-longmen', rules: { ...rules, memberHoursPerYear: 30 } }, 'demo-county-admin'),
      call('setRules', { countyId: 'org-longmen', rules: { ...rules, memberHoursPerYear: 50 } }, 't-county-admin-2'),
    ])
    const codes = answers.map((a) => a.result.code)
    for (const code of codes) expect([0, 'REQUIREMENTS.CHANGED']).toContain(code)
    const landed = codes.filter((c) => c === 0).length
    expect(landed).toBeGreaterThanOrEqual(1)
    expect(county().requirements.version).toBe(versionBefore + landed)
    expect(audits()).toHaveLength(auditsBefore + landed)
    // The last audit's new value is what is stored.
    expect(JSON.parse(audits().slice(-1)[0].to as string).memberHoursPerYear).toBe(county().requirements.memberHoursPerYear)
    // Back to the demo's rules for the progress tests below.
    const reset = await call('setRules', { countyId: 'org-longmen', rules: DEMO_RULES }, 'demo-county-admin')
    expect(reset.result.code).toBe(0)
  })
})

describe('progress from the yearly tallies', () => {
  const now = new Date()
  const year = periodOf('year', now)
  const quarter = periodOf('quarter', now)
  const tally = (userId: string, activities: number, hours: number, over: Record<string, unknown> = {}) => ({
    _id: `m:${year.year}:${userId}`, kind: 'member', year: year.year, userId, unitId: BUREAU, countyId: 'org-longmen', activities, tenths: Math.round(hours * 10), credited: [], met: false, ...over,
  })

  test('zero with no tally: 0 / 2 activities, 0 / 40 hours, in 2 round trips; the unit in 1', async () => {
    const { result, roundTrips } = await call('myProgress', {}, 'demo-member')
    expect(result.code).toBe(0)
    expect(result.data).toEqual({
      hasRegistration: true,
      registrationState: 'registered',
      registrationStateLabel: '已报到',
      county: { id: 'org-longmen', name: '龙门县' },
      rules: DEMO_RULES,
      period: { kind: 'year', label: year.label, start: year.start.toISOString(), end: year.end.toISOString() },
      activities: { done: 0, target: 2, met: false, remaining: 2 },
      hours: { done: 0, target: 40, met: false, remaining: 40 },
      met: false,
    })
    expect(roundTrips).toBe(2)

    const unit = await call('unitProgress', { unitId: BUREAU }, 'demo-unit-admin')
    expect(unit.result.data).toEqual({
      unit: { id: BUREAU, name: '县水利局' },
      county: { id: 'org-longmen', name: '龙门县' },
      rules: DEMO_RULES,
      period: { kind: 'quarter', label: quarter.label, start: quarter.start.toISOString(), end: quarter.end.toISOString() },
      activities: { done: 0, target: 1, met: false, remaining: 1 },
      memberPeriod: { kind: 'year', label: year.label, start: year.start.toISOString(), end: year.end.toISOString() },
      members: { registered: 1, met: 0, notMet: 1 },
    })
    expect(unit.roundTrips).toBe(1)
  })

  test('someone without a registration gets a plain answer in 1 round trip', async () => {
    for (const openid of ['demo-resident', 'demo-county-admin', 'never-seen-member']) {
      const { result, roundTrips } = await call('myProgress', {}, openid)
      expect(result.code).toBe(0)
      expect(result.data).toEqual({ hasRegistration: false, message: expect.stringContaining('您还没有双报到') })
      expect(roundTrips).toBe(1)
    }
  })

  test("a member's card reads this year's tally only", async () => {
    await stack.emulator.db.collection('tallies').insertMany([
      tally(MEMBER, 1, 6.7),
      { ...tally(MEMBER, 9, 100), _id: `m:${year.year - 1}:${MEMBER}`, year: year.year - 1 },
      tally('user-someone-else', 5, 50, { unitId: 'unit-water-co' }),
    ])
    const { result } = await call('myProgress', {}, 'demo-member')
    expect(result.data.activities).toEqual({ done: 1, target: 2, met: false, remaining: 1 })
    expect(result.data.hours).toEqual({ done: 6.7, target: 40, met: false, remaining: 33.3 })
    expect(result.data.met).toBe(false)
  })

  test('a unit: co-building activities of its period from its tally, members meeting the rule counted from an index', async () => {
    const q = `q${quarter.quarter}`
    await stack.emulator.db.collection('tallies').insertOne({ _id: `u:${year.year}:${BUREAU}`, kind: 'unit', year: year.year, unitId: BUREAU, q1: 0, q2: 0, q3: 0, q4: 0, [q]: 1, credited: ['act-1'] })
    // 周明, registered with 县水利局 too, met the rule this year (his tally says so).
    await stack.emulator.db.collection('registrations').insertOne({
      _id: 'reg-t-doer', userId: 'user-t-doer', name: '周明', unitId: BUREAU, unitCountyId: 'org-longmen', communityId: 'org-beimen',
      communityLineage: ['org-longmen', 'org-longcheng', 'org-beimen'], state: 'registered', history: [], createdAt: now, updatedAt: now,
    })
    await stack.emulator.db.collection('tallies').insertOne(tally('user-t-doer', 2, 40, { met: true }))
    const { result } = await call('unitProgress', { unitId: BUREAU }, 'demo-unit-admin')
    expect(result.data.activities).toEqual({ done: 1, target: 1, met: true, remaining: 0 })
    expect(result.data.members).toEqual({ registered: 2, met: 1, notMet: 1 })

    // Rules the member no longer meets: `met` is recounted for the county with the change.
    await call('setRules', { countyId: 'org-longmen', rules: { ...DEMO_RULES, unitPeriod: 'year', unitActivities: 3, memberHoursPerYear: 50 } }, 'demo-county-admin')
    const byYear = await call('unitProgress', { unitId: BUREAU }, 'demo-county-admin')
    expect(byYear.result.data.period.label).toBe(year.label)
    expect(byYear.result.data.activities).toEqual({ done: 1, target: 3, met: false, remaining: 2 })
    expect(byYear.result.data.members).toEqual({ registered: 2, met: 0, notMet: 2 })
    await call('setRules', { countyId: 'org-longmen', rules: DEMO_RULES }, 'demo-county-admin')
    const back = await call('unitProgress', { unitId: BUREAU }, 'demo-unit-admin')
    expect(back.result.data.members).toEqual({ registered: 2, met: 1, notMet: 1 })
  })

  test('a unit with no registered member: nobody to count, 1 round trip', async () => {
    const { result, roundTrips } = await call('unitProgress', { unitId: 'unit-water-co' }, 'demo-county-admin')
    expect(result.data).toMatchObject({ activities: { done: 0 }, members: { registered: 0, met: 0, notMet: 0 } })
    expect(roundTrips).toBe(1)
  })

  test('only the unit\'s admin and its county\'s admins see a unit\'s progress', async () => {
    for (const openid of ['t-water-co-admin', 'demo-community-admin', 't-street-admin', 'demo-member', 'demo-resident', 't-far-county-admin']) {
      const { result } = await call('unitProgress', { unitId: BUREAU }, openid)
      expect(result).toEqual(FORBIDDEN)
    }
    expect((await call('unitProgress', { unitId: 'unit-nowhere' }, 'demo-member')).result).toEqual(FORBIDDEN)
    expect((await call('unitProgress', { unitId: 'unit-nowhere' }, 'demo-unit-admin')).result.code).toBe('ORG.UNKNOWN_UNIT')
  })
})

// Issue 10, defect 4: progress and rules asked for a scope the caller does not hold are refused, never empty.
describe('every list out of the caller\'s scope: AUTH.FORBIDDEN, not an empty answer', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['unitProgress', { unitId: BUREAU }, 't-water-co-admin'],
    ['unitProgress', { unitId: BUREAU }, 't-far-county-admin'],
    ['unitProgress', { unitId: 'unit-water-co' }, 'demo-unit-admin'],
    ['getRules', { countyId: 'org-far-county' }, 'demo-county-admin'],
    ['getRules', { countyId: 'org-longmen' }, 't-far-street-admin'],
  ])('%s %j by %s', async (action, input, openid) => {
    expect((await call(action, input, openid)).result).toEqual(FORBIDDEN)
  })
})
