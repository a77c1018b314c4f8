import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { NumberStepper, parseTyped, stepped, type StepBounds } from './NumberStepper'

afterEach(() => {
  document.body.innerHTML = ''
})

const HALF_HOURS: StepBounds = { min: 0.5, max: 24, step: 0.5 }
const COUNT: StepBounds = { min: 0, max: 3, step: 1 }

test.each([
  ['2', COUNT, 1, '3'],
  ['3', COUNT, 1, '3'],
  ['0', COUNT, -1, '0'],
  ['1.6', COUNT, -1, '1'],
  ['', COUNT, 1, '1'],
  ['abc', COUNT, -1, '0'],
  ['1.5', HALF_HOURS, 1, '2'],
  ['1.3', HALF_HOURS, 1, '2'],
  ['0.5', HALF_HOURS, -1, '0.5'],
  ['24', HALF_HOURS, 1, '24'],
  ['99', HALF_HOURS, -1, '24'],
] as const)('stepped(%p) within %o by %p is %p', (text, bounds, direction, expected) => {
  expect(stepped(text, bounds, direction)).toBe(expected)
})

test.each([
  ['12', 12],
  [' 1.5 ', 1.5],
  ['-3', -3],
])('parseTyped(%p) is %p', (text, expected) => {
  expect(parseTyped(text)).toBe(expected)
})

test.each(['', '1e3', '0x10', '1,5', '一'])('parseTyped(%p) is NaN, for the schema to name', (text) => {
  expect(parseTyped(text)).toBeNaN()
})

function Harness({ initial, bounds, unit }: { initial: string; bounds: StepBounds; unit?: string }) {
  const [value, setValue] = useState(initial)
  return <NumberStepper testId='days' label='自动释放天数' value={value} bounds={bounds} unit={unit} onChange={setValue} />
}

test('taps move the value by the step and stop at the bounds, where the button greys out', () => {
  render(<Harness initial='2' bounds={COUNT} />)
  const input = () => screen.getByTestId('days-input') as HTMLInputElement
  fireEvent.click(screen.getByTestId('days-plus'))
  expect(input().value).toBe('3')
  expect(screen.getByTestId('days-plus').getAttribute('data-off')).toBe('true')
  fireEvent.click(screen.getByTestId('days-plus'))
  expect(input().value).toBe('3')
  for (let i = 0; i < 5; i++) fireEvent.click(screen.getByTestId('days-minus'))
  expect(input().value).toBe('0')
  expect(screen.getByTestId('days-minus').getAttribute('data-off')).toBe('true')
  expect(screen.getByTestId('days-plus').getAttribute('data-off')).toBe('false')
})

test('a unit is shown beside the value only when given', () => {
  const { container, unmount } = render(<Harness initial='2' bounds={HALF_HOURS} unit='小时' />)
  expect(container.textContent).toContain('小时')
  unmount()
  const plain = render(<Harness initial='2' bounds={COUNT} />)
  expect(plain.container.querySelector('.number-stepper__unit')).toBeNull()
})

test('the buttons and the number are named for a screen reader', () => {
  render(<Harness initial='2' bounds={COUNT} />)
  expect(screen.getByTestId('days-minus').getAttribute('aria-label')).toBe('减少自动释放天数')
  expect(screen.getByTestId('days-plus').getAttribute('aria-label')).toBe('增加自动释放天数')
  expect(screen.getByTestId('days-plus').getAttribute('role')).toBe('button')
})
