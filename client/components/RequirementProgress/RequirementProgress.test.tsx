import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyProgress, UnitProgress } from '@domain/api'
import { measure } from '@domain/requirements'
import { stubFetch } from '@/test-support/fetchStub'
import { MemberProgressView, MyRequirementProgress, UnitProgressView } from './RequirementProgress'

let backend: ReturnType<typeof stubFetch> | undefined
afterEach(() => {
  backend?.restore()
  backend = undefined
  document.body.innerHTML = ''
})

const RULES = { memberActivitiesPerYear: 2, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'quarter' as const }
const YEAR = { kind: 'year' as const, label: '2026年', start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' }
const QUARTER = { kind: 'quarter' as const, label: '2026年第四季度', start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' }

/** An answer of requirements.myProgress, with the measures computed by the domain as the function does. */
function mine(activities: number, hours: number, rules = RULES): MyProgress {
  const a = measure(activities, rules.memberActivitiesPerYear)
  const h = measure(hours, rules.memberHoursPerYear)
  return {
    hasRegistration: true,
    registrationState: 'registered',
    registrationStateLabel: '已报到',
    county: { id: 'org-longmen', name: '龙门县' },
    rules,
    period: YEAR,
    activities: a,
    hours: h,
    met: a.met && h.met,
  }
}

test('nothing done yet: 0 / 2 次 and 0 / 40 小时, empty bars, what is missing', () => {
  render(<MemberProgressView progress={mine(0, 0)} />)
  expect(screen.getByTestId('progress-line').textContent).toBe('本年度参加活动 0 / 2 次 · 服务时长 0 / 40 小时')
  expect(screen.getByTestId('progress-activities-count').textContent).toBe('0 / 2 次')
  expect(screen.getByTestId('progress-hours-count').textContent).toBe('0 / 40 小时')
  expect(screen.getByTestId('progress-activities-fill').getAttribute('data-percent')).toBe('0')
  expect(screen.getByTestId('progress-hours-fill').getAttribute('data-percent')).toBe('0')
  expect(screen.getByTestId('progress-summary').textContent).toBe('还差 2 次活动、40 小时服务')
  expect(screen.getByTestId('progress-member').textContent).toContain('年度要求（2026年）')
})

test('part done, and all done', () => {
  render(<MemberProgressView progress={mine(1, 30.5)} />)
  expect(screen.getByTestId('progress-activities-fill').getAttribute('data-percent')).toBe('50')
  expect(screen.getByTestId('progress-hours-fill').getAttribute('data-percent')).toBe('76')
  expect(screen.getByTestId('progress-summary').textContent).toBe('还差 1 次活动、9.5 小时服务')
  document.body.innerHTML = ''
  render(<MemberProgressView progress={mine(3, 41)} />)
  expect(screen.getByTestId('progress-line').textContent).toBe('本年度参加活动 3 / 2 次 · 服务时长 41 / 40 小时')
  expect(screen.getByTestId('progress-activities-fill').getAttribute('data-percent')).toBe('100')
  expect(screen.getByTestId('progress-summary').textContent).toBe('已达到本年度要求')
  expect(screen.getByTestId('progress-member').getAttribute('data-state')).toBe('met')
})

test('a measure the county does not ask for says so and does not hold the member back', () => {
  render(<MemberProgressView progress={mine(2, 5, { ...RULES, memberHoursPerYear: 0 })} />)
  expect(screen.getByTestId('progress-hours-count').textContent).toBe('5 小时（不作要求）')
  expect(screen.getByTestId('progress-summary').textContent).toBe('已达到本年度要求')
})

test('no registration: the plain answer, no bars', () => {
  render(<MemberProgressView progress={{ hasRegistration: false, message: '您还没有双报到。' }} />)
  expect(screen.getByTestId('progress-none').textContent).toBe('您还没有双报到。')
  expect(screen.queryByTestId('progress-activities')).toBeNull()
})

test('a unit: co-building activities of the quarter, members meeting the rule', () => {
  const progress: UnitProgress = {
    unit: { id: 'unit-water-bureau', name: '县水利局' },
    county: { id: 'org-longmen', name: '龙门县' },
    rules: RULES,
    period: QUARTER,
    activities: measure(0, 1),
    memberPeriod: YEAR,
    members: { registered: 4, met: 1, notMet: 3 },
  }
  render(<UnitProgressView progress={progress} />)
  expect(screen.getByTestId('progress-unit-activities').textContent).toContain('本季度共建活动（2026年第四季度）')
  expect(screen.getByTestId('progress-unit-activities-count').textContent).toBe('0 / 1 次')
  expect(screen.getByTestId('progress-unit-members-count').textContent).toBe('1 / 4 人')
  expect(screen.getByTestId('progress-unit-members-fill').getAttribute('data-percent')).toBe('25')
  expect(screen.getByTestId('progress-unit-members-line').textContent).toBe('已报到党员 4 人 · 达到要求 1 人 · 未达到 3 人')
})

test('MyRequirementProgress asks requirements.myProgress through the transport and shows the answer', async () => {
  backend = stubFetch({ '/api/requirements': () => ({ json: { code: 0, data: mine(0, 0) } }) })
  render(<MyRequirementProgress />)
  await waitFor(() => expect(screen.getByTestId('progress-line').textContent).toBe('本年度参加活动 0 / 2 次 · 服务时长 0 / 40 小时'))
  expect(backend.to('/api/requirements').map((r) => r.body)).toEqual([{ action: 'myProgress' }])
})

test('MyRequirementProgress shows a failure with 重试', async () => {
  backend = stubFetch({ '/api/requirements': () => ({ json: { code: 'SYSTEM.BUSY', message: '系统繁忙，请稍后再试' } }) })
  render(<MyRequirementProgress />)
  await waitFor(() => expect(screen.getByTestId('load-error').textContent).toContain('系统繁忙，请稍后再试'))
})

test('查看年度要求 opens the rules page', () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
  render(<MemberProgressView progress={mine(0, 0)} />)
  fireEvent.click(screen.getByTestId('progress-rules-link'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/requirements/index' })
  navigateTo.mockRestore()
})
