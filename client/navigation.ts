import Taro from '@tarojs/taro'

/** The four tab pages; tiles and links may only point at these with switchTab. */
export const TAB_PAGES = {
  home: '/pages/home/index',
  wishes: '/pages/wishes/index',
  services: '/pages/services/index',
  mine: '/pages/mine/index',
} as const

export type TabName = keyof typeof TAB_PAGES

export function openTab(tab: TabName): void {
  void Taro.switchTab({ url: TAB_PAGES[tab] })
}

export const COMING_SOON = '该功能即将上线'

/** For entries whose feature is not built yet: say so, never pretend. */
export function showComingSoon(): void {
  void Taro.showToast({ title: COMING_SOON, icon: 'none', duration: 2000 })
}
