import { fireEvent, render, screen } from '@testing-library/react'
import { LinkRow } from './LinkRow'

test('shows its title and hint, and a tap opens it', () => {
  const onClick = jest.fn()
  render(<LinkRow title='我的报到证' hint='双报到的办理进度' onClick={onClick} testId='mine-registration' />)
  const row = screen.getByTestId('mine-registration')
  expect(row.textContent).toBe('我的报到证双报到的办理进度›')
  fireEvent.click(screen.getByText('我的报到证'))
  expect(onClick).toHaveBeenCalledTimes(1)
})
