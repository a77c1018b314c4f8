import type { CSSProperties } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TABS, type TabPath } from './tabs'
import './TabBar.scss'

export interface TabBarProps {
  selected: TabPath | null
  /** Care mode's higher-contrast palette. */
  care: boolean
  /** Sizes the platform wrapper sets itself (weapp: in rpx, from the care scale). */
  itemStyle?: CSSProperties
}

/**
 * 首页 心愿 服务 我的, text only. The selected tab is bold, underlined and announced as selected,
 * never shown by colour alone; its label is as large as the page's text and grows with care mode,
 * which WeChat's native tab bar cannot do.
 */
export function TabBar({ selected, care, itemStyle }: TabBarProps) {
  return (
    <View className={`tab-bar${care ? ' care' : ''}`} role='navigation' aria-label='主菜单' data-testid='tab-bar'>
      <View className='tab-bar__list' role='tablist'>
        {TABS.map((tab) => {
          const on = tab.path === selected
          return (
            <View
              key={tab.path}
              className={`tab-bar__item${on ? ' tab-bar__item--selected' : ''}`}
              role='tab'
              aria-selected={on}
              data-testid='tab-bar-item'
              data-path={tab.path}
              style={itemStyle}
              onClick={() => {
                if (!on) void Taro.switchTab({ url: tab.path })
              }}
            >
              <Text>{tab.text}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
