import { render, screen } from '@testing-library/react'
import { ActivityTimeline } from './ActivityTimeline'

afterEach(() => {
  document.body.innerHTML = ''
})

test('each step with its label, reason, who and China time; nothing at all for an empty history', () => {
  render(
    <ActivityTimeline
      items={[
        { verb: 'publish', label: '发布活动', byName: '陈红', at: '2026-11-20T01:00:00.000Z', reason: null },
        { verb: 'cancel', label: '取消活动', byName: '陈红', at: '2026-11-21T02:30:00.000Z', reason: '天气原因' },
      ]}
    />,
  )
  const steps = screen.getAllByTestId('activity-step')
  expect(steps.map((s) => s.getAttribute('data-verb'))).toEqual(['publish', 'cancel'])
  expect(screen.getAllByTestId('activity-step-meta').map((m) => m.textContent)).toEqual(['陈红 · 2026-11-20 09:00', '陈红 · 2026-11-21 10:30'])
  expect(screen.getByTestId('activity-step-reason').textContent).toBe('原因：天气原因')
  document.body.innerHTML = ''
  const { container } = render(<ActivityTimeline items={[]} />)
  expect(container.textContent).toBe('')
})
