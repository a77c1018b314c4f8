import { fireEvent, render, screen } from '@testing-library/react'
import { role } from '@/test-support/fixtures'
import { RoleList } from './RoleList'

const roles = [role('resident'), role('member', '北门社区'), role('grid_worker', '北门社区第三网格')]

test('lists every role with its scope and marks the current one', () => {
  render(<RoleList roles={roles} active='member' onPick={() => {}} />)
  const items = screen.getAllByTestId('role-option')
  expect(items.map((i) => i.getAttribute('data-role'))).toEqual(['resident', 'member', 'grid_worker'])
  expect(items[1].textContent).toBe('在职党员北门社区当前身份')
  expect(items[2].textContent).toContain('北门社区第三网格')
  expect(items[1].getAttribute('data-active')).toBe('true')
})

test('tapping another role picks it; tapping the current one does nothing', () => {
  const onPick = jest.fn()
  render(<RoleList roles={roles} active='member' onPick={onPick} />)
  fireEvent.click(screen.getByText('网格员'))
  fireEvent.click(screen.getByText('在职党员'))
  expect(onPick.mock.calls).toEqual([['grid_worker']])
})

test('while a switch is under way taps are ignored and the target shows 切换中', () => {
  const onPick = jest.fn()
  render(<RoleList roles={roles} active='resident' pending='member' onPick={onPick} />)
  expect(screen.getByText('切换中…')).toBeTruthy()
  fireEvent.click(screen.getByText('网格员'))
  expect(onPick).not.toHaveBeenCalled()
})
