import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { careMode } from '@/services/careMode'
import { AppTabBar } from './AppTabBar.h5'
import { TabBar } from './TabBar'
import { tabOf, tabSelection } from './tabs'

let switchTab: jest.SpyInstance
beforeEach(() => {
  switchTab = jest.spyOn(Taro, 'switchTab').mockImplementation(async () => ({ errMsg: 'switchTab:ok' }))
  window.localStorage.clear()
  careMode.reset()
})
afterEach(() => {
  switchTab.mockRestore()
  act(() => tabSelection.show(undefined))
})

const items = () => screen.getAllByTestId('tab-bar-item')

test('four text labels in app.config order; the selected one is marked for screen readers too', () => {
  render(<TabBar selected='/pages/services/index' care={false} />)
  expect(items().map((i) => i.textContent)).toEqual(['首页', '心愿', '服务', '我的'])
  expect(screen.getByTestId('tab-bar').getAttribute('role')).toBe('navigation')
  expect(screen.getByRole('tablist').children).toHaveLength(4)
  expect(items().map((i) => i.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true', 'false'])
  expect(items().map((i) => i.className.includes('tab-bar__item--selected'))).toEqual([false, false, true, false])
})

test('tapping another tab switches to it; tapping the selected one does nothing', () => {
  render(<TabBar selected='/pages/home/index' care={false} />)
  fireEvent.click(items()[3])
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' })
  fireEvent.click(items()[0])
  expect(switchTab).toHaveBeenCalledTimes(1)
})

test('h5: one bar beside the pages, shown while a tab page shows, following care mode', () => {
  expect(tabOf('pages/mine/index')).toBe('/pages/mine/index')
  expect(tabOf('/packages/orders/pages/detail/index?id=1')).toBeNull()

  render(<AppTabBar />)
  expect(screen.queryByTestId('tab-bar')).toBeNull()

  act(() => tabSelection.show('/pages/wishes/index'))
  expect(screen.getByTestId('tab-bar').className).toBe('tab-bar')
  expect(items().find((i) => i.getAttribute('aria-selected') === 'true')?.textContent).toBe('心愿')

  act(() => careMode.setOn(true))
  expect(screen.getByTestId('tab-bar').className.split(' ')).toContain('care')

  act(() => tabSelection.show('/packages/wishes/pages/detail/index'))
  expect(screen.queryByTestId('tab-bar')).toBeNull()
})
