import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RulesView } from '@domain/api'
import { setRules } from '@/services/requirements'
import { stubFetch } from '@/test-support/fetchStub'
import { RulesEditor, RulesSummary, rulesSource } from './RulesEditor'

let backend: ReturnType<typeof stubFetch> | undefined
let showToast: jest.SpyInstance
beforeEach(() => {
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  backend = undefined
  showToast.mockRestore()
  document.body.innerHTML = ''
})

const VIEW: RulesView = {
  county: { id: 'org-longmen', name: '龙门县' },
  rules: { memberActivitiesPerYear: 2, memberHoursPerYear: 40, unitActivities: 1, unitPeriod: 'quarter' },
  isDefault: false,
  canEdit: true,
  updatedAt: '2026-11-01T01:00:00.000Z',
  updatedByName: '赵志强',
}

/** Taro's h5 Input renders a custom element around the real <input>. */
const inputOf = (testId: string) => (screen.getByTestId(testId).querySelector('input') ?? screen.getByTestId(testId)) as HTMLElement
const type = (field: string, value: string) => fireEvent.input(inputOf(`rule-${field}-input`), { target: { value } })
const valueOf = (field: string) => (inputOf(`rule-${field}-input`) as HTMLInputElement).value

test('steppers move by one within the bounds; the period toggles; 保存 sends the rules through the transport', async () => {
  backend = stubFetch({
    '/api/requirements': (req) => ({ json: { code: 0, data: { ...VIEW, rules: (req.body as { rules: unknown }).rules, changed: true } } }),
  })
  render(<RulesEditor view={VIEW} onSave={(rules) => setRules('org-longmen', rules)} />)
  fireEvent.click(screen.getByTestId('rule-memberActivitiesPerYear-plus'))
  fireEvent.click(screen.getByTestId('rule-memberActivitiesPerYear-plus'))
  await waitFor(() => expect(valueOf('memberActivitiesPerYear')).toBe('4'))
  fireEvent.click(screen.getByTestId('rule-unitActivities-minus'))
  await waitFor(() => expect(valueOf('unitActivities')).toBe('0'))
  // At the lower bound − greys out and a tap changes nothing; ＋ stays usable.
  expect(screen.getByTestId('rule-unitActivities-minus').getAttribute('data-off')).toBe('true')
  expect(screen.getByTestId('rule-unitActivities-plus').getAttribute('data-off')).toBe('false')
  fireEvent.click(screen.getByTestId('rule-unitActivities-minus'))
  expect(valueOf('unitActivities')).toBe('0')
  type('memberHoursPerYear', '50')
  fireEvent.click(screen.getAllByTestId('rule-period-option').find((o) => o.getAttribute('data-period') === 'year')!)
  fireEvent.click(screen.getByTestId('rules-save'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })))
  expect(backend.to('/api/requirements').map((r) => r.body)).toEqual([
    { action: 'setRules', countyId: 'org-longmen', rules: { memberActivitiesPerYear: 4, memberHoursPerYear: 50, unitActivities: 0, unitPeriod: 'year' } },
  ])
})

test('bad values are named in Chinese beside their field and nothing is sent', async () => {
  backend = stubFetch({ '/api/requirements': () => ({ json: { code: 0, data: { ...VIEW, changed: true } } }) })
  render(<RulesEditor view={VIEW} onSave={(rules) => setRules('org-longmen', rules)} />)
  type('memberHoursPerYear', '501')
  type('memberActivitiesPerYear', '')
  type('unitActivities', '1.5')
  fireEvent.click(screen.getByTestId('rules-save'))
  await waitFor(() => expect(screen.getByTestId('rule-memberHoursPerYear-error').textContent).toBe('党员每年服务时长不能超过500小时'))
  expect(screen.getByTestId('rule-memberActivitiesPerYear-error').textContent).toBe('党员每年参加活动必须是数字')
  expect(screen.getByTestId('rule-unitActivities-error').textContent).toBe('单位共建活动必须是整数')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请按提示修改后再保存' }))
  expect(backend.calls).toHaveLength(0)
  // Fixing a field clears its message.
  type('memberHoursPerYear', '60')
  await waitFor(() => expect(screen.queryByTestId('rule-memberHoursPerYear-error')).toBeNull())
})

test('a refusal from the function is shown as its Chinese message', async () => {
  backend = stubFetch({ '/api/requirements': () => ({ json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' } }) })
  render(<RulesEditor view={VIEW} onSave={(rules) => setRules('org-longmen', rules)} />)
  fireEvent.click(screen.getByTestId('rules-save'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '您没有权限进行这个操作' })))
})

test('read-only: the rules in words, and where they come from', () => {
  render(<RulesSummary view={{ ...VIEW, canEdit: false }} />)
  expect(screen.getByTestId('rules-member').textContent).toBe('党员每年参加活动不少于2次、服务时长不少于40小时')
  expect(screen.getByTestId('rules-unit').textContent).toBe('单位每季度到结对社区开展共建活动不少于1次')
  expect(screen.queryByTestId('rules-save')).toBeNull()
  expect(rulesSource(VIEW)).toBe('龙门县 · 赵志强 于 2026-11-01 09:00 设置')
  expect(rulesSource({ ...VIEW, isDefault: true, updatedAt: null })).toBe('龙门县尚未设置，使用默认要求')
})
