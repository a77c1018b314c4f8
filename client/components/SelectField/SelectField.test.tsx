import { useState } from 'react'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { SelectField, type SelectOption } from './SelectField'

const buildings: SelectOption[] = [
  { id: 'b1', name: '北门花园1栋', group: '北门花园小区' },
  { id: 'b2', name: '北门花园2栋', group: '北门花园小区' },
  { id: 'c1', name: '城南雅苑1栋', group: '城南雅苑小区' },
]

function Harness(props: { optional?: boolean; initial?: string; options?: SelectOption[]; disabled?: boolean }) {
  const [value, setValue] = useState<string | undefined>(props.initial)
  return (
    <>
      <SelectField
        label='楼栋'
        placeholder='请选择楼栋'
        options={props.options ?? buildings}
        value={value}
        onChange={setValue}
        optional={props.optional}
        disabled={props.disabled}
        emptyText='这个社区还没有登记楼栋'
        testId='field-building'
      />
      <span data-testid='value'>{value ?? '(none)'}</span>
    </>
  )
}

test('tapping the field lists the options by group; tapping one chooses it and closes the list', () => {
  render(<Harness />)
  expect(screen.getByTestId('field-building').textContent).toContain('请选择楼栋')
  fireEvent.click(screen.getByTestId('field-building'))

  const sheet = screen.getByTestId('field-building-sheet')
  expect(within(sheet).getByText('北门花园小区')).toBeTruthy()
  expect(within(sheet).getByText('城南雅苑小区')).toBeTruthy()
  fireEvent.click(within(sheet).getByText('北门花园2栋'))

  expect(screen.queryByTestId('field-building-sheet')).toBeNull()
  expect(screen.getByTestId('value').textContent).toBe('b2')
  expect(screen.getByTestId('field-building').textContent).toContain('北门花园2栋')
  expect(screen.getByTestId('field-building').getAttribute('data-value')).toBe('b2')
})

test('an optional field can be cleared with 不选; 取消 changes nothing', () => {
  render(<Harness optional initial='b1' />)
  fireEvent.click(screen.getByTestId('field-building'))
  fireEvent.click(screen.getByText('取消'))
  expect(screen.getByTestId('value').textContent).toBe('b1')

  fireEvent.click(screen.getByTestId('field-building'))
  fireEvent.click(screen.getByText('不选'))
  expect(screen.getByTestId('value').textContent).toBe('(none)')
})

test('with nothing to choose it says so; a disabled field does not open', () => {
  const { unmount } = render(<Harness options={[]} />)
  fireEvent.click(screen.getByTestId('field-building'))
  expect(screen.getByText('这个社区还没有登记楼栋')).toBeTruthy()
  unmount()

  render(<Harness disabled />)
  fireEvent.click(screen.getByTestId('field-building'))
  expect(screen.queryByTestId('field-building-sheet')).toBeNull()
})
