import { useSyncExternalStore } from 'react'
import { useCareMode } from '@/hooks/useCareMode'
import { TabBar } from './TabBar'
import { tabSelection } from './tabs'

/**
 * WeChat's custom tabBar (app.config.ts `tabBar.custom`): one instance under each tab page, all
 * reading the selection the showing page reports. Its size is set here in rpx from the care scale
 * as well, so the labels grow even where the bar's rem would not follow the page's page-meta.
 */
export default function CustomTabBar() {
  const care = useCareMode()
  const selected = useSyncExternalStore(tabSelection.subscribe, tabSelection.get, tabSelection.get)
  const px = (n: number) => `${Math.round(n * care.scale)}rpx`
  return <TabBar selected={selected} care={care.on} itemStyle={{ fontSize: px(36), minHeight: px(104) }} />
}
