import { fireEvent, render, screen } from '@testing-library/react'
import type { ActivityRow } from '@domain/api/activities'
import { ActivityCard, ActivityList, activityTime } from './ActivityCard'

afterEach(() => {
  document.body.innerHTML = ''
})

const row = (over: Partial<ActivityRow> = {}): ActivityRow => ({
  id: 'act-1',
  state: 'published',
  stateLabel: '报名中',
  title: '周末社区清洁',
  themeTitle: '环境整治月',
  organiserName: '北门社区',
  placeName: '北门社区',
  startAt: '2026-11-22T01:00:00.000Z',
  endAt: '2026-11-22T03:00:00.000Z',
  hours: 2,
  capacity: 3,
  seatCount: 1,
  waitCount: 0,
  mine: null,
  ...over,
})

test('China time: one date when it ends the same day, both when it runs past midnight', () => {
  expect(activityTime('2026-11-22T01:00:00.000Z', '2026-11-22T03:00:00.000Z')).toBe('2026-11-22 09:00–11:00')
  expect(activityTime('2026-11-22T14:00:00.000Z', '2026-11-22T17:00:00.000Z')).toBe('2026-11-22 22:00–2026-11-23 01:00')
})

test('a card shows title, theme, organiser, place, time, state, seats and waiting, and opens by id', () => {
  const open = jest.fn()
  render(<ActivityCard activity={row({ seatCount: 3, waitCount: 2, mine: 'waiting' })} onOpen={open} />)
  const card = screen.getByTestId('activity-card')
  for (const part of ['周末社区清洁', '主题：环境整治月', '北门社区 · 北门社区', '2026-11-22 09:00–11:00']) expect(card.textContent).toContain(part)
  expect(screen.getByTestId('activity-card-state').textContent).toBe('报名中')
  expect(screen.getByTestId('activity-card-seats').textContent).toBe('已报名 3/3 · 候补 2 人')
  // The caller's place is said in words, not only by the card's red edge.
  expect(screen.getByTestId('activity-card-mine').textContent).toBe('候补')
  expect(card.getAttribute('data-mine')).toBe('waiting')
  fireEvent.click(card)
  expect(open).toHaveBeenCalledWith('act-1')
})

test('no waiting count, no theme and no place of mine when there is none', () => {
  render(<ActivityCard activity={row({ themeTitle: null })} onOpen={() => {}} />)
  expect(screen.getByTestId('activity-card-seats').textContent).toBe('已报名 1/3')
  expect(screen.queryByTestId('activity-card-mine')).toBeNull()
  expect(screen.getByTestId('activity-card').textContent).not.toContain('主题')
})

test('an empty list says so', () => {
  render(<ActivityList items={[]} onOpen={() => {}} empty='还没有社区活动' testId='activities-list' />)
  expect(screen.getByTestId('activities-list-empty').textContent).toBe('还没有社区活动')
})
