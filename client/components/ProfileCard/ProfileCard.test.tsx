import { render, screen } from '@testing-library/react'
import { who } from '@/test-support/fixtures'
import { ProfileCard } from './ProfileCard'

test('shows the name and the masked phone', () => {
  render(<ProfileCard who={who({ displayName: '周桂英', phoneMasked: '139****0021' })} />)
  expect(screen.getByTestId('mine-name').textContent).toBe('周桂英')
  expect(screen.getByTestId('mine-phone').textContent).toBe('手机：139****0021')
})

test('without a phone it says none is bound', () => {
  render(<ProfileCard who={who({ phoneMasked: null })} />)
  expect(screen.getByTestId('mine-phone').textContent).toBe('尚未绑定手机号')
})
