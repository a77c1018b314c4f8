import { render, screen } from '@testing-library/react'
import { Placeholder } from './Placeholder'

test('says plainly what comes next, with no data', () => {
  render(<Placeholder title='微心愿'>这里将列出社区的心愿。</Placeholder>)
  const page = screen.getByTestId('placeholder')
  expect(page.textContent).toContain('微心愿')
  expect(page.textContent).toContain('这里将列出社区的心愿。')
  expect(page.textContent).toContain('该功能即将上线')
  expect(page.textContent).not.toMatch(/\d/)
})
