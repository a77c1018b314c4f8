import { useLayoutEffect } from 'react'
import type { PageScaleProps } from './PageScale'

/**
 * h5: app.scss sizes <html> as Taro's start-up script does, times --lx-scale; every style is in
 * rem, so the page grows with it. Before paint, so a page never flashes at the wrong size.
 */
export function PageScale({ scale }: PageScaleProps) {
  useLayoutEffect(() => {
    document.documentElement.style.setProperty('--lx-scale', String(scale))
  }, [scale])
  return null
}
