import {
  checkRules,
  DEFAULT_RULES,
  describeMemberRule,
  describeUnitRule,
  effectiveRules,
  measure,
  memberProgress,
  periodOf,
  ratio,
  sameRules,
  unitProgress,
  validCreditHours,
  type RequirementRules,
} from './requirements'

/** Whether `at` lies in the period: the start inclusive, the end exclusive (how the aggregations' `$match` bound it). */
const inPeriod = (p: { start: Date; end: Date }, at: Date) => at.getTime() >= p.start.getTime() && at.getTime() < p.end.getTime()

/** The calendar date and hour in Asia/Shanghai, from the platform's time-zone database (independent of dayjs). */
function shanghai(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)!.value
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

describe('periods in China time', () => {
  // instant (UTC) → the year and quarter it belongs to in Asia/Shanghai, written out by hand.
  const cases: [string, string, number, string][] = [
    // New Year in Shanghai is 16:00 UTC on 31 December.
    ['2026-12-31T15:59:59.999Z', '2026年', 4, '2026年第四季度'],
    ['2026-12-31T16:00:00.000Z', '2027年', 1, '2027年第一季度'],
    ['2026-01-01T00:00:00.000Z', '2026年', 1, '2026年第一季度'],
    ['2025-12-31T16:00:00.000Z', '2026年', 1, '2026年第一季度'],
    // Quarter starts: 1 April, 1 July, 1 October at 00:00 Shanghai = 16:00 UTC the day before.
    ['2026-03-31T15:59:59.999Z', '2026年', 1, '2026年第一季度'],
    ['2026-03-31T16:00:00.000Z', '2026年', 2, '2026年第二季度'],
    ['2026-06-30T16:00:00.000Z', '2026年', 3, '2026年第三季度'],
    ['2026-09-30T15:59:59.999Z', '2026年', 3, '2026年第三季度'],
    ['2026-09-30T16:00:00.000Z', '2026年', 4, '2026年第四季度'],
    // A leap day.
    ['2028-02-29T12:00:00.000Z', '2028年', 1, '2028年第一季度'],
  ]

  test.each(cases)('%s is in %s, quarter %i', (iso, yearLabel, quarter, quarterLabel) => {
    const at = new Date(iso)
    const year = periodOf('year', at)
    const q = periodOf('quarter', at)
    expect(year.label).toBe(yearLabel)
    expect(q.quarter).toBe(quarter)
    expect(q.label).toBe(quarterLabel)
    expect(inPeriod(year, at)).toBe(true)
    expect(inPeriod(q, at)).toBe(true)
    // Boundaries are midnight in Shanghai, the start inclusive and the end exclusive.
    for (const p of [year, q]) {
      expect(shanghai(p.start)).toMatch(/-01 00:00$/)
      expect(shanghai(p.end)).toMatch(/-01 00:00$/)
      expect(inPeriod(p, p.start)).toBe(true)
      expect(inPeriod(p, p.end)).toBe(false)
      expect(inPeriod(p, new Date(p.start.getTime() - 1))).toBe(false)
    }
    expect(shanghai(year.start)).toBe(`${year.year}-01-01 00:00`)
    expect(shanghai(q.start)).toBe(`${q.year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01 00:00`)
  })

  test('the 2026 periods as instants', () => {
    const at = new Date('2026-11-22T13:00:00Z')
    expect(periodOf('year', at)).toMatchObject({ start: new Date('2025-12-31T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z'), year: 2026 })
    expect(periodOf('quarter', at)).toMatchObject({ start: new Date('2026-09-30T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z'), quarter: 4 })
  })

  test('the four quarters of a year tile it exactly', () => {
    const year = periodOf('year', new Date('2026-05-05T00:00:00Z'))
    let at = year.start
    const labels: string[] = []
    while (at < year.end) {
      const q = periodOf('quarter', at)
      expect(q.start).toEqual(at)
      labels.push(q.label)
      at = q.end
    }
    expect(at).toEqual(year.end)
    expect(labels).toEqual(['2026年第一季度', '2026年第二季度', '2026年第三季度', '2026年第四季度'])
  })
})

