import { useState } from 'react'
import Taro from '@tarojs/taro'
import { PageMeta } from '@tarojs/components'
import type { PageFrameProps } from './PageFrame'

/**
 * weapp: the build writes every size as rem with 1rem = windowWidth / 20 (config/index.ts:
 * pxtransform rem, baseFontSize 18.75), which is also WeChat's default rem, so a page is drawn
 * exactly as with rpx until scaled. page-meta's root-font-size sets that rem times the care scale
 * (the page's config says `enablePageMeta: true`; scripts/taro/slimPageMeta.ts keeps only this
 * attribute and the resize event in the page's template). The resize event follows a window that
 * changes width (PC WeChat, rotation).
 */
export function PageFrame({ scale }: PageFrameProps) {
  const [width, setWidth] = useState(() => (Taro.getWindowInfo ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).windowWidth)
  const rem = Math.round((width / 20) * scale * 100) / 100
  return <PageMeta rootFontSize={`${rem}px`} onResize={(e) => setWidth(e.detail.size.windowWidth)} />
}
