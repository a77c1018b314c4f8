import { render, screen } from '@testing-library/react'
import { ActivityInfo, mineText } from './ActivityInfo'
import { activityDetail as detail } from './fixture'

afterEach(() => {
  document.body.innerHTML = ''
})


test('my place in words: a seat, or the waiting list with the position', () => {
  expect(mineText({ mine: 'seated', waitPosition: null })).toBe('您已报名')
  expect(mineText({ mine: 'waiting', waitPosition: 2 })).toContain('候补名单第 2 位')
  expect(mineText({ mine: null, waitPosition: null })).toBeNull()
})

test('the head: state, title, organiser, China time, place and address, seats', () => {
  render(<ActivityInfo activity={detail({ seatCount: 3, waitCount: 1, mine: 'seated' })} />)
  expect(screen.getByTestId('activity-state').textContent).toBe('报名中')
  expect(screen.getByTestId('activity-title').textContent).toBe('周末社区清洁')
  expect(screen.getByTestId('activity-time').textContent).toBe('2026-11-22 09:00–11:00')
  expect(screen.getByTestId('activity-seats').textContent).toBe('已报名 3/3 · 候补 1 人')
  expect(screen.getByTestId('activity-mine').textContent).toBe('您已报名')
  expect(document.body.textContent).toContain('北门社区 · 北门花园东门')
  expect(screen.queryByTestId('activity-roster')).toBeNull()
  expect(screen.queryByTestId('activity-attendance')).toBeNull()
})

test('attendance, booking, the cancel reason and the organiser’s roster when there are', () => {
  render(
    <ActivityInfo
      activity={detail({
        state: 'cancelled',
        stateLabel: '已取消',
        reason: '天气原因',
        myAttendance: { checkInAt: '2026-11-22T00:55:00.000Z', checkOutAt: null },
        booking: { people: 2, hours: 3.5, at: '2026-11-23T02:00:00.000Z' },
        roster: { seated: [{ userId: 'u-li', name: '李建国' }], waiting: [{ userId: 'u-wang', name: '王芳' }] },
      })}
    />,
  )
  expect(screen.getByTestId('activity-reason').textContent).toContain('天气原因')
  expect(screen.getByTestId('activity-checkin-at').textContent).toBe('签到时间：2026-11-22 08:55')
  expect(screen.getByTestId('activity-checkout-at').textContent).toBe('签退时间：尚未签退')
  expect(screen.getByTestId('activity-booking').textContent).toContain('2 人 共 3.5 小时')
  expect(screen.getByTestId('activity-roster-seated').textContent).toBe('已报名（1）：李建国')
  expect(screen.getByTestId('activity-roster-waiting').textContent).toBe('候补（按顺序）：1. 王芳')
})
