import { fireEvent, render, screen } from '@testing-library/react'
import type { WishCard as WishCardData } from '@domain/api/wishes'
import { Chips, WallCountsBar, WishCard } from './WishCard'

afterEach(() => {
  document.body.innerHTML = ''
})

const card: WishCardData = {
  id: 'w1',
  title: '想要一台收音机',
  category: '孤寡老人',
  communityId: 'org-beimen',
  communityName: '北门社区',
  beneficiary: '王**（孤寡老人）',
  estimatedValue: 120,
  state: 'published',
  stateLabel: '待点亮',
  progress: '待点亮',
  updatedAt: '2026-11-20T02:00:00.000Z',
}

test('a wall card shows the wish, the masked beneficiary and progress, and opens it', () => {
  const opened: string[] = []
  render(<WishCard wish={card} onOpen={(id) => opened.push(id)} />)
  const el = screen.getByTestId('wish-card')
  expect(el.getAttribute('data-state')).toBe('published')
  expect(el.textContent).toContain('想要一台收音机')
  expect(el.textContent).toContain('王**（孤寡老人） · 约120元')
  expect(screen.getByTestId('wish-card-progress').textContent).toBe('待点亮')
  fireEvent.click(el)
  expect(opened).toEqual(['w1'])
})

test('the counts bar: 已审核 N · 已点亮 M · 已完成 K', () => {
  render(<WallCountsBar counts={{ reviewed: 7, lit: 3, done: 1 }} />)
  expect(screen.getByTestId('wall-count-reviewed').textContent).toBe('7已审核')
  expect(screen.getByTestId('wall-count-lit').textContent).toBe('3已点亮')
  expect(screen.getByTestId('wall-count-done').textContent).toBe('1已完成')
})

test('chips: one chosen, a tap chooses another', () => {
  const picked: string[] = []
  render(<Chips options={[{ id: 'all', label: '全部' }, { id: 'open', label: '待点亮' }]} value='all' onChange={(v) => picked.push(v)} testId='f' />)
  const chips = screen.getAllByTestId('wish-chip')
  expect(chips.map((c) => c.getAttribute('data-selected'))).toEqual(['true', 'false'])
  fireEvent.click(chips[1])
  expect(picked).toEqual(['open'])
})
