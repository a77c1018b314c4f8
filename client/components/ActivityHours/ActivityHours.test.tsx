import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ActivityHours, bookingSummary, roundingText, type HoursEdit } from './ActivityHours'
import { hoursView } from './fixture'

afterEach(() => {
  document.body.innerHTML = ''
})


test('the rounding rule in words', () => {
  expect(roundingText({ zeroBelow: 15, halfBelow: 45 })).toBe('不足15分钟不计，15–45分钟计0.5小时，45分钟以上计1小时')
  expect(roundingText({ zeroBelow: 0, halfBelow: 30 })).toBe('不足30分钟计0.5小时，30分钟以上计1小时')
})

test('a declined line is not counted among the people booked', () => {
  expect(bookingSummary(hoursView())).toEqual({ people: 1, hours: 2 })
})

test('each line: name, China times, the rule’s hours, the hours credited and what was changed', () => {
  render(<ActivityHours view={hoursView()} onAdjust={async () => {}} onBook={async () => {}} />)
  const [li, wang] = screen.getAllByTestId('hours-line')
  expect(li.textContent).toContain('签到 09:00 · 签退 11:10 · 按规则 2 小时')
  expect(screen.getAllByTestId('hours-line-hours').map((h) => h.textContent)).toEqual(['2 小时', '不予认定'])
  expect(wang.textContent).toContain('签退 未签退')
  expect(screen.getByTestId('hours-line-note').textContent).toBe('已修改：不予认定（没有参加）· 陈红')
  expect(screen.getByTestId('hours-total').textContent).toBe('合计 1 人 共 2 小时')
})

test('修改时长: half-hour steps within the plan and a reason; without a reason nothing is sent', async () => {
  const edits: HoursEdit[] = []
  render(<ActivityHours view={hoursView()} onAdjust={async (e) => void edits.push(e)} onBook={async () => {}} />)
  fireEvent.click(screen.getAllByTestId('hours-adjust')[0])
  expect(screen.getByTestId('hours-form').getAttribute('data-verb')).toBe('adjust')
  expect(screen.getByTestId('hours-form-hours-plus').getAttribute('data-off')).toBe('true')
  fireEvent.click(screen.getByTestId('hours-form-hours-minus'))
  fireEvent.click(screen.getByTestId('hours-form-submit'))
  expect(screen.getByTestId('hours-form-error').textContent).toBe('请填写原因（至少两个字）')
  fireEvent.input(screen.getByTestId('hours-form-reason'), { target: { value: '中途离开半小时' } })
  fireEvent.click(screen.getByTestId('hours-form-submit'))
  await waitFor(() => expect(edits).toEqual([{ userId: 'u-li', reason: '中途离开半小时', hours: 1.5 }]))
  await waitFor(() => expect(screen.queryByTestId('hours-form')).toBeNull())
})

test('不予认定 sends the reason without hours', async () => {
  const edits: HoursEdit[] = []
  render(<ActivityHours view={hoursView()} onAdjust={async (e) => void edits.push(e)} onBook={async () => {}} />)
  fireEvent.click(screen.getAllByTestId('hours-decline')[0])
  expect(screen.queryByTestId('hours-form-hours-input')).toBeNull()
  fireEvent.input(screen.getByTestId('hours-form-reason'), { target: { value: '签到后没有参加' } })
  fireEvent.click(screen.getByTestId('hours-form-submit'))
  await waitFor(() => expect(edits).toEqual([{ userId: 'u-li', reason: '签到后没有参加' }]))
})

test('确认入账 asks with the people and hours, and books only on yes', async () => {
  const onBook = jest.fn(async () => {})
  let answer = false
  const confirm = jest.fn(async () => answer)
  render(<ActivityHours view={hoursView()} onAdjust={async () => {}} onBook={onBook} confirm={confirm} />)
  fireEvent.click(screen.getByTestId('hours-book'))
  await waitFor(() => expect(confirm).toHaveBeenCalledWith('确认入账？', '1 人 共 2 小时，入账后不能再修改。', '确认入账'))
  expect(onBook).not.toHaveBeenCalled()
  answer = true
  fireEvent.click(screen.getByTestId('hours-book'))
  await waitFor(() => expect(onBook).toHaveBeenCalledTimes(1))
})

test('booked: the summary shows and nothing can be changed', () => {
  render(<ActivityHours view={hoursView({ canEdit: false, state: 'booked', stateLabel: '时长已入账', booking: { people: 1, hours: 2, at: '2026-11-22T02:00:00.000Z' } })} onAdjust={async () => {}} onBook={async () => {}} />)
  expect(screen.getByTestId('hours-booked').textContent).toContain('已入账：1 人 共 2 小时')
  expect(screen.queryByTestId('hours-adjust')).toBeNull()
  expect(screen.queryByTestId('hours-book')).toBeNull()
})
