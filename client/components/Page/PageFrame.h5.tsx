import { useEffect, useLayoutEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { PageFrameProps } from './PageFrame'

/**
 * h5: app.scss sizes <html> as Taro's start-up script does, times --lx-scale; every style is in
 * rem, so the page grows with it. Set before paint, so a page never flashes at the wrong size.
 *
 * Taro's h5 page container (div.taro_page, its id the page's path) is what scrolls; made
 * focusable, a keyboard can scroll a page that has nothing else to focus.
 */
export function PageFrame({ scale }: PageFrameProps) {
  const [containerId] = useState(() => (Taro.getCurrentInstance().page as { path?: string } | null)?.path)

  useLayoutEffect(() => {
    document.documentElement.style.setProperty('--lx-scale', String(scale))
  }, [scale])

  useEffect(() => {
    const container = containerId ? document.getElementById(containerId) : null
    if (container && !container.hasAttribute('tabindex')) container.tabIndex = 0
  }, [containerId])

  return null
}
