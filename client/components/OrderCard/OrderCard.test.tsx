import { fireEvent, render, screen } from '@testing-library/react'
import type { OrderRow } from '@domain/api/orders'
import { OrderCard, OrderList } from './OrderCard'

afterEach(() => {
  document.body.innerHTML = ''
})

const row: OrderRow = {
  id: 'o1',
  state: 'ordered',
  stateLabel: '待接单',
  category: '维修',
  description: '帮忙修水管',
  skills: [],
  preferredAt: '2026-11-21T06:00:00.000Z',
  urgency: 'urgent',
  urgencyLabel: '紧急',
  residentName: '王秀英',
  communityName: '北门社区',
  buildingName: '北门花园1栋',
  assigneeName: null,
  overdue: { label: '超时未接单', level: 'street', levelLabel: '街道党工委', deadline: '2026-11-21T01:00:00.000Z' },
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
}

test('a card shows what, for whom, where, when, its state and the overdue flag, and opens the order', () => {
  const opened: string[] = []
  render(<OrderCard order={row} onOpen={(id) => opened.push(id)} />)
  const card = screen.getByTestId('order-card')
  expect(card.getAttribute('data-state')).toBe('ordered')
  expect(card.getAttribute('data-overdue')).toBe('true')
  expect(card.textContent).toContain('维修 · 紧急')
  expect(card.textContent).toContain('王秀英 · 北门花园1栋')
  expect(card.textContent).toContain('希望时间：2026-11-21 14:00')
  expect(screen.getByTestId('order-card-state').textContent).toBe('待接单')
  expect(screen.getByTestId('order-card-overdue').textContent).toBe('超时未接单，已通知街道党工委')
  fireEvent.click(card)
  expect(opened).toEqual(['o1'])
})

test('the resident’s own list names the helper; an order on time has no flag', () => {
  render(<OrderCard order={{ ...row, state: 'claimed', stateLabel: '待服务', urgency: 'normal', assigneeName: '李建国', overdue: null }} onOpen={() => {}} show='assignee' />)
  const card = screen.getByTestId('order-card')
  expect(card.getAttribute('data-overdue')).toBe('false')
  expect(card.textContent).toContain('服务党员：李建国 · 北门花园1栋')
  expect(card.textContent).not.toContain('紧急')
  expect(screen.queryByTestId('order-card-overdue')).toBeNull()
})

test('an empty list says so', () => {
  render(<OrderList items={[]} onOpen={() => {}} empty='还没有服务单' testId='mine' />)
  expect(screen.getByTestId('mine-empty').textContent).toBe('还没有服务单')
})
