import { useSyncExternalStore } from 'react'
import { useCareMode } from '@/hooks/useCareMode'
import { TabBar } from './TabBar'
import { tabSelection } from './tabs'

/**
 * h5: Taro draws no tab bar when `tabBar.custom` is set, so the app draws this one, once, after the
 * pages; it shows while a tab page is showing. Sized in rem, it grows with the page.
 */
export function AppTabBar() {
  const care = useCareMode()
  const selected = useSyncExternalStore(tabSelection.subscribe, tabSelection.get, tabSelection.get)
  return selected ? <TabBar selected={selected} care={care.on} /> : null
}
