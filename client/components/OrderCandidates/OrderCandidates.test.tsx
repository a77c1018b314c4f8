import { fireEvent, render, screen } from '@testing-library/react'
import type { CandidateView } from '@domain/api/orders'
import { OrderCandidates } from './OrderCandidates'

afterEach(() => {
  document.body.innerHTML = ''
})

const parts = { skill: 60, near: 20, freeTime: 0, load: 15, balance: 0 }
const candidates: CandidateView[] = [
  { id: 'u-li', name: '李建国', score: 95.4, parts, reasons: ['擅长水电维修', '同一网格', '当前没有待办的服务单'] },
  { id: 'u-ma', name: '马晓东', score: 27, parts: { ...parts, skill: 0 }, reasons: ['未登记水电维修特长', '同一楼栋'] },
]

test('the top candidate is marked 推荐, every candidate shows the reasons, in the order given', () => {
  render(<OrderCandidates candidates={candidates} onDispatch={() => {}} />)
  const items = screen.getAllByTestId('order-candidate')
  expect(items.map((i) => [i.getAttribute('data-id'), i.getAttribute('data-rank')])).toEqual([['u-li', '1'], ['u-ma', '2']])
  expect(screen.getAllByTestId('order-candidate-name').map((n) => n.textContent)).toEqual(['推荐 李建国', '马晓东'])
  expect(items[0].textContent).toContain('95分')
  const reasons = (el: HTMLElement) => Array.from(el.querySelectorAll('[data-testid="order-candidate-reason"]')).map((r) => r.textContent)
  expect(reasons(items[0])).toEqual(['擅长水电维修', '同一网格', '当前没有待办的服务单'])
  expect(reasons(items[1])).toEqual(['未登记水电维修特长', '同一楼栋'])
})

test('派单 dispatches the candidate pressed; nothing while busy', () => {
  const picked: string[] = []
  const { rerender } = render(<OrderCandidates candidates={candidates} onDispatch={(c) => picked.push(c.id)} />)
  fireEvent.click(screen.getAllByTestId('order-candidate-dispatch')[1])
  expect(picked).toEqual(['u-ma'])
  rerender(<OrderCandidates candidates={candidates} busy onDispatch={(c) => picked.push(c.id)} />)
  fireEvent.click(screen.getAllByTestId('order-candidate-dispatch')[0])
  expect(picked).toEqual(['u-ma'])
})

test('no candidates: says so instead of an empty sheet', () => {
  render(<OrderCandidates candidates={[]} onDispatch={() => {}} />)
  expect(screen.getByTestId('order-candidates-empty').textContent).toContain('暂无可派单')
})
