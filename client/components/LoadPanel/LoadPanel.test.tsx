import { fireEvent, render, screen } from '@testing-library/react'
import { ApiError } from '@/services/ApiError'
import { LoadPanel } from './LoadPanel'

test('while loading it says so', () => {
  render(<LoadPanel error={null} onRetry={() => {}} />)
  expect(screen.getByTestId('loading').textContent).toBe('正在加载…')
  expect(screen.queryByText('重试')).toBeNull()
})

test('an error shows its Chinese message, and 重试 asks again', () => {
  const onRetry = jest.fn()
  render(<LoadPanel error={new ApiError('NETWORK.UNAVAILABLE')} onRetry={onRetry} />)
  expect(screen.getByTestId('load-error').textContent).toContain('网络不给力，请检查网络后重试')
  fireEvent.click(screen.getByText('重试'))
  expect(onRetry).toHaveBeenCalledTimes(1)
})
