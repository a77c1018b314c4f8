import { useEffect, useMemo, type PropsWithChildren } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { tabOf, tabSelection } from '@/custom-tab-bar/tabs'
import { useCareMode } from '@/hooks/useCareMode'
import { careMode } from '@/services/careMode'
import { PageFrame } from './PageFrame'

type DataAttributes = { [name: `data-${string}`]: string | undefined }

export type PageProps = PropsWithChildren<{ className?: string } & DataAttributes>

/**
 * The root of every page. It draws the page at care mode's scale (PageFrame: page-meta's
 * root-font-size on weapp, the <html> font size on h5; every size in the styles is rem, so the
 * whole page grows), puts `.care` on the root for the higher-contrast palette, and tells the tab
 * bar which page is showing. docs/care-mode.md.
 */
export function Page(props: PageProps) {
  // Every other prop is a data-* attribute for the root (spread whole: no rest helper in the bundle).
  const { className = 'page', children } = props
  const care = useCareMode()
  const path = useMemo(() => Taro.getCurrentInstance().router?.path, [])
  const onTab = tabOf(path) !== null

  useEffect(() => tabSelection.show(path), [path])
  useDidShow(() => {
    careMode.refreshSystem()
    tabSelection.show(path)
  })

  const classes = [className, onTab ? 'page--tab' : '', care.on ? 'care' : ''].filter(Boolean).join(' ')
  return (
    <>
      <PageFrame scale={care.scale} />
      <View {...props} className={classes} role='main' data-care={care.on ? 'on' : 'off'}>
        {children}
      </View>
    </>
  )
}
