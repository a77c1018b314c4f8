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

/** Pages outside the tab bar, in subpackages; opened with navigateTo. */
export const SUB_PAGES = {
  register: '/packages/registration/pages/register/index',
  card: '/packages/registration/pages/card/index',
  pending: '/packages/registration/pages/pending/index',
  invite: '/packages/registration/pages/invite/index',
  members: '/packages/registration/pages/members/index',
  tree: '/packages/admin/pages/tree/index',
  roles: '/packages/admin/pages/roles/index',
  import: '/packages/admin/pages/import/index',
  requirements: '/packages/admin/pages/requirements/index',
  wishIntake: '/packages/wishes/pages/intake/index',
  wishReview: '/packages/wishes/pages/review/index',
  wishDetail: '/packages/wishes/pages/detail/index',
  wishPoster: '/packages/wishes/pages/poster/index',
  wishOutbox: '/packages/wishes/pages/outbox/index',
  wishSettings: '/packages/wishes/pages/settings/index',
  orderNew: '/packages/orders/pages/order/index',
  orderDetail: '/packages/orders/pages/detail/index',
  orderItems: '/packages/orders/pages/items/index',
  orderSettings: '/packages/orders/pages/settings/index',
} as const

export type SubPageName = keyof typeof SUB_PAGES

export function pageUrl(name: SubPageName, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
  const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
  return search ? `${SUB_PAGES[name]}?${search}` : SUB_PAGES[name]
}

export function openPage(name: SubPageName, query?: Record<string, string | undefined>): void {
  void Taro.navigateTo({ url: pageUrl(name, query) })
}

/** Leave this page for another without keeping it in the back stack (after a form is sent). */
export function replacePage(name: SubPageName, query?: Record<string, string | undefined>): void {
  void Taro.redirectTo({ url: pageUrl(name, query) })
}
