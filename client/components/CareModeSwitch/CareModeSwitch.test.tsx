import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Page } from '@/components/Page/Page'
import { careMode } from '@/services/careMode'
import { CARE_STORAGE_KEY } from '@/services/careModeCore'
import { CareModeSwitch } from './CareModeSwitch'

beforeEach(() => {
  window.localStorage.clear()
  careMode.reset()
  document.documentElement.style.removeProperty('--lx-scale')
})

function App() {
  return (
    <>
      <Page className='page' data-testid='page-mine'>
        <CareModeSwitch />
      </Page>
      <Page className='page' data-testid='page-other' />
    </>
  )
}

test('off at first: pages at standard size, the state written out', () => {
  render(<App />)
  const sw = screen.getByTestId('care-mode-switch')
  expect(sw.getAttribute('data-on')).toBe('false')
  expect(sw.getAttribute('role')).toBe('switch')
  expect(sw.getAttribute('aria-checked')).toBe('false')
  expect(screen.getByTestId('care-mode-state').textContent).toBe('已关闭')
  expect(screen.getByTestId('page-other').className).not.toContain('care')
  expect(document.documentElement.style.getPropertyValue('--lx-scale')).toBe('1')
})

test('one tap: every page goes to 1.25× with the care palette, and the choice is kept on the device', () => {
  render(<App />)
  fireEvent.click(screen.getByTestId('care-mode-switch'))

  expect(screen.getByTestId('care-mode-state').textContent).toBe('已开启')
  expect(screen.getByTestId('care-mode-switch').getAttribute('aria-checked')).toBe('true')
  for (const id of ['page-mine', 'page-other']) {
    expect(screen.getByTestId(id).className.split(' ')).toContain('care')
    expect(screen.getByTestId(id).getAttribute('data-care')).toBe('on')
  }
  expect(document.documentElement.style.getPropertyValue('--lx-scale')).toBe('1.25')
  expect(Taro.getStorageSync(CARE_STORAGE_KEY)).toBe(true)
})

test('the next start of the app reads the kept choice; a second tap turns it off again', () => {
  Taro.setStorageSync(CARE_STORAGE_KEY, true)
  render(<App />)
  expect(screen.getByTestId('page-other').className.split(' ')).toContain('care')
  expect(document.documentElement.style.getPropertyValue('--lx-scale')).toBe('1.25')

  act(() => {
    fireEvent.click(screen.getByTestId('care-mode-switch'))
  })
  expect(screen.getByTestId('page-other').className.split(' ')).not.toContain('care')
  expect(document.documentElement.style.getPropertyValue('--lx-scale')).toBe('1')
  expect(Taro.getStorageSync(CARE_STORAGE_KEY)).toBe(false)
})