describe('rules', () => {
  const good: RequirementRules = { memberActivitiesPerYear: 8, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'quarter' }

  test('the defaults are 龙门县\'s plan and valid', () => {
    expect(DEFAULT_RULES).toEqual({ memberActivitiesPerYear: 2, memberHoursPerYear: 0, unitActivities: 1, unitPeriod: 'year' })
    expect(checkRules({ ...DEFAULT_RULES })).toEqual({})
    expect(checkRules({ ...good })).toEqual({})
  })

  // field, value → the message, written out by hand.
  const bad: [keyof RequirementRules, unknown, string][] = [
    ['memberActivitiesPerYear', -1, '党员每年参加活动不能少于0次'],
    ['memberActivitiesPerYear', 101, '党员每年参加活动不能超过100次'],
    ['memberActivitiesPerYear', 1.5, '党员每年参加活动必须是整数'],
    ['memberActivitiesPerYear', '2', '党员每年参加活动必须是数字'],
    ['memberHoursPerYear', 501, '党员每年服务时长不能超过500小时'],
    ['memberHoursPerYear', Number.NaN, '党员每年服务时长必须是数字'],
    ['unitActivities', 31, '单位共建活动不能超过30次'],
    ['unitActivities', -3, '单位共建活动不能少于0次'],
    ['unitPeriod', 'month', '单位共建活动的周期只能是季度或年度'],
  ]
  test.each(bad)('%s = %p is refused: %s', (field, value, message) => {
    expect(checkRules({ ...good, [field]: value })).toEqual({ [field]: message })
  })

  test('bounds are inclusive', () => {
    expect(checkRules({ memberActivitiesPerYear: 0, memberHoursPerYear: 500, unitActivities: 30, unitPeriod: 'year' })).toEqual({})
    expect(checkRules({ memberActivitiesPerYear: 100, memberHoursPerYear: 0, unitActivities: 0, unitPeriod: 'quarter' })).toEqual({})
  })

  test('stored rules are completed with the defaults', () => {
    expect(effectiveRules(null)).toEqual(DEFAULT_RULES)
    expect(effectiveRules({ memberHoursPerYear: 40 })).toEqual({ ...DEFAULT_RULES, memberHoursPerYear: 40 })
    expect(sameRules(effectiveRules(good), good)).toBe(true)
    expect(sameRules(good, { ...good, unitPeriod: 'year' })).toBe(false)
  })

  test('in words', () => {
    expect(describeMemberRule(good)).toBe('党员每年参加活动不少于8次、服务时长不少于40小时')
    expect(describeMemberRule({ ...good, memberActivitiesPerYear: 0, memberHoursPerYear: 0 })).toBe('党员暂无年度活动和服务时长要求')
    expect(describeUnitRule(good)).toBe('单位每季度到结对社区开展共建活动不少于1次')
    expect(describeUnitRule({ ...good, unitPeriod: 'year', unitActivities: 2 })).toBe('单位每年到结对社区开展共建活动不少于2次')
    expect(describeUnitRule({ ...good, unitActivities: 0 })).toBe('单位暂无共建活动要求')
  })
})

describe('progress', () => {
  // done, target → met, remaining, bar ratio
  const cases: [number, number, boolean, number, number][] = [
    [0, 2, false, 2, 0],
    [1, 2, false, 1, 0.5],
    [2, 2, true, 0, 1],
    [5, 2, true, 0, 1],
    [0, 0, true, 0, 1],
    [3, 0, true, 0, 1],
    [39.5, 40, false, 0.5, 39.5 / 40],
  ]
  test.each(cases)('%p of %p: met %p, remaining %p', (done, target, met, remaining, r) => {
    const m = measure(done, target)
    expect(m).toEqual({ done, target, met, remaining })
    expect(ratio(m)).toBeCloseTo(r)
  })

  test('hours summed from tenths keep one decimal', () => {
    expect(measure(0.1 + 0.2, 1)).toEqual({ done: 0.3, target: 1, met: false, remaining: 0.7 })
  })

  test('a member meets the rule only when both activities and hours are met', () => {
    const rules: RequirementRules = { memberActivitiesPerYear: 8, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'year' }
    expect(memberProgress(rules, { activities: 0, hours: 0 }).met).toBe(false)
    expect(memberProgress(rules, { activities: 8, hours: 39 }).met).toBe(false)
    expect(memberProgress(rules, { activities: 7, hours: 40 }).met).toBe(false)
    expect(memberProgress(rules, { activities: 8, hours: 40 })).toEqual({
      activities: { done: 8, target: 8, met: true, remaining: 0 },
      hours: { done: 40, target: 40, met: true, remaining: 0 },
      met: true,
    })
    // With no hours asked, activities alone decide.
    expect(memberProgress({ ...rules, memberHoursPerYear: 0 }, { activities: 8, hours: 0 }).met).toBe(true)
  })

  test('a unit: its activities against the rule, and how many of its members meet theirs', () => {
    const rules: RequirementRules = { memberActivitiesPerYear: 2, memberHoursPerYear: 10, unitActivities: 2, unitPeriod: 'quarter' }
    const activities = new Map([['a', 2], ['b', 3], ['c', 1], ['outsider', 9]])
    const hours = new Map([['a', 10], ['b', 4], ['c', 20], ['outsider', 99]])
    expect(unitProgress(rules, 1, ['a', 'b', 'c', 'd'], { activities, hours })).toEqual({
      activities: { done: 1, target: 2, met: false, remaining: 1 },
      members: { registered: 4, met: 1, notMet: 3 },
    })
    expect(unitProgress(rules, 0, [], { activities: new Map(), hours: new Map() })).toEqual({
      activities: { done: 0, target: 2, met: false, remaining: 2 },
      members: { registered: 0, met: 0, notMet: 0 },
    })
  })
})

test('a credit of hours is positive, at most a day, in tenths', () => {
  expect([1, 0.5, 2.5, 24].map(validCreditHours)).toEqual([true, true, true, true])
  expect([0, -1, 24.5, 1.25, Number.NaN, Infinity].map(validCreditHours)).toEqual([false, false, false, false, false, false])
})
