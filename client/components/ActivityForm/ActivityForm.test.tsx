import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ActivityCreateInput, OrganiserOption } from '@domain/api/activities'
import { ApiError } from '@/services/ApiError'
import { ActivityForm, problemsOf } from './ActivityForm'
import { chinaDate, chinaIso, defaultTimes } from './times'

afterEach(() => {
  document.body.innerHTML = ''
})

// 2026-11-20 23:30 China time: "tomorrow" is already the 21st's next day in UTC terms.
const NOW = new Date('2026-11-20T15:30:00.000Z')
const now = () => NOW

const OPTIONS: OrganiserOption[] = [
  { kind: 'community', id: 'org-beimen', name: '北门社区', places: [{ id: 'org-beimen', name: '北门社区' }] },
  { kind: 'unit', id: 'unit-water', name: '县水利局', places: [{ id: 'org-beimen', name: '北门社区' }, { id: 'org-nanmen', name: '南门社区' }] },
]

const pick = (field: string, value: string) => {
  fireEvent.click(screen.getByTestId(field))
  fireEvent.click(within(screen.getByTestId(`${field}-sheet`)).getAllByTestId('select-option').find((o) => o.getAttribute('data-value') === value)!)
}

test('dates are China dates; an instant is sent with +08:00', () => {
  expect(chinaDate(NOW)).toBe('2026-11-20')
  expect(chinaDate(new Date('2026-11-20T16:30:00.000Z'))).toBe('2026-11-21')
  expect(defaultTimes(NOW)).toEqual({ startDate: '2026-11-21', startTime: '09:00', endDate: '2026-11-21', endTime: '11:00' })
  expect(chinaIso('2026-11-21', '09:00')).toBe('2026-11-21T09:00:00+08:00')
})

test('a domain code lands beside its field; others are one line for the form', () => {
  expect(problemsOf(new ApiError('ACTIVITY.ENDS_BEFORE_START')).fields).toEqual({ endAt: '结束时间必须晚于开始时间' })
  expect(problemsOf(new ApiError('ACTIVITY.PRIVATE_INFO', undefined, { field: 'description' })).fields).toEqual({ description: '活动信息会公开展示，请不要填写个人手机号码' })
  expect(problemsOf(new ApiError('REQUEST.INVALID', '提交的信息不完整', [{ path: 'placeNodeId', message: '编号格式不正确' }])).fields).toEqual({ placeNodeId: '请选择活动所在的社区' })
  expect(problemsOf(new ApiError('AUTH.FORBIDDEN', '没有权限'))).toEqual({ fields: {}, general: { code: 'AUTH.FORBIDDEN', message: '没有权限' } })
})

test('nothing chosen or typed: each field says what it needs, and nothing is sent', async () => {
  const onSubmit = jest.fn(async () => {})
  render(<ActivityForm options={OPTIONS} themes={[]} onSubmit={onSubmit} now={now} />)
  fireEvent.click(screen.getByTestId('new-publish'))
  expect((await screen.findByTestId('new-organiser-error')).textContent).toBe('请选择组织者')
  expect(screen.getByTestId('new-place-error').textContent).toBe('请选择活动所在的社区')
  expect(screen.getByTestId('new-title-error').textContent).toBe('活动名称至少2个字')
  expect(screen.getByTestId('new-address-error').textContent).toBe('请填写集合地点')
  expect(onSubmit).not.toHaveBeenCalled()
})

test('a unit picks one of its paired communities; the end before the start is named under 结束时间 before sending', async () => {
  const onSubmit = jest.fn(async () => {})
  render(<ActivityForm options={OPTIONS} themes={[]} onSubmit={onSubmit} now={now} />)
  pick('new-organiser', 'unit:unit-water')
  // Two places: the organiser must choose.
  expect(screen.getByTestId('new-place').getAttribute('data-value')).toBe('')
  pick('new-place', 'org-nanmen')
  fireEvent.input(screen.getByTestId('new-title'), { target: { value: '水利知识进社区' } })
  fireEvent.input(screen.getByTestId('new-address'), { target: { value: '南门社区广场' } })
  fireEvent.input(screen.getByTestId('new-hours-input'), { target: { value: '3' } })
  fireEvent.click(screen.getByTestId('new-publish'))
  // 09:00–11:00 holds no 3 hours.
  expect((await screen.findByTestId('new-hours-error')).textContent).toBe('计入的服务时长不能超过活动本身的时长')
  expect(onSubmit).not.toHaveBeenCalled()
})

test('保存草稿 sends everything as the contract wants it, with the theme chosen; a refusal from the function sits beside its field', async () => {
  const sent: ActivityCreateInput[] = []
  let refuse: ApiError | null = new ApiError('ACTIVITY.BAD_PLACE')
  const onSubmit = jest.fn(async (input: ActivityCreateInput) => {
    sent.push(input)
    if (refuse) throw refuse
  })
  render(<ActivityForm options={OPTIONS} themes={[{ id: 'th-11', year: 2026, month: 11, title: '环境整治月', description: '' }]} onSubmit={onSubmit} now={now} />)
  pick('new-organiser', 'community:org-beimen')
  // One place: chosen already.
  expect(screen.getByTestId('new-place').getAttribute('data-value')).toBe('org-beimen')
  pick('new-theme', 'th-11')
  fireEvent.input(screen.getByTestId('new-title'), { target: { value: ' 周末社区清洁 ' } })
  fireEvent.input(screen.getByTestId('new-description'), { target: { value: '打扫楼道' } })
  fireEvent.input(screen.getByTestId('new-address'), { target: { value: '北门花园东门' } })
  fireEvent.click(screen.getByTestId('new-capacity-minus'))
  fireEvent.click(within(screen.getByTestId('new-skills')).getAllByTestId('choice-tag').find((t) => t.getAttribute('data-value') === '环境整治')!)
  fireEvent.click(within(screen.getByTestId('new-open')).getAllByTestId('new-chip')[1])
  fireEvent.click(screen.getByTestId('new-draft'))
  expect((await screen.findByTestId('new-place-error')).textContent).toBe('活动地点需在组织者所在或结对的社区内')
  expect(sent[0]).toEqual({
    organiser: { kind: 'community', id: 'org-beimen' },
    placeNodeId: 'org-beimen',
    title: '周末社区清洁',
    description: '打扫楼道',
    themeId: 'th-11',
    address: '北门花园东门',
    startAt: '2026-11-21T09:00:00+08:00',
    endAt: '2026-11-21T11:00:00+08:00',
    capacity: 9,
    skills: ['环境整治'],
    hours: 2,
    openToCitizens: false,
    publish: false,
  })
  refuse = null
  fireEvent.click(screen.getByTestId('new-publish'))
  await waitFor(() => expect(sent).toHaveLength(2))
  expect(sent[1].publish).toBe(true)
  await waitFor(() => expect(screen.queryByTestId('new-place-error')).toBeNull())
})

test('a refusal without a field is one line above the buttons, with its code', async () => {
  render(
    <ActivityForm
      options={OPTIONS.slice(0, 1)}
      themes={null}
      onSubmit={async () => {
        throw new ApiError('NETWORK.UNAVAILABLE')
      }}
      now={now}
    />,
  )
  fireEvent.input(screen.getByTestId('new-title'), { target: { value: '周末社区清洁' } })
  fireEvent.input(screen.getByTestId('new-address'), { target: { value: '北门花园东门' } })
  fireEvent.click(screen.getByTestId('new-publish'))
  expect((await screen.findByTestId('new-error')).getAttribute('data-code')).toBe('NETWORK.UNAVAILABLE')
})
