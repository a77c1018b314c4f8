import { useState } from 'react'
import Taro from '@tarojs/taro'
import { NavigationBar, PageMeta } from '@tarojs/components'
import type { PageFrameProps } from './PageFrame'

/**
 * weapp: the build writes every size as rem with 1rem = windowWidth / 20 (config/index.ts:
 * pxtransform rem, baseFontSize 18.75), which is also WeChat's default rem, so a page is drawn
 * exactly as with rpx until scaled. page-meta's root-font-size sets that rem times the care scale
 * (the page's config says `enablePageMeta: true`). Its resize event follows a window that changes
 * width (PC WeChat, rotation).
 *
 * Taro's page template always puts a navigation-bar inside page-meta, and one left empty would
 * apply an empty title and black text; so it carries the page's own title and the app's colours
 * (app.config.ts window).
 */
export function PageFrame({ scale, title }: PageFrameProps) {
  const [width, setWidth] = useState(() => (Taro.getWindowInfo ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).windowWidth)
  const [configured] = useState(() => (Taro.getCurrentInstance().page?.config as { navigationBarTitleText?: string } | undefined)?.navigationBarTitleText ?? '')
  const rem = Math.round((width / 20) * scale * 100) / 100
  return (
    <PageMeta rootFontSize={`${rem}px`} onResize={(e) => setWidth(e.detail.size.windowWidth)}>
      <NavigationBar title={title ?? configured} frontColor='#ffffff' backgroundColor='#C8161D' />
    </PageMeta>
  )
}
