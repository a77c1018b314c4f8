import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { ChoiceTags } from './ChoiceTags'

function Harness({ max, initial = [] }: { max?: number; initial?: string[] }) {
  const [selected, setSelected] = useState<string[]>(initial)
  return (
    <>
      <ChoiceTags options={['水电维修', '医疗护理', '法律咨询']} selected={selected} onChange={setSelected} max={max} />
      <span data-testid='picked'>{selected.join(',')}</span>
    </>
  )
}

const tag = (value: string) => screen.getAllByTestId('choice-tag').find((t) => t.getAttribute('data-value') === value)!

test('tapping a tag turns it on, tapping again turns it off; order follows the list', () => {
  render(<Harness />)
  fireEvent.click(screen.getByText('法律咨询'))
  fireEvent.click(screen.getByText('水电维修'))
  expect(screen.getByTestId('picked').textContent).toBe('水电维修,法律咨询')
  expect(tag('水电维修').getAttribute('data-selected')).toBe('true')
  expect(tag('水电维修').textContent).toBe('✓ 水电维修')

  fireEvent.click(tag('水电维修'))
  expect(screen.getByTestId('picked').textContent).toBe('法律咨询')
  expect(tag('水电维修').getAttribute('data-selected')).toBe('false')
})

test('beyond the maximum a further tag is not turned on', () => {
  render(<Harness max={1} initial={['医疗护理']} />)
  fireEvent.click(screen.getByText('法律咨询'))
  expect(screen.getByTestId('picked').textContent).toBe('医疗护理')
})
