import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ServiceItemView } from '@domain/api/orders'
import { OrderServiceItems } from './OrderServiceItems'

afterEach(() => {
  document.body.innerHTML = ''
})

const item = (id: string, over: Partial<ServiceItemView> = {}): ServiceItemView => ({
  id,
  communityId: 'org-beimen',
  category: '维修',
  title: '楼道灯每月巡检',
  description: '',
  skills: ['水电维修'],
  expectedHours: 2,
  capacity: 3,
  standing: true,
  active: true,
  joined: 1,
  seatsLeft: 2,
  mine: false,
  ...over,
})

test('only standing, active items; seats left, skills wanted, 我来认领 or 我已认领', () => {
  render(
    <OrderServiceItems
      items={[item('a'), item('b', { mine: true }), item('c', { seatsLeft: 0, joined: 3 }), item('d', { standing: false }), item('e', { active: false })]}
      onJoin={async () => {}}
    />,
  )
  const rows = screen.getAllByTestId('order-service-item')
  expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['a', 'b', 'c'])
  expect(rows[0].textContent).toContain('维修 · 约2小时 · 还剩2个名额')
  expect(rows[0].textContent).toContain('需要：水电维修')
  expect(rows[2].textContent).toContain('名额已满')
  // One button: b is mine already, c is full.
  expect(screen.getAllByTestId('order-item-join')).toHaveLength(1)
  expect(screen.getByTestId('order-item-mine').textContent).toBe('我已认领')
})

test('a refused claim shows its message under that item', async () => {
  const joined: string[] = []
  render(
    <OrderServiceItems
      items={[item('a')]}
      onJoin={async (id) => {
        joined.push(id)
        throw new Error('名额已满')
      }}
    />,
  )
  fireEvent.click(screen.getByTestId('order-item-join'))
  expect((await screen.findByTestId('order-item-error')).textContent).toBe('名额已满')
  await waitFor(() => expect(joined).toEqual(['a']))
})

test('no standing items: says so', () => {
  render(<OrderServiceItems items={[item('d', { standing: false })]} onJoin={async () => {}} />)
  expect(screen.getByTestId('order-items-empty')).toBeTruthy()
})
