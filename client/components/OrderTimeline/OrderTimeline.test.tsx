import { render, screen } from '@testing-library/react'
import type { TimelineEntry } from '@domain/api/orders'
import { OrderTimeline } from './OrderTimeline'

afterEach(() => {
  document.body.innerHTML = ''
})

const entries: TimelineEntry[] = [
  { verb: 'order', label: '点单', text: '点单：帮忙修水管', from: null, to: 'ordered', byName: '王秀英', at: '2026-11-20T01:00:00.000Z' },
  { verb: 'decline', label: '社区不受理', text: '社区不受理', from: 'ordered', to: 'declined', byName: '陈红', at: '2026-11-20T02:30:00.000Z', reason: '不在本社区服务范围' },
  { verb: 'escalate', label: '超时督办', text: '超时督办，已通知街道党工委', from: 'ordered', to: 'ordered', byName: '系统', at: '2026-11-21T02:30:00.000Z', reason: '超时未接单' },
]

test('every step shows what, who and when (China time), and why when the text does not say it', () => {
  render(<OrderTimeline entries={entries} />)
  const steps = screen.getAllByTestId('order-step')
  expect(steps.map((s) => s.getAttribute('data-verb'))).toEqual(['order', 'decline', 'escalate'])
  expect(screen.getAllByTestId('order-step-label').map((e) => e.textContent)).toEqual(['点单', '社区不受理', '超时督办'])
  expect(screen.getAllByTestId('order-step-meta').map((e) => e.textContent)).toEqual(['王秀英 · 2026-11-20 09:00', '陈红 · 2026-11-20 10:30', '系统 · 2026-11-21 10:30'])
  // The reason of the decline is not in its text, so it gets its own line; the escalation's label is.
  expect(screen.getAllByTestId('order-step-reason').map((e) => e.textContent)).toEqual(['原因：不在本社区服务范围', '原因：超时未接单'])
  expect(steps[2].className).toContain('order-timeline__step--alert')
  // A text that only repeats the label (社区不受理) is shown once.
  expect(screen.getAllByTestId('order-step-text').map((e) => e.textContent)).toEqual(['点单：帮忙修水管', '超时督办，已通知街道党工委'])
})

test('a reason already written in the text is not repeated', () => {
  render(<OrderTimeline entries={[{ verb: 'confirm', label: '确认评价', text: '确认完成，评价5星：很及时，谢谢', from: 'done', to: 'confirmed', byName: '王秀英', at: '2026-11-20T01:00:00.000Z', reason: '很及时，谢谢' }]} />)
  expect(screen.queryByTestId('order-step-reason')).toBeNull()
  expect(screen.getByTestId('order-step-text').textContent).toBe('确认完成，评价5星：很及时，谢谢')
})
